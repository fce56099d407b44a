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

// Ids interned as dense symbols 0, 1, …: an open-addressing table of (hash, symbol) over
// one arena of the ids' bytes. (A node-based map of strings costs a cache miss or two per
// lookup, and a load asks for three ids per fact.)
class IdTable {
 public:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

  // The symbol of `id`, new if it was never interned.
  std::uint32_t intern(std::string_view id);
  // The symbol of `id`, or kNone.
  std::uint32_t find(std::string_view id) const;
  std::size_t size() const { return starts_.size(); }

 private:
  std::string_view text(std::uint32_t symbol) const {
    return std::string_view(bytes_.data() + starts_[symbol], sizes_[symbol]);
  }
  // The slot holding `id` or the free slot where it would go.
  std::size_t slot_of(std::string_view id, std::uint64_t hash) const;
  void grow();

  std::vector<char> bytes_;
  std::vector<std::size_t> starts_;
  std::vector<std::uint32_t> sizes_;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t symbol = kNone;  // kNone: free
  };
  std::vector<Slot> slots_;  // a power of two, at most half full
};

// The indexes of the build phase. Ids (of entities and of sources) are interned as
// symbols the first time anything names them, so that a fact may name an entity or a
// source that a later document defines; finish_build() resolves symbols to indexes.
struct BuildState {
  static constexpr std::uint32_t kNone = IdTable::kNone;

  IdTable ids;
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
  // Fact indexes by identity (open addressing): the high 32 bits of a slot are bits of
  // the identity's hash, the low 32 the fact index; kFreeSlot marks a free slot.
  static constexpr std::uint64_t kFreeSlot = std::numeric_limits<std::uint64_t>::max();
  std::vector<std::uint64_t> identity_slots;
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

namespace internal {

// How the snapshot reads a graph's tables and makes a graph of mapped ones.
struct GraphAccess {
  // REQUIRES: graph.is_built()
  static const GraphTables& tables(const KnowledgeGraph& graph) { return graph.impl_->tables; }
  // A built graph answering from `tables`, whose bytes `owner` keeps alive.
  static KnowledgeGraph over(std::shared_ptr<const void> owner, const GraphTables& tables);
};

}  // namespace internal

}  // namespace orgkg

#endif  // ORGKG_SRC_GRAPH_IMPL_H_
