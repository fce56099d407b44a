// The generic shape of an answer on its way to text (a small JSON tree for the rows, the
// cells a table shows of them) and its rendering as a table, JSON or CSV. Private to
// src/; report.cpp fills it for each kind of question.
#ifndef ORGKG_SRC_REPORT_RENDER_H_
#define ORGKG_SRC_REPORT_RENDER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "orgkg/date.h"
#include "orgkg/report.h"

namespace orgkg::internal {

struct JsonValue;
struct JsonMember;
using JsonArray = std::vector<JsonValue>;
using JsonObject = std::vector<JsonMember>;  // members in order
struct JsonValue {
  std::variant<std::monostate, bool, std::int64_t, std::string, JsonArray, JsonObject> value;
};
struct JsonMember {
  JsonMember(std::string member_key, JsonValue member_value)
      : key(std::move(member_key)), value(std::move(member_value)) {}
  std::string key;
  JsonValue value;
};

JsonValue null_value();
JsonValue text(std::string_view s);
JsonValue optional_text(const std::optional<std::string>& s);
JsonValue optional_date(const std::optional<PartialDate>& d);
JsonValue number(std::size_t n);

// Display width of UTF-8 text, in code points (good enough for names in any script).
std::size_t display_width(std::string_view s);

// One answer: JSON rows plus what a table shows of them.
struct Report {
  JsonObject query;
  JsonObject preamble;                   // JSON members between "query" and "rows"
  std::vector<std::string> csv_columns;  // keys of the row objects that CSV prints
  std::string title;                     // table: first line
  std::vector<std::string> heading;      // table: lines under the title
  std::vector<std::string> table_headers;
  std::vector<JsonObject> rows;
  std::vector<std::vector<std::string>> cells;    // table: one per row
  std::vector<std::vector<std::string>> details;  // table: lines under a row (or none)
  std::string empty_message;                      // table: when there are no rows
  std::vector<std::string> footer;                // table: lines after the rows
};

std::string render(const Report& report, OutputFormat format);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_REPORT_RENDER_H_
