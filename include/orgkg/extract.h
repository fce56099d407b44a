// From an article to facts: the organizations, states and treaties an English news text
// names, and the memberships and dated events it states, each with the words that state
// them and their byte offsets. The result is an `orgkg/1` document that `load` accepts
// without edits: entities already in the knowledge base are referred to by their ids, new
// ones are proposed with their gazetteer names, acronyms and codes.
//
// Each sentence that may state a fact is parsed with CMU's link-grammar; rules read its
// clauses (who joined, left, was suspended from, observes, founded what, and when), so one
// rule covers active, passive, relative clauses, appositions and coordination. Precision
// first: negations, hopes and plans, conditionals and questions give nothing.
// Thread-compatible: one Extractor serves one thread at a time.
#ifndef ORGKG_EXTRACT_H_
#define ORGKG_EXTRACT_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/json.h"
#include "orgkg/status.h"

namespace orgkg {

// What is known about the article itself; it becomes the document's source.
struct ArticleInfo {
  std::string source_id;                 // REQUIRES: a valid id (model.h)
  std::optional<PartialDate> published;  // when absent, a date the text states at its top
  std::optional<std::string> title;      // also read for the subject of the article
  std::optional<std::string> publisher;
  std::optional<std::string> url;
};

// Where the extractor's name lists are.
struct ExtractorFiles {
  // organizations.json and states.json (the shipped data/gazetteer/).
  std::filesystem::path gazetteer_dir = default_gazetteer_dir();
  // Debian's iso-codes JSON (iso_3166-1.json, iso_3166-3.json).
  std::filesystem::path iso_codes_dir = "/usr/share/iso-codes/json";

  // $ORGKG_GAZETTEER when set, else the gazetteer of the source tree this was built from.
  static std::filesystem::path default_gazetteer_dir();
};

// One proposed fact's reasons, for a curator: the sentence, the rule and its reading.
struct FactExplanation {
  std::string sentence;
  std::string rule;  // "leave: subject Georgia, from CIS (active)"
  std::string date;  // "on Tuesday -> 2023-04-04 (the weekday on or before publication)"
};

struct Extraction {
  Document document;
  std::vector<FactExplanation> explanations;  // one per document.facts, in order
  std::vector<std::string> notices;           // for the user: "no English sentences…"
};

class Extractor {
 public:
  // Loads the gazetteer (the knowledge base's entities first) and the parser's English
  // dictionary. kIo when a file cannot be read, kInvalidInput when a gazetteer file is
  // malformed.
  static Result<std::unique_ptr<Extractor>> create(const KnowledgeGraph& knowledge_base,
                                                   const ExtractorFiles& files = {});

  ~Extractor();
  Extractor(const Extractor&) = delete;  // owns the gazetteer and the parser
  Extractor& operator=(const Extractor&) = delete;

  // The facts `text` states, as a document citing `article`.
  Extraction extract(std::string_view text, const ArticleInfo& article) const;

  // The id of the entity a name denotes as extraction reads it ("Türkiye" -> the id of
  // Turkey), if any: for tests and tools that compare by name.
  std::optional<std::string> id_for_name(std::string_view name) const;

 private:
  struct Parts;
  explicit Extractor(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace orgkg

#endif  // ORGKG_EXTRACT_H_
