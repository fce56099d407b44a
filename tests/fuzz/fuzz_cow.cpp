// libFuzzer target: the Correlates of War importer on an arbitrary table (written to a
// temporary file, as the importer reads files).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "orgkg/cow.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string dir = [] {
    std::string path = "/tmp/orgkg-fuzz-cow-" + std::to_string(::getpid());
    std::filesystem::create_directories(path);
    return path;
  }();
  const std::string table = dir + "/table.csv";
  std::ofstream(table, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  static const orgkg::KnowledgeGraph empty;
  const auto imported = orgkg::import_cow(table, empty);
  if (imported.is_ok()) (void)orgkg::write_document(imported->document);
  return 0;
}
