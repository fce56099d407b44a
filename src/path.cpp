#include "orgkg/path.h"

namespace orgkg {

std::optional<std::vector<PathStep>> connection(const KnowledgeGraph& graph, EntityIndex a,
                                                EntityIndex b, const DateSelection& when) {
  const std::optional<std::vector<FactIndex>> chain = graph.shortest_path(a, b, when.at);
  if (!chain) return std::nullopt;
  std::vector<PathStep> steps;
  EntityIndex at = a;
  for (const FactIndex index : *chain) {
    const EntityIndex subject = graph.subject_of(index);
    const EntityIndex object = *graph.object_of(index);
    const bool forward = subject == at;
    const EntityIndex next = forward ? object : subject;
    std::optional<Truth> answer;
    if (when.at) answer = holds_at(graph.validity_of(index), *when.at);
    steps.push_back(PathStep{FactRow{index, answer, false}, at, next, forward});
    at = next;
  }
  return steps;
}

}  // namespace orgkg
