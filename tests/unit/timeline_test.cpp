#include "orgkg/timeline.h"

#include <doctest/doctest.h>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

std::string describe(const KnowledgeGraph& graph, const std::vector<TimelineEvent>& events) {
  std::string out;
  for (const TimelineEvent& event : events) {
    out += event.date.to_string() + ' ' + graph.entity(event.entity).id.value + ' ' +
           timeline_event_name(event);
    if (event.from_status)
      out += std::string(" ") + std::string(status_name(*event.from_status)) + "->";
    if (event.status)
      out += std::string(event.from_status ? "" : " ") + std::string(status_name(*event.status));
    out += '\n';
  }
  return out;
}

TEST_CASE("timeline of the small pact: events, joins, departures, status changes") {
  const auto kb = test::small_kb();
  const KnowledgeGraph& graph = kb->graph();
  CHECK(describe(graph, timeline(graph, test::entity(graph, "npact"))) ==
        "1999-11 ntreaty signed\n"
        "2001 westmark joined full\n"
        "2001-03-01 npact established\n"
        "2001-03-01 ostland joined full\n"
        "2005 sudria joined associate\n"
        "2008 sudria left associate\n"
        "2010-06-15 ostland status_changed full->observer\n");
  CHECK(describe(graph, timeline(graph, test::entity(graph, "spact"))) ==
        "2004 spact established\n"
        "2004 westmark joined full\n"
        "2004-06-01 sudria joined full\n"
        "2012 nordia joined applicant\n"
        "2016-01 spact dissolved\n"
        "2016-01 westmark left full\n"
        "2016-01 sudria left full\n");
}

TEST_CASE("the CSTO's timeline reads Uzbekistan's and Armenia's history") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const std::string text = describe(graph, timeline(graph, test::entity(graph, "csto")));
  CHECK(text.find("1992 cst signed\n1992-05-15 cst signed\n") == 0);
  CHECK(text.find("1999-04-20 uzbekistan left full\n") != std::string::npos);
  CHECK(text.find("2006-08-16 uzbekistan joined full\n") != std::string::npos);
  CHECK(text.find("2012-06 uzbekistan status_changed full->suspended\n") != std::string::npos);
  CHECK(text.find("2024-02 armenia status_changed full->suspended\n") != std::string::npos);
  CHECK(text.find("2017-04-12") == std::string::npos);  // claims are not events
}

}  // namespace
}  // namespace orgkg
