// The build phase of KnowledgeGraph: sources, entities and facts go into compact records
// as they come (ids interned, dates packed, strings in one arena, identical facts merged
// through a hash of their identity), and finish_build() turns them into the tables that
// questions read.
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <future>
#include <limits>
#include <numeric>
#include <utility>

#include "graph_impl.h"
#include "orgkg/graph.h"
#include "orgkg/names.h"

namespace orgkg {
namespace {

using internal::BuildState;
using internal::CitationRecord;
using internal::FactRecord;
using internal::GraphTables;
using internal::NameKeyRecord;
using internal::PackedDate;
using internal::StringRef;

using internal::pack;
using internal::unpack;

// The status that takes part in a fact's identity (fact_identity() in model.cpp): the
// effective status of a membership, nothing for other relations.
std::uint8_t identity_status(const FactRecord& fact) {
  if (static_cast<Relation>(fact.relation) != Relation::kMemberOf) return 0xff;
  return fact.has_status != 0 ? fact.status : static_cast<std::uint8_t>(MembershipStatus::kFull);
}

bool same_identity(const FactRecord& a, const FactRecord& b) {
  return a.subject == b.subject && a.object == b.object && a.relation == b.relation &&
         identity_status(a) == identity_status(b) && a.date == b.date && a.from == b.from &&
         a.until == b.until && a.at == b.at;
}

std::uint64_t mix(std::uint64_t hash, std::uint64_t value) {
  hash ^= value + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
  return hash * 0xff51afd7ed558ccdULL;
}

std::uint64_t identity_hash(const FactRecord& fact) {
  std::uint64_t hash = 0;
  hash = mix(hash, fact.subject);
  hash = mix(hash, fact.object);
  hash = mix(hash, (std::uint64_t{fact.relation} << 8) | identity_status(fact));
  hash = mix(hash, (std::uint64_t{fact.date} << 32) | fact.from);
  hash = mix(hash, (std::uint64_t{fact.until} << 32) | fact.at);
  return hash ^ (hash >> 29);
}

// A sort key for dates: first day, then precision (coarser first); absent dates first.
std::uint64_t date_key(const std::optional<PartialDate>& date) {
  if (!date) return 0;
  constexpr std::int64_t kBias = 800'000;  // more days than lie before 0001-01-01
  return static_cast<std::uint64_t>((date->span().first + kBias) * 4 +
                                    static_cast<int>(date->precision()) + 1);
}

// One end of a fact in its adjacency bucket, with the key it is ordered by there.
struct PlacedEnd {
  std::uint64_t key;  // the other entity's name rank, then the date
  FactIndex fact;
  friend bool operator<(const PlacedEnd& a, const PlacedEnd& b) {
    return a.key != b.key ? a.key < b.key : a.fact < b.fact;
  }
};

void count_date(GraphCounts& counts, const std::optional<PartialDate>& date) {
  if (!date) return;
  if (!counts.earliest || *date < *counts.earliest) counts.earliest = date;
  if (!counts.latest || *counts.latest < *date) counts.latest = date;
}

// Name ranks, and the orders that lookups search: entities by id, sources by id, folded
// names. Touches only entity and source tables and the string arena.
void order_names(BuildState& build, internal::TableStorage& storage) {
  const std::size_t entities = storage.entities.size();
  const auto text = [&storage](const StringRef& ref) {
    return std::string_view(storage.strings.data() + ref.offset, ref.size);
  };
  std::vector<EntityIndex> by_name(entities);
  std::iota(by_name.begin(), by_name.end(), EntityIndex{0});
  std::sort(by_name.begin(), by_name.end(), [&](EntityIndex a, EntityIndex b) {
    if (build.folded_name[a] != build.folded_name[b]) {
      return build.folded_name[a] < build.folded_name[b];
    }
    return text(storage.entities[a].id) < text(storage.entities[b].id);
  });
  storage.name_rank.assign(entities, 0);
  for (std::uint32_t rank = 0; rank < entities; ++rank) storage.name_rank[by_name[rank]] = rank;

  storage.entities_by_id.resize(entities);
  std::iota(storage.entities_by_id.begin(), storage.entities_by_id.end(), EntityIndex{0});
  std::sort(storage.entities_by_id.begin(), storage.entities_by_id.end(),
            [&](EntityIndex a, EntityIndex b) {
              return text(storage.entities[a].id) < text(storage.entities[b].id);
            });
  storage.sources_by_id.resize(storage.sources.size());
  std::iota(storage.sources_by_id.begin(), storage.sources_by_id.end(), std::uint32_t{0});
  std::sort(storage.sources_by_id.begin(), storage.sources_by_id.end(),
            [&](std::uint32_t a, std::uint32_t b) {
              return text(storage.sources[a].id) < text(storage.sources[b].id);
            });
  std::sort(build.name_keys.begin(), build.name_keys.end(),
            [](const BuildState::FoldedKey& a, const BuildState::FoldedKey& b) {
              return a.folded < b.folded;
            });
  storage.name_keys.clear();
  storage.name_keys.reserve(build.name_keys.size());
  for (const BuildState::FoldedKey& key : build.name_keys) {
    NameKeyRecord record;
    record.folded = storage.add_string(key.folded);
    record.entity = key.entity;
    record.text = key.text;
    storage.name_keys.push_back(record);
  }
}

// The adjacency index: a counting sort of every fact end into its (entity, block)
// bucket, then each bucket sorted by (other's name rank, date, fact), the buckets in two
// halves on two threads. REQUIRES: name ranks are set.
void build_links(internal::TableStorage& storage, const std::vector<std::uint64_t>& fact_date,
                 const std::vector<LinkValidity>& spans) {
  using FactLink = KnowledgeGraph::FactLink;
  const std::size_t entities = storage.entities.size();
  const std::size_t facts = storage.facts.size();
  storage.link_start.assign(entities * internal::kLinkBlocks + 1, 0);
  const auto bucket_of = [](EntityIndex entity, Relation relation, bool backward) {
    return entity * internal::kLinkBlocks + internal::link_block(relation, backward);
  };
  for (const FactRecord& fact : storage.facts) {
    if (fact.object == FactRecord::kNoObject) continue;
    const auto relation = static_cast<Relation>(fact.relation);
    ++storage.link_start[bucket_of(fact.subject, relation, false) + 1];
    ++storage.link_start[bucket_of(fact.object, relation, true) + 1];
  }
  std::partial_sum(storage.link_start.begin(), storage.link_start.end(),
                   storage.link_start.begin());
  std::vector<PlacedEnd> placed(storage.link_start.back());
  {
    std::vector<std::uint32_t> next(storage.link_start.begin(), storage.link_start.end() - 1);
    for (FactIndex f = 0; f < facts; ++f) {
      const FactRecord& fact = storage.facts[f];
      if (fact.object == FactRecord::kNoObject) continue;
      const auto relation = static_cast<Relation>(fact.relation);
      const auto key = [&](EntityIndex other) {
        return (std::uint64_t{storage.name_rank[other]} << 26) | fact_date[f];
      };
      placed[next[bucket_of(fact.subject, relation, false)]++] = {key(fact.object), f};
      placed[next[bucket_of(fact.object, relation, true)]++] = {key(fact.subject), f};
    }
  }
  storage.links.resize(placed.size());
  storage.link_others.resize(placed.size());
  const auto sort_buckets = [&](std::size_t first_bucket, std::size_t end_bucket) {
    for (std::size_t bucket = first_bucket; bucket < end_bucket; ++bucket) {
      const auto first = placed.begin() + storage.link_start[bucket];
      const auto last = placed.begin() + storage.link_start[bucket + 1];
      std::sort(first, last);
      const bool backward = bucket % internal::kLinkBlocks >= internal::kEntityRelations;
      for (auto end = first; end != last; ++end) {
        const FactRecord& fact = storage.facts[end->fact];
        const auto relation = static_cast<Relation>(fact.relation);
        const auto status = relation == Relation::kMemberOf && fact.has_status != 0
                                ? static_cast<MembershipStatus>(fact.status)
                                : MembershipStatus::kFull;
        storage.links[static_cast<std::size_t>(end - placed.begin())] = FactLink{
            end->fact, backward ? fact.subject : fact.object, spans[end->fact], status, relation};
      }
      // Each link's count of the links left in its pair, counted from the back.
      const std::size_t begin = storage.link_start[bucket];
      for (std::size_t i = storage.link_start[bucket + 1]; i-- > begin;) {
        const bool continued = i + 1 < storage.link_start[bucket + 1] &&
                               storage.links[i + 1].other == storage.links[i].other;
        const unsigned rest = continued ? storage.links[i + 1].pair_rest + 1u : 1u;
        storage.links[i].pair_rest = static_cast<std::uint8_t>(std::min(rest, 255u));
        storage.link_others[i] = storage.links[i].other;
      }
    }
  };
  // The bucket where half the links have gone by.
  const std::size_t buckets = storage.link_start.size() - 1;
  const std::size_t middle = static_cast<std::size_t>(
      std::upper_bound(storage.link_start.begin(), storage.link_start.end(), placed.size() / 2) -
      storage.link_start.begin());
  const std::size_t split = std::min(middle, buckets);
  std::future<void> first_half = std::async(std::launch::async, sort_buckets, 0, split);
  sort_buckets(split, buckets);
  first_half.get();
}

}  // namespace

namespace internal {

std::size_t IdTable::slot_of(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const Slot& at = slots_[slot];
    if (at.symbol == kNone || (at.hash == hash && text(at.symbol) == id)) return slot;
  }
}

void IdTable::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& moved : old) {
    if (moved.symbol == kNone) continue;
    std::size_t slot = moved.hash & mask;
    while (slots_[slot].symbol != kNone) slot = (slot + 1) & mask;
    slots_[slot] = moved;
  }
}

