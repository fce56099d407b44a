// The query phase of KnowledgeGraph: every call reads the flat tables of graph_tables.h,
// whether they were built in memory (graph_build.cpp) or mapped from a snapshot.
#include "orgkg/graph.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <memory>

#include "graph_impl.h"
#include "link_graph.h"
#include "orgkg/names.h"

namespace orgkg {
namespace {

using internal::BuildState;
using internal::FactRecord;
using internal::GraphTables;
using internal::NameKeyRecord;

using internal::unpack;

std::optional<std::string> optional_text(const GraphTables& tables,
                                         const internal::StringRef& ref) {
  if (!ref.present()) return std::nullopt;
  return std::string(tables.text(ref));
}

Source source_of(const GraphTables& tables, std::uint32_t index) {
  const internal::SourceRecord& record = tables.sources[index];
  return Source{std::string(tables.text(record.id)), optional_text(tables, record.title),
                optional_text(tables, record.publisher), unpack(record.published),
                optional_text(tables, record.url)};
}

// Binary search of `order` (indexes sorted by the bytes `key_of` gives) for `wanted`.
template <typename KeyOf>
std::optional<std::uint32_t> search_sorted(std::span<const std::uint32_t> order,
                                           std::string_view wanted, KeyOf key_of) {
  const auto found = std::lower_bound(
      order.begin(), order.end(), wanted,
      [&key_of](std::uint32_t index, std::string_view text) { return key_of(index) < text; });
  if (found == order.end() || key_of(*found) != wanted) return std::nullopt;
  return *found;
}

}  // namespace

std::size_t KnowledgeGraph::entity_count() const { return impl_->tables.entities.size(); }
std::size_t KnowledgeGraph::fact_count() const { return impl_->tables.facts.size(); }
std::size_t KnowledgeGraph::source_count() const { return impl_->tables.sources.size(); }

Entity KnowledgeGraph::entity(EntityIndex index) const {
  const GraphTables& tables = impl_->tables;
  assert(index < tables.entities.size());
  const internal::EntityRecord& record = tables.entities[index];
  Entity entity;
  entity.id.value = tables.text(record.id);
  entity.kind = static_cast<EntityKind>(record.kind);
  entity.name = tables.text(record.name);
  for (std::uint32_t i = 0; i < record.alias_count; ++i) {
    entity.aliases.emplace_back(tables.text(tables.aliases[record.first_alias + i]));
  }
  for (std::uint32_t i = 0; i < record.code_count; ++i) {
    const internal::CodeRecord& code = tables.codes[record.first_code + i];
    entity.codes.push_back(Code{std::string(tables.text(code.scheme)),
                                std::string(tables.text(code.value)), code.is_number != 0});
  }
  return entity;
}

std::string_view KnowledgeGraph::entity_id(EntityIndex index) const {
  assert(index < impl_->tables.entities.size());
  return impl_->tables.text(impl_->tables.entities[index].id);
}

std::string_view KnowledgeGraph::entity_name(EntityIndex index) const {
  assert(index < impl_->tables.entities.size());
  return impl_->tables.text(impl_->tables.entities[index].name);
}

EntityKind KnowledgeGraph::entity_kind(EntityIndex index) const {
  assert(index < impl_->tables.entities.size());
  return static_cast<EntityKind>(impl_->tables.entities[index].kind);
}

Fact KnowledgeGraph::fact(FactIndex index) const {
  assert(is_built() && index < fact_count());
  const GraphTables& tables = impl_->tables;
  const FactRecord& record = tables.facts[index];
  Fact fact;
  fact.subject.value = entity_id(record.subject);
  fact.relation = static_cast<Relation>(record.relation);
  if (record.object != FactRecord::kNoObject)
    fact.object = EntityId{std::string(entity_id(record.object))};
  if (record.has_status != 0) fact.status = static_cast<MembershipStatus>(record.status);
  fact.date = unpack(record.date);
  fact.validity = validity_of(index);
  fact.sources.reserve(record.citation_count);
  for (std::uint32_t c = 0; c < record.citation_count; ++c) {
    const internal::CitationRecord& citation = tables.citations[record.first_citation + c];
    Citation copy;
    copy.source = tables.text(tables.sources[citation.source].id);
    copy.quote = optional_text(tables, citation.quote);
    if (citation.has_offset_start != 0) copy.offset_start = citation.offset_start;
    if (citation.has_offset_end != 0) copy.offset_end = citation.offset_end;
    fact.sources.push_back(std::move(copy));
  }
  fact.note = optional_text(tables, record.note);
  return fact;
}

Relation KnowledgeGraph::relation_of(FactIndex index) const {
  assert(index < fact_count());
  return static_cast<Relation>(impl_->tables.facts[index].relation);
}

MembershipStatus KnowledgeGraph::status_of(FactIndex index) const {
  assert(index < fact_count());
  const FactRecord& record = impl_->tables.facts[index];
  if (static_cast<Relation>(record.relation) != Relation::kMemberOf || record.has_status == 0) {
    return MembershipStatus::kFull;
  }
  return static_cast<MembershipStatus>(record.status);
}

Validity KnowledgeGraph::validity_of(FactIndex index) const {
  assert(index < fact_count());
  const FactRecord& record = impl_->tables.facts[index];
  return Validity{unpack(record.from), unpack(record.until), unpack(record.at)};
}

std::optional<PartialDate> KnowledgeGraph::event_date_of(FactIndex index) const {
  assert(index < fact_count());
  return unpack(impl_->tables.facts[index].date);
}

std::optional<PartialDate> KnowledgeGraph::sort_date_of(FactIndex index) const {
  assert(index < fact_count());
  const FactRecord& record = impl_->tables.facts[index];
  for (const internal::PackedDate date : {record.from, record.at, record.date, record.until}) {
    if (date != 0) return unpack(date);
  }
  return std::nullopt;
}

std::vector<std::string_view> KnowledgeGraph::cited_source_ids(FactIndex index) const {
  assert(is_built() && index < fact_count());
  const GraphTables& tables = impl_->tables;
  const FactRecord& record = tables.facts[index];
  std::vector<std::string_view> ids;
  ids.reserve(record.citation_count);
  for (std::uint32_t c = 0; c < record.citation_count; ++c) {
    ids.push_back(
        tables.text(tables.sources[tables.citations[record.first_citation + c].source].id));
  }
  return ids;
}

EntityIndex KnowledgeGraph::subject_of(FactIndex index) const {
  assert(is_built() && index < fact_count());
  return impl_->tables.facts[index].subject;
}

std::optional<EntityIndex> KnowledgeGraph::object_of(FactIndex index) const {
  assert(is_built() && index < fact_count());
  const std::uint32_t object = impl_->tables.facts[index].object;
  if (object == FactRecord::kNoObject) return std::nullopt;
  return object;
}

std::uint32_t KnowledgeGraph::name_rank(EntityIndex index) const {
  assert(is_built() && index < impl_->tables.name_rank.size());
  return impl_->tables.name_rank[index];
}

std::optional<EntityIndex> KnowledgeGraph::find_id(std::string_view id) const {
  if (const BuildState* build = impl_->build.get()) {
    const std::uint32_t symbol = build->find_symbol(id);
    if (symbol == BuildState::kNone || build->entity_of_symbol[symbol] == BuildState::kNone) {
      return std::nullopt;
    }
    return build->entity_of_symbol[symbol];
  }
  return search_sorted(impl_->tables.entities_by_id, id,
                       [this](std::uint32_t index) { return entity_id(index); });
}

std::optional<EntityIndex> KnowledgeGraph::find_name(std::string_view name) const {
  const std::string folded = fold_name(name);
  if (const BuildState* build = impl_->build.get()) {
    const auto found = build->by_folded_name.find(folded);
    if (found == build->by_folded_name.end()) return std::nullopt;
    return found->second;
  }
  const GraphTables& tables = impl_->tables;
  const auto found =
      std::lower_bound(tables.name_keys.begin(), tables.name_keys.end(), std::string_view(folded),
                       [&tables](const NameKeyRecord& key, std::string_view text) {
                         return tables.text(key.folded) < text;
                       });
  if (found == tables.name_keys.end() || tables.text(found->folded) != folded) return std::nullopt;
  return found->entity;
}

std::optional<EntityIndex> KnowledgeGraph::closest_entity(std::string_view name) const {
  const GraphTables& tables = impl_->tables;
  std::vector<std::string_view> candidates;
  std::vector<EntityIndex> owners;
  for (EntityIndex index = 0; index < tables.entities.size(); ++index) {
    const internal::EntityRecord& entity = tables.entities[index];
    // Names first: on a tie, the entity named as the user would write it wins.
    candidates.push_back(tables.text(entity.name));
    for (std::uint32_t i = 0; i < entity.alias_count; ++i) {
      candidates.push_back(tables.text(tables.aliases[entity.first_alias + i]));
    }
    candidates.push_back(tables.text(entity.id));
    owners.resize(candidates.size(), index);
  }
  const std::optional<std::size_t> best = closest_index(name, candidates);
  if (!best) return std::nullopt;
  return owners[*best];
}

void KnowledgeGraph::for_each_name(const std::function<void(const NameKey&)>& visit) const {
  const GraphTables& tables = impl_->tables;
  const auto text_of = [&tables](EntityIndex entity, std::int32_t which) {
    const internal::EntityRecord& record = tables.entities[entity];
    if (which == NameKeyRecord::kIdText) return tables.text(record.id);
    if (which == NameKeyRecord::kNameText) return tables.text(record.name);
    return tables.text(tables.aliases[record.first_alias + static_cast<std::uint32_t>(which)]);
  };
  if (const BuildState* build = impl_->build.get()) {
    for (const BuildState::FoldedKey& key : build->name_keys) {
      visit(NameKey{key.folded, key.entity, text_of(key.entity, key.text)});
    }
    return;
  }
  for (const NameKeyRecord& key : tables.name_keys) {
    visit(NameKey{tables.text(key.folded), key.entity, text_of(key.entity, key.text)});
  }
}

std::optional<Source> KnowledgeGraph::find_source(std::string_view id) const {
  const GraphTables& tables = impl_->tables;
  if (const BuildState* build = impl_->build.get()) {
    const std::uint32_t symbol = build->find_symbol(id);
    if (symbol == BuildState::kNone || build->source_of_symbol[symbol] == BuildState::kNone) {
      return std::nullopt;
    }
    return source_of(tables, build->source_of_symbol[symbol]);
  }
  const std::optional<std::uint32_t> index =
      search_sorted(tables.sources_by_id, id,
                    [&tables](std::uint32_t s) { return tables.text(tables.sources[s].id); });
  if (!index) return std::nullopt;
  return source_of(tables, *index);
}

std::vector<Source> KnowledgeGraph::sources() const {
  std::vector<Source> all;
  all.reserve(source_count());
  for (std::uint32_t s = 0; s < source_count(); ++s) all.push_back(source_of(impl_->tables, s));
  return all;
}

namespace {

// `entity`'s block of links of one relation and direction: the part of `all` (the links
// or their other ends) it spans.
template <typename T>
std::span<const T> link_block_of(const GraphTables& tables, std::span<const T> all,
                                 EntityIndex entity, Relation relation, bool backward) {
  const std::size_t block =
      entity * internal::kLinkBlocks + internal::link_block(relation, backward);
  return all.subspan(tables.link_start[block],
                     tables.link_start[block + 1] - tables.link_start[block]);
}

}  // namespace

std::span<const KnowledgeGraph::FactLink> KnowledgeGraph::links_into(EntityIndex index,
                                                                     Relation relation) const {
  assert(is_built() && index < entity_count() && !is_event(relation));
  return link_block_of(impl_->tables, impl_->tables.links, index, relation, true);
}

std::span<const KnowledgeGraph::FactLink> KnowledgeGraph::links_from(EntityIndex index,
                                                                     Relation relation) const {
  assert(is_built() && index < entity_count() && !is_event(relation));
  return link_block_of(impl_->tables, impl_->tables.links, index, relation, false);
}

std::span<const EntityIndex> KnowledgeGraph::others_from(EntityIndex index,
                                                         Relation relation) const {
  assert(is_built() && index < entity_count() && !is_event(relation));
  return link_block_of(impl_->tables, impl_->tables.link_others, index, relation, false);
}

namespace {

// The facts of one direction of `index`: of one relation, or of all, merged in the
// order each block has (other's name rank, date, fact).
std::vector<FactIndex> facts_touching(const KnowledgeGraph& graph, EntityIndex index,
                                      std::optional<Relation> relation, bool backward) {
  const auto block = [&](Relation r) {
    return backward ? graph.links_into(index, r) : graph.links_from(index, r);
  };
  std::vector<FactIndex> found;
  if (relation) {
    for (const KnowledgeGraph::FactLink& link : block(*relation)) found.push_back(link.fact);
    return found;
  }
  std::vector<const KnowledgeGraph::FactLink*> all;
  for (std::size_t r = 0; r < internal::kEntityRelations; ++r) {
    for (const KnowledgeGraph::FactLink& link : block(static_cast<Relation>(r)))
      all.push_back(&link);
  }
  std::stable_sort(all.begin(), all.end(), [&graph](const auto* a, const auto* b) {
    if (a->other != b->other) return graph.name_rank(a->other) < graph.name_rank(b->other);
    const std::optional<PartialDate> da = graph.sort_date_of(a->fact);
    const std::optional<PartialDate> db = graph.sort_date_of(b->fact);
    if (da != db) return !da || (db && *da < *db);
    return a->fact < b->fact;
  });
  for (const KnowledgeGraph::FactLink* link : all) found.push_back(link->fact);
  return found;
}

}  // namespace

std::vector<FactIndex> KnowledgeGraph::facts_into(EntityIndex index,
                                                  std::optional<Relation> relation) const {
  return facts_touching(*this, index, relation, /*backward=*/true);
}

std::vector<FactIndex> KnowledgeGraph::facts_from(EntityIndex index,
                                                  std::optional<Relation> relation) const {
  return facts_touching(*this, index, relation, /*backward=*/false);
}

std::span<const FactIndex> KnowledgeGraph::events_of(EntityIndex index) const {
  assert(is_built() && index < entity_count());
  const GraphTables& tables = impl_->tables;
  if (tables.event_start.empty()) return {};
  return tables.events.subspan(tables.event_start[index],
                               tables.event_start[index + 1] - tables.event_start[index]);
}

const GraphCounts& KnowledgeGraph::counts() const { return impl_->counts; }

KnowledgeGraph internal::GraphAccess::over(std::shared_ptr<const void> owner,
                                           const GraphTables& tables) {
  auto impl = std::make_unique<KnowledgeGraph::Impl>();
  impl->mapped_bytes = std::move(owner);
  impl->tables = tables;
  impl->counts = internal::graph_counts(tables.counts[0]);
  return KnowledgeGraph(std::move(impl));
}

namespace {

// Thrown by the visitor to stop the search once the target is reached: the way
// Boost.Graph's documentation gives for ending a breadth-first search early.
struct TargetReached {};

// Records, for each entity the search reaches, the link it was reached by.
class PathRecorder : public boost::default_bfs_visitor {
 public:
  PathRecorder(std::uint32_t* parent_link, EntityIndex target)
      : parent_link_(parent_link), target_(target) {}

