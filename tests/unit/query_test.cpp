#include "orgkg/query.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

// "member:status:answer[*]" per row, '*' marking a disputed row, for compact checks.
std::string summarize(const KnowledgeGraph& graph, const std::vector<FactRow>& rows, bool members) {
  std::string out;
  for (const FactRow& row : rows) {
    const Fact& fact = graph.fact(row.fact);
    if (!out.empty()) out += ' ';
    out += members ? fact.subject.value : fact.object->value;
    out += ':';
    out += status_name(fact.effective_status());
    out += ':';
    out += row.answer ? truth_name(*row.answer) : "-";
    if (row.disputed) out += '*';
  }
  return out;
}

TEST_CASE("CSTO members on the seed article's date: six certain, Uzbekistan disputed") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const auto rows = members(graph, test::entity(graph, "csto"), test::at("2017-04-12"));
  CHECK(summarize(graph, rows, true) ==
        "armenia:full:yes armenia:full:yes belarus:full:yes belarus:full:yes "
        "kazakhstan:full:yes kazakhstan:full:yes kyrgyzstan:full:yes kyrgyzstan:full:yes "
        "russia:full:yes russia:full:yes tajikistan:full:yes tajikistan:full:yes "
        "uzbekistan:suspended:yes* uzbekistan:full:yes*");
  // The article's claim is one of the two Uzbekistan rows, and it cites the article.
  const Fact& claim = graph.fact(rows.back().fact);
  CHECK(claim.validity.at == test::date("2017-04-12"));
  REQUIRE(claim.sources.size() == 1);
  CHECK(claim.sources[0].source == "tass-2017-04-12");
}

TEST_CASE("CSTO members across its history") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex csto = test::entity(graph, "CSTO");
  struct Case {
    const char* at;
    const char* members;
  } cases[] = {
      {"1992-05-14", ""},
      {"1995",
       "armenia:full:yes azerbaijan:full:yes belarus:full:yes georgia:full:yes "
       "kazakhstan:full:yes kyrgyzstan:full:yes russia:full:yes tajikistan:full:yes "
       "uzbekistan:full:yes"},
      {"2000",
       "armenia:full:yes belarus:full:yes kazakhstan:full:yes kyrgyzstan:full:yes "
       "russia:full:yes tajikistan:full:yes"},
      {"2010",
       "armenia:full:yes belarus:full:yes kazakhstan:full:yes kyrgyzstan:full:yes "
       "russia:full:yes tajikistan:full:yes uzbekistan:full:yes"},
      // The month of Uzbekistan's suspension: the data cannot tell which status held.
      {"2012-06-15",
       "armenia:full:yes belarus:full:yes kazakhstan:full:yes kyrgyzstan:full:yes "
       "russia:full:yes tajikistan:full:yes uzbekistan:full:maybe "
       "uzbekistan:suspended:maybe"},
      {"2025",
       "armenia:suspended:yes belarus:full:yes kazakhstan:full:yes kyrgyzstan:full:yes "
       "russia:full:yes tajikistan:full:yes uzbekistan:suspended:yes"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.at);
    CHECK(summarize(graph, members(graph, csto, test::at(c.at)), true) == c.members);
  }
}

TEST_CASE("Uzbekistan's CSTO memberships over all time, oldest first") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const auto rows = history(graph, test::entity(graph, "Uzbekistan"), test::entity(graph, "CSTO"),
                            DateSelection{});
  CHECK(summarize(graph, rows, false) == "csto:full:- csto:full:- csto:suspended:- csto:full:-");
  std::vector<std::string> starts;
  for (const FactRow& row : rows)
    starts.push_back(fact_sort_date(graph.fact(row.fact))->to_string());
  CHECK(starts == std::vector<std::string>{"1992-05-15", "2006-08-16", "2012-06", "2017-04-12"});
}

TEST_CASE("disputes, maybe answers and status filters on a small knowledge base") {
  const auto kb = test::small_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex pact = test::entity(graph, "Северный пакт");
  CHECK(summarize(graph, members(graph, pact, test::at("2007-05-01")), true) ==
        "ostland:full:yes sudria:associate:yes* sudria:full:yes* westmark:full:yes");
  CHECK(summarize(graph, members(graph, pact, test::at("2008")), true) ==
        "ostland:full:yes sudria:associate:maybe westmark:full:yes");
  // A claim outside every interval of its pair is disputed by them.
  CHECK(summarize(graph, members(graph, pact, test::at("2001")), true) ==
        "ostland:full:yes westmark:full:yes");
  CHECK(summarize(graph, members(graph, pact, test::at("2010-06")), true) ==
        "ostland:full:yes ostland:observer:yes westmark:full:yes");
  CHECK(summarize(graph,
                  members(graph, pact, test::at("2010-06"),
                          MembershipFilter{MembershipStatus::kObserver}),
                  true) == "ostland:observer:yes");
  CHECK(summarize(graph, members(graph, pact, test::at("2000")), true).empty());
}

