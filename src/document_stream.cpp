// The fast reader: a RapidJSON SAX handler that knows the orgkg/1 layout. Each open
// container has a frame saying what it is (the root, the facts list, a fact, a
// citation's offset, …), which keys it has seen (a bit each) and which key's value comes
// next; every event is checked against the one schema slot it can fill. Anything that
// fits no slot ends the read at once, so frames never nest deeper than the format does.
#include "document_stream.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "content_hash.h"
#include "json_internal.h"
#include "rapidjson_all.h"
#include "utf8_check.h"

namespace orgkg::internal {
namespace {

enum class Container : std::uint8_t {
  kRoot,
  kSourceList,
  kSource,
  kEntityList,
  kEntity,
  kAliasList,
  kCodes,
  kFactList,
  kFact,
  kCitationList,
  kCitation,
  kOffset,
};

// The keys of each kind of object, in the order of their bits.
constexpr std::array<std::string_view, 4> kRootKeys = {"orgkg", "sources", "entities", "facts"};
constexpr std::array<std::string_view, 5> kSourceKeys = {"id", "title", "publisher", "published",
                                                         "url"};
constexpr std::array<std::string_view, 5> kEntityKeys = {"id", "kind", "name", "aliases", "codes"};
constexpr std::array<std::string_view, 10> kFactKeys = {
    "subject", "relation", "object", "status", "date", "from", "until", "at", "sources", "note"};
constexpr std::array<std::string_view, 3> kCitationKeys = {"source", "quote", "offset"};

enum RootKey : std::int8_t { kOrgkg, kSources, kEntities, kFacts };
enum SourceKey : std::int8_t { kSourceId, kTitle, kPublisher, kPublished, kUrl };
enum EntityKey : std::int8_t { kEntityId, kKind, kName, kAliases, kCodesKey };
enum FactKey : std::int8_t {
  kSubject,
  kRelation,
  kObject,
  kStatus,
  kDate,
  kFrom,
  kUntil,
  kAt,
  kCitations,
  kNote
};
enum CitationKey : std::int8_t { kCitedSource, kQuote, kOffsetKey };

// A key of up to 16 bytes as two words and a length: known keys are compared with it in
// three integer comparisons each, not with memcmp.
struct KeyWords {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  std::size_t size = 0;
  friend bool operator==(const KeyWords&, const KeyWords&) = default;
};

constexpr std::size_t kMaxKnownKey = 16;
// Incoming keys are loaded into the words with memcpy, byte 0 lowest.
static_assert(std::endian::native == std::endian::little);

constexpr KeyWords words_of(std::string_view key) {
  KeyWords words;
  words.size = key.size();
  for (std::size_t i = 0; i < key.size() && i < kMaxKnownKey; ++i) {
    (i < 8 ? words.low : words.high) |= std::uint64_t{static_cast<unsigned char>(key[i])}
                                        << (8 * (i % 8));
  }
  return words;
}

template <std::size_t N>
constexpr std::array<KeyWords, N> words_of_all(const std::array<std::string_view, N>& keys) {
  std::array<KeyWords, N> words{};
  for (std::size_t i = 0; i < N; ++i) words[i] = words_of(keys[i]);
  return words;
}

constexpr auto kRootWords = words_of_all(kRootKeys);
constexpr auto kSourceWords = words_of_all(kSourceKeys);
constexpr auto kEntityWords = words_of_all(kEntityKeys);
constexpr auto kFactWords = words_of_all(kFactKeys);
constexpr auto kCitationWords = words_of_all(kCitationKeys);

// The keys an object of `container` may have, and the same as words for matching.
struct ContainerKeys {
  std::span<const std::string_view> keys;
  std::span<const KeyWords> words;
};

ContainerKeys keys_of(Container container) {
  switch (container) {
    case Container::kRoot:
      return {kRootKeys, kRootWords};
    case Container::kSource:
      return {kSourceKeys, kSourceWords};
    case Container::kEntity:
      return {kEntityKeys, kEntityWords};
    case Container::kFact:
      return {kFactKeys, kFactWords};
    case Container::kCitation:
      return {kCitationKeys, kCitationWords};
    default:
      return {};
  }
}

struct Frame {
  Container container;
  std::int8_t key = -1;     // objects: the key whose value comes next
  std::uint16_t seen = 0;   // objects: a bit per key met
  std::uint32_t count = 0;  // arrays: elements so far
};

class FastHandler {
 public:
  FastHandler(const ReadLimits& limits, ItemSink& sink) : limits_(limits), sink_(sink) {}

