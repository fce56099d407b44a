// The query-phase form of a KnowledgeGraph: flat arrays of fixed-size records and one
// arena of string bytes, with no pointers inside. The same bytes serve a graph built from
// JSON (the arrays live in vectors) and a graph mapped from a snapshot (the arrays live
// in the mapped file), so every question runs the same code on either. Private to src/.
//
// Every record is trivially copyable, has fixed-width fields only and spells out its
// padding, so that a snapshot is the arrays written as they are and reads back as they
// were, byte for byte.
#ifndef ORGKG_SRC_GRAPH_TABLES_H_
#define ORGKG_SRC_GRAPH_TABLES_H_

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "orgkg/graph.h"

namespace orgkg::internal {

// Bytes [offset, offset + size) of the string arena; `size == kAbsent` for a missing
// optional string.
struct StringRef {
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();
  std::uint64_t offset = 0;
  std::uint32_t size = kAbsent;
  std::uint32_t padding = 0;

  bool present() const { return size != kAbsent; }
};

// A PartialDate in 32 bits (PartialDate::packed()); 0 when there is no date.
using PackedDate = std::uint32_t;

inline PackedDate pack(const std::optional<PartialDate>& date) { return date ? date->packed() : 0; }
inline std::optional<PartialDate> unpack(PackedDate date) {
  if (date == 0) return std::nullopt;
  return PartialDate::unpack(date);
}

struct EntityRecord {
  StringRef id;
  StringRef name;
  std::uint32_t first_alias = 0;  // into GraphTables::aliases
  std::uint32_t alias_count = 0;
  std::uint32_t first_code = 0;  // into GraphTables::codes
  std::uint32_t code_count = 0;
  std::uint8_t kind = 0;  // EntityKind
  std::uint8_t padding[7] = {};
};

struct CodeRecord {
  StringRef scheme;
  StringRef value;
  std::uint8_t is_number = 0;
  std::uint8_t padding[7] = {};
};

struct SourceRecord {
  StringRef id;
  StringRef title;
  StringRef publisher;
  StringRef url;
  PackedDate published = 0;
  std::uint32_t padding = 0;
};

// Subject and object are entity indexes once the graph is built; while it is being built
// they are symbols of the builder's id table (graph_builder.h), resolved at the end.
struct FactRecord {
  static constexpr std::uint32_t kNoObject = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t subject = 0;
  std::uint32_t object = kNoObject;  // events have none
  std::uint32_t first_citation = 0;  // into GraphTables::citations
  std::uint32_t citation_count = 0;
  StringRef note;
  PackedDate date = 0;
  PackedDate from = 0;
  PackedDate until = 0;
  PackedDate at = 0;
  std::uint8_t relation = 0;  // Relation
  std::uint8_t status = 0;    // MembershipStatus, when has_status
  std::uint8_t has_status = 0;
  std::uint8_t padding[5] = {};
};

// Like facts, `source` is a source index once built, a symbol while building.
struct CitationRecord {
  std::uint32_t source = 0;
  std::uint8_t has_offset_start = 0;
  std::uint8_t has_offset_end = 0;
  std::uint8_t padding[2] = {};
  StringRef quote;
  std::uint64_t offset_start = 0;
  std::uint64_t offset_end = 0;
};

// One lookup key: a folded id, name or alias (its bytes in the arena), its entity, and
// which of the entity's texts it folds from.
struct NameKeyRecord {
  static constexpr std::int32_t kIdText = -2;
  static constexpr std::int32_t kNameText = -1;  // aliases are 0, 1, …
  StringRef folded;
  std::uint32_t entity = 0;
  std::int32_t text = kNameText;
};

// GraphCounts in fixed-width fields.
struct CountsRecord {
  std::uint64_t entities_by_kind[6] = {};
  std::uint64_t facts_by_relation[11] = {};
  std::uint64_t memberships_by_status[6] = {};
  std::uint64_t merged_facts = 0;
  PackedDate earliest = 0;
  PackedDate latest = 0;
};

// GraphCounts to and from their stored form.
inline CountsRecord counts_record(const GraphCounts& counts) {
  CountsRecord record;
  std::copy(std::begin(counts.entities_by_kind), std::end(counts.entities_by_kind),
            std::begin(record.entities_by_kind));
  std::copy(std::begin(counts.facts_by_relation), std::end(counts.facts_by_relation),
            std::begin(record.facts_by_relation));
  std::copy(std::begin(counts.memberships_by_status), std::end(counts.memberships_by_status),
            std::begin(record.memberships_by_status));
  record.merged_facts = counts.merged_facts;
  record.earliest = pack(counts.earliest);
  record.latest = pack(counts.latest);
  return record;
}

inline GraphCounts graph_counts(const CountsRecord& record) {
  GraphCounts counts;
  std::copy(std::begin(record.entities_by_kind), std::end(record.entities_by_kind),
            std::begin(counts.entities_by_kind));
  std::copy(std::begin(record.facts_by_relation), std::end(record.facts_by_relation),
            std::begin(counts.facts_by_relation));
  std::copy(std::begin(record.memberships_by_status), std::end(record.memberships_by_status),
            std::begin(counts.memberships_by_status));
  counts.merged_facts = record.merged_facts;
  counts.earliest = unpack(record.earliest);
  counts.latest = unpack(record.latest);
  return counts;
}

// The adjacency index: an entity's ends of entity-relation facts come in kLinkBlocks
// consecutive blocks, one per (direction, relation): block `relation` holds the facts it
// is the subject of, block kEntityRelations + relation those it is the object of. Entity
// e's block b is links[link_start[e * kLinkBlocks + b] .. link_start[e * kLinkBlocks + b
// + 1]], ordered by the other entity's name rank, then date, then fact index.
inline constexpr std::size_t kEntityRelations = 7;  // member_of … led_by
inline constexpr std::size_t kLinkBlocks = 2 * kEntityRelations;

inline std::size_t link_block(Relation relation, bool backward) {
  return static_cast<std::size_t>(relation) + (backward ? kEntityRelations : 0);
}

// The arrays themselves, as views: into a TableStorage or into a mapped snapshot.
struct GraphTables {
  std::span<const char> strings;
  std::span<const EntityRecord> entities;
  std::span<const StringRef> aliases;
  std::span<const CodeRecord> codes;
  std::span<const SourceRecord> sources;
  std::span<const FactRecord> facts;
  std::span<const CitationRecord> citations;
  std::span<const std::uint32_t> link_start;  // entities * kLinkBlocks + 1 (or empty)
  std::span<const KnowledgeGraph::FactLink> links;
  std::span<const EntityIndex> link_others;      // links[i].other, alone (for fast walks)
  std::span<const std::uint32_t> event_start;    // entities + 1 (or empty)
  std::span<const FactIndex> events;             // each entity's events in date order
  std::span<const std::uint32_t> name_rank;      // per entity
  std::span<const EntityIndex> entities_by_id;   // entity indexes ordered by id bytes
  std::span<const std::uint32_t> sources_by_id;  // source indexes ordered by id bytes
  std::span<const NameKeyRecord> name_keys;      // ordered by folded bytes
  std::span<const CountsRecord> counts;          // exactly one once built

