#include "orgkg/search.h"

#include <doctest/doctest.h>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

std::string found(const KnowledgeGraph& graph, const char* text, std::size_t limit = 10) {
  std::string out;
  for (const SearchMatch& match : search_entities(graph, text, limit)) {
    if (!out.empty()) out += ' ';
    out += graph.entity(match.entity).id.value + ':' + std::to_string(match.score);
  }
  return out;
}

TEST_CASE("search ranks exact, prefix, word, substring and typo matches") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  CHECK(found(graph, "CSTO") == "csto:0 cst:5");
  CHECK(found(graph, "одкб") == "csto:0");
  CHECK(found(graph, "Kirgistan") == "kyrgyzstan:7");
  CHECK(found(graph, "collective") == "cst:1 csto:1");
  CHECK(found(graph, "security") == "cst:2 csto:2");
  CHECK(found(graph, "zakh") == "kazakhstan:3");
  CHECK(found(graph, "republic", 3) == "cuba:1 armenia:1 belarus:1");  // shorter names first
  CHECK(found(graph, "Ruşsia") == "russia:0");
  CHECK(found(graph, "Portugal").empty());
  CHECK(found(graph, "  ").empty());
}

}  // namespace
}  // namespace orgkg
