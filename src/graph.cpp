#include "orgkg/graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <limits>
#include <unordered_map>
#include <utility>

#include "graph_storage.h"
#include "orgkg/names.h"

namespace orgkg {
namespace {

constexpr EntityIndex kNoEntity = std::numeric_limits<EntityIndex>::max();

// Which text of an entity a lookup key folds from.
constexpr std::int32_t kIdText = -2;
constexpr std::int32_t kNameText = -1;  // aliases are 0, 1, …

// A sort key for dates: first day, then precision (coarser first); absent dates first.
std::int64_t date_key(const std::optional<PartialDate>& date) {
  if (!date) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(date->span().first) * 4 + static_cast<int>(date->precision());
}

}  // namespace

struct KnowledgeGraph::Impl {
  internal::StorageGraph graph;
  std::vector<Entity> entities;
  std::vector<Fact> facts;
  std::vector<EntityIndex> fact_subject;
  std::vector<EntityIndex> fact_object;  // kNoEntity for events
  std::vector<Source> sources;
  std::unordered_map<std::string, EntityIndex> by_id;
  std::unordered_map<std::string, EntityIndex> by_folded_name;  // ids, names and aliases
  struct StoredKey {
    std::string folded;
    EntityIndex entity;
    std::int32_t text;  // kIdText, kNameText or an alias index
  };
  std::vector<StoredKey> name_keys;
  std::vector<std::string> folded_name;  // per entity, for name ranks
  std::vector<std::uint32_t> name_rank;  // per entity, set by finish_build()
  std::unordered_map<std::string, std::size_t> source_by_id;
  std::unordered_map<std::string, FactIndex> fact_by_identity;
  GraphCounts counts;
  bool built = true;  // an empty graph is built

  // The adjacency index built by finish_build(): every end of every entity-relation fact,
  // grouped by entity (entity e's ends are links[link_start[e] .. link_start[e + 1]]) and
  // ordered by the other entity's name rank, then date. Contiguous, so that listing an
  // entity's facts reads one block of memory.
  struct StoredLink {
    FactIndex fact;
    EntityIndex other;
    Relation relation;
    MembershipStatus status;
    bool backward;
    ValiditySpans validity;  // a copy, so that answering reads the index sequentially
  };
  std::vector<std::size_t> link_start;
  std::vector<StoredLink> links;

  void count_date(const std::optional<PartialDate>& date) {
    if (!date) return;
    if (!counts.earliest || *date < *counts.earliest) counts.earliest = date;
    if (!counts.latest || *counts.latest < *date) counts.latest = date;
  }

  // Calls `take(link)` for the links of `index` in one direction, optionally of one
  // relation, in order.
  template <typename Take>
  void for_each_link(EntityIndex index, bool backward, std::optional<Relation> relation,
                     Take take) const {
    assert(built);
    for (std::size_t i = link_start[index]; i < link_start[index + 1]; ++i) {
      const StoredLink& link = links[i];
      if (link.backward != backward || (relation && link.relation != *relation)) continue;
      take(link);
    }
  }
  std::vector<FactIndex> facts_touching(EntityIndex index, bool backward,
                                        std::optional<Relation> relation) const {
    std::vector<FactIndex> found;
    for_each_link(index, backward, relation,
                  [&found](const StoredLink& link) { found.push_back(link.fact); });
    return found;
  }
  std::vector<KnowledgeGraph::FactLink> links_touching(EntityIndex index, bool backward,
                                                       std::optional<Relation> relation) const {
    std::vector<KnowledgeGraph::FactLink> found;
    for_each_link(index, backward, relation, [&found](const StoredLink& link) {
      found.push_back(KnowledgeGraph::FactLink{link.fact, link.other, link.status, link.validity});
    });
    return found;
  }
};

KnowledgeGraph::KnowledgeGraph() : impl_(std::make_unique<Impl>()) {}
KnowledgeGraph::~KnowledgeGraph() = default;
KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&&) noexcept = default;
KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&&) noexcept = default;

bool KnowledgeGraph::add_source(Source source) {
  const auto [it, inserted] = impl_->source_by_id.emplace(source.id, impl_->sources.size());
  if (!inserted) return false;
  impl_->sources.push_back(std::move(source));
  return true;
}

