// Load and query benchmarks of a knowledge base, in process (Google Benchmark).
//
//   build/tools/orgkg_query_bench --kb=DIR [--answers=FILE] [benchmark flags]
//
// Loads the knowledge base once from its JSON documents (no snapshot) and prints the load
// time, the peak memory and the bytes of JSON and of memory per fact; then times each
// question on a deterministic sample of organizations and states, at a date (2000)
// unless the question has none. Besides Google Benchmark's mean, each question reports
// the median and 90th percentile of its calls (counters median_us, p90_us). --answers
// writes the answers to the sample's membership questions as JSON, in the shape of
// tools/bench/peers.py --answers, so that peers can be checked against orgkg.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "orgkg/path.h"
#include "orgkg/query.h"
#include "orgkg/render.h"
#include "orgkg/search.h"
#include "orgkg/store.h"
#include "orgkg/timeline.h"

namespace {

constexpr std::size_t kSample = 256;

struct Sample {
  std::vector<orgkg::EntityIndex> organizations;
  std::vector<orgkg::EntityIndex> states;
};

Sample pick(const orgkg::KnowledgeGraph& graph) {
  Sample sample;
  for (orgkg::EntityIndex i = 0; i < graph.entity_count(); ++i) {
    const orgkg::EntityKind kind = graph.entity_kind(i);
    if (kind == orgkg::EntityKind::kOrganization) sample.organizations.push_back(i);
    if (kind == orgkg::EntityKind::kState) sample.states.push_back(i);
  }
  // An evenly spread, deterministic subset.
  const auto thin = [](std::vector<orgkg::EntityIndex>& all) {
    if (all.size() <= kSample) return;
    std::vector<orgkg::EntityIndex> kept;
    for (std::size_t i = 0; i < kSample; ++i) kept.push_back(all[i * all.size() / kSample]);
    all = std::move(kept);
  };
  thin(sample.organizations);
  thin(sample.states);
  return sample;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Registers a benchmark that calls `body(i)` for i = 0, 1, …, timing each call.
template <typename Body>
void add_timed(const char* name, Body body) {
  benchmark::RegisterBenchmark(name, [body](benchmark::State& state) {
    std::vector<double> nanoseconds;
    std::size_t i = 0;
    for (auto _ : state) {
      const auto started = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(body(i++));
      nanoseconds.push_back(
          std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - started)
              .count());
    }
    std::sort(nanoseconds.begin(), nanoseconds.end());
    state.counters["median_us"] = nanoseconds[nanoseconds.size() / 2] / 1000;
    state.counters["p90_us"] = nanoseconds[nanoseconds.size() * 9 / 10] / 1000;
  })->Unit(benchmark::kMicrosecond);
}

std::string json_ids(const orgkg::KnowledgeGraph& graph, std::vector<orgkg::EntityIndex> ids) {
  std::vector<std::string> sorted;
  for (const orgkg::EntityIndex id : ids) sorted.emplace_back(graph.entity_id(id));
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string out = "[";
  for (const std::string& id : sorted) out += (out.size() > 1 ? ", \"" : "\"") + id + "\"";
  return out + "]";
}

// The answers to the sample's membership questions at `when`, as peers.py writes them.
std::string answers_json(const orgkg::KnowledgeGraph& graph, const Sample& sample,
                         const orgkg::DateSelection& when) {
  const auto& orgs = sample.organizations;
  const auto& states = sample.states;
  std::vector<std::string> members, memberships, shared, path;
  for (std::size_t k = 0; k < std::max(orgs.size(), states.size()); ++k) {
    if (k < orgs.size()) {
      std::vector<orgkg::EntityIndex> ids;
      for (const auto& row : orgkg::members(graph, orgs[k], when))
        ids.push_back(graph.subject_of(row.fact));
      members.push_back(json_ids(graph, ids));
    }
    if (k >= states.size()) continue;
    const orgkg::EntityIndex a = states[k];
    const orgkg::EntityIndex b = states[(k + 7) % states.size()];
    std::vector<orgkg::EntityIndex> ids;
    for (const auto& row : orgkg::memberships(graph, a, when))
      ids.push_back(*graph.object_of(row.fact));
    memberships.push_back(json_ids(graph, ids));
    ids.clear();
    for (const auto& row : orgkg::shared_organizations(graph, a, b, when))
      ids.push_back(row.entity);
    shared.push_back(json_ids(graph, ids));
    const auto steps = orgkg::connection(graph, a, b, when);
    path.push_back(steps ? std::to_string(steps->size()) : "null");
  }
  const auto list = [](const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out + "]";
  };
  return fmt::format("{{\"members\": {}, \"memberships\": {}, \"shared\": {}, \"path\": {}}}\n",
                     list(members), list(memberships), list(shared), list(path));
}

}  // namespace