TEST_CASE("a claim that the curated intervals contradict is disputed") {
  test::TempDir dir;
  dir.write("kb.json",
            "{\"orgkg\": 1, \"entities\": [{\"id\": \"o\", \"kind\": \"organization\", \"name\": "
            "\"O\"}, {\"id\": \"s\", \"kind\": \"state\", \"name\": \"S\"}],\n"
            "\"facts\": [{\"subject\": \"s\", \"relation\": \"member_of\", \"object\": \"o\", "
            "\"from\": \"1990\", \"until\": \"2000\"},\n"
            "{\"subject\": \"s\", \"relation\": \"member_of\", \"object\": \"o\", \"at\": "
            "\"2005-01-01\"}]}");
  const auto kb = test::open_kb(dir.path().string());
  const KnowledgeGraph& graph = kb->graph();
  CHECK(summarize(graph, members(graph, test::entity(graph, "o"), test::at("2005")), true) ==
        "s:full:yes*");
  CHECK(summarize(graph, members(graph, test::entity(graph, "o"), test::at("1995")), true) ==
        "s:full:yes");
}

TEST_CASE("unknown names fail with a suggestion") {
  const auto kb = test::shipped_kb();
  const Result<EntityIndex> typo = resolve_entity(kb->graph(), "Kyrgystan");
  REQUIRE_FALSE(typo.is_ok());
  CHECK(typo.status().code() == StatusCode::kNotFound);
  CHECK(typo.status().message() == "unknown entity 'Kyrgystan' — did you mean 'Kyrgyzstan'?");
  const Result<EntityIndex> far = resolve_entity(kb->graph(), "Portugal");
  REQUIRE_FALSE(far.is_ok());
  CHECK(far.status().message() == "unknown entity 'Portugal'");
}

TEST_CASE("an entity's profile: events in date order, relations, counts") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityProfile all = profile(graph, test::entity(graph, "csto"), DateSelection{});
  std::vector<std::string> events;
  for (const FactRow& row : all.events) {
    const Fact& fact = graph.fact(row.fact);
    events.push_back(std::string(relation_name(fact.relation)) + " " + fact.date->to_string());
  }
  CHECK(events == std::vector<std::string>{"established 2002", "established 2002-10-07",
                                           "entered_into_force 2003-09-18"});
  // based_on the treaty: stated by two sources, one fact with both citations.
  REQUIRE(all.relations_out.size() == 1);
  CHECK(graph.fact(all.relations_out[0].fact).sources.size() == 2);
  CHECK(all.relations_in.empty());
  CHECK(all.members_count == 9);
  const EntityProfile in_2000 = profile(graph, test::entity(graph, "csto"), test::at("2000"));
  CHECK(in_2000.members_count == 6);
  const EntityProfile treaty = profile(graph, test::entity(graph, "cst"), DateSelection{});
  CHECK(treaty.relations_in.size() == 10);  // 9 signatories and the organization
  CHECK(treaty.sources_count >= 4);
}

}  // namespace
}  // namespace orgkg