Result<EntityIndex> KnowledgeGraph::add_entity(Entity entity) {
  if (impl_->by_id.count(entity.id.value) != 0) {
    return Status::invalid_input(fmt::format("entity id '{}' is already defined", entity.id.value));
  }
  // Every name the entity answers to, with its lookup key.
  std::vector<Impl::StoredKey> keys;
  const auto index = static_cast<EntityIndex>(impl_->entities.size());
  // The name first: when an id or alias folds to the same key, the key keeps the name.
  keys.push_back({fold_name(entity.name), index, kNameText});
  for (std::size_t i = 0; i < entity.aliases.size(); ++i) {
    keys.push_back({fold_name(entity.aliases[i]), index, static_cast<std::int32_t>(i)});
  }
  keys.push_back({fold_name(entity.id.value), index, kIdText});
  for (const Impl::StoredKey& key : keys) {
    const auto it = impl_->by_folded_name.find(key.folded);
    if (it != impl_->by_folded_name.end()) {
      const Entity& other = impl_->entities[it->second];
      const std::string_view text = key.text == kIdText     ? entity.id.value
                                    : key.text == kNameText ? entity.name
                                                            : entity.aliases[key.text];
      return Status::invalid_input(fmt::format(
          "'{}' already names entity '{}' ({}); an id, name or alias must name one entity", text,
          other.id.value, other.name));
    }
  }
  for (Impl::StoredKey& key : keys) {
    if (impl_->by_folded_name.emplace(key.folded, index).second) {
      impl_->name_keys.push_back(std::move(key));
    }
  }
  impl_->folded_name.push_back(fold_name(entity.name));
  impl_->by_id.emplace(entity.id.value, index);
  ++impl_->counts.entities_by_kind[static_cast<std::size_t>(entity.kind)];
  impl_->entities.push_back(std::move(entity));
  const auto vertex = boost::add_vertex(internal::EntityVertex{index, {}}, impl_->graph);
  assert(vertex == index);
  (void)vertex;
  impl_->built = false;
  return index;
}

KnowledgeGraph::AddedFact KnowledgeGraph::add_fact(Fact fact) {
  std::string identity = fact_identity(fact);
  const auto existing = impl_->fact_by_identity.find(identity);
  if (existing != impl_->fact_by_identity.end()) {
    Fact& kept = impl_->facts[existing->second];
    std::vector<Citation> added;
    for (Citation& citation : fact.sources) {
      if (std::find(kept.sources.begin(), kept.sources.end(), citation) == kept.sources.end()) {
        kept.sources.push_back(citation);
        added.push_back(std::move(citation));
      }
    }
    if (!kept.note && fact.note) kept.note = std::move(fact.note);
    ++impl_->counts.merged_facts;
    return {existing->second, true, std::move(added)};
  }
  const auto index = static_cast<FactIndex>(impl_->facts.size());
  const std::optional<EntityIndex> subject = find_id(fact.subject.value);
  assert(subject.has_value());
  EntityIndex object = kNoEntity;
  if (is_event(fact.relation)) {
    impl_->graph[*subject].events.push_back(index);
  } else {
    object = *find_id(fact.object->value);
    boost::add_edge(*subject, object, internal::FactEdge{index, false}, impl_->graph);
    boost::add_edge(object, *subject, internal::FactEdge{index, true}, impl_->graph);
  }
  impl_->fact_subject.push_back(*subject);
  impl_->fact_object.push_back(object);
  GraphCounts& counts = impl_->counts;
  ++counts.facts_by_relation[static_cast<std::size_t>(fact.relation)];
  if (fact.relation == Relation::kMemberOf) {
    ++counts.memberships_by_status[static_cast<std::size_t>(fact.effective_status())];
  }
  for (const auto* date :
       {&fact.date, &fact.validity.from, &fact.validity.until, &fact.validity.at}) {
    impl_->count_date(*date);
  }
  impl_->fact_by_identity.emplace(std::move(identity), index);
  impl_->facts.push_back(std::move(fact));
  impl_->built = false;
  return {index, false, {}};
}

