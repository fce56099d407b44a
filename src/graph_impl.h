// What a KnowledgeGraph holds: the tables every question reads (graph_tables.h), where
// their bytes live (vectors, or a mapped snapshot), and, until finish_build(), the
// indexes that only building needs. Shared by graph.cpp (questions), graph_build.cpp
// (building) and snapshot.cpp. Private to src/.
#ifndef ORGKG_SRC_GRAPH_IMPL_H_
#define ORGKG_SRC_GRAPH_IMPL_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph_tables.h"
#include "orgkg/graph.h"

namespace orgkg::internal {

// Hashing for maps keyed by std::string that are searched with a std::string_view.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};
struct StringEqual {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, StringEqual>;

// The indexes of the build phase. Ids (of entities and of sources) are interned as
// symbols the first time anything names them, so that a fact may name an entity or a
// source that a later document defines; finish_build() resolves symbols to indexes.
struct BuildState {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  StringMap<std::uint32_t> symbols;
  std::vector<std::uint32_t> entity_of_symbol;  // kNone: no entity has this id (yet)
  std::vector<std::uint32_t> source_of_symbol;  // kNone: no source has this id (yet)
  StringMap<EntityIndex> by_folded_name;        // ids, names and aliases
  struct FoldedKey {
    std::string folded;
    EntityIndex entity;
    std::int32_t text;  // NameKeyRecord::kIdText, kNameText or an alias index
  };
  std::vector<FoldedKey> name_keys;
  std::vector<std::string> folded_name;  // per entity, for name ranks
  // Fact indexes by identity (open addressing; kNone marks a free slot).
  std::vector<std::uint32_t> identity_slots;
  // Whether merging moved some fact's citations to the end of the array (finish_build()
  // then puts every fact's citations back in fact order).
  bool citations_moved = false;

  std::uint32_t intern(std::string_view id);
  std::uint32_t find_symbol(std::string_view id) const;  // kNone when never named
};

}  // namespace orgkg::internal

namespace orgkg {

struct KnowledgeGraph::Impl {
  internal::TableStorage storage;            // the bytes of a graph built in memory
  std::shared_ptr<const void> mapped_bytes;  // or those of a mapped snapshot
  internal::GraphTables tables;              // views over one of the two
  GraphCounts counts;
  std::unique_ptr<internal::BuildState> build;  // until finish_build()

  // Points `tables` at `storage` again after it grew.
  void refresh_tables() { tables = storage.view(); }
};

}  // namespace orgkg

#endif  // ORGKG_SRC_GRAPH_IMPL_H_
