// The fast reader of `orgkg/1` documents: one SAX pass that checks every rule of the
// shipped JSON Schema and of read_document() natively (no DOM, no RapidJSON schema
// validator, no per-key strings) and hands each item to a sink as soon as it is complete.
// It decides only whether a document is valid; when it is not, read_document()'s precise
// reader (json_reader.cpp) says where and why. tests/unit/json_test.cpp and the fuzz
// target tests/fuzz/fuzz_json.cpp check that the two accept exactly the same documents.
// Private to src/; reentrant.
#ifndef ORGKG_SRC_DOCUMENT_STREAM_H_
#define ORGKG_SRC_DOCUMENT_STREAM_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/json.h"
#include "orgkg/model.h"
#include "orgkg/status.h"

namespace orgkg::internal {

// Receives a document's items in document order, each valid in itself (references to
// other items are not checked). The objects are the reader's and are reused for the next
// item: copy what must outlive the call. Returning false stops the read.
class ItemSink {
 public:
  virtual ~ItemSink() = default;
  virtual bool on_source(const Source& source) = 0;
  virtual bool on_entity(const Entity& entity) = 0;
  virtual bool on_fact(const Fact& fact) = 0;
};

// A sink that keeps everything: the Document of read_document().
class DocumentSink final : public ItemSink {
 public:
  bool on_source(const Source& source) override;
  bool on_entity(const Entity& entity) override;
  bool on_fact(const Fact& fact) override;
  Document& document() { return document_; }

 private:
  Document document_;
};

struct StreamOutcome {
  enum class Kind {
    kValid,    // the whole document was read and every item delivered
    kInvalid,  // the document breaks a rule; `pointer` and `message` say which, briefly
    kStopped,  // the sink returned false
  };
  Kind kind = Kind::kValid;
  std::string pointer;
  std::string message;
};

// Reads `text`.
StreamOutcome stream_document(std::string_view text, const ReadLimits& limits, ItemSink& sink);
// What a file was when it was read: enough to tell later whether it has changed.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t modified_ns = 0;    // taken before the first byte was read
  std::uint64_t content_hash = 0;  // of the bytes read (content_hash.h)
};

// Reads the file at `path` through a fixed buffer, never holding the whole text, and
// fills `stamp` when given. kIo (naming the file) when it cannot be opened or read.
Result<StreamOutcome> stream_document_file(const std::filesystem::path& path,
                                           const ReadLimits& limits, ItemSink& sink,
                                           FileStamp* stamp = nullptr);

// The precise reader's account of what is wrong with `text` (json_reader.cpp): its first
// syntax or schema error, located; empty when it finds the document valid.
std::vector<DocumentError> describe_document_errors(std::string_view text, std::string_view file,
                                                    const ReadLimits& limits);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_DOCUMENT_STREAM_H_
