// The names extraction recognises in text: the knowledge base's entities, the shipped
// gazetteer of intergovernmental organizations (data/gazetteer/organizations.json), the
// states with the names reporters use (data/gazetteer/states.json: short and historic
// forms, demonyms, capitals) and ISO 3166 from Debian's iso-codes. Built once, then only
// read: a Gazetteer may be shared between threads.
#ifndef ORGKG_INGEST_GAZETTEER_H_
#define ORGKG_INGEST_GAZETTEER_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/model.h"
#include "orgkg/status.h"

namespace orgkg::ingest {

// An entity extraction can name: one of the knowledge base's, or one it would propose.
struct GazetteerEntry {
  std::string id;
  EntityKind kind = EntityKind::kOther;
  std::string name;
  std::vector<std::string> aliases;  // names a proposed entity carries (acronyms first)
  std::vector<Code> codes;           // iso3166, cow
  bool in_knowledge_base = false;
};

// How a stretch of text names an entry.
enum class NameForm : std::uint8_t {
  kName,     // a name or alias: "Kazakhstan", "Collective Security Treaty Organization"
  kAcronym,  // matched with its case: "CSTO"
  kDemonym,  // an adjective before a word for a government: "the Uzbek authorities"
  kCapital,  // a capital standing for a government: "Tashkent announced…"
};

struct NameMatch {
  std::size_t start;  // byte offsets in the text
  std::size_t end;
  std::size_t entry;
  NameForm form;
};

class Gazetteer {
 public:
  // REQUIRES: `knowledge_base` outlives nothing here (its entities are copied).
  // kIo when a file cannot be read, kInvalidInput when one is not in the expected shape.
  static Result<Gazetteer> load(const KnowledgeGraph& knowledge_base,
                                const std::filesystem::path& gazetteer_dir,
                                const std::filesystem::path& iso_codes_dir);

  const GazetteerEntry& entry(std::size_t index) const { return entries_[index]; }
  std::size_t size() const { return entries_.size(); }

  // The names in text[start, end), longest first, without overlaps, left to right.
  std::vector<NameMatch> find(std::string_view text, std::size_t start, std::size_t end) const;

  // The entry a whole name denotes (as find() would read it alone), if any.
  std::optional<std::size_t> lookup(std::string_view name) const;

  // Adds an entity named only in the article (an organization introduced as "Full Name
  // (ACR)"); returns its index.
  std::size_t add_local(GazetteerEntry entry, const std::vector<std::string>& names);

 private:
  struct Surface {
    std::string text;  // as matched: lower case unless the form keeps case
    std::size_t entry;
    NameForm form;
    bool keep_case;
  };
  std::size_t add_entry(GazetteerEntry entry);
  void add_name(std::string_view name, std::size_t entry, NameForm form);

  std::vector<GazetteerEntry> entries_;
  // The first word of each name, lower case -> the names starting with it, longest first.
  std::unordered_map<std::string, std::vector<Surface>> by_first_word_;
};

}  // namespace orgkg::ingest

#endif  // ORGKG_INGEST_GAZETTEER_H_
