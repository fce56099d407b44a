// Writing and reading snapshots (the layout is in snapshot_format.h).
#include "orgkg/snapshot.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <thread>

#include "content_hash.h"
#include "durable_file.h"
#include "graph_impl.h"
#include "mapped_file.h"
#include "orgkg/json.h"
#include "snapshot_format.h"

namespace orgkg {
namespace {

using internal::GraphTables;

using internal::snapshot_format::FileHeader;
using internal::snapshot_format::header_checksum;
using internal::snapshot_format::kAlignment;
using internal::snapshot_format::kByteOrderMark;
using internal::snapshot_format::kFormatVersion;
using internal::snapshot_format::kMagic;
using internal::snapshot_format::kSectionCount;
using internal::snapshot_format::SectionEntry;

// What the bytes of a snapshot depend on besides the format version: the schema this
// build validates against and the size of every record.
std::uint64_t build_hash() {
  internal::ContentHash hash;
  hash.update(document_schema_text());
  const std::array<std::uint64_t, 10> sizes = {
      sizeof(internal::StringRef),      sizeof(internal::EntityRecord),
      sizeof(internal::CodeRecord),     sizeof(internal::SourceRecord),
      sizeof(internal::FactRecord),     sizeof(internal::CitationRecord),
      sizeof(internal::NameKeyRecord),  sizeof(internal::CountsRecord),
      sizeof(KnowledgeGraph::FactLink), kFormatVersion};
  hash.update(std::string_view(reinterpret_cast<const char*>(sizes.data()), sizeof sizes));
  return hash.digest();
}

template <typename T>
std::string_view bytes_of(std::span<const T> records) {
  return std::string_view(reinterpret_cast<const char*>(records.data()), records.size_bytes());
}

// Calls `visit(span)` for each table, in the order of the file's sections.
template <typename Tables, typename Visit>
void for_each_section(Tables& tables, Visit visit) {
  visit(tables.strings);
  visit(tables.entities);
  visit(tables.aliases);
  visit(tables.codes);
  visit(tables.sources);
  visit(tables.facts);
  visit(tables.citations);
  visit(tables.link_start);
  visit(tables.links);
  visit(tables.link_others);
  visit(tables.event_start);
  visit(tables.events);
  visit(tables.name_rank);
  visit(tables.entities_by_id);
  visit(tables.sources_by_id);
  visit(tables.name_keys);
  visit(tables.counts);
}

void append_raw(std::string& out, const void* data, std::size_t size) {
  out.append(static_cast<const char*>(data), size);
}

std::string encode_documents(const SnapshotInfo& info) {
  std::string out;
  const auto put = [&out](auto value) { append_raw(out, &value, sizeof value); };
  put(info.built_at_ns);
  put(static_cast<std::uint64_t>(info.documents.size()));
  for (const DocumentStamp& document : info.documents) {
    put(static_cast<std::uint64_t>(document.name.size()));
    out += document.name;
    put(document.size);
    put(document.modified_ns);
    put(document.content_hash);
  }
  return out;
}

// Reads what encode_documents() wrote; false when the bytes do not hold it.
bool decode_documents(std::string_view in, SnapshotInfo& info) {
  const auto get = [&in](auto& value) {
    if (in.size() < sizeof value) return false;
    std::memcpy(&value, in.data(), sizeof value);
    in.remove_prefix(sizeof value);
    return true;
  };
  std::uint64_t count = 0;
  if (!get(info.built_at_ns) || !get(count) || count > in.size()) return false;
  for (std::uint64_t i = 0; i < count; ++i) {
    DocumentStamp document;
    std::uint64_t name_size = 0;
    if (!get(name_size) || name_size > in.size()) return false;
    document.name = in.substr(0, name_size);
    in.remove_prefix(name_size);
    if (!get(document.size) || !get(document.modified_ns) || !get(document.content_hash)) {
      return false;
    }
    info.documents.push_back(std::move(document));
  }
  return in.empty();
}

// Hashes the pieces on two threads, the larger ones spread between them.
std::vector<std::uint64_t> hash_in_parallel(const std::vector<std::string_view>& pieces) {
  std::vector<std::uint64_t> hashes(pieces.size());
  std::vector<std::size_t> order(pieces.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return pieces[a].size() > pieces[b].size(); });
  std::vector<std::size_t> mine;
  std::vector<std::size_t> theirs;
  std::size_t my_bytes = 0;
  std::size_t their_bytes = 0;
  for (const std::size_t i : order) {
    (my_bytes <= their_bytes ? mine : theirs).push_back(i);
    (my_bytes <= their_bytes ? my_bytes : their_bytes) += pieces[i].size();
  }
  const auto hash_some = [&](const std::vector<std::size_t>& which) {
    for (const std::size_t i : which) hashes[i] = internal::hash_bytes(pieces[i]);
  };
  if (their_bytes < (std::size_t{1} << 20)) {  // not worth a thread
    hash_some(order);
    return hashes;
  }
  std::thread other(hash_some, std::cref(theirs));
  hash_some(mine);
  other.join();
  return hashes;
}

Status damaged(const std::filesystem::path& path, std::string_view what) {
  return Status::invalid_input(fmt::format("{}: damaged snapshot: {}", path.string(), what));
}

// Checks what the checksums cannot: that the tables fit each other, so that no question
// can read outside them. Linear in entities and sources, not in facts.
std::optional<std::string> check_structure(const GraphTables& t) {
  const std::size_t entities = t.entities.size();
  const auto ref_ok = [&t](const internal::StringRef& ref, bool optional) {
    if (!ref.present()) return optional;
    return ref.offset <= t.strings.size() && ref.size <= t.strings.size() - ref.offset;
  };
  const auto monotonic = [](std::span<const std::uint32_t> starts, std::size_t end) {
    for (std::size_t i = 1; i < starts.size(); ++i) {
      if (starts[i] < starts[i - 1]) return false;
    }
    return !starts.empty() && starts.front() == 0 && starts.back() == end;
  };
  if (t.counts.size() != 1) return "no counts";
  if (t.name_rank.size() != entities || t.entities_by_id.size() != entities) {
    return "entity indexes of the wrong size";
  }
  if (t.sources_by_id.size() != t.sources.size()) return "source index of the wrong size";
  if (t.link_start.size() != entities * internal::kLinkBlocks + 1 ||
      !monotonic(t.link_start, t.links.size())) {
    return "adjacency index does not match the links";
  }
  if (t.link_others.size() != t.links.size()) return "link ends do not match the links";
  if (t.event_start.size() != entities + 1 || !monotonic(t.event_start, t.events.size())) {
    return "event index does not match the events";
  }
  for (const internal::EntityRecord& entity : t.entities) {
    if (!ref_ok(entity.id, false) || !ref_ok(entity.name, false) ||
        entity.first_alias > t.aliases.size() ||
        entity.alias_count > t.aliases.size() - entity.first_alias ||
        entity.first_code > t.codes.size() ||
        entity.code_count > t.codes.size() - entity.first_code) {
      return "an entity outside the tables";
    }
  }
  for (const internal::StringRef& alias : t.aliases) {
    if (!ref_ok(alias, false)) return "an alias outside the strings";
  }
  for (const internal::CodeRecord& code : t.codes) {
    if (!ref_ok(code.scheme, false) || !ref_ok(code.value, false))
      return "a code outside the strings";
  }
  for (const internal::SourceRecord& source : t.sources) {
    if (!ref_ok(source.id, false) || !ref_ok(source.title, true) ||
        !ref_ok(source.publisher, true) || !ref_ok(source.url, true)) {
      return "a source outside the strings";
    }
  }
  for (std::size_t i = 0; i < entities; ++i) {
    if (t.name_rank[i] >= entities || t.entities_by_id[i] >= entities) return "a bad entity index";
  }
  for (const std::uint32_t source : t.sources_by_id) {
    if (source >= t.sources.size()) return "a bad source index";
  }
  for (const internal::NameKeyRecord& key : t.name_keys) {
    if (!ref_ok(key.folded, false) || key.entity >= entities) return "a bad name key";
  }
  return std::nullopt;
}

}  // namespace