  const StreamOutcome& outcome() const { return outcome_; }

  // ---- RapidJSON's SAX interface ----

  bool Null() { return fail("null is not allowed here"); }
  bool Bool(bool) { return fail("true or false is not allowed here"); }
  bool Double(double) { return fail("a number with a fraction or exponent is not allowed here"); }
  bool Int(int value) {
    return value >= 0 ? unsigned_number(static_cast<unsigned>(value)) : negative();
  }
  bool Int64(std::int64_t value) {
    return value >= 0 ? unsigned_number(static_cast<std::uint64_t>(value)) : negative();
  }
  bool Uint(unsigned value) { return unsigned_number(value); }
  bool Uint64(std::uint64_t value) { return unsigned_number(value); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) { return fail("unexpected number"); }

  bool String(const char* data, rapidjson::SizeType size, bool) {
    const std::string_view value(data, size);
    if (value.size() > limits_.max_string_bytes)
      return fail("string longer than --max-string-bytes");
    if (frames_.empty()) return fail("a document is an object");
    Frame& frame = frames_.back();
    switch (frame.container) {
      case Container::kSource:
        return source_string(frame.key, value);
      case Container::kEntity:
        return entity_string(frame.key, value);
      case Container::kAliasList:
        ++frame.count;
        if (value.empty()) return fail("an alias must not be empty");
        entity_.aliases.emplace_back(value);
        return true;
      case Container::kCodes:
        if (value.empty()) return fail("a code must not be empty");
        entity_.codes.push_back(Code{code_key_, std::string(value), false});
        return true;
      case Container::kFact:
        return fact_string(frame.key, value);
      case Container::kCitation:
        return citation_string(frame.key, value);
      default:
        return fail("a string is not allowed here");
    }
  }

  bool Key(const char* data, rapidjson::SizeType size, bool) {
    const std::string_view key(data, size);
    Frame& frame = frames_.back();
    if (frame.container == Container::kCodes) {
      for (const std::string& seen : codes_seen_) {
        if (seen == key) return fail(fmt::format("duplicate key '{}'", key));
      }
      codes_seen_.emplace_back(key);
      code_key_ = key;
      return true;
    }
    const std::span<const KeyWords> known = keys_of(frame.container).words;
    if (key.size() > kMaxKnownKey) return fail(fmt::format("unknown key '{}'", key));
    char padded[kMaxKnownKey] = {};
    std::memcpy(padded, key.data(), key.size());
    KeyWords words;
    std::memcpy(&words.low, padded, 8);
    std::memcpy(&words.high, padded + 8, 8);
    words.size = key.size();
    for (std::size_t i = 0; i < known.size(); ++i) {
      if (!(known[i] == words)) continue;
      const auto bit = static_cast<std::uint16_t>(1u << i);
      if ((frame.seen & bit) != 0) return fail(fmt::format("duplicate key '{}'", key));
      frame.seen |= bit;
      frame.key = static_cast<std::int8_t>(i);
      return true;
    }
    return fail(fmt::format("unknown key '{}'", key));
  }

