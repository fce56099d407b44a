// A whole file mapped read-only into memory (mmap), unmapped on destruction. Move-only.
// The one place that calls mmap. Private to src/.
#ifndef ORGKG_SRC_MAPPED_FILE_H_
#define ORGKG_SRC_MAPPED_FILE_H_

#include <filesystem>
#include <string_view>

#include "orgkg/status.h"

namespace orgkg::internal {

class MappedFile {
 public:
  // Maps the file at `path`. kNotFound when it does not exist; kIo (naming it) when it
  // cannot be opened or mapped. An empty file maps to no bytes.
  static Result<MappedFile> open(const std::filesystem::path& path);

  MappedFile(MappedFile&& other) noexcept : bytes_(other.bytes_) { other.bytes_ = {}; }
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return bytes_; }

 private:
  explicit MappedFile(std::string_view bytes) : bytes_(bytes) {}
  std::string_view bytes_;
};

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_MAPPED_FILE_H_
