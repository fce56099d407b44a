#include "orgkg/store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <unordered_map>

namespace orgkg {
namespace {

// Where an item was defined, to name both places of a conflict.
struct Origin {
  std::size_t document;
  std::string pointer;
};

// Collects semantic errors by document; their text is re-read only to locate them.
class ErrorCollector {
 public:
  explicit ErrorCollector(const std::vector<std::filesystem::path>& files) : files_(files) {}

  void add(std::size_t document, std::string pointer, std::string message) {
    pending_.push_back({document, std::move(pointer), std::move(message)});
  }
  bool empty() const { return pending_.empty(); }
  std::string where(const Origin& origin) const {
    return fmt::format("{} at {}", files_[origin.document].string(), origin.pointer);
  }

  void locate_into(std::vector<DocumentError>& errors) const {
    std::map<std::size_t, std::string> texts;
    for (const Pending& error : pending_) {
      const std::string file = files_[error.document].string();
      auto text = texts.find(error.document);
      if (text == texts.end()) {
        Result<std::string> read = read_file(files_[error.document]);
        text = texts.emplace(error.document, read.is_ok() ? std::move(read).value() : "").first;
      }
      errors.push_back(error_at_pointer(text->second, file, error.pointer, error.message));
    }
  }

 private:
  struct Pending {
    std::size_t document;
    std::string pointer;
    std::string message;
  };
  const std::vector<std::filesystem::path>& files_;
  std::vector<Pending> pending_;
};

std::string unknown_entity_message(const KnowledgeGraph& graph, const std::string& id) {
  std::string message = fmt::format("unknown entity '{}'", id);
  if (const auto near = graph.closest_entity(id)) {
    message += fmt::format("; did you mean '{}'?", graph.entity(*near).id.value);
  }
  return message;
}

}  // namespace

std::filesystem::path default_knowledge_base_dir() {
  const char* from_env = std::getenv("ORGKG_KB");
  if (from_env != nullptr && *from_env != '\0') return from_env;
  return ORGKG_DEFAULT_KB;
}

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::io(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return Status::io(fmt::format("{}: read failed", path.string()));
  return contents.str();
}

Result<KnowledgeGraph> KnowledgeBase::link(std::vector<Document> documents,
                                           const std::vector<std::filesystem::path>& files,
                                           std::vector<DocumentError>& errors) {
  KnowledgeGraph graph;
  ErrorCollector problems(files);
  std::unordered_map<std::string, Origin> source_origin;
  std::unordered_map<std::string, Origin> entity_origin;

  for (std::size_t d = 0; d < documents.size(); ++d) {
    for (std::size_t i = 0; i < documents[d].sources.size(); ++i) {
      Source& source = documents[d].sources[i];
      Origin here{d, fmt::format("/sources/{}", i)};
      if (const Source* known = graph.find_source(source.id)) {
        if (!(*known == source)) {
          problems.add(d, here.pointer + "/id",
                       fmt::format("source '{}' is already defined differently ({})", source.id,
                                   problems.where(source_origin[source.id])));
        }
        continue;
      }
      source_origin.emplace(source.id, here);
      graph.add_source(std::move(source));
    }
  }

  for (std::size_t d = 0; d < documents.size(); ++d) {
    for (std::size_t i = 0; i < documents[d].entities.size(); ++i) {
      Entity& entity = documents[d].entities[i];
      Origin here{d, fmt::format("/entities/{}", i)};
      if (const auto known = graph.find_id(entity.id.value)) {
        if (!(graph.entity(*known) == entity)) {
          problems.add(
              d, here.pointer + "/id",
              fmt::format("entity '{}' is already defined differently ({})", entity.id.value,
                          problems.where(entity_origin[entity.id.value])));
        }
        continue;
      }
      const std::string id = entity.id.value;
      const Result<EntityIndex> added = graph.add_entity(std::move(entity));
      if (!added.is_ok()) {
        problems.add(d, here.pointer, added.status().message());
        continue;
      }
      entity_origin.emplace(id, here);
    }
  }

  for (std::size_t d = 0; d < documents.size(); ++d) {
    for (std::size_t i = 0; i < documents[d].facts.size(); ++i) {
      Fact& fact = documents[d].facts[i];
      const std::string pointer = fmt::format("/facts/{}", i);
      bool linked = true;
      if (!graph.find_id(fact.subject.value)) {
        problems.add(d, pointer + "/subject", unknown_entity_message(graph, fact.subject.value));
        linked = false;
      }
      if (fact.object && !graph.find_id(fact.object->value)) {
        problems.add(d, pointer + "/object", unknown_entity_message(graph, fact.object->value));
        linked = false;
      }
      for (std::size_t c = 0; c < fact.sources.size(); ++c) {
        if (graph.find_source(fact.sources[c].source) == nullptr) {
          problems.add(d, fmt::format("{}/sources/{}/source", pointer, c),
                       fmt::format("unknown source '{}'", fact.sources[c].source));
          linked = false;
        }
      }
      if (linked) graph.add_fact(std::move(fact));
    }
  }

  if (!problems.empty()) {
    problems.locate_into(errors);
    return Status::invalid_input("the documents do not link into a knowledge base");
  }
  graph.finish_build();
  return graph;
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::open(const std::filesystem::path& dir,
                                                           std::vector<DocumentError>& errors) {
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return Status::io(fmt::format("{}: not a knowledge base directory", dir.string()));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  if (error) return Status::io(fmt::format("{}: cannot list: {}", dir.string(), error.message()));
  std::sort(files.begin(), files.end());

  std::vector<Document> documents;
  documents.reserve(files.size());
  const std::size_t errors_before = errors.size();
  for (const std::filesystem::path& file : files) {
    Result<std::string> text = read_file(file);
    if (!text.is_ok()) return text.status();
    DocumentReadResult read = read_document(text.value(), file.string());
    if (!read.document) {
      errors.insert(errors.end(), read.errors.begin(), read.errors.end());
      continue;
    }
    documents.push_back(std::move(*read.document));
  }
  if (errors.size() != errors_before) {
    return Status::invalid_input(fmt::format("{}: invalid documents", dir.string()));
  }
  Result<KnowledgeGraph> graph = link(std::move(documents), files, errors);
  if (!graph.is_ok()) return graph.status();
  return std::unique_ptr<KnowledgeBase>(
      new KnowledgeBase(dir, std::move(files), std::move(graph).value()));
}

}  // namespace orgkg