std::uint32_t IdTable::intern(std::string_view id) {
  if ((size() + 1) * 2 > slots_.size()) grow();
  const std::uint64_t hash = std::hash<std::string_view>{}(id);
  Slot& slot = slots_[slot_of(id, hash)];
  if (slot.symbol != kNone) return slot.symbol;
  slot = Slot{hash, static_cast<std::uint32_t>(size())};
  starts_.push_back(bytes_.size());
  sizes_.push_back(static_cast<std::uint32_t>(id.size()));
  bytes_.insert(bytes_.end(), id.begin(), id.end());
  return slot.symbol;
}

std::uint32_t IdTable::find(std::string_view id) const {
  if (slots_.empty()) return kNone;
  return slots_[slot_of(id, std::hash<std::string_view>{}(id))].symbol;
}

std::uint32_t BuildState::intern(std::string_view id) {
  const std::uint32_t symbol = ids.intern(id);
  if (symbol == entity_of_symbol.size()) {
    entity_of_symbol.push_back(kNone);
    source_of_symbol.push_back(kNone);
  }
  return symbol;
}

std::uint32_t BuildState::find_symbol(std::string_view id) const { return ids.find(id); }

}  // namespace internal

KnowledgeGraph::KnowledgeGraph() : impl_(std::make_unique<Impl>()) {
  impl_->build = std::make_unique<BuildState>();
}
KnowledgeGraph::KnowledgeGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
KnowledgeGraph::~KnowledgeGraph() = default;
KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&&) noexcept = default;
KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&&) noexcept = default;

