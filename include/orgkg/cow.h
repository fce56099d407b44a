// Importing the Correlates of War IGO data (version 3): organizations, states and yearly
// membership codes become an `orgkg/1` document of entities, founding and end events, and
// membership intervals at year precision, citing the dataset.
//
// Mapping rules (documented in README.md, "Correlates of War"):
// - a state is an entity with codes.cow = its ccode; an organization one with codes.cow =
//   its ioname. Entities already in the knowledge base are matched by that code, else by
//   name, and referred to by their ids rather than duplicated;
// - status codes 1, 2, 3 are full, associate, observer; 0 is "not a member"; -9 (missing),
//   -1 (organization not in existence), an empty cell and a year without a row for the
//   state all end a run of membership;
// - a run of consecutive years with one status is one interval: from its first year, until
//   the year after its last (exclusive); a run that reaches the table's last year stays
//   open;
// - the two layouts disagree in some cells: one import reads one table, which wins.
#ifndef ORGKG_COW_H_
#define ORGKG_COW_H_

#include <filesystem>
#include <optional>
#include <string>

#include "orgkg/graph.h"
#include "orgkg/json.h"
#include "orgkg/status.h"

namespace orgkg {

struct CowImportOptions {
  // states.csv (ccode, statenme, state) and igos.csv (ioname, orgname, sdate, deaddate);
  // when absent, files of those names beside the table are used if they exist.
  std::optional<std::filesystem::path> states_file;
  std::optional<std::filesystem::path> igos_file;
};

struct CowImportResult {
  Document document;
  std::string layout;           // "state-year" or "igo-year"
  std::size_t cells = 0;        // state × organization × year cells read
  std::size_t memberships = 0;  // intervals written
};

// Reads a COW IGO v3 table (state-year or IGO-year layout, plain or gzip-compressed CSV).
// kInvalidInput names the file and line of malformed input; kIo when it cannot be read.
Result<CowImportResult> import_cow(const std::filesystem::path& table,
                                   const KnowledgeGraph& knowledge_base,
                                   const CowImportOptions& options = {});

}  // namespace orgkg

#endif  // ORGKG_COW_H_
