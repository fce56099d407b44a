// Partial dates, the spans of days they stand for, and the three-valued answer to "did a
// fact hold at some day of this date?" (DESIGN.md, "Dates and the three-valued answer").
// All types are small immutable values, safe to share between threads.
#ifndef ORGKG_DATE_H_
#define ORGKG_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "orgkg/status.h"

namespace orgkg {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
using DayNumber = std::int32_t;

// An inclusive range of days [first, last].
struct DaySpan {
  DayNumber first;
  DayNumber last;
};

enum class DatePrecision : std::uint8_t { kYear, kMonth, kDay };

// A calendar date known to a year, a month or a day: "1992", "1992-05", "1992-05-15".
class PartialDate {
 public:
  // Parses YYYY, YYYY-MM or YYYY-MM-DD (year 0001..9999, a real calendar day).
  // Returns kInvalidInput with a message naming the text and what is wrong.
  static Result<PartialDate> parse(std::string_view text);
  // The date of a day number, at day precision.
  static PartialDate from_day(DayNumber day);
  // Today's date (UTC) at day precision.
  static PartialDate today();

  DatePrecision precision() const { return precision_; }
  int year() const { return year_; }
  int month() const { return month_; }  // 0 when the precision is kYear
  int day() const { return day_; }      // 0 when the precision is coarser than kDay
  // The days this date may stand for: a whole year, a whole month or one day.
  DaySpan span() const;
  // The text form it was parsed from ("2006", "2006-08", "2006-08-16").
  std::string to_string() const;
  // The date in 32 bits, never 0: year * 512 + month * 32 + day (month, day 0 when the
  // precision is coarser). unpack() is its inverse; it returns nullopt for a number that
  // packed() cannot give (0 included).
  std::uint32_t packed() const {
    return static_cast<std::uint32_t>(year_) * 512 + static_cast<std::uint32_t>(month_) * 32 +
           static_cast<std::uint32_t>(day_);
  }
  static std::optional<PartialDate> unpack(std::uint32_t packed);

  friend bool operator==(const PartialDate&, const PartialDate&) = default;
  // Orders by first day, then by precision (coarser first): a stable sort key.
  friend bool operator<(const PartialDate& a, const PartialDate& b);

 private:
  PartialDate(int year, int month, int day, DatePrecision precision)
      : year_(static_cast<std::int16_t>(year)),
        month_(static_cast<std::int8_t>(month)),
        day_(static_cast<std::int8_t>(day)),
        precision_(precision) {}

  std::int16_t year_;
  std::int8_t month_;
  std::int8_t day_;
  DatePrecision precision_;
};

// The three-valued answer: the fact certainly held, may have held (the data's precision
// does not settle it), or did not hold (or is not asserted) at the asked date.
enum class Truth : std::uint8_t { kNo, kMaybe, kYes };
const char* truth_name(Truth truth);  // "no", "maybe", "yes"

// When a fact holds, as its document states it. `until` is exclusive: the first date at
// which the fact no longer held. `at` is a date at which a source asserts that it holds.
struct Validity {
  std::optional<PartialDate> from;
  std::optional<PartialDate> until;
  std::optional<PartialDate> at;

  // Whether `until` precedes `from` (every day `until` may stand for lies before every
  // day `from` may stand for): such a validity is invalid input.
  bool until_precedes_from() const;
  // Whether there is any bound at all.
  bool is_dated() const { return from || until || at; }
};

// The day spans of a validity's bounds, computed once, for answering many questions
// about the same fact without date arithmetic.
struct ValiditySpans {
  DaySpan from{0, 0};
  DaySpan until{0, 0};
  DaySpan at{0, 0};
  bool has_from = false;
  bool has_until = false;
  bool has_at = false;
  std::uint8_t padding = 0;  // spelled out: the graph stores these as raw bytes

