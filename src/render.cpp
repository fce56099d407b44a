#include "orgkg/render.h"

#include <fmt/format.h>

#include <cassert>

#include "diagram.h"
#include "graphviz.h"

namespace orgkg {

std::optional<DiagramFormat> parse_diagram_format(std::string_view text) {
  if (text == "dot" || text == "gv") return DiagramFormat::kDot;
  if (text == "svg") return DiagramFormat::kSvg;
  if (text == "png") return DiagramFormat::kPng;
  if (text == "pdf") return DiagramFormat::kPdf;
  return std::nullopt;
}

std::optional<DiagramFormat> diagram_format_for(const std::filesystem::path& file) {
  std::string extension = file.extension().string();
  if (extension.empty()) return std::nullopt;
  for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return parse_diagram_format(std::string_view(extension).substr(1));
}

std::optional<DiagramLayout> parse_diagram_layout(std::string_view text) {
  if (text == "dot") return DiagramLayout::kDot;
  if (text == "neato") return DiagramLayout::kNeato;
  if (text == "fdp") return DiagramLayout::kFdp;
  if (text == "circo") return DiagramLayout::kCirco;
  if (text == "twopi") return DiagramLayout::kTwopi;
  return std::nullopt;
}

Result<std::string> render_diagram(const KnowledgeGraph& graph, const DiagramOptions& options,
                                   DiagramFormat format) {
  assert(!options.organizations.empty());
  for (const EntityIndex org : options.organizations) {
    const Entity& entity = graph.entity(org);
    if (entity.kind != EntityKind::kOrganization) {
      return Status::invalid_input(fmt::format("'{}' is a {}, not an organization", entity.id.value,
                                               kind_name(entity.kind)));
    }
  }
  return internal::draw(internal::build_diagram(graph, options), format, options.layout);
}

}  // namespace orgkg
