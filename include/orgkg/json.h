// Reading and writing `orgkg/1` JSON documents (DESIGN.md, "The interchange format").
//
// read_document() streams the text through RapidJSON's SAX reader with the shipped JSON
// Schema (data/schema/orgkg-1.schema.json, compiled into the library) validating on the
// fly, plus the rules a schema cannot say (calendar dates, `until` before `from`, which
// relations take `object` or `date`). Rules that need the whole knowledge base
// (references, unique ids, alias collisions) belong to store.h.
// write_document() writes the canonical form: fixed key order, one item per line, the
// same bytes for the same content. All functions are reentrant.
#ifndef ORGKG_JSON_H_
#define ORGKG_JSON_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/model.h"

namespace orgkg {

// One problem with a document, located as precisely as the input allows.
struct DocumentError {
  std::string file;
  std::size_t line = 0;    // 1-based; 0 when unknown
  std::size_t column = 0;  // 1-based, in characters (code points)
  std::string pointer;     // JSON Pointer of the offending value; "" for the root
  std::string message;

  // "FILE:LINE:COLUMN: /pointer: message" (the pointer part is left out when the error
  // has none, e.g. a syntax error before any value).
  std::string to_string() const;
};

// The contents of one document, in document order.
struct Document {
  std::vector<Source> sources;
  std::vector<Entity> entities;
  std::vector<Fact> facts;
};

struct DocumentReadResult {
  std::optional<Document> document;   // set only when errors is empty
  std::vector<DocumentError> errors;  // syntax and schema errors stop at the first one
};

// Limits that keep hostile input from exhausting the machine. Each default is far above
// what real documents need; the command line's --max-… flags raise them.
struct ReadLimits {
  std::size_t max_document_bytes = std::size_t{1} << 30;  // 1 GiB of JSON per document
  int max_depth = 32;                                     // orgkg/1 nests 6 levels deep
  std::size_t max_string_bytes = std::size_t{1} << 16;    // 64 KiB per string
  std::size_t max_items = 10'000'000;                     // sources + entities + facts per document
  friend bool operator==(const ReadLimits&, const ReadLimits&) = default;
};

// Parses and validates `text`; `file` names it in errors.
DocumentReadResult read_document(std::string_view text, std::string_view file,
                                 const ReadLimits& limits = {});

// The canonical text of a document. read_document(write_document(d)) gives d back, and
// write_document(read_document(t)) == t when t is canonical.
std::string write_document(const Document& document);

// The byte offset at which the value named by `pointer` ("/facts/3/object") starts in
// `text`, or nullopt when the text has no such value.
std::optional<std::size_t> locate_json_pointer(std::string_view text, std::string_view pointer);

// A DocumentError for `pointer` in `text`, with its line and column filled in (or left 0
// when the pointer does not resolve).
DocumentError error_at_pointer(std::string_view text, std::string_view file,
                               std::string_view pointer, std::string message);

// Appends `value` to `out` as a JSON string literal (quotes and escapes included).
void append_json_string(std::string& out, std::string_view value);

// The JSON Schema every document is validated against (the text of
// data/schema/orgkg-1.schema.json at build time).
std::string_view document_schema_text();

}  // namespace orgkg

#endif  // ORGKG_JSON_H_