  static ValiditySpans of(const Validity& validity);
};

namespace detail {

// The three-valued answer from the days of each bound (see holds_at below), without
// branches on the data: 0 no, 1 maybe, 2 yes. Bounds that are absent are ignored.
inline Truth answer_from_days(bool has_from, std::int64_t from_first, std::int64_t from_last,
                              bool has_until, std::int64_t until_first, std::int64_t until_last,
                              bool has_at, std::int64_t at_first, std::int64_t at_last,
                              const DaySpan& q) {
  // The assertion: the fact holds on one (unknown) day of `at`'s span. Certain when that
  // whole span lies within the question, possible when the two overlap.
  const int at_overlaps = (at_first <= q.last) & (q.first <= at_last);
  const int at_within = (at_first >= q.first) & (at_last <= q.last);
  const int asserted = has_at ? at_overlaps + at_within : 0;
  // The interval: it starts on some day s of `from`'s span and stops on some day e of
  // `until`'s span (e is the first day it no longer holds): days held are [s, e). With
  // the latest start and the earliest stop, a day of the question held makes the answer
  // certain; with the earliest start and the latest stop, none held makes it no.
  constexpr std::int64_t kNever = std::int64_t{1} << 40;
  const std::int64_t start_late = has_from ? from_last : -kNever;
  const std::int64_t start_early = has_from ? from_first : -kNever;
  const std::int64_t stop_early = has_until ? until_first : kNever;
  const std::int64_t stop_late = has_until ? until_last : kNever;
  const auto held_somewhere = [&q](std::int64_t s, std::int64_t e) {
    return static_cast<int>((s > q.first ? s : q.first) <= (e - 1 < q.last ? e - 1 : q.last));
  };
  // The first implies the second.
  const int interval =
      held_somewhere(start_late, stop_early) + held_somewhere(start_early, stop_late);
  const int best = interval > asserted ? interval : asserted;
  const int answer = (has_from || has_until) ? best : has_at ? asserted : 1;
  return static_cast<Truth>(answer);
}

}  // namespace detail

// ValiditySpans as the graph's adjacency index stores them, in 20 bytes: the earliest and
// latest day a fact may have started and the earliest and latest day it may have stopped
// (an absent bound is open: far before or after any date), so that an interval, the
// common case, is answered in four comparisons; and the days of its claim, if any (one
// word: whether there is one, its first day from 0001-01-01 in 22 bits, its length less
// one in 9).
class LinkValidity {
 public:
  LinkValidity() = default;
  // REQUIRES: the spans are those of PartialDates (within years 1..9999, at most a year).
  static LinkValidity of(const ValiditySpans& spans);
  ValiditySpans spans() const;
  friend bool operator==(const LinkValidity&, const LinkValidity&) = default;

  // Whether it has a `from` or an `until` (it is an interval, not only a claim).
  bool has_interval() const { return start_early_ != kOpenStart || stop_early_ != kOpenStop; }
  // Whether holds_at() is yes or maybe: for an interval, one comparison of the earliest
  // start and the latest stop with the question.
  bool may_hold(const DaySpan& question) const {
    if ((claim_ >> 31) == 0 && has_interval()) return held(start_early_, stop_late_, question);
    return holds_at_in_general(question) != Truth::kNo;
  }
  // holds_at() of the spans.
  Truth holds_at(const DaySpan& question) const {
    if ((claim_ >> 31) == 0 && has_interval()) {
      // With the latest start and the earliest stop, a day of the question held makes the
      // answer certain; with the earliest start and the latest stop, none held makes it no.
      return static_cast<Truth>(static_cast<int>(held(start_late_, stop_early_, question)) +
                                static_cast<int>(held(start_early_, stop_late_, question)));
    }
    return holds_at_in_general(question);
  }

 private:
  static constexpr DayNumber kOpenStart = -(DayNumber{1} << 30);
  static constexpr DayNumber kOpenStop = DayNumber{1} << 30;
  static constexpr DayNumber kFirstDay = -719162;  // 0001-01-01
  // Whether some day of `question` lies in [start, stop).
  static bool held(DayNumber start, DayNumber stop, const DaySpan& question) {
    return (start > question.first ? start : question.first) <
           (stop <= question.last ? stop : question.last + 1);
  }
  // Claims, and facts with no bound at all, out of line so that the above inlines.
  Truth holds_at_in_general(const DaySpan& question) const;

  DayNumber start_early_ = kOpenStart;
  DayNumber start_late_ = kOpenStart;
  DayNumber stop_early_ = kOpenStop;
  DayNumber stop_late_ = kOpenStop;
  std::uint32_t claim_ = 0;
};

// Did a fact with this validity hold on some day of `question`'s span?
// yes: on every reading of the imprecise bounds; maybe: on some but not all; no: on none.
// A fact with no bound at all answers maybe; an absent `from` or `until` is open-ended.
// A fact dated only by `at` holds (as far as anyone says) only on the day(s) of `at`.
Truth holds_at(const Validity& validity, const PartialDate& question);
// The same, from precomputed spans.
Truth holds_at(const ValiditySpans& validity, const DaySpan& question);
inline Truth holds_at(const LinkValidity& validity, const DaySpan& question) {
  return validity.holds_at(question);
}

}  // namespace orgkg

#endif  // ORGKG_DATE_H_
