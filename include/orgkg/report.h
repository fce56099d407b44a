// Printing answers: the same query result as an aligned table for people, as JSON for
// scripts (DESIGN.md, "Query output": one object with `query` and `rows`), or as CSV
// (one header line, the same columns as the JSON rows). Pure functions.
#ifndef ORGKG_REPORT_H_
#define ORGKG_REPORT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/check.h"
#include "orgkg/graph.h"
#include "orgkg/load.h"
#include "orgkg/path.h"
#include "orgkg/query.h"
#include "orgkg/search.h"
#include "orgkg/timeline.h"

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

// Formats history(): membership rows oldest first, each with its quotes.
std::string format_history(const KnowledgeGraph& graph, EntityIndex entity,
                           std::optional<EntityIndex> organization, const DateSelection& when,
                           const MembershipFilter& filter, const std::vector<FactRow>& rows,
                           OutputFormat format);
// Formats timeline(): one row per event.
std::string format_timeline(const KnowledgeGraph& graph, EntityIndex organization,
                            const std::vector<TimelineEvent>& events, OutputFormat format);
// Formats common_members() of `organizations`.
std::string format_common(const KnowledgeGraph& graph, std::span<const EntityIndex> organizations,
                          const DateSelection& when, const MembershipFilter& filter,
                          const std::vector<GroupedRow>& rows, OutputFormat format);
// Formats shared_organizations() of `a` and `b`; with `count_only`, the number of
// organizations both surely belong to (answer yes) instead of the rows.
std::string format_shared(const KnowledgeGraph& graph, EntityIndex a, EntityIndex b,
                          const DateSelection& when, const MembershipFilter& filter,
                          const std::vector<GroupedRow>& rows, bool count_only,
                          OutputFormat format);
// Formats connection(): one row per step, or a line saying there is none.
std::string format_path(const KnowledgeGraph& graph, EntityIndex a, EntityIndex b,
                        const DateSelection& when,
                        const std::optional<std::vector<PathStep>>& steps, OutputFormat format);
// Formats search_entities().
std::string format_search(const KnowledgeGraph& graph, std::string_view text,
                          const std::vector<SearchMatch>& matches, OutputFormat format);
// Counts of the whole knowledge base: entities by kind, facts by relation, memberships by
// status, sources, the date range.
std::string format_stats(const KnowledgeGraph& graph, OutputFormat format);

// Formats find_contradictions(): one row per contradiction with the facts and sources on
// each side.
std::string format_check(const KnowledgeGraph& graph, const std::vector<Contradiction>& found,
                         OutputFormat format);

// Formats the result of load_documents(): the summary (what was added, merged and left
// alone, and where it was written) and the contradictions the batch brings.
std::string format_load(const LoadResult& result, const std::vector<std::string>& files,
                        const LoadOptions& options, OutputFormat format);

// The validity of a fact in words at its precision: "1992-05-15 – 1999", "2012-06 –",
// "at 2017-04-12", "1992" (an event), or "" when undated.
std::string describe_when(const Fact& fact);

}  // namespace orgkg

#endif  // ORGKG_REPORT_H_
