#include "orgkg/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <variant>

#include "orgkg/json.h"
#include "report_render.h"

namespace orgkg {
namespace {

using internal::display_width;
using internal::JsonArray;
using internal::JsonObject;
using internal::JsonValue;
using internal::null_value;
using internal::number;
using internal::optional_date;
using internal::optional_text;
using internal::render;
using internal::Report;
using internal::text;

// A name short enough for a table column: the name itself when short, else its first
// shorter alias (usually the acronym), else the id.
std::string short_name(const Entity& entity) {
  constexpr std::size_t kShort = 20;
  if (display_width(entity.name) <= kShort) return entity.name;
  for (const std::string& alias : entity.aliases) {
    if (display_width(alias) <= kShort) return alias;
  }
  return entity.id.value;
}

std::string entity_label(const Entity& entity) {
  return fmt::format("{} ({})", entity.name, entity.id.value);
}

// "TASS 2017-04-12": who publishes a citation's source and when, else the source id.
std::string who_says(const KnowledgeGraph& graph, const Citation& citation) {
  const std::optional<Source> source = graph.find_source(citation.source);
  if (!source || !source->publisher) return citation.source;
  std::string label = *source->publisher;
  if (source->published) label += ' ' + source->published->to_string();
  return label;
}

// "TASS 2017-04-12; Wikipedia": who says so, as a table shows it.
std::string citation_summary(const KnowledgeGraph& graph, const Fact& fact) {
  std::string summary;
  std::set<std::string> seen;
  for (const Citation& citation : fact.sources) {
    const std::string label = who_says(graph, citation);
    if (!seen.insert(label).second) continue;
    if (!summary.empty()) summary += "; ";
    summary += label;
  }
  return summary.empty() ? "-" : summary;
}

JsonValue citations_json(const KnowledgeGraph& graph, const Fact& fact) {
  JsonArray list;
  for (const Citation& citation : fact.sources) {
    const std::optional<Source> source = graph.find_source(citation.source);
    JsonObject object;
    object.emplace_back("source", text(citation.source));
    object.emplace_back("publisher", source ? optional_text(source->publisher) : null_value());
    object.emplace_back("title", source ? optional_text(source->title) : null_value());
    object.emplace_back("published", source ? optional_date(source->published) : null_value());
    object.emplace_back("url", source ? optional_text(source->url) : null_value());
    object.emplace_back("quote", optional_text(citation.quote));
    list.push_back(JsonValue{std::move(object)});
  }
  return JsonValue{std::move(list)};
}

JsonValue source_ids(const Fact& fact) {
  JsonArray ids;
  for (const Citation& citation : fact.sources) ids.push_back(text(citation.source));
  return JsonValue{std::move(ids)};
}

// A member_of fact's status; null for other relations.
JsonValue membership_status_json(const Fact& fact) {
  return fact.relation == Relation::kMemberOf ? text(status_name(fact.effective_status()))
                                              : null_value();
}

JsonValue answer_json(const FactRow& row) {
  return row.answer ? text(truth_name(*row.answer)) : null_value();
}

constexpr const char* kDisputedFootnote = "* disputed: facts about this pair disagree at this date";

std::string answer_cell(const FactRow& row) {
  if (!row.answer) return "-";
  return std::string(truth_name(*row.answer)) + (row.disputed ? "*" : "");
}

JsonObject query_echo(std::string_view command, std::string_view role, const Entity& entity,
                      const DateSelection& when, const MembershipFilter& filter) {
  JsonObject query;
  query.emplace_back("command", text(command));
  query.emplace_back(std::string(role), text(entity.id.value));
  query.emplace_back("at", optional_date(when.at));
  query.emplace_back("all", JsonValue{!when.at.has_value()});
  if (filter.status) query.emplace_back("status", text(status_name(*filter.status)));
  return query;
}

std::string when_phrase(const DateSelection& when) {
  return when.at ? "at " + when.at->to_string() : "over all time";
}

// Rows of members()/memberships(): `other_key` names the entity on the other side.
Report membership_report(const KnowledgeGraph& graph, const std::vector<FactRow>& rows,
                         const DateSelection& when, bool other_is_subject,
                         std::string_view other_key) {
  Report report;
  report.csv_columns = {std::string(other_key),
                        "name",
                        "relation",
                        "status",
                        "answer",
                        "from",
                        "until",
                        "at",
                        "sources",
                        "disputed"};
  report.table_headers = {other_is_subject ? "MEMBER" : "ORGANIZATION", "STATUS", "ANSWER", "WHEN",
                          "SOURCES"};
  // Over all time there is no answer to show.
  if (!when.at) report.table_headers.erase(report.table_headers.begin() + 2);
  bool any_disputed = false;
  for (const FactRow& row : rows) {
    const Fact& fact = graph.fact(row.fact);
    const Entity& other =
        graph.entity(other_is_subject ? graph.subject_of(row.fact) : *graph.object_of(row.fact));
    JsonObject object;
    object.emplace_back(std::string(other_key), text(other.id.value));
    object.emplace_back("name", text(other.name));
    object.emplace_back("relation", text(relation_name(fact.relation)));
    object.emplace_back("status", text(status_name(fact.effective_status())));
    object.emplace_back("answer", answer_json(row));
    object.emplace_back("from", optional_date(fact.validity.from));
    object.emplace_back("until", optional_date(fact.validity.until));
    object.emplace_back("at", optional_date(fact.validity.at));
    object.emplace_back("sources", source_ids(fact));
    object.emplace_back("disputed", JsonValue{row.disputed});
    object.emplace_back("note", optional_text(fact.note));
    object.emplace_back("citations", citations_json(graph, fact));
    report.rows.push_back(std::move(object));
    report.cells.push_back({short_name(other), std::string(status_name(fact.effective_status())),
                            answer_cell(row), describe_when(fact), citation_summary(graph, fact)});
    if (!when.at) report.cells.back().erase(report.cells.back().begin() + 2);
    any_disputed |= row.disputed;
  }
  if (any_disputed) report.footer.emplace_back(kDisputedFootnote);
  return report;
}

// The lines a table prints under a fact: each citation's quote and who says it.
std::vector<std::string> quote_lines(const KnowledgeGraph& graph, const Fact& fact) {
  std::vector<std::string> lines;
  for (const Citation& citation : fact.sources) {
    const std::string who = who_says(graph, citation);
    lines.push_back(citation.quote ? fmt::format("“{}” — {}", *citation.quote, who) : who);
  }
  if (fact.note) lines.push_back("note: " + *fact.note);
  return lines;
}

JsonValue ids_json(const KnowledgeGraph& graph, std::span<const EntityIndex> entities) {
  JsonArray ids;
  for (const EntityIndex entity : entities) ids.push_back(text(graph.entity(entity).id.value));
  return JsonValue{std::move(ids)};
}

// The source ids of several facts, each once, in order of first citation.
JsonValue all_source_ids(const KnowledgeGraph& graph, const std::vector<FactIndex>& facts) {
  JsonArray ids;
  std::set<std::string> seen;
  for (const FactIndex index : facts) {
    for (const Citation& citation : graph.fact(index).sources) {
      if (seen.insert(citation.source).second) ids.push_back(text(citation.source));
    }
  }
  return JsonValue{std::move(ids)};
}

std::string grouped_answer_cell(const GroupedRow& row) {
  return answer_cell(FactRow{0, row.answer, row.disputed});
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "json") return OutputFormat::kJson;
  if (text == "csv") return OutputFormat::kCsv;
  return std::nullopt;
}

std::string describe_when(const Fact& fact) {
  if (fact.date) return fact.date->to_string();
  const Validity& v = fact.validity;
  std::string range;
  if (v.from || v.until) {
    range = fmt::format("{} – {}", v.from ? v.from->to_string() : "…",
                        v.until ? v.until->to_string() : "");
    while (range.back() == ' ') range.pop_back();
  }
  if (v.at) {
    if (!range.empty()) range += ", ";
    range += "at " + v.at->to_string();
  }
  return range.empty() ? "undated" : range;
}

std::string format_members(const KnowledgeGraph& graph, EntityIndex organization,
                           const DateSelection& when, const MembershipFilter& filter,
                           const std::vector<FactRow>& rows, OutputFormat format) {
  const Entity& org = graph.entity(organization);
  Report report = membership_report(graph, rows, when, /*other_is_subject=*/true, "entity");
  report.query = query_echo("members", "org", org, when, filter);
  report.title = fmt::format("Members of {} {}", entity_label(org), when_phrase(when));
  report.empty_message = fmt::format("No member of {} is known {}.", org.name, when_phrase(when));
  return render(report, format);
}

std::string format_memberships(const KnowledgeGraph& graph, EntityIndex entity,
                               const DateSelection& when, const MembershipFilter& filter,
                               const std::vector<FactRow>& rows, OutputFormat format) {
  const Entity& member = graph.entity(entity);
  Report report = membership_report(graph, rows, when, /*other_is_subject=*/false, "organization");
  report.query = query_echo("memberships", "entity", member, when, filter);
  report.title = fmt::format("Memberships of {} {}", entity_label(member), when_phrase(when));
  report.empty_message =
      fmt::format("No membership of {} is known {}.", member.name, when_phrase(when));
  return render(report, format);
}

std::string format_profile(const KnowledgeGraph& graph, const EntityProfile& profile,
                           const DateSelection& when, OutputFormat format) {
  const Entity& entity = graph.entity(profile.entity);
  Report report;
  report.query = query_echo("info", "entity", entity, when, {});

  JsonObject about;
  about.emplace_back("id", text(entity.id.value));
  about.emplace_back("kind", text(kind_name(entity.kind)));
  about.emplace_back("name", text(entity.name));
  JsonArray aliases;
  for (const std::string& alias : entity.aliases) aliases.push_back(text(alias));
  about.emplace_back("aliases", JsonValue{std::move(aliases)});
  JsonObject codes;
  for (const Code& code : entity.codes) {
    codes.emplace_back(code.scheme, code.is_number ? JsonValue{std::int64_t{std::stoll(code.value)}}
                                                   : text(code.value));
  }
  about.emplace_back("codes", JsonValue{std::move(codes)});
  report.preamble.emplace_back("entity", JsonValue{std::move(about)});
  JsonObject counts;
  counts.emplace_back("events", JsonValue{static_cast<std::int64_t>(profile.events.size())});
  counts.emplace_back("relations_out",
                      JsonValue{static_cast<std::int64_t>(profile.relations_out.size())});
  counts.emplace_back("relations_in",
                      JsonValue{static_cast<std::int64_t>(profile.relations_in.size())});
  counts.emplace_back("members", JsonValue{static_cast<std::int64_t>(profile.members_count)});
  counts.emplace_back("sources", JsonValue{static_cast<std::int64_t>(profile.sources_count)});
  report.preamble.emplace_back("counts", JsonValue{std::move(counts)});

  report.title = entity_label(entity);
  report.heading.push_back(fmt::format("  kind:     {}", kind_name(entity.kind)));
  if (!entity.aliases.empty()) {
    std::string list;
    for (const std::string& alias : entity.aliases) list += (list.empty() ? "" : ", ") + alias;
    report.heading.push_back("  aliases:  " + list);
  }
  if (!entity.codes.empty()) {
    std::string list;
    for (const Code& code : entity.codes) {
      list += (list.empty() ? "" : ", ") + code.scheme + " " + code.value;
    }
    report.heading.push_back("  codes:    " + list);
  }
  report.heading.push_back(
      fmt::format("  members:  {} {}", profile.members_count, when_phrase(when)));
  report.heading.push_back(fmt::format("  sources:  {}", profile.sources_count));
  report.heading.emplace_back();
  report.empty_message =
      fmt::format("No fact about {} is known {}.", entity.name, when_phrase(when));

  report.csv_columns = {"subject", "relation", "object", "status", "date",
                        "from",    "until",    "at",     "answer", "sources"};
  report.table_headers = {"SUBJECT", "RELATION", "OBJECT", "WHEN", "ANSWER", "SOURCES"};
  if (!when.at) report.table_headers.erase(report.table_headers.begin() + 4);  // no answers
  for (const auto* rows : {&profile.events, &profile.relations_out, &profile.relations_in}) {
    for (const FactRow& row : *rows) {
      const Fact& fact = graph.fact(row.fact);
      const Entity& subject = graph.entity(graph.subject_of(row.fact));
      const std::optional<EntityIndex> object_index = graph.object_of(row.fact);
      const std::optional<std::string> object =
          object_index ? std::optional<std::string>(graph.entity_id(*object_index)) : std::nullopt;
      JsonObject json;
      json.emplace_back("subject", text(subject.id.value));
      json.emplace_back("relation", text(relation_name(fact.relation)));
      json.emplace_back("object", optional_text(object));
      json.emplace_back("status", membership_status_json(fact));
      json.emplace_back("date", optional_date(fact.date));
      json.emplace_back("from", optional_date(fact.validity.from));
      json.emplace_back("until", optional_date(fact.validity.until));
      json.emplace_back("at", optional_date(fact.validity.at));
      json.emplace_back("answer", answer_json(row));
      json.emplace_back("sources", source_ids(fact));
      json.emplace_back("note", optional_text(fact.note));
      json.emplace_back("citations", citations_json(graph, fact));
      report.rows.push_back(std::move(json));
      std::string relation(relation_name(fact.relation));
      if (fact.relation == Relation::kMemberOf) {
        relation += fmt::format(" ({})", status_name(fact.effective_status()));
      }
      report.cells.push_back({subject.id.value, relation, object.value_or("-"), describe_when(fact),
                              answer_cell(row), citation_summary(graph, fact)});
      if (!when.at) report.cells.back().erase(report.cells.back().begin() + 4);
    }
  }
  return render(report, format);
}

std::string format_history(const KnowledgeGraph& graph, EntityIndex entity,
                           std::optional<EntityIndex> organization, const DateSelection& when,
                           const MembershipFilter& filter, const std::vector<FactRow>& rows,
                           OutputFormat format) {
  const Entity& member = graph.entity(entity);
  Report report = membership_report(graph, rows, when, /*other_is_subject=*/false, "organization");
  report.query = query_echo("history", "entity", member, when, filter);
  report.query.emplace_back(
      "org", organization ? text(graph.entity(*organization).id.value) : null_value());
  for (const FactRow& row : rows)
    report.details.push_back(quote_lines(graph, graph.fact(row.fact)));
  const std::string in = organization ? " in " + entity_label(graph.entity(*organization)) : "";
  report.title = fmt::format("History of {}{} {}", entity_label(member), in, when_phrase(when));
  report.empty_message =
      fmt::format("No membership of {}{} is known {}.", member.name, in, when_phrase(when));
  return render(report, format);
}

std::string format_timeline(const KnowledgeGraph& graph, EntityIndex organization,
                            const std::vector<TimelineEvent>& events, OutputFormat format) {
  const Entity& org = graph.entity(organization);
  Report report;
  report.query.emplace_back("command", text("timeline"));
  report.query.emplace_back("org", text(org.id.value));
  report.title = fmt::format("Timeline of {}", entity_label(org));
  report.empty_message = fmt::format("No dated event of {} is known.", org.name);
  report.csv_columns = {"date", "event", "entity", "name", "status", "from_status", "sources"};
  report.table_headers = {"DATE", "EVENT", "SOURCES"};
  for (const TimelineEvent& event : events) {
    const Entity& entity = graph.entity(event.entity);
    JsonObject object;
    object.emplace_back("date", text(event.date.to_string()));
    object.emplace_back("event", text(timeline_event_name(event)));
    object.emplace_back("entity", text(entity.id.value));
    object.emplace_back("name", text(entity.name));
    object.emplace_back("status", event.status ? text(status_name(*event.status)) : null_value());
    object.emplace_back("from_status",
                        event.from_status ? text(status_name(*event.from_status)) : null_value());
    object.emplace_back("sources", all_source_ids(graph, event.facts));
    report.rows.push_back(std::move(object));

    std::string what;
    switch (event.kind) {
      case TimelineEventKind::kEvent:
        what = fmt::format("{}: {}", short_name(entity), relation_name(*event.relation));
        break;
      case TimelineEventKind::kJoined:
        what = fmt::format("{}: joined", short_name(entity));
        if (*event.status != MembershipStatus::kFull)
          what += " as " + std::string(status_name(*event.status));
        break;
      case TimelineEventKind::kStatusChanged:
        what = fmt::format("{}: {} → {}", short_name(entity), status_name(*event.from_status),
                           status_name(*event.status));
        break;
      case TimelineEventKind::kLeft:
        what = fmt::format("{}: left", short_name(entity));
        if (*event.status != MembershipStatus::kFull)
          what += " (" + std::string(status_name(*event.status)) + ")";
        break;
    }
    std::string sources;
    for (const FactIndex index : event.facts) {
      const std::string summary = citation_summary(graph, graph.fact(index));
      if (summary != "-" && sources.find(summary) == std::string::npos) {
        sources += (sources.empty() ? "" : "; ") + summary;
      }
    }
    report.cells.push_back({event.date.to_string(), what, sources.empty() ? "-" : sources});
  }
  return render(report, format);
}

std::string format_common(const KnowledgeGraph& graph, std::span<const EntityIndex> organizations,
                          const DateSelection& when, const MembershipFilter& filter,
                          const std::vector<GroupedRow>& rows, OutputFormat format) {
  Report report;
  report.query.emplace_back("command", text("common"));
  report.query.emplace_back("orgs", ids_json(graph, organizations));
  report.query.emplace_back("at", optional_date(when.at));
  report.query.emplace_back("all", JsonValue{!when.at.has_value()});
  if (filter.status) report.query.emplace_back("status", text(status_name(*filter.status)));
  std::string names;
  for (const EntityIndex org : organizations) {
    names += (names.empty() ? "" : ", ") + short_name(graph.entity(org));
  }
  report.title = fmt::format("Members of all of {} {}", names, when_phrase(when));
  report.empty_message =
      fmt::format("No entity is known to belong to all of {} {}.", names, when_phrase(when));
  report.csv_columns = {"entity", "name", "answer", "disputed", "sources"};
  report.table_headers = {"ENTITY", "ANSWER", "FACTS"};
  bool any_disputed = false;
  for (const GroupedRow& row : rows) {
    const Entity& entity = graph.entity(row.entity);
    JsonObject object;
    object.emplace_back("entity", text(entity.id.value));
    object.emplace_back("name", text(entity.name));
    object.emplace_back("answer", row.answer ? text(truth_name(*row.answer)) : null_value());
    object.emplace_back("disputed", JsonValue{row.disputed});
    object.emplace_back("organizations", ids_json(graph, organizations));
    object.emplace_back("sources", all_source_ids(graph, row.facts));
    report.rows.push_back(std::move(object));
    report.cells.push_back(
        {entity.name, grouped_answer_cell(row), std::to_string(row.facts.size())});
    any_disputed |= row.disputed;
  }
  if (any_disputed) report.footer.emplace_back(kDisputedFootnote);
  return render(report, format);
}

std::string format_shared(const KnowledgeGraph& graph, EntityIndex a, EntityIndex b,
                          const DateSelection& when, const MembershipFilter& filter,
                          const std::vector<GroupedRow>& rows, bool count_only,
                          OutputFormat format) {
  const Entity& first = graph.entity(a);
  const Entity& second = graph.entity(b);
  std::size_t sure = 0;
  std::size_t possible = 0;
  for (const GroupedRow& row : rows) {
    (row.answer == Truth::kYes ? sure : possible) += 1;
  }
  Report report;
  report.query.emplace_back("command", text("shared"));
  report.query.emplace_back("a", text(first.id.value));
  report.query.emplace_back("b", text(second.id.value));
  report.query.emplace_back("at", optional_date(when.at));
  report.query.emplace_back("all", JsonValue{!when.at.has_value()});
  if (filter.status) report.query.emplace_back("status", text(status_name(*filter.status)));
  report.query.emplace_back("count", JsonValue{count_only});
  report.preamble.emplace_back("count", number(when.at ? sure : rows.size()));
  report.preamble.emplace_back("maybe", number(when.at ? possible : 0));
  if (count_only) {
    const std::size_t count = when.at ? sure : rows.size();
    if (format == OutputFormat::kTable) return std::to_string(count) + '\n';
    if (format == OutputFormat::kCsv) return fmt::format("count,maybe\n{},{}\n", count, possible);
  }
  report.title = fmt::format("Organizations of both {} and {} {}", entity_label(first),
                             entity_label(second), when_phrase(when));
  report.empty_message = fmt::format("{} and {} are not known to share an organization {}.",
                                     first.name, second.name, when_phrase(when));
  report.csv_columns = {"organization", "name", "answer", "disputed", "sources"};
  report.table_headers = {"ORGANIZATION", "ANSWER", "FACTS"};
  bool any_disputed = false;
  if (!count_only) {
    for (const GroupedRow& row : rows) {
      const Entity& org = graph.entity(row.entity);
      JsonObject object;
      object.emplace_back("organization", text(org.id.value));
      object.emplace_back("name", text(org.name));
      object.emplace_back("answer", row.answer ? text(truth_name(*row.answer)) : null_value());
      object.emplace_back("disputed", JsonValue{row.disputed});
      object.emplace_back("sources", all_source_ids(graph, row.facts));
      report.rows.push_back(std::move(object));
      report.cells.push_back(
          {org.name, grouped_answer_cell(row), std::to_string(row.facts.size())});
      any_disputed |= row.disputed;
    }
  }
  if (any_disputed) report.footer.emplace_back(kDisputedFootnote);
  if (when.at && possible > 0) {
    report.footer.push_back(fmt::format("{} certain, {} possible (maybe)", sure, possible));
  }
  return render(report, format);
}

std::string format_path(const KnowledgeGraph& graph, EntityIndex a, EntityIndex b,
                        const DateSelection& when,
                        const std::optional<std::vector<PathStep>>& steps, OutputFormat format) {
  const Entity& first = graph.entity(a);
  const Entity& second = graph.entity(b);
  Report report;
  report.query.emplace_back("command", text("path"));
  report.query.emplace_back("a", text(first.id.value));
  report.query.emplace_back("b", text(second.id.value));
  report.query.emplace_back("at", optional_date(when.at));
  report.query.emplace_back("all", JsonValue{!when.at.has_value()});
  report.preamble.emplace_back("connected", JsonValue{steps.has_value()});
  report.title = fmt::format("How {} and {} are connected {}", entity_label(first),
                             entity_label(second), when_phrase(when));
  report.empty_message = steps ? fmt::format("{} is {} itself.", first.name, second.name)
                               : fmt::format("No chain of facts links {} and {} {}.", first.name,
                                             second.name, when_phrase(when));
  report.csv_columns = {"step",   "from",      "relation", "to", "direction", "status",
                        "answer", "from_date", "until",    "at", "sources"};
  report.table_headers = {"STEP", "ANSWER", "WHEN", "SOURCES"};
  if (steps) {
    std::string chain = short_name(first);
    std::size_t number_of_step = 0;
    for (const PathStep& step : *steps) {
      const Fact& fact = graph.fact(step.row.fact);
      const Entity& from = graph.entity(step.from);
      const Entity& to = graph.entity(step.to);
      JsonObject object;
      object.emplace_back("step", number(++number_of_step));
      object.emplace_back("from", text(from.id.value));
      object.emplace_back("relation", text(relation_name(fact.relation)));
      object.emplace_back("to", text(to.id.value));
      object.emplace_back("direction", text(step.forward ? "forward" : "backward"));
      object.emplace_back("status", membership_status_json(fact));
      object.emplace_back("answer", answer_json(step.row));
      object.emplace_back("from_date", optional_date(fact.validity.from));
      object.emplace_back("until", optional_date(fact.validity.until));
      object.emplace_back("at", optional_date(fact.validity.at));
      object.emplace_back("sources", source_ids(fact));
      report.rows.push_back(std::move(object));
      const std::string relation(relation_name(fact.relation));
      const std::string link =
          step.forward ? fmt::format(" —{}→ ", relation) : fmt::format(" ←{}— ", relation);
      chain += link + short_name(to);
      report.cells.push_back({short_name(from) + link + short_name(to), answer_cell(step.row),
                              describe_when(fact), citation_summary(graph, fact)});
    }
    if (!steps->empty()) report.heading.push_back(chain);
  }
  return render(report, format);
}

std::string format_search(const KnowledgeGraph& graph, std::string_view text_asked,
                          const std::vector<SearchMatch>& matches, OutputFormat format) {
  Report report;
  report.query.emplace_back("command", text("search"));
  report.query.emplace_back("text", text(text_asked));
  report.title = fmt::format("Entities matching '{}'", text_asked);
  report.empty_message = fmt::format("No entity matches '{}'.", text_asked);
  report.csv_columns = {"id", "name", "kind", "matched", "score"};
  report.table_headers = {"ID", "KIND", "NAME", "MATCHED"};
  for (const SearchMatch& match : matches) {
    const Entity& entity = graph.entity(match.entity);
    JsonObject object;
    object.emplace_back("id", text(entity.id.value));
    object.emplace_back("name", text(entity.name));
    object.emplace_back("kind", text(kind_name(entity.kind)));
    object.emplace_back("matched", text(match.matched));
    object.emplace_back("score", number(match.score));
    report.rows.push_back(std::move(object));
    report.cells.push_back({entity.id.value, std::string(kind_name(entity.kind)), entity.name,
                            match.matched == entity.name ? "" : match.matched});
  }
  return render(report, format);
}

std::string format_stats(const KnowledgeGraph& graph, OutputFormat format) {
  const GraphCounts& counts = graph.counts();
  Report report;
  report.query.emplace_back("command", text("stats"));
  report.title = "Knowledge base";
  report.empty_message = "The knowledge base is empty.";
  report.csv_columns = {"category", "key", "count"};
  report.table_headers = {"CATEGORY", "KEY", "COUNT"};
  const auto add = [&report](std::string_view category, std::string_view key, std::size_t n) {
    JsonObject object;
    object.emplace_back("category", text(category));
    object.emplace_back("key", text(key));
    object.emplace_back("count", number(n));
    report.rows.push_back(std::move(object));
    report.cells.push_back({std::string(category), std::string(key), std::to_string(n)});
  };
  add("total", "entities", graph.entity_count());
  add("total", "facts", graph.fact_count());
  add("total", "sources", graph.source_count());
  for (std::size_t i = 0; i < kind_names().size(); ++i) {
    if (counts.entities_by_kind[i] != 0)
      add("entity kind", kind_names()[i], counts.entities_by_kind[i]);
  }
  for (std::size_t i = 0; i < relation_names().size(); ++i) {
    if (counts.facts_by_relation[i] != 0)
      add("relation", relation_names()[i], counts.facts_by_relation[i]);
  }
  for (std::size_t i = 0; i < status_names().size(); ++i) {
    if (counts.memberships_by_status[i] != 0) {
      add("membership status", status_names()[i], counts.memberships_by_status[i]);
    }
  }
  JsonObject dates;
  dates.emplace_back("earliest", optional_date(counts.earliest));
  dates.emplace_back("latest", optional_date(counts.latest));
  report.preamble.emplace_back("dates", JsonValue{std::move(dates)});
  if (counts.earliest) {
    report.heading.push_back(fmt::format("  dates from {} to {}", counts.earliest->to_string(),
                                         counts.latest->to_string()));
  }
  return render(report, format);
}

namespace {

// One row per contradiction: its kind, its message, and the facts on each side with
// their sources.
void add_contradiction_rows(const KnowledgeGraph& graph, const std::vector<Contradiction>& found,
                            Report& report) {
  report.csv_columns = {"kind", "message"};
  report.table_headers = {"CONTRADICTION"};
  for (const Contradiction& contradiction : found) {
    JsonObject object;
    object.emplace_back("kind", text(contradiction_kind_name(contradiction.kind)));
    object.emplace_back("message", text(contradiction.message));
    JsonArray sides;
    std::vector<std::string> details = {contradiction.message};
    for (const FactIndex index : contradiction.facts) {
      const Fact& fact = graph.fact(index);
      JsonObject side;
      side.emplace_back("subject", text(fact.subject.value));
      side.emplace_back("relation", text(relation_name(fact.relation)));
      side.emplace_back("object", fact.object ? text(fact.object->value) : null_value());
      side.emplace_back("status", membership_status_json(fact));
      side.emplace_back("date", optional_date(fact.date));
      side.emplace_back("from", optional_date(fact.validity.from));
      side.emplace_back("until", optional_date(fact.validity.until));
      side.emplace_back("at", optional_date(fact.validity.at));
      side.emplace_back("sources", source_ids(fact));
      side.emplace_back("citations", citations_json(graph, fact));
      sides.push_back(JsonValue{std::move(side)});
      details.push_back(fmt::format("{} {}{} {} — {}", fact.subject.value,
                                    relation_name(fact.relation),
                                    fact.object ? " " + fact.object->value : std::string(),
                                    describe_when(fact), citation_summary(graph, fact)));
    }
    object.emplace_back("facts", JsonValue{std::move(sides)});
    report.rows.push_back(std::move(object));
    report.cells.push_back({contradiction_kind_name(contradiction.kind)});
    report.details.push_back(std::move(details));
  }
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string format_check(const KnowledgeGraph& graph, const std::vector<Contradiction>& found,
                         OutputFormat format) {
  Report report;
  report.query.emplace_back("command", text("check"));
  report.preamble.emplace_back("valid", JsonValue{true});
  report.preamble.emplace_back("contradictions", number(found.size()));
  report.title = fmt::format("Knowledge base valid: {} entities, {} facts, {} sources; {}",
                             graph.entity_count(), graph.fact_count(), graph.source_count(),
                             plural(found.size(), "contradiction", "contradictions"));
  report.empty_message = "No contradiction found.";
  add_contradiction_rows(graph, found, report);
  return render(report, format);
}

std::string format_load(const LoadResult& result, const std::vector<std::string>& files,
                        const LoadOptions& options, OutputFormat format) {
  Report report;
  report.query.emplace_back("command", text("load"));
  JsonArray file_list;
  for (const std::string& file : files) file_list.push_back(text(file));
  report.query.emplace_back("files", JsonValue{std::move(file_list)});
  report.query.emplace_back("dry_run", JsonValue{options.dry_run});
  report.query.emplace_back("strict", JsonValue{options.strict});
  JsonObject added;
  added.emplace_back("sources", number(result.sources_added));
  added.emplace_back("entities", number(result.entities_added));
  added.emplace_back("facts", number(result.facts_added));
  report.preamble.emplace_back("added", JsonValue{std::move(added)});
  JsonObject merged;
  merged.emplace_back("facts", number(result.facts_merged));
  report.preamble.emplace_back("merged", JsonValue{std::move(merged)});
  report.preamble.emplace_back("unchanged", number(result.unchanged));
  report.preamble.emplace_back("contradictions", number(result.contradictions.size()));
  report.preamble.emplace_back("refused", JsonValue{result.refused});
  report.preamble.emplace_back("written",
                               result.written ? text(result.written->string()) : null_value());

  const std::string what = fmt::format(
      "added {}, {}, {}; merged new sources into {}; {} already known",
      plural(result.sources_added, "source", "sources"),
      plural(result.entities_added, "entity", "entities"),
      plural(result.facts_added, "fact", "facts"), plural(result.facts_merged, "fact", "facts"),
      plural(result.unchanged, "item", "items"));
  if (result.refused) {
    report.title =
        fmt::format("Refused (--strict): the batch brings {}; nothing written ({})",
                    plural(result.contradictions.size(), "contradiction", "contradictions"), what);
  } else if (result.written) {
    report.title =
        fmt::format("Loaded {}: {}; written to {}", plural(files.size(), "file", "files"), what,
                    result.written->string());
  } else {
    report.title =
        fmt::format("{} {}: {}; nothing written", options.dry_run ? "Checked (dry run)" : "Loaded",
                    plural(files.size(), "file", "files"), what);
  }
  if (!result.contradictions.empty() && !result.refused) {
    report.heading.push_back(
        fmt::format("Warning: {} (loaded anyway; --strict refuses)",
                    plural(result.contradictions.size(), "contradiction", "contradictions")));
  }
  report.empty_message = "No contradiction.";
  add_contradiction_rows(result.graph, result.contradictions, report);
  return render(report, format);
}

}  // namespace orgkg
