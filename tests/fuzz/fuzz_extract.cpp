// libFuzzer target: the article extractor on arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "orgkg/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const orgkg::KnowledgeGraph empty;
  static const auto extractor = orgkg::Extractor::create(empty);
  if (!extractor.is_ok()) __builtin_trap();
  orgkg::ArticleInfo article;
  article.source_id = "fuzz";
  article.published = *orgkg::PartialDate::parse("2020-01-01");
  const orgkg::Extraction extraction = extractor.value()->extract(
      std::string_view(reinterpret_cast<const char*>(data), size), article);
  (void)orgkg::write_document(extraction.document);
  return 0;
}
