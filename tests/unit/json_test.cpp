#include "orgkg/json.h"

#include <doctest/doctest.h>

#include <string>

#include "support/test_support.h"

namespace orgkg {
namespace {

std::string first_error(const std::string& text) {
  const DocumentReadResult read = read_document(text, "doc.json");
  if (read.errors.empty()) return "no error";
  CHECK_FALSE(read.document.has_value());
  return read.errors.front().to_string();
}

// A fact document with one entity `x`, so that fact rules can be exercised.
std::string with_fact(const std::string& fact) {
  return "{\"orgkg\": 1,\n \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": \"X\"}],\n"
         " \"facts\": [\n  " +
         fact + "\n ]}";
}

TEST_CASE("syntax errors name line, column and the enclosing value") {
  struct Case {
    std::string text;
    std::string error;
  } cases[] = {
      {"", "doc.json:1:1: syntax error: the document is empty"},
      {"   \n  ", "doc.json:2:3: syntax error: the document is empty"},
      {"{\"orgkg\": 1,}", "doc.json:1:13: syntax error: missing a name for object member"},
      {"{\"orgkg\": 1\n\"facts\": []}",
       "doc.json:2:1: syntax error: missing a comma or '}' after an object member"},
      {"{\"orgkg\": 1, \"facts\": [\n  {\"subject\": \"x\",, }]}",
       "doc.json:2:19: /facts/0: syntax error: missing a name for object member"},
      {"{\"orgkg\": 1} trailing",
       "doc.json:1:14: unexpected content after the end of the document"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": \"\xff\"}]}",
       "doc.json:1:65: /entities/0: syntax error: invalid encoding in string"},
      {"{\"orgkg\": 1, \"sources\": [{\"id\": \"s\" \"title\": \"t\"}]}",
       "doc.json:1:37: /sources/0: syntax error: missing a comma or '}' after an object member"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(first_error(c.text) == c.error);
  }
}

TEST_CASE("schema errors name the offending value and what would be valid") {
  struct Case {
    std::string text;
    std::string error;
  } cases[] = {
      {"[]", "doc.json:1:1: wrong type: expected an object"},
      {"{\"entities\": []}", "doc.json:1:1: missing required key 'orgkg'"},
      {"{\"orgkg\": 2}",
       "doc.json:1:11: /orgkg: unsupported format version 2; this orgkg reads "
       "version 1"},
      {"{\"orgkg\": \"1\"}", "doc.json:1:11: /orgkg: wrong type: expected an integer"},
      {"{\"orgkg\": 1, \"fatcs\": []}",
       "doc.json:1:14: /fatcs: unknown key 'fatcs'; did you mean 'facts'?"},
      {"{\"orgkg\": 1, \"entities\": {}}",
       "doc.json:1:26: /entities: wrong type: expected an array"},
      {"{\"orgkg\": 1,\n \"entities\": [\n  {\"id\": \"x\", \"kind\": \"state\"}\n ]}",
       "doc.json:3:3: /entities/0: missing required key 'name'"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"nmae\": \"X\"}]}",
       "doc.json:1:56: /entities/0/nmae: unknown key 'nmae'; did you mean 'name'?"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": \"\"}]}",
       "doc.json:1:64: /entities/0/name: must not be empty"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": 5}]}",
       "doc.json:1:64: /entities/0/name: wrong type: expected a string"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"country\", \"name\": \"X\"}]}",
       "doc.json:1:47: /entities/0/kind: unknown entity kind 'country' (expected one of: "
       "organization, state, treaty, person, place, other)"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"Armenia\", \"kind\": \"state\", \"name\": "
       "\"X\"}]}",
       "doc.json:1:34: /entities/0/id: invalid id 'Armenia': use lower-case letters, digits, '_', "
       "'.' and '-', starting with a letter or digit"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": \"X\", "
       "\"aliases\": \"Y\"}]}",
       "doc.json:1:80: /entities/0/aliases: wrong type: expected an array"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": \"X\", "
       "\"codes\": {\"cow\": -3}}]}",
       "doc.json:1:86: /entities/0/codes/cow: expected a non-empty string or a non-negative "
       "integer"},
      {"{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"id\": \"y\"}]}",
       "doc.json:1:39: /entities/0/id: duplicate key 'id'"},
      {"{\"orgkg\": 1, \"sources\": [{\"id\": \"s\", \"published\": \"2017-02-29\"}]}",
       "doc.json:1:51: /sources/0/published: invalid date '2017-02-29': day must be 01 to 28 in "
       "2017-02"},
      {"{\"orgkg\": 1, \"sources\": [{\"title\": \"T\"}]}",
       "doc.json:1:26: /sources/0: missing required key 'id'"},
      {"{\"orgkg\": 1, \"sources\": [{\"id\": \"s\", \"url\": null}]}",
       "doc.json:1:45: /sources/0/url: wrong type: expected a string"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(first_error(c.text) == c.error);
  }
}

TEST_CASE("fact rules: vocabularies, dates, relation shapes, offsets") {
  struct Case {
    std::string fact;
    std::string error;
  } cases[] = {
      {R"({"subject": "x", "relation": "memberof", "object": "x"})",
       "doc.json:4:32: /facts/0/relation: unknown relation 'memberof'; did you mean 'member_of'?"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "status": "ful"})",
       "doc.json:4:70: /facts/0/status: unknown membership status 'ful'; did you mean 'full'?"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "from": "2002-02-30"})",
       "doc.json:4:68: /facts/0/from: invalid date '2002-02-30': day must be 01 to 28 in 2002-02"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "at": "17-04-12"})",
       "doc.json:4:66: /facts/0/at: invalid date '17-04-12': expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "from": "2002", "until": "2001"})",
       "doc.json:4:85: /facts/0/until: 'until' 2001 precedes 'from' 2002"},
      {R"({"subject": "x", "relation": "member_of"})",
       "doc.json:4:3: /facts/0: relation 'member_of' needs an 'object'"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "date": "2002"})",
       "doc.json:4:68: /facts/0/date: relation 'member_of' takes 'from', 'until' or 'at', not "
       "'date'"},
      {R"({"subject": "x", "relation": "established"})",
       "doc.json:4:3: /facts/0: relation 'established' is an event and needs a 'date'"},
      {R"({"subject": "x", "relation": "signed", "date": "1992", "object": "x"})",
       "doc.json:4:68: /facts/0/object: relation 'signed' is an event and takes no 'object'"},
      {R"({"subject": "x", "relation": "based_on", "object": "x", "status": "full"})",
       "doc.json:4:69: /facts/0/status: 'status' applies to member_of only, not 'based_on'"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "sources": [{"source": "s", "offset": [9, 3]}]})",
       "doc.json:4:98: /facts/0/sources/0/offset: offset end 3 precedes start 9"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "sources": [{"source": "s", "offset": [9]}]})",
       "doc.json:4:98: /facts/0/sources/0/offset: expected at least 2 items"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "sources": [{"source": "s", "offset": [1, -2]}]})",
       "doc.json:4:102: /facts/0/sources/0/offset/1: must be at least 0"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "sources": [{"quote": "q"}]})",
       "doc.json:4:72: /facts/0/sources/0: missing required key 'source'"},
      {R"({"subject": "x", "relation": "member_of", "object": "x", "sauces": []})",
       "doc.json:4:60: /facts/0/sauces: unknown key 'sauces'; did you mean 'sources'?"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.fact);
    CHECK(first_error(with_fact(c.fact)) == c.error);
  }
}

