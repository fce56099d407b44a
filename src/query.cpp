#include "orgkg/query.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "orgkg/names.h"

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

// Answers each fact at the date, keeps those that may hold, and marks disputes among the
// facts of one (member, organization) pair:
// - two facts with different statuses that both surely held on a common day of the date
//   (consecutive intervals, or a change within an imprecise month, are not disputes);
// - a dated claim (`at` only) that holds while the pair's intervals say it did not.
std::vector<FactRow> answer_memberships(const KnowledgeGraph& graph,
                                        const std::vector<FactIndex>& facts,
                                        const DateSelection& when, const MembershipFilter& filter) {
  std::vector<FactRow> rows;
  if (!when.at) {
    for (const FactIndex index : facts) {
      if (filter.status && graph.fact(index).effective_status() != *filter.status) continue;
      rows.push_back(FactRow{index, std::nullopt, false});
    }
    return rows;
  }
  const DaySpan question = when.at->span();
  struct PairState {
    std::vector<std::pair<MembershipStatus, DaySpan>> sure;  // holding facts' sure days
    bool has_interval = false;
    bool interval_holds = false;
    bool claim_holds = false;
    bool disputed = false;
  };
  std::map<std::pair<std::string, std::string>, PairState> pairs;
  std::vector<FactRow> holding;
  for (const FactIndex index : facts) {
    const Fact& fact = graph.fact(index);
    const Truth answer = holds_at(fact.validity, *when.at);
    PairState& pair = pairs[{fact.subject.value, fact.object->value}];
    const bool is_interval = fact.validity.from || fact.validity.until;
    pair.has_interval |= is_interval;
    if (answer == Truth::kNo) continue;
    if (const auto days = sure_days(fact.validity, question)) {
      pair.sure.emplace_back(fact.effective_status(), *days);
    }
    (is_interval ? pair.interval_holds : pair.claim_holds) = true;
    holding.push_back(FactRow{index, answer, false});
  }
  for (auto& [key, pair] : pairs) {
    (void)key;
    bool conflict = pair.claim_holds && pair.has_interval && !pair.interval_holds;
    for (std::size_t i = 0; i < pair.sure.size() && !conflict; ++i) {
      for (std::size_t j = i + 1; j < pair.sure.size() && !conflict; ++j) {
        const auto& [status_a, days_a] = pair.sure[i];
        const auto& [status_b, days_b] = pair.sure[j];
        conflict =
            status_a != status_b && days_a.first <= days_b.last && days_b.first <= days_a.last;
      }
    }
    pair.disputed = conflict;
  }
  for (FactRow& row : holding) {
    const Fact& fact = graph.fact(row.fact);
    row.disputed = pairs[{fact.subject.value, fact.object->value}].disputed;
    if (filter.status && fact.effective_status() != *filter.status) continue;
    rows.push_back(row);
  }
  return rows;
}

// Orders rows by the folded name of the entity `side` picks, then by date, then by index.
template <typename Side>
void sort_rows(const KnowledgeGraph& graph, std::vector<FactRow>& rows, Side side) {
  std::map<EntityIndex, std::string> keys;
  const auto key_of = [&](const FactRow& row) -> const std::string& {
    const EntityIndex entity = side(graph.fact(row.fact));
    auto it = keys.find(entity);
    if (it == keys.end()) it = keys.emplace(entity, fold_name(graph.entity(entity).name)).first;
    return it->second;
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const FactRow& a, const FactRow& b) {
    const std::string& ka = key_of(a);
    const std::string& kb = key_of(b);
    if (ka != kb) return ka < kb;
    const auto da = fact_sort_date(graph.fact(a.fact));
    const auto db = fact_sort_date(graph.fact(b.fact));
    if (da != db) return !da || (db && *da < *db);
    return a.fact < b.fact;
  });
}

}  // namespace

std::optional<PartialDate> fact_sort_date(const Fact& fact) {
  if (fact.validity.from) return fact.validity.from;
  if (fact.validity.at) return fact.validity.at;
  if (fact.date) return fact.date;
  return fact.validity.until;
}

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
  std::vector<FactRow> rows =
      answer_memberships(graph, graph.facts_into(organization, Relation::kMemberOf), when, filter);
  sort_rows(graph, rows, [&graph](const Fact& fact) { return *graph.find_id(fact.subject.value); });
  return rows;
}

std::vector<FactRow> memberships(const KnowledgeGraph& graph, EntityIndex entity,
                                 const DateSelection& when, const MembershipFilter& filter) {
  std::vector<FactRow> rows =
      answer_memberships(graph, graph.facts_from(entity, Relation::kMemberOf), when, filter);
  sort_rows(graph, rows, [&graph](const Fact& fact) { return *graph.find_id(fact.object->value); });
  return rows;
}

