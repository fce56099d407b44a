#include "orgkg/render.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "diagram.h"
#include "graphviz.h"
#include "support/kb_fixture.h"

namespace orgkg {
namespace {

const internal::DiagramEdge* find_edge(const internal::Diagram& diagram, const std::string& tail,
                                       const std::string& head, const std::string& label_part) {
  for (const internal::DiagramEdge& edge : diagram.edges) {
    if (edge.tail != tail || edge.head != head) continue;
    for (const auto& [name, value] : edge.attributes) {
      if (name == "label" && value.find(label_part) != std::string::npos) return &edge;
    }
  }
  return nullptr;
}

std::string attribute(const internal::DiagramEdge& edge, const std::string& name) {
  for (const auto& [key, value] : edge.attributes) {
    if (key == name) return value;
  }
  return "";
}

TEST_CASE("the CSTO on the seed article's date: members by status, the treaty, a legend") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  DiagramOptions options;
  options.organizations = {test::entity(graph, "csto")};
  options.when = test::at("2017-04-12");
  const internal::Diagram diagram = internal::build_diagram(graph, options);

  const auto* armenia = find_edge(diagram, "armenia", "csto", "1992-05-15–2024-02, at 2017-04-12");
  REQUIRE(armenia != nullptr);
  CHECK(attribute(*armenia, "style") == "solid");
  const auto* suspended = find_edge(diagram, "uzbekistan", "csto", "suspended since 2012-06");
  REQUIRE(suspended != nullptr);
  CHECK(attribute(*suspended, "style") == "dashed");
  CHECK(attribute(*suspended, "color") == "#c62828");
  CHECK(find_edge(diagram, "uzbekistan", "csto", "at 2017-04-12") != nullptr);  // the claim
  CHECK(find_edge(diagram, "georgia", "csto", "") == nullptr);                  // not a member then
  const auto* basis = find_edge(diagram, "csto", "cst", "based on");
  REQUIRE(basis != nullptr);

  const Result<std::string> dot = render_diagram(graph, options, DiagramFormat::kDot);
  REQUIRE(dot.is_ok());
  const internal::ParsedDot parsed = internal::parse_dot(dot.value());
  CHECK(parsed.ok);
  // 1 organization, 1 treaty, 7 states; legend: 3 kinds and 2 statuses × 2 points.
  CHECK(parsed.nodes == 9 + 3 + 4);
  CHECK(parsed.edges == 8 + 1 + 2);
  CHECK(dot.value().find("members as of 2017-04-12") != std::string::npos);

  // The same, read back from the DOT text by cgraph: an edge per status, styled by it.
  std::vector<std::string> read_back;
  for (const internal::ParsedEdge& edge : parsed.edge_list) {
    if (edge.tail.starts_with("legend.")) continue;
    read_back.push_back(edge.tail + "->" + edge.head + " [" + edge.style + " " + edge.color + "] " +
                        edge.label);
  }
  std::sort(read_back.begin(), read_back.end());
  CHECK(read_back == std::vector<std::string>{
                         "armenia->csto [solid #1f4e79] 1992-05-15–2024-02, at 2017-04-12",
                         "belarus->csto [solid #1f4e79] since 1993-12-31, at 2017-04-12",
                         "csto->cst [bold #555555] based on",
                         "kazakhstan->csto [solid #1f4e79] since 1992-05-15, at 2017-04-12",
                         "kyrgyzstan->csto [solid #1f4e79] since 1992-05-15, at 2017-04-12",
                         "russia->csto [solid #1f4e79] since 1992-05-15, at 2017-04-12",
                         "tajikistan->csto [solid #1f4e79] since 1992-05-15, at 2017-04-12",
                         "uzbekistan->csto [dashed #c62828] suspended since 2012-06",
                         "uzbekistan->csto [solid #1f4e79] at 2017-04-12",
                     });
}

TEST_CASE("over all time, memberships that ended are grey") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  DiagramOptions options;
  options.organizations = {test::entity(graph, "csto")};
  const internal::Diagram diagram = internal::build_diagram(graph, options);
  const auto* georgia = find_edge(diagram, "georgia", "csto", "1993-12-09–1999-04-20");
  REQUIRE(georgia != nullptr);
  CHECK(attribute(*georgia, "color") == "#9e9e9e");
  const auto* belarus = find_edge(diagram, "belarus", "csto", "since 1993-12-31");
  REQUIRE(belarus != nullptr);
  CHECK(attribute(*belarus, "color") == "#1f4e79");
  const auto* uzbekistan =
      find_edge(diagram, "uzbekistan", "csto", "1992-05-15–1999-04-20, 2006-08-16–2012-06");
  REQUIRE(uzbekistan != nullptr);
}

