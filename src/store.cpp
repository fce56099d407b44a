#include "orgkg/store.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "content_hash.h"
#include "document_stream.h"
#include "durable_file.h"
#include "linker.h"
#include "orgkg/snapshot.h"
#include "pipelined_sink.h"

namespace orgkg {
namespace {

// Collects semantic errors by document; their text is re-read only to locate them.
class ErrorCollector {
 public:
  explicit ErrorCollector(const std::vector<std::filesystem::path>& files) : files_(files) {}

  void add(std::size_t document, std::string pointer, std::string message) {
    pending_.push_back({document, std::move(pointer), std::move(message)});
  }
  bool empty() const { return pending_.empty(); }

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

// Adds streamed items straight into a graph, by the Linker's rules, and stops at the
// first item the Linker would report: the precise path then says what is wrong.
class GraphSink final : public internal::ItemSink {
 public:
  explicit GraphSink(KnowledgeGraph& graph) : graph_(graph) {}

  bool on_source(const Source& source) override {
    if (graph_.add_source(source)) return true;
    return *graph_.find_source(source.id) == source;  // the same again changes nothing
  }
  bool on_entity(const Entity& entity) override {
    if (const std::optional<EntityIndex> known = graph_.find_id(entity.id.value)) {
      return graph_.entity(*known) == entity;
    }
    return graph_.add_entity(entity).is_ok();
  }
  bool on_fact(const Fact& fact) override {
    graph_.add_fact(fact);  // references are checked once every document is in
    return true;
  }

