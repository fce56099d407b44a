// A diagram as plain data: nodes and edges with their Graphviz attributes, in a fixed
// order. Built from the knowledge graph by build_diagram(), drawn by graphviz.cpp. Keeping
// the two apart keeps Graphviz's C API in one file. Private to src/.
#ifndef ORGKG_SRC_DIAGRAM_H_
#define ORGKG_SRC_DIAGRAM_H_

#include <string>
#include <utility>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/render.h"

namespace orgkg::internal {

// Attribute name and value, as Graphviz reads them (labels already escaped for DOT).
using Attributes = std::vector<std::pair<std::string, std::string>>;

struct DiagramNode {
  std::string name;  // unique, stable: the entity id
  Attributes attributes;
  std::string cluster;  // "" or the subgraph it belongs to (the legend)
};

struct DiagramEdge {
  std::string tail;
  std::string head;
  Attributes attributes;
  std::string cluster;
};

struct Diagram {
  Attributes graph_attributes;
  std::vector<std::pair<std::string, Attributes>> clusters;  // name, attributes
  std::vector<DiagramNode> nodes;
  std::vector<DiagramEdge> edges;
};

// Escapes text for a DOT label: backslashes doubled (DOT reads "\n", "\l"… as escapes),
// line breaks as "\n", '&' as "&amp;" (Graphviz reads entities such as "&amp;" in
// labels); quotes are quoted by cgraph when it writes the file.
std::string dot_label(std::string_view text);

Diagram build_diagram(const KnowledgeGraph& graph, const DiagramOptions& options);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_DIAGRAM_H_
