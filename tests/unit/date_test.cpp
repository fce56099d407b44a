#include "orgkg/date.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace orgkg {
namespace {

PartialDate date(const char* text) {
  const Result<PartialDate> parsed = PartialDate::parse(text);
  REQUIRE_MESSAGE(parsed.is_ok(), parsed.status().message());
  return parsed.value();
}

std::optional<PartialDate> maybe_date(const char* text) {
  if (text == nullptr) return std::nullopt;
  return date(text);
}

TEST_CASE("dates parse at three precisions and print back as they were read") {
  struct Case {
    const char* text;
    DatePrecision precision;
  } cases[] = {
      {"1992", DatePrecision::kYear},      {"1992-05", DatePrecision::kMonth},
      {"1992-05-15", DatePrecision::kDay}, {"2000-02-29", DatePrecision::kDay},
      {"2024-02-29", DatePrecision::kDay}, {"0001-01-01", DatePrecision::kDay},
      {"9999-12-31", DatePrecision::kDay}, {"1999-12", DatePrecision::kMonth},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const PartialDate d = date(c.text);
    CHECK(d.precision() == c.precision);
    CHECK(d.to_string() == c.text);
  }
}

TEST_CASE("invalid dates are refused with a message naming the text and the reason") {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"2002-02-30", "invalid date '2002-02-30': day must be 01 to 28 in 2002-02"},
      {"1900-02-29", "invalid date '1900-02-29': day must be 01 to 28 in 1900-02"},
      {"2023-04-31", "invalid date '2023-04-31': day must be 01 to 30 in 2023-04"},
      {"2023-13", "invalid date '2023-13': month must be 01 to 12"},
      {"2023-00-10", "invalid date '2023-00-10': month must be 01 to 12"},
      {"2023-01-00", "invalid date '2023-01-00': day must be 01 to 31 in 2023-01"},
      {"0000", "invalid date '0000': year 0000 does not exist"},
      {"92", "invalid date '92': expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"1992-5-15", "invalid date '1992-5-15': expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"1992/05/15", "invalid date '1992/05/15': expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"19a2", "invalid date '19a2': expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"", "invalid date '': expected YYYY, YYYY-MM or YYYY-MM-DD"},
      {"1992-05-15T00", "invalid date '1992-05-15T00': expected YYYY, YYYY-MM or YYYY-MM-DD"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Result<PartialDate> parsed = PartialDate::parse(c.text);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().code() == StatusCode::kInvalidInput);
    CHECK(parsed.status().message() == c.message);
  }
}

TEST_CASE("a date spans the days it may stand for") {
  CHECK(date("1970-01-01").span().first == 0);
  CHECK(date("1970").span().last == 364);
  CHECK(date("1972").span().last - date("1972").span().first == 365);  // leap year
  CHECK(date("2024-02").span().last - date("2024-02").span().first == 28);
  CHECK(date("2023-02").span().last - date("2023-02").span().first == 27);
  CHECK(date("1969-12-31").span().first == -1);
  CHECK(PartialDate::from_day(date("2017-04-12").span().first).to_string() == "2017-04-12");
}

TEST_CASE("dates order by first day, coarser first") {
  CHECK(date("1992") < date("1992-01"));
  CHECK(date("1992-01") < date("1992-01-01"));
  CHECK(date("1992-12-31") < date("1993"));
  CHECK_FALSE(date("1993") < date("1992-12-31"));
}

struct AnswerCase {
  const char* from;
  const char* until;
  const char* at;
  const char* question;
  Truth expected;
};

void check_answers(const AnswerCase* begin, const AnswerCase* end) {
  for (const AnswerCase* c = begin; c != end; ++c) {
    CAPTURE(c->from ? c->from : "-");
    CAPTURE(c->until ? c->until : "-");
    CAPTURE(c->at ? c->at : "-");
    CAPTURE(c->question);
    const Validity validity{maybe_date(c->from), maybe_date(c->until), maybe_date(c->at)};
    CHECK(truth_name(holds_at(validity, date(c->question))) ==
          std::string(truth_name(c->expected)));
  }
}

