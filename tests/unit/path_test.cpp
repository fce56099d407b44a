#include "orgkg/path.h"

#include <doctest/doctest.h>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

std::string chain(const KnowledgeGraph& graph, const std::optional<std::vector<PathStep>>& steps) {
  if (!steps) return "none";
  std::string out;
  for (const PathStep& step : *steps) {
    out += graph.entity(step.from).id.value + (step.forward ? " -" : " <-") +
           std::string(relation_name(graph.fact(step.row.fact).relation)) +
           (step.forward ? "-> " : "- ") + graph.entity(step.to).id.value + '\n';
  }
  return out;
}

TEST_CASE("the shortest chain follows facts both ways, only those that hold") {
  const auto kb = test::small_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex ostland = test::entity(graph, "ostland");
  const EntityIndex sudria = test::entity(graph, "sudria");
  const EntityIndex nordia = test::entity(graph, "nordia");
  CHECK(chain(graph, connection(graph, ostland, sudria, test::at("2006"))) ==
        "ostland -member_of-> npact\nnpact <-member_of- sudria\n");
  // In 2012 Ostland is an observer of the northern pact, Südria only in the southern one.
  CHECK(chain(graph, connection(graph, ostland, sudria, test::at("2012"))) ==
        "ostland -member_of-> npact\nnpact <-member_of- westmark\nwestmark -member_of-> spact\n"
        "spact <-member_of- sudria\n");
  CHECK(chain(graph, connection(graph, ostland, nordia, test::at("2012"))) ==
        "ostland -signatory_of-> ntreaty\nntreaty <-signatory_of- nordia\n");
  CHECK(chain(graph, connection(graph, sudria, sudria, test::at("2012"))).empty());
  CHECK(chain(graph, connection(graph, sudria, nordia, test::at("1990"))) == "none");
  CHECK(chain(graph, connection(graph, sudria, nordia, DateSelection{})) ==
        "sudria -member_of-> spact\nspact <-member_of- nordia\n");
}

TEST_CASE("on the CSTO data: Georgia and Belarus were linked in 1995, not in 2005") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex georgia = test::entity(graph, "georgia");
  const EntityIndex belarus = test::entity(graph, "belarus");
  const auto in_1995 = connection(graph, georgia, belarus, test::at("1995"));
  REQUIRE(in_1995.has_value());
  CHECK(in_1995->size() == 2);
  // Only the signature (which does not end) still links them after 1999.
  const auto in_2005 = connection(graph, georgia, belarus, test::at("2005"));
  REQUIRE(in_2005.has_value());
  CHECK(graph.fact((*in_2005)[0].row.fact).relation == Relation::kSignatoryOf);
}

}  // namespace
}  // namespace orgkg