TEST_CASE("keys with '/' and '~' are escaped in pointers") {
  const std::string text =
      "{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": \"X\", "
      "\"codes\": {\"a/b~c\": []}}]}";
  CHECK(first_error(text) ==
        "doc.json:1:88: /entities/0/codes/a~1b~0c: expected a non-empty string or a non-negative "
        "integer");
}

TEST_CASE("columns count characters, not bytes") {
  const std::string text =
      "{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": \"Россия\", "
      "\"naem\": \"X\"}]}";
  CHECK(first_error(text) ==
        "doc.json:1:74: /entities/0/naem: unknown key 'naem'; did you mean "
        "'name'?");
}

TEST_CASE("deep nesting is refused without exhausting the stack") {
  const std::size_t depth = 200000;
  const std::string nested = std::string(depth, '[') + std::string(depth, ']');
  CHECK(first_error("{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", \"name\": "
                    "\"X\", \"codes\": {\"a\": " +
                    nested + "}}]}") ==
        "doc.json:1:112: "
        "/entities/0/codes/a/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: "
        "nested more than 32 levels deep (--max-depth); orgkg/1 needs at most 6");
  CHECK(first_error("{\"orgkg\": 1, \"entities\": " + nested + "}") ==
        "doc.json:1:27: /entities/0: wrong type: expected an object");
  // Unterminated nesting: a syntax error at the end, not a crash.
  // Unterminated: refused at the depth limit, long before the end of the text.
  CHECK(first_error("{\"orgkg\": 1, \"entities\": [{\"id\": \"x\", \"kind\": \"state\", "
                    "\"name\": \"X\", \"codes\": {\"a\": " +
                    std::string(depth, '[')) ==
        "doc.json:1:112: "
        "/entities/0/codes/a/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0/0: "
        "nested more than 32 levels deep (--max-depth); orgkg/1 needs at most 6");
}

