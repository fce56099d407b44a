// Snapshots: a knowledge base opened from its snapshot answers exactly as one read from
// its JSON documents; a stale, damaged or foreign snapshot is detected, never used, and
// replaced.
#include "orgkg/snapshot.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <string>

#include "durable_file.h"
#include "orgkg/export.h"
#include "orgkg/path.h"
#include "orgkg/query.h"
#include "orgkg/report.h"
#include "orgkg/store.h"
#include "orgkg/timeline.h"
#include "snapshot_format.h"
#include "support/kb_fixture.h"
#include "support/test_support.h"

namespace orgkg {
namespace {

// Every answer the knowledge base gives, as JSON: each entity's members, memberships,
// history, profile and timeline at several dates and over all time, shared
// organizations and paths between pairs of entities, search, statistics, the export.
std::string all_answers(const KnowledgeGraph& graph) {
  constexpr OutputFormat kJson = OutputFormat::kJson;
  std::string out;
  const DateSelection dates[] = {{}, test::at("1995"), test::at("2012-06"), test::at("2017-04-12")};
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    for (const DateSelection& when : dates) {
      out += format_members(graph, e, when, {}, members(graph, e, when), kJson);
      out += format_memberships(graph, e, when, {}, memberships(graph, e, when), kJson);
      out += format_history(graph, e, std::nullopt, when, {}, history(graph, e, std::nullopt, when),
                            kJson);
      out += format_profile(graph, profile(graph, e, when), when, kJson);
      const EntityIndex other = (e * 7 + 3) % static_cast<EntityIndex>(graph.entity_count());
      out += format_shared(graph, e, other, when, {}, shared_organizations(graph, e, other, when),
                           false, kJson);
      out += format_path(graph, e, other, when, connection(graph, e, other, when), kJson);
    }
    out += format_timeline(graph, e, timeline(graph, e), kJson);
    out += format_search(graph, graph.entity_name(e),
                         search_entities(graph, graph.entity_name(e), 5), kJson);
  }
  out += format_stats(graph, kJson);
  out += export_knowledge_base(graph, ExportFormat::kJson, {});
  return out;
}

std::unique_ptr<KnowledgeBase> open_with_snapshot(const std::filesystem::path& dir) {
  std::vector<DocumentError> errors;
  OpenOptions options;
  options.use_snapshot = true;
  auto kb = KnowledgeBase::open(dir, errors, options);
  REQUIRE_MESSAGE(kb.is_ok(), kb.status().message());
  return std::move(kb).value();
}

// A copy of a test knowledge base in a temporary directory, its files dated `age_s`
// seconds ago (so that they are not within the window where a change could go unseen).
void copy_kb(const std::string& from, const test::TempDir& to, int age_s = 60) {
  for (const auto& entry : std::filesystem::directory_iterator(from)) {
    if (entry.path().extension() != ".json") continue;
    const auto target = to.path() / entry.path().filename();
    std::filesystem::copy_file(entry.path(), target);
    std::filesystem::last_write_time(
        target, std::filesystem::file_time_type::clock::now() - std::chrono::seconds(age_s));
  }
}

std::string read_bytes(const std::filesystem::path& path) { return test::read_text(path.string()); }

void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

TEST_CASE("a snapshot answers every question exactly as the JSON documents do") {
  for (const std::string& source : {test::source_dir() + "/data", test::test_data("kb-small")}) {
    CAPTURE(source);
    test::TempDir dir;
    copy_kb(source, dir);
    const std::string expected = all_answers(test::open_kb(dir.path().string())->graph());

    const auto first = open_with_snapshot(dir.path());
    CHECK(first->snapshot().found == SnapshotReport::Found::kNone);
    CHECK_FALSE(first->snapshot().used);
    CHECK(first->snapshot().written);
    CHECK(std::filesystem::exists(snapshot_path(dir.path())));
    CHECK(all_answers(first->graph()) == expected);

    const auto second = open_with_snapshot(dir.path());
    CHECK(second->snapshot().found == SnapshotReport::Found::kFresh);
    CHECK(second->snapshot().used);
    CHECK_FALSE(second->snapshot().written);
    CHECK(all_answers(second->graph()) == expected);
  }
}

TEST_CASE("a changed, added or removed document makes the snapshot stale") {
  test::TempDir dir;
  copy_kb(test::test_data("kb-small"), dir);
  open_with_snapshot(dir.path());
  REQUIRE(open_with_snapshot(dir.path())->snapshot().used);

  // A new document: the snapshot is not used, and the answer has the new fact.
  const std::filesystem::path added = dir.write("zz-more.json", R"({"orgkg": 1,
    "entities": [{"id": "newland", "kind": "state", "name": "Newland"}]})");
  auto kb = open_with_snapshot(dir.path());
  CHECK(kb->snapshot().found == SnapshotReport::Found::kStale);
  CHECK_FALSE(kb->snapshot().used);
  CHECK(kb->snapshot().written);
  CHECK(kb->graph().find_id("newland").has_value());
  CHECK(open_with_snapshot(dir.path())->snapshot().used);

