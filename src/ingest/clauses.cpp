// Link types used here (link-grammar's English dictionary, 4.0.dict): S subject, O
// object, PP/Pv/Pg/I/TO/IV the verb group, MV/M a phrase attached to a verb/noun, J a
// preposition's object, MX/R/B relative clauses and appositions, D/YS/YP determiners and
// possessives, SJ/VJ coordination, N/E negation and adverbs.
#include "ingest/clauses.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace orgkg::ingest {
namespace {

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

Clauses::Clauses(const ParsedSentence& parse) : parse_(parse) {
  lower_.reserve(parse.words.size());
  for (const ParsedWord& word : parse.words) {
    std::string text = word.text;
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    lower_.push_back(std::move(text));
  }
  edges_.resize(parse.words.size());
  for (const ParsedLink& link : parse.links) {
    if (link.left >= edges_.size() || link.right >= edges_.size()) continue;
    edges_[link.left].push_back(Edge{link.right, link.label, true});
    edges_[link.right].push_back(Edge{link.left, link.label, false});
  }
}

std::string_view Clauses::type_of(std::string_view label) {
  std::size_t n = 0;
  while (n < label.size() && std::isupper(static_cast<unsigned char>(label[n])) != 0) ++n;
  return label.substr(0, n);
}

bool Clauses::is_conjunction(std::size_t i) const {
  return parse_.words[i].tag.starts_with("j") || one_of(lower_[i], {"and", "or", ",", "&"});
}

std::vector<std::size_t> Clauses::linked(std::size_t word, std::string_view type,
                                         bool to_right) const {
  std::vector<std::size_t> out;
  for (const Edge& edge : edges_[word]) {
    if (edge.to_right == to_right && type_of(edge.label) == type) out.push_back(edge.other);
  }
  return out;
}

std::vector<std::size_t> Clauses::verb_chain(std::size_t verb) const {
  std::vector<std::size_t> chain{verb};
  std::set<std::size_t> seen{verb};
  for (std::size_t cur = verb;;) {
    std::optional<std::size_t> up;
    for (const Edge& edge : edges_[cur]) {
      if (edge.to_right) continue;
      const std::string_view type = type_of(edge.label);
      // PP: have + participle; P: be + participle (Pv, Pg); I: modal or "to" + infinitive;
      // TO: verb + "to"; IV: verb + infinitive.
      // MVi: "applied to join" links the infinitive's "to" to the verb as a modifier.
      if (type == "PP" || type == "P" || type == "I" || type == "TO" || type == "IV" ||
          type == "PF" || (edge.label.starts_with("MVi") && lower_[cur] == "to")) {
        up = edge.other;
        break;
      }
    }
    if (!up || seen.count(*up) != 0) break;
    seen.insert(*up);
    chain.push_back(*up);
    cur = *up;
  }
  return chain;
}

bool Clauses::is_passive(std::size_t verb) const {
  const auto is_be = [this](std::size_t w) {
    return one_of(lower_[w], {"was", "were", "is", "are", "been", "be", "being", "'s"});
  };
  if (parse_.words[verb].tag.starts_with("v-d")) {
    // A participle under a form of "be", whatever link the parse chose ("was set up").
    const std::vector<std::size_t> chain = verb_chain(verb);
    for (std::size_t i = 1; i < chain.size(); ++i) {
      if (is_be(chain[i])) return true;
    }
    // "was suspended in 2011 and restored in 2023": coordinated participles share "was",
    // which hangs on the first of them or on the conjunction itself.
    for (const Edge& edge : edges_[verb]) {
      if (type_of(edge.label) != "VJ" || !is_conjunction(edge.other)) continue;
      for (const Edge& other : edges_[edge.other]) {
        if (other.to_right || other.other == verb) continue;
        const std::string_view type = type_of(other.label);
        if ((type == "I" || type == "P" || type == "VJ") && is_be(other.other)) return true;
        if (type == "VJ" && !edge.to_right && is_passive(other.other)) return true;
      }
    }
  }
  for (const Edge& edge : edges_[verb]) {
    if (!edge.to_right && edge.label.starts_with("Pv")) return true;
    // A participle after its noun: "Finland, admitted in 2023" (Mv), "the states admitted".
    if (!edge.to_right &&
        (edge.label.starts_with("Mv") || edge.label.starts_with("MXsp") ||
         edge.label.starts_with("MXpp")) &&
        parse_.words[verb].tag.starts_with("v-d")) {
      return true;
    }
  }
  return false;
}

std::optional<std::size_t> Clauses::modified_noun(std::size_t verb) const {
  for (const Edge& edge : edges_[verb]) {
    if (edge.to_right) continue;
    const std::string_view type = type_of(edge.label);
    if (type == "M" || type == "MX") return edge.other;
  }
  return std::nullopt;
}

std::vector<std::size_t> Clauses::conjuncts(std::size_t word) const {
  std::vector<std::size_t> out;
  std::vector<std::size_t> stack{word};
  std::set<std::size_t> seen;
  while (!stack.empty()) {
    const std::size_t w = stack.back();
    stack.pop_back();
    if (!seen.insert(w).second) continue;
    bool expanded = false;
    if (is_conjunction(w)) {
      for (const Edge& edge : edges_[w]) {
        if (type_of(edge.label) == "SJ" || type_of(edge.label) == "MJ" ||
            type_of(edge.label) == "AJ") {
          stack.push_back(edge.other);
          expanded = true;
        }
      }
    }
    if (!expanded) out.push_back(w);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::size_t> Clauses::subjects(std::size_t verb) const {
  const std::vector<std::size_t> chain = verb_chain(verb);
  for (const std::size_t w : chain) {
    for (const Edge& edge : edges_[w]) {
      const std::string_view type = type_of(edge.label);
      const bool subject_link = (type == "S" && !edge.to_right) ||
                                (type == "SI" && edge.to_right) || (type == "SF" && !edge.to_right);
      if (!subject_link) continue;
      std::size_t subject = edge.other;
      // A relative pronoun stands for the noun its clause modifies.
      if (one_of(lower_[subject], {"which", "who", "that"})) {
        bool linked_back = false;
        for (const Edge& back : edges_[subject]) {
          const std::string_view back_type = type_of(back.label);
          if (!back.to_right && (back_type == "MX" || back_type == "R" || back_type == "M")) {
            subject = back.other;
            linked_back = true;
            break;
          }
        }
        // ", which became…" parsed as a clause of its own: the name before the comma.
        if (!linked_back && subject >= 2 && lower_[subject - 1] == ",") {
          const std::size_t before = subject - 2;
          const bool name =
              parse_.words[before].tag.empty() &&
              std::isupper(static_cast<unsigned char>(parse_.words[before].text[0])) != 0;
          if (name || parse_.words[before].tag.starts_with("n")) subject = before;
        }
      }
      return conjuncts(subject);
    }
  }
  for (const std::size_t w : chain) {
    // "Armenia joined X and left Y": coordinated verbs hang from "and" (VJ links), which
    // takes the subject they share; the first verb links it to the right, the others to
    // the left.
    for (const Edge& edge : edges_[w]) {
      if (type_of(edge.label) != "VJ" || !is_conjunction(edge.other)) continue;
      for (const Edge& up : edges_[edge.other]) {
        if (type_of(up.label) == "S" && !up.to_right) return conjuncts(up.other);
      }
      // The conjunction itself under an auxiliary: "was [signed in 1992] and [set up]".
      for (const Edge& up : edges_[edge.other]) {
        const std::string_view up_type = type_of(up.label);
        if (!up.to_right && (up_type == "I" || up_type == "P" || up_type == "PP")) {
          for (const Edge& subject : edges_[up.other]) {
            if (type_of(subject.label) == "S" && !subject.to_right) return conjuncts(subject.other);
          }
        }
      }
      // A conjunction inside a relative clause or under another conjunction.
      for (const Edge& first : edges_[edge.other]) {
        if (type_of(first.label) == "VJ" && !first.to_right && first.other != w) {
          std::vector<std::size_t> shared = subjects(first.other);
          if (!shared.empty()) return shared;
        }
      }
    }
  }
  // "After leaving X, Y returned", "Since joining X, Y has…", "Having left X, Y…": a
  // participle in an opening phrase has the main clause's subject (CO links the opener).
  for (const Edge& edge : edges_[chain.back()]) {
    if (edge.to_right) continue;
    const std::size_t opener = edge.other;
    const bool preposition = type_of(edge.label) == "M" || type_of(edge.label) == "J";
    for (const Edge& co : edges_[preposition ? opener : chain.back()]) {
      if (co.to_right && type_of(co.label) == "CO") return conjuncts(co.other);
    }
  }
  for (const Edge& co : edges_[chain.back()]) {
    if (co.to_right && type_of(co.label) == "CO") return conjuncts(co.other);
  }
  // A participle or relative clause without a subject of its own: the noun it modifies.
  if (const auto noun = modified_noun(chain.back())) {
    if (!one_of(lower_[*noun], {"which", "who", "that"})) return conjuncts(*noun);
  }
  return {};
}

std::vector<std::size_t> Clauses::objects(std::size_t verb) const {
  std::vector<std::size_t> out;
  for (const Edge& edge : edges_[verb]) {
    if (edge.to_right && type_of(edge.label) == "O") {
      for (const std::size_t each : conjuncts(edge.other)) out.push_back(each);
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::size_t>> Clauses::preposition_objects(
    std::size_t word) const {
  std::vector<std::pair<std::string, std::size_t>> out;
  for (const Edge& edge : edges_[word]) {
    if (!edge.to_right) continue;
    const std::string_view type = type_of(edge.label);
    if (type != "MV" && type != "M" && type != "MX" && type != "OF" && type != "K") continue;
    const std::size_t preposition = edge.other;
    // "not in the organization itself": a negated phrase says where it is not.
    bool negated = false;
    for (const Edge& inner : edges_[preposition]) {
      negated |= one_of(lower_[inner.other], {"not", "never", "n't"});
    }
    if (negated) continue;
    // "pulled out of": K links the particle, which takes "of".
    if (type == "K") {
      for (const auto& [inner, object] : preposition_objects(preposition)) {
        out.emplace_back(lower_[preposition] + " " + inner, object);
      }
      continue;
    }
    for (const Edge& inner : edges_[preposition]) {
      if (inner.to_right && (type_of(inner.label) == "J" || type_of(inner.label) == "ON" ||
                             type_of(inner.label) == "IN")) {
        for (const std::size_t each : conjuncts(inner.other)) {
          out.emplace_back(lower_[preposition], each);
        }
      }
    }
  }
  return out;
}

std::optional<std::size_t> Clauses::possessor(std::size_t noun) const {
  for (const Edge& edge : edges_[noun]) {
    if (edge.to_right || type_of(edge.label) != "D") continue;
    const std::size_t determiner = edge.other;
    if (one_of(lower_[determiner], {"its", "their"})) return determiner;
    if (lower_[determiner] == "'s" || lower_[determiner] == "’s" || lower_[determiner] == "'") {
      for (const Edge& owner : edges_[determiner]) {
        if (!owner.to_right && (type_of(owner.label) == "YS" || type_of(owner.label) == "YP")) {
          return owner.other;
        }
      }
    }
  }
  return std::nullopt;
}

bool Clauses::is_negated(std::size_t verb) const {
  for (const std::size_t w : verb_chain(verb)) {
    for (const Edge& edge : edges_[w]) {
      if (one_of(lower_[edge.other], {"not", "n't", "never", "neither", "nor"})) return true;
      if (lower_[edge.other] == "longer") return true;  // "no longer"
    }
  }
  return false;
}

std::vector<std::size_t> Clauses::governors(std::size_t verb) const {
  std::vector<std::size_t> out;
  const std::vector<std::size_t> chain = verb_chain(verb);
  for (std::size_t i = 1; i < chain.size(); ++i) {
    if (lower_[chain[i]] != "to") out.push_back(chain[i]);
  }
  // "the invitation to join": the infinitive hangs from a noun, the noun from a verb; and
  // whatever modifies the verb group ("has yet to join").
  for (const std::size_t w : chain) {
    for (const Edge& edge : edges_[w]) {
      if (edge.to_right) continue;
      if (lower_[w] == "to") {
        out.push_back(edge.other);
        for (const Edge& up : edges_[edge.other]) {
          if (!up.to_right && type_of(up.label) == "O") out.push_back(up.other);
        }
      }
    }
  }
  // "has yet to join": an adverb of the verb group that says it has not happened.
  for (const std::size_t w : chain) {
    for (const Edge& edge : edges_[w]) {
      if (one_of(lower_[edge.other], {"yet"})) out.push_back(edge.other);
    }
  }
  // A clause under "that": "denied that X had joined", "reports that X had left": the
  // complementizer and the word that takes it.
  for (const std::size_t w : chain) {
    for (const Edge& edge : edges_[w]) {
      if (edge.to_right) continue;
      const std::string_view type = type_of(edge.label);
      if (type != "C" && type != "TH" && type != "CV") continue;
      out.push_back(edge.other);
      for (const Edge& up : edges_[edge.other]) {
        if (!up.to_right && (type_of(up.label) == "TH" || type_of(up.label) == "C")) {
          out.push_back(up.other);
        }
      }
    }
  }
  return out;
}

std::vector<std::size_t> Clauses::distances_from(std::size_t word,
                                                 const std::vector<std::size_t>& entry_cost) const {
  const std::size_t none = parse_.words.size() * 8;
  std::vector<std::size_t> distance(parse_.words.size(), none);
  // Dijkstra on a few dozen words: a linear scan for the nearest is fast enough.
  std::vector<bool> done(parse_.words.size(), false);
  distance[word] = 0;
  for (;;) {
    std::size_t w = none;
    for (std::size_t i = 0; i < distance.size(); ++i) {
      if (!done[i] && distance[i] < none && (w == none || distance[i] < distance[w])) w = i;
    }
    if (w == none) break;
    done[w] = true;
    for (const Edge& edge : edges_[w]) {
      // The walls join everything; a path through them says nothing.
      if (edge.other == 0 || parse_.words[edge.other].text.starts_with("RIGHT-WALL")) continue;
      const std::size_t cost =
          distance[w] + 1 + (edge.other < entry_cost.size() ? entry_cost[edge.other] : 0);
      if (cost < distance[edge.other]) distance[edge.other] = cost;
    }
  }
  return distance;
}

}  // namespace orgkg::ingest
