#include "graphviz.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <stdio.h>

#include <cstdlib>
#include <map>
#include <memory>

namespace orgkg::internal {
namespace {

// RAII for the C handles. Every const_cast for Graphviz's char* parameters is here.
struct GraphCloser {
  void operator()(Agraph_t* graph) const noexcept { agclose(graph); }
};
struct ContextFreer {
  void operator()(GVC_t* context) const noexcept { gvFreeContext(context); }
};
using GraphHandle = std::unique_ptr<Agraph_t, GraphCloser>;
using ContextHandle = std::unique_ptr<GVC_t, ContextFreer>;

// Frees a layout when it goes out of scope (gvFreeLayout must precede agclose).
class LayoutGuard {
 public:
  LayoutGuard(GVC_t* context, Agraph_t* graph) : context_(context), graph_(graph) {}
  ~LayoutGuard() { gvFreeLayout(context_, graph_); }
  LayoutGuard(const LayoutGuard&) = delete;
  LayoutGuard& operator=(const LayoutGuard&) = delete;

 private:
  GVC_t* const context_;
  Agraph_t* const graph_;
};

char* text(const std::string& value) { return const_cast<char*>(value.c_str()); }

void set_all(void* object, const Attributes& attributes) {
  for (const auto& [name, value] : attributes) {
    agsafeset(object, text(name), text(value), const_cast<char*>(""));
  }
}

const char* layout_name(DiagramLayout layout) {
  switch (layout) {
    case DiagramLayout::kNeato:
      return "neato";
    case DiagramLayout::kFdp:
      return "fdp";
    case DiagramLayout::kCirco:
      return "circo";
    case DiagramLayout::kTwopi:
      return "twopi";
    case DiagramLayout::kDot:
      break;
  }
  return "dot";
}

const char* format_name(DiagramFormat format) {
  switch (format) {
    case DiagramFormat::kSvg:
      return "svg";
    case DiagramFormat::kPng:
      return "png";
    case DiagramFormat::kPdf:
      return "pdf";
    case DiagramFormat::kDot:
      break;
  }
  return "dot";
}

GraphHandle build(const Diagram& diagram) {
  std::string name = "orgkg";
  GraphHandle graph(agopen(text(name), Agdirected, nullptr));
  set_all(graph.get(), diagram.graph_attributes);
  std::map<std::string, Agraph_t*> clusters;
  for (const auto& [cluster_name, attributes] : diagram.clusters) {
    Agraph_t* cluster = agsubg(graph.get(), text(cluster_name), 1);
    set_all(cluster, attributes);
    clusters.emplace(cluster_name, cluster);
  }
  const auto home = [&](const std::string& cluster) {
    return cluster.empty() ? graph.get() : clusters.at(cluster);
  };
  std::map<std::string, Agnode_t*> nodes;
  for (const DiagramNode& node : diagram.nodes) {
    Agnode_t* created = agnode(home(node.cluster), text(node.name), 1);
    set_all(created, node.attributes);
    nodes.emplace(node.name, created);
  }
  for (const DiagramEdge& edge : diagram.edges) {
    Agedge_t* created =
        agedge(home(edge.cluster), nodes.at(edge.tail), nodes.at(edge.head), nullptr, 1);
    set_all(created, edge.attributes);
  }
  return graph;
}

// agwrite into memory, through a FILE* from open_memstream.
Result<std::string> write_dot(Agraph_t* graph) {
  char* buffer = nullptr;
  std::size_t size = 0;
  FILE* stream = open_memstream(&buffer, &size);
  if (stream == nullptr) return Status::io("cannot open a memory stream for DOT output");
  const int written = agwrite(graph, stream);
  std::fclose(stream);
  std::unique_ptr<char, decltype(&std::free)> owner(buffer, &std::free);
  if (written != 0) return Status::io("Graphviz could not write the DOT text");
  return std::string(buffer, size);
}

}  // namespace

Result<std::string> draw(const Diagram& diagram, DiagramFormat format, DiagramLayout layout) {
  const GraphHandle graph = build(diagram);
  if (format == DiagramFormat::kDot) return write_dot(graph.get());
  // One context for the whole process: Graphviz 2.43 caches font names in statics that
  // gvFreeContext frees, so a second context reads freed memory (AddressSanitizer found
  // it). Rendering stays on one thread, as cgraph requires.
  static const ContextHandle context(gvContext());
  if (gvLayout(context.get(), graph.get(), layout_name(layout)) != 0) {
    return Status::io(std::string("Graphviz layout '") + layout_name(layout) +
                      "' failed (is the graphviz package installed?)");
  }
  LayoutGuard layout_guard(context.get(), graph.get());
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(context.get(), graph.get(), format_name(format), &data, &length) != 0) {
    if (data != nullptr) gvFreeRenderData(data);
    return Status::io(std::string("Graphviz could not render ") + format_name(format) +
                      " (is the graphviz package installed?)");
  }
  std::string bytes(data, length);
  gvFreeRenderData(data);
  return bytes;
}

ParsedDot parse_dot(const std::string& dot) {
  GraphHandle graph(agmemread(dot.c_str()));
  if (!graph) return {};
  ParsedDot parsed{true, agnnodes(graph.get()), agnedges(graph.get()), {}};
  const auto get = [](Agedge_t* edge, const char* name) {
    const char* value = agget(edge, const_cast<char*>(name));
    return std::string(value != nullptr ? value : "");
  };
  for (Agnode_t* node = agfstnode(graph.get()); node != nullptr;
       node = agnxtnode(graph.get(), node)) {
    for (Agedge_t* edge = agfstout(graph.get(), node); edge != nullptr;
         edge = agnxtout(graph.get(), edge)) {
      parsed.edge_list.push_back(ParsedEdge{agnameof(agtail(edge)), agnameof(aghead(edge)),
                                            get(edge, "label"), get(edge, "style"),
                                            get(edge, "color")});
    }
  }
  return parsed;
}

}  // namespace orgkg::internal
