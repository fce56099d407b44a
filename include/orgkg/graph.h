// KnowledgeGraph: entities as vertices, entity-to-entity facts as edges (several per pair
// allowed), event facts as dated properties of their subject, plus the indexes every
// query goes through: entity id, folded names and aliases, source id, fact identity.
//
// Two phases: build (add_*), then query (everything const). Built, the graph is a few
// flat arrays (src/graph_tables.h) that a snapshot can hold as they are (snapshot.h).
// Const calls may run from several threads at once; a build call must not run
// concurrently with anything.
#ifndef ORGKG_GRAPH_H_
#define ORGKG_GRAPH_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/model.h"
#include "orgkg/status.h"

namespace orgkg {

using EntityIndex = std::uint32_t;  // dense, in order of addition
using FactIndex = std::uint32_t;    // dense, in order of addition

// Totals kept up to date while the graph is built, so that statistics never scan facts.
struct GraphCounts {
  std::size_t entities_by_kind[6] = {};       // indexed by EntityKind
  std::size_t facts_by_relation[11] = {};     // indexed by Relation
  std::size_t memberships_by_status[6] = {};  // indexed by MembershipStatus
  std::size_t merged_facts = 0;               // facts met again and merged into one
  std::optional<PartialDate> earliest;        // the earliest date of any fact
  std::optional<PartialDate> latest;          // the latest date of any fact
};

namespace internal {
struct GraphAccess;  // the snapshot's way in (src/graph_access.h)
}  // namespace internal

class KnowledgeGraph {
 public:
  KnowledgeGraph();
  ~KnowledgeGraph();
  KnowledgeGraph(KnowledgeGraph&&) noexcept;
  KnowledgeGraph& operator=(KnowledgeGraph&&) noexcept;
  // Not copyable: a graph may hold millions of facts; copies would be accidental.
  KnowledgeGraph(const KnowledgeGraph&) = delete;
  KnowledgeGraph& operator=(const KnowledgeGraph&) = delete;

  // ---- Build phase: REQUIRES !is_built() or nothing added yet ----

  // Adds a source. Returns false and changes nothing when a source with its id exists.
  bool add_source(const Source& source);
  // Adds an entity. Fails (changing nothing) when its id is taken, or when its id, name
  // or one of its aliases folds to a lookup key that already names another entity; the
  // message names that entity.
  Result<EntityIndex> add_entity(const Entity& entity);
  struct AddedFact {
    FactIndex index;
    bool merged;  // true: an identical fact existed and received the citations
    std::vector<Citation> new_citations;  // when merged: the citations it did not have
    bool note_added = false;              // when merged: it had no note and took this fact's
  };
  // Adds a fact, or merges its citations into the identical fact already present. The
  // entities and sources it names may be added later, but before finish_build().
  AddedFact add_fact(const Fact& fact);
  // Whether some fact names an entity, or cites a source, that was never added.
  bool has_unresolved_references() const;
  // Ends the build phase for good: resolves references, orders every entity's facts by
  // the other entity's name, then by date, so that queries read them in the order they
  // print them, and drops what only building needed. Costs O(F log F).
  // REQUIRES: !has_unresolved_references()
  void finish_build();
  bool is_built() const;

  // ---- Query phase: every call below but the lookups REQUIRES is_built() ----

  std::size_t entity_count() const;
  std::size_t fact_count() const;
  std::size_t source_count() const;

