// The one place that includes Boost.Graph: the bundled vertex and edge properties and
// the graph type behind KnowledgeGraph. Private to src/.
#ifndef ORGKG_SRC_GRAPH_STORAGE_H_
#define ORGKG_SRC_GRAPH_STORAGE_H_

#include <boost/graph/adjacency_list.hpp>
#include <vector>

#include "orgkg/graph.h"

namespace orgkg::internal {

struct EntityVertex {
  EntityIndex entity;
  std::vector<FactIndex> events;  // event facts whose subject this is
};

struct FactEdge {
  FactIndex fact;
};

// vecS vertices: descriptors equal EntityIndex and stay valid because vertices are never
// removed. vecS out-edges allow several facts between the same pair. bidirectionalS
// keeps in-edges, so an organization's members are found without scanning.
using StorageGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, EntityVertex, FactEdge>;

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_GRAPH_STORAGE_H_