TEST_CASE("labels with quotes, backslashes, braces, <, &, Cyrillic and emoji stay well-formed") {
  test::TempDir dir;
  dir.write("kb.json", R"({"orgkg": 1, "entities": [
    {"id": "o", "kind": "organization", "name": "The \"Pact\" {of} <A&B> \\ Союз 🕊"},
    {"id": "s", "kind": "state", "name": "Земля \\n \"x\" <b>&amp;</b> 🌍"}],
   "facts": [{"subject": "s", "relation": "member_of", "object": "o", "from": "2001"}]})");
  const auto kb = test::open_kb(dir.path().string());
  DiagramOptions options;
  options.organizations = {test::entity(kb->graph(), "o")};
  options.when = test::at("2005");
  const Result<std::string> dot = render_diagram(kb->graph(), options, DiagramFormat::kDot);
  REQUIRE(dot.is_ok());
  const internal::ParsedDot parsed = internal::parse_dot(dot.value());
  CHECK(parsed.ok);
  CHECK(parsed.edges == 2);                                      // the membership and the legend's
  CHECK(dot.value().find(R"(\\n \"x\")") != std::string::npos);  // a literal backslash-n
  CHECK(dot.value().find("&amp;amp;") != std::string::npos);     // a literal "&amp;"
  const Result<std::string> svg = render_diagram(kb->graph(), options, DiagramFormat::kSvg);
  REQUIRE(svg.is_ok());
  CHECK(svg.value().find("&lt;A&amp;B&gt;") != std::string::npos);
  CHECK(svg.value().find("&lt;b&gt;&amp;amp;&lt;/b&gt;") != std::string::npos);
  CHECK(svg.value().find("Союз 🕊") != std::string::npos);
  CHECK(svg.value().find("<A&B>") == std::string::npos);
}

TEST_CASE("every format renders, twice to the same bytes") {
  const auto kb = test::shipped_kb();
  DiagramOptions options;
  options.organizations = {test::entity(kb->graph(), "csto"), test::entity(kb->graph(), "cis")};
  options.when = test::at("2010");
  struct Case {
    DiagramFormat format;
    std::string magic;
  } cases[] = {{DiagramFormat::kDot, "digraph orgkg {"},
               {DiagramFormat::kSvg, "<?xml"},
               {DiagramFormat::kPng, "\x89PNG"},
               {DiagramFormat::kPdf, "%PDF"}};
  for (const Case& c : cases) {
    CAPTURE(c.magic);
    const Result<std::string> first = render_diagram(kb->graph(), options, c.format);
    REQUIRE_MESSAGE(first.is_ok(), first.status().message());
    CHECK(first.value().rfind(c.magic, 0) == 0);
    if (c.format == DiagramFormat::kDot || c.format == DiagramFormat::kSvg) {
      CHECK(render_diagram(kb->graph(), options, c.format).value() == first.value());
    }
  }
  // fdp is left out: Graphviz 2.43's fdp places clusters differently from run to run.
  for (const DiagramLayout layout :
       {DiagramLayout::kNeato, DiagramLayout::kCirco, DiagramLayout::kTwopi}) {
    options.layout = layout;
    const Result<std::string> svg = render_diagram(kb->graph(), options, DiagramFormat::kSvg);
    REQUIRE(svg.is_ok());
    CHECK(render_diagram(kb->graph(), options, DiagramFormat::kSvg).value() == svg.value());
  }
}

TEST_CASE("only organizations are drawn; formats and layouts parse") {
  const auto kb = test::shipped_kb();
  DiagramOptions options;
  options.organizations = {test::entity(kb->graph(), "russia")};
  const Result<std::string> refused = render_diagram(kb->graph(), options, DiagramFormat::kDot);
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.status().message() == "'russia' is a state, not an organization");
  CHECK(diagram_format_for("x/graph.SVG") == DiagramFormat::kSvg);
  CHECK(diagram_format_for("graph.gv") == DiagramFormat::kDot);
  CHECK_FALSE(diagram_format_for("graph.jpeg").has_value());
  CHECK_FALSE(diagram_format_for("graph").has_value());
  CHECK(parse_diagram_layout("circo") == DiagramLayout::kCirco);
  CHECK_FALSE(parse_diagram_layout("sfdp").has_value());
}

}  // namespace
}  // namespace orgkg