  // REQUIRES: index < entity_count() (resp. fact_count()).
  // The whole entity or fact, as a new value (the graph stores them compactly).
  Entity entity(EntityIndex index) const;
  Fact fact(FactIndex index) const;
  // Parts of them without the copy; views stay valid as long as the graph.
  std::string_view entity_id(EntityIndex index) const;
  std::string_view entity_name(EntityIndex index) const;
  EntityKind entity_kind(EntityIndex index) const;
  Relation relation_of(FactIndex index) const;
  MembershipStatus status_of(FactIndex index) const;  // full for relations but member_of
  Validity validity_of(FactIndex index) const;
  std::optional<PartialDate> event_date_of(FactIndex index) const;
  // fact_sort_date() of the fact.
  std::optional<PartialDate> sort_date_of(FactIndex index) const;
  // The ids of the sources the fact cites, in citation order.
  std::vector<std::string_view> cited_source_ids(FactIndex index) const;
  // The subject of a fact, and the object of an entity-relation fact (nullopt for an
  // event), as indexes.
  EntityIndex subject_of(FactIndex index) const;
  std::optional<EntityIndex> object_of(FactIndex index) const;
  // The entity's position when all are ordered by folded name, then id: comparing ranks
  // orders entities by name without folding names again.
  std::uint32_t name_rank(EntityIndex index) const;

  std::optional<EntityIndex> find_id(std::string_view id) const;
  // Entities whose id, name or an alias folds to the same key as `name` (names.h); at
  // most one, since add_entity refuses keys that would name two.
  std::optional<EntityIndex> find_name(std::string_view name) const;
  // The entity whose id, name or alias is closest to `name`, for "did you mean" (scans
  // every name: call it on the error path only).
  std::optional<EntityIndex> closest_entity(std::string_view name) const;
  // The source with this id, as a new value; nullopt when there is none.
  std::optional<Source> find_source(std::string_view id) const;
  // Every source, in order of addition.
  std::vector<Source> sources() const;

  // One lookup key: a folded id, name or alias, its entity, and the text it folds from.
  struct NameKey {
    std::string_view folded;
    EntityIndex entity;
    std::string_view text;
  };
  // Calls `visit` for every lookup key, in no particular order (for scans such as fuzzy
  // search; keys are folded once, when entities are added).
  void for_each_name(const std::function<void(const NameKey&)>& visit) const;

  // A fact seen from one of its entities: the entity at the other end, the fact's
  // membership status (full for relations other than member_of) and its validity spans.
  // What membership questions need, stored as such: answering reads one block of memory.
  struct FactLink {
    FactIndex fact;
    EntityIndex other;
    LinkValidity validity;
    MembershipStatus status;
    Relation relation;
    // The links left about the same other entity, this one included (at most 255): a walk
    // of a list can step from one pair to the next.
    std::uint8_t pair_rest = 1;
    std::uint8_t padding = 0;
  };
  // The facts of one relation whose object (resp. subject) is `index`, ordered by the
  // other entity's name rank, then by fact_sort_date(), then by order of addition.
  std::span<const FactLink> links_into(EntityIndex index, Relation relation) const;
  std::span<const FactLink> links_from(EntityIndex index, Relation relation) const;
  // links_from(index, relation)[i].other for each i, as one array: an eighth of the
  // memory to read, for walks that look at the other ends first.
  std::span<const EntityIndex> others_from(EntityIndex index, Relation relation) const;

  // Entity-relation facts whose object is `index` (e.g. the memberships of an
  // organization), optionally of one relation, in the order of links_into() (of all
  // relations together when none is given).
  std::vector<FactIndex> facts_into(EntityIndex index,
                                    std::optional<Relation> relation = std::nullopt) const;
  // Entity-relation facts whose subject is `index`, ordered likewise by the object.
  std::vector<FactIndex> facts_from(EntityIndex index,
                                    std::optional<Relation> relation = std::nullopt) const;
  // Event facts (established, signed, …) of `index`, in date order.
  std::span<const FactIndex> events_of(EntityIndex index) const;

  const GraphCounts& counts() const;

  // The shortest chain of entity-relation facts linking `from` to `to`, each fact
  // followed in either direction, using only facts that may hold (yes or maybe) at `at`,
  // or any fact when `at` is nullopt (breadth-first search). Returns the facts in order
  // from `from`; an empty chain when from == to; nullopt when no chain exists.
  std::optional<std::vector<FactIndex>> shortest_path(EntityIndex from, EntityIndex to,
                                                      const std::optional<PartialDate>& at) const;

 private:
  friend struct internal::GraphAccess;
  struct Impl;
  explicit KnowledgeGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace orgkg

#endif  // ORGKG_GRAPH_H_
