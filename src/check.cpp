#include "orgkg/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

namespace orgkg {
namespace {

constexpr DayNumber kMin = std::numeric_limits<DayNumber>::min();
constexpr DayNumber kMax = std::numeric_limits<DayNumber>::max();

// The days on which an interval fact surely held: from its latest possible start to the
// day before its earliest possible end. Empty (first > last) when nothing is sure.
DaySpan sure_interval(const ValiditySpans& validity) {
  return {validity.has_from ? validity.from.last : kMin,
          validity.has_until ? validity.until.first - 1 : kMax};
}

bool overlaps(const DaySpan& a, const DaySpan& b) {
  return a.first <= a.last && b.first <= b.last && a.first <= b.last && b.first <= a.last;
}

// Whether an interval may have held on some day of `days`.
bool may_hold(const ValiditySpans& validity, const DaySpan& days) {
  const DayNumber earliest = validity.has_from ? validity.from.first : kMin;
  const DayNumber latest = validity.has_until ? validity.until.last - 1 : kMax;
  return earliest <= days.last && days.first <= latest;
}

std::string when(const Fact& fact) {
  const Validity& v = fact.validity;
  if (v.from || v.until) {
    return fmt::format("{}–{}", v.from ? v.from->to_string() : "…",
                       v.until ? v.until->to_string() : "");
  }
  return v.at ? "at " + v.at->to_string() : std::string("undated");
}

class Checker {
 public:
  Checker(const KnowledgeGraph& graph, const std::function<bool(FactIndex)>& involves)
      : graph_(graph), involves_(involves) {}

  std::vector<Contradiction> run() {
    for (EntityIndex entity = 0; entity < graph_.entity_count(); ++entity) {
      check_events(entity);
      check_memberships_of_organization(entity);
    }
    return std::move(found_);
  }

 private:
  void report(ContradictionKind kind, std::string message, std::vector<FactIndex> facts) {
    if (involves_ && std::none_of(facts.begin(), facts.end(), involves_)) return;
    found_.push_back(Contradiction{kind, std::move(message), std::move(facts)});
  }

  std::string_view name(EntityIndex entity) const { return graph_.entity_name(entity); }

  // Two dates of one event whose spans do not meet ("2002" and "2002-10-07" agree).
  void check_events(EntityIndex entity) {
    const auto events = graph_.events_of(entity);
    for (std::size_t i = 0; i < events.size(); ++i) {
      for (std::size_t j = i + 1; j < events.size(); ++j) {
        const Fact& a = graph_.fact(events[i]);
        const Fact& b = graph_.fact(events[j]);
        if (a.relation != b.relation) continue;
        const DaySpan sa = a.date->span();
        const DaySpan sb = b.date->span();
        if (sa.first <= sb.last && sb.first <= sa.last) continue;
        report(ContradictionKind::kEventDates,
               fmt::format("{} {} on two dates: {} and {}", name(entity), relation_name(a.relation),
                           a.date->to_string(), b.date->to_string()),
               {events[i], events[j]});
      }
    }
  }

  // The organization's lifetime from its events: the latest possible establishment, the
  // earliest possible dissolution; memberships may start from the signing of a treaty the
  // organization is based on.
  void check_memberships_of_organization(EntityIndex organization) {
    const std::span<const KnowledgeGraph::FactLink> links =
        graph_.links_into(organization, Relation::kMemberOf);
    if (links.empty()) return;
    std::optional<FactIndex> established;
    std::optional<FactIndex> dissolved;
    for (const FactIndex event : graph_.events_of(organization)) {  // in date order
      const Relation relation = graph_.relation_of(event);
      if (relation == Relation::kEstablished && !established) established = event;
      if (relation == Relation::kDissolved) dissolved = event;
    }
    // The earliest day a membership may count from: the establishment, or the earliest
    // signing of a treaty the organization is based on.
    std::optional<DayNumber> start;
    if (established) start = graph_.fact(*established).date->span().first;
    std::optional<FactIndex> start_fact = established;
    for (const FactIndex basis : graph_.facts_from(organization, Relation::kBasedOn)) {
      for (const FactIndex event : graph_.events_of(*graph_.object_of(basis))) {
        const Fact& signed_fact = graph_.fact(event);
        if (signed_fact.relation != Relation::kSigned) continue;
        const DayNumber day = signed_fact.date->span().first;
        if (!start || day < *start) {
          start = day;
          start_fact = event;
        }
      }
    }

    std::size_t run = 0;
    while (run < links.size()) {
      std::size_t end = run;
      while (end < links.size() && links[end].other == links[run].other) ++end;
      check_pair(organization, std::span(links).subspan(run, end - run));
      for (std::size_t i = run; i < end; ++i)
        check_lifetime(organization, links[i], start, start_fact, dissolved);
      run = end;
    }
  }