Status write_snapshot(const KnowledgeGraph& graph, const SnapshotInfo& info,
                      const std::filesystem::path& path) {
  assert(graph.is_built());
  const GraphTables& tables = internal::GraphAccess::tables(graph);
  const std::string documents = encode_documents(info);

  std::vector<std::string_view> data;
  std::vector<std::uint64_t> counts;
  std::vector<std::uint64_t> record_sizes;
  for_each_section(tables, [&](auto span) {
    data.push_back(bytes_of(span));
    counts.push_back(span.size());
    record_sizes.push_back(sizeof(typename decltype(span)::element_type));
  });
  assert(data.size() == kSectionCount);
  const std::vector<std::uint64_t> checksums = hash_in_parallel(data);

  const auto aligned = [](std::size_t offset) {
    return (offset + kAlignment - 1) / kAlignment * kAlignment;
  };
  FileHeader header{};
  std::memcpy(header.magic, kMagic, sizeof kMagic);
  header.version = kFormatVersion;
  header.byte_order = kByteOrderMark;
  header.build_hash = build_hash();
  header.documents_offset = sizeof(FileHeader);
  header.documents_size = documents.size();
  header.sections_offset = aligned(header.documents_offset + documents.size());
  std::vector<SectionEntry> sections(kSectionCount);
  std::size_t offset = aligned(header.sections_offset + sizeof(SectionEntry) * kSectionCount);
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    sections[i] = SectionEntry{offset, data[i].size(), counts[i], record_sizes[i], checksums[i]};
    offset = aligned(offset + data[i].size());
  }
  header.file_size = offset;
  const std::string_view section_bytes(reinterpret_cast<const char*>(sections.data()),
                                       sections.size() * sizeof(SectionEntry));
  header.checksum = header_checksum(header, documents, section_bytes);

  // The pieces in file order, with the zeros that align each.
  static const std::string kZeros(kAlignment, '\0');
  std::vector<std::string_view> pieces;
  std::size_t written = 0;
  const auto add = [&](std::string_view piece, std::size_t at) {
    pieces.push_back(std::string_view(kZeros).substr(0, at - written));
    pieces.push_back(piece);
    written = at + piece.size();
  };
  add(std::string_view(reinterpret_cast<const char*>(&header), sizeof header), 0);
  add(documents, header.documents_offset);
  add(section_bytes, header.sections_offset);
  for (std::size_t i = 0; i < kSectionCount; ++i) add(data[i], sections[i].offset);
  pieces.push_back(std::string_view(kZeros).substr(0, header.file_size - written));
  return internal::write_file_atomically(path, pieces, /*sync=*/false);
}