  bool StartObject() {
    const std::size_t depth = frames_.size() + 1;  // counting the new object
    if (depth == 3 && ++items_ > limits_.max_items) return fail("more items than --max-items");
    if (depth > static_cast<std::size_t>(limits_.max_depth))
      return fail("nested deeper than --max-depth");
    if (frames_.empty()) return open(Container::kRoot);
    Frame& parent = frames_.back();
    switch (parent.container) {
      case Container::kSourceList:
        ++parent.count;
        source_ = Source{};
        return open(Container::kSource);
      case Container::kEntityList:
        ++parent.count;
        clear_entity();
        return open(Container::kEntity);
      case Container::kFactList:
        ++parent.count;
        clear_fact();
        return open(Container::kFact);
      case Container::kCitationList:
        ++parent.count;
        citation_ = Citation{};
        return open(Container::kCitation);
      case Container::kEntity:
        if (parent.key != kCodesKey) break;
        codes_seen_.clear();
        return open(Container::kCodes);
      default:
        break;
    }
    return fail("an object is not allowed here");
  }

  bool StartArray() {
    const std::size_t depth = frames_.size() + 1;
    if (depth > static_cast<std::size_t>(limits_.max_depth))
      return fail("nested deeper than --max-depth");
    if (frames_.empty()) return fail("a document is an object");
    const Frame& parent = frames_.back();
    switch (parent.container) {
      case Container::kRoot:
        if (parent.key == kSources) return open(Container::kSourceList);
        if (parent.key == kEntities) return open(Container::kEntityList);
        if (parent.key == kFacts) return open(Container::kFactList);
        break;
      case Container::kEntity:
        if (parent.key == kAliases) return open(Container::kAliasList);
        break;
      case Container::kFact:
        if (parent.key == kCitations) return open(Container::kCitationList);
        break;
      case Container::kCitation:
        if (parent.key == kOffsetKey) return open(Container::kOffset);
        break;
      default:
        break;
    }
    return fail("an array is not allowed here");
  }

  bool EndObject(rapidjson::SizeType) {
    const Frame frame = frames_.back();
    const auto has = [&frame](int key) { return (frame.seen & (1u << key)) != 0; };
    switch (frame.container) {
      case Container::kRoot:
        if (!has(kOrgkg)) return fail("missing required key 'orgkg'");
        break;
      case Container::kSource:
        if (!has(kSourceId)) return fail("missing required key 'id'");
        if (!sink_.on_source(source_)) return stop();
        break;
      case Container::kEntity:
        if (!has(kEntityId)) return fail("missing required key 'id'");
        if (!has(kKind)) return fail("missing required key 'kind'");
        if (!has(kName)) return fail("missing required key 'name'");
        if (!sink_.on_entity(entity_)) return stop();
        break;
      case Container::kFact:
        if (!check_fact(frame)) return false;
        if (!sink_.on_fact(fact_)) return stop();
        break;
      case Container::kCitation:
        if (!has(kCitedSource)) return fail("missing required key 'source'");
        if (citation_.offset_start && citation_.offset_end &&
            *citation_.offset_end < *citation_.offset_start) {
          return fail("offset end precedes start");
        }
        fact_.sources.push_back(std::move(citation_));
        break;
      default:
        break;
    }
    frames_.pop_back();
    return true;
  }

  bool EndArray(rapidjson::SizeType) {
    if (frames_.back().container == Container::kOffset && frames_.back().count != 2) {
      return fail("an offset has two integers");
    }
    frames_.pop_back();
    return true;
  }

 private:
  bool open(Container container) {
    frames_.push_back(Frame{container});
    return true;
  }

  bool fail(std::string message) {
    outcome_.kind = StreamOutcome::Kind::kInvalid;
    outcome_.pointer = pointer();
    outcome_.message = std::move(message);
    return false;
  }
  bool stop() {
    outcome_.kind = StreamOutcome::Kind::kStopped;
    return false;
  }
  bool negative() { return fail("a negative number is not allowed here"); }