bool KnowledgeGraph::is_built() const {
  const internal::TableStorage& storage = impl_->storage;
  return impl_->build == nullptr ||
         (storage.entities.empty() && storage.facts.empty() && storage.sources.empty());
}

bool KnowledgeGraph::add_source(const Source& source) {
  assert(impl_->build != nullptr);
  BuildState& build = *impl_->build;
  internal::TableStorage& storage = impl_->storage;
  const std::uint32_t symbol = build.intern(source.id);
  if (build.source_of_symbol[symbol] != BuildState::kNone) return false;
  build.source_of_symbol[symbol] = static_cast<std::uint32_t>(storage.sources.size());
  const auto optional_text = [&storage](const std::optional<std::string>& text) {
    return text ? storage.add_string(*text) : StringRef{};
  };
  internal::SourceRecord record;
  record.id = storage.add_string(source.id);
  record.title = optional_text(source.title);
  record.publisher = optional_text(source.publisher);
  record.url = optional_text(source.url);
  record.published = pack(source.published);
  storage.sources.push_back(record);
  impl_->refresh_tables();
  return true;
}

Result<EntityIndex> KnowledgeGraph::add_entity(const Entity& entity) {
  assert(impl_->build != nullptr);
  BuildState& build = *impl_->build;
  internal::TableStorage& storage = impl_->storage;
  const std::uint32_t existing_symbol = build.find_symbol(entity.id.value);
  if (existing_symbol != BuildState::kNone &&
      build.entity_of_symbol[existing_symbol] != BuildState::kNone) {
    return Status::invalid_input(fmt::format("entity id '{}' is already defined", entity.id.value));
  }
  // Every name the entity answers to, with its lookup key.
  const auto index = static_cast<EntityIndex>(storage.entities.size());
  std::vector<BuildState::FoldedKey> keys;
  // The name first: when an id or alias folds to the same key, the key keeps the name.
  keys.push_back({fold_name(entity.name), index, NameKeyRecord::kNameText});
  for (std::size_t i = 0; i < entity.aliases.size(); ++i) {
    keys.push_back({fold_name(entity.aliases[i]), index, static_cast<std::int32_t>(i)});
  }
  keys.push_back({fold_name(entity.id.value), index, NameKeyRecord::kIdText});
  for (const BuildState::FoldedKey& key : keys) {
    const auto it = build.by_folded_name.find(key.folded);
    if (it != build.by_folded_name.end()) {
      const internal::EntityRecord& other = storage.entities[it->second];
      const GraphTables& tables = impl_->tables;
      const std::string_view text = key.text == NameKeyRecord::kIdText ? entity.id.value
                                    : key.text == NameKeyRecord::kNameText
                                        ? entity.name
                                        : entity.aliases[key.text];
      return Status::invalid_input(fmt::format(
          "'{}' already names entity '{}' ({}); an id, name or alias must name one entity", text,
          tables.text(other.id), tables.text(other.name)));
    }
  }
  for (BuildState::FoldedKey& key : keys) {
    if (build.by_folded_name.emplace(key.folded, index).second) {
      build.name_keys.push_back(std::move(key));
    }
  }
  build.folded_name.push_back(fold_name(entity.name));
  build.entity_of_symbol[build.intern(entity.id.value)] = index;

  internal::EntityRecord record;
  record.id = storage.add_string(entity.id.value);
  record.name = storage.add_string(entity.name);
  record.kind = static_cast<std::uint8_t>(entity.kind);
  record.first_alias = static_cast<std::uint32_t>(storage.aliases.size());
  record.alias_count = static_cast<std::uint32_t>(entity.aliases.size());
  for (const std::string& alias : entity.aliases)
    storage.aliases.push_back(storage.add_string(alias));
  record.first_code = static_cast<std::uint32_t>(storage.codes.size());
  record.code_count = static_cast<std::uint32_t>(entity.codes.size());
  for (const Code& code : entity.codes) {
    internal::CodeRecord stored;
    stored.scheme = storage.add_string(code.scheme);
    stored.value = storage.add_string(code.value);
    stored.is_number = code.is_number ? 1 : 0;
    storage.codes.push_back(stored);
  }
  storage.entities.push_back(record);
  ++impl_->counts.entities_by_kind[static_cast<std::size_t>(entity.kind)];
  impl_->refresh_tables();
  return index;
}