  std::string_view text(const StringRef& ref) const {
    return std::string_view(strings.data() + ref.offset, ref.size);
  }
};

// Owned arrays behind a GraphTables (a graph built in memory).
struct TableStorage {
  std::vector<char> strings;
  std::vector<EntityRecord> entities;
  std::vector<StringRef> aliases;
  std::vector<CodeRecord> codes;
  std::vector<SourceRecord> sources;
  std::vector<FactRecord> facts;
  std::vector<CitationRecord> citations;
  std::vector<std::uint32_t> link_start;
  std::vector<KnowledgeGraph::FactLink> links;
  std::vector<EntityIndex> link_others;
  std::vector<std::uint32_t> event_start;
  std::vector<FactIndex> events;
  std::vector<std::uint32_t> name_rank;
  std::vector<EntityIndex> entities_by_id;
  std::vector<std::uint32_t> sources_by_id;
  std::vector<NameKeyRecord> name_keys;
  std::vector<CountsRecord> counts;

  // Appends `text` to the arena; returns where it went.
  StringRef add_string(std::string_view text) {
    StringRef ref;
    ref.offset = strings.size();
    ref.size = static_cast<std::uint32_t>(text.size());
    strings.insert(strings.end(), text.begin(), text.end());
    return ref;
  }

  GraphTables view() const {
    return GraphTables{strings,   entities,       aliases,       codes,       sources,     facts,
                       citations, link_start,     links,         link_others, event_start, events,
                       name_rank, entities_by_id, sources_by_id, name_keys,   counts};
  }
};

// Checks that every record type can be written and read back as raw bytes.
template <typename... Records>
constexpr bool all_raw_records() {
  return ((std::is_trivially_copyable_v<Records> &&
           std::has_unique_object_representations_v<Records>)&&...);
}
static_assert(all_raw_records<StringRef, EntityRecord, CodeRecord, SourceRecord, FactRecord,
                              CitationRecord, NameKeyRecord, CountsRecord>());
static_assert(std::has_unique_object_representations_v<KnowledgeGraph::FactLink> &&
              sizeof(KnowledgeGraph::FactLink) == 32);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_GRAPH_TABLES_H_
