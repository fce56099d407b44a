// Helpers shared by the unit tests: reading fixtures and building small knowledge bases.
#ifndef ORGKG_TESTS_SUPPORT_TEST_SUPPORT_H_
#define ORGKG_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "orgkg/date.h"

namespace orgkg::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A date known to be valid (the test fails loudly otherwise).
inline PartialDate date(const char* text) {
  const Result<PartialDate> parsed = PartialDate::parse(text);
  if (!parsed.is_ok()) throw std::runtime_error(parsed.status().message());
  return parsed.value();
}

}  // namespace orgkg::test

#endif  // ORGKG_TESTS_SUPPORT_TEST_SUPPORT_H_