  void tree_edge(const internal::LinkEdge& edge, const internal::LinkGraph& graph) const {
    parent_link_[graph.link(edge.link).other] = edge.link;
  }
  void discover_vertex(EntityIndex vertex, const internal::LinkGraph&) const {
    if (vertex == target_) throw TargetReached{};
  }

 private:
  std::uint32_t* const parent_link_;
  const EntityIndex target_;
};

// The FIFO breadth-first search needs, on one vector (each entity enters it at most once).
class VertexQueue {
 public:
  explicit VertexQueue(std::size_t capacity) { items_.reserve(capacity); }
  void push(EntityIndex v) { items_.push_back(v); }
  EntityIndex& top() { return items_[head_]; }
  void pop() { ++head_; }
  bool empty() const { return head_ == items_.size(); }

 private:
  std::vector<EntityIndex> items_;
  std::size_t head_ = 0;
};

}  // namespace

std::optional<std::vector<FactIndex>> KnowledgeGraph::shortest_path(
    EntityIndex from, EntityIndex to, const std::optional<PartialDate>& at) const {
  assert(is_built());
  assert(from < entity_count() && to < entity_count());
  if (from == to) return std::vector<FactIndex>{};
  const internal::LinkGraph graph(impl_->tables, at);
  const std::size_t vertices = graph.vertex_count();
  // Parents only matter for reached entities, which the colour map tells apart: the
  // array is left uninitialized.
  const auto parent_link = std::make_unique_for_overwrite<std::uint32_t[]>(vertices);
  boost::two_bit_color_map<boost::identity_property_map> colors(vertices);
  VertexQueue queue(vertices);
  try {
    boost::breadth_first_visit(graph, from, queue, PathRecorder(parent_link.get(), to), colors);
  } catch (const TargetReached&) {
    std::vector<FactIndex> chain;
    for (EntityIndex at_entity = to; at_entity != from;) {
      const std::uint32_t link = parent_link[at_entity];
      const FactIndex fact = graph.link(link).fact;
      chain.push_back(fact);
      const FactRecord& record = impl_->tables.facts[fact];
      at_entity = record.subject == at_entity ? record.object : record.subject;
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }
  return std::nullopt;
}

}  // namespace orgkg