  void check_lifetime(EntityIndex organization, const KnowledgeGraph::FactLink& link,
                      std::optional<DayNumber> start, std::optional<FactIndex> start_fact,
                      std::optional<FactIndex> dissolved) {
    const ValiditySpans v = link.validity.spans();
    const Fact& fact = graph_.fact(link.fact);
    if (start) {
      // Surely began (or was claimed) before the organization could have counted members.
      const std::optional<DayNumber> latest_start =
          v.has_from ? std::optional(v.from.last)
                     : (v.has_at && !v.has_until ? std::optional(v.at.last) : std::nullopt);
      if (latest_start && *latest_start < *start) {
        report(
            ContradictionKind::kBeforeEstablished,
            fmt::format("{} is a member of {} ({}) before it existed ({})", name(link.other),
                        name(organization), when(fact), graph_.fact(*start_fact).date->to_string()),
            {link.fact, *start_fact});
      }
    }
    if (dissolved) {
      const DaySpan end_of_org = graph_.fact(*dissolved).date->span();
      const bool goes_on = v.has_from || v.has_until
                               ? (!v.has_until || v.until.first > end_of_org.last + 1)
                               : (v.has_at && v.at.first > end_of_org.last);
      if (goes_on) {
        report(
            ContradictionKind::kAfterDissolved,
            fmt::format("{} is a member of {} ({}) after it was dissolved ({})", name(link.other),
                        name(organization), when(fact), graph_.fact(*dissolved).date->to_string()),
            {link.fact, *dissolved});
      }
    }
  }

  // The facts of one (member, organization) pair.
  void check_pair(EntityIndex organization, std::span<const KnowledgeGraph::FactLink> pair) {
    // Each fact's spans, decoded once.
    std::vector<ValiditySpans> spans;
    spans.reserve(pair.size());
    for (const KnowledgeGraph::FactLink& link : pair) spans.push_back(link.validity.spans());
    const auto is_interval = [&pair](std::size_t i) { return pair[i].validity.has_interval(); };
    for (std::size_t i = 0; i < pair.size(); ++i) {
      const KnowledgeGraph::FactLink& a = pair[i];
      if (is_interval(i)) {
        for (std::size_t j = i + 1; j < pair.size(); ++j) {
          const KnowledgeGraph::FactLink& b = pair[j];
          if (!is_interval(j) || a.status == b.status) continue;
          if (!overlaps(sure_interval(spans[i]), sure_interval(spans[j]))) continue;
          report(ContradictionKind::kOverlappingStatuses,
                 fmt::format("{} in {}: {} ({}) overlaps {} ({})", name(a.other),
                             name(organization), status_name(a.status), when(graph_.fact(a.fact)),
                             status_name(b.status), when(graph_.fact(b.fact))),
                 {a.fact, b.fact});
        }
        continue;
      }
      const ValiditySpans& claim = spans[i];
      if (!claim.has_at) continue;
      // A claim: contradicted by an interval of another status surely holding on every day
      // the claim may mean, or by intervals none of which may hold then.
      std::vector<FactIndex> intervals;
      bool covered = false;
      for (std::size_t j = 0; j < pair.size(); ++j) {
        if (!is_interval(j)) continue;
        const KnowledgeGraph::FactLink& b = pair[j];
        intervals.push_back(b.fact);
        if (may_hold(spans[j], claim.at)) covered = true;
        const DaySpan sure = sure_interval(spans[j]);
        const bool covers_claim = sure.first <= claim.at.first && claim.at.last <= sure.last;
        if (b.status != a.status && covers_claim) {
          report(ContradictionKind::kClaimAgainstHistory,
                 fmt::format("{} in {}: claimed {} {}, but {} ({})", name(a.other),
                             name(organization), status_name(a.status), when(graph_.fact(a.fact)),
                             status_name(b.status), when(graph_.fact(b.fact))),
                 {a.fact, b.fact});
        }
      }
      if (!intervals.empty() && !covered) {
        std::vector<FactIndex> sides = {a.fact};
        sides.insert(sides.end(), intervals.begin(), intervals.end());
        report(
            ContradictionKind::kClaimAgainstHistory,
            fmt::format("{} in {}: claimed {} {}, outside every recorded interval", name(a.other),
                        name(organization), status_name(a.status), when(graph_.fact(a.fact))),
            std::move(sides));
      }
    }
  }

  const KnowledgeGraph& graph_;
  const std::function<bool(FactIndex)>& involves_;
  std::vector<Contradiction> found_;
};

}  // namespace

const char* contradiction_kind_name(ContradictionKind kind) {
  switch (kind) {
    case ContradictionKind::kOverlappingStatuses:
      return "overlapping_statuses";
    case ContradictionKind::kClaimAgainstHistory:
      return "claim_against_history";
    case ContradictionKind::kEventDates:
      return "event_dates";
    case ContradictionKind::kBeforeEstablished:
      return "before_established";
    case ContradictionKind::kAfterDissolved:
      break;
  }
  return "after_dissolved";
}

std::vector<Contradiction> find_contradictions(const KnowledgeGraph& graph,
                                               const std::function<bool(FactIndex)>& involves) {
  return Checker(graph, involves).run();
}

}  // namespace orgkg
