#include "orgkg/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <variant>

#include "orgkg/json.h"

namespace orgkg {
namespace {

// A small JSON value tree: what a report row is before it becomes text.
struct JsonValue;
using JsonArray = std::vector<JsonValue>;
using JsonObject = std::vector<std::pair<std::string, JsonValue>>;
struct JsonValue {
  std::variant<std::monostate, bool, std::int64_t, std::string, JsonArray, JsonObject> value;
};

JsonValue null_value() { return JsonValue{std::monostate{}}; }
JsonValue text(std::string_view s) { return JsonValue{std::string(s)}; }
JsonValue optional_text(const std::optional<std::string>& s) { return s ? text(*s) : null_value(); }
JsonValue optional_date(const std::optional<PartialDate>& d) {
  return d ? text(d->to_string()) : null_value();
}

void write_json(std::string& out, const JsonValue& value) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          out += std::to_string(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          append_json_string(out, v);
        } else if constexpr (std::is_same_v<T, JsonArray>) {
          out += '[';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i != 0) out += ", ";
            write_json(out, v[i]);
          }
          out += ']';
        } else {
          out += '{';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i != 0) out += ", ";
            append_json_string(out, v[i].first);
            out += ": ";
            write_json(out, v[i].second);
          }
          out += '}';
        }
      },
      value.value);
}

// A CSV cell: scalars as they are, lists of strings joined by ';', quoted when needed.
std::string csv_cell(const JsonValue& value) {
  std::string cell;
  if (const auto* s = std::get_if<std::string>(&value.value)) {
    cell = *s;
  } else if (const auto* b = std::get_if<bool>(&value.value)) {
    cell = *b ? "true" : "false";
  } else if (const auto* n = std::get_if<std::int64_t>(&value.value)) {
    cell = std::to_string(*n);
  } else if (const auto* list = std::get_if<JsonArray>(&value.value)) {
    for (const JsonValue& item : *list) {
      if (const auto* item_text = std::get_if<std::string>(&item.value)) {
        if (!cell.empty()) cell += ';';
        cell += *item_text;
      }
    }
  }
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

// Display width of UTF-8 text, in code points (good enough for names in any script).
std::size_t display_width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

constexpr std::size_t kTableWidth = 80;

// `s` cut to at most `width` code points, ending in "…" when cut.
std::string truncate_to_width(const std::string& s, std::size_t width) {
  if (display_width(s) <= width) return s;
  std::string cut;
  std::size_t points = 0;
  for (const char c : s) {
    const bool starts_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_point && ++points > width - 1) break;
    cut += c;
  }
  return cut + "…";
}

// One answer on its way to text: the JSON rows plus what a table shows of them.
struct Report {
  JsonObject query;
  JsonObject preamble;                   // JSON members between "query" and "rows" (info's entity)
  std::vector<std::string> csv_columns;  // keys of the row objects that CSV prints
  std::string title;                     // table: first line
  std::vector<std::string> heading;      // table: lines under the title
  std::vector<std::string> table_headers;
  std::vector<JsonObject> rows;
  std::vector<std::vector<std::string>> cells;  // table: one per row
  std::string empty_message;                    // table: when there are no rows
  std::vector<std::string> footer;              // table: lines after the rows
};

std::string render_json(const Report& report) {
  JsonObject top;
  top.emplace_back("query", JsonValue{report.query});
  for (const auto& member : report.preamble) top.push_back(member);
  JsonArray rows;
  for (const JsonObject& row : report.rows) rows.push_back(JsonValue{row});
  top.emplace_back("rows", JsonValue{std::move(rows)});
  std::string out;
  write_json(out, JsonValue{std::move(top)});
  out += '\n';
  return out;
}

std::string render_csv(const Report& report) {
  std::string out;
  for (std::size_t i = 0; i < report.csv_columns.size(); ++i) {
    if (i != 0) out += ',';
    out += report.csv_columns[i];
  }
  out += '\n';
  for (const JsonObject& row : report.rows) {
    for (std::size_t i = 0; i < report.csv_columns.size(); ++i) {
      if (i != 0) out += ',';
      for (const auto& [key, value] : row) {
        if (key == report.csv_columns[i]) out += csv_cell(value);
      }
    }
    out += '\n';
  }
  return out;
}

