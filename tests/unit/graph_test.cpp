#include "orgkg/graph.h"

#include <doctest/doctest.h>

#include "support/test_support.h"

namespace orgkg {
namespace {

Entity make_entity(const char* id, EntityKind kind, const char* name,
                   std::vector<std::string> aliases = {}) {
  return Entity{EntityId{id}, kind, name, std::move(aliases), {}};
}

Fact membership(const char* member, const char* org, const char* from) {
  Fact fact;
  fact.subject = EntityId{member};
  fact.relation = Relation::kMemberOf;
  fact.object = EntityId{org};
  fact.validity.from = test::date(from);
  return fact;
}

TEST_CASE("entities are found by id, and by name or alias whatever the case and accents") {
  KnowledgeGraph graph;
  REQUIRE(graph
              .add_entity(make_entity("csto", EntityKind::kOrganization,
                                      "Collective Security Treaty Organization", {"CSTO", "ОДКБ"}))
              .is_ok());
  REQUIRE(
      graph.add_entity(make_entity("turkiye", EntityKind::kState, "Türkiye", {"Turkey"})).is_ok());
  CHECK(graph.find_id("csto") == 0u);
  CHECK_FALSE(graph.find_id("CSTO").has_value());
  CHECK(graph.find_name("одкб") == 0u);
  CHECK(graph.find_name("ОДКБ") == 0u);
  CHECK(graph.find_name("collective security treaty organization") == 0u);
  CHECK(graph.find_name("TURKIYE") == 1u);
  CHECK(graph.find_name("turkey") == 1u);
  CHECK_FALSE(graph.find_name("Turkmenistan").has_value());
  CHECK(graph.closest_entity("Turky") == 1u);
  CHECK(graph.closest_entity("CTSO") == 0u);
  CHECK_FALSE(graph.closest_entity("Portugal").has_value());
}

TEST_CASE("an alias that would name two entities is refused, naming the other") {
  KnowledgeGraph graph;
  REQUIRE(graph.add_entity(make_entity("georgia", EntityKind::kState, "Georgia")).is_ok());
  const Result<EntityIndex> clash =
      graph.add_entity(make_entity("us-ga", EntityKind::kPlace, "State of Georgia", {"GEORGIA"}));
  REQUIRE_FALSE(clash.is_ok());
  CHECK(clash.status().message() ==
        "'GEORGIA' already names entity 'georgia' (Georgia); an id, name or alias must name one "
        "entity");
  CHECK(graph.entity_count() == 1);
  CHECK_FALSE(graph.find_name("State of Georgia").has_value());  // nothing half-added
  const Result<EntityIndex> same_id =
      graph.add_entity(make_entity("georgia", EntityKind::kState, "Sakartvelo"));
  REQUIRE_FALSE(same_id.is_ok());
  CHECK(same_id.status().message() == "entity id 'georgia' is already defined");
}

TEST_CASE("facts are edges (several per pair) or events of their subject") {
  KnowledgeGraph graph;
  REQUIRE(graph.add_entity(make_entity("org", EntityKind::kOrganization, "Org")).is_ok());
  REQUIRE(graph.add_entity(make_entity("a", EntityKind::kState, "A")).is_ok());
  REQUIRE(graph.add_entity(make_entity("b", EntityKind::kState, "B")).is_ok());
  const auto first = graph.add_fact(membership("a", "org", "1992"));
  const auto second = graph.add_fact(membership("a", "org", "2006"));
  const auto third = graph.add_fact(membership("b", "org", "1993"));
  Fact established;
  established.subject = EntityId{"org"};
  established.relation = Relation::kEstablished;
  established.date = test::date("2002");
  const auto event = graph.add_fact(established);
  CHECK_FALSE(graph.is_built());
  graph.finish_build();
  CHECK(graph.is_built());
  CHECK_FALSE(first.merged);
  CHECK(graph.facts_into(0, Relation::kMemberOf) ==
        std::vector<FactIndex>{first.index, second.index, third.index});
  CHECK(graph.facts_from(1) == std::vector<FactIndex>{first.index, second.index});
  CHECK(graph.facts_from(1, Relation::kBasedOn).empty());
  REQUIRE(graph.events_of(0).size() == 1);
  CHECK(graph.events_of(0)[0] == event.index);
  CHECK(graph.facts_into(1).empty());
}

TEST_CASE("the same fact again merges its citations instead of duplicating") {
  KnowledgeGraph graph;
  REQUIRE(graph.add_entity(make_entity("org", EntityKind::kOrganization, "Org")).is_ok());
  REQUIRE(graph.add_entity(make_entity("a", EntityKind::kState, "A")).is_ok());
  REQUIRE(graph.add_source(Source{"s1", std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
  Fact fact = membership("a", "org", "1992");
  fact.sources.push_back(Citation{"s1", "q1", std::nullopt, std::nullopt});
  const auto first = graph.add_fact(fact);
  fact.sources = {Citation{"s1", "q1", std::nullopt, std::nullopt},
                  Citation{"s2", std::nullopt, 1, 5}};
  fact.note = "a note";
  const auto again = graph.add_fact(fact);
  CHECK(again.merged);
  CHECK(again.index == first.index);
  CHECK(graph.fact_count() == 1);
  // A source may be added after the facts that cite it, as long as it is before the end.
  CHECK(graph.has_unresolved_references());
  REQUIRE(graph.add_source(Source{"s2", std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
  CHECK_FALSE(graph.has_unresolved_references());
  graph.finish_build();
  REQUIRE(graph.fact(first.index).sources.size() == 2);
  CHECK(graph.fact(first.index).sources[1].source == "s2");
  CHECK(graph.fact(first.index).note == std::optional<std::string>("a note"));
}

TEST_CASE("sources are unique by id") {
  KnowledgeGraph graph;
  CHECK(graph.add_source(Source{"s", "T", "P", std::nullopt, std::nullopt}));
  CHECK_FALSE(graph.add_source(Source{"s", "Other", "P", std::nullopt, std::nullopt}));
  REQUIRE(graph.find_source("s").has_value());
  CHECK(graph.find_source("s")->title == std::optional<std::string>("T"));
  CHECK_FALSE(graph.find_source("t").has_value());
  CHECK(graph.source_count() == 1);
}

TEST_CASE("after the build, facts are ordered by the other entity's name, then by date") {
  KnowledgeGraph graph;
  REQUIRE(graph.add_entity(make_entity("org", EntityKind::kOrganization, "Org")).is_ok());
  REQUIRE(graph.add_entity(make_entity("z", EntityKind::kState, "Zeta")).is_ok());
  REQUIRE(graph.add_entity(make_entity("a", EntityKind::kState, "Épsilon")).is_ok());
  REQUIRE(graph.add_entity(make_entity("m", EntityKind::kState, "delta")).is_ok());
  const FactIndex zeta_late = graph.add_fact(membership("z", "org", "2006")).index;
  const FactIndex epsilon = graph.add_fact(membership("a", "org", "1999")).index;
  const FactIndex zeta_early = graph.add_fact(membership("z", "org", "1992-05")).index;
  const FactIndex delta = graph.add_fact(membership("m", "org", "2001")).index;
  Fact later_event;
  later_event.subject = EntityId{"org"};
  later_event.relation = Relation::kDissolved;
  later_event.date = test::date("2020");
  const FactIndex dissolved = graph.add_fact(later_event).index;
  later_event.relation = Relation::kEstablished;
  later_event.date = test::date("1990");
  const FactIndex established = graph.add_fact(later_event).index;
  graph.finish_build();
  // delta < épsilon (accents fold away) < zeta; each member's facts oldest first.
  CHECK(graph.facts_into(0) == std::vector<FactIndex>{delta, epsilon, zeta_early, zeta_late});
  CHECK(graph.name_rank(3) < graph.name_rank(2));
  CHECK(graph.name_rank(2) < graph.name_rank(1));
  REQUIRE(graph.events_of(0).size() == 2);
  CHECK(graph.events_of(0)[0] == established);
  CHECK(graph.events_of(0)[1] == dissolved);
  CHECK(graph.subject_of(zeta_late) == 1u);
  CHECK(graph.object_of(zeta_late) == 0u);
  CHECK_FALSE(graph.object_of(dissolved).has_value());
}

TEST_CASE("name keys are folded once and can be scanned") {
  KnowledgeGraph graph;
  REQUIRE(graph.add_entity(make_entity("csto", EntityKind::kOrganization, "Collective", {"ОДКБ"}))
              .is_ok());
  std::vector<std::string> seen;
  graph.for_each_name([&seen](const KnowledgeGraph::NameKey& key) {
    seen.push_back(std::string(key.folded) + "=" + std::string(key.text));
  });
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"collective=Collective", "csto=csto", "одкб=ОДКБ"});
}

}  // namespace
}  // namespace orgkg
