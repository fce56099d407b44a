// From an article to facts: the organizations, states and treaties an English news text
// names, and the memberships and dated events it states, each with the words that state
// them and their byte offsets. The result is an `orgkg/1` document that `load` accepts
// without edits: entities already in the knowledge base are referred to by their ids, new
// ones are proposed with a kind.
//
// Rule-based and precision-first: a fact is proposed only when a pattern names it
// outright; hedges ("plans to join"), negations ("is not a member") and past-tense lists
// give nothing. Thread-compatible: an Extractor may be shared by threads once built.
#ifndef ORGKG_EXTRACT_H_
#define ORGKG_EXTRACT_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "orgkg/graph.h"
#include "orgkg/json.h"
#include "orgkg/status.h"

namespace orgkg {

// What is known about the article itself; it becomes the document's source.
struct ArticleInfo {
  std::string source_id;                 // REQUIRES: a valid id (model.h)
  std::optional<PartialDate> published;  // present-tense facts hold `at` this date
  std::optional<std::string> title;
  std::optional<std::string> publisher;
  std::optional<std::string> url;
};

class Extractor {
 public:
  // Builds the gazetteer: the knowledge base's entities, then the states of ISO 3166-1 and
  // the former states of ISO 3166-3 read from `iso_codes_dir` (Debian's iso-codes JSON),
  // plus common short names. kIo when the iso-codes files cannot be read.
  static Result<std::unique_ptr<Extractor>> create(const KnowledgeGraph& knowledge_base,
                                                   const std::filesystem::path& iso_codes_dir);
  // Debian's location of the iso-codes JSON files.
  static std::filesystem::path default_iso_codes_dir();

  ~Extractor();
  Extractor(const Extractor&) = delete;  // owns the gazetteer
  Extractor& operator=(const Extractor&) = delete;

  // The facts `text` states, as a document citing `article`.
  Document extract(std::string_view text, const ArticleInfo& article) const;

 private:
  struct Gazetteer;
  explicit Extractor(std::unique_ptr<Gazetteer> gazetteer);
  std::unique_ptr<Gazetteer> gazetteer_;
};

}  // namespace orgkg

#endif  // ORGKG_EXTRACT_H_