Result<Snapshot> read_snapshot(const std::filesystem::path& path) {
  Result<internal::MappedFile> opened = internal::MappedFile::open(path);
  if (!opened.is_ok()) return opened.status();
  const auto mapped = std::make_shared<internal::MappedFile>(std::move(opened).value());
  const std::string_view bytes = mapped->bytes();

  FileHeader header{};
  if (bytes.size() < sizeof header) return damaged(path, "shorter than its header");
  std::memcpy(&header, bytes.data(), sizeof header);
  if (std::memcmp(header.magic, kMagic, sizeof kMagic) != 0) return damaged(path, "not a snapshot");
  if (header.version != kFormatVersion || header.byte_order != kByteOrderMark ||
      header.build_hash != build_hash()) {
    return Status::invalid_input(
        fmt::format("{}: snapshot written by another version of orgkg", path.string()));
  }
  if (header.file_size != bytes.size()) return damaged(path, "truncated or extended");
  const auto within = [&bytes](std::uint64_t offset, std::uint64_t size) {
    return offset <= bytes.size() && size <= bytes.size() - offset;
  };
  if (!within(header.documents_offset, header.documents_size) ||
      !within(header.sections_offset, sizeof(SectionEntry) * kSectionCount)) {
    return damaged(path, "header points outside the file");
  }
  const std::string_view documents = bytes.substr(header.documents_offset, header.documents_size);
  const std::string_view section_bytes =
      bytes.substr(header.sections_offset, sizeof(SectionEntry) * kSectionCount);
  if (header_checksum(header, documents, section_bytes) != header.checksum) {
    return damaged(path, "header checksum mismatch");
  }
  std::vector<SectionEntry> sections(kSectionCount);
  std::memcpy(sections.data(), section_bytes.data(), section_bytes.size());

  // Every section in bounds and of its type's size, then every checksum.
  std::vector<std::string_view> data;
  GraphTables tables;
  bool shapes_ok = true;
  std::size_t index = 0;
  for_each_section(tables, [&](auto& span) {
    using Record = typename std::remove_reference_t<decltype(span)>::element_type;
    const SectionEntry& entry = sections[index++];
    if (!within(entry.offset, entry.bytes) || entry.record_size != sizeof(Record) ||
        entry.bytes % sizeof(Record) != 0 || entry.count != entry.bytes / sizeof(Record) ||
        entry.offset % alignof(Record) != 0) {
      shapes_ok = false;
      data.emplace_back();
      return;
    }
    data.push_back(bytes.substr(entry.offset, entry.bytes));
    span = std::span<const Record>(reinterpret_cast<const Record*>(bytes.data() + entry.offset),
                                   entry.count);
  });
  if (!shapes_ok) return damaged(path, "a section outside the file");
  // The bytes between the parts are zeros: with the checksums, every byte is checked.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parts = {
      {0, sizeof header},
      {header.documents_offset, header.documents_size},
      {header.sections_offset, section_bytes.size()}};
  for (const SectionEntry& entry : sections) parts.emplace_back(entry.offset, entry.bytes);
  std::sort(parts.begin(), parts.end());
  std::uint64_t covered = 0;
  for (std::size_t i = 0; i <= parts.size(); ++i) {
    const std::uint64_t next = i < parts.size() ? parts[i].first : bytes.size();
    if (next < covered) return damaged(path, "overlapping parts");
    for (std::uint64_t at = covered; at < next; ++at) {
      if (bytes[at] != '\0') return damaged(path, "stray bytes between the parts");
    }
    if (i < parts.size()) covered = parts[i].first + parts[i].second;
  }
  const std::vector<std::uint64_t> checksums = hash_in_parallel(data);
  for (std::size_t i = 0; i < kSectionCount; ++i) {
    if (checksums[i] != sections[i].checksum) {
      return damaged(path, fmt::format("checksum mismatch in section {}", i));
    }
  }
  if (const std::optional<std::string> problem = check_structure(tables)) {
    return damaged(path, *problem);
  }
  SnapshotInfo info;
  if (!decode_documents(documents, info)) return damaged(path, "bad document list");
  return Snapshot{std::move(info), internal::GraphAccess::over(mapped, tables)};
}

}  // namespace orgkg
