// The layout of the snapshot file (snapshot.cpp writes and reads it; tests craft damaged
// ones from it): a header, the list of documents it was built from, a table of sections,
// then the graph's tables (graph_tables.h) one after the other, each at a 64-byte
// boundary, as their bytes are in memory. The header's checksum covers the header, the
// document list and the section table; each section carries its own, so that reading
// checks every byte, on two threads. Private to src/.
//
//   FileHeader | document list | SectionEntry × kSectionCount | section 0 | section 1 | …
#ifndef ORGKG_SRC_SNAPSHOT_FORMAT_H_
#define ORGKG_SRC_SNAPSHOT_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "content_hash.h"

namespace orgkg::internal::snapshot_format {

inline constexpr char kMagic[8] = {'O', 'R', 'G', 'K', 'G', 'S', 'N', 'P'};
// Bumped whenever the layout of the file or of a record changes.
inline constexpr std::uint32_t kFormatVersion = 3;  // 2: links carry pair_rest; 3: link_others
inline constexpr std::uint32_t kByteOrderMark = 0x01020304;
inline constexpr std::size_t kAlignment = 64;
inline constexpr std::size_t kSectionCount = 17;  // the tables for_each_section() visits

struct FileHeader {
  char magic[8];
  std::uint32_t version;
  std::uint32_t byte_order;
  std::uint64_t file_size;
  std::uint64_t build_hash;  // of the orgkg that wrote it (the schema, the record sizes)
  std::uint64_t documents_offset;
  std::uint64_t documents_size;
  std::uint64_t sections_offset;
  std::uint64_t checksum;  // of the header (this field 0), the documents and the sections
};

struct SectionEntry {
  std::uint64_t offset;
  std::uint64_t bytes;
  std::uint64_t count;
  std::uint64_t record_size;
  std::uint64_t checksum;  // hash_bytes() of the section
};

static_assert(std::has_unique_object_representations_v<FileHeader> &&
              std::has_unique_object_representations_v<SectionEntry>);

inline std::uint64_t header_checksum(FileHeader header, std::string_view documents,
                                     std::string_view sections) {
  header.checksum = 0;
  ContentHash hash;
  hash.update(std::string_view(reinterpret_cast<const char*>(&header), sizeof header));
  hash.update(documents);
  hash.update(sections);
  return hash.digest();
}

}  // namespace orgkg::internal::snapshot_format

#endif  // ORGKG_SRC_SNAPSHOT_FORMAT_H_
