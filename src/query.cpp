#include "orgkg/query.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <limits>
#include <set>
#include <string>
#include <unordered_map>

namespace orgkg {
namespace {

// The days within `question` on which a fact surely held, if any: the days between its
// latest possible start and its earliest possible end; for a claim dated only by `at`,
// the days of `at`.
std::optional<DaySpan> sure_days(const Validity& validity, const DaySpan& question) {
  constexpr DayNumber kMin = std::numeric_limits<DayNumber>::min();
  constexpr DayNumber kMax = std::numeric_limits<DayNumber>::max();
  DaySpan days{kMin, kMax};
  if (validity.from || validity.until) {
    if (validity.from) days.first = validity.from->span().last;
    if (validity.until) days.last = validity.until->span().first - 1;
  } else if (validity.at) {
    days = validity.at->span();
  } else {
    return std::nullopt;  // undated: nothing is sure
  }
  days.first = std::max(days.first, question.first);
  days.last = std::min(days.last, question.last);
  if (days.first > days.last) return std::nullopt;
  return days;
}

// Whether the facts of one (member, organization) pair disagree at the date:
// - two facts with different statuses that both surely held on a common day of it
//   (consecutive intervals, or a change within an imprecise month, are not disputes);
// - a dated claim (`at` only) that holds while the pair's intervals say it did not.
class PairDispute {
 public:
  explicit PairDispute(const DaySpan& question) : question_(question) {}

  // Starts on the next pair (keeping the storage: one allocation per query, not per pair).
  void reset() {
    sure_.clear();
    has_interval_ = interval_holds_ = claim_holds_ = disputed_ = false;
  }

  // Takes one fact of the pair and its answer.
  void add(const Fact& fact, Truth answer) {
    const bool is_interval = fact.validity.from || fact.validity.until;
    has_interval_ |= is_interval;
    if (answer == Truth::kNo) return;
    (is_interval ? interval_holds_ : claim_holds_) = true;
    if (const auto days = sure_days(fact.validity, question_)) {
      for (const auto& [status, other] : sure_) {
        disputed_ |= status != fact.effective_status() && days->first <= other.last &&
                     other.first <= days->last;
      }
      sure_.emplace_back(fact.effective_status(), *days);
    }
  }
  bool disputed() const { return disputed_ || (claim_holds_ && has_interval_ && !interval_holds_); }

