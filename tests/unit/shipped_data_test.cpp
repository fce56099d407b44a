// The shipped knowledge base keeps the project's rules for facts: every fact has a source,
// every source says who published it, quotes are a few words, and quotes with offsets into
// the seed article match its bytes (checked when ../shared/seed is beside the clone).
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "orgkg/json.h"
#include "support/test_support.h"

namespace orgkg {
namespace {

constexpr const char* kSeedFile = "/../shared/seed/000_b2a763e40a238bef.txt";
constexpr const char* kSeedSource = "tass-2017-04-12";

std::size_t word_count(const std::string& text) {
  std::istringstream words(text);
  std::size_t count = 0;
  for (std::string word; words >> word;) ++count;
  return count;
}

Document read_shipped(const char* name) {
  const std::string text = test::read_text(test::source_dir() + "/data/" + name);
  DocumentReadResult read = read_document(text, name);
  REQUIRE(read.errors.empty());
  return std::move(*read.document);
}

TEST_CASE("every shipped fact cites a source, with a short quote") {
  for (const char* name : {"csto.json", "post-soviet.json", "tass-2017-04-12.json"}) {
    CAPTURE(name);
    const Document document = read_shipped(name);
    for (const Source& source : document.sources) {
      CAPTURE(source.id);
      CHECK(source.publisher.has_value());
      CHECK(source.title.has_value());
    }
    for (const Fact& fact : document.facts) {
      CAPTURE(fact_identity(fact));
      CHECK_FALSE(fact.sources.empty());
      for (const Citation& citation : fact.sources) {
        REQUIRE(citation.quote.has_value());
        CHECK(word_count(*citation.quote) <= 14);
      }
    }
  }
}

TEST_CASE("quotes from the seed article match its bytes at their offsets") {
  const std::string seed_path = test::source_dir() + kSeedFile;
  if (!std::filesystem::exists(seed_path)) {
    MESSAGE("../shared/seed is not beside the clone; offsets not checked");
    return;
  }
  const std::string seed = test::read_text(seed_path);
  const Document document = read_shipped("tass-2017-04-12.json");
  std::size_t checked = 0;
  for (const Fact& fact : document.facts) {
    for (const Citation& citation : fact.sources) {
      if (citation.source != kSeedSource) continue;
      REQUIRE(citation.offset_start.has_value());
      REQUIRE(*citation.offset_end <= seed.size());
      CHECK(seed.substr(*citation.offset_start, *citation.offset_end - *citation.offset_start) ==
            *citation.quote);
      ++checked;
    }
  }
  CHECK(checked == document.facts.size());
}

}  // namespace
}  // namespace orgkg
