// read_document(): the fast reader (document_stream.h) reads the document; when it finds
// the document invalid, the precise reader here says where and why: RapidJSON's SAX reader
// drives DocumentHandler, which tracks the JSON Pointer and byte offset of every value,
// checks what the schema cannot say and asks RapidJSON's validator of the shipped JSON
// Schema about every event. The two must accept the same documents (json_test.cpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document_stream.h"
#include "json_internal.h"
#include "orgkg/json.h"
#include "orgkg/names.h"
#include "rapidjson_all.h"

namespace orgkg {
namespace {

constexpr std::array<std::string_view, 4> kRootKeys = {"orgkg", "sources", "entities", "facts"};
constexpr std::array<std::string_view, 5> kSourceKeys = {"id", "title", "publisher", "published",
                                                         "url"};
constexpr std::array<std::string_view, 5> kEntityKeys = {"id", "kind", "name", "aliases", "codes"};
constexpr std::array<std::string_view, 10> kFactKeys = {
    "subject", "relation", "object", "status", "date", "from", "until", "at", "sources", "note"};
constexpr std::array<std::string_view, 3> kCitationKeys = {"source", "quote", "offset"};

// What an object in the document is, judged by where it stands.
enum class ObjectRole { kRoot, kSource, kEntity, kFact, kCitation, kCodes, kOther };

std::string join_words(std::span<const std::string_view> words) {
  std::string joined;
  for (const std::string_view word : words) {
    if (!joined.empty()) joined += ", ";
    joined += word;
  }
  return joined;
}

std::string unknown_word_message(std::string_view what, std::string_view word,
                                 std::span<const std::string_view> vocabulary) {
  std::string message = fmt::format("unknown {} '{}'", what, word);
  if (const auto near = closest_name(word, vocabulary)) {
    message += fmt::format("; did you mean '{}'?", *near);
  } else {
    message += fmt::format(" (expected one of: {})", join_words(vocabulary));
  }
  return message;
}

class DocumentHandler : public internal::PointerTracker<DocumentHandler> {
 public:
  DocumentHandler(std::string_view text, const rapidjson::MemoryStream& stream,
                  internal::SchemaValidator& validator, const ReadLimits& limits)
      : PointerTracker(text, stream), validator_(validator), limits_(limits) {}

  Document& document() { return document_; }
  // Set when the handler stopped the parse.
  const std::optional<internal::PendingError>& error() const { return error_; }
  bool schema_failed() const { return schema_failed_; }

  // ---- Events, as PointerTracker forwards them ----

  bool on_key(std::string_view key) {
    Frame& object = top();
    if (std::find(object.keys.begin(), object.keys.end(), key) != object.keys.end()) {
      return fail_at_key(key, fmt::format("duplicate key '{}'", key));
    }
    const std::span<const std::string_view> known = known_keys(role_of(depth() - 1));
    if (!known.empty() && std::find(known.begin(), known.end(), key) == known.end()) {
      return fail_at_key(key, unknown_word_message("key", key, known));
    }
    return validator_.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()), true) ||
           fail_schema();
  }

  bool on_start_object() {
    if (depth() == 3 && ++items_ > limits_.max_items) {
      return fail_at_object(
          fmt::format("more than {} sources, entities and facts (--max-items)", limits_.max_items));
    }
    // orgkg/1 nests six levels deep at most (root, facts, fact, sources, citation,
    // offset): anything far deeper is refused before it costs time or memory.
    if (depth() > limits_.max_depth) {
      return fail(
          fmt::format("nested more than {} levels deep (--max-depth); orgkg/1 needs at most 6",
                      limits_.max_depth));
    }
    if (!validator_.StartObject()) return fail_schema();
    switch (role_of(depth() - 1)) {
      case ObjectRole::kSource:
        source_ = Source{};
        break;
      case ObjectRole::kEntity:
        entity_ = Entity{};
        break;
      case ObjectRole::kFact:
        fact_ = Fact{};
        break;
      case ObjectRole::kCitation:
        citation_ = Citation{};
        break;
      default:
        break;
    }
    return true;
  }

