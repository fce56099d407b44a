// Snapshots: a built KnowledgeGraph written as the flat tables it is made of, so that a
// new process maps the file and answers at once instead of parsing every JSON document
// again. The JSON documents stay the source of truth: a snapshot records the documents it
// was built from (name, size, modification time, hash of the bytes), and its every byte
// is covered by a checksum that read_snapshot() verifies before anything is used.
// KnowledgeBase::open (store.h) decides when a snapshot is fresh. Functions are
// reentrant; a Snapshot's graph may be shared between threads like any built graph.
#ifndef ORGKG_SNAPSHOT_H_
#define ORGKG_SNAPSHOT_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "orgkg/graph.h"
#include "orgkg/status.h"

namespace orgkg {

// One JSON document as it was when a snapshot was built from it.
struct DocumentStamp {
  std::string name;                // file name within the knowledge base directory
  std::uint64_t size = 0;          // bytes
  std::int64_t modified_ns = 0;    // modification time, nanoseconds since the epoch
  std::uint64_t content_hash = 0;  // XXH3-64 of the bytes read
  friend bool operator==(const DocumentStamp&, const DocumentStamp&) = default;
};

struct SnapshotInfo {
  std::vector<DocumentStamp> documents;  // in name order
  std::int64_t built_at_ns = 0;          // when reading the documents began (same clock as mtimes)
};

// Writes `graph` and `info` to `path`, atomically (a temporary file renamed into place;
// not synced to the disk: a snapshot damaged by a crash is detected and rebuilt). kIo on
// failure. REQUIRES: graph.is_built()
Status write_snapshot(const KnowledgeGraph& graph, const SnapshotInfo& info,
                      const std::filesystem::path& path);

struct Snapshot {
  SnapshotInfo info;
  KnowledgeGraph graph;  // answers from the mapped file, which it keeps open
};

// Maps the snapshot at `path` after checking all of it: format and version, the orgkg
// build that wrote it, every checksum, and the bounds of every table. kNotFound when
// there is no file; kInvalidInput, with what is wrong, when it is damaged, truncated or
// written by another version; kIo when it cannot be read.
Result<Snapshot> read_snapshot(const std::filesystem::path& path);

}  // namespace orgkg

#endif  // ORGKG_SNAPSHOT_H_
