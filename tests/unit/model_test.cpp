#include "orgkg/model.h"

#include <doctest/doctest.h>

#include "support/test_support.h"

namespace orgkg {
namespace {

TEST_CASE("entity ids") {
  for (const char* good : {"csto", "a", "0", "us-state.nh_1", "cow.365"}) {
    CAPTURE(good);
    CHECK(is_valid_entity_id(good));
  }
  for (const char* bad : {"", "CSTO", "-x", "_x", ".x", "a b", "é", "a/b"}) {
    CAPTURE(bad);
    CHECK_FALSE(is_valid_entity_id(bad));
  }
}

TEST_CASE("vocabularies round-trip through their JSON spellings") {
  for (const std::string_view word : relation_names()) {
    REQUIRE(parse_relation(word).has_value());
    CHECK(relation_name(*parse_relation(word)) == word);
  }
  for (const std::string_view word : status_names())
    CHECK(status_name(*parse_status(word)) == word);
  for (const std::string_view word : kind_names()) CHECK(kind_name(*parse_kind(word)) == word);
  CHECK_FALSE(parse_relation("memberOf").has_value());
  CHECK(is_event(Relation::kEstablished));
  CHECK(is_event(Relation::kDissolved));
  CHECK_FALSE(is_event(Relation::kMemberOf));
  CHECK_FALSE(is_event(Relation::kLedBy));
}

TEST_CASE("a fact's identity is everything but its sources and note") {
  Fact a;
  a.subject = EntityId{"armenia"};
  a.relation = Relation::kMemberOf;
  a.object = EntityId{"csto"};
  a.validity.from = test::date("1992-05-15");
  Fact b = a;
  b.sources.push_back(Citation{"s", "q", std::nullopt, std::nullopt});
  b.note = "other note";
  CHECK(fact_identity(a) == fact_identity(b));
  b.status = MembershipStatus::kFull;  // the default, spelled out
  CHECK(fact_identity(a) == fact_identity(b));
  b.status = MembershipStatus::kSuspended;
  CHECK(fact_identity(a) != fact_identity(b));
  Fact c = a;
  c.validity.from = test::date("1992-05");
  CHECK(fact_identity(a) != fact_identity(c));
  Fact d = a;
  d.validity.until = test::date("1999");
  CHECK(fact_identity(a) != fact_identity(d));
}

}  // namespace
}  // namespace orgkg