  // Called before the frame of the object is popped.
  bool on_end_object(rapidjson::SizeType members) {
    const ObjectRole role = role_of(depth() - 1);
    if (role == ObjectRole::kFact && !check_fact()) return false;
    if (role == ObjectRole::kCitation && !check_citation()) return false;
    if (!validator_.EndObject(members)) return fail_schema();
    switch (role) {
      case ObjectRole::kSource:
        document_.sources.push_back(std::move(source_));
        break;
      case ObjectRole::kEntity:
        document_.entities.push_back(std::move(entity_));
        break;
      case ObjectRole::kFact:
        document_.facts.push_back(std::move(fact_));
        break;
      case ObjectRole::kCitation:
        fact_.sources.push_back(std::move(citation_));
        break;
      default:
        break;
    }
    return true;
  }

  bool on_start_array() {
    // orgkg/1 nests six levels deep at most (root, facts, fact, sources, citation,
    // offset): anything far deeper is refused before it costs time or memory.
    if (depth() > limits_.max_depth) {
      return fail(
          fmt::format("nested more than {} levels deep (--max-depth); orgkg/1 needs at most 6",
                      limits_.max_depth));
    }
    return validator_.StartArray() || fail_schema();
  }
  bool on_end_array(rapidjson::SizeType elements) {
    return validator_.EndArray(elements) || fail_schema();
  }

  bool on_null() { return validator_.Null() || fail_schema(); }
  bool on_bool(bool value) { return validator_.Bool(value) || fail_schema(); }
  bool on_double(double value) { return validator_.Double(value) || fail_schema(); }
  bool on_int64(std::int64_t value) {
    if (value >= 0) return on_uint64(static_cast<std::uint64_t>(value));
    return validator_.Int64(value) || fail_schema();
  }

  bool on_uint64(std::uint64_t value) {
    const ObjectRole role = role_of(depth() - 1);
    if (role == ObjectRole::kRoot && current_key() == "orgkg" && value != 1) {
      return fail(fmt::format("unsupported format version {}; this orgkg reads version 1", value));
    }
    if (!validator_.Uint64(value)) return fail_schema();
    if (role == ObjectRole::kCodes) {
      entity_.codes.push_back(Code{std::string(current_key()), std::to_string(value), true});
    } else if (depth() >= 1 && role_of(depth() - 2) == ObjectRole::kCitation &&
               key_at(depth() - 2) == "offset") {
      (element_index() == 0 ? citation_.offset_start : citation_.offset_end) = value;
    }
    return true;
  }

