#include "orgkg/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "durable_file.h"
#include "linker.h"
#include "orgkg/store.h"

namespace orgkg {
namespace {

constexpr std::string_view kLoadPrefix = "load-";
constexpr std::size_t kSequenceDigits = 6;

// The name of the next stored document: load-NNNNNN-STEM.json.
std::string next_document_name(const std::vector<std::filesystem::path>& existing,
                               const std::filesystem::path& first_file) {
  std::size_t highest = 0;
  for (const std::filesystem::path& file : existing) {
    const std::string name = file.filename().string();
    if (!name.starts_with(kLoadPrefix) || name.size() < kLoadPrefix.size() + kSequenceDigits) {
      continue;
    }
    const std::string digits = name.substr(kLoadPrefix.size(), kSequenceDigits);
    if (std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      highest = std::max(highest, static_cast<std::size_t>(std::stoul(digits)));
    }
  }
  std::string stem;
  for (const char c : first_file.stem().string()) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    const bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') ||
                      lower == '-' || lower == '_';
    if (stem.size() < 40) stem += keep ? lower : '-';
  }
  if (stem.empty()) stem = "document";
  return fmt::format("{}{:0{}}-{}.json", kLoadPrefix, highest + 1, kSequenceDigits, stem);
}

}  // namespace

Result<LoadResult> load_documents(const std::filesystem::path& dir,
                                  const std::vector<std::filesystem::path>& files,
                                  const LoadOptions& options, std::vector<DocumentError>& errors) {
  // The batch is checked on its own first: no lock is needed to refuse a broken file.
  Result<std::vector<Document>> batch = read_documents(files, errors, options.limits);
  if (!batch.is_ok()) return batch.status();

  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return Status::io(fmt::format("{}: not a knowledge base directory", dir.string()));
  }
  Result<internal::DirectoryLock> lock = internal::DirectoryLock::acquire(dir);
  if (!lock.is_ok()) return lock.status();
  internal::remove_stale_temporaries(dir);

  Result<std::vector<std::filesystem::path>> known_files = list_documents(dir);
  if (!known_files.is_ok()) return known_files.status();
  Result<std::vector<Document>> known = read_documents(known_files.value(), errors, options.limits);
  if (!known.is_ok()) return Status::invalid_input("the knowledge base itself is invalid");

  std::vector<std::filesystem::path> all_files = known_files.value();
  all_files.insert(all_files.end(), files.begin(), files.end());
  internal::Linker linker(all_files);
  linker.link_group(std::move(known).value(), 0, nullptr);
  const std::size_t known_facts = linker.graph().fact_count();
  internal::LinkLog log;
  linker.link_group(std::move(batch).value(), known_files.value().size(), &log);
  Result<KnowledgeGraph> linked = std::move(linker).finish(errors);
  if (!linked.is_ok()) return linked.status();

  LoadResult result;
  result.graph = std::move(linked).value();
  result.sources_added = log.sources_added.size();
  result.entities_added = log.entities_added.size();
  result.unchanged = log.unchanged;

  // Facts: new ones (indexes past the known facts), and known ones the batch adds to: new
  // citations, or a note where they had none.
  struct Addition {
    std::vector<Citation> citations;
    bool note = false;
  };
  std::set<FactIndex> added;
  std::map<FactIndex, Addition> merged;
  for (const auto& document_facts : log.facts) {
    for (const KnowledgeGraph::AddedFact& fact : document_facts) {
      if (fact.index >= known_facts) {
        added.insert(fact.index);
      } else if (!fact.new_citations.empty() || fact.note_added) {
        Addition& addition = merged[fact.index];
        addition.citations.insert(addition.citations.end(), fact.new_citations.begin(),
                                  fact.new_citations.end());
        addition.note |= fact.note_added;
      } else if (merged.count(fact.index) == 0) {
        ++result.unchanged;
      }
    }
  }
  result.facts_added = added.size();
  result.facts_merged = merged.size();
  result.contradictions = find_contradictions(result.graph, [&](FactIndex index) {
    return index >= known_facts || merged.count(index) != 0;
  });
  if (options.strict && !result.contradictions.empty()) {
    result.refused = true;
    return result;
  }

  Document delta;
  delta.sources = std::move(log.sources_added);
  delta.entities = std::move(log.entities_added);
  for (const FactIndex index : added) delta.facts.push_back(result.graph.fact(index));
  for (auto& [index, addition] : merged) {
    Fact fact = result.graph.fact(index);
    fact.sources = std::move(addition.citations);
    if (!addition.note) fact.note.reset();
    delta.facts.push_back(std::move(fact));
  }
  const bool anything_new =
      !delta.sources.empty() || !delta.entities.empty() || !delta.facts.empty();
  if (options.dry_run || !anything_new) return result;

  const std::filesystem::path target = dir / next_document_name(known_files.value(), files.front());
  const Status written = internal::write_file_atomically(target, write_document(delta));
  if (!written.is_ok()) return written;
  result.written = target;
  return result;
}

}  // namespace orgkg
