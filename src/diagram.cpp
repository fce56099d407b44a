#include "diagram.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "orgkg/query.h"

namespace orgkg::internal {
namespace {

constexpr const char* kFont = "Helvetica";
constexpr const char* kEndedColor = "#9e9e9e";
constexpr const char* kLegend = "cluster_legend";

struct StatusStyle {
  const char* style;
  const char* color;
  const char* penwidth;
};

StatusStyle style_of(MembershipStatus status) {
  switch (status) {
    case MembershipStatus::kFull:
      return {"solid", "#1f4e79", "1.6"};
    case MembershipStatus::kAssociate:
      return {"dashed", "#1f4e79", "1.2"};
    case MembershipStatus::kObserver:
      return {"dotted", "#2e7d32", "1.4"};
    case MembershipStatus::kPartner:
      return {"dashed", "#6a1b9a", "1.2"};
    case MembershipStatus::kSuspended:
      return {"dashed", "#c62828", "1.6"};
    case MembershipStatus::kApplicant:
      break;
  }
  return {"dotted", "#ef6c00", "1.2"};
}

Attributes edge_style(MembershipStatus status, bool ended) {
  const StatusStyle style = style_of(status);
  Attributes attributes = {{"style", style.style},
                           {"penwidth", style.penwidth},
                           {"fontname", kFont},
                           {"fontsize", "10"}};
  attributes.emplace_back("color", ended ? kEndedColor : style.color);
  attributes.emplace_back("fontcolor", ended ? kEndedColor : "#333333");
  return attributes;
}

Attributes node_style(EntityKind kind) {
  switch (kind) {
    case EntityKind::kOrganization:
      return {{"shape", "box"},
              {"style", "rounded,filled,bold"},
              {"fillcolor", "#dbe9f6"},
              {"fontname", kFont}};
    case EntityKind::kTreaty:
      return {
          {"shape", "note"}, {"style", "filled"}, {"fillcolor", "#eeeeee"}, {"fontname", kFont}};
    case EntityKind::kState:
      return {
          {"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", "#fff5d6"}, {"fontname", kFont}};
    default:
      break;
  }
  return {{"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", "#f3e5f5"}, {"fontname", kFont}};
}

// A fact's dates at their precision: "1992-05-15–1999-04-20", "since 2006", "at 2017-04-12".
std::string range(const Fact& fact) {
  const Validity& v = fact.validity;
  if (v.from && v.until) return fmt::format("{}–{}", v.from->to_string(), v.until->to_string());
  if (v.from) return "since " + v.from->to_string();
  if (v.until) return "until " + v.until->to_string();
  if (v.at) return "at " + v.at->to_string();
  return "undated";
}

// The entity's label: its name, and its acronym when it has a shorter alias in Latin
// letters or any script.
std::string entity_label(const Entity& entity) {
  std::string label = entity.name;
  for (const std::string& alias : entity.aliases) {
    if (alias.size() < entity.name.size() && alias.size() <= 8) {
      label += " (" + alias + ")";
      break;
    }
  }
  return label;
}

}  // namespace

std::string dot_label(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    if (c == '\n') {
      escaped += "\\n";  // DOT's line break, centred
      continue;
    }
    if (c == '\\') escaped += '\\';
    if (c == '&') {
      escaped += "&amp;";  // Graphviz reads entities in labels: keep a literal '&' literal
      continue;
    }
    escaped += c;
  }
  return escaped;
}