KnowledgeGraph::AddedFact KnowledgeGraph::add_fact(const Fact& fact) {
  assert(impl_->build != nullptr);
  BuildState& build = *impl_->build;
  internal::TableStorage& storage = impl_->storage;
  assert(storage.facts.size() < (std::uint32_t{1} << 31));  // links are counted in 32 bits

  FactRecord record;
  record.subject = build.intern(fact.subject.value);
  record.object = fact.object ? build.intern(fact.object->value) : FactRecord::kNoObject;
  record.relation = static_cast<std::uint8_t>(fact.relation);
  record.has_status = fact.status ? 1 : 0;
  record.status = static_cast<std::uint8_t>(fact.status.value_or(MembershipStatus::kFull));
  record.date = pack(fact.date);
  record.from = pack(fact.validity.from);
  record.until = pack(fact.validity.until);
  record.at = pack(fact.validity.at);

  const auto citation_record = [&](const Citation& citation) {
    CitationRecord stored;
    stored.source = build.intern(citation.source);
    if (citation.quote) stored.quote = storage.add_string(*citation.quote);
    stored.has_offset_start = citation.offset_start ? 1 : 0;
    stored.has_offset_end = citation.offset_end ? 1 : 0;
    stored.offset_start = citation.offset_start.value_or(0);
    stored.offset_end = citation.offset_end.value_or(0);
    return stored;
  };

  // Find the identical fact, growing the table at half load. A slot's tag (hash bits)
  // spares reading the facts that merely share a bucket.
  std::vector<std::uint64_t>& slots = build.identity_slots;
  if ((storage.facts.size() + 1) * 2 > slots.size()) {
    std::vector<std::uint64_t> grown(std::max<std::size_t>(1024, slots.size() * 2),
                                     BuildState::kFreeSlot);
    for (const std::uint64_t moved : slots) {
      if (moved == BuildState::kFreeSlot) continue;
      std::size_t slot = (moved >> 32) & (grown.size() - 1);
      while (grown[slot] != BuildState::kFreeSlot) slot = (slot + 1) & (grown.size() - 1);
      grown[slot] = moved;
    }
    slots = std::move(grown);
  }
  const auto tag = static_cast<std::uint32_t>(identity_hash(record));
  std::size_t slot = tag & (slots.size() - 1);
  for (; slots[slot] != BuildState::kFreeSlot; slot = (slot + 1) & (slots.size() - 1)) {
    if (static_cast<std::uint32_t>(slots[slot] >> 32) == tag &&
        same_identity(storage.facts[static_cast<std::uint32_t>(slots[slot])], record)) {
      break;
    }
  }

  if (slots[slot] != BuildState::kFreeSlot) {
    const auto kept_index = static_cast<FactIndex>(slots[slot]);
    FactRecord& kept = storage.facts[kept_index];
    const GraphTables& tables = impl_->tables;
    const auto same_citation = [&](const CitationRecord& a, const Citation& b) {
      if (a.source != build.find_symbol(b.source)) return false;
      if (a.quote.present() != b.quote.has_value()) return false;
      if (b.quote && tables.text(a.quote) != *b.quote) return false;
      return (a.has_offset_start != 0) == b.offset_start.has_value() &&
             (a.has_offset_end != 0) == b.offset_end.has_value() &&
             a.offset_start == b.offset_start.value_or(0) &&
             a.offset_end == b.offset_end.value_or(0);
    };
    std::vector<Citation> added;
    for (const Citation& citation : fact.sources) {
      const auto first = storage.citations.begin() + kept.first_citation;
      const bool known =
          std::any_of(first, first + kept.citation_count,
                      [&](const CitationRecord& c) { return same_citation(c, citation); });
      if (known || std::find(added.begin(), added.end(), citation) != added.end()) continue;
      added.push_back(citation);
    }
    if (!added.empty()) {
      // A fact's citations stay contiguous: move them to the end unless they are there.
      if (kept.first_citation + kept.citation_count != storage.citations.size()) {
        const std::size_t moved_to = storage.citations.size();
        for (std::uint32_t c = 0; c < kept.citation_count; ++c) {
          storage.citations.push_back(storage.citations[kept.first_citation + c]);
        }
        kept.first_citation = static_cast<std::uint32_t>(moved_to);
        build.citations_moved = true;
      }
      for (const Citation& citation : added) storage.citations.push_back(citation_record(citation));
      kept.citation_count += static_cast<std::uint32_t>(added.size());
    }
    const bool note_added = !kept.note.present() && fact.note;
    if (note_added) kept.note = storage.add_string(*fact.note);
    ++impl_->counts.merged_facts;
    impl_->refresh_tables();
    return {kept_index, true, std::move(added), note_added};
  }

  const auto index = static_cast<FactIndex>(storage.facts.size());
  record.first_citation = static_cast<std::uint32_t>(storage.citations.size());
  record.citation_count = static_cast<std::uint32_t>(fact.sources.size());
  for (const Citation& citation : fact.sources)
    storage.citations.push_back(citation_record(citation));
  if (fact.note) record.note = storage.add_string(*fact.note);
  storage.facts.push_back(record);
  slots[slot] = (std::uint64_t{tag} << 32) | index;

  GraphCounts& counts = impl_->counts;
  ++counts.facts_by_relation[static_cast<std::size_t>(fact.relation)];
  if (fact.relation == Relation::kMemberOf) {
    ++counts.memberships_by_status[static_cast<std::size_t>(fact.effective_status())];
  }
  for (const auto* date :
       {&fact.date, &fact.validity.from, &fact.validity.until, &fact.validity.at}) {
    count_date(counts, *date);
  }
  impl_->refresh_tables();
  return {index, false, {}, false};
}

