#include "orgkg/load.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <map>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

namespace fs = std::filesystem;

// Every file of a directory and its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file())
      files[entry.path().filename().string()] = test::read_text(entry.path().string());
  }
  return files;
}

// A temporary knowledge base holding a copy of tests/data/kb-small, and a place for
// batches outside it.
struct Fixture {
  test::TempDir kb;
  test::TempDir batches;
  Fixture() {
    for (const auto& entry : fs::directory_iterator(test::test_data("kb-small"))) {
      fs::copy_file(entry.path(), kb.path() / entry.path().filename());
    }
  }
  Result<LoadResult> load(const std::string& text, LoadOptions options = {},
                          const std::string& name = "batch.json") {
    errors.clear();
    return load_documents(kb.path(), {batches.write(name, text)}, options, errors);
  }
  std::vector<DocumentError> errors;
};

constexpr const char* kBatch = R"({"orgkg": 1,
 "sources": [{"id": "bulletin-2020", "title": "Bulletin", "publisher": "Test Bulletin", "published": "2020"},
             {"id": "herald-2010", "title": "Ostland leaves the Northern Pact", "publisher": "Test Herald", "published": "2010-06"}],
 "entities": [{"id": "eastria", "kind": "state", "name": "Eastria"},
              {"id": "westmark", "kind": "state", "name": "Westmark", "codes": {"iso3166": "WM", "cow": 902}}],
 "facts": [{"subject": "eastria", "relation": "member_of", "object": "npact", "status": "observer", "from": "2019", "sources": [{"source": "bulletin-2020", "quote": "Eastria observes"}]},
           {"subject": "westmark", "relation": "member_of", "object": "npact", "status": "full", "from": "2001", "sources": [{"source": "bulletin-2020", "quote": "a founder"}]},
           {"subject": "ostland", "relation": "member_of", "object": "npact", "from": "2001-03-01", "until": "2010-06-15", "sources": [{"source": "herald-2010", "quote": "left on 15 June"}]}]})";

TEST_CASE("a batch adds what is new, merges citations into known facts, leaves the rest") {
  Fixture f;
  const auto before = snapshot(f.kb.path());
  const Result<LoadResult> loaded = f.load(kBatch);
  REQUIRE_MESSAGE(loaded.is_ok(), loaded.status().message());
  const LoadResult& result = loaded.value();
  CHECK(result.sources_added == 1);
  CHECK(result.entities_added == 1);
  CHECK(result.facts_added == 1);
  CHECK(result.facts_merged == 1);  // westmark's membership gains a citation
  CHECK(result.unchanged == 3);     // herald-2010, westmark, ostland's interval
  CHECK(result.contradictions.empty());
  REQUIRE(result.written.has_value());
  CHECK(result.written->filename() == "load-000001-batch.json");
  const auto after = snapshot(f.kb.path());
  for (const auto& [name, text] : before) CHECK(after.at(name) == text);  // nothing rewritten
  CHECK(
      after.at("load-000001-batch.json") ==
      "{\n  \"orgkg\": 1,\n  \"sources\": [\n"
      "    {\"id\": \"bulletin-2020\", \"title\": \"Bulletin\", \"publisher\": \"Test Bulletin\", "
      "\"published\": \"2020\"}\n  ],\n  \"entities\": [\n"
      "    {\"id\": \"eastria\", \"kind\": \"state\", \"name\": \"Eastria\"}\n  ],\n  \"facts\": "
      "[\n"
      "    {\"subject\": \"eastria\", \"relation\": \"member_of\", \"object\": \"npact\", "
      "\"status\": "
      "\"observer\", \"from\": \"2019\", \"sources\": [{\"source\": \"bulletin-2020\", \"quote\": "
      "\"Eastria observes\"}]},\n"
      "    {\"subject\": \"westmark\", \"relation\": \"member_of\", \"object\": \"npact\", "
      "\"status\": \"full\", \"from\": \"2001\", \"sources\": [{\"source\": \"bulletin-2020\", "
      "\"quote\": \"a founder\"}]}\n  ]\n}\n");

  // Read back: one westmark fact with both citations, no duplicate.
  const auto kb = test::open_kb(f.kb.path().string());
  const KnowledgeGraph& graph = kb->graph();
  const auto westmark = members(graph, test::entity(graph, "npact"), test::at("2005"));
  std::size_t westmark_rows = 0;
  for (const FactRow& row : westmark) {
    if (graph.fact(row.fact).subject.value != "westmark") continue;
    ++westmark_rows;
    CHECK(graph.fact(row.fact).sources.size() == 1);  // fixture had none; the load added one
  }
  CHECK(westmark_rows == 1);

  // The same batch again changes nothing.
  const Result<LoadResult> again = f.load(kBatch);
  REQUIRE(again.is_ok());
  CHECK(again->facts_added + again->facts_merged + again->sources_added + again->entities_added ==
        0);
  CHECK_FALSE(again->written.has_value());
  CHECK(snapshot(f.kb.path()) == after);
}