TEST_CASE("a valid document reads into its items") {
  const std::string text = R"({"orgkg": 1,
  "sources": [{"id": "s", "title": "T", "publisher": "P", "published": "2017-04", "url": "u"}],
  "entities": [{"id": "x", "kind": "organization", "name": "X", "aliases": ["XO", "ИКС"], "codes": {"cow": "XO", "n": 7}},
               {"id": "y", "kind": "state", "name": "Y"}],
  "facts": [{"subject": "y", "relation": "member_of", "object": "x", "status": "observer", "from": "1992", "until": "1999-04-20", "at": "1995",
             "sources": [{"source": "s", "quote": "q", "offset": [3, 9]}], "note": "n"},
            {"subject": "x", "relation": "established", "date": "1991-12"}]
})";
  const DocumentReadResult read = read_document(text, "doc.json");
  REQUIRE(read.errors.empty());
  const Document& d = *read.document;
  REQUIRE(d.sources.size() == 1);
  CHECK(d.sources[0].published->to_string() == "2017-04");
  REQUIRE(d.entities.size() == 2);
  CHECK(d.entities[0].aliases == std::vector<std::string>{"XO", "ИКС"});
  REQUIRE(d.entities[0].codes.size() == 2);
  CHECK(d.entities[0].codes[1] == Code{"n", "7", true});
  REQUIRE(d.facts.size() == 2);
  const Fact& fact = d.facts[0];
  CHECK(fact.relation == Relation::kMemberOf);
  CHECK(fact.effective_status() == MembershipStatus::kObserver);
  CHECK(fact.validity.until->to_string() == "1999-04-20");
  CHECK(fact.validity.at->to_string() == "1995");
  REQUIRE(fact.sources.size() == 1);
  CHECK(fact.sources[0].offset_start == 3u);
  CHECK(fact.sources[0].offset_end == 9u);
  CHECK(d.facts[1].date->to_string() == "1991-12");
}

