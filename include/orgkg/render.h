// Alliance diagrams: organizations, their members and the treaties they rest on, drawn
// through Graphviz in-process (cgraph builds the graph, gvc lays it out and renders it;
// no `dot` subprocess). Edge style shows the membership status; over all time, a
// membership whose every interval has ended is grey. The same knowledge base and options
// give the same bytes. Render on one thread at a time: cgraph is not thread-safe.
#ifndef ORGKG_RENDER_H_
#define ORGKG_RENDER_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/query.h"
#include "orgkg/status.h"

namespace orgkg {

enum class DiagramFormat { kDot, kSvg, kPng, kPdf };
enum class DiagramLayout { kDot, kNeato, kFdp, kCirco, kTwopi };

// "dot", "svg", "png", "pdf"; nullopt otherwise.
std::optional<DiagramFormat> parse_diagram_format(std::string_view text);
// The format a file name's extension asks for, if any.
std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& file);
// "dot", "neato", "fdp", "circo", "twopi"; nullopt otherwise.
std::optional<DiagramLayout> parse_diagram_layout(std::string_view text);

struct DiagramOptions {
  std::vector<EntityIndex> organizations;  // what to draw, with their members
  DateSelection when;                      // members at a date, or every membership ever
  DiagramLayout layout = DiagramLayout::kDot;
  std::optional<std::string> title;  // replaces the default title's first line
};

// The diagram as bytes: DOT text, or an SVG, PNG or PDF file. kInvalidInput when an
// entity to draw is not an organization; kIo when Graphviz fails (a missing plugin).
// REQUIRES: !options.organizations.empty()
Result<std::string> render_diagram(const KnowledgeGraph& graph, const DiagramOptions& options,
                                   DiagramFormat format);

}  // namespace orgkg

#endif  // ORGKG_RENDER_H_