  bool on_string(std::string_view value) {
    if (value.size() > limits_.max_string_bytes) {
      return fail(
          fmt::format("a string of {} bytes is longer than the limit of {} (--max-string-bytes)",
                      value.size(), limits_.max_string_bytes));
    }
    const ObjectRole role = role_of(depth() - 1);
    const std::string_view key = current_key();
    // Checks with better messages than the schema's, done before it sees the value.
    if (role == ObjectRole::kSource || role == ObjectRole::kEntity || role == ObjectRole::kFact ||
        role == ObjectRole::kCitation) {
      if (!check_string_field(role, key, value)) return false;
    }
    if (!validator_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()), true)) {
      return fail_schema();
    }
    switch (role) {
      case ObjectRole::kSource:
        set_source_field(key, value);
        break;
      case ObjectRole::kEntity:
        set_entity_field(key, value);
        break;
      case ObjectRole::kFact:
        set_fact_field(key, value);
        break;
      case ObjectRole::kCitation:
        if (key == "source") citation_.source = value;
        if (key == "quote") citation_.quote = std::string(value);
        break;
      case ObjectRole::kCodes:
        entity_.codes.push_back(Code{std::string(key), std::string(value), false});
        break;
      default:
        // An alias: the only string array element the format has.
        if (depth() >= 2 && role_of(depth() - 2) == ObjectRole::kEntity &&
            key_at(depth() - 2) == "aliases") {
          entity_.aliases.emplace_back(value);
        }
        break;
    }
    return true;
  }

 private:
  // The role of the object whose frame is at `level` (0 = root).
  ObjectRole role_of(int level) const {
    if (level < 0 || !frame_at(level).is_object) return ObjectRole::kOther;
    if (level == 0) return ObjectRole::kRoot;
    if (level == 2) {
      const std::string_view section = key_at(0);
      if (section == "sources") return ObjectRole::kSource;
      if (section == "entities") return ObjectRole::kEntity;
      if (section == "facts") return ObjectRole::kFact;
    }
    if (level == 3 && key_at(0) == "entities" && key_at(2) == "codes") return ObjectRole::kCodes;
    if (level == 4 && key_at(0) == "facts" && key_at(2) == "sources") return ObjectRole::kCitation;
    return ObjectRole::kOther;
  }

  static std::span<const std::string_view> known_keys(ObjectRole role) {
    switch (role) {
      case ObjectRole::kRoot:
        return kRootKeys;
      case ObjectRole::kSource:
        return kSourceKeys;
      case ObjectRole::kEntity:
        return kEntityKeys;
      case ObjectRole::kFact:
        return kFactKeys;
      case ObjectRole::kCitation:
        return kCitationKeys;
      default:
        return {};
    }
  }

  bool check_string_field(ObjectRole role, std::string_view key, std::string_view value) {
    const bool is_id_field = key == "id" || key == "subject" || key == "object" ||
                             (role == ObjectRole::kCitation && key == "source");
    if (is_id_field && !is_valid_entity_id(value)) {
      return fail(fmt::format(
          "invalid id '{}': use lower-case letters, digits, '_', '.' and '-', starting with a "
          "letter or digit",
          value));
    }
    const bool is_date_field =
        key == "published" || key == "date" || key == "from" || key == "until" || key == "at";
    if (is_date_field) {
      const Result<PartialDate> date = PartialDate::parse(value);
      if (!date.is_ok()) return fail(date.status().message());
    }
    if (role == ObjectRole::kEntity && key == "kind" && !parse_kind(value)) {
      return fail(unknown_word_message("entity kind", value, kind_names()));
    }
    if (role == ObjectRole::kFact && key == "relation" && !parse_relation(value)) {
      return fail(unknown_word_message("relation", value, relation_names()));
    }
    if (role == ObjectRole::kFact && key == "status" && !parse_status(value)) {
      return fail(unknown_word_message("membership status", value, status_names()));
    }
    return true;
  }

  static PartialDate date_of(std::string_view value) { return *PartialDate::parse(value); }

  void set_source_field(std::string_view key, std::string_view value) {
    if (key == "id") source_.id = value;
    if (key == "title") source_.title = std::string(value);
    if (key == "publisher") source_.publisher = std::string(value);
    if (key == "published") source_.published = date_of(value);
    if (key == "url") source_.url = std::string(value);
  }

  void set_entity_field(std::string_view key, std::string_view value) {
    if (key == "id") entity_.id.value = value;
    if (key == "kind") entity_.kind = *parse_kind(value);
    if (key == "name") entity_.name = value;
  }

  void set_fact_field(std::string_view key, std::string_view value) {
    if (key == "subject") fact_.subject.value = value;
    if (key == "relation") fact_.relation = *parse_relation(value);
    if (key == "object") fact_.object = EntityId{std::string(value)};
    if (key == "status") fact_.status = *parse_status(value);
    if (key == "date") fact_.date = date_of(value);
    if (key == "from") fact_.validity.from = date_of(value);
    if (key == "until") fact_.validity.until = date_of(value);
    if (key == "at") fact_.validity.at = date_of(value);
    if (key == "note") fact_.note = std::string(value);
  }

  // Rules of a whole fact; called with the fact's frame on top.
  bool check_fact() {
    const Frame& fact = top();
    const auto has = [&fact](std::string_view key) {
      return std::find(fact.keys.begin(), fact.keys.end(), key) != fact.keys.end();
    };
    if (!has("subject") || !has("relation")) return true;  // the schema reports it
    const std::string relation(relation_name(fact_.relation));
    if (is_event(fact_.relation)) {
      if (!has("date")) {
        return fail_at_object(
            fmt::format("relation '{}' is an event and needs a 'date'", relation));
      }
      if (has("object")) {
        return fail_at_member("object", fmt::format("relation '{}' is an event and takes no "
                                                    "'object'",
                                                    relation));
      }
    } else {
      if (!has("object")) {
        return fail_at_object(fmt::format("relation '{}' needs an 'object'", relation));
      }
      if (has("date")) {
        return fail_at_member("date", fmt::format("relation '{}' takes 'from', 'until' or 'at', "
                                                  "not 'date'",
                                                  relation));
      }
    }
    if (has("status") && fact_.relation != Relation::kMemberOf) {
      return fail_at_member("status",
                            fmt::format("'status' applies to member_of only, not '{}'", relation));
    }
    if (fact_.validity.until_precedes_from()) {
      return fail_at_member(
          "until", fmt::format("'until' {} precedes 'from' {}", fact_.validity.until->to_string(),
                               fact_.validity.from->to_string()));
    }
    return true;
  }

  bool check_citation() {
    if (citation_.offset_start && citation_.offset_end &&
        *citation_.offset_end < *citation_.offset_start) {
      return fail_at_member("offset", fmt::format("offset end {} precedes start {}",
                                                  *citation_.offset_end, *citation_.offset_start));
    }
    return true;
  }

  bool fail(std::string message) {
    error_ = internal::PendingError{current_pointer(), value_start(), std::move(message)};
    return false;
  }
  bool fail_at_key(std::string_view key, std::string message) {
    error_ = internal::PendingError{pointer_with(key), value_start(), std::move(message)};
    return false;
  }
  bool fail_at_object(std::string message) {
    error_ = internal::PendingError{object_pointer(), top().start, std::move(message)};
    return false;
  }
  bool fail_at_member(std::string_view key, std::string message) {
    const Frame& object = top();
    std::size_t offset = object.start;
    for (std::size_t i = 0; i < object.keys.size(); ++i) {
      if (object.keys[i] == key) offset = object.value_starts[i];
    }
    error_ = internal::PendingError{pointer_with(key), offset, std::move(message)};
    return false;
  }
  bool fail_schema() {
    schema_failed_ = true;
    return false;
  }

  internal::SchemaValidator& validator_;
  const ReadLimits& limits_;
  std::size_t items_ = 0;
  Document document_;
  Source source_;
  Entity entity_;
  Fact fact_;
  Citation citation_;
  std::optional<internal::PendingError> error_;
  bool schema_failed_ = false;
};

}  // namespace

