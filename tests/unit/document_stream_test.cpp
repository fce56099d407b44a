// The fast reader (src/document_stream.h) against the precise one (RapidJSON's validator
// of the shipped JSON Schema plus read_document()'s own rules): every document one of
// them accepts, the other must accept too. Documents are made by putting every value of
// a list of JSON values, and every structural change, in every slot of a valid document.
#include "document_stream.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "orgkg/store.h"
#include "support/test_support.h"

namespace orgkg {
namespace {

// A valid document; each @N is a slot, filled with kDefaults[N] unless a case says else.
constexpr const char* kTemplate = R"({@0"orgkg": @1,
 "sources": [{@2"id": @3, "title": @4, "publisher": @5, "published": @6, "url": @7}],
 "entities": [
  {@8"id": @9, "kind": @10, "name": @11, "aliases": @12, "codes": @13},
  {"id": "org", "kind": "organization", "name": "Org"}],
 "facts": [
  {@14"subject": @15, "relation": @16, "object": @17, "status": @18, "from": @19, "until": @20,
   "at": @21, "sources": @22, "note": @23},
  {@24"subject": "org", "relation": @25, "date": @26},
  {"subject": "a", "relation": "member_of", "object": "org", "sources": [{@27"source": @28,
   "quote": @29, "offset": @30}]}]}@31)";

const std::vector<std::string> kDefaults = {"",
                                            "1",
                                            "",
                                            "\"s\"",
                                            "\"T\"",
                                            "\"P\"",
                                            "\"2017\"",
                                            "\"u\"",
                                            "",
                                            "\"a\"",
                                            "\"state\"",
                                            "\"A\"",
                                            "[\"AA\"]",
                                            "{\"cow\": 1, \"iso\": \"AA\"}",
                                            "",
                                            "\"a\"",
                                            "\"member_of\"",
                                            "\"org\"",
                                            "\"full\"",
                                            "\"1992\"",
                                            "\"1999-04-02\"",
                                            "\"1995\"",
                                            "[{\"source\": \"s\"}]",
                                            "\"n\"",
                                            "",
                                            "\"established\"",
                                            "\"1990\"",
                                            "",
                                            "\"s\"",
                                            "\"q\"",
                                            "[1, 2]",
                                            ""};

// Values tried in every value slot.
const std::vector<std::string> kValues = {"null",
                                          "true",
                                          "0",
                                          "1",
                                          "2",
                                          "-1",
                                          "-0",
                                          "1.5",
                                          "1e2",
                                          "18446744073709551615",
                                          "18446744073709551616",
                                          "\"\"",
                                          "\"x\"",
                                          "\"\xc3\xa9\"",
                                          "\"\xff\"",
                                          "\"\xc0\xaf\"",
                                          "\"\xed\xa0\x80\"",
                                          "\"\xed\x9f\xbf\"",
                                          "\"\xf4\x90\x80\x80\"",
                                          "\"\xf0\x9f\x98\x80\"",
                                          "\"\xe2\x82\"",
                                          "\"\xe0\x9f\xbf\"",
                                          "\"\\ud800\"",
                                          "\"\\u00e9\"",
                                          "\"Bad Id\"",
                                          "\"a\"",
                                          "\"s\"",
                                          "\"org\"",
                                          "\"member_of\"",
                                          "\"established\"",
                                          "\"based_on\"",
                                          "\"full\"",
                                          "\"observer\"",
                                          "\"state\"",
                                          "\"organization\"",
                                          "\"2002\"",
                                          "\"2002-13\"",
                                          "\"2002-02-30\"",
                                          "\"1992-05-15\"",
                                          "\"0000\"",
                                          "\"1989\"",
                                          "[]",
                                          "[1]",
                                          "[1, 2]",
                                          "[2, 1]",
                                          "[1, 2, 3]",
                                          "[-1, 2]",
                                          "[1.0, 2]",
                                          "[\"a\"]",
                                          "[\"\"]",
                                          "[[\"a\"]]",
                                          "{}",
                                          "{\"a\": 1}",
                                          "{\"a\": \"\"}",
                                          "{\"a\": -1}",
                                          "{\"a\": \"b\", \"a\": \"c\"}",
                                          "{\"a\": {}}",
                                          "[{\"source\": \"s\"}]",
                                          "[{\"source\": \"s\", \"offset\": [3, 1]}]",
                                          "[{\"quote\": \"q\"}]",
                                          "[{}]",
                                          "[null]"};

// Text put where an object's keys start (slots 0, 2, 8, 14, 24, 27) or after the document
// (slot 31).
const std::vector<std::string> kKeySlotValues = {
    "\"extra\": 1, ",      "\"id\": \"dup\", ", "\"subject\": \"a\", ", "\"orgkg\": 1, ",
    "\"source\": \"s\", ", "\"note\": \"n\", ", "\"date\": \"2000\", ", "\"object\": \"org\", "};
const std::vector<std::string> kAfterValues = {
    " ", "\n\t", " x", " {}", std::string("\0", 1), " \xff", " \xc3\xa9"};

std::string fill(const std::vector<std::string>& slots) {
  std::string text;
  for (const char* p = kTemplate; *p != '\0'; ++p) {
    if (*p != '@') {
      text += *p;
      continue;
    }
    std::size_t n = 0;
    while (p[1] >= '0' && p[1] <= '9') n = n * 10 + static_cast<std::size_t>(*++p - '0');
    text += slots[n];
  }
  return text;
}