  // The JSON Pointer of where the read stands (for the outcome only).
  std::string pointer() const {
    std::string text;
    for (const Frame& frame : frames_) {
      if (frame.container == Container::kCodes) {
        append_pointer_token(text, code_key_);
      } else if (const auto keys = keys_of(frame.container).keys; !keys.empty()) {
        if (frame.key >= 0) append_pointer_token(text, keys[frame.key]);
      } else {
        text += fmt::format("/{}", frame.count == 0 ? 0 : frame.count - 1);
      }
    }
    return text;
  }

  void clear_entity() {
    entity_.id.value.clear();
    entity_.kind = EntityKind::kOther;
    entity_.name.clear();
    entity_.aliases.clear();
    entity_.codes.clear();
  }
  void clear_fact() {
    fact_.subject.value.clear();
    fact_.relation = Relation::kMemberOf;
    fact_.object.reset();
    fact_.status.reset();
    fact_.date.reset();
    fact_.validity = Validity{};
    fact_.sources.clear();
    fact_.note.reset();
  }

  bool id(std::string_view value, std::string& into) {
    if (!is_valid_entity_id(value)) return fail("invalid id");
    into.assign(value);
    return true;
  }
  bool text(std::string_view value, std::optional<std::string>& into) {
    if (value.empty()) return fail("must not be empty");
    into.emplace(value);
    return true;
  }
  bool date(std::string_view value, std::optional<PartialDate>& into) {
    Result<PartialDate> parsed = PartialDate::parse(value);
    if (!parsed.is_ok()) return fail(parsed.status().message());
    into = parsed.value();
    return true;
  }

  bool source_string(std::int8_t key, std::string_view value) {
    switch (key) {
      case kSourceId:
        return id(value, source_.id);
      case kTitle:
        return text(value, source_.title);
      case kPublisher:
        return text(value, source_.publisher);
      case kPublished:
        return date(value, source_.published);
      case kUrl:
        return text(value, source_.url);
      default:
        return fail("a string is not allowed here");
    }
  }

  bool entity_string(std::int8_t key, std::string_view value) {
    switch (key) {
      case kEntityId:
        return id(value, entity_.id.value);
      case kKind: {
        const std::optional<EntityKind> kind = parse_kind(value);
        if (!kind) return fail("unknown entity kind");
        entity_.kind = *kind;
        return true;
      }
      case kName:
        if (value.empty()) return fail("must not be empty");
        entity_.name.assign(value);
        return true;
      default:
        return fail("a string is not allowed here");
    }
  }

  bool fact_string(std::int8_t key, std::string_view value) {
    switch (key) {
      case kSubject:
        return id(value, fact_.subject.value);
      case kRelation: {
        const std::optional<Relation> relation = parse_relation(value);
        if (!relation) return fail("unknown relation");
        fact_.relation = *relation;
        return true;
      }
      case kObject:
        fact_.object.emplace();
        return id(value, fact_.object->value);
      case kStatus: {
        const std::optional<MembershipStatus> status = parse_status(value);
        if (!status) return fail("unknown membership status");
        fact_.status = *status;
        return true;
      }
      case kDate:
        return date(value, fact_.date);
      case kFrom:
        return date(value, fact_.validity.from);
      case kUntil:
        return date(value, fact_.validity.until);
      case kAt:
        return date(value, fact_.validity.at);
      case kNote:
        return text(value, fact_.note);
      default:
        return fail("a string is not allowed here");
    }
  }

  bool citation_string(std::int8_t key, std::string_view value) {
    switch (key) {
      case kCitedSource:
        return id(value, citation_.source);
      case kQuote:
        return text(value, citation_.quote);
      default:
        return fail("a string is not allowed here");
    }
  }