namespace internal {

std::vector<DocumentError> describe_document_errors(std::string_view text, std::string_view file,
                                                    const ReadLimits& limits) {
  DocumentReadResult result;
  if (text.size() > limits.max_document_bytes) {
    result.errors.push_back(
        DocumentError{std::string(file), 0, 0, "",
                      fmt::format("{} bytes is more than the limit of {} (--max-document-bytes)",
                                  text.size(), limits.max_document_bytes)});
    return std::move(result.errors);
  }
  rapidjson::MemoryStream stream(text.data(), text.size());
  internal::SchemaValidator validator(internal::document_schema());
  DocumentHandler handler(text, stream, validator, limits);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag |
                              rapidjson::kParseValidateEncodingFlag;
  const rapidjson::ParseResult parsed = reader.Parse<kFlags>(stream, handler);

  const auto report = [&](const std::string& pointer, std::size_t offset, std::string message) {
    result.errors.push_back(internal::make_error(text, file, pointer, offset, std::move(message)));
  };
  if (handler.error()) {
    report(handler.error()->pointer, handler.error()->offset, handler.error()->message);
  } else if (handler.schema_failed()) {
    const internal::PendingError error =
        internal::describe_schema_error(validator, text, handler.top_keys());
    report(error.pointer, error.offset, error.message);
  } else if (parsed.IsError()) {
    // The value being read is incomplete: name the container it belongs to.
    std::string message = rapidjson::GetParseError_En(parsed.Code());
    if (!message.empty() && message.back() == '.') message.pop_back();
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    report(handler.container_pointer(), parsed.Offset(), "syntax error: " + message);
  } else {
    const std::size_t end = stream.Tell();
    const std::size_t rest = text.find_first_not_of(" \t\r\n", end);
    if (rest != std::string_view::npos) {
      report("", rest, "unexpected content after the end of the document");
    }
  }
  return std::move(result.errors);
}

}  // namespace internal

DocumentReadResult read_document(std::string_view text, std::string_view file,
                                 const ReadLimits& limits) {
  DocumentReadResult result;
  internal::DocumentSink sink;
  const internal::StreamOutcome outcome = internal::stream_document(text, limits, sink);
  if (outcome.kind == internal::StreamOutcome::Kind::kValid) {
    result.document = std::move(sink.document());
    return result;
  }
  result.errors = internal::describe_document_errors(text, file, limits);
  if (result.errors.empty()) {
    // The precise reader found nothing: a disagreement the tests exist to prevent. The
    // fast reader's own account still names the problem.
    result.errors.push_back(error_at_pointer(text, file, outcome.pointer, outcome.message));
  }
  return result;
}

}  // namespace orgkg