namespace orgkg {
namespace {

std::string grouped(const KnowledgeGraph& graph, const std::vector<GroupedRow>& rows) {
  std::string out;
  for (const GroupedRow& row : rows) {
    if (!out.empty()) out += ' ';
    out += graph.entity(row.entity).id.value + ':' + (row.answer ? truth_name(*row.answer) : "-") +
           (row.disputed ? "*" : "") + ':' + std::to_string(row.facts.size());
  }
  return out;
}

TEST_CASE("history: every membership fact oldest first, optionally of one organization") {
  const auto kb = test::small_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex sudria = test::entity(graph, "Sudria");
  CHECK(summarize(graph, history(graph, sudria, std::nullopt, DateSelection{}), false) ==
        "spact:full:- npact:associate:- npact:full:-");
  CHECK(summarize(graph, history(graph, sudria, test::entity(graph, "NP"), DateSelection{}),
                  false) == "npact:associate:- npact:full:-");
  CHECK(summarize(graph, history(graph, sudria, std::nullopt, test::at("2007-05-01")), false) ==
        "spact:full:yes npact:associate:yes* npact:full:yes*");
  CHECK(summarize(graph,
                  history(graph, sudria, std::nullopt, DateSelection{},
                          MembershipFilter{MembershipStatus::kAssociate}),
                  false) == "npact:associate:-");
}

TEST_CASE("common: members of all the organizations, with the weakest answer") {
  const auto kb = test::small_kb();
  const KnowledgeGraph& graph = kb->graph();
  const std::vector<EntityIndex> both = {test::entity(graph, "npact"),
                                         test::entity(graph, "spact")};
  CHECK(grouped(graph, common_members(graph, both, test::at("2007-05-01"))) ==
        "sudria:yes*:3 westmark:yes:2");
  // Westmark's southern membership ends in January 2016: maybe in 2016.
  CHECK(grouped(graph, common_members(graph, both, test::at("2016"))) == "westmark:maybe:2");
  CHECK(grouped(graph, common_members(graph, both, test::at("2017"))).empty());
  CHECK(grouped(graph, common_members(graph, both, DateSelection{})) == "sudria:-:3 westmark:-:2");
  const std::vector<EntityIndex> one = {test::entity(graph, "npact")};
  CHECK(grouped(graph, common_members(graph, one, test::at("2001-06"))) ==
        "ostland:yes:1 westmark:maybe:1");  // westmark: from some day of 2001
}

TEST_CASE("shared: organizations both entities belong to") {
  const auto kb = test::small_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex westmark = test::entity(graph, "westmark");
  const EntityIndex sudria = test::entity(graph, "sudria");
  CHECK(grouped(graph, shared_organizations(graph, westmark, sudria, test::at("2007-05-01"))) ==
        "npact:yes*:3 spact:yes:2");
  CHECK(grouped(graph, shared_organizations(graph, westmark, sudria, test::at("2010"))) ==
        "spact:yes:2");
  CHECK(grouped(graph, shared_organizations(graph, westmark, test::entity(graph, "nordia"),
                                            test::at("2014"))) == "spact:yes:2");
  CHECK(grouped(graph,
                shared_organizations(graph, westmark, test::entity(graph, "nordia"),
                                     test::at("2014"), MembershipFilter{MembershipStatus::kFull}))
            .empty());
}

// shared_organizations() from its definition: the organizations both memberships() lists
// name, each with the weaker of the two sides' best answers.
std::vector<GroupedRow> shared_by_definition(const KnowledgeGraph& graph, EntityIndex a,
                                             EntityIndex b, const DateSelection& when,
                                             const MembershipFilter& filter) {
  struct Side {
    std::optional<Truth> answer;
    bool disputed = false;
    std::vector<FactIndex> facts;
  };
  const auto by_organization = [&](EntityIndex entity) {
    std::map<EntityIndex, Side> sides;
    for (const FactRow& row : memberships(graph, entity, when, filter)) {
      const auto [it, inserted] = sides.try_emplace(*graph.object_of(row.fact));
      Side& side = it->second;
      if (inserted || (row.answer && (!side.answer || *side.answer < *row.answer))) {
        side.answer = row.answer;
      }
      side.disputed |= row.disputed;
      side.facts.push_back(row.fact);
    }
    return sides;
  };
  const std::map<EntityIndex, Side> sides_a = by_organization(a);
  const std::map<EntityIndex, Side> sides_b = by_organization(b);
  std::vector<GroupedRow> result;
  for (const FactRow& row : memberships(graph, b, when, filter)) {
    const EntityIndex organization = *graph.object_of(row.fact);
    const auto found = sides_a.find(organization);
    if (found == sides_a.end()) continue;
    if (!result.empty() && result.back().entity == organization) continue;
    const Side& side_a = found->second;
    const Side& side_b = sides_b.at(organization);
    GroupedRow shared{organization, side_a.answer, side_a.disputed || side_b.disputed,
                      side_a.facts};
    if (side_a.answer && side_b.answer) shared.answer = std::min(*side_a.answer, *side_b.answer);
    shared.facts.insert(shared.facts.end(), side_b.facts.begin(), side_b.facts.end());
    result.push_back(std::move(shared));
  }
  return result;
}

TEST_CASE("shared organizations agree with both memberships lists, for every pair and date") {
  const char* const dates[] = {"1991", "1992-05-15", "1995", "1999-04",    "2000", "2007-05-01",
                               "2012", "2012-06-28", "2014", "2017-04-12", "2020", "2025"};
  const MembershipFilter filters[] = {
      {}, {MembershipStatus::kFull}, {MembershipStatus::kObserver}, {MembershipStatus::kSuspended}};
  for (const auto& kb : {test::shipped_kb(), test::small_kb()}) {
    const KnowledgeGraph& graph = kb->graph();
    std::vector<EntityIndex> members_of_something;
    for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
      if (!graph.facts_from(e, Relation::kMemberOf).empty()) members_of_something.push_back(e);
    }
    int compared = 0;
    for (const EntityIndex a : members_of_something) {
      for (const EntityIndex b : members_of_something) {
        for (const MembershipFilter& filter : filters) {
          std::vector<DateSelection> selections{DateSelection{}};
          for (const char* when : dates) selections.push_back(test::at(when));
          for (const DateSelection& when : selections) {
            const auto got = shared_organizations(graph, a, b, when, filter);
            const auto expected = shared_by_definition(graph, a, b, when, filter);
            REQUIRE(got.size() == expected.size());
            for (std::size_t i = 0; i < got.size(); ++i) {
              CHECK(got[i].entity == expected[i].entity);
              CHECK(got[i].answer == expected[i].answer);
              CHECK(got[i].disputed == expected[i].disputed);
              CHECK(got[i].facts == expected[i].facts);
            }
            compared += static_cast<int>(got.size());
          }
        }
      }
    }
    CHECK(compared > 100);  // the knowledge base has pairs with organizations in common
  }
}

}  // namespace
}  // namespace orgkg
