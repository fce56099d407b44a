// Clauses read off a link-grammar parse (link_grammar.h): for a verb, its verb group
// ("had suspended", "was admitted", "hopes to join"), subject, objects and prepositional
// objects, through coordination ("Armenia and Kyrgyzstan") and relative clauses ("Armenia,
// which joined…"). What the extraction rules ask of a sentence's structure, and nothing
// about organizations: the rules live in extract.cpp. Built per sentence, then read.
#ifndef ORGKG_INGEST_CLAUSES_H_
#define ORGKG_INGEST_CLAUSES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/link_grammar.h"

namespace orgkg::ingest {

class Clauses {
 public:
  explicit Clauses(const ParsedSentence& parse);

  std::size_t size() const { return parse_.words.size(); }
  const ParsedWord& word(std::size_t i) const { return parse_.words[i]; }
  // The word in lower case, without a possessive ending.
  const std::string& lower(std::size_t i) const { return lower_[i]; }
  bool is_verb(std::size_t i) const { return parse_.words[i].tag.starts_with("v"); }
  bool is_noun(std::size_t i) const { return parse_.words[i].tag.starts_with("n"); }

  // The verb group of `verb` from the verb up: "suspended" <- "had"; "join" <- "to" <-
  // "hopes". The first element is `verb`.
  std::vector<std::size_t> verb_chain(std::size_t verb) const;
  // True when the verb group is passive ("was admitted") or the verb is a participle
  // modifying a noun ("Finland, admitted in 2023,").
  bool is_passive(std::size_t verb) const;
  // The subjects of the verb group, through coordination and relative pronouns.
  std::vector<std::size_t> subjects(std::size_t verb) const;
  // Direct objects (through coordination).
  std::vector<std::size_t> objects(std::size_t verb) const;
  // (preposition, object) pairs attached to `word` (a verb or a noun), through
  // coordination: "withdrew from X" -> ("from", X).
  std::vector<std::pair<std::string, std::size_t>> preposition_objects(std::size_t word) const;
  // The possessor of a noun: "Finland's accession" -> Finland, "its members" -> its.
  std::optional<std::size_t> possessor(std::size_t noun) const;
  // Words directly linked to `word` by a link whose type (leading capitals) is `type`.
  std::vector<std::size_t> linked(std::size_t word, std::string_view type, bool to_right) const;
  // The conjuncts of a coordination ("A, B and C" at "and"), or {word} itself.
  std::vector<std::size_t> conjuncts(std::size_t word) const;
  // "not", "n't", "never", "no longer" on the verb group.
  bool is_negated(std::size_t verb) const;
  // Words that govern the verb group: modals ("will", "could") and verbs above an
  // infinitive ("hopes" in "hopes to join", "declined" in "declined the invitation to join").
  std::vector<std::size_t> governors(std::size_t verb) const;
  // The noun a participle or relative clause modifies ("Finland, admitted in 2023").
  std::optional<std::size_t> modified_noun(std::size_t verb) const;
  // The cost of the cheapest path from `word` to each word (size() * 8 when none): each
  // link costs 1, entering word w costs `entry_cost[w]` more.
  std::vector<std::size_t> distances_from(std::size_t word,
                                          const std::vector<std::size_t>& entry_cost) const;

 private:
  struct Edge {
    std::size_t other;
    std::string_view label;
    bool to_right;
  };
  static std::string_view type_of(std::string_view label);
  bool is_conjunction(std::size_t i) const;

  const ParsedSentence& parse_;
  std::vector<std::string> lower_;
  std::vector<std::vector<Edge>> edges_;
};

}  // namespace orgkg::ingest

#endif  // ORGKG_INGEST_CLAUSES_H_