  bool unsigned_number(std::uint64_t value) {
    if (frames_.empty()) return fail("a document is an object");
    Frame& frame = frames_.back();
    switch (frame.container) {
      case Container::kRoot:
        if (frame.key != kOrgkg) break;
        if (value != 1) return fail("unsupported format version");
        return true;
      case Container::kCodes:
        entity_.codes.push_back(Code{code_key_, std::to_string(value), true});
        return true;
      case Container::kOffset:
        if (frame.count >= 2) return fail("an offset has two integers");
        (frame.count == 0 ? citation_.offset_start : citation_.offset_end) = value;
        ++frame.count;
        return true;
      default:
        break;
    }
    return fail("a number is not allowed here");
  }

  // The rules of a whole fact (as read_document() states them).
  bool check_fact(const Frame& frame) {
    const auto has = [&frame](int key) { return (frame.seen & (1u << key)) != 0; };
    if (!has(kSubject)) return fail("missing required key 'subject'");
    if (!has(kRelation)) return fail("missing required key 'relation'");
    if (is_event(fact_.relation)) {
      if (!has(kDate)) return fail("an event needs a 'date'");
      if (has(kObject)) return fail("an event takes no 'object'");
    } else {
      if (!has(kObject)) return fail("a relation needs an 'object'");
      if (has(kDate)) return fail("a relation takes no 'date'");
    }
    if (has(kStatus) && fact_.relation != Relation::kMemberOf) {
      return fail("'status' applies to member_of only");
    }
    if (fact_.validity.until_precedes_from()) return fail("'until' precedes 'from'");
    return true;
  }

  const ReadLimits& limits_;
  ItemSink& sink_;
  std::vector<Frame> frames_;
  std::size_t items_ = 0;
  StreamOutcome outcome_;
  Source source_;
  Entity entity_;
  Fact fact_;
  Citation citation_;
  std::string code_key_;
  std::vector<std::string> codes_seen_;
};

// A RapidJSON input stream over a file read in large pieces, each checked as UTF-8 when
// it arrives: one pass over the bytes, eight at a time where they are ASCII, instead of
// the parser's check of every string byte by byte. (The same bytes are valid to both:
// outside strings, any byte that is not ASCII is a syntax error anyway.)
class CheckedFileStream {
 public:
  using Ch = char;

  // REQUIRES: buffer.size() >= 4 (the last byte holds the end mark)
  CheckedFileStream(std::FILE* file, std::span<char> buffer, ContentHash* hash)
      : file_(file), buffer_(buffer.data()), capacity_(buffer.size() - 1), hash_(hash) {
    fill();
  }

  Ch Peek() const { return *current_; }
  Ch Take() {
    const Ch c = *current_;
    if (current_ < last_) {
      ++current_;
    } else if (!at_end_) {
      fill();
    }
    return c;
  }
  std::size_t Tell() const { return before_ + static_cast<std::size_t>(current_ - buffer_); }
  // Whether every byte read so far is well-formed UTF-8.
  bool well_formed() const { return utf8_.complete(); }

  // Output members RapidJSON's stream concept names; a reader never calls them.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  std::size_t PutEnd(Ch*) { return 0; }

 private:
  void fill() {
    before_ += filled_;
    filled_ = std::fread(buffer_, 1, capacity_, file_);
    utf8_.feed(std::string_view(buffer_, filled_));
    if (hash_ != nullptr) hash_->update(std::string_view(buffer_, filled_));
    current_ = buffer_;
    last_ = buffer_ + filled_ - 1;
    if (filled_ < capacity_) {  // the end (or an error, which the caller checks)
      buffer_[filled_] = '\0';
      ++last_;
      at_end_ = true;
    }
  }