std::string render_table(const Report& report) {
  std::string out = report.title + '\n';
  for (const std::string& line : report.heading) out += line + '\n';
  if (report.rows.empty()) {
    out += report.empty_message + '\n';
    return out;
  }
  std::vector<std::size_t> widths(report.table_headers.size());
  for (std::size_t c = 0; c < widths.size(); ++c) {
    widths[c] = display_width(report.table_headers[c]);
    for (const auto& cells : report.cells) widths[c] = std::max(widths[c], display_width(cells[c]));
  }
  // The last column (the sources) gives way so that a row fits an 80-column terminal.
  std::size_t before_last = 0;
  for (std::size_t c = 0; c + 1 < widths.size(); ++c) before_last += widths[c] + 2;
  constexpr std::size_t kMinLastWidth = 24;
  const std::size_t last_width =
      before_last + kMinLastWidth < kTableWidth ? kTableWidth - before_last : kMinLastWidth;
  widths.back() = std::min(widths.back(), last_width);
  const auto print_line = [&](std::vector<std::string> cells) {
    cells.back() = truncate_to_width(cells.back(), widths.back());
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      line += cells[c];
      if (c + 1 < cells.size()) line += std::string(widths[c] - display_width(cells[c]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  };
  print_line(report.table_headers);
  for (const auto& cells : report.cells) print_line(cells);
  for (const std::string& line : report.footer) out += line + '\n';
  return out;
}

std::string render(const Report& report, OutputFormat format) {
  switch (format) {
    case OutputFormat::kJson:
      return render_json(report);
    case OutputFormat::kCsv:
      return render_csv(report);
    case OutputFormat::kTable:
      break;
  }
  return render_table(report);
}

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

// "TASS 2017-04-12; Wikipedia": who says so, as a table shows it.
std::string citation_summary(const KnowledgeGraph& graph, const Fact& fact) {
  std::string summary;
  std::set<std::string> seen;
  for (const Citation& citation : fact.sources) {
    const Source* source = graph.find_source(citation.source);
    std::string label = citation.source;
    if (source != nullptr && source->publisher) {
      label = *source->publisher;
      if (source->published) label += ' ' + source->published->to_string();
    }
    if (!seen.insert(label).second) continue;
    if (!summary.empty()) summary += "; ";
    summary += label;
  }
  return summary.empty() ? "-" : summary;
}

JsonValue citations_json(const KnowledgeGraph& graph, const Fact& fact) {
  JsonArray list;
  for (const Citation& citation : fact.sources) {
    const Source* source = graph.find_source(citation.source);
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

JsonValue answer_json(const FactRow& row) {
  return row.answer ? text(truth_name(*row.answer)) : null_value();
}

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
    const EntityId& other_id = other_is_subject ? fact.subject : *fact.object;
    const Entity& other = graph.entity(*graph.find_id(other_id.value));
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
  if (any_disputed) {
    report.footer.push_back("* disputed: facts about this pair disagree at this date");
  }
  return report;
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
  report.heading.push_back("");
  report.empty_message =
      fmt::format("No fact about {} is known {}.", entity.name, when_phrase(when));

  report.csv_columns = {"subject", "relation", "object", "status", "date",
                        "from",    "until",    "at",     "answer", "sources"};
  report.table_headers = {"SUBJECT", "RELATION", "OBJECT", "WHEN", "ANSWER", "SOURCES"};
  for (const auto* rows : {&profile.events, &profile.relations_out, &profile.relations_in}) {
    for (const FactRow& row : *rows) {
      const Fact& fact = graph.fact(row.fact);
      const Entity& subject = graph.entity(*graph.find_id(fact.subject.value));
      const Entity* object =
          fact.object ? &graph.entity(*graph.find_id(fact.object->value)) : nullptr;
      JsonObject json;
      json.emplace_back("subject", text(subject.id.value));
      json.emplace_back("relation", text(relation_name(fact.relation)));
      json.emplace_back("object", object ? text(object->id.value) : null_value());
      json.emplace_back("status", fact.relation == Relation::kMemberOf
                                      ? text(status_name(fact.effective_status()))
                                      : null_value());
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
      report.cells.push_back({subject.id.value, relation, object ? object->id.value : "-",
                              describe_when(fact), answer_cell(row),
                              citation_summary(graph, fact)});
    }
  }
  return render(report, format);
}

}  // namespace orgkg
