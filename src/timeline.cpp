#include "orgkg/timeline.h"

#include <algorithm>
#include <map>

#include "orgkg/query.h"

namespace orgkg {
namespace {

void add_events_of(const KnowledgeGraph& graph, EntityIndex entity,
                   std::vector<TimelineEvent>& events) {
  for (const FactIndex index : graph.events_of(entity)) {
    const Fact& fact = graph.fact(index);
    events.push_back(TimelineEvent{*fact.date,
                                   TimelineEventKind::kEvent,
                                   entity,
                                   fact.relation,
                                   std::nullopt,
                                   std::nullopt,
                                   {index}});
  }
}

// Joins, changes and departures of one member, from its intervals in start order.
void add_membership_events(const KnowledgeGraph& graph, EntityIndex member,
                           std::vector<FactIndex> intervals, std::vector<TimelineEvent>& events) {
  std::stable_sort(intervals.begin(), intervals.end(), [&graph](FactIndex a, FactIndex b) {
    const auto& fa = graph.fact(a).validity.from;
    const auto& fb = graph.fact(b).validity.from;
    if (fa != fb) return !fa || (fb && *fa < *fb);
    return a < b;
  });
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const Fact& fact = graph.fact(intervals[i]);
    const MembershipStatus status = fact.effective_status();
    if (fact.validity.from) {
      const Fact* previous = i > 0 ? &graph.fact(intervals[i - 1]) : nullptr;
      const bool continues = previous != nullptr && previous->validity.until == fact.validity.from;
      if (!continues) {
        events.push_back(TimelineEvent{*fact.validity.from,
                                       TimelineEventKind::kJoined,
                                       member,
                                       std::nullopt,
                                       status,
                                       std::nullopt,
                                       {intervals[i]}});
      } else if (previous->effective_status() != status) {
        events.push_back(TimelineEvent{*fact.validity.from,
                                       TimelineEventKind::kStatusChanged,
                                       member,
                                       std::nullopt,
                                       status,
                                       previous->effective_status(),
                                       {intervals[i], intervals[i - 1]}});
      }
    }
    if (fact.validity.until) {
      const Fact* next = i + 1 < intervals.size() ? &graph.fact(intervals[i + 1]) : nullptr;
      const bool continued = next != nullptr && next->validity.from == fact.validity.until;
      if (!continued) {
        events.push_back(TimelineEvent{*fact.validity.until,
                                       TimelineEventKind::kLeft,
                                       member,
                                       std::nullopt,
                                       status,
                                       std::nullopt,
                                       {intervals[i]}});
      }
    }
  }
}

}  // namespace

std::vector<TimelineEvent> timeline(const KnowledgeGraph& graph, EntityIndex organization) {
  std::vector<TimelineEvent> events;
  add_events_of(graph, organization, events);
  for (const FactIndex index : graph.facts_from(organization, Relation::kBasedOn)) {
    add_events_of(graph, *graph.object_of(index), events);
  }
  std::map<EntityIndex, std::vector<FactIndex>> intervals;
  for (const FactIndex index : graph.facts_into(organization, Relation::kMemberOf)) {
    const Fact& fact = graph.fact(index);
    if (!fact.validity.from && !fact.validity.until) continue;  // claims are not events
    intervals[graph.subject_of(index)].push_back(index);
  }
  for (auto& [member, facts] : intervals) {
    add_membership_events(graph, member, std::move(facts), events);
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) { return a.date < b.date; });
  return events;
}

const char* timeline_event_name(const TimelineEvent& event) {
  switch (event.kind) {
    case TimelineEventKind::kJoined:
      return "joined";
    case TimelineEventKind::kStatusChanged:
      return "status_changed";
    case TimelineEventKind::kLeft:
      return "left";
    case TimelineEventKind::kEvent:
      break;
  }
  return relation_name(*event.relation).data();
}

}  // namespace orgkg