 private:
  KnowledgeGraph& graph_;
};

// Reads every document through the fast reader into one graph, stamping each in `stamps`
// when given. Returns the graph, or nullopt when a document is invalid or they do not
// link; kIo when a file cannot be read.
Result<std::optional<KnowledgeGraph>> stream_knowledge_base(
    const std::vector<std::filesystem::path>& files, const ReadLimits& limits,
    std::vector<DocumentStamp>* stamps) {
  KnowledgeGraph graph;
  GraphSink building(graph);
  // Reading on this thread, building on another.
  internal::PipelinedSink sink(building);
  for (const std::filesystem::path& file : files) {
    internal::FileStamp stamp;
    Result<internal::StreamOutcome> outcome =
        internal::stream_document_file(file, limits, sink, stamps != nullptr ? &stamp : nullptr);
    if (!outcome.is_ok()) return outcome.status();
    if (stamps != nullptr) {
      stamps->push_back(DocumentStamp{file.filename().string(), stamp.size, stamp.modified_ns,
                                      stamp.content_hash});
    }
    if (outcome->kind != internal::StreamOutcome::Kind::kValid) {
      return std::optional<KnowledgeGraph>();
    }
  }
  if (!sink.finish() || graph.has_unresolved_references()) return std::optional<KnowledgeGraph>();
  graph.finish_build();
  return std::optional<KnowledgeGraph>(std::move(graph));
}

// A change within this long of a snapshot's build may have left a document's size and
// modification time as they were (file times advance in ticks): such documents are
// compared byte for byte.
constexpr std::int64_t kRacyWindowNs = 2'000'000'000;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Whether the snapshot was built from the documents `files` are now; if not, `detail`
// says what changed.
bool is_fresh(const SnapshotInfo& info, const std::vector<std::filesystem::path>& files,
              std::string& detail) {
  if (info.documents.size() != files.size()) {
    detail = fmt::format("built from {} documents, the directory has {}", info.documents.size(),
                         files.size());
    return false;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const DocumentStamp& then = info.documents[i];
    const std::string name = files[i].filename().string();
    struct stat now {};
    if (name != then.name || ::stat(files[i].c_str(), &now) != 0) {
      detail = fmt::format("built from {}, the directory has {}", then.name, name);
      return false;
    }
    const std::int64_t modified =
        static_cast<std::int64_t>(now.st_mtim.tv_sec) * 1'000'000'000 + now.st_mtim.tv_nsec;
    if (static_cast<std::uint64_t>(now.st_size) != then.size || modified != then.modified_ns) {
      detail = fmt::format("{} changed since the snapshot", name);
      return false;
    }
    if (then.modified_ns + kRacyWindowNs >= info.built_at_ns) {
      const Result<std::string> bytes = read_file(files[i]);
      if (!bytes.is_ok() || internal::hash_bytes(bytes.value()) != then.content_hash) {
        detail = fmt::format("{} changed since the snapshot (same size and time)", name);
        return false;
      }
    }
  }
  return true;
}

// Writes the snapshot of `graph`, unless a writer holds the directory; says what became
// of it in `report`.
void write_snapshot_of(const std::filesystem::path& dir, const KnowledgeGraph& graph,
                       const SnapshotInfo& info, SnapshotReport& report) {
  Result<std::optional<internal::DirectoryLock>> lock = internal::DirectoryLock::try_acquire(dir);
  if (!lock.is_ok()) {
    report.detail = lock.status().message();
    return;
  }
  if (!lock.value()) {
    report.detail = "not written: the knowledge base is locked by a load";
    return;
  }
  const Status written = write_snapshot(graph, info, snapshot_path(dir));
  report.written = written.is_ok();
  if (!written.is_ok()) report.detail = "not written: " + written.message();
}

std::string unknown_entity_message(const KnowledgeGraph& graph, const std::string& id) {
  std::string message = fmt::format("unknown entity '{}'", id);
  if (const auto near = graph.closest_entity(id)) {
    message += fmt::format("; did you mean '{}'?", graph.entity(*near).id.value);
  }
  return message;
}

}  // namespace

namespace internal {

Linker::Linker(const std::vector<std::filesystem::path>& files) : files_(files) {}

void Linker::link_group(std::vector<Document> documents, std::size_t first_file, LinkLog* log) {
  if (log != nullptr) log->facts.resize(documents.size());

  for (std::size_t d = 0; d < documents.size(); ++d) {
    const std::size_t file = first_file + d;
    for (std::size_t i = 0; i < documents[d].sources.size(); ++i) {
      Source& source = documents[d].sources[i];
      const std::string pointer = fmt::format("/sources/{}", i);
      if (const std::optional<Source> known = graph_.find_source(source.id)) {
        if (!(*known == source)) {
          pending_.push_back(
              {file, pointer + "/id",
               fmt::format("source '{}' is already defined differently ({} at {})", source.id,
                           files_[source_origin_[source.id].first].string(),
                           source_origin_[source.id].second)});
        } else if (log != nullptr) {
          ++log->unchanged;
        }
        continue;
      }
      source_origin_.emplace(source.id, std::make_pair(file, pointer));
      if (log != nullptr) log->sources_added.push_back(source);
      graph_.add_source(source);
    }
  }

  for (std::size_t d = 0; d < documents.size(); ++d) {
    const std::size_t file = first_file + d;
    for (std::size_t i = 0; i < documents[d].entities.size(); ++i) {
      Entity& entity = documents[d].entities[i];
      const std::string pointer = fmt::format("/entities/{}", i);
      if (const auto known = graph_.find_id(entity.id.value)) {
        if (!(graph_.entity(*known) == entity)) {
          const auto& origin = entity_origin_[entity.id.value];
          pending_.push_back(
              {file, pointer + "/id",
               fmt::format("entity '{}' is already defined differently ({} at {})", entity.id.value,
                           files_[origin.first].string(), origin.second)});
        } else if (log != nullptr) {
          ++log->unchanged;
        }
        continue;
      }
      const Result<EntityIndex> added = graph_.add_entity(entity);
      if (!added.is_ok()) {
        pending_.push_back({file, pointer, added.status().message()});
        continue;
      }
      entity_origin_.emplace(entity.id.value, std::make_pair(file, pointer));
      if (log != nullptr) log->entities_added.push_back(entity);
    }
  }

  for (std::size_t d = 0; d < documents.size(); ++d) {
    const std::size_t file = first_file + d;
    for (std::size_t i = 0; i < documents[d].facts.size(); ++i) {
      Fact& fact = documents[d].facts[i];
      const std::string pointer = fmt::format("/facts/{}", i);
      bool linked = true;
      if (!graph_.find_id(fact.subject.value)) {
        pending_.push_back(
            {file, pointer + "/subject", unknown_entity_message(graph_, fact.subject.value)});
        linked = false;
      }
      if (fact.object && !graph_.find_id(fact.object->value)) {
        pending_.push_back(
            {file, pointer + "/object", unknown_entity_message(graph_, fact.object->value)});
        linked = false;
      }
      for (std::size_t c = 0; c < fact.sources.size(); ++c) {
        if (!graph_.find_source(fact.sources[c].source)) {
          pending_.push_back({file, fmt::format("{}/sources/{}/source", pointer, c),
                              fmt::format("unknown source '{}'", fact.sources[c].source)});
          linked = false;
        }
      }
      if (!linked) continue;
      KnowledgeGraph::AddedFact added = graph_.add_fact(fact);
      if (log != nullptr) log->facts[d].push_back(std::move(added));
    }
  }
}

Result<KnowledgeGraph> Linker::finish(std::vector<DocumentError>& errors) && {
  if (!pending_.empty()) {
    ErrorCollector problems(files_);
    for (PendingProblem& problem : pending_) {
      problems.add(problem.file, std::move(problem.pointer), std::move(problem.message));
    }
    problems.locate_into(errors);
    return Status::invalid_input("the documents do not link into a knowledge base");
  }
  graph_.finish_build();
  return std::move(graph_);
}

}  // namespace internal

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
  internal::Linker linker(files);
  linker.link_group(std::move(documents), 0, nullptr);
  return std::move(linker).finish(errors);
}

Result<std::vector<std::filesystem::path>> list_documents(const std::filesystem::path& dir) {
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
  return files;
}

Result<std::vector<Document>> read_documents(const std::vector<std::filesystem::path>& files,
                                             std::vector<DocumentError>& errors,
                                             const ReadLimits& limits) {
  std::vector<Document> documents;
  documents.reserve(files.size());
  const std::size_t errors_before = errors.size();
  for (const std::filesystem::path& file : files) {
    std::error_code size_error;
    const auto size = std::filesystem::file_size(file, size_error);
    if (!size_error && size > limits.max_document_bytes) {
      errors.push_back(DocumentError{file.string(), 0, 0, "",
                                     fmt::format("{} bytes is more than the limit of {} "
                                                 "(--max-document-bytes)",
                                                 size, limits.max_document_bytes)});
      continue;
    }
    Result<std::string> text = read_file(file);
    if (!text.is_ok()) return text.status();
    DocumentReadResult read = read_document(text.value(), file.string(), limits);
    if (!read.document) {
      errors.insert(errors.end(), read.errors.begin(), read.errors.end());
      continue;
    }
    documents.push_back(std::move(*read.document));
  }
  if (errors.size() != errors_before) return Status::invalid_input("invalid documents");
  return documents;
}

std::filesystem::path snapshot_path(const std::filesystem::path& dir) {
  return dir / ".orgkg-snapshot";
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::open(const std::filesystem::path& dir,
                                                           std::vector<DocumentError>& errors,
                                                           const ReadLimits& limits) {
  OpenOptions options;
  options.limits = limits;
  return open(dir, errors, options);
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::open(const std::filesystem::path& dir,
                                                           std::vector<DocumentError>& errors,
                                                           const OpenOptions& options) {
  Result<std::vector<std::filesystem::path>> files = list_documents(dir);
  if (!files.is_ok()) return files.status();
  SnapshotReport report;
  if (options.use_snapshot) {
    Result<Snapshot> snapshot = read_snapshot(snapshot_path(dir));
    if (snapshot.is_ok()) {
      if (is_fresh(snapshot->info, files.value(), report.detail)) {
        report.found = SnapshotReport::Found::kFresh;
        report.used = true;
        return std::unique_ptr<KnowledgeBase>(new KnowledgeBase(
            dir, std::move(files).value(), std::move(snapshot).value().graph, report));
      }
      report.found = SnapshotReport::Found::kStale;
    } else if (snapshot.status().code() != StatusCode::kNotFound) {
      report.found = SnapshotReport::Found::kDamaged;
      report.detail = snapshot.status().message();
    }
  }

  // The fast path streams every file into the graph; only when it finds a problem are
  // the documents read whole, to locate every problem in its file.
  SnapshotInfo info;
  info.built_at_ns = now_ns();
  Result<std::optional<KnowledgeGraph>> streamed = stream_knowledge_base(
      files.value(), options.limits, options.use_snapshot ? &info.documents : nullptr);
  if (!streamed.is_ok()) return streamed.status();
  if (streamed.value()) {
    if (options.use_snapshot) write_snapshot_of(dir, *streamed.value(), info, report);
    return std::unique_ptr<KnowledgeBase>(new KnowledgeBase(
        dir, std::move(files).value(), std::move(*streamed.value()), std::move(report)));
  }
  const ReadLimits& limits = options.limits;
  Result<std::vector<Document>> documents = read_documents(files.value(), errors, limits);
  if (!documents.is_ok()) return documents.status();
  Result<KnowledgeGraph> graph = link(std::move(documents).value(), files.value(), errors);
  if (!graph.is_ok()) return graph.status();
  return std::unique_ptr<KnowledgeBase>(
      new KnowledgeBase(dir, std::move(files).value(), std::move(graph).value()));
}

}  // namespace orgkg
