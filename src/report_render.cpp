#include "report_render.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "orgkg/json.h"

namespace orgkg::internal {
namespace {

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
            append_json_string(out, v[i].key);
            out += ": ";
            write_json(out, v[i].value);
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

// `text` cut into lines of at most `width` characters at spaces (a word longer than a
// line is cut); continuation lines are indented by two spaces.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    const std::size_t word_width = display_width(word);
    if (line_width > 0 && line_width + 1 + word_width > width) {
      lines.push_back(line);
      line = "  ";
      line_width = 2;
    } else if (line_width > 0) {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += word_width;
  }
  if (!line.empty()) lines.push_back(line);
  for (std::string& each : lines) each = truncate_to_width(each, width);
  return lines;
}

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
  std::string out;
  for (const std::string& line : wrap(report.title, kTableWidth)) out += line + '\n';
  for (const std::string& line : report.heading) out += truncate_to_width(line, kTableWidth) + '\n';
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
  constexpr std::size_t kMinLastWidth = 12;
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
  for (std::size_t r = 0; r < report.cells.size(); ++r) {
    print_line(report.cells[r]);
    if (r < report.details.size()) {
      for (const std::string& detail : report.details[r]) {
        for (const std::string& line : wrap(detail, kTableWidth - 4)) out += "    " + line + '\n';
      }
    }
  }
  for (const std::string& line : report.footer) out += truncate_to_width(line, kTableWidth) + '\n';
  return out;
}

}  // namespace

JsonValue null_value() { return JsonValue{std::monostate{}}; }
JsonValue text(std::string_view s) { return JsonValue{std::string(s)}; }
JsonValue optional_text(const std::optional<std::string>& s) { return s ? text(*s) : null_value(); }
JsonValue optional_date(const std::optional<PartialDate>& d) {
  return d ? text(d->to_string()) : null_value();
}

JsonValue number(std::size_t n) { return JsonValue{static_cast<std::int64_t>(n)}; }

// Display width of UTF-8 text, in code points (good enough for names in any script).
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++width;  // not a continuation byte
  }
  return width;
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

}  // namespace orgkg::internal