  // The document edited: a different size.
  write_bytes(added, R"({"orgkg": 1,
    "entities": [{"id": "newland", "kind": "state", "name": "Newland Republic"}]})");
  kb = open_with_snapshot(dir.path());
  CHECK(kb->snapshot().found == SnapshotReport::Found::kStale);
  CHECK(kb->snapshot().detail == "zz-more.json changed since the snapshot");
  CHECK(kb->graph().entity_name(*kb->graph().find_id("newland")) == "Newland Republic");

  // Removed.
  std::filesystem::remove(added);
  kb = open_with_snapshot(dir.path());
  CHECK(kb->snapshot().found == SnapshotReport::Found::kStale);
  CHECK_FALSE(kb->graph().find_id("newland").has_value());
}

TEST_CASE("a document changed without changing its size or time is caught by its bytes") {
  test::TempDir dir;
  copy_kb(test::test_data("kb-small"), dir);
  // Written just now: within the window where file times may not show a change.
  const std::filesystem::path file = dir.write("zz-late.json", R"({"orgkg": 1,
    "entities": [{"id": "latecomer", "kind": "state", "name": "Aaaa"}]})");
  open_with_snapshot(dir.path());
  struct stat before {};
  REQUIRE(::stat(file.c_str(), &before) == 0);
  std::string bytes = read_bytes(file);
  bytes.replace(bytes.find("Aaaa"), 4, "Bbbb");
  write_bytes(file, bytes);
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);

  const auto kb = open_with_snapshot(dir.path());
  CHECK(kb->snapshot().found == SnapshotReport::Found::kStale);
  CHECK(kb->snapshot().detail == "zz-late.json changed since the snapshot (same size and time)");
  CHECK(kb->graph().entity_name(*kb->graph().find_id("latecomer")) == "Bbbb");
}

TEST_CASE("any damaged byte of a snapshot is detected, and the snapshot rebuilt") {
  test::TempDir dir;
  copy_kb(test::test_data("kb-small"), dir);
  const std::string expected = all_answers(open_with_snapshot(dir.path())->graph());
  const std::filesystem::path path = snapshot_path(dir.path());
  const std::string good = read_bytes(path);
  REQUIRE(read_snapshot(path).is_ok());

  // Every byte in turn (at a stride that meets every part of the file), flipped.
  std::size_t detected = 0;
  std::size_t tried = 0;
  for (std::size_t at = 0; at < good.size(); at += 13) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    write_bytes(path, bad);
    ++tried;
    const Result<Snapshot> read = read_snapshot(path);
    if (!read.is_ok() && read.status().code() == StatusCode::kInvalidInput) ++detected;
  }
  CHECK(detected == tried);

  // Cut short, and grown.
  write_bytes(path, good.substr(0, good.size() / 2));
  CHECK(read_snapshot(path).status().message().find("damaged snapshot") != std::string::npos);
  write_bytes(path, good + "x");
  CHECK(read_snapshot(path).status().message().find("truncated or extended") != std::string::npos);

  // Opened through the knowledge base: not used, rebuilt, the same answers.
  std::string bad = good;
  bad[good.size() / 2] = static_cast<char>(bad[good.size() / 2] ^ 1);
  write_bytes(path, bad);
  const auto kb = open_with_snapshot(dir.path());
  CHECK(kb->snapshot().found == SnapshotReport::Found::kDamaged);
  CHECK_FALSE(kb->snapshot().used);
  CHECK(kb->snapshot().written);
  CHECK(all_answers(kb->graph()) == expected);
  CHECK(read_snapshot(path).is_ok());
  CHECK(open_with_snapshot(dir.path())->snapshot().used);
}

// A snapshot edited by `change`, then given right checksums again: what a faulty writer
// (or a crafted file) could leave, which only the checks of the layout and of the tables
// catch.
std::string with_checksums_redone(
    std::string bytes,
    const std::function<void(std::string&, std::vector<internal::snapshot_format::SectionEntry>&)>&
        change) {
  namespace format = internal::snapshot_format;
  format::FileHeader header{};
  std::memcpy(&header, bytes.data(), sizeof header);
  std::vector<format::SectionEntry> sections(format::kSectionCount);
  const std::size_t table_size = sizeof(format::SectionEntry) * sections.size();
  std::memcpy(sections.data(), bytes.data() + header.sections_offset, table_size);
  change(bytes, sections);
  for (format::SectionEntry& section : sections) {
    if (section.offset <= bytes.size() && section.bytes <= bytes.size() - section.offset) {
      section.checksum =
          internal::hash_bytes(std::string_view(bytes).substr(section.offset, section.bytes));
    }
  }
  std::memcpy(bytes.data() + header.sections_offset, sections.data(), table_size);
  header.checksum = format::header_checksum(
      header, std::string_view(bytes).substr(header.documents_offset, header.documents_size),
      std::string_view(bytes).substr(header.sections_offset, table_size));
  std::memcpy(bytes.data(), &header, sizeof header);
  return bytes;
}

