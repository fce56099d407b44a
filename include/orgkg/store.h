// KnowledgeBase: a directory of `orgkg/1` documents (every *.json directly inside it,
// read in name order; sub-directories such as schema/ are not documents) loaded and
// checked as a whole into a KnowledgeGraph. The JSON documents are the source of truth.
// A KnowledgeBase is immutable once opened; const calls may run from several threads.
// It may answer from a snapshot of its documents (snapshot.h) when asked to.
#ifndef ORGKG_STORE_H_
#define ORGKG_STORE_H_

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/json.h"
#include "orgkg/status.h"

namespace orgkg {

// The knowledge base used when none is named: $ORGKG_KB if set and not empty, else the
// data/ directory of the source tree orgkg was built from.
std::filesystem::path default_knowledge_base_dir();

// Where the snapshot of the knowledge base in `dir` lives (a hidden file, not a document).
std::filesystem::path snapshot_path(const std::filesystem::path& dir);

struct OpenOptions {
  ReadLimits limits;  // for every document read
  // Answer from the directory's snapshot (snapshot.h) when it is fresh, and write a new
  // one after reading the documents when it is missing, stale or damaged. A snapshot is
  // fresh when it was built from the documents the directory holds now: the same names,
  // sizes and modification times, and, for a document modified within two seconds of
  // the build (when a change could leave the time as it was), the same bytes.
  bool use_snapshot = false;
};

// What became of the snapshot when a knowledge base was opened with use_snapshot.
struct SnapshotReport {
  enum class Found { kNone, kFresh, kStale, kDamaged };
  Found found = Found::kNone;
  bool used = false;     // the graph answers from the snapshot
  bool written = false;  // a new snapshot was written
  std::string detail;    // what was stale or damaged, or why none was written
};

class KnowledgeBase {
 public:
  // Reads, validates and links every document of `dir`. On success the knowledge base
  // is returned (owned by the caller). On failure returns kIo when a file cannot be read
  // (message names it), or kInvalidInput after appending one DocumentError per problem to
  // `errors`: syntax, schema, conflicting redefinitions, unknown references, collisions.
  static Result<std::unique_ptr<KnowledgeBase>> open(const std::filesystem::path& dir,
                                                     std::vector<DocumentError>& errors,
                                                     const ReadLimits& limits = {});
  // The same, from a fresh snapshot when `options.use_snapshot` allows it. A snapshot
  // that cannot be written (a read-only directory, a load holding the lock) is not an
  // error: the knowledge base is open all the same, and snapshot().detail says why.
  static Result<std::unique_ptr<KnowledgeBase>> open(const std::filesystem::path& dir,
                                                     std::vector<DocumentError>& errors,
                                                     const OpenOptions& options);

  // Links documents already read into a graph, applying the same rules as open().
  // `files[i]` names `documents[i]` in errors, and its text is re-read only to locate
  // an error. Returns the graph, or kInvalidInput with `errors` filled.
  static Result<KnowledgeGraph> link(std::vector<Document> documents,
                                     const std::vector<std::filesystem::path>& files,
                                     std::vector<DocumentError>& errors);

  KnowledgeBase(const KnowledgeBase&) = delete;  // owns a whole graph
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const KnowledgeGraph& graph() const { return graph_; }
  // The documents it was read from, in name order.
  const std::vector<std::filesystem::path>& files() const { return files_; }
  const SnapshotReport& snapshot() const { return snapshot_; }

 private:
  KnowledgeBase(std::filesystem::path dir, std::vector<std::filesystem::path> files,
                KnowledgeGraph graph, SnapshotReport snapshot = {})
      : dir_(std::move(dir)),
        files_(std::move(files)),
        graph_(std::move(graph)),
        snapshot_(std::move(snapshot)) {}

  const std::filesystem::path dir_;
  const std::vector<std::filesystem::path> files_;
  KnowledgeGraph graph_;
  const SnapshotReport snapshot_;
};

// Reads a whole file into a string; kIo with the path and the system's reason on failure.
Result<std::string> read_file(const std::filesystem::path& path);

// The documents of a knowledge base directory: every *.json file directly in it, in name
// order. kIo when it is not a readable directory.
Result<std::vector<std::filesystem::path>> list_documents(const std::filesystem::path& dir);

// Reads and validates each file on its own (syntax, schema, the rules of one document).
// Returns the documents, or kInvalidInput after appending every file's first error to
// `errors`; kIo when a file cannot be read.
// A file larger than limits.max_document_bytes is refused before it is read.
Result<std::vector<Document>> read_documents(const std::vector<std::filesystem::path>& files,
                                             std::vector<DocumentError>& errors,
                                             const ReadLimits& limits = {});

}  // namespace orgkg

#endif  // ORGKG_STORE_H_
