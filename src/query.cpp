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
// its day, when it names a single day.
std::optional<DaySpan> sure_days(const ValiditySpans& validity, const DaySpan& question) {
  constexpr DayNumber kMin = std::numeric_limits<DayNumber>::min();
  constexpr DayNumber kMax = std::numeric_limits<DayNumber>::max();
  DaySpan days{kMin, kMax};
  if (validity.has_from || validity.has_until) {
    if (validity.has_from) days.first = validity.from.last;
    if (validity.has_until) days.last = validity.until.first - 1;
  } else if (validity.has_at && validity.at.first == validity.at.last) {
    days = validity.at;  // a claim is sure only of its day when it names one
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

  // Whether the facts of one pair disagree at the date. Reusable from pair to pair (the
  // storage is kept: one allocation per query, not per pair).
  bool judge(std::span<const KnowledgeGraph::FactLink> pair) {
    sure_.clear();
    has_interval_ = interval_holds_ = claim_holds_ = disputed_ = false;
    for (const KnowledgeGraph::FactLink& link : pair) {
      const ValiditySpans validity = link.validity.spans();
      add(validity, link.status, holds_at(validity, question_));
    }
    return disputed_ || (claim_holds_ && has_interval_ && !interval_holds_);
  }
  const DaySpan& question() const { return question_; }

 private:
  // Takes one fact of the pair: its validity, status and answer.
  void add(const ValiditySpans& validity, MembershipStatus status, Truth answer) {
    const bool is_interval = validity.has_from || validity.has_until;
    has_interval_ |= is_interval;
    if (answer == Truth::kNo) return;
    (is_interval ? interval_holds_ : claim_holds_) = true;
    if (const auto days = sure_days(validity, question_)) {
      for (const auto& [other_status, other] : sure_) {
        disputed_ |=
            other_status != status && days->first <= other.last && other.first <= days->last;
      }
      sure_.emplace_back(status, *days);
    }
  }

  const DaySpan question_;
  std::vector<std::pair<MembershipStatus, DaySpan>> sure_;
  bool has_interval_ = false;
  bool interval_holds_ = false;
  bool claim_holds_ = false;
  bool disputed_ = false;
};

// Answers the facts of one (member, organization) pair at the date, appending to `rows`
// those that may hold (or, over all time, all of them), marked disputed when the pair's
// facts disagree. `dispute` is working storage, reused from pair to pair.
void answer_pair(std::span<const KnowledgeGraph::FactLink> pair, const DateSelection& when,
                 const MembershipFilter& filter, PairDispute& dispute, std::vector<FactRow>& rows) {
  const auto wanted = [&filter](const KnowledgeGraph::FactLink& link) {
    return !filter.status || link.status == *filter.status;
  };
  if (!when.at) {
    for (const auto& link : pair) {
      if (wanted(link)) rows.push_back(FactRow{link.fact, std::nullopt, false});
    }
    return;
  }
  // The answers first. A dispute needs two facts that may hold, or a claim that may hold
  // beside an interval: only then is the pair judged (most pairs are consecutive
  // intervals, of which one holds).
  const std::size_t first_row = rows.size();
  int holding = 0;
  bool claim_holds = false;
  bool has_interval = false;
  for (const KnowledgeGraph::FactLink& link : pair) {
    const Truth answer = link.validity.holds_at(dispute.question());
    const bool is_interval = link.validity.has_interval();
    has_interval |= is_interval;
    if (answer == Truth::kNo) continue;
    ++holding;
    claim_holds |= !is_interval;
    if (wanted(link)) rows.push_back(FactRow{link.fact, answer, false});
  }
  if (holding < 2 && !(claim_holds && has_interval)) return;
  if (dispute.judge(pair)) {
    for (std::size_t i = first_row; i < rows.size(); ++i) rows[i].disputed = true;
  }
}

// The end of the run of links about the same other entity that starts at `start`.
std::size_t run_end(std::span<const KnowledgeGraph::FactLink> links, std::size_t start) {
  std::size_t end = start + links[start].pair_rest;  // past 255 facts, the rest one by one
  while (end < links.size() && links[end].other == links[start].other) ++end;
  return std::min(end, links.size());
}

// Answers membership facts at the date and keeps those that may hold (or, over all time,
// all of them), marking disputes. `links` come from the graph's adjacency: the facts of
// one pair stand together, so each pair is judged as its run ends. Reads only the edge
// lists and the precomputed validity spans, never the facts themselves.
std::vector<FactRow> answer_memberships(std::span<const KnowledgeGraph::FactLink> links,
                                        const DateSelection& when, const MembershipFilter& filter) {
  std::vector<FactRow> rows;
  if (!when.at) {
    rows.reserve(links.size());
    for (const KnowledgeGraph::FactLink& link : links) {
      if (!filter.status || link.status == *filter.status) {
        rows.push_back(FactRow{link.fact, std::nullopt, false});
      }
    }
    return rows;
  }
  // One pass without branches on the data (a state may have thousands of facts): each
  // fact is answered and its row written, kept or not; pairs that might be disputed
  // (two facts that may hold, or a claim that may hold beside an interval) are noted as
  // they are met, and judged afterwards.
  const DaySpan question = when.at->span();
  rows.resize(links.size());
  struct Suspect {
    std::size_t first_link;
    std::size_t first_row;
  };
  std::vector<Suspect> suspects;
  // Locals, so that the loop keeps them in registers (the rows written might otherwise
  // alias them).
  const bool any_status = !filter.status.has_value();
  const MembershipStatus wanted_status = filter.status.value_or(MembershipStatus::kFull);
  const KnowledgeGraph::FactLink* const link_at = links.data();
  const std::size_t count = links.size();
  FactRow* const out = rows.data();
  std::size_t kept = 0;
  std::size_t run_start = 0;
  std::size_t run_first_row = 0;
  EntityIndex run_other = count > 0 ? link_at[0].other : 0;
  unsigned run_holding = 0;  // facts of the pair that may hold
  unsigned run_kinds = 0;    // bit 0: an interval; bit 1: a claim that may hold
  bool run_noted = false;
  for (std::size_t i = 0; i < count; ++i) {
    const KnowledgeGraph::FactLink& link = link_at[i];
    const Truth answer = link.validity.holds_at(question);
    const unsigned holds = answer != Truth::kNo ? 1 : 0;
    const bool interval = link.validity.has_interval();
    const bool same_pair = link.other == run_other;
    run_other = link.other;
    run_start = same_pair ? run_start : i;
    run_first_row = same_pair ? run_first_row : kept;
    run_holding = (same_pair ? run_holding : 0) + holds;
    run_kinds = (same_pair ? run_kinds : 0) | (interval ? 1u : 0u) | (interval ? 0u : holds << 1);
    run_noted = same_pair && run_noted;
    out[kept] = FactRow{link.fact, answer, false};
    kept += holds & static_cast<unsigned>(any_status || link.status == wanted_status);
    if (!run_noted && (run_holding >= 2 || run_kinds == 3)) {
      run_noted = true;
      suspects.push_back(Suspect{run_start, run_first_row});
    }
  }
  rows.resize(kept);
  PairDispute dispute(question);
  for (const Suspect& suspect : suspects) {
    const auto pair =
        links.subspan(suspect.first_link, run_end(links, suspect.first_link) - suspect.first_link);
    if (!dispute.judge(pair)) continue;
    // The pair's rows are the kept ones from its first: the facts that may hold and are
    // wanted.
    std::size_t r = suspect.first_row;
    for (const KnowledgeGraph::FactLink& link : pair) {
      if (link.validity.holds_at(question) != Truth::kNo &&
          (any_status || link.status == wanted_status)) {
        rows[r++].disputed = true;
      }
    }
  }
  return rows;
}

// Groups consecutive rows about the same entity (as `side` picks it): the best answer of
// the group, disputed if any row is.
// Adds a row to a group: the better answer, any dispute, its fact.
void add_row(GroupedRow& group, const FactRow& row) {
  if (row.answer && (!group.answer || *group.answer < *row.answer)) group.answer = row.answer;
  group.disputed |= row.disputed;
  group.facts.push_back(row.fact);
}

template <typename Side>
std::vector<GroupedRow> group_rows(const std::vector<FactRow>& rows, Side side) {
  std::vector<GroupedRow> groups;
  for (const FactRow& row : rows) {
    const EntityIndex key = side(row.fact);
    if (groups.empty() || groups.back().entity != key) {
      groups.push_back(GroupedRow{key, row.answer, false, {}});
    }
    add_row(groups.back(), row);
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
    message += fmt::format(" — did you mean '{}'?", graph.entity_name(*near));
  }
  return Status::not_found(std::move(message));
}

std::vector<FactRow> members(const KnowledgeGraph& graph, EntityIndex organization,
                             const DateSelection& when, const MembershipFilter& filter) {
  return answer_memberships(graph.links_into(organization, Relation::kMemberOf), when, filter);
}

std::vector<FactRow> memberships(const KnowledgeGraph& graph, EntityIndex entity,
                                 const DateSelection& when, const MembershipFilter& filter) {
  return answer_memberships(graph.links_from(entity, Relation::kMemberOf), when, filter);
}

std::vector<FactRow> history(const KnowledgeGraph& graph, EntityIndex entity,
                             std::optional<EntityIndex> organization, const DateSelection& when,
                             const MembershipFilter& filter) {
  const std::span<const KnowledgeGraph::FactLink> all =
      graph.links_from(entity, Relation::kMemberOf);
  std::vector<KnowledgeGraph::FactLink> links(all.begin(), all.end());
  if (organization) {
    std::erase_if(
        links, [&](const KnowledgeGraph::FactLink& link) { return link.other != *organization; });
  }
  std::vector<FactRow> rows = answer_memberships(links, when, filter);
  std::stable_sort(rows.begin(), rows.end(), [&graph](const FactRow& a, const FactRow& b) {
    const auto da = graph.sort_date_of(a.fact);
    const auto db = graph.sort_date_of(b.fact);
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
  const std::span<const KnowledgeGraph::FactLink> all_a = graph.links_from(a, Relation::kMemberOf);
  const std::span<const KnowledgeGraph::FactLink> all_b = graph.links_from(b, Relation::kMemberOf);
  // Both lists are in organization name order; the answer follows b's, for the
  // organizations both lists have, answered into buffers reused from one to the next.
  std::vector<GroupedRow> result;
  std::vector<FactRow> rows_a;
  std::vector<FactRow> rows_b;
  GroupedRow side_b{};
  PairDispute dispute(when.at ? when.at->span() : DaySpan{0, 0});
  // A bit for each of a's organizations and where its run starts in a's list; then b's
  // list is walked once, in order, looking each organization up; only those both lists
  // have are answered. These arrays are kept from call to call on each thread, so that a
  // question allocates nothing the size of the graph.
  const std::size_t entities = graph.entity_count();
  thread_local std::vector<std::uint32_t> start_in_a;
  thread_local std::vector<std::uint64_t> in_a;
  if (start_in_a.size() < entities) start_in_a.resize(entities);
  in_a.assign((entities + 63) / 64, 0);
  const DaySpan question = dispute.question();
  // Locals, so that the loops keep them in registers.
  const bool dated = when.at.has_value();
  const bool any_status = !filter.status.has_value();
  const MembershipStatus wanted_status = filter.status.value_or(MembershipStatus::kFull);
  std::uint32_t* const starts = start_in_a.data();
  std::uint64_t* const listed = in_a.data();
  const KnowledgeGraph::FactLink* const links_a = all_a.data();
  const KnowledgeGraph::FactLink* const links_b = all_b.data();
  // Whether some fact of the pair starting at `links[first]` may hold and is wanted.
  const auto pair_holds = [&](std::span<const KnowledgeGraph::FactLink> links, std::size_t first,
                              std::size_t end) {
    bool holds = false;
    for (std::size_t i = first; i < end; ++i) {
      holds |= (!dated || links[i].validity.may_hold(question)) &&
               (any_status || links[i].status == wanted_status);
    }
    return holds;
  };
  // Both walks read only the other ends (4 bytes a link), link by link, so that no step
  // waits on the load of the one before. a's from the end: the last write of an
  // organization's start is the first link of its run.
  const std::span<const EntityIndex> others_a = graph.others_from(a, Relation::kMemberOf);
  const std::span<const EntityIndex> others_b = graph.others_from(b, Relation::kMemberOf);
  for (std::size_t ia = others_a.size(); ia-- > 0;) {
    const EntityIndex org = others_a[ia];
    starts[org] = static_cast<std::uint32_t>(ia);
    listed[org / 64] |= std::uint64_t{1} << (org % 64);
  }
  // The first links of b's runs whose organization a has, gathered without branches.
  thread_local std::vector<std::uint32_t> candidates;
  if (candidates.size() < others_b.size()) candidates.resize(others_b.size());
  std::uint32_t* const found = candidates.data();
  std::size_t found_count = 0;
  EntityIndex previous = std::numeric_limits<EntityIndex>::max();
  for (std::size_t ib = 0; ib < others_b.size(); ++ib) {
    const EntityIndex org = others_b[ib];
    const auto new_pair = static_cast<std::uint64_t>(org != previous);
    previous = org;
    found[found_count] = static_cast<std::uint32_t>(ib);
    found_count += (listed[org / 64] >> (org % 64)) & new_pair & 1;
  }
  result.reserve(256);
  for (std::size_t k = 0; k < found_count; ++k) {
    const std::size_t ib = found[k];
    const EntityIndex org = links_b[ib].other;
    // Most organizations both ever had are ones one of them did not have then.
    const std::size_t end_b = run_end(all_b, ib);
    if (!pair_holds(all_b, ib, end_b)) continue;
    const std::size_t ia = starts[org];
    const std::size_t end_a = run_end(all_a, ia);
    if (!pair_holds(all_a, ia, end_a)) continue;
    if (dated && end_a == ia + 1 && end_b == ib + 1) {
      // One fact on each side (the common case): nothing to dispute, nothing to gather.
      const Truth answer_a = links_a[ia].validity.holds_at(question);
      const Truth answer_b = links_b[ib].validity.holds_at(question);
      result.push_back(GroupedRow{
          org, std::min(answer_a, answer_b), false, {links_a[ia].fact, links_b[ib].fact}});
      continue;
    }
    rows_a.clear();
    rows_b.clear();
    answer_pair(all_b.subspan(ib, end_b - ib), when, filter, dispute, rows_b);
    if (rows_b.empty()) continue;
    answer_pair(all_a.subspan(ia, end_a - ia), when, filter, dispute, rows_a);
    if (rows_a.empty()) continue;
    // One allocation per row: b's side is grouped into storage kept from row to row.
    const auto group_into = [org](const std::vector<FactRow>& rows, GroupedRow& group) {
      group.entity = org;
      group.answer = rows.front().answer;
      group.disputed = false;
      group.facts.clear();
      for (const FactRow& row : rows) add_row(group, row);
    };
    GroupedRow shared;
    shared.facts.reserve(rows_a.size() + rows_b.size());
    group_into(rows_a, shared);
    group_into(rows_b, side_b);
    combine(shared, side_b);
    result.push_back(std::move(shared));
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
    const Truth answer = holds_at(graph.validity_of(index), *when.at);
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
    if (graph.relation_of(index) == Relation::kMemberOf) {
      members_seen.insert(graph.subject_of(index));
    } else {
      result.relations_in.push_back(*row);
    }
  }
  result.members_count = members_seen.size();
  std::set<std::string> sources;
  for (const auto* rows : {&result.events, &result.relations_out, &result.relations_in}) {
    for (const FactRow& row : *rows) {
      for (const std::string_view source : graph.cited_source_ids(row.fact)) {
        sources.emplace(source);
      }
    }
  }
  result.sources_count = sources.size();
  return result;
}

}  // namespace orgkg
