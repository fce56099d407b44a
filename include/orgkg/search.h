// Fuzzy lookup of entities by id, name or alias: exact, prefix, word and typo matches,
// ranked. Scans the names of every entity (not the facts): meant for interactive
// lookup. A pure function of a KnowledgeGraph.
#ifndef ORGKG_SEARCH_H_
#define ORGKG_SEARCH_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/graph.h"

namespace orgkg {

struct SearchMatch {
  EntityIndex entity;
  std::string matched;  // the id, name or alias that matched best
  // How well: 0 exact, 1 prefix, 2 a word of the name starts with the text, 3 the text
  // occurs inside, 4 + edit distance for a typo. Lower is better.
  std::size_t score;
};

// At most `limit` entities matching `text` (folded as names are), best first; ties by
// shorter matched name, then by id.
std::vector<SearchMatch> search_entities(const KnowledgeGraph& graph, std::string_view text,
                                         std::size_t limit);

}  // namespace orgkg

#endif  // ORGKG_SEARCH_H_
