#include "orgkg/graph.h"

#include <fmt/format.h>

#include <cassert>
#include <unordered_map>
#include <utility>

#include "graph_storage.h"
#include "orgkg/names.h"

namespace orgkg {

struct KnowledgeGraph::Impl {
  internal::StorageGraph graph;
  std::vector<Entity> entities;
  std::vector<Fact> facts;
  std::vector<Source> sources;
  std::unordered_map<std::string, EntityIndex> by_id;
  std::unordered_map<std::string, EntityIndex> by_folded_name;  // ids, names and aliases
  std::unordered_map<std::string, std::size_t> source_by_id;
  std::unordered_map<std::string, FactIndex> fact_by_identity;
  GraphCounts counts;

  void count_date(const std::optional<PartialDate>& date) {
    if (!date) return;
    if (!counts.earliest || *date < *counts.earliest) counts.earliest = date;
    if (!counts.latest || *counts.latest < *date) counts.latest = date;
  }

  // Out-edge facts of `index` in one direction, optionally of one relation, in order.
  std::vector<FactIndex> facts_touching(EntityIndex index, bool backward,
                                        std::optional<Relation> relation) const {
    std::vector<FactIndex> found;
    for (const auto edge : boost::make_iterator_range(boost::out_edges(index, graph))) {
      const internal::FactEdge& data = graph[edge];
      if (data.backward != backward) continue;
      if (!relation || facts[data.fact].relation == *relation) found.push_back(data.fact);
    }
    return found;  // edges are appended as facts are added: already in fact order
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
  std::vector<std::pair<std::string_view, std::string>> names;
  names.emplace_back(entity.id.value, fold_name(entity.id.value));
  names.emplace_back(entity.name, fold_name(entity.name));
  for (const std::string& alias : entity.aliases) names.emplace_back(alias, fold_name(alias));
  for (const auto& [name, key] : names) {
    const auto it = impl_->by_folded_name.find(key);
    if (it != impl_->by_folded_name.end()) {
      const Entity& other = impl_->entities[it->second];
      return Status::invalid_input(fmt::format(
          "'{}' already names entity '{}' ({}); an id, name or alias must name one entity", name,
          other.id.value, other.name));
    }
  }
  std::vector<std::string> keys;
  for (auto& [name, key] : names) keys.push_back(std::move(key));
  const auto index = static_cast<EntityIndex>(impl_->entities.size());
  for (std::string& key : keys) impl_->by_folded_name.emplace(std::move(key), index);
  impl_->by_id.emplace(entity.id.value, index);
  ++impl_->counts.entities_by_kind[static_cast<std::size_t>(entity.kind)];
  impl_->entities.push_back(std::move(entity));
  const auto vertex = boost::add_vertex(internal::EntityVertex{index, {}}, impl_->graph);
  assert(vertex == index);
  (void)vertex;
  return index;
}

KnowledgeGraph::AddedFact KnowledgeGraph::add_fact(Fact fact) {
  std::string identity = fact_identity(fact);
  const auto existing = impl_->fact_by_identity.find(identity);
  if (existing != impl_->fact_by_identity.end()) {
    Fact& kept = impl_->facts[existing->second];
    for (Citation& citation : fact.sources) {
      if (std::find(kept.sources.begin(), kept.sources.end(), citation) == kept.sources.end()) {
        kept.sources.push_back(std::move(citation));
      }
    }
    if (!kept.note && fact.note) kept.note = std::move(fact.note);
    ++impl_->counts.merged_facts;
    return {existing->second, true};
  }
  const auto index = static_cast<FactIndex>(impl_->facts.size());
  const std::optional<EntityIndex> subject = find_id(fact.subject.value);
  assert(subject.has_value());
  if (is_event(fact.relation)) {
    impl_->graph[*subject].events.push_back(index);
  } else {
    const std::optional<EntityIndex> object = find_id(fact.object->value);
    assert(object.has_value());
    boost::add_edge(*subject, *object, internal::FactEdge{index, false}, impl_->graph);
    boost::add_edge(*object, *subject, internal::FactEdge{index, true}, impl_->graph);
  }
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
  return {index, false};
}

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

std::span<const FactIndex> KnowledgeGraph::events_of(EntityIndex index) const {
  assert(index < impl_->entities.size());
  return impl_->graph[index].events;
}

const GraphCounts& KnowledgeGraph::counts() const { return impl_->counts; }

namespace {

// Thrown by the visitor to stop the search once the target is reached: the way
// Boost.Graph's documentation gives for ending a breadth-first search early.
struct TargetReached {};

class PathRecorder : public boost::default_bfs_visitor {
 public:
  PathRecorder(std::vector<std::optional<internal::StorageGraph::edge_descriptor>>& parent,
               EntityIndex target)
      : parent_(parent), target_(target) {}

  template <typename Edge, typename Graph>
  void tree_edge(Edge edge, const Graph& graph) const {
    parent_[boost::target(edge, graph)] = edge;
  }
  template <typename Vertex, typename Graph>
  void discover_vertex(Vertex vertex, const Graph&) const {
    if (vertex == target_) throw TargetReached{};
  }

 private:
  std::vector<std::optional<internal::StorageGraph::edge_descriptor>>& parent_;
  const EntityIndex target_;
};

}  // namespace

std::optional<std::vector<FactIndex>> KnowledgeGraph::shortest_path(
    EntityIndex from, EntityIndex to, const std::function<bool(FactIndex)>& usable) const {
  assert(from < impl_->entities.size() && to < impl_->entities.size());
  if (from == to) return std::vector<FactIndex>{};
  const internal::StorageGraph& graph = impl_->graph;
  const auto keep = [&graph, &usable](const internal::StorageGraph::edge_descriptor& edge) {
    return usable(graph[edge].fact);
  };
  const boost::filtered_graph<internal::StorageGraph,
                              std::function<bool(const internal::StorageGraph::edge_descriptor&)>>
      holding(graph, keep);
  std::vector<std::optional<internal::StorageGraph::edge_descriptor>> parent(
      boost::num_vertices(graph));
  // The colour map is sized by vertex count: a search costs O(V) to set up and
  // O(visited) to run.
  std::vector<boost::default_color_type> colors(boost::num_vertices(graph), boost::white_color);
  try {
    boost::breadth_first_search(holding, from,
                                boost::visitor(PathRecorder(parent, to))
                                    .color_map(boost::make_iterator_property_map(
                                        colors.begin(), boost::get(boost::vertex_index, graph))));
  } catch (const TargetReached&) {
    std::vector<FactIndex> chain;
    for (EntityIndex at = to; at != from;
         at = static_cast<EntityIndex>(boost::source(*parent[at], graph))) {
      chain.push_back(graph[*parent[at]].fact);
    }
    std::reverse(chain.begin(), chain.end());
    return chain;
  }
  return std::nullopt;
}

}  // namespace orgkg
