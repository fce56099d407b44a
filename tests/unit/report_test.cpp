#include "orgkg/report.h"

#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <string>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

rapidjson::Document parse_json(const std::string& text) {
  rapidjson::Document document;
  document.Parse(text.c_str());
  REQUIRE_MESSAGE(!document.HasParseError(), text);
  return document;
}

TEST_CASE("members as JSON: the shape of DESIGN.md, one row per fact") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex csto = test::entity(graph, "csto");
  const DateSelection when = test::at("2017-04-12");
  const auto rows = members(graph, csto, when);
  const rapidjson::Document json =
      parse_json(format_members(graph, csto, when, {}, rows, OutputFormat::kJson));
  REQUIRE(json.IsObject());
  CHECK(std::string(json["query"]["command"].GetString()) == "members");
  CHECK(std::string(json["query"]["org"].GetString()) == "csto");
  CHECK(std::string(json["query"]["at"].GetString()) == "2017-04-12");
  const auto& out = json["rows"];
  REQUIRE(out.Size() == rows.size());
  const auto& last = out[out.Size() - 1];  // Uzbekistan per the article
  for (const char* key : {"entity", "name", "relation", "status", "answer", "from", "until", "at",
                          "sources", "disputed"}) {
    CAPTURE(key);
    CHECK(last.HasMember(key));
  }
  CHECK(std::string(last["entity"].GetString()) == "uzbekistan");
  CHECK(std::string(last["answer"].GetString()) == "yes");
  CHECK(last["from"].IsNull());
  CHECK(std::string(last["at"].GetString()) == "2017-04-12");
  CHECK(last["disputed"].GetBool());
  CHECK(std::string(last["sources"][0].GetString()) == "tass-2017-04-12");
  CHECK(std::string(last["citations"][0]["publisher"].GetString()) == "TASS");
  CHECK(std::string(out[0]["entity"].GetString()) == "armenia");
  CHECK_FALSE(out[0]["disputed"].GetBool());
}

TEST_CASE("memberships as CSV: one header line and the same columns") {
  const auto kb = test::small_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex sudria = test::entity(graph, "sudria");
  const auto rows = memberships(graph, sudria, DateSelection{});
  CHECK(format_memberships(graph, sudria, DateSelection{}, {}, rows, OutputFormat::kCsv) ==
        "organization,name,relation,status,answer,from,until,at,sources,disputed\n"
        "npact,Northern Pact,member_of,associate,,2005,2008,,,false\n"
        "npact,Northern Pact,member_of,full,,,,2007-05-01,herald-2010,false\n"
        "spact,Southern Pact,member_of,full,,2004-06-01,2016-01,,courier-2015,false\n");
}

TEST_CASE("CSV quotes cells with commas and quotes") {
  test::TempDir dir;
  dir.write("kb.json",
            "{\"orgkg\": 1, \"entities\": [{\"id\": \"o\", \"kind\": \"organization\", \"name\": "
            "\"O\"}, {\"id\": \"s\", \"kind\": \"state\", \"name\": \"Korea, \\\"North\\\"\"}],\n"
            "\"facts\": [{\"subject\": \"s\", \"relation\": \"member_of\", \"object\": \"o\"}]}");
  const auto kb = test::open_kb(dir.path().string());
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex o = test::entity(graph, "o");
  const auto rows = members(graph, o, test::at("2000"));
  CHECK(format_members(graph, o, test::at("2000"), {}, rows, OutputFormat::kCsv) ==
        "entity,name,relation,status,answer,from,until,at,sources,disputed\n"
        "s,\"Korea, \"\"North\"\"\",member_of,full,maybe,,,,,false\n");
}

TEST_CASE("tables are aligned, fit 80 columns and say when the answer is empty") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityIndex csto = test::entity(graph, "csto");
  const auto rows = members(graph, csto, test::at("1995"));
  const std::string table =
      format_members(graph, csto, test::at("1995"), {}, rows, OutputFormat::kTable);
  CHECK(table.rfind("Members of Collective Security Treaty Organization (csto) at 1995\n"
                    "MEMBER      STATUS  ANSWER  WHEN                     SOURCES\n"
                    "Armenia     full    yes     1992-05-15 – 2024-02     ",
                    0) == 0);
  std::size_t start = 0;
  while (start < table.size()) {
    const std::size_t end = table.find('\n', start);
    const std::string line = table.substr(start, end - start);
    std::size_t width = 0;
    for (const char c : line) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    CAPTURE(line);
    CHECK(width <= 80);
    start = end + 1;
  }
  const auto none = members(graph, csto, test::at("1980"));
  CHECK(format_members(graph, csto, test::at("1980"), {}, none, OutputFormat::kTable) ==
        "Members of Collective Security Treaty Organization (csto) at 1980\n"
        "No member of Collective Security Treaty Organization is known at 1980.\n");
}

TEST_CASE("dates of a fact in words, at their precision") {
  Fact fact;
  fact.validity.from = test::date("1992-05-15");
  fact.validity.until = test::date("1999");
  CHECK(describe_when(fact) == "1992-05-15 – 1999");
  fact.validity.until.reset();
  CHECK(describe_when(fact) == "1992-05-15 –");
  fact.validity.from.reset();
  fact.validity.at = test::date("2017-04-12");
  CHECK(describe_when(fact) == "at 2017-04-12");
  fact.validity.at.reset();
  CHECK(describe_when(fact) == "undated");
  fact.validity.until = test::date("2012-06");
  CHECK(describe_when(fact) == "… – 2012-06");
}

TEST_CASE("info as JSON names the entity, its counts and every fact") {
  const auto kb = test::shipped_kb();
  const KnowledgeGraph& graph = kb->graph();
  const EntityProfile csto = profile(graph, test::entity(graph, "csto"), DateSelection{});
  const rapidjson::Document json =
      parse_json(format_profile(graph, csto, DateSelection{}, OutputFormat::kJson));
  CHECK(std::string(json["entity"]["kind"].GetString()) == "organization");
  CHECK(std::string(json["entity"]["aliases"][1].GetString()) == "ОДКБ");
  CHECK(std::string(json["entity"]["codes"]["cow"].GetString()) == "CSTO");
  CHECK(json["counts"]["members"].GetInt() == 9);
  CHECK(json["rows"].Size() == 4);
  const auto kb_small = test::small_kb();
  const EntityProfile ostland =
      profile(kb_small->graph(), test::entity(kb_small->graph(), "ostland"), DateSelection{});
  const rapidjson::Document small =
      parse_json(format_profile(kb_small->graph(), ostland, DateSelection{}, OutputFormat::kJson));
  CHECK(small["entity"]["codes"]["cow"].GetInt() == 901);
}

}  // namespace
}  // namespace orgkg
