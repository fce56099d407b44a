// Questions to a KnowledgeGraph: who belonged to what and when, and what is known about
// an entity. Every function reads the graph's indexes (adjacency of one entity), never
// all facts. Functions are pure and may run concurrently on one graph.
#ifndef ORGKG_QUERY_H_
#define ORGKG_QUERY_H_

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "orgkg/date.h"
#include "orgkg/graph.h"
#include "orgkg/status.h"

namespace orgkg {

// When a question is asked: at a date, or (nullopt) over all time, listing every fact
// without an answer. The caller turns "no date given" into today.
struct DateSelection {
  std::optional<PartialDate> at;
};

// One fact answering a question.
struct FactRow {
  FactIndex fact;
  std::optional<Truth> answer;  // yes or maybe at the asked date; absent over all time
  bool disputed = false;        // facts about the same pair disagree at the asked date
};

// The entity `name` designates: by id, else by folded name or alias. kNotFound names the
// closest known name when there is one ("unknown entity 'Kyrgystan'; did you mean
// 'Kyrgyzstan'?").
Result<EntityIndex> resolve_entity(const KnowledgeGraph& graph, std::string_view name);

// Optional filters shared by the membership questions.
struct MembershipFilter {
  std::optional<MembershipStatus> status;  // only rows with this status
};

// member_of facts whose object is `organization` and that hold (yes or maybe) at the
// date, or all of them; ordered by member name, then start date.
std::vector<FactRow> members(const KnowledgeGraph& graph, EntityIndex organization,
                             const DateSelection& when, const MembershipFilter& filter = {});

// member_of facts whose subject is `entity`, likewise; ordered by organization name.
std::vector<FactRow> memberships(const KnowledgeGraph& graph, EntityIndex entity,
                                 const DateSelection& when, const MembershipFilter& filter = {});

// member_of facts whose subject is `entity` (and whose object is `organization`, when
// given), oldest first: every interval, status and dated claim, or (with a date) those
// that hold then.
std::vector<FactRow> history(const KnowledgeGraph& graph, EntityIndex entity,
                             std::optional<EntityIndex> organization, const DateSelection& when,
                             const MembershipFilter& filter = {});

// One entity (or organization) and the membership facts behind it, for questions that
// combine several memberships.
struct GroupedRow {
  EntityIndex entity;
  std::optional<Truth> answer;  // the weakest of the best answers it combines
  bool disputed = false;        // any fact behind it is disputed at the date
  std::vector<FactIndex> facts;
};

// Entities that belong to every one of `organizations` at the date (yes or maybe), or
// that ever belonged to each of them; ordered by name.
// REQUIRES: !organizations.empty()
std::vector<GroupedRow> common_members(const KnowledgeGraph& graph,
                                       std::span<const EntityIndex> organizations,
                                       const DateSelection& when,
                                       const MembershipFilter& filter = {});

// Organizations that both `a` and `b` belong to at the date (joint membership), or that
// both ever belonged to; ordered by name. `facts` holds a's facts, then b's.
std::vector<GroupedRow> shared_organizations(const KnowledgeGraph& graph, EntityIndex a,
                                             EntityIndex b, const DateSelection& when,
                                             const MembershipFilter& filter = {});

// What is known about one entity.
struct EntityProfile {
  EntityIndex entity;
  std::vector<FactRow> events;         // established, signed, … in date order
  std::vector<FactRow> relations_out;  // facts whose subject it is (memberships included)
  std::vector<FactRow> relations_in;   // facts whose object it is, but memberships
  std::size_t members_count = 0;       // distinct members holding at the date (or ever)
  std::size_t sources_count = 0;       // distinct sources cited by the facts above
};

// The profile of `entity`; relations are those that hold at the date (or all of them).
EntityProfile profile(const KnowledgeGraph& graph, EntityIndex entity, const DateSelection& when);

}  // namespace orgkg

#endif  // ORGKG_QUERY_H_
