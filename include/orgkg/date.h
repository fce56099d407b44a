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

// ValiditySpans in 12 bytes, as the graph stores them in its adjacency index (smaller
// records: fewer bytes read per question). Each bound is 32 bits: whether it is there,
// its first day (22 bits, from 0001-01-01) and its length in days less one (9 bits).
class PackedValidity {
 public:
  PackedValidity() = default;
  // REQUIRES: every bound lies within years 1..9999 and spans at most a year (as the
  // spans of PartialDates do).
  static PackedValidity of(const ValiditySpans& spans) {
    PackedValidity packed;
    packed.from_ = pack(spans.has_from, spans.from);
    packed.until_ = pack(spans.has_until, spans.until);
    packed.at_ = pack(spans.has_at, spans.at);
    return packed;
  }
  ValiditySpans spans() const {
    ValiditySpans spans;
    spans.has_from = unpack(from_, spans.from);
    spans.has_until = unpack(until_, spans.until);
    spans.has_at = unpack(at_, spans.at);
    return spans;
  }
  friend bool operator==(const PackedValidity&, const PackedValidity&) = default;

 private:
  static constexpr DayNumber kFirstDay = -719162;  // 0001-01-01
  static std::uint32_t pack(bool present, const DaySpan& span) {
    if (!present) return 0;
    return (std::uint32_t{1} << 31) | (static_cast<std::uint32_t>(span.first - kFirstDay) << 9) |
           static_cast<std::uint32_t>(span.last - span.first);
  }
  static bool unpack(std::uint32_t bits, DaySpan& span) {
    if ((bits >> 31) == 0) return false;
    span.first = static_cast<DayNumber>((bits >> 9) & 0x3FFFFF) + kFirstDay;
    span.last = span.first + static_cast<DayNumber>(bits & 0x1FF);
    return true;
  }

  std::uint32_t from_ = 0;
  std::uint32_t until_ = 0;
  std::uint32_t at_ = 0;
};

// Did a fact with this validity hold on some day of `question`'s span?
// yes: on every reading of the imprecise bounds; maybe: on some but not all; no: on none.
// A fact with no bound at all answers maybe; an absent `from` or `until` is open-ended.
// A fact dated only by `at` holds (as far as anyone says) only on the day(s) of `at`.
Truth holds_at(const Validity& validity, const PartialDate& question);
// The same, from precomputed spans.
Truth holds_at(const ValiditySpans& validity, const DaySpan& question);
inline Truth holds_at(const PackedValidity& validity, const DaySpan& question) {
  return holds_at(validity.spans(), question);
}

}  // namespace orgkg

#endif  // ORGKG_DATE_H_
