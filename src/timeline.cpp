#include "orgkg/timeline.h"

#include <algorithm>
#include <map>

#include "orgkg/query.h"

namespace orgkg {
namespace {

void add_events_of(const KnowledgeGraph& graph, EntityIndex entity,
                   std::vector<TimelineEvent>& events) {
  for (const FactIndex index : graph.events_of(entity)) {
    events.push_back(TimelineEvent{*graph.event_date_of(index),
                                   TimelineEventKind::kEvent,
                                   entity,
                                   graph.relation_of(index),
                                   std::nullopt,
                                   std::nullopt,
                                   {index}});
  }
}

// Joins, changes and departures of one member, from its intervals in start order.
void add_membership_events(const KnowledgeGraph& graph, EntityIndex member,
                           std::vector<FactIndex> intervals, std::vector<TimelineEvent>& events) {
  std::stable_sort(intervals.begin(), intervals.end(), [&graph](FactIndex a, FactIndex b) {
    const std::optional<PartialDate> fa = graph.validity_of(a).from;
    const std::optional<PartialDate> fb = graph.validity_of(b).from;
    if (fa != fb) return !fa || (fb && *fa < *fb);
    return a < b;
  });
  // Each interval's validity and status, and those of its neighbours in start order.
  std::vector<Validity> validity;
  std::vector<MembershipStatus> statuses;
  for (const FactIndex index : intervals) {
    validity.push_back(graph.validity_of(index));
    statuses.push_back(graph.status_of(index));
  }
  for (std::size_t i = 0; i < intervals.size(); ++i) {
    const Validity& fact = validity[i];
    const MembershipStatus status = statuses[i];
    if (fact.from) {
      const bool continues = i > 0 && validity[i - 1].until == fact.from;
      if (!continues) {
        events.push_back(TimelineEvent{*fact.from,
                                       TimelineEventKind::kJoined,
                                       member,
                                       std::nullopt,
                                       status,
                                       std::nullopt,
                                       {intervals[i]}});
      } else if (statuses[i - 1] != status) {
        events.push_back(TimelineEvent{*fact.from,
                                       TimelineEventKind::kStatusChanged,
                                       member,
                                       std::nullopt,
                                       status,
                                       statuses[i - 1],
                                       {intervals[i], intervals[i - 1]}});
      }
    }
    if (fact.until) {
      const bool continued = i + 1 < intervals.size() && validity[i + 1].from == fact.until;
      if (!continued) {
        events.push_back(TimelineEvent{*fact.until,
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
    const Validity validity = graph.validity_of(index);
    if (!validity.from && !validity.until) continue;  // claims are not events
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
