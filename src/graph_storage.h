// The one place that includes Boost.Graph: the bundled vertex and edge properties and
// the graph type behind KnowledgeGraph. Private to src/.
#ifndef ORGKG_SRC_GRAPH_STORAGE_H_
#define ORGKG_SRC_GRAPH_STORAGE_H_

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <vector>

#include "orgkg/graph.h"

namespace orgkg::internal {

struct EntityVertex {
  EntityIndex entity;
  std::vector<FactIndex> events;  // event facts whose subject this is
};

// Each entity-relation fact is stored as two edges: subject→object (forward) and
// object→subject (backward), so that breadth-first search follows facts in either
// direction. (Listing an entity's facts in order goes through the contiguous index that
// KnowledgeGraph::finish_build() makes, not through these edge lists.)
struct FactEdge {
  FactIndex fact;
  bool backward;
};

// vecS vertices: descriptors equal EntityIndex and stay valid because vertices are never
// removed. vecS out-edges allow several facts between the same pair.
using StorageGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, EntityVertex, FactEdge>;

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_GRAPH_STORAGE_H_
