// Linking documents into a KnowledgeGraph: sources, then entities, then facts, checking
// references, redefinitions and name collisions, and locating every problem in its file.
// A Linker takes documents in groups (the knowledge base, then a batch being loaded);
// each group may refer to what earlier groups and itself define. Private to src/.
#ifndef ORGKG_SRC_LINKER_H_
#define ORGKG_SRC_LINKER_H_

#include <filesystem>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/json.h"

namespace orgkg::internal {

// What a group of documents brought: the new sources and entities, every fact's outcome,
// and how many items were already known exactly as given.
struct LinkLog {
  std::vector<Source> sources_added;
  std::vector<Entity> entities_added;
  std::vector<std::vector<KnowledgeGraph::AddedFact>> facts;  // per document
  std::size_t unchanged = 0;  // sources and entities identical to known ones
};

class Linker {
 public:
  // `files` names every document of every group, in order; it must outlive the Linker.
  explicit Linker(const std::vector<std::filesystem::path>& files);
  Linker(const Linker&) = delete;  // holds a whole graph
  Linker& operator=(const Linker&) = delete;

  // Adds a group: `documents[i]` is the document of files[first_file + i]. Fills `log`
  // when given.
  void link_group(std::vector<Document> documents, std::size_t first_file, LinkLog* log);
  // The built graph, or kInvalidInput with one located DocumentError per problem.
  Result<KnowledgeGraph> finish(std::vector<DocumentError>& errors) &&;
  // The graph so far (not yet built).
  const KnowledgeGraph& graph() const { return graph_; }

 private:
  struct PendingProblem {
    std::size_t file;
    std::string pointer;
    std::string message;
  };
  const std::vector<std::filesystem::path>& files_;
  KnowledgeGraph graph_;
  std::vector<PendingProblem> pending_;
  std::unordered_map<std::string, std::pair<std::size_t, std::string>> source_origin_;
  std::unordered_map<std::string, std::pair<std::size_t, std::string>> entity_origin_;
};

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_LINKER_H_
