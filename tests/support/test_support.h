// Helpers shared by the unit tests: reading fixtures and building small knowledge bases.
#ifndef ORGKG_TESTS_SUPPORT_TEST_SUPPORT_H_
#define ORGKG_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <unistd.h>

#include <filesystem>
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

// A fresh, empty directory under the system's temporary directory, removed with the
// object. Not copyable: one owner removes it.
class TempDir {
 public:
  TempDir() {
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0;; ++attempt) {
      path_ =
          base / ("orgkg-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `text` to `name` inside the directory and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  static int& counter() {
    static int value = 0;
    return value;
  }
  std::filesystem::path path_;
};

inline std::string source_dir() { return ORGKG_SOURCE_DIR; }
inline std::string test_data(const std::string& name) {
  return std::string(ORGKG_TEST_DATA) + "/" + name;
}

}  // namespace orgkg::test

#endif  // ORGKG_TESTS_SUPPORT_TEST_SUPPORT_H_