TEST_CASE("every row of DESIGN.md's answer table") {
  const AnswerCase cases[] = {
      {"2006-08-16", nullptr, nullptr, "2006-03-01", Truth::kNo},
      {"2006", nullptr, nullptr, "2006-03-01", Truth::kMaybe},
      {"2006-08-16", nullptr, nullptr, "2006", Truth::kYes},
      {"1992", "1999", nullptr, "1999", Truth::kMaybe},
      {"1992", "1999-04-02", nullptr, "1999-04-01", Truth::kYes},
      {"1992", "1999-04-02", nullptr, "1999-04-02", Truth::kNo},
      {nullptr, nullptr, "2017-04-12", "2017-04-12", Truth::kYes},
      {nullptr, nullptr, "2017-04-12", "2018", Truth::kNo},
      {nullptr, nullptr, nullptr, "1990", Truth::kMaybe},
      {nullptr, nullptr, nullptr, "2017-04-12", Truth::kMaybe},
  };
  check_answers(std::begin(cases), std::end(cases));
}

TEST_CASE("open-ended bounds") {
  const AnswerCase cases[] = {
      // No until: holds from the start on, forever.
      {"1992-05-15", nullptr, nullptr, "2100", Truth::kYes},
      {"1992-05-15", nullptr, nullptr, "1992-05-14", Truth::kNo},
      {"1992-05-15", nullptr, nullptr, "1992-05", Truth::kYes},
      {"1992-05", nullptr, nullptr, "1992-05-15", Truth::kMaybe},
      // No from: held since always, until the first day it no longer did.
      {nullptr, "1999-04-20", nullptr, "1800", Truth::kYes},
      {nullptr, "1999-04-20", nullptr, "1999-04-19", Truth::kYes},
      {nullptr, "1999-04-20", nullptr, "1999-04-20", Truth::kNo},
      {nullptr, "1999", nullptr, "1999-06", Truth::kMaybe},
      {nullptr, "1999", nullptr, "2000", Truth::kNo},
  };
  check_answers(std::begin(cases), std::end(cases));
}

TEST_CASE("imprecise questions and bounds") {
  const AnswerCase cases[] = {
      // The question's span covers the start: some day of it is held.
      {"1992-05-15", "1999-04-20", nullptr, "1992", Truth::kYes},
      {"1992-05-15", "1999-04-20", nullptr, "1999", Truth::kYes},
      {"1992-05-15", "1999-04-20", nullptr, "1999-05", Truth::kNo},
      {"1992-05-15", "1999-04-20", nullptr, "1991", Truth::kNo},
      // Month precision on both sides.
      {"2012-06", nullptr, nullptr, "2012-06", Truth::kYes},
      {"2012-06", nullptr, nullptr, "2012-06-01", Truth::kMaybe},
      {"2012-06", nullptr, nullptr, "2012-05", Truth::kNo},
      // Start and end within the same year: at least a day, somewhere in it.
      {"1999", "1999", nullptr, "1999", Truth::kMaybe},
      {"1999-01-01", "1999-01-02", nullptr, "1999-01-01", Truth::kYes},
      {"1999-01-01", "1999-01-02", nullptr, "1999-01-02", Truth::kNo},
  };
  check_answers(std::begin(cases), std::end(cases));
}

TEST_CASE("an assertion date answers by itself and alongside an interval") {
  const AnswerCase cases[] = {
      {nullptr, nullptr, "2017", "2017-04-12", Truth::kMaybe},
      {nullptr, nullptr, "2017-04", "2017", Truth::kYes},
      {nullptr, nullptr, "2017-04-12", "2017-04", Truth::kYes},
      {nullptr, nullptr, "2017-04-12", "2017-04-11", Truth::kNo},
      // An interval that says no does not hide an assertion that says yes.
      {"2020", nullptr, "2017-04-12", "2017-04-12", Truth::kYes},
      {"2010", nullptr, "2017-04-12", "2015", Truth::kYes},
      {"2010", "2012", "2017-04-12", "2015", Truth::kNo},
  };
  check_answers(std::begin(cases), std::end(cases));
}

TEST_CASE("until must not precede from") {
  CHECK(Validity{date("1999"), date("1992"), std::nullopt}.until_precedes_from());
  CHECK(Validity{date("1999-04-02"), date("1999-04-01"), std::nullopt}.until_precedes_from());
  CHECK_FALSE(Validity{date("1999-04-02"), date("1999"), std::nullopt}.until_precedes_from());
  CHECK_FALSE(Validity{date("1992"), date("1999"), std::nullopt}.until_precedes_from());
  CHECK_FALSE(Validity{std::nullopt, date("1999"), std::nullopt}.until_precedes_from());
}

}  // namespace
}  // namespace orgkg