 private:
  const DaySpan question_;
  std::vector<std::pair<MembershipStatus, DaySpan>> sure_;
  bool has_interval_ = false;
  bool interval_holds_ = false;
  bool claim_holds_ = false;
  bool disputed_ = false;
};

// Answers membership facts at the date and keeps those that may hold (or, over all time,
// all of them), marking disputes. `facts` come from the graph's adjacency: the facts of
// one pair stand together, so each pair is judged as its run ends. `other` gives the
// entity on the far side of a fact.
template <typename Other>
std::vector<FactRow> answer_memberships(const KnowledgeGraph& graph,
                                        const std::vector<FactIndex>& facts,
                                        const DateSelection& when, const MembershipFilter& filter,
                                        Other other) {
  std::vector<FactRow> rows;
  rows.reserve(facts.size());
  const auto wanted = [&](FactIndex index) {
    return !filter.status || graph.fact(index).effective_status() == *filter.status;
  };
  if (!when.at) {
    for (const FactIndex index : facts) {
      if (wanted(index)) rows.push_back(FactRow{index, std::nullopt, false});
    }
    return rows;
  }
  PairDispute dispute(when.at->span());
  std::size_t run_start = 0;
  while (run_start < facts.size()) {
    const EntityIndex pair = other(facts[run_start]);
    std::size_t run_end = run_start;
    dispute.reset();
    const std::size_t first_row = rows.size();
    for (; run_end < facts.size() && other(facts[run_end]) == pair; ++run_end) {
      const Fact& fact = graph.fact(facts[run_end]);
      const Truth answer = holds_at(fact.validity, *when.at);
      dispute.add(fact, answer);
      if (answer != Truth::kNo && wanted(facts[run_end])) {
        rows.push_back(FactRow{facts[run_end], answer, false});
      }
    }
    if (dispute.disputed()) {
      for (std::size_t i = first_row; i < rows.size(); ++i) rows[i].disputed = true;
    }
    run_start = run_end;
  }
  return rows;
}

// Groups consecutive rows about the same entity (as `side` picks it): the best answer of
// the group, disputed if any row is.
template <typename Side>
std::vector<GroupedRow> group_rows(const std::vector<FactRow>& rows, Side side) {
  std::vector<GroupedRow> groups;
  for (const FactRow& row : rows) {
    const EntityIndex key = side(row.fact);
    if (groups.empty() || groups.back().entity != key) {
      groups.push_back(GroupedRow{key, row.answer, row.disputed, {}});
    } else {
      GroupedRow& group = groups.back();
      if (row.answer && (!group.answer || *group.answer < *row.answer)) group.answer = row.answer;
      group.disputed |= row.disputed;
    }
    groups.back().facts.push_back(row.fact);
  }
  return groups;
}

// Combines a group into one that needs both: the weaker answer, either's dispute.
void combine(GroupedRow& into, const GroupedRow& other) {
  if (into.answer && other.answer) into.answer = std::min(*into.answer, *other.answer);
  into.disputed |= other.disputed;
  into.facts.insert(into.facts.end(), other.facts.begin(), other.facts.end());
}

}  // namespace

Result<EntityIndex> resolve_entity(const KnowledgeGraph& graph, std::string_view name) {
  if (const auto by_id = graph.find_id(name)) return *by_id;
  if (const auto by_name = graph.find_name(name)) return *by_name;
  std::string message = fmt::format("unknown entity '{}'", name);
  if (const auto near = graph.closest_entity(name)) {
    message += fmt::format(" — did you mean '{}'?", graph.entity(*near).name);
  }
  return Status::not_found(std::move(message));
}

std::vector<FactRow> members(const KnowledgeGraph& graph, EntityIndex organization,
                             const DateSelection& when, const MembershipFilter& filter) {
  return answer_memberships(graph, graph.facts_into(organization, Relation::kMemberOf), when,
                            filter, [&graph](FactIndex f) { return graph.subject_of(f); });
}

std::vector<FactRow> memberships(const KnowledgeGraph& graph, EntityIndex entity,
                                 const DateSelection& when, const MembershipFilter& filter) {
  return answer_memberships(graph, graph.facts_from(entity, Relation::kMemberOf), when, filter,
                            [&graph](FactIndex f) { return *graph.object_of(f); });
}

std::vector<FactRow> history(const KnowledgeGraph& graph, EntityIndex entity,
                             std::optional<EntityIndex> organization, const DateSelection& when,
                             const MembershipFilter& filter) {
  std::vector<FactIndex> facts = graph.facts_from(entity, Relation::kMemberOf);
  if (organization) {
    std::erase_if(facts, [&](FactIndex f) { return graph.object_of(f) != organization; });
  }
  std::vector<FactRow> rows = answer_memberships(
      graph, facts, when, filter, [&graph](FactIndex f) { return *graph.object_of(f); });
  std::stable_sort(rows.begin(), rows.end(), [&graph](const FactRow& a, const FactRow& b) {
    const auto da = fact_sort_date(graph.fact(a.fact));
    const auto db = fact_sort_date(graph.fact(b.fact));
    if (da != db) return !da || (db && *da < *db);
    return a.fact < b.fact;
  });
  return rows;
}

std::vector<GroupedRow> common_members(const KnowledgeGraph& graph,
                                       std::span<const EntityIndex> organizations,
                                       const DateSelection& when, const MembershipFilter& filter) {
  assert(!organizations.empty());
  const auto member = [&graph](FactIndex f) { return graph.subject_of(f); };
  // Members of the first organization, in name order, kept while every other has them.
  std::vector<GroupedRow> result =
      group_rows(members(graph, organizations[0], when, filter), member);
  for (std::size_t i = 1; i < organizations.size() && !result.empty(); ++i) {
    std::unordered_map<EntityIndex, GroupedRow> next;
    for (GroupedRow& group : group_rows(members(graph, organizations[i], when, filter), member)) {
      next.emplace(group.entity, std::move(group));
    }
    std::erase_if(result, [&next](const GroupedRow& row) { return next.count(row.entity) == 0; });
    for (GroupedRow& row : result) combine(row, next.at(row.entity));
  }
  return result;
}

std::vector<GroupedRow> shared_organizations(const KnowledgeGraph& graph, EntityIndex a,
                                             EntityIndex b, const DateSelection& when,
                                             const MembershipFilter& filter) {
  const auto organization = [&graph](FactIndex f) { return *graph.object_of(f); };
  const std::vector<GroupedRow> of_a =
      group_rows(memberships(graph, a, when, filter), organization);
  const std::vector<GroupedRow> of_b =
      group_rows(memberships(graph, b, when, filter), organization);
  // Both lists are in organization name order: merge them.
  std::vector<GroupedRow> result;
  auto ia = of_a.begin();
  auto ib = of_b.begin();
  while (ia != of_a.end() && ib != of_b.end()) {
    const std::uint32_t rank_a = graph.name_rank(ia->entity);
    const std::uint32_t rank_b = graph.name_rank(ib->entity);
    if (rank_a < rank_b) {
      ++ia;
    } else if (rank_b < rank_a) {
      ++ib;
    } else {
      result.push_back(*ia);
      combine(result.back(), *ib);
      ++ia;
      ++ib;
    }
  }
  return result;
}

EntityProfile profile(const KnowledgeGraph& graph, EntityIndex entity, const DateSelection& when) {
  EntityProfile result;
  result.entity = entity;
  for (const FactIndex index : graph.events_of(entity)) {  // in date order
    result.events.push_back(FactRow{index, std::nullopt, false});
  }
  const auto keep = [&when, &graph](FactIndex index) -> std::optional<FactRow> {
    if (!when.at) return FactRow{index, std::nullopt, false};
    const Truth answer = holds_at(graph.fact(index).validity, *when.at);
    if (answer == Truth::kNo) return std::nullopt;
    return FactRow{index, answer, false};
  };
  for (const FactIndex index : graph.facts_from(entity)) {
    if (const auto row = keep(index)) result.relations_out.push_back(*row);
  }
  std::set<EntityIndex> members_seen;
  for (const FactIndex index : graph.facts_into(entity)) {
    const auto row = keep(index);
    if (!row) continue;
    if (graph.fact(index).relation == Relation::kMemberOf) {
      members_seen.insert(graph.subject_of(index));
    } else {
      result.relations_in.push_back(*row);
    }
  }
  result.members_count = members_seen.size();
  std::set<std::string> sources;
  for (const auto* rows : {&result.events, &result.relations_out, &result.relations_in}) {
    for (const FactRow& row : *rows) {
      for (const Citation& citation : graph.fact(row.fact).sources) sources.insert(citation.source);
    }
  }
  result.sources_count = sources.size();
  return result;
}

}  // namespace orgkg
