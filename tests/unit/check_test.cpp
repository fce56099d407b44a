#include "orgkg/check.h"

#include <doctest/doctest.h>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

// A knowledge base of one organization `o` (established 2000, dissolved 2020) and states
// `s` and `t`, plus the given facts.
std::unique_ptr<KnowledgeBase> kb_with(const test::TempDir& dir, const std::string& facts) {
  dir.write("kb.json",
            "{\"orgkg\": 1, \"entities\": [{\"id\": \"o\", \"kind\": \"organization\", \"name\": "
            "\"Org\"}, {\"id\": \"s\", \"kind\": \"state\", \"name\": \"Sland\"}, {\"id\": \"t\", "
            "\"kind\": \"state\", \"name\": \"Tland\"}],\n\"facts\": [\n"
            "{\"subject\": \"o\", \"relation\": \"established\", \"date\": \"2000\"},\n"
            "{\"subject\": \"o\", \"relation\": \"dissolved\", \"date\": \"2020-06\"}" +
                (facts.empty() ? "" : ",\n" + facts) + "]}");
  return test::open_kb(dir.path().string());
}

std::string kinds_and_messages(const KnowledgeGraph& graph) {
  std::string out;
  for (const Contradiction& c : find_contradictions(graph)) {
    out += std::string(contradiction_kind_name(c.kind)) + ": " + c.message + " [" +
           std::to_string(c.facts.size()) + "]\n";
  }
  return out;
}

TEST_CASE("no contradiction in consistent facts") {
  test::TempDir dir;
  const auto kb = kb_with(
      dir,
      R"({"subject": "s", "relation": "member_of", "object": "o", "from": "2001", "until": "2005-03"},
{"subject": "s", "relation": "member_of", "object": "o", "status": "suspended", "from": "2005-03", "until": "2008"},
{"subject": "s", "relation": "member_of", "object": "o", "at": "2003-01-01"},
{"subject": "t", "relation": "member_of", "object": "o", "status": "observer", "from": "2010", "until": "2020-06"},
{"subject": "o", "relation": "established", "date": "2000-02-03"})");
  CHECK(kinds_and_messages(kb->graph()).empty());
}

TEST_CASE("each kind of contradiction, with both sides") {
  struct Case {
    const char* facts;
    const char* expected;
  } cases[] = {
      {R"({"subject": "s", "relation": "member_of", "object": "o", "from": "2001", "until": "2010"},
{"subject": "s", "relation": "member_of", "object": "o", "status": "observer", "from": "2005", "until": "2012"})",
       "overlapping_statuses: Sland in Org: full (2001–2010) overlaps observer (2005–2012) [2]\n"},
      {R"({"subject": "s", "relation": "member_of", "object": "o", "status": "suspended", "from": "2010", "until": "2019"},
{"subject": "s", "relation": "member_of", "object": "o", "at": "2017-04-12"})",
       "claim_against_history: Sland in Org: claimed full at 2017-04-12, but suspended "
       "(2010–2019) [2]\n"},
      {R"({"subject": "s", "relation": "member_of", "object": "o", "from": "2001", "until": "2005"},
{"subject": "s", "relation": "member_of", "object": "o", "at": "2009-01-01"})",
       "claim_against_history: Sland in Org: claimed full at 2009-01-01, outside every recorded "
       "interval [2]\n"},
      {R"({"subject": "o", "relation": "established", "date": "2003-05"})",
       "event_dates: Org established on two dates: 2000 and 2003-05 [2]\n"},
      {R"({"subject": "s", "relation": "member_of", "object": "o", "from": "1998-03", "until": "2001"})",
       "before_established: Sland is a member of Org (1998-03–2001) before it existed (2000) "
       "[2]\n"},
      {R"({"subject": "t", "relation": "member_of", "object": "o", "from": "2010"})",
       "after_dissolved: Tland is a member of Org (2010–) after it was dissolved (2020-06) [2]\n"},
      {R"({"subject": "t", "relation": "member_of", "object": "o", "at": "2021"})",
       "after_dissolved: Tland is a member of Org (at 2021) after it was dissolved (2020-06) "
       "[2]\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.facts);
    test::TempDir dir;
    const auto kb = kb_with(dir, c.facts);
    CHECK(kinds_and_messages(kb->graph()) == c.expected);
  }
}

TEST_CASE("imprecise dates that may agree are not contradictions") {
  test::TempDir dir;
  const auto kb = kb_with(
      dir,
      R"({"subject": "s", "relation": "member_of", "object": "o", "from": "2001", "until": "2005"},
{"subject": "s", "relation": "member_of", "object": "o", "status": "observer", "from": "2005", "until": "2007"},
{"subject": "s", "relation": "member_of", "object": "o", "at": "2005"},
{"subject": "t", "relation": "member_of", "object": "o", "from": "2000", "until": "2020"})");
  CHECK(kinds_and_messages(kb->graph()).empty());
}

TEST_CASE("the CSTO: Uzbekistan's listing in the seed article against its suspension") {
  const auto kb = test::shipped_kb();
  const auto found = find_contradictions(kb->graph());
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == ContradictionKind::kClaimAgainstHistory);
  CHECK(found[0].message ==
        "Uzbekistan in Collective Security Treaty Organization: claimed full at 2017-04-12, but "
        "suspended (2012-06–)");
  // Memberships from the 1992 treaty are not "before established": the CSTO is based on it.
}

TEST_CASE("only contradictions involving the given facts, when asked") {
  test::TempDir dir;
  const auto kb =
      kb_with(dir,
              R"({"subject": "t", "relation": "member_of", "object": "o", "from": "2010"},
{"subject": "s", "relation": "member_of", "object": "o", "from": "1990", "until": "2001"})");
  const KnowledgeGraph& graph = kb->graph();
  CHECK(find_contradictions(graph).size() == 2);
  const auto about_t = find_contradictions(
      graph, [&graph](FactIndex f) { return graph.fact(f).subject.value == "t"; });
  REQUIRE(about_t.size() == 1);
  CHECK(about_t[0].kind == ContradictionKind::kAfterDissolved);
}

}  // namespace
}  // namespace orgkg
