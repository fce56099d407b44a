// libFuzzer target: the JSON reader on one document, and a batch of documents (the input
// split at lines "---") linked into one graph, as load does. Each document is also read
// by both readers behind read_document(): the fast one (document_stream.h) and the
// precise one (RapidJSON's validator of the shipped schema); a document that one accepts
// and the other refuses stops the run.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "document_stream.h"
#include "orgkg/json.h"
#include "orgkg/store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<orgkg::Document> documents;
  std::vector<std::filesystem::path> files;
  std::size_t start = 0;
  while (start <= input.size()) {
    std::size_t end = input.find("\n---\n", start);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view part = input.substr(start, end - start);
    orgkg::internal::DocumentSink sink;
    const bool fast = orgkg::internal::stream_document(part, {}, sink).kind ==
                      orgkg::internal::StreamOutcome::Kind::kValid;
    const bool precise = orgkg::internal::describe_document_errors(part, "fuzz.json", {}).empty();
    if (fast != precise) __builtin_trap();
    orgkg::DocumentReadResult read = orgkg::read_document(part, "fuzz.json");
    for (const orgkg::DocumentError& error : read.errors) (void)error.to_string();
    if (read.document) {
      (void)orgkg::write_document(*read.document);
      documents.push_back(std::move(*read.document));
      files.emplace_back("/nonexistent/fuzz.json");
    }
    start = end + 5;
  }
  std::vector<orgkg::DocumentError> errors;
  (void)orgkg::KnowledgeBase::link(std::move(documents), files, errors);
  return 0;
}
