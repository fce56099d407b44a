// How two entities are connected: the shortest chain of facts that hold at a date (or
// ever), found by breadth-first search over the graph's facts in either direction.
#ifndef ORGKG_PATH_H_
#define ORGKG_PATH_H_

#include <optional>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/query.h"

namespace orgkg {

// One link of a chain: a fact, and whether it was followed from its subject to its object
// (forward) or back from its object to its subject.
struct PathStep {
  FactRow row;
  EntityIndex from;
  EntityIndex to;
  bool forward;
};

// The steps from `a` to `b` along facts that hold (yes or maybe) at the date, or along
// any fact over all time; empty when a == b; nullopt when they are not connected.
std::optional<std::vector<PathStep>> connection(const KnowledgeGraph& graph, EntityIndex a,
                                                EntityIndex b, const DateSelection& when);

}  // namespace orgkg

#endif  // ORGKG_PATH_H_
