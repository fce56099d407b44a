// Locating values and describing errors: line and column from byte offsets, JSON Pointer
// lookup by a second SAX pass (error path only), and schema failures in words.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

#include "json_internal.h"
#include "orgkg/json.h"

namespace orgkg {
namespace internal {
namespace {

// Stops the parse at the first value whose pointer is `target` and remembers its start.
class PointerLocator : public PointerTracker<PointerLocator> {
 public:
  PointerLocator(std::string_view text, const rapidjson::MemoryStream& stream,
                 std::string_view target)
      : PointerTracker(text, stream), target_(target) {}

  std::optional<std::size_t> found() const { return found_; }

  bool on_key(std::string_view) { return true; }
  bool on_null() { return check(); }
  bool on_bool(bool) { return check(); }
  bool on_int64(std::int64_t) { return check(); }
  bool on_uint64(std::uint64_t) { return check(); }
  bool on_double(double) { return check(); }
  bool on_string(std::string_view) { return check(); }
  bool on_start_object() { return check_container(); }
  bool on_start_array() { return check_container(); }
  bool on_end_object(rapidjson::SizeType) { return true; }
  bool on_end_array(rapidjson::SizeType) { return true; }

 private:
  bool check() {
    if (current_pointer() != target_) return true;
    found_ = value_start();
    return false;
  }
  // The container's frame is already pushed: its own pointer is object_pointer().
  bool check_container() {
    if (object_pointer() != target_) return true;
    found_ = value_start();
    return false;
  }

  const std::string_view target_;
  std::optional<std::size_t> found_;
};

std::string json_value_text(const rapidjson::Value& value) {
  if (value.IsString()) return fmt::format("'{}'", value.GetString());
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  return "?";
}

std::string article_type(std::string_view type) {
  if (type == "object" || type == "array" || type == "integer") return fmt::format("an {}", type);
  return fmt::format("a {}", type);
}

}  // namespace

const rapidjson::Document& document_schema_dom() {
  static const rapidjson::Document* const dom = [] {
    auto* parsed = new rapidjson::Document;
    const std::string_view text = document_schema_text();
    parsed->Parse(text.data(), text.size());
    assert(!parsed->HasParseError());
    return parsed;
  }();
  return *dom;
}

const rapidjson::SchemaDocument& document_schema() {
  static const rapidjson::SchemaDocument* const schema =
      new rapidjson::SchemaDocument(document_schema_dom());
  return *schema;
}

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (const char c : token) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

DocumentError make_error(std::string_view text, std::string_view file, std::string_view pointer,
                         std::size_t offset, std::string message) {
  DocumentError error;
  error.file = file;
  error.pointer = pointer;
  error.message = std::move(message);
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  error.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  // Columns count characters: every byte but UTF-8 continuation bytes starts one.
  error.column = 1 + static_cast<std::size_t>(std::count_if(
                         before.begin() + static_cast<std::ptrdiff_t>(line_start), before.end(),
                         [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  return error;
}

std::string schema_error_message(const SchemaValidator& validator,
                                 const std::vector<std::string>& keys_present) {
  const std::string keyword = validator.GetInvalidSchemaKeyword();
  rapidjson::StringBuffer buffer;
  validator.GetInvalidSchemaPointer().Stringify(buffer);
  const std::string schema_pointer = buffer.GetString();
  const rapidjson::Value* schema =
      rapidjson::Pointer(schema_pointer.c_str()).Get(document_schema_dom());
  const rapidjson::Value* constraint = nullptr;
  if (schema != nullptr && schema->IsObject() && schema->HasMember(keyword.c_str())) {
    constraint = &(*schema)[keyword.c_str()];
  }
  if (constraint != nullptr) {
    if (keyword == "type" && constraint->IsString()) {
      return fmt::format("wrong type: expected {}", article_type(constraint->GetString()));
    }
    if (keyword == "enum" && constraint->IsArray()) {
      std::string allowed;
      for (const rapidjson::Value& value : constraint->GetArray()) {
        if (!allowed.empty()) allowed += ", ";
        allowed += json_value_text(value);
      }
      return fmt::format("value not allowed: expected one of {}", allowed);
    }
    if (keyword == "pattern" && constraint->IsString()) {
      return fmt::format("does not match the pattern {}", constraint->GetString());
    }
    if (keyword == "minLength") return "must not be empty";
    if ((keyword == "minItems" || keyword == "maxItems") && constraint->IsUint()) {
      return fmt::format("expected {} {} items", keyword == "minItems" ? "at least" : "at most",
                         constraint->GetUint());
    }
    if (keyword == "minimum" && constraint->IsNumber()) {
      return fmt::format("must be at least {}", json_value_text(*constraint));
    }
    if (keyword == "required" && constraint->IsArray()) {
      for (const rapidjson::Value& key : constraint->GetArray()) {
        if (std::find(keys_present.begin(), keys_present.end(), key.GetString()) ==
            keys_present.end()) {
          return fmt::format("missing required key '{}'", key.GetString());
        }
      }
    }
    if (keyword == "oneOf") return "expected a non-empty string or a non-negative integer";
    if (keyword == "additionalProperties") return "unknown key";
  }
  return fmt::format("violates the schema's '{}' at #{}", keyword, schema_pointer);
}

PendingError describe_schema_error(const SchemaValidator& validator, std::string_view text,
                                   const std::vector<std::string>& keys_present) {
  rapidjson::StringBuffer buffer;
  validator.GetInvalidDocumentPointer().Stringify(buffer);
  PendingError error;
  error.pointer = buffer.GetString();
  error.offset = locate_json_pointer(text, error.pointer).value_or(0);
  error.message = schema_error_message(validator, keys_present);
  return error;
}

}  // namespace internal

std::string DocumentError::to_string() const {
  std::string line_text = file;
  if (line != 0) line_text += fmt::format(":{}:{}", line, column);
  line_text += ": ";
  if (!pointer.empty()) line_text += pointer + ": ";
  line_text += message;
  return line_text;
}

std::optional<std::size_t> locate_json_pointer(std::string_view text, std::string_view pointer) {
  if (pointer.empty()) {
    const std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return std::nullopt;
    return start;
  }
  rapidjson::MemoryStream stream(text.data(), text.size());
  internal::PointerLocator locator(text, stream, pointer);
  rapidjson::Reader reader;
  reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag>(stream, locator);
  return locator.found();
}

DocumentError error_at_pointer(std::string_view text, std::string_view file,
                               std::string_view pointer, std::string message) {
  const std::optional<std::size_t> offset = locate_json_pointer(text, pointer);
  if (!offset) {
    DocumentError error;
    error.file = file;
    error.pointer = pointer;
    error.message = std::move(message);
    return error;
  }
  return internal::make_error(text, file, pointer, *offset, std::move(message));
}

}  // namespace orgkg
