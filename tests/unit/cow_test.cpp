#include "orgkg/cow.h"

#include <doctest/doctest.h>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

// A tiny COW world: states 2 (usa), 365 (russia), 371 (armenia); IGOs ABC and XYZ.
void write_side_files(const test::TempDir& dir) {
  dir.write(
      "states.csv",
      "\"ccode\",\"stateabb\",\"statenme\",\"state\",\"first_year\",\"last_year\",\"n_years\"\n"
      "2,\"USA\",\"United States of America\",\"usa\",1990,1996,7\n"
      "365,\"RUS\",\"Russia\",\"russia\",1990,1996,7\n"
      "371,\"ARM\",\"Armenia\",\"armenia\",1991,1996,6\n");
  dir.write(
      "igos.csv",
      "\"ioname\",\"orgname\",\"longorgname\",\"sdate\",\"deaddate\",\"ionum\",\"igocode\","
      "\"first_year\",\"last_year\",\"n_years\"\n"
      "\"ABC\",\"Alpha Body, Commission\",\"Alpha Body Commission (ABC)\",1990,,1,,1990,1996,7\n"
      "\"XYZ\",\"Xylo Zone\",\"Xylo Zone\",1992,1995,2,,1992,1995,4\n");
}

// The memberships of a document, one line each, sorted.
std::string memberships_of(const Document& document) {
  std::vector<std::string> lines;
  for (const Fact& fact : document.facts) {
    std::string line = fact.subject.value + " " + std::string(relation_name(fact.relation));
    if (fact.object) line += " " + fact.object->value;
    if (fact.status) line += " " + std::string(status_name(*fact.status));
    if (fact.date) line += " " + fact.date->to_string();
    if (fact.validity.from) line += " from " + fact.validity.from->to_string();
    if (fact.validity.until) line += " until " + fact.validity.until->to_string();
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& line : lines) out += line + '\n';
  return out;
}

// What both layouts of the same cells must give.
const std::string kIntervals =
    "armenia member_of cow-abc from 1992\n"  // 1992–1996, open at the end
    "cow-abc established 1990\n"
    "cow-xyz dissolved 1995\n"
    "cow-xyz established 1992\n"
    "russia member_of cow-abc from 1990 until 1993\n"           // 1990–1992, then -9 in 1993
    "russia member_of cow-abc from 1994\n"                      // 1994–1996
    "russia member_of cow-xyz observer from 1993 until 1995\n"  // 1993–1994, -1 after
    "united-states-of-america member_of cow-abc associate from 1990 until 1992\n"
    "united-states-of-america member_of cow-abc from 1992 until 1994\n"  // status change
    "united-states-of-america member_of cow-abc from 1995\n";            // after a year with no row

