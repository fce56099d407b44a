// The one place that calls Graphviz's C libraries (cgraph, gvc). Private to src/.
#ifndef ORGKG_SRC_GRAPHVIZ_H_
#define ORGKG_SRC_GRAPHVIZ_H_

#include <string>
#include <vector>

#include "diagram.h"
#include "orgkg/render.h"
#include "orgkg/status.h"

namespace orgkg::internal {

// Builds `diagram` with cgraph and writes it as DOT (no layout), or lays it out with
// `layout` and renders it to SVG, PNG or PDF with gvc. kIo when Graphviz fails.
Result<std::string> draw(const Diagram& diagram, DiagramFormat format, DiagramLayout layout);

// What cgraph reads back from DOT text: whether it parses, its nodes, and each edge with
// the attributes a diagram sets (for tests and checks of written diagrams).
struct ParsedEdge {
  std::string tail;
  std::string head;
  std::string label;
  std::string style;
  std::string color;
};
struct ParsedDot {
  bool ok = false;
  int nodes = 0;
  int edges = 0;
  std::vector<ParsedEdge> edge_list;
};
ParsedDot parse_dot(const std::string& dot);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_GRAPHVIZ_H_
