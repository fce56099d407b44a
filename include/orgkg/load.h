// Loading new documents into a knowledge base directory: validate the whole batch against
// the whole knowledge base, merge rather than duplicate, report contradictions, and write
// what is new as one more document, atomically and under an exclusive lock, so that
// concurrent loads serialize and a crash leaves the knowledge base as before or as after.
//
// What is stored: each load that brings anything new writes DIR/load-NNNNNN-STEM.json
// (NNNNNN one more than the highest such number, STEM from the first file's name). It
// holds the new sources and entities, the new facts, and, for a fact already known, the
// same fact with only the citations it did not have: the knowledge base is the union of
// its documents, and identical facts merge when it is read.
#ifndef ORGKG_LOAD_H_
#define ORGKG_LOAD_H_

#include <filesystem>
#include <optional>
#include <vector>

#include "orgkg/check.h"
#include "orgkg/graph.h"
#include "orgkg/json.h"
#include "orgkg/status.h"

namespace orgkg {

struct LoadOptions {
  bool dry_run = false;  // validate and report, write nothing
  bool strict = false;   // refuse the batch when it brings a contradiction
  ReadLimits limits;     // for the batch and the knowledge base
};

struct LoadResult {
  std::size_t sources_added = 0;
  std::size_t entities_added = 0;
  std::size_t facts_added = 0;
  std::size_t facts_merged = 0;  // known facts that received new citations
  std::size_t unchanged = 0;     // sources, entities and facts already known as given
  // Contradictions that involve the batch's facts (indexes into `graph`).
  std::vector<Contradiction> contradictions;
  bool refused = false;                          // strict and contradictions: nothing was written
  std::optional<std::filesystem::path> written;  // the new document, if one was written
  KnowledgeGraph graph;                          // the knowledge base with the batch
};

// Loads `files` into the knowledge base in `dir`. Returns what happened; kInvalidInput
// with `errors` filled (one per problem, located in its file) when the batch or the
// knowledge base is invalid, in which case nothing is written; kIo when a file cannot
// be read or written.
Result<LoadResult> load_documents(const std::filesystem::path& dir,
                                  const std::vector<std::filesystem::path>& files,
                                  const LoadOptions& options, std::vector<DocumentError>& errors);

}  // namespace orgkg

#endif  // ORGKG_LOAD_H_