Diagram build_diagram(const KnowledgeGraph& graph, const DiagramOptions& options) {
  Diagram diagram;
  std::set<EntityIndex> placed;
  std::vector<EntityIndex> extra_nodes;  // treaties and predecessors, in order met
  const auto add_node = [&](EntityIndex index, const std::string& label) {
    if (!placed.insert(index).second) return;
    const Entity& entity = graph.entity(index);
    DiagramNode node{entity.id.value, node_style(entity.kind), ""};
    node.attributes.emplace_back("label", dot_label(label));
    diagram.nodes.push_back(std::move(node));
  };

  // Organizations first, in the order asked, then what they rest on.
  for (const EntityIndex org : options.organizations)
    add_node(org, entity_label(graph.entity(org)));
  std::vector<DiagramEdge> structure;
  for (const EntityIndex org : options.organizations) {
    for (const FactIndex index : graph.facts_from(org)) {
      const Fact& fact = graph.fact(index);
      if (fact.relation != Relation::kBasedOn && fact.relation != Relation::kSuccessorOf) continue;
      const EntityIndex other = *graph.object_of(index);
      std::string label = entity_label(graph.entity(other));
      // Its signing or founding, at the finest precision known.
      std::optional<FactIndex> beginning;
      for (const FactIndex event : graph.events_of(other)) {
        const Relation relation = graph.relation_of(event);
        if (relation != Relation::kSigned && relation != Relation::kEstablished) continue;
        if (!beginning || graph.event_date_of(*beginning)->precision() <
                              graph.event_date_of(event)->precision()) {
          beginning = event;
        }
      }
      if (beginning) {
        label += fmt::format("\n{} {}", relation_name(graph.relation_of(*beginning)),
                             graph.event_date_of(*beginning)->to_string());
      }
      add_node(other, label);
      const bool based_on = fact.relation == Relation::kBasedOn;
      structure.push_back(DiagramEdge{graph.entity(org).id.value,
                                      graph.entity(other).id.value,
                                      {{"label", based_on ? "based on" : "successor of"},
                                       {"style", based_on ? "bold" : "dashed"},
                                       {"color", "#555555"},
                                       {"arrowhead", "empty"},
                                       {"fontname", kFont},
                                       {"fontsize", "10"}},
                                      ""});
    }
  }

  // Memberships, one edge per member, organization and status, labelled with its dates.
  struct EdgeKey {
    std::uint32_t member_rank;
    std::size_t org_position;
    MembershipStatus status;
    auto operator<=>(const EdgeKey&) const = default;
  };
  struct EdgeFacts {
    EntityIndex member;
    EntityIndex org;
    std::vector<std::string> ranges;
    bool open_ended = false;  // over all time: some interval has no end (not ended)
    bool maybe = false;
  };
  std::map<EdgeKey, EdgeFacts> memberships;
  std::set<MembershipStatus> statuses_drawn;
  bool any_ended = false;
  for (std::size_t position = 0; position < options.organizations.size(); ++position) {
    const EntityIndex org = options.organizations[position];
    for (const FactRow& row : members(graph, org, options.when)) {
      const Fact& fact = graph.fact(row.fact);
      const EntityIndex member = graph.subject_of(row.fact);
      EdgeFacts& edge =
          memberships[EdgeKey{graph.name_rank(member), position, fact.effective_status()}];
      edge.member = member;
      edge.org = org;
      edge.ranges.push_back(range(fact));
      edge.open_ended |= (fact.validity.from || fact.validity.until) && !fact.validity.until;
      edge.maybe |= row.answer == Truth::kMaybe;
    }
  }
  std::vector<std::pair<std::uint32_t, EntityIndex>> member_nodes;
  member_nodes.reserve(memberships.size());
  for (const auto& [key, edge] : memberships)
    member_nodes.emplace_back(key.member_rank, edge.member);
  std::sort(member_nodes.begin(), member_nodes.end());
  for (const auto& [rank, member] : member_nodes) add_node(member, graph.entity(member).name);
  for (const auto& [key, edge] : memberships) {
    // At a date every edge holds; over all time, one whose intervals all ended is grey.
    const bool ended = !options.when.at && !edge.open_ended;
    any_ended |= ended;
    statuses_drawn.insert(key.status);
    std::string label;
    for (const std::string& part : edge.ranges) label += (label.empty() ? "" : ", ") + part;
    if (key.status != MembershipStatus::kFull)
      label = fmt::format("{} {}", status_name(key.status), label);
    if (edge.maybe) label += " (?)";
    DiagramEdge drawn{graph.entity(edge.member).id.value, graph.entity(edge.org).id.value,
                      edge_style(key.status, ended), ""};
    drawn.attributes.emplace_back("label", dot_label(label));
    diagram.edges.push_back(std::move(drawn));
  }
  diagram.edges.insert(diagram.edges.end(), structure.begin(), structure.end());

  // Title: what, as of when, from how many sources.
  std::string names;
  for (std::size_t i = 0; i < options.organizations.size(); ++i) {
    const Entity& org = graph.entity(options.organizations[i]);
    if (i > 0) names += i + 1 == options.organizations.size() ? " and " : ", ";
    names += options.organizations.size() == 1 ? entity_label(org) : org.name;
  }
  const std::string when = options.when.at ? "members as of " + options.when.at->to_string()
                                           : std::string("all memberships (grey: ended)");
  const std::string first_line = options.title ? *options.title : names + ": " + when;
  const std::string title =
      fmt::format("{}\nknowledge base of {} sources · orgkg", first_line, graph.source_count());
  diagram.graph_attributes = {
      {"label", dot_label(title)}, {"labelloc", "t"},    {"fontname", kFont},
      {"fontsize", "16"},          {"rankdir", "LR"},    {"nodesep", "0.3"},
      {"ranksep", "1.2"},          {"charset", "UTF-8"}, {"start", "1"}};

  // Legend: node kinds and the edge styles used.
  diagram.clusters.push_back({kLegend,
                              {{"label", "Legend"},
                               {"fontname", kFont},
                               {"fontsize", "12"},
                               {"style", "rounded"},
                               {"color", "#bbbbbb"}}});
  const auto legend_node = [&](const std::string& name, Attributes attributes) {
    diagram.nodes.push_back(DiagramNode{name, std::move(attributes), kLegend});
  };
  legend_node("legend.organization", node_style(EntityKind::kOrganization));
  diagram.nodes.back().attributes.emplace_back("label", "organization");
  legend_node("legend.state", node_style(EntityKind::kState));
  diagram.nodes.back().attributes.emplace_back("label", "state");
  legend_node("legend.treaty", node_style(EntityKind::kTreaty));
  diagram.nodes.back().attributes.emplace_back("label", "treaty");
  const auto legend_edge = [&](const std::string& key, const std::string& label, Attributes style) {
    const Attributes point = {{"shape", "point"}, {"width", "0.05"}, {"color", "#777777"}};
    legend_node("legend." + key + ".from", point);
    legend_node("legend." + key + ".to", point);
    style.emplace_back("label", label);
    diagram.edges.push_back(
        DiagramEdge{"legend." + key + ".from", "legend." + key + ".to", std::move(style), kLegend});
  };
  for (const MembershipStatus status : statuses_drawn) {
    legend_edge(std::string(status_name(status)), std::string(status_name(status)) + " member",
                edge_style(status, false));
  }
  if (any_ended) legend_edge("ended", "ended", edge_style(MembershipStatus::kFull, true));
  return diagram;
}

}  // namespace orgkg::internal