TEST_CASE("writing is canonical: the same bytes back, whatever the input layout") {
  const std::string messy =
      R"({"facts": [{"note": "n", "relation": "member_of", "object": "x", "subject": "y", "from": "1992"}],
    "orgkg": 1, "entities": [{"name": "Quote \" back\\slash\nnew line, tab\t", "kind": "state", "id": "y"},
    {"id": "x", "kind": "organization", "name": "X", "codes": {"n": 7, "s": "S"}}]})";
  const DocumentReadResult first = read_document(messy, "messy.json");
  REQUIRE(first.errors.empty());
  const std::string canonical = write_document(*first.document);
  CHECK(canonical ==
        "{\n  \"orgkg\": 1,\n  \"entities\": [\n"
        "    {\"id\": \"y\", \"kind\": \"state\", \"name\": \"Quote \\\" back\\\\slash\\nnew line, "
        "tab\\t\"},\n"
        "    {\"id\": \"x\", \"kind\": \"organization\", \"name\": \"X\", \"codes\": {\"n\": 7, "
        "\"s\": \"S\"}}\n  ],\n  \"facts\": [\n"
        "    {\"subject\": \"y\", \"relation\": \"member_of\", \"object\": \"x\", \"from\": "
        "\"1992\", \"note\": \"n\"}\n  ]\n}\n");
  const DocumentReadResult second = read_document(canonical, "canonical.json");
  REQUIRE(second.errors.empty());
  CHECK(write_document(*second.document) == canonical);
}

TEST_CASE("the shipped documents are canonical: read and written back byte for byte") {
  for (const char* name : {"csto.json", "post-soviet.json", "tass-2017-04-12.json"}) {
    CAPTURE(name);
    const std::string text = test::read_text(std::string(ORGKG_SOURCE_DIR) + "/data/" + name);
    const DocumentReadResult read = read_document(text, name);
    REQUIRE(read.errors.empty());
    CHECK(write_document(*read.document) == text);
  }
}

TEST_CASE("locate_json_pointer finds values, containers and escaped keys") {
  const std::string text = "{\"a\": [1, {\"b/c\": \"x\"}],\n \"d\": {}}";
  CHECK(locate_json_pointer(text, "") == 0u);
  CHECK(locate_json_pointer(text, "/a") == 6u);
  CHECK(locate_json_pointer(text, "/a/0") == 7u);
  CHECK(locate_json_pointer(text, "/a/1") == 10u);
  CHECK(locate_json_pointer(text, "/a/1/b~1c") == 18u);
  CHECK(locate_json_pointer(text, "/d") == 31u);
  CHECK_FALSE(locate_json_pointer(text, "/zz").has_value());
  const DocumentError error = error_at_pointer(text, "f.json", "/d", "bad");
  CHECK(error.to_string() == "f.json:2:7: /d: bad");
}

}  // namespace
}  // namespace orgkg

namespace orgkg {
namespace {

TEST_CASE("limits on hostile input, each with its error and a way to raise it") {
  ReadLimits small;
  small.max_string_bytes = 8;
  small.max_items = 2;
  small.max_depth = 4;
  small.max_document_bytes = 400;
  const auto first = [&small](const std::string& text) {
    const DocumentReadResult read = read_document(text, "doc.json", small);
    return read.errors.empty() ? std::string("no error") : read.errors.front().to_string();
  };
  CHECK(first(R"({"orgkg": 1, "sources": [{"id": "s", "title": "a title too long"}]})") ==
        "doc.json:1:47: /sources/0/title: a string of 16 bytes is longer than the limit of 8 "
        "(--max-string-bytes)");
  CHECK(first(R"({"orgkg": 1, "sources": [{"id": "a"}, {"id": "b"}, {"id": "c"}]})") ==
        "doc.json:1:52: /sources/2: more than 2 sources, entities and facts (--max-items)");
  CHECK(
      first(
          R"({"orgkg": 1, "entities": [{"id": "x", "kind": "state", "name": "X", "codes": {"a": [[1]]}}]})") ==
      "doc.json:1:84: /entities/0/codes/a/0: nested more than 4 levels deep (--max-depth); "
      "orgkg/1 needs at most 6");
  CHECK(first(std::string(401, ' ')) ==
        "doc.json: 401 bytes is more than the limit of 400 (--max-document-bytes)");
  CHECK(first(R"({"orgkg": 1, "sources": [{"id": "a"}, {"id": "b"}]})") == "no error");
}

}  // namespace
}  // namespace orgkg
