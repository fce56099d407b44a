#include "durable_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace orgkg::internal {
namespace {

constexpr const char* kTemporaryMarker = ".tmp-";

Status io_error(const std::filesystem::path& path, std::string_view what) {
  return Status::io(fmt::format("{}: {}: {}", path.string(), what, std::strerror(errno)));
}

// Closes a descriptor when it goes out of scope.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting whether close() succeeded (it can report a delayed write error).
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

Status sync_directory(const std::filesystem::path& dir) {
  FileDescriptor fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return io_error(dir, "cannot open directory");
  if (::fsync(fd.get()) != 0) return io_error(dir, "cannot sync directory");
  return Status::ok();
}

}  // namespace

Result<DirectoryLock> DirectoryLock::acquire(const std::filesystem::path& dir) {
  // The lock is on the directory itself: no lock file, so that a refused load leaves the
  // directory exactly as it was.
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error(dir, "cannot open the knowledge base directory");
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const Status status = io_error(dir, "cannot lock");
    ::close(fd);
    return status;
  }
  return DirectoryLock(fd);
}

Result<std::optional<DirectoryLock>> DirectoryLock::try_acquire(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error(dir, "cannot open the knowledge base directory");
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    const bool held = errno == EWOULDBLOCK;
    const Status status = io_error(dir, "cannot lock");
    ::close(fd);
    if (held) return std::optional<DirectoryLock>();
    return status;
  }
  return std::optional<DirectoryLock>(DirectoryLock(fd));
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

Status write_file_atomically(const std::filesystem::path& target, std::string_view contents) {
  const std::string_view pieces[] = {contents};
  return write_file_atomically(target, pieces);
}

Status write_file_atomically(const std::filesystem::path& target,
                             std::span<const std::string_view> pieces, bool sync) {
  const std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
  const std::filesystem::path temporary =
      dir / fmt::format(".{}{}{}", target.filename().string(), kTemporaryMarker, ::getpid());
  FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) return io_error(temporary, "cannot create");
  const auto fail = [&temporary](std::string_view what) {
    Status status = io_error(temporary, what);
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    return status;
  };
  for (const std::string_view contents : pieces) {
    std::size_t written = 0;
    while (written < contents.size()) {
      const ssize_t n = ::write(fd.get(), contents.data() + written, contents.size() - written);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return fail("cannot write");
      written += static_cast<std::size_t>(n);
    }
  }
  if (sync && ::fsync(fd.get()) != 0) return fail("cannot sync");
  if (!fd.close()) return fail("cannot close");
  if (::rename(temporary.c_str(), target.c_str()) != 0) return fail("cannot rename into place");
  return sync ? sync_directory(dir) : Status::ok();
}

void remove_stale_temporaries(const std::filesystem::path& dir) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(".") && name.find(kTemporaryMarker) != std::string::npos) {
      std::filesystem::remove(entry.path(), error);
    }
  }
}

}  // namespace orgkg::internal
