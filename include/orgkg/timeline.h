// The timeline of an organization: its dated events and those of the treaties it is
// based on, and the joins, departures and status changes of its members, derived from
// consecutive membership intervals. A pure function of a KnowledgeGraph.
#ifndef ORGKG_TIMELINE_H_
#define ORGKG_TIMELINE_H_

#include <optional>
#include <vector>

#include "orgkg/graph.h"

namespace orgkg {

enum class TimelineEventKind : std::uint8_t {
  kEvent,          // an event fact: established, signed, entered_into_force, dissolved
  kJoined,         // a membership interval begins (with its status)
  kStatusChanged,  // one interval ends where the next, with another status, begins
  kLeft,           // a membership interval ends and no other follows at once
};

struct TimelineEvent {
  PartialDate date;
  TimelineEventKind kind;
  EntityIndex entity;                           // the member, or the event's subject
  std::optional<Relation> relation;             // kEvent only
  std::optional<MembershipStatus> status;       // joined, left: the interval's status
  std::optional<MembershipStatus> from_status;  // kStatusChanged only
  std::vector<FactIndex> facts;  // the facts it is read from, the newer interval first
};

// Every dated event of `organization`, oldest first (a coarser date before a finer one
// starting on the same day). Membership claims dated only by `at` are not events.
std::vector<TimelineEvent> timeline(const KnowledgeGraph& graph, EntityIndex organization);

// "joined", "left", "status_changed", or the event's relation name.
const char* timeline_event_name(const TimelineEvent& event);

}  // namespace orgkg

#endif  // ORGKG_TIMELINE_H_