int main(int argc, char** argv) {
  std::string kb_dir;
  std::string answers_file;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--kb=", 5) == 0) {
      kb_dir = argv[i] + 5;
    } else if (std::strncmp(argv[i], "--answers=", 10) == 0) {
      answers_file = argv[i] + 10;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (kb_dir.empty()) {
    std::cerr << "usage: orgkg_query_bench --kb=DIR [benchmark flags]\n";
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  std::vector<orgkg::DocumentError> errors;
  auto opened = orgkg::KnowledgeBase::open(kb_dir, errors);
  if (!opened.is_ok()) {
    std::cerr << opened.status().message() << '\n';
    for (const auto& error : errors) std::cerr << error.to_string() << '\n';
    return 1;
  }
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::unique_ptr<orgkg::KnowledgeBase> kb = std::move(opened).value();
  const orgkg::KnowledgeGraph& graph = kb->graph();
  std::uintmax_t json_bytes = 0;
  for (const auto& file : kb->files()) json_bytes += std::filesystem::file_size(file);
  const long peak_kib = peak_rss_kib();
  const double facts = static_cast<double>(std::max<std::size_t>(1, graph.fact_count()));
  std::cout << fmt::format(
      "knowledge base {}: {} facts, {} entities, {} bytes of JSON ({:.0f} per fact); load {:.3f} "
      "s, peak RSS {} MiB ({:.0f} bytes per fact, {:.2f}x the JSON)\n",
      kb_dir, graph.fact_count(), graph.entity_count(), json_bytes,
      static_cast<double>(json_bytes) / facts, load_seconds, peak_kib / 1024,
      static_cast<double>(peak_kib) * 1024 / facts,
      static_cast<double>(peak_kib) * 1024 / static_cast<double>(json_bytes));

  const Sample sample = pick(graph);
  if (sample.organizations.size() < 2 || sample.states.size() < 2) {
    std::cerr << "the knowledge base needs at least two organizations and two states\n";
    return 1;
  }
  const orgkg::DateSelection at_2000{*orgkg::PartialDate::parse("2000")};
  const auto& orgs = sample.organizations;
  const auto& states = sample.states;
  const auto nth = [](const std::vector<orgkg::EntityIndex>& all, std::size_t i) {
    return all[i % all.size()];
  };

  if (!answers_file.empty()) {
    std::ofstream(answers_file) << answers_json(graph, sample, at_2000);
  }
  const auto add = [](const char* name, auto body) { add_timed(name, body); };
  add("members_at", [&](std::size_t i) { return orgkg::members(graph, nth(orgs, i), at_2000); });
  add("memberships_at",
      [&](std::size_t i) { return orgkg::memberships(graph, nth(states, i), at_2000); });
  add("shared_at", [&](std::size_t i) {
    return orgkg::shared_organizations(graph, nth(states, i), nth(states, i + 7), at_2000);
  });
  add("path_at", [&](std::size_t i) {
    return orgkg::connection(graph, nth(states, i), nth(states, i + 7), at_2000);
  });
  add("common_at", [&](std::size_t i) {
    const orgkg::EntityIndex pair[] = {nth(orgs, i), nth(orgs, i + 1)};
    return orgkg::common_members(graph, pair, at_2000);
  });
  add("history_all", [&](std::size_t i) {
    return orgkg::history(graph, nth(states, i), std::nullopt, orgkg::DateSelection{});
  });
  add("timeline", [&](std::size_t i) { return orgkg::timeline(graph, nth(orgs, i)); });
  add("info_all",
      [&](std::size_t i) { return orgkg::profile(graph, nth(orgs, i), orgkg::DateSelection{}); });
  add("resolve_name", [&](std::size_t i) {
    return orgkg::resolve_entity(graph, graph.entity_name(nth(states, i))).is_ok();
  });
  add("search", [&](std::size_t i) {
    return orgkg::search_entities(graph, graph.entity_name(nth(orgs, i)), 10);
  });

  // A diagram of about 200 nodes: the organizations with most members at 2000, added
  // until they have 190 members between them.
  orgkg::DiagramOptions diagram;
  diagram.when = at_2000;
  {
    std::vector<std::pair<std::size_t, orgkg::EntityIndex>> by_size;
    for (orgkg::EntityIndex i = 0; i < graph.entity_count(); ++i) {
      if (graph.entity_kind(i) != orgkg::EntityKind::kOrganization) continue;
      by_size.emplace_back(orgkg::members(graph, i, at_2000).size(), i);
    }
    std::sort(by_size.rbegin(), by_size.rend());
    std::set<orgkg::EntityIndex> drawn_members;
    for (const auto& [size, org] : by_size) {
      if (drawn_members.size() >= 190) break;
      diagram.organizations.push_back(org);
      for (const orgkg::FactRow& row : orgkg::members(graph, org, at_2000)) {
        drawn_members.insert(graph.subject_of(row.fact));
      }
    }
    std::cout << fmt::format("diagram: {} organizations, {} members\n",
                             diagram.organizations.size(), drawn_members.size());
  }
  for (const auto format : {orgkg::DiagramFormat::kDot, orgkg::DiagramFormat::kSvg}) {
    const char* name =
        format == orgkg::DiagramFormat::kDot ? "render_200_nodes_dot" : "render_200_nodes_svg";
    benchmark::RegisterBenchmark(name, [&graph, &diagram, format](benchmark::State& state) {
      for (auto _ : state) benchmark::DoNotOptimize(orgkg::render_diagram(graph, diagram, format));
    })->Unit(benchmark::kMillisecond);
  }

  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
