// Shared machinery of the JSON reader, the pointer locator and the schema error
// descriptions: PointerTracker follows a SAX parse and knows, at every event, the JSON
// Pointer of the value and the byte offset where it starts. Private to src/.
#ifndef ORGKG_SRC_JSON_INTERNAL_H_
#define ORGKG_SRC_JSON_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/json.h"
#include "rapidjson_all.h"

namespace orgkg::internal {

using SchemaValidator = rapidjson::GenericSchemaValidator<rapidjson::SchemaDocument>;

// The compiled document schema, built once on first use (thread-safe static).
const rapidjson::SchemaDocument& document_schema();
// The schema as a DOM, for reading the constraint a validator names.
const rapidjson::Document& document_schema_dom();

// An error found during the parse, before its line and column are known.
struct PendingError {
  std::string pointer;
  std::size_t offset;
  std::string message;
};

// Appends one reference token to a JSON Pointer, escaping '~' and '/'.
void append_pointer_token(std::string& pointer, std::string_view token);

DocumentError make_error(std::string_view text, std::string_view file, std::string_view pointer,
                         std::size_t offset, std::string message);

// A SAX handler base (CRTP) that keeps the path and offsets and forwards each event to
// Derived::on_*(…). It relies on the iterative parser's order (kParseIterativeFlag): a
// scalar or key is consumed before its event, a bracket after its event.
// For StartObject/StartArray the new frame is pushed before on_start_*
// is called; for EndObject/EndArray on_end_* is called before it is popped. A Key event
// is forwarded before the key joins its object's key list.
template <typename Derived>
class PointerTracker {
 public:
  PointerTracker(std::string_view text, const rapidjson::MemoryStream& stream)
      : text_(text), stream_(stream) {}

  bool Null() {
    return scalar([&] { return self().on_null(); });
  }
  bool Bool(bool b) {
    return scalar([&] { return self().on_bool(b); });
  }
  bool Int(int i) {
    return scalar([&] { return self().on_int64(i); });
  }
  bool Uint(unsigned u) {
    return scalar([&] { return self().on_uint64(u); });
  }
  bool Int64(std::int64_t i) {
    return scalar([&] { return self().on_int64(i); });
  }
  bool Uint64(std::uint64_t u) {
    return scalar([&] { return self().on_uint64(u); });
  }
  bool Double(double d) {
    return scalar([&] { return self().on_double(d); });
  }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return scalar([&] { return self().on_string(std::string_view(s, n)); });
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return scalar([&] { return self().on_string(std::string_view(s, n)); });
  }
  bool StartObject() {
    return open(true, [&] { return self().on_start_object(); });
  }
  bool StartArray() {
    return open(false, [&] { return self().on_start_array(); });
  }
  bool EndObject(rapidjson::SizeType n) {
    return close([&] { return self().on_end_object(n); });
  }
  bool EndArray(rapidjson::SizeType n) {
    return close([&] { return self().on_end_array(n); });
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    value_start_ = skip_separators(last_end_);
    const std::string_view key(s, n);
    if (!self().on_key(key)) return false;
    frames_.back().keys.emplace_back(key);
    frames_.back().value_starts.push_back(value_start_);
    last_end_ = stream_.Tell();
    return true;
  }

  // The pointer of the value of the current event (for a container: the container).
  std::string current_pointer() const { return pointer_upto(frames_.size()); }
  // The pointer of the innermost open container ("" at the top level).
  std::string container_pointer() const {
    return frames_.empty() ? std::string() : pointer_upto(frames_.size() - 1);
  }

 public:
  struct Frame {
    bool is_object = false;
    std::size_t start = 0;          // offset of '{' or '['
    std::size_t count = 0;          // arrays: elements completed (= index of the current one)
    std::vector<std::string> keys;  // objects: keys seen so far, in order
    std::vector<std::size_t> value_starts;  // objects: where each key's value starts
  };

  // Keys of the innermost open object (empty when it is an array).
  const std::vector<std::string>& top_keys() const {
    static const std::vector<std::string> kNone;
    return frames_.empty() ? kNone : frames_.back().keys;
  }

 protected:
  int depth() const { return static_cast<int>(frames_.size()); }
  const Frame& frame_at(int level) const { return frames_[static_cast<std::size_t>(level)]; }
  Frame& top() { return frames_.back(); }
  // The current key of the object frame at `level` ("" for arrays or before any key).
  std::string_view key_at(int level) const {
    const Frame& frame = frame_at(level);
    return frame.keys.empty() ? std::string_view() : std::string_view(frame.keys.back());
  }
  std::string_view current_key() const { return frames_.empty() ? "" : key_at(depth() - 1); }
  std::size_t element_index() const { return frames_.back().count; }
  std::size_t value_start() const { return value_start_; }
  // The pointer of the container on top of the stack.
  std::string object_pointer() const { return pointer_upto(frames_.size() - 1); }
  std::string pointer_with(std::string_view key) const {
    std::string pointer = object_pointer();
    append_pointer_token(pointer, key);
    return pointer;
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }

  std::string pointer_upto(std::size_t levels) const {
    std::string pointer;
    for (std::size_t i = 0; i < levels; ++i) {
      const Frame& frame = frames_[i];
      if (frame.is_object) {
        append_pointer_token(pointer, frame.keys.empty() ? "" : frame.keys.back());
      } else {
        pointer += '/';
        pointer += std::to_string(frame.count);
      }
    }
    return pointer;
  }

  std::size_t skip_separators(std::size_t pos) const {
    while (pos < text_.size()) {
      const char c = text_[pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ':' && c != ',') break;
      ++pos;
    }
    return pos;
  }

  void begin_value() {
    value_start_ = skip_separators(last_end_);
    if (!frames_.empty() && frames_.back().is_object && !frames_.back().value_starts.empty()) {
      frames_.back().value_starts.back() = value_start_;
    }
  }
  void end_value() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().count;
    last_end_ = stream_.Tell();
  }

  template <typename Call>
  bool scalar(Call call) {
    begin_value();
    if (!call()) return false;
    end_value();
    return true;
  }
  template <typename Call>
  bool open(bool is_object, Call call) {
    begin_value();
    Frame frame;
    frame.is_object = is_object;
    frame.start = value_start_;
    frames_.push_back(std::move(frame));
    if (!call()) return false;
    last_end_ = value_start_ + 1;  // just past the bracket
    return true;
  }
  template <typename Call>
  bool close(Call call) {
    if (!call()) return false;
    frames_.pop_back();
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().count;
    last_end_ = stream_.Tell() + 1;  // the closing bracket is still in the stream
    return true;
  }

  std::string_view text_;
  const rapidjson::MemoryStream& stream_;
  std::vector<Frame> frames_;
  std::size_t last_end_ = 0;
  std::size_t value_start_ = 0;
};

// Describes the validator's first failure in words, located at the offending value.
// `keys_present` are the keys of the innermost object (to name a missing required key).
PendingError describe_schema_error(const SchemaValidator& validator, std::string_view text,
                                   const std::vector<std::string>& keys_present);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_JSON_INTERNAL_H_