void KnowledgeGraph::finish_build() {
  Impl& impl = *impl_;
  const std::size_t entities = impl.entities.size();

  std::vector<EntityIndex> by_name(entities);
  for (EntityIndex i = 0; i < entities; ++i) by_name[i] = i;
  std::sort(by_name.begin(), by_name.end(), [&impl](EntityIndex a, EntityIndex b) {
    if (impl.folded_name[a] != impl.folded_name[b])
      return impl.folded_name[a] < impl.folded_name[b];
    return impl.entities[a].id < impl.entities[b].id;
  });
  impl.name_rank.assign(entities, 0);
  for (std::uint32_t rank = 0; rank < entities; ++rank) impl.name_rank[by_name[rank]] = rank;

  // Every end of every entity-relation fact, in the order its entity will list it.
  struct EdgeEnd {
    EntityIndex entity;
    std::uint32_t other_rank;
    std::int64_t date;
    FactIndex fact;
    bool backward;
  };
  std::vector<EdgeEnd> ends;
  ends.reserve(boost::num_edges(impl.graph));
  std::vector<std::int64_t> fact_date(impl.facts.size());
  for (FactIndex f = 0; f < impl.facts.size(); ++f)
    fact_date[f] = date_key(fact_sort_date(impl.facts[f]));
  for (FactIndex f = 0; f < impl.facts.size(); ++f) {
    const EntityIndex subject = impl.fact_subject[f];
    const EntityIndex object = impl.fact_object[f];
    if (object == kNoEntity) continue;
    ends.push_back({subject, impl.name_rank[object], fact_date[f], f, false});
    ends.push_back({object, impl.name_rank[subject], fact_date[f], f, true});
  }
  std::sort(ends.begin(), ends.end(), [](const EdgeEnd& a, const EdgeEnd& b) {
    if (a.entity != b.entity) return a.entity < b.entity;
    if (a.other_rank != b.other_rank) return a.other_rank < b.other_rank;
    if (a.date != b.date) return a.date < b.date;
    if (a.fact != b.fact) return a.fact < b.fact;
    return a.backward < b.backward;
  });

  impl.link_start.assign(entities + 1, 0);
  impl.links.clear();
  impl.links.reserve(ends.size());
  for (const EdgeEnd& end : ends) {
    const Fact& fact = impl.facts[end.fact];
    const EntityIndex other =
        end.backward ? impl.fact_subject[end.fact] : impl.fact_object[end.fact];
    impl.links.push_back(Impl::StoredLink{end.fact, other, fact.relation, fact.effective_status(),
                                          end.backward, ValiditySpans::of(fact.validity)});
    ++impl.link_start[end.entity + 1];
  }
  for (std::size_t e = 0; e < entities; ++e) impl.link_start[e + 1] += impl.link_start[e];
  for (EntityIndex v = 0; v < entities; ++v) {
    std::vector<FactIndex>& events = impl.graph[v].events;
    std::stable_sort(events.begin(), events.end(), [&fact_date](FactIndex a, FactIndex b) {
      return fact_date[a] < fact_date[b];
    });
  }
  impl.built = true;
}

bool KnowledgeGraph::is_built() const { return impl_->built; }

std::size_t KnowledgeGraph::entity_count() const { return impl_->entities.size(); }
std::size_t KnowledgeGraph::fact_count() const { return impl_->facts.size(); }
std::size_t KnowledgeGraph::source_count() const { return impl_->sources.size(); }

const Entity& KnowledgeGraph::entity(EntityIndex index) const {
  assert(index < impl_->entities.size());
  return impl_->entities[index];
}

const Fact& KnowledgeGraph::fact(FactIndex index) const {
  assert(index < impl_->facts.size());
  return impl_->facts[index];
}

EntityIndex KnowledgeGraph::subject_of(FactIndex index) const {
  assert(index < impl_->facts.size());
  return impl_->fact_subject[index];
}

std::optional<EntityIndex> KnowledgeGraph::object_of(FactIndex index) const {
  assert(index < impl_->facts.size());
  const EntityIndex object = impl_->fact_object[index];
  if (object == kNoEntity) return std::nullopt;
  return object;
}

std::uint32_t KnowledgeGraph::name_rank(EntityIndex index) const {
  assert(impl_->built && index < impl_->name_rank.size());
  return impl_->name_rank[index];
}

std::optional<EntityIndex> KnowledgeGraph::find_id(std::string_view id) const {
  const auto it = impl_->by_id.find(std::string(id));
  if (it == impl_->by_id.end()) return std::nullopt;
  return it->second;
}

std::optional<EntityIndex> KnowledgeGraph::find_name(std::string_view name) const {
  const auto it = impl_->by_folded_name.find(fold_name(name));
  if (it == impl_->by_folded_name.end()) return std::nullopt;
  return it->second;
}

std::optional<EntityIndex> KnowledgeGraph::closest_entity(std::string_view name) const {
  std::vector<std::string_view> candidates;
  std::vector<EntityIndex> owners;
  for (EntityIndex index = 0; index < impl_->entities.size(); ++index) {
    const Entity& entity = impl_->entities[index];
    // Names first: on a tie, the entity named as the user would write it wins.
    candidates.push_back(entity.name);
    for (const std::string& alias : entity.aliases) candidates.push_back(alias);
    candidates.push_back(entity.id.value);
    owners.resize(candidates.size(), index);
  }
  const std::optional<std::size_t> best = closest_index(name, candidates);
  if (!best) return std::nullopt;
  return owners[*best];
}

