// Opening test knowledge bases in unit tests.
#ifndef ORGKG_TESTS_SUPPORT_KB_FIXTURE_H_
#define ORGKG_TESTS_SUPPORT_KB_FIXTURE_H_

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "orgkg/query.h"
#include "orgkg/store.h"
#include "support/test_support.h"

namespace orgkg::test {

// Opens the knowledge base in `dir`, failing the test (with the errors) if it is invalid.
inline std::unique_ptr<KnowledgeBase> open_kb(const std::string& dir) {
  std::vector<DocumentError> errors;
  auto kb = KnowledgeBase::open(dir, errors);
  std::string all;
  for (const DocumentError& error : errors) all += error.to_string() + '\n';
  const std::string message = kb.status().message() + '\n' + all;
  REQUIRE_MESSAGE(kb.is_ok(), message);
  return std::move(kb).value();
}

inline std::unique_ptr<KnowledgeBase> shipped_kb() { return open_kb(source_dir() + "/data"); }
inline std::unique_ptr<KnowledgeBase> small_kb() { return open_kb(test_data("kb-small")); }

inline EntityIndex entity(const KnowledgeGraph& graph, const char* name) {
  const Result<EntityIndex> found = resolve_entity(graph, name);
  REQUIRE_MESSAGE(found.is_ok(), found.status().message());
  return found.value();
}

inline DateSelection at(const char* when) { return DateSelection{date(when)}; }

}  // namespace orgkg::test

#endif  // ORGKG_TESTS_SUPPORT_KB_FIXTURE_H_
