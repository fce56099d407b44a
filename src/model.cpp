#include "orgkg/model.h"

#include <array>
#include <optional>

namespace orgkg {
namespace {

constexpr std::array<std::string_view, 6> kKindNames = {"organization", "state", "treaty",
                                                        "person",       "place", "other"};
constexpr std::array<std::string_view, 11> kRelationNames = {
    "member_of", "signatory_of", "based_on", "successor_of",       "part_of",  "headquartered_in",
    "led_by",    "established",  "signed",   "entered_into_force", "dissolved"};
constexpr std::array<std::string_view, 6> kStatusNames = {"full",    "associate", "observer",
                                                          "partner", "suspended", "applicant"};

template <typename Enum, std::size_t N>
std::optional<Enum> find_word(const std::array<std::string_view, N>& words, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (words[i] == text) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

bool is_valid_entity_id(std::string_view text) {
  if (text.empty()) return false;
  const auto lower_or_digit = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (!lower_or_digit(text[0])) return false;
  for (const char c : text) {
    if (!lower_or_digit(c) && c != '_' && c != '.' && c != '-') return false;
  }
  return true;
}

std::string_view kind_name(EntityKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::string_view relation_name(Relation relation) {
  return kRelationNames[static_cast<std::size_t>(relation)];
}
std::string_view status_name(MembershipStatus status) {
  return kStatusNames[static_cast<std::size_t>(status)];
}
std::optional<EntityKind> parse_kind(std::string_view text) {
  return find_word<EntityKind>(kKindNames, text);
}
std::optional<Relation> parse_relation(std::string_view text) {
  return find_word<Relation>(kRelationNames, text);
}
std::optional<MembershipStatus> parse_status(std::string_view text) {
  return find_word<MembershipStatus>(kStatusNames, text);
}
std::span<const std::string_view> kind_names() { return kKindNames; }
std::span<const std::string_view> relation_names() { return kRelationNames; }
std::span<const std::string_view> status_names() { return kStatusNames; }

bool is_event(Relation relation) { return relation >= Relation::kEstablished; }

std::optional<PartialDate> fact_sort_date(const Fact& fact) {
  if (fact.validity.from) return fact.validity.from;
  if (fact.validity.at) return fact.validity.at;
  if (fact.date) return fact.date;
  return fact.validity.until;
}

std::string fact_identity(const Fact& fact) {
  // Fields are joined by a byte that cannot occur in ids or dates.
  std::string key;
  const auto add = [&key](std::string_view part) {
    key.append(part);
    key.push_back('\x1f');
  };
  const auto add_date = [&add](const std::optional<PartialDate>& date) {
    add(date ? date->to_string() : std::string());
  };
  add(fact.subject.value);
  add(relation_name(fact.relation));
  add(fact.object ? fact.object->value : std::string());
  add(fact.relation == Relation::kMemberOf ? status_name(fact.effective_status()) : "");
  add_date(fact.date);
  add_date(fact.validity.from);
  add_date(fact.validity.until);
  add_date(fact.validity.at);
  return key;
}

}  // namespace orgkg
