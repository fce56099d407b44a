// KnowledgeBase: a directory of `orgkg/1` documents (every *.json directly inside it,
// read in name order; sub-directories such as schema/ are not documents) loaded and
// checked as a whole into a KnowledgeGraph. The JSON documents are the source of truth.
// A KnowledgeBase is immutable once opened; const calls may run from several threads.
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

class KnowledgeBase {
 public:
  // Reads, validates and links every document of `dir`. On success the knowledge base
  // is returned (owned by the caller). On failure returns kIo when a file cannot be read
  // (message names it), or kInvalidInput after appending one DocumentError per problem to
  // `errors`: syntax, schema, conflicting redefinitions, unknown references, collisions.
  static Result<std::unique_ptr<KnowledgeBase>> open(const std::filesystem::path& dir,
                                                     std::vector<DocumentError>& errors,
                                                     const ReadLimits& limits = {});

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

 private:
  KnowledgeBase(std::filesystem::path dir, std::vector<std::filesystem::path> files,
                KnowledgeGraph graph)
      : dir_(std::move(dir)), files_(std::move(files)), graph_(std::move(graph)) {}

  const std::filesystem::path dir_;
  const std::vector<std::filesystem::path> files_;
  KnowledgeGraph graph_;
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