TEST_CASE("a snapshot with right checksums but a wrong layout or wrong tables is not used") {
  namespace format = internal::snapshot_format;
  using Sections = std::vector<format::SectionEntry>;
  test::TempDir dir;
  copy_kb(test::test_data("kb-small"), dir);
  open_with_snapshot(dir.path());
  const std::filesystem::path path = snapshot_path(dir.path());
  const std::string good = read_bytes(path);
  const auto refusal = [&](const std::function<void(std::string&, Sections&)>& change) {
    write_bytes(path, with_checksums_redone(good, change));
    const Result<Snapshot> read = read_snapshot(path);
    return read.is_ok() ? std::string("used") : read.status().message();
  };
  const auto refused_for = [&](const std::string& message, const std::string& why) {
    return message == path.string() + ": damaged snapshot: " + why;
  };
  constexpr std::size_t kLinkStart = 7;  // the order of for_each_section() in snapshot.cpp
  constexpr std::size_t kLinks = 8;

  // Redone without a change, the snapshot is as good as it was.
  CHECK(refusal([](std::string&, Sections&) {}) == "used");
  // A count that, multiplied by the record size, wraps around to the section's bytes.
  CHECK(refused_for(refusal([&](std::string&, Sections& sections) {
                      REQUIRE(sections[kLinks].record_size == 32);
                      sections[kLinks].count += std::uint64_t{1} << 59;
                    }),
                    "a section outside the file"));
  // A byte in the padding between two parts.
  CHECK(refused_for(refusal([&](std::string& bytes, Sections& sections) {
                      const format::SectionEntry& first = sections[0];
                      REQUIRE(first.offset + first.bytes < sections[1].offset);
                      bytes[first.offset + first.bytes] = 'x';
                    }),
                    "stray bytes between the parts"));
  // An adjacency index that ends past the links.
  CHECK(refused_for(refusal([&](std::string& bytes, Sections& sections) {
                      const format::SectionEntry& starts = sections[kLinkStart];
                      std::uint32_t last = 0;
                      char* const at = bytes.data() + starts.offset + starts.bytes - sizeof last;
                      std::memcpy(&last, at, sizeof last);
                      ++last;
                      std::memcpy(at, &last, sizeof last);
                    }),
                    "adjacency index does not match the links"));

  // Through the knowledge base: not used, rebuilt.
  write_bytes(path, with_checksums_redone(good, [&](std::string&, Sections& sections) {
                sections[kLinks].count += std::uint64_t{1} << 59;
              }));
  const auto kb = open_with_snapshot(dir.path());
  CHECK(kb->snapshot().found == SnapshotReport::Found::kDamaged);
  CHECK(kb->snapshot().written);
  CHECK(read_snapshot(path).is_ok());
}

TEST_CASE("a snapshot of another format version is not used") {
  test::TempDir dir;
  copy_kb(test::test_data("kb-small"), dir);
  open_with_snapshot(dir.path());
  const std::filesystem::path path = snapshot_path(dir.path());
  std::string bytes = read_bytes(path);
  bytes[8] = static_cast<char>(bytes[8] + 1);  // the version, after the magic
  write_bytes(path, bytes);
  CHECK(read_snapshot(path).status().message() ==
        path.string() + ": snapshot written by another version of orgkg");
  const auto kb = open_with_snapshot(dir.path());
  CHECK(kb->snapshot().found == SnapshotReport::Found::kDamaged);
  CHECK(kb->snapshot().written);
}

TEST_CASE("no snapshot is written while a load holds the knowledge base, and none is needed") {
  test::TempDir dir;
  copy_kb(test::test_data("kb-small"), dir);
  Result<internal::DirectoryLock> lock = internal::DirectoryLock::acquire(dir.path());
  REQUIRE(lock.is_ok());
  const auto kb = open_with_snapshot(dir.path());
  CHECK_FALSE(kb->snapshot().written);
  CHECK(kb->snapshot().detail == "not written: the knowledge base is locked by a load");
  CHECK_FALSE(std::filesystem::exists(snapshot_path(dir.path())));
  CHECK(kb->graph().entity_count() > 0);
}

TEST_CASE("without use_snapshot, a knowledge base neither reads nor writes one") {
  test::TempDir dir;
  copy_kb(test::test_data("kb-small"), dir);
  const auto kb = test::open_kb(dir.path().string());
  CHECK_FALSE(kb->snapshot().written);
  CHECK_FALSE(std::filesystem::exists(snapshot_path(dir.path())));
}

}  // namespace
}  // namespace orgkg
