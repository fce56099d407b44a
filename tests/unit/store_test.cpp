#include "orgkg/store.h"

#include <doctest/doctest.h>

#include "support/test_support.h"

namespace orgkg {
namespace {

// The errors of opening `dir`, one per line, with file names relative to it.
std::string open_errors(const test::TempDir& dir) {
  std::vector<DocumentError> errors;
  const auto kb = KnowledgeBase::open(dir.path(), errors);
  CHECK_FALSE(kb.is_ok());
  std::string lines;
  for (const DocumentError& error : errors) {
    std::string line = error.to_string();
    line.erase(0, dir.path().string().size() + 1);  // keep the file name only
    lines += line + '\n';
  }
  return lines;
}

std::string lines(std::initializer_list<std::string> items) {
  std::string joined;
  for (const std::string& item : items) joined += item + '\n';
  return joined;
}

constexpr const char* kStates =
    "{\"orgkg\": 1,\n"
    " \"sources\": [{\"id\": \"s\", \"title\": \"T\"}],\n"
    " \"entities\": [\n"
    "  {\"id\": \"pact\", \"kind\": \"organization\", \"name\": \"Pact\"},\n"
    "  {\"id\": \"kyrgyzstan\", \"kind\": \"state\", \"name\": \"Kyrgyzstan\"}\n"
    " ]}\n";

TEST_CASE("the shipped knowledge base opens") {
  std::vector<DocumentError> errors;
  const auto kb = KnowledgeBase::open(test::source_dir() + "/data", errors);
  REQUIRE_MESSAGE(kb.is_ok(), kb.status().message());
  CHECK(errors.empty());
  const KnowledgeGraph& graph = kb.value()->graph();
  CHECK(graph.find_id("csto").has_value());
  CHECK(graph.find_name("ОДКБ") == graph.find_id("csto"));
  CHECK(kb.value()->files().size() == 3);  // schema/ is not a document
}

TEST_CASE("documents link across files: references may point into another document") {
  test::TempDir dir;
  dir.write("a.json", kStates);
  dir.write("b.json",
            "{\"orgkg\": 1, \"facts\": [{\"subject\": \"kyrgyzstan\", \"relation\": \"member_of\", "
            "\"object\": \"pact\", \"sources\": [{\"source\": \"s\"}]}]}");
  dir.write("notes.txt", "not a document");
  std::vector<DocumentError> errors;
  const auto kb = KnowledgeBase::open(dir.path(), errors);
  REQUIRE_MESSAGE(kb.is_ok(), kb.status().message());
  CHECK(kb.value()->graph().fact_count() == 1);
}

TEST_CASE("unknown references are errors with the place and a suggestion") {
  test::TempDir dir;
  dir.write("a.json", kStates);
  dir.write("b.json",
            "{\"orgkg\": 1, \"facts\": [\n"
            "  {\"subject\": \"kyrgystan\", \"relation\": \"member_of\", \"object\": \"pact\"},\n"
            "  {\"subject\": \"kyrgyzstan\", \"relation\": \"member_of\", \"object\": \"nato\","
            " \"sources\": [{\"source\": \"nobody\"}]}\n"
            "]}");
  CHECK(
      open_errors(dir) ==
      lines(
          {"b.json:2:15: /facts/0/subject: unknown entity 'kyrgystan'; did you mean 'kyrgyzstan'?",
           "b.json:3:64: /facts/1/object: unknown entity 'nato'",
           "b.json:3:95: /facts/1/sources/0/source: unknown source 'nobody'"}));
}

TEST_CASE("redefinitions: identical ones merge, different ones name both places") {
  test::TempDir dir;
  dir.write("a.json", kStates);
  dir.write("b.json", kStates);  // identical: fine
  dir.write("c.json",
            "{\"orgkg\": 1,\n \"sources\": [{\"id\": \"s\", \"title\": \"Other\"}],\n"
            " \"entities\": [{\"id\": \"pact\", \"kind\": \"treaty\", \"name\": \"Pact\"},\n"
            "  {\"id\": \"kg\", \"kind\": \"state\", \"name\": \"Kirghizia\", \"aliases\": "
            "[\"Kyrgyzstan\"]}]}");
  const std::string a = (dir.path() / "a.json").string();
  CHECK(
      open_errors(dir) ==
      lines(
          {"c.json:2:21: /sources/0/id: source 's' is already defined differently (" + a +
               " at /sources/0)",
           "c.json:3:22: /entities/0/id: entity 'pact' is already defined differently (" + a +
               " at /entities/0)",
           "c.json:4:3: /entities/1: 'Kyrgyzstan' already names entity 'kyrgyzstan' (Kyrgyzstan); "
           "an id, name or alias must name one entity"}));
}

TEST_CASE("syntax errors in several documents are all reported") {
  test::TempDir dir;
  dir.write("a.json", "{\"orgkg\": 1,}");
  dir.write("b.json", "{\"orgkg\": 1, \"facts\": 3}");
  CHECK(open_errors(dir) == lines({"a.json:1:13: syntax error: missing a name for object member",
                                   "b.json:1:23: /facts: wrong type: expected an array"}));
}

TEST_CASE("a missing directory is an environment failure") {
  std::vector<DocumentError> errors;
  const auto kb = KnowledgeBase::open("/nonexistent/orgkg-kb", errors);
  REQUIRE_FALSE(kb.is_ok());
  CHECK(kb.status().code() == StatusCode::kIo);
  CHECK(kb.status().message() == "/nonexistent/orgkg-kb: not a knowledge base directory");
  CHECK(errors.empty());
}

}  // namespace
}  // namespace orgkg