bool KnowledgeGraph::has_unresolved_references() const {
  if (impl_->build == nullptr) return false;
  const BuildState& build = *impl_->build;
  const internal::TableStorage& storage = impl_->storage;
  const auto is_entity = [&build](std::uint32_t symbol) {
    return build.entity_of_symbol[symbol] != BuildState::kNone;
  };
  for (const FactRecord& fact : storage.facts) {
    if (!is_entity(fact.subject)) return true;
    if (fact.object != FactRecord::kNoObject && !is_entity(fact.object)) return true;
    for (std::uint32_t c = 0; c < fact.citation_count; ++c) {
      const std::uint32_t source = storage.citations[fact.first_citation + c].source;
      if (build.source_of_symbol[source] == BuildState::kNone) return true;
    }
  }
  return false;
}

void KnowledgeGraph::finish_build() {
  assert(impl_->build != nullptr);
  assert(!has_unresolved_references());
  Impl& impl = *impl_;
  BuildState& build = *impl.build;
  internal::TableStorage& storage = impl.storage;
  const std::size_t entities = storage.entities.size();
  const std::size_t facts = storage.facts.size();

  // References: symbols become indexes; citations are laid out in fact order.
  for (FactRecord& fact : storage.facts) {
    fact.subject = build.entity_of_symbol[fact.subject];
    if (fact.object != FactRecord::kNoObject) fact.object = build.entity_of_symbol[fact.object];
  }
  if (build.citations_moved) {
    std::vector<CitationRecord> ordered;
    ordered.reserve(storage.citations.size());
    for (FactRecord& fact : storage.facts) {
      const auto first = storage.citations.begin() + fact.first_citation;
      fact.first_citation = static_cast<std::uint32_t>(ordered.size());
      ordered.insert(ordered.end(), first, first + fact.citation_count);
    }
    storage.citations = std::move(ordered);
  }
  for (CitationRecord& citation : storage.citations) {
    citation.source = build.source_of_symbol[citation.source];
  }
  impl.refresh_tables();

  // Two independent pieces of work side by side: the orders of names and ids (over
  // entities and sources), and each fact's date key and validity spans.
  std::vector<std::uint64_t> fact_date(facts);
  std::vector<LinkValidity> spans(facts);
  std::future<void> names =
      std::async(std::launch::async, [&build, &storage] { order_names(build, storage); });
  for (FactIndex f = 0; f < facts; ++f) {
    const FactRecord& fact = storage.facts[f];
    Validity validity{unpack(fact.from), unpack(fact.until), unpack(fact.at)};
    std::optional<PartialDate> sort_date = validity.from    ? validity.from
                                           : validity.at    ? validity.at
                                           : fact.date != 0 ? unpack(fact.date)
                                                            : validity.until;
    fact_date[f] = date_key(sort_date);
    if (fact.object != FactRecord::kNoObject) {
      spans[f] = LinkValidity::of(ValiditySpans::of(validity));
    }
  }
  names.get();
  build_links(storage, fact_date, spans);
  spans = {};

  // Events: each entity's in date order (stable: equal dates keep the order of addition).
  storage.event_start.assign(entities + 1, 0);
  for (const FactRecord& fact : storage.facts) {
    if (fact.object == FactRecord::kNoObject) ++storage.event_start[fact.subject + 1];
  }
  std::partial_sum(storage.event_start.begin(), storage.event_start.end(),
                   storage.event_start.begin());
  storage.events.resize(storage.event_start.back());
  {
    std::vector<std::uint32_t> next(storage.event_start.begin(), storage.event_start.end() - 1);
    for (FactIndex f = 0; f < facts; ++f) {
      const FactRecord& fact = storage.facts[f];
      if (fact.object == FactRecord::kNoObject) storage.events[next[fact.subject]++] = f;
    }
  }
  for (EntityIndex e = 0; e < entities; ++e) {
    std::stable_sort(
        storage.events.begin() + storage.event_start[e],
        storage.events.begin() + storage.event_start[e + 1],
        [&fact_date](FactIndex a, FactIndex b) { return fact_date[a] < fact_date[b]; });
  }

  // Counts in their stored form.
  storage.counts.assign(1, internal::counts_record(impl.counts));

  impl.build.reset();
  impl.refresh_tables();
}

}  // namespace orgkg
