// The two operations that keep a knowledge base safe on disk: an exclusive lock that
// serializes writers, and the atomic replacement of a file (temporary file in the same
// directory, flush and fsync, rename, fsync of the directory). Private to src/.
#ifndef ORGKG_SRC_DURABLE_FILE_H_
#define ORGKG_SRC_DURABLE_FILE_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "orgkg/status.h"

namespace orgkg::internal {

// An exclusive flock() on the directory, held until destruction. Move-only.
class DirectoryLock {
 public:
  // Blocks until the lock is ours. kIo (naming the path and the reason) when the
  // directory cannot be opened or locked.
  static Result<DirectoryLock> acquire(const std::filesystem::path& dir);
  // The lock if nobody holds it now, else nullopt at once; kIo as acquire().
  static Result<std::optional<DirectoryLock>> try_acquire(const std::filesystem::path& dir);

  DirectoryLock(DirectoryLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DirectoryLock& operator=(DirectoryLock&&) = delete;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  ~DirectoryLock();

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_;
};

// Writes `contents` to `target` so that a reader, or a crash at any moment, sees either
// no file or the whole file. The temporary file is DIR/.NAME.tmp-PID. kIo on failure
// (the temporary file is removed).
Status write_file_atomically(const std::filesystem::path& target, std::string_view contents);

// The same for contents given in pieces, written one after the other. With `sync` false
// the file is not flushed to the disk before the rename: still atomic for readers, but a
// crash may leave it damaged (for files whose damage is detected, such as snapshots).
Status write_file_atomically(const std::filesystem::path& target,
                             std::span<const std::string_view> pieces, bool sync = true);

// Removes temporary files a killed writer may have left in `dir` (call under the lock).
void remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace orgkg::internal

#endif  // ORGKG_SRC_DURABLE_FILE_H_
