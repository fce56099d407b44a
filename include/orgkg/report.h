// Printing answers: the same query result as an aligned table for people, as JSON for
// scripts (DESIGN.md, "Query output": one object with `query` and `rows`), or as CSV
// (one header line, the same columns as the JSON rows). Pure functions.
#ifndef ORGKG_REPORT_H_
#define ORGKG_REPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/query.h"

namespace orgkg {

enum class OutputFormat { kTable, kJson, kCsv };

// "table", "json" or "csv"; nullopt otherwise.
std::optional<OutputFormat> parse_output_format(std::string_view text);

// Formats the rows of members() or memberships() of `entity`. `asked` echoes the name the
// user typed; `filter` the filters applied.
std::string format_members(const KnowledgeGraph& graph, EntityIndex organization,
                           const DateSelection& when, const MembershipFilter& filter,
                           const std::vector<FactRow>& rows, OutputFormat format);
std::string format_memberships(const KnowledgeGraph& graph, EntityIndex entity,
                               const DateSelection& when, const MembershipFilter& filter,
                               const std::vector<FactRow>& rows, OutputFormat format);
// Formats a profile(): the entity's names and codes, counts, then one row per fact.
std::string format_profile(const KnowledgeGraph& graph, const EntityProfile& profile,
                           const DateSelection& when, OutputFormat format);

// The validity of a fact in words at its precision: "1992-05-15 – 1999", "2012-06 –",
// "at 2017-04-12", "1992" (an event), or "" when undated.
std::string describe_when(const Fact& fact);

}  // namespace orgkg

#endif  // ORGKG_REPORT_H_
