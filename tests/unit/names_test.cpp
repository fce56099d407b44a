#include "orgkg/names.h"

#include <doctest/doctest.h>

#include <array>
#include <string_view>

namespace orgkg {
namespace {

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