bool fast_accepts(const std::string& text, const ReadLimits& limits = {}) {
  internal::DocumentSink sink;
  return internal::stream_document(text, limits, sink).kind ==
         internal::StreamOutcome::Kind::kValid;
}

bool precise_accepts(const std::string& text, const ReadLimits& limits = {}) {
  return internal::describe_document_errors(text, "doc.json", limits).empty();
}

bool is_key_slot(std::size_t slot) {
  return slot == 0 || slot == 2 || slot == 8 || slot == 14 || slot == 24 || slot == 27;
}

TEST_CASE("the template document is valid to both readers") {
  const std::string text = fill(kDefaults);
  CHECK(fast_accepts(text));
  CHECK(precise_accepts(text));
}

TEST_CASE("the fast reader accepts exactly what the schema and the precise reader accept") {
  std::size_t tried = 0;
  std::size_t accepted = 0;
  for (std::size_t slot = 0; slot < kDefaults.size(); ++slot) {
    const std::vector<std::string>& values = slot == 31          ? kAfterValues
                                             : is_key_slot(slot) ? kKeySlotValues
                                                                 : kValues;
    for (const std::string& value : values) {
      std::vector<std::string> slots = kDefaults;
      slots[slot] = value;
      const std::string text = fill(slots);
      const bool fast = fast_accepts(text);
      const bool precise = precise_accepts(text);
      CAPTURE(slot);
      CAPTURE(value);
      CHECK(fast == precise);
      ++tried;
      accepted += fast ? 1 : 0;
    }
  }
  // Both outcomes are exercised in earnest.
  CHECK(tried > 1000);
  CHECK(accepted > 50);
  CHECK(tried - accepted > 500);
}

TEST_CASE("removing any one key, or cutting the text anywhere, is judged alike") {
  const std::string text = fill(kDefaults);
  // Every key of the template, removed with its value (up to the next comma or bracket).
  for (std::size_t at = text.find('"'); at != std::string::npos; at = text.find('"', at + 1)) {
    const std::size_t close = text.find('"', at + 1);
    if (close == std::string::npos || text.compare(close + 1, 1, ":") != 0) continue;
    std::size_t end = close + 2;
    int nesting = 0;
    while (end < text.size() && !(nesting == 0 && (text[end] == ',' || text[end] == '}'))) {
      if (text[end] == '[' || text[end] == '{') ++nesting;
      if (text[end] == ']' || text[end] == '}') --nesting;
      ++end;
    }
    std::string removed = text.substr(0, at) + text.substr(text[end] == ',' ? end + 1 : end);
    CAPTURE(removed);
    CHECK(fast_accepts(removed) == precise_accepts(removed));
  }
  for (std::size_t size = 0; size < text.size(); size += 7) {
    const std::string cut = text.substr(0, size);
    CAPTURE(cut);
    CHECK_FALSE(fast_accepts(cut));
    CHECK_FALSE(precise_accepts(cut));
  }
}

TEST_CASE("limits are judged alike") {
  const std::string text = fill(kDefaults);
  for (const int depth : {1, 2, 3, 4, 5, 6, 7}) {
    ReadLimits limits;
    limits.max_depth = depth;
    CAPTURE(depth);
    CHECK(fast_accepts(text, limits) == precise_accepts(text, limits));
  }
  for (const std::size_t items : {0, 1, 3, 4, 5, 6}) {
    ReadLimits limits;
    limits.max_items = items;
    CAPTURE(items);
    CHECK(fast_accepts(text, limits) == precise_accepts(text, limits));
  }
  for (const std::size_t bytes : {0, 1, 3, 20}) {
    ReadLimits limits;
    limits.max_string_bytes = bytes;
    limits.max_document_bytes = bytes * 40;
    CAPTURE(bytes);
    CHECK(fast_accepts(text, limits) == precise_accepts(text, limits));
  }
}

TEST_CASE("the fast reader delivers every item as the document has it") {
  const std::string text = fill(kDefaults);
  internal::DocumentSink sink;
  REQUIRE(internal::stream_document(text, {}, sink).kind == internal::StreamOutcome::Kind::kValid);
  const DocumentReadResult precise = read_document(text, "doc.json");
  REQUIRE(precise.document.has_value());
  const Document& document = sink.document();
  REQUIRE(document.facts.size() == 3);
  CHECK(document.sources == precise.document->sources);
  CHECK(document.entities == precise.document->entities);
  CHECK(write_document(document) == write_document(*precise.document));
  CHECK(document.entities[0].codes == std::vector<Code>{{"cow", "1", true}, {"iso", "AA", false}});
  CHECK(document.facts[2].sources[0].offset_end == std::optional<std::uint64_t>(2));
}

TEST_CASE("every shipped and test document is valid to the fast reader") {
  for (const std::string& dir : {test::source_dir() + "/data", test::test_data("kb-small")}) {
    const auto files = list_documents(dir);
    REQUIRE(files.is_ok());
    for (const std::filesystem::path& file : files.value()) {
      CAPTURE(file);
      internal::DocumentSink sink;
      const auto outcome = internal::stream_document_file(file, {}, sink);
      REQUIRE(outcome.is_ok());
      CHECK(outcome->kind == internal::StreamOutcome::Kind::kValid);
      CHECK(precise_accepts(test::read_text(file.string())));
    }
  }
}

}  // namespace
}  // namespace orgkg