namespace orgkg {
namespace {

TEST_CASE("link validity gives back the spans it was made of, at the ends of the calendar too") {
  const char* dates[] = {"0001",       "0001-01-01", "1992",    "2000-02",   "2000-02-29",
                         "1999-12-31", "9999",       "9999-12", "9999-12-31"};
  for (const char* from : dates) {
    for (const char* until : dates) {
      for (const bool has_at : {false, true}) {
        Validity validity{date(from), date(until), std::nullopt};
        if (has_at) validity.at = date(until);
        if (std::string_view(from) == "1992") validity.from.reset();  // absent bounds too
        const ValiditySpans spans = ValiditySpans::of(validity);
        const ValiditySpans back = LinkValidity::of(spans).spans();
        CAPTURE(from);
        CAPTURE(until);
        CHECK(back.has_from == spans.has_from);
        CHECK(back.has_until == spans.has_until);
        CHECK(back.has_at == spans.has_at);
        CHECK(back.from.first == spans.from.first);
        CHECK(back.from.last == spans.from.last);
        CHECK(back.until.first == spans.until.first);
        CHECK(back.until.last == spans.until.last);
        CHECK(back.at.first == spans.at.first);
        CHECK(back.at.last == spans.at.last);
      }
    }
  }
}

}  // namespace
}  // namespace orgkg

namespace orgkg {
namespace {

// DESIGN.md's rules read day by day: a fact starts on some day s of `from`, stops on some
// day e of `until` (held on [s, e)), and is asserted on some day of `at`; it certainly
// held within the question if every reading holds it on a day of it, possibly if some
// reading does, else not.
Truth reference_answer(const ValiditySpans& v, const DaySpan& q) {
  if (!v.has_from && !v.has_until && !v.has_at) return Truth::kMaybe;
  constexpr DayNumber kBefore = -1000;
  constexpr DayNumber kAfter = 1000;
  bool some = false;
  bool all = true;
  const DaySpan starts = v.has_from ? v.from : DaySpan{kBefore, kBefore};
  const DaySpan stops = v.has_until ? v.until : DaySpan{kAfter, kAfter};
  const DaySpan asserted = v.has_at ? v.at : DaySpan{kAfter + 1, kAfter + 1};
  const bool has_interval = v.has_from || v.has_until;
  for (DayNumber s = starts.first; s <= starts.last; ++s) {
    for (DayNumber e = stops.first; e <= stops.last; ++e) {
      for (DayNumber a = asserted.first; a <= asserted.last; ++a) {
        bool held = false;
        for (DayNumber d = q.first; d <= q.last; ++d) {
          held |= (has_interval && s <= d && d < e) || (v.has_at && d == a);
        }
        some |= held;
        all &= held;
      }
    }
  }
  return all ? Truth::kYes : some ? Truth::kMaybe : Truth::kNo;
}

TEST_CASE("holds_at agrees with a day-by-day reading of the rules on every small case") {
  // Spans of one to three days within a window of 12 days, every bound present or not;
  // a fixed pseudo-random walk over them (the same every run).
  const auto span_of = [](unsigned code) {
    const auto first = static_cast<DayNumber>(code % 12);
    return DaySpan{first, first + static_cast<DayNumber>((code / 12) % 3)};
  };
  std::uint32_t state = 2017;
  const auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  std::size_t checked = 0;
  for (int i = 0; i < 20000; ++i) {
    ValiditySpans v;
    v.has_from = next() % 3 != 0;
    v.has_until = next() % 3 != 0;
    v.has_at = next() % 3 == 0;
    v.from = span_of(next());
    v.until = span_of(next());
    v.at = span_of(next());
    if (v.has_from && v.has_until && v.until.last < v.from.first) continue;  // invalid input
    if (!v.has_from) v.from = {0, 0};
    if (!v.has_until) v.until = {0, 0};
    if (!v.has_at) v.at = {0, 0};
    const DaySpan q = span_of(next() * 7);
    CAPTURE(i);
    CHECK(holds_at(v, q) == reference_answer(v, q));
    ++checked;
  }
  CHECK(checked > 15000);
}

}  // namespace
}  // namespace orgkg