TEST_CASE("state-year and IGO-year tables give the same intervals") {
  test::TempDir dir;
  write_side_files(dir);
  // usa has no row for 1994 (out of the system that year).
  dir.write("state_year.csv",
            "\"ccode\",\"year\",\"state\",\"abc\",\"xyz\"\n"
            "2,1990,\"usa\",2,-1\n2,1991,\"usa\",2,-1\n2,1992,\"usa\",1,0\n2,1993,\"usa\",1,0\n"
            "2,1995,\"usa\",1,0\n2,1996,\"usa\",1,-1\n"
            "365,1990,\"russia\",1,-1\n365,1991,\"russia\",1,-1\n365,1992,\"russia\",1,0\n"
            "365,1993,\"russia\",-9,3\n365,1994,\"russia\",1,3\n365,1995,\"russia\",1,-1\n"
            "365,1996,\"russia\",1,-1\n"
            "371,1991,\"armenia\",0,-1\n371,1992,\"armenia\",1,0\n371,1993,\"armenia\",1,0\n"
            "371,1994,\"armenia\",1,0\n371,1995,\"armenia\",1,0\n371,1996,\"armenia\",1,-1\n");
  dir.write(
      "igo_year.csv",
      "\"ioname\",\"orgname\",\"year\",\"usa\",\"russia\",\"armenia\",\"sdate\",\"deaddate\"\n"
      "\"ABC\",\"Alpha Body, Commission\",1990,2,1,,1990,\n"
      "\"ABC\",\"Alpha Body, Commission\",1991,2,1,0,1990,\n"
      "\"ABC\",\"Alpha Body, Commission\",1992,1,1,1,1990,\n"
      "\"ABC\",\"Alpha Body, Commission\",1993,1,-9,1,1990,\n"
      "\"ABC\",\"Alpha Body, Commission\",1994,,1,1,1990,\n"
      "\"ABC\",\"Alpha Body, Commission\",1995,1,1,1,1990,\n"
      "\"ABC\",\"Alpha Body, Commission\",1996,1,1,1,1990,\n"
      "\"XYZ\",\"Xylo Zone\",1992,0,0,0,1992,1995\n"
      "\"XYZ\",\"Xylo Zone\",1993,0,3,0,1992,1995\n"
      "\"XYZ\",\"Xylo Zone\",1994,0,3,0,1992,1995\n"
      "\"XYZ\",\"Xylo Zone\",1995,0,0,0,1992,1995\n");
  const KnowledgeGraph empty;
  const Result<CowImportResult> state_year = import_cow(dir.path() / "state_year.csv", empty);
  REQUIRE_MESSAGE(state_year.is_ok(), state_year.status().message());
  CHECK(state_year->layout == "state-year");
  CHECK(memberships_of(state_year->document) == kIntervals);
  const Result<CowImportResult> igo_year = import_cow(dir.path() / "igo_year.csv", empty);
  REQUIRE_MESSAGE(igo_year.is_ok(), igo_year.status().message());
  CHECK(igo_year->layout == "igo-year");
  CHECK(memberships_of(igo_year->document) == kIntervals);
}

TEST_CASE("entities already known are matched by COW code or name, not duplicated") {
  test::TempDir dir;
  write_side_files(dir);
  dir.write(
      "state_year.csv",
      "\"ccode\",\"year\",\"state\",\"abc\"\n365,1995,\"russia\",1\n371,1995,\"armenia\",1\n");
  const auto kb = test::shipped_kb();  // russia has cow 365; armenia cow 371
  const Result<CowImportResult> imported = import_cow(dir.path() / "state_year.csv", kb->graph());
  REQUIRE(imported.is_ok());
  CHECK(memberships_of(imported->document) ==
        "armenia member_of cow-abc from 1995\ncow-abc established 1990\n"
        "russia member_of cow-abc from 1995\n");
  REQUIRE(imported->document.entities.size() == 1);  // only the organization is new
  const Entity& abc = imported->document.entities[0];
  CHECK(abc.name == "Alpha Body Commission");  // the full name, without "(ABC)"
  CHECK(abc.aliases == std::vector<std::string>{"ABC"});
}

TEST_CASE("malformed tables are refused with the file and line") {
  test::TempDir dir;
  dir.write("bad.csv", "\"a\",\"b\"\n1,2\n");
  const KnowledgeGraph empty;
  const auto not_cow = import_cow(dir.path() / "bad.csv", empty);
  REQUIRE_FALSE(not_cow.is_ok());
  CHECK(not_cow.status().message().find("bad.csv:1: not a COW IGO v3 table") != std::string::npos);
  dir.write("short.csv", "\"ccode\",\"year\",\"state\",\"abc\"\n2,1990,\"usa\"\n");
  const auto short_row = import_cow(dir.path() / "short.csv", empty);
  REQUIRE_FALSE(short_row.is_ok());
  CHECK(short_row.status().message().find("short.csv:2: expected 4 fields, found 3") !=
        std::string::npos);
  // Found by fuzz_cow: a year no date can hold.
  dir.write("year.csv", "\"ccode\",\"year\",\"state\",\"abc\"\n2,19090,\"usa\",1\n");
  const auto bad_year = import_cow(dir.path() / "year.csv", empty);
  REQUIRE_FALSE(bad_year.is_ok());
  CHECK(bad_year.status().message().find("year.csv:2: year 19090 is out of range") !=
        std::string::npos);
  const auto missing = import_cow(dir.path() / "none.csv", empty);
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().code() == StatusCode::kIo);
}

}  // namespace
}  // namespace orgkg
