#include "orgkg/search.h"

#include <algorithm>
#include <optional>

#include "orgkg/names.h"

namespace orgkg {
namespace {

constexpr std::size_t kTypoBase = 4;

// The score of one name against the folded text, or nullopt when it does not match.
std::optional<std::size_t> score_name(const std::string& folded_text, const std::string& folded) {
  if (folded == folded_text) return 0;
  if (folded.starts_with(folded_text)) return 1;
  const std::size_t at = folded.find(folded_text);
  if (at != std::string::npos) return folded[at - 1] == ' ' ? 2 : 3;
  const std::size_t distance = edit_distance(folded_text, folded);
  const std::size_t longer = std::max(folded_text.size(), folded.size());
  if (distance * 3 <= longer) return kTypoBase + distance;
  return std::nullopt;
}

}  // namespace

std::vector<SearchMatch> search_entities(const KnowledgeGraph& graph, std::string_view text,
                                         std::size_t limit) {
  const std::string folded_text = fold_name(text);
  std::vector<SearchMatch> matches;
  if (folded_text.empty()) return matches;
  for (EntityIndex index = 0; index < graph.entity_count(); ++index) {
    const Entity& entity = graph.entity(index);
    std::optional<SearchMatch> best;
    const auto consider = [&](const std::string& name) {
      const auto score = score_name(folded_text, fold_name(name));
      if (score && (!best || *score < best->score)) best = SearchMatch{index, name, *score};
    };
    consider(entity.name);
    for (const std::string& alias : entity.aliases) consider(alias);
    consider(entity.id.value);
    if (best) matches.push_back(std::move(*best));
  }
  std::sort(matches.begin(), matches.end(), [&graph](const SearchMatch& a, const SearchMatch& b) {
    if (a.score != b.score) return a.score < b.score;
    if (a.matched.size() != b.matched.size()) return a.matched.size() < b.matched.size();
    return graph.entity(a.entity).id < graph.entity(b.entity).id;
  });
  if (matches.size() > limit) matches.resize(limit);
  return matches;
}

}  // namespace orgkg