void KnowledgeGraph::for_each_name(const std::function<void(const NameKey&)>& visit) const {
  for (const Impl::StoredKey& key : impl_->name_keys) {
    const Entity& entity = impl_->entities[key.entity];
    const std::string_view text = key.text == kIdText     ? entity.id.value
                                  : key.text == kNameText ? entity.name
                                                          : entity.aliases[key.text];
    visit(NameKey{key.folded, key.entity, text});
  }
}

const Source* KnowledgeGraph::find_source(std::string_view id) const {
  const auto it = impl_->source_by_id.find(std::string(id));
  if (it == impl_->source_by_id.end()) return nullptr;
  return &impl_->sources[it->second];
}

std::vector<const Source*> KnowledgeGraph::sources() const {
  std::vector<const Source*> all;
  all.reserve(impl_->sources.size());
  for (const Source& source : impl_->sources) all.push_back(&source);
  return all;
}

std::vector<FactIndex> KnowledgeGraph::facts_into(EntityIndex index,
                                                  std::optional<Relation> relation) const {
  assert(index < impl_->entities.size());
  return impl_->facts_touching(index, /*backward=*/true, relation);
}

std::vector<FactIndex> KnowledgeGraph::facts_from(EntityIndex index,
                                                  std::optional<Relation> relation) const {
  assert(index < impl_->entities.size());
  return impl_->facts_touching(index, /*backward=*/false, relation);
}

std::vector<KnowledgeGraph::FactLink> KnowledgeGraph::links_into(
    EntityIndex index, std::optional<Relation> relation) const {
  assert(index < impl_->entities.size());
  return impl_->links_touching(index, /*backward=*/true, relation);
}

std::vector<KnowledgeGraph::FactLink> KnowledgeGraph::links_from(
    EntityIndex index, std::optional<Relation> relation) const {
  assert(index < impl_->entities.size());
  return impl_->links_touching(index, /*backward=*/false, relation);
}

std::span<const FactIndex> KnowledgeGraph::events_of(EntityIndex index) const {
  assert(impl_->built && index < impl_->entities.size());
  return impl_->graph[index].events;
}

const GraphCounts& KnowledgeGraph::counts() const { return impl_->counts; }

namespace {

// Thrown by the visitor to stop the search once the target is reached: the way
// Boost.Graph's documentation gives for ending a breadth-first search early.
struct TargetReached {};

using Edge = internal::StorageGraph::edge_descriptor;

class PathRecorder : public boost::default_bfs_visitor {
 public:
  PathRecorder(std::unordered_map<EntityIndex, Edge>& parent, EntityIndex target)
      : parent_(parent), target_(target) {}

  template <typename Graph>
  void tree_edge(Edge edge, const Graph& graph) const {
    parent_.emplace(static_cast<EntityIndex>(boost::target(edge, graph)), edge);
  }
  template <typename Vertex, typename Graph>
  void discover_vertex(Vertex vertex, const Graph&) const {
    if (vertex == target_) throw TargetReached{};
  }

 private:
  std::unordered_map<EntityIndex, Edge>& parent_;
  const EntityIndex target_;
};

}  // namespace

std::optional<std::vector<FactIndex>> KnowledgeGraph::shortest_path(
    EntityIndex from, EntityIndex to, const std::function<bool(FactIndex)>& usable) const {
  assert(impl_->built);
  assert(from < impl_->entities.size() && to < impl_->entities.size());
  if (from == to) return std::vector<FactIndex>{};
  const internal::StorageGraph& graph = impl_->graph;
  const auto keep = [&graph, &usable](const Edge& edge) { return usable(graph[edge].fact); };
  const boost::filtered_graph<internal::StorageGraph, std::function<bool(const Edge&)>> holding(
      graph, keep);
  // One colour byte per entity (setting them up is a memset, cheap next to any search);
  // parents only for the vertices the search reaches.
  std::vector<boost::default_color_type> colors(boost::num_vertices(graph), boost::white_color);
  std::unordered_map<EntityIndex, Edge> parent;
  try {
    boost::breadth_first_search(holding, from,
                                boost::visitor(PathRecorder(parent, to))
                                    .color_map(boost::make_iterator_property_map(
                                        colors.begin(), boost::get(boost::vertex_index, graph))));
  } catch (const TargetReached&) {
    std::vector<FactIndex> chain;
    for (EntityIndex at = to; at != from;
         at = static_cast<EntityIndex>(boost::source(parent.at(at), graph))) {
      chain.push_back(graph[parent.at(at)].fact);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }
  return std::nullopt;
}

}  // namespace orgkg