TEST_CASE("a note a batch brings to a known fact that had none is kept on disk") {
  Fixture f;
  constexpr const char* kFact = R"({"orgkg": 1, "facts": [{"subject": "westmark",
    "relation": "member_of", "object": "npact", "status": "full", "from": "2001"%s}]})";
  const auto with = [&](const char* rest) {
    std::string text = kFact;
    text.replace(text.find("%s"), 2, rest);
    return text;
  };
  REQUIRE(f.load(with("")).is_ok());  // known already: nothing to write
  const Result<LoadResult> noted = f.load(with(", \"note\": \"founding member\""));
  REQUIRE_MESSAGE(noted.is_ok(), noted.status().message());
  CHECK(noted->facts_merged == 1);
  REQUIRE(noted->written.has_value());
  const auto kb = test::open_kb(f.kb.path().string());
  const KnowledgeGraph& graph = kb->graph();
  std::size_t rows = 0;
  for (const FactRow& row : members(graph, test::entity(graph, "npact"), test::at("2005"))) {
    if (graph.fact(row.fact).subject.value != "westmark") continue;
    ++rows;
    CHECK(graph.fact(row.fact).note == std::optional<std::string>("founding member"));
  }
  CHECK(rows == 1);
}

TEST_CASE("a rejected batch changes nothing and names both places of a conflict") {
  Fixture f;
  const auto before = snapshot(f.kb.path());
  const Result<LoadResult> loaded = f.load(R"({"orgkg": 1,
 "entities": [{"id": "westmark", "kind": "state", "name": "Westmarch"}],
 "facts": [{"subject": "nowhere", "relation": "member_of", "object": "npact"}]})");
  REQUIRE_FALSE(loaded.is_ok());
  CHECK(loaded.status().code() == StatusCode::kInvalidInput);
  REQUIRE(f.errors.size() == 2);
  const std::string batch = (f.batches.path() / "batch.json").string();
  const std::string alliance = (f.kb.path() / "alliance.json").string();
  CHECK(f.errors[0].to_string() == batch +
                                       ":2:22: /entities/0/id: entity 'westmark' is already "
                                       "defined differently (" +
                                       alliance + " at /entities/3)");
  CHECK(f.errors[1].to_string() == batch + ":3:24: /facts/0/subject: unknown entity 'nowhere'");
  CHECK(snapshot(f.kb.path()) == before);
}

TEST_CASE("contradictions: warned and loaded, or refused with --strict") {
  const char* contradicting = R"({"orgkg": 1, "facts": [
    {"subject": "westmark", "relation": "member_of", "object": "npact", "status": "suspended", "from": "2003", "until": "2004"}]})";
  {
    Fixture f;
    const auto before = snapshot(f.kb.path());
    LoadOptions strict;
    strict.strict = true;
    const Result<LoadResult> refused = f.load(contradicting, strict);
    REQUIRE(refused.is_ok());
    CHECK(refused->refused);
    REQUIRE(refused->contradictions.size() == 1);
    CHECK(refused->contradictions[0].kind == ContradictionKind::kOverlappingStatuses);
    CHECK_FALSE(refused->written.has_value());
    CHECK(snapshot(f.kb.path()) == before);
  }
  Fixture f;
  const Result<LoadResult> warned = f.load(contradicting);
  REQUIRE(warned.is_ok());
  CHECK_FALSE(warned->refused);
  CHECK(warned->contradictions.size() == 1);
  CHECK(warned->written.has_value());
}

TEST_CASE("a dry run writes nothing; stored names count up; stale temporaries are removed") {
  Fixture f;
  const auto before = snapshot(f.kb.path());
  LoadOptions dry;
  dry.dry_run = true;
  const Result<LoadResult> checked = f.load(kBatch, dry);
  REQUIRE(checked.is_ok());
  CHECK(checked->facts_added == 1);
  CHECK_FALSE(checked->written.has_value());
  CHECK(snapshot(f.kb.path()) == before);

  f.kb.write(".load-000001-x.json.tmp-99999", "half a docu");
  const Result<LoadResult> first = f.load(kBatch, {}, "Wire Report (EN).json");
  REQUIRE(first.is_ok());
  CHECK(first->written->filename() == "load-000001-wire-report--en-.json");
  CHECK_FALSE(fs::exists(f.kb.path() / ".load-000001-x.json.tmp-99999"));
  const Result<LoadResult> second = f.load(
      R"({"orgkg": 1, "entities": [{"id": "northia", "kind": "state", "name": "Northia"}]})");
  REQUIRE(second.is_ok());
  CHECK(second->written->filename() == "load-000002-batch.json");
}

TEST_CASE("an unwritable or missing knowledge base is an environment failure") {
  Fixture f;
  std::vector<DocumentError> errors;
  const Result<LoadResult> missing = load_documents(
      f.kb.path() / "missing", {f.batches.write("b.json", kBatch)}, LoadOptions{}, errors);
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().code() == StatusCode::kIo);
}

}  // namespace
}  // namespace orgkg
