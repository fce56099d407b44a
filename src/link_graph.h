// The one place that includes Boost.Graph: the link tables (graph_tables.h) seen as a
// Boost.Graph IncidenceGraph, so that Boost's breadth-first search runs on the compact
// arrays themselves, built in memory or mapped from a snapshot, without a copy.
// Vertices are entity indexes; the out-edges of v are every end of every entity-relation
// fact v takes part in, in either direction, that may hold at the graph's date (all of
// them without one). Private to src/.
#ifndef ORGKG_SRC_LINK_GRAPH_H_
#define ORGKG_SRC_LINK_GRAPH_H_

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graph_traits.hpp>
#include <boost/graph/two_bit_color_map.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <optional>
#include <span>

#include "graph_tables.h"

namespace orgkg::internal {

// An edge: one end of a fact, seen from `source`; `link` indexes GraphTables::links.
struct LinkEdge {
  EntityIndex source = 0;
  std::uint32_t link = 0;
  friend bool operator==(const LinkEdge&, const LinkEdge&) = default;
};

class LinkGraph {
 public:
  // REQUIRES: `tables` is built and outlives the LinkGraph.
  LinkGraph(const GraphTables& tables, const std::optional<PartialDate>& at)
      : tables_(tables), has_date_(at.has_value()), question_(at ? at->span() : DaySpan{0, 0}) {}

  std::size_t vertex_count() const { return tables_.entities.size(); }
  const KnowledgeGraph::FactLink& link(std::uint32_t index) const { return tables_.links[index]; }
  // The first link of entity `v` and one past its last (its blocks are consecutive).
  std::uint32_t first_link(EntityIndex v) const { return tables_.link_start[v * kLinkBlocks]; }
  std::uint32_t end_link(EntityIndex v) const { return tables_.link_start[(v + 1) * kLinkBlocks]; }
  bool usable(std::uint32_t index) const {
    return !has_date_ || holds_at(tables_.links[index].validity, question_) != Truth::kNo;
  }

  // Walks the usable links of one entity.
  class OutEdgeIterator : public boost::iterator_facade<OutEdgeIterator, LinkEdge,
                                                        boost::forward_traversal_tag, LinkEdge> {
   public:
    OutEdgeIterator() = default;
    OutEdgeIterator(const LinkGraph* graph, EntityIndex source, std::uint32_t at, std::uint32_t end)
        : graph_(graph), source_(source), at_(at), end_(end) {
      skip_unusable();
    }

   private:
    friend class boost::iterator_core_access;
    LinkEdge dereference() const { return LinkEdge{source_, at_}; }
    bool equal(const OutEdgeIterator& other) const { return at_ == other.at_; }
    void increment() {
      ++at_;
      skip_unusable();
    }
    void skip_unusable() {
      while (at_ < end_ && !graph_->usable(at_)) ++at_;
    }

    const LinkGraph* graph_ = nullptr;
    EntityIndex source_ = 0;
    std::uint32_t at_ = 0;
    std::uint32_t end_ = 0;
  };

 private:
  const GraphTables& tables_;
  const bool has_date_;
  const DaySpan question_;
};

}  // namespace orgkg::internal

namespace boost {

template <>
struct graph_traits<orgkg::internal::LinkGraph> {
  using vertex_descriptor = orgkg::EntityIndex;
  using edge_descriptor = orgkg::internal::LinkEdge;
  using out_edge_iterator = orgkg::internal::LinkGraph::OutEdgeIterator;
  using directed_category = directed_tag;
  using edge_parallel_category = allow_parallel_edge_tag;
  using traversal_category = incidence_graph_tag;
  using degree_size_type = std::size_t;
  using vertices_size_type = std::size_t;
  using edges_size_type = std::size_t;
  static vertex_descriptor null_vertex() { return std::numeric_limits<vertex_descriptor>::max(); }
};

}  // namespace boost

namespace orgkg::internal {

// The IncidenceGraph functions Boost.Graph's algorithms call, found by argument-dependent
// lookup.
inline std::pair<LinkGraph::OutEdgeIterator, LinkGraph::OutEdgeIterator> out_edges(
    EntityIndex v, const LinkGraph& graph) {
  const std::uint32_t end = graph.end_link(v);
  return {LinkGraph::OutEdgeIterator(&graph, v, graph.first_link(v), end),
          LinkGraph::OutEdgeIterator(&graph, v, end, end)};
}
inline std::size_t out_degree(EntityIndex v, const LinkGraph& graph) {
  std::size_t degree = 0;
  for (std::uint32_t i = graph.first_link(v); i < graph.end_link(v); ++i) degree += graph.usable(i);
  return degree;
}
inline EntityIndex source(const LinkEdge& edge, const LinkGraph&) { return edge.source; }
inline EntityIndex target(const LinkEdge& edge, const LinkGraph& graph) {
  return graph.link(edge.link).other;
}

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_LINK_GRAPH_H_
