#include "orgkg/names.h"

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>

namespace orgkg {
namespace {

TEST_CASE("ASCII names fold as the Unicode path folds them, for every ASCII character") {
  // A name with a letter that is not ASCII goes through utf8proc; without it, through the
  // ASCII path. Both must fold the same characters the same way.
  for (int c = 1; c < 128; ++c) {
    const std::string ascii = std::string("x") + static_cast<char>(c) + "Y";
    CAPTURE(c);
    CHECK(fold_name(ascii + "é") == fold_name(ascii) + "e");
    CHECK(fold_name("é" + ascii) == "e" + fold_name(ascii));
  }
}

TEST_CASE("names fold case, accents and separators in any script") {
  struct Case {
    const char* name;
    const char* folded;
  } cases[] = {
      {"CSTO", "csto"},
      {"ОДКБ", "одкб"},
      {"Организация Договора", "организация договора"},
      {"Türkiye", "turkiye"},
      {"CÔTE D’IVOIRE", "cote d'ivoire"},
      {"  Kyrgyz   Republic ", "kyrgyz republic"},
      {"u.s.", "u s"},
      {"Bosnia-Herzegovina", "bosnia herzegovina"},
      {"STRASSE", "strasse"},
      {"Straße", "strasse"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(fold_name(c.name) == c.folded);
  }
  CHECK(fold_name("\xff\xfe ABC") == "\xff\xfe abc");  // invalid UTF-8: ASCII folding only
}

TEST_CASE("edit distance counts code points and adjacent transpositions") {
  CHECK(edit_distance("csto", "csto") == 0);
  CHECK(edit_distance("ctso", "csto") == 1);
  CHECK(edit_distance("kyrgystan", "kyrgyzstan") == 1);
  CHECK(edit_distance("одкб", "одк") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("member_of", "memberof") == 1);
}

TEST_CASE("closest_name suggests plausible typos only") {
  constexpr std::array<std::string_view, 4> names = {"Kyrgyzstan", "Kazakhstan", "Russia",
                                                     "member_of"};
  CHECK(closest_name("Kyrgystan", names) == std::optional<std::string_view>("Kyrgyzstan"));
  CHECK(closest_name("RUSIA", names) == std::optional<std::string_view>("Russia"));
  CHECK(closest_name("memberof", names) == std::optional<std::string_view>("member_of"));
  CHECK_FALSE(closest_name("Portugal", names).has_value());
}

}  // namespace
}  // namespace orgkg
