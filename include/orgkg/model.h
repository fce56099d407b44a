// The things a knowledge base is made of: sources, entities and facts, and the fixed
// vocabularies of entity kinds, relations and membership statuses (DESIGN.md,
// "The interchange format"). Plain values; safe to share between threads once built.
#ifndef ORGKG_MODEL_H_
#define ORGKG_MODEL_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/date.h"

namespace orgkg {

// The identifier of an entity ("csto", "armenia"): never a display name.
struct EntityId {
  std::string value;
  friend auto operator<=>(const EntityId&, const EntityId&) = default;
};

// Whether `text` is a well-formed entity id: ^[a-z0-9][a-z0-9_.-]*$.
bool is_valid_entity_id(std::string_view text);

enum class EntityKind : std::uint8_t { kOrganization, kState, kTreaty, kPerson, kPlace, kOther };

enum class Relation : std::uint8_t {
  // Entity relations: subject and object are entities.
  kMemberOf,
  kSignatoryOf,
  kBasedOn,
  kSuccessorOf,
  kPartOf,
  kHeadquarteredIn,
  kLedBy,
  // Event relations: the subject and a date.
  kEstablished,
  kSigned,
  kEnteredIntoForce,
  kDissolved,
};

enum class MembershipStatus : std::uint8_t {
  kFull,
  kAssociate,
  kObserver,
  kPartner,
  kSuspended,
  kApplicant,
};

// The JSON spellings of the vocabularies ("organization", "member_of", "full"), and their
// inverses, which return nullopt for a word outside the vocabulary.
std::string_view kind_name(EntityKind kind);
std::string_view relation_name(Relation relation);
std::string_view status_name(MembershipStatus status);
std::optional<EntityKind> parse_kind(std::string_view text);
std::optional<Relation> parse_relation(std::string_view text);
std::optional<MembershipStatus> parse_status(std::string_view text);
// Every word of each vocabulary, in declaration order (for messages and suggestions).
std::span<const std::string_view> kind_names();
std::span<const std::string_view> relation_names();
std::span<const std::string_view> status_names();

// Whether the relation is an event (takes `date`) rather than a link (takes `object`).
bool is_event(Relation relation);

// Who published something, as cited by facts.
struct Source {
  std::string id;
  std::optional<std::string> title;
  std::optional<std::string> publisher;
  std::optional<PartialDate> published;
  std::optional<std::string> url;
  friend bool operator==(const Source&, const Source&) = default;
};

// An identifier of an entity in another scheme ("iso3166": "AM", "cow": 371). Numbers
// are kept as numbers so that a document is written back as it was read.
struct Code {
  std::string scheme;
  std::string value;
  bool is_number = false;
  friend bool operator==(const Code&, const Code&) = default;
};

struct Entity {
  EntityId id;
  EntityKind kind = EntityKind::kOther;
  std::string name;
  std::vector<std::string> aliases;
  std::vector<Code> codes;  // in document order
  friend bool operator==(const Entity&, const Entity&) = default;
};

// One source's support for a fact: the source id, the words that carry the fact, and
// where they stand in the source's text ([start, end) in bytes).
struct Citation {
  std::string source;
  std::optional<std::string> quote;
  std::optional<std::uint64_t> offset_start;
  std::optional<std::uint64_t> offset_end;
  friend bool operator==(const Citation&, const Citation&) = default;
};

struct Fact {
  EntityId subject;
  Relation relation = Relation::kMemberOf;
  std::optional<EntityId> object;          // entity relations only
  std::optional<MembershipStatus> status;  // member_of only; absent means full
  std::optional<PartialDate> date;         // event relations only
  Validity validity;
  std::vector<Citation> sources;
  std::optional<std::string> note;

  MembershipStatus effective_status() const { return status.value_or(MembershipStatus::kFull); }
};

// The date a fact is placed at in orderings: from, else at, else date, else until.
std::optional<PartialDate> fact_sort_date(const Fact& fact);

// A fact's identity: everything but its sources and note, as a string key. Two facts
// with equal keys are the same fact; loading one again merges their sources.
std::string fact_identity(const Fact& fact);

}  // namespace orgkg

#endif  // ORGKG_MODEL_H_
