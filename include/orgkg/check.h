// Contradictions: facts that cannot all be true, found in a built KnowledgeGraph. They are
// reported (by `check`, and as warnings by `load`), never silently resolved: the curator
// decides. Pure functions of the graph.
#ifndef ORGKG_CHECK_H_
#define ORGKG_CHECK_H_

#include <functional>
#include <string>
#include <vector>

#include "orgkg/graph.h"

namespace orgkg {

enum class ContradictionKind : std::uint8_t {
  kOverlappingStatuses,  // two intervals of one membership with different statuses overlap
  kClaimAgainstHistory,  // an `at` claim that the pair's intervals contradict
  kEventDates,           // two dates of the same event that cannot both be right
  kBeforeEstablished,    // a membership that surely began before its organization existed
  kAfterDissolved,       // a membership that surely went on after its organization ended
};

// "overlapping_statuses", "claim_against_history", "event_dates", "before_established",
// "after_dissolved".
const char* contradiction_kind_name(ContradictionKind kind);

struct Contradiction {
  ContradictionKind kind;
  std::string message;           // one line, naming the entities and dates
  std::vector<FactIndex> facts;  // the facts on each side (two, or the fact and the event)
};

// Every contradiction in the graph, grouped by entity. With `involves`, only those where
// at least one fact satisfies it (e.g. the facts a load adds).
// REQUIRES: graph.is_built()
std::vector<Contradiction> find_contradictions(
    const KnowledgeGraph& graph, const std::function<bool(FactIndex)>& involves = nullptr);

}  // namespace orgkg

#endif  // ORGKG_CHECK_H_
