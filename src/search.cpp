#include "orgkg/search.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "orgkg/names.h"

namespace orgkg {
namespace {

constexpr std::size_t kTypoBase = 4;

// The score of one name against the folded text, or nullopt when it does not match.
std::optional<std::size_t> score_name(std::string_view folded_text, std::string_view folded) {
  if (folded == folded_text) return 0;
  if (folded.starts_with(folded_text)) return 1;
  const std::size_t at = folded.find(folded_text);
  if (at != std::string_view::npos) return folded[at - 1] == ' ' ? 2 : 3;
  const std::size_t distance = edit_distance(folded_text, folded);
  const std::size_t longer = std::max(folded_text.size(), folded.size());
  if (distance * 3 <= longer) return kTypoBase + distance;
  return std::nullopt;
}

// Of two matches of one entity: the lower score, then the shorter text, then its name
// rather than an alias or id (so that a table shows the name it knows).
bool better(const KnowledgeGraph& graph, const SearchMatch& a, const SearchMatch& b) {
  if (a.score != b.score) return a.score < b.score;
  if (a.matched.size() != b.matched.size()) return a.matched.size() < b.matched.size();
  const std::string_view name = graph.entity_name(a.entity);
  return a.matched == name && b.matched != name;
}

}  // namespace

std::vector<SearchMatch> search_entities(const KnowledgeGraph& graph, std::string_view text,
                                         std::size_t limit) {
  const std::string folded_text = fold_name(text);
  std::vector<SearchMatch> matches;
  if (folded_text.empty()) return matches;
  // The best key of each entity; keys are folded already, so a scan is a string match
  // per key, and an edit distance only for keys of a comparable length.
  std::unordered_map<EntityIndex, std::size_t> best;  // entity -> position in matches
  graph.for_each_name([&](const KnowledgeGraph::NameKey& key) {
    const std::size_t longer = std::max(folded_text.size(), key.folded.size());
    const std::size_t shorter = std::min(folded_text.size(), key.folded.size());
    if (key.folded.find(folded_text) == std::string_view::npos && (longer - shorter) * 3 > longer) {
      return;  // neither contains the text nor can be a typo of it
    }
    const auto score = score_name(folded_text, key.folded);
    if (!score) return;
    const auto [it, inserted] = best.try_emplace(key.entity, matches.size());
    SearchMatch candidate{key.entity, std::string(key.text), *score};
    if (inserted) {
      matches.push_back(std::move(candidate));
    } else if (better(graph, candidate, matches[it->second])) {
      matches[it->second] = std::move(candidate);
    }
  });
  std::sort(matches.begin(), matches.end(), [&graph](const SearchMatch& a, const SearchMatch& b) {
    if (a.score != b.score) return a.score < b.score;
    if (a.matched.size() != b.matched.size()) return a.matched.size() < b.matched.size();
    return graph.entity_id(a.entity) < graph.entity_id(b.entity);
  });
  if (matches.size() > limit) matches.resize(limit);
  return matches;
}

}  // namespace orgkg