std::vector<FactRow> history(const KnowledgeGraph& graph, EntityIndex entity,
                             std::optional<EntityIndex> organization, const DateSelection& when,
                             const MembershipFilter& filter) {
  std::vector<FactIndex> facts = graph.facts_from(entity, Relation::kMemberOf);
  if (organization) {
    const std::string& org_id = graph.entity(*organization).id.value;
    std::erase_if(facts,
                  [&](FactIndex index) { return graph.fact(index).object->value != org_id; });
  }
  std::vector<FactRow> rows = answer_memberships(graph, facts, when, filter);
  std::stable_sort(rows.begin(), rows.end(), [&graph](const FactRow& a, const FactRow& b) {
    const auto da = fact_sort_date(graph.fact(a.fact));
    const auto db = fact_sort_date(graph.fact(b.fact));
    if (da != db) return !da || (db && *da < *db);
    return a.fact < b.fact;
  });
  return rows;
}

namespace {

// Groups rows by the entity `side` picks: the best answer per group, disputed if any.
template <typename Side>
std::map<EntityIndex, GroupedRow> group_rows(const std::vector<FactRow>& rows, Side side) {
  std::map<EntityIndex, GroupedRow> groups;
  for (const FactRow& row : rows) {
    const EntityIndex key = side(row);
    auto [it, inserted] = groups.try_emplace(key, GroupedRow{key, row.answer, row.disputed, {}});
    GroupedRow& group = it->second;
    if (!inserted) {
      if (row.answer && (!group.answer || *group.answer < *row.answer)) group.answer = row.answer;
      group.disputed |= row.disputed;
    }
    group.facts.push_back(row.fact);
  }
  return groups;
}

// Combines a group into one that needs both: the weaker answer, either's dispute.
void combine(GroupedRow& into, const GroupedRow& other) {
  if (into.answer && other.answer) into.answer = std::min(*into.answer, *other.answer);
  into.disputed |= other.disputed;
  into.facts.insert(into.facts.end(), other.facts.begin(), other.facts.end());
}

std::vector<GroupedRow> sorted_by_name(const KnowledgeGraph& graph,
                                       std::map<EntityIndex, GroupedRow> groups) {
  std::vector<GroupedRow> rows;
  rows.reserve(groups.size());
  for (auto& [index, group] : groups) rows.push_back(std::move(group));
  std::stable_sort(rows.begin(), rows.end(), [&graph](const GroupedRow& a, const GroupedRow& b) {
    return fold_name(graph.entity(a.entity).name) < fold_name(graph.entity(b.entity).name);
  });
  return rows;
}

}  // namespace

std::vector<GroupedRow> common_members(const KnowledgeGraph& graph,
                                       std::span<const EntityIndex> organizations,
                                       const DateSelection& when, const MembershipFilter& filter) {
  assert(!organizations.empty());
  const auto member_of = [&graph](const FactRow& row) {
    return *graph.find_id(graph.fact(row.fact).subject.value);
  };
  std::map<EntityIndex, GroupedRow> result =
      group_rows(members(graph, organizations[0], when, filter), member_of);
  for (std::size_t i = 1; i < organizations.size() && !result.empty(); ++i) {
    const std::map<EntityIndex, GroupedRow> next =
        group_rows(members(graph, organizations[i], when, filter), member_of);
    std::erase_if(result, [&next](const auto& entry) { return next.count(entry.first) == 0; });
    for (auto& [entity, group] : result) combine(group, next.at(entity));
  }
  return sorted_by_name(graph, std::move(result));
}

std::vector<GroupedRow> shared_organizations(const KnowledgeGraph& graph, EntityIndex a,
                                             EntityIndex b, const DateSelection& when,
                                             const MembershipFilter& filter) {
  const auto organization_of = [&graph](const FactRow& row) {
    return *graph.find_id(graph.fact(row.fact).object->value);
  };
  std::map<EntityIndex, GroupedRow> result =
      group_rows(memberships(graph, a, when, filter), organization_of);
  const std::map<EntityIndex, GroupedRow> of_b =
      group_rows(memberships(graph, b, when, filter), organization_of);
  std::erase_if(result, [&of_b](const auto& entry) { return of_b.count(entry.first) == 0; });
  for (auto& [organization, group] : result) combine(group, of_b.at(organization));
  return sorted_by_name(graph, std::move(result));
}

EntityProfile profile(const KnowledgeGraph& graph, EntityIndex entity, const DateSelection& when) {
  EntityProfile result;
  result.entity = entity;
  for (const FactIndex index : graph.events_of(entity)) {
    result.events.push_back(FactRow{index, std::nullopt, false});
  }
  std::stable_sort(result.events.begin(), result.events.end(),
                   [&graph](const FactRow& a, const FactRow& b) {
                     return *graph.fact(a.fact).date < *graph.fact(b.fact).date;
                   });
  const auto keep = [&when, &graph](FactIndex index) -> std::optional<FactRow> {
    if (!when.at) return FactRow{index, std::nullopt, false};
    const Truth answer = holds_at(graph.fact(index).validity, *when.at);
    if (answer == Truth::kNo) return std::nullopt;
    return FactRow{index, answer, false};
  };
  for (const FactIndex index : graph.facts_from(entity)) {
    if (const auto row = keep(index)) result.relations_out.push_back(*row);
  }
  std::set<std::string> members_seen;
  for (const FactIndex index : graph.facts_into(entity)) {
    const auto row = keep(index);
    if (!row) continue;
    if (graph.fact(index).relation == Relation::kMemberOf) {
      members_seen.insert(graph.fact(index).subject.value);
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