  std::FILE* const file_;
  char* const buffer_;
  const std::size_t capacity_;
  std::size_t before_ = 0;  // bytes of the file before the buffer's
  std::size_t filled_ = 0;
  char* current_ = nullptr;
  char* last_ = nullptr;
  bool at_end_ = false;
  Utf8Check utf8_;
  ContentHash* const hash_;
};

// Reads a document of `size` bytes from `stream`; `well_formed()` says, after the parse,
// whether the bytes read were UTF-8.
template <typename Stream, typename WellFormed>
StreamOutcome parse(Stream& stream, std::size_t size, WellFormed well_formed,
                    const ReadLimits& limits, ItemSink& sink) {
  FastHandler handler(limits, sink);
  rapidjson::Reader reader;
  // Recursion is bounded: the handler refuses any container the format has no place
  // for, before the parser descends into it. The stream checks the encoding.
  constexpr unsigned kFlags = rapidjson::kParseStopWhenDoneFlag;
  const rapidjson::ParseResult parsed = reader.Parse<kFlags>(stream, handler);
  if (!well_formed()) {
    return StreamOutcome{StreamOutcome::Kind::kInvalid, "", "invalid encoding: not UTF-8"};
  }
  if (handler.outcome().kind != StreamOutcome::Kind::kValid) return handler.outcome();
  if (parsed.IsError()) {
    return StreamOutcome{
        StreamOutcome::Kind::kInvalid, "",
        std::string("syntax error: ") + rapidjson::GetParseError_En(parsed.Code())};
  }
  // Only white space may follow the document (a NUL byte is not white space).
  for (char c = stream.Peek(); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = stream.Peek()) {
    stream.Take();
  }
  if (stream.Tell() != size || !well_formed()) {
    return StreamOutcome{StreamOutcome::Kind::kInvalid, "",
                         "unexpected content after the end of the document"};
  }
  return StreamOutcome{};
}

struct FileCloser {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};

}  // namespace

bool DocumentSink::on_source(const Source& source) {
  document_.sources.push_back(source);
  return true;
}
bool DocumentSink::on_entity(const Entity& entity) {
  document_.entities.push_back(entity);
  return true;
}
bool DocumentSink::on_fact(const Fact& fact) {
  document_.facts.push_back(fact);
  return true;
}

StreamOutcome stream_document(std::string_view text, const ReadLimits& limits, ItemSink& sink) {
  if (text.size() > limits.max_document_bytes) {
    return StreamOutcome{StreamOutcome::Kind::kInvalid, "", "larger than --max-document-bytes"};
  }
  Utf8Check utf8;
  utf8.feed(text);
  rapidjson::MemoryStream stream(text.data(), text.size());
  return parse(
      stream, text.size(), [&utf8] { return utf8.complete(); }, limits, sink);
}

Result<StreamOutcome> stream_document_file(const std::filesystem::path& path,
                                           const ReadLimits& limits, ItemSink& sink,
                                           FileStamp* stamp) {
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return Status::io(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(::fileno(file.get()), &info) != 0) {
    return Status::io(fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > limits.max_document_bytes) {
    return StreamOutcome{StreamOutcome::Kind::kInvalid, "", "larger than --max-document-bytes"};
  }
  std::vector<char> buffer(std::size_t{1} << 18);
  std::optional<ContentHash> hash;
  if (stamp != nullptr) hash.emplace();
  CheckedFileStream stream(file.get(), buffer, hash ? &*hash : nullptr);
  StreamOutcome outcome = parse(
      stream, static_cast<std::size_t>(size), [&stream] { return stream.well_formed(); }, limits,
      sink);
  if (std::ferror(file.get()) != 0) {
    return Status::io(fmt::format("{}: read failed: {}", path.string(), std::strerror(errno)));
  }
  if (stamp != nullptr) {
    // The rest of the file too, when the document ended early: the hash is of every byte.
    while (!std::feof(file.get()) && std::ferror(file.get()) == 0) {
      const std::size_t read = std::fread(buffer.data(), 1, buffer.size(), file.get());
      hash->update(std::string_view(buffer.data(), read));
    }
    stamp->size = size;
    stamp->modified_ns =
        static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    stamp->content_hash = hash->digest();
  }
  return outcome;
}

}  // namespace orgkg::internal
