#include "orgkg/date.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>

namespace orgkg {
namespace {

namespace chr = std::chrono;

DayNumber to_day_number(int year, unsigned month, unsigned day) {
  const chr::sys_days days{chr::year{year} / chr::month{month} / chr::day{day}};
  return static_cast<DayNumber>(days.time_since_epoch().count());
}

unsigned last_day_of_month(int year, unsigned month) {
  const chr::year_month_day_last last{chr::year{year} / chr::month{month} / chr::last};
  return static_cast<unsigned>(last.day());
}

// Reads exactly `width` ASCII digits at text[pos]; nullopt if any is not a digit.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

Status bad_date(std::string_view text, std::string_view why) {
  return Status::invalid_input(fmt::format("invalid date '{}': {}", text, why));
}

}  // namespace

Result<PartialDate> PartialDate::parse(std::string_view text) {
  constexpr std::string_view kShape = "expected YYYY, YYYY-MM or YYYY-MM-DD";
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return bad_date(text, kShape);
  const std::optional<int> year = read_digits(text, 0, 4);
  if (!year) return bad_date(text, kShape);
  if (*year == 0) return bad_date(text, "year 0000 does not exist");
  if (text.size() == 4) return PartialDate(*year, 0, 0, DatePrecision::kYear);

  if (text[4] != '-') return bad_date(text, kShape);
  const std::optional<int> month = read_digits(text, 5, 2);
  if (!month) return bad_date(text, kShape);
  if (*month < 1 || *month > 12) return bad_date(text, "month must be 01 to 12");
  if (text.size() == 7) return PartialDate(*year, *month, 0, DatePrecision::kMonth);

  if (text[7] != '-') return bad_date(text, kShape);
  const std::optional<int> day = read_digits(text, 8, 2);
  if (!day) return bad_date(text, kShape);
  const unsigned last = last_day_of_month(*year, static_cast<unsigned>(*month));
  if (*day < 1 || static_cast<unsigned>(*day) > last) {
    return bad_date(text,
                    fmt::format("day must be 01 to {:02} in {:04}-{:02}", last, *year, *month));
  }
  return PartialDate(*year, *month, *day, DatePrecision::kDay);
}

std::optional<PartialDate> PartialDate::unpack(std::uint32_t packed) {
  const auto year = static_cast<int>(packed / 512);
  const auto month = static_cast<int>(packed / 32 % 16);
  const auto day = static_cast<int>(packed % 32);
  if (year < 1 || year > 9999 || month > 12 || (month == 0 && day != 0)) return std::nullopt;
  if (month == 0) return PartialDate(year, 0, 0, DatePrecision::kYear);
  if (day == 0) return PartialDate(year, month, 0, DatePrecision::kMonth);
  if (static_cast<unsigned>(day) > last_day_of_month(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  return PartialDate(year, month, day, DatePrecision::kDay);
}

PartialDate PartialDate::from_day(DayNumber day) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day}}};
  return PartialDate(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                     static_cast<int>(unsigned(ymd.day())), DatePrecision::kDay);
}

PartialDate PartialDate::today() {
  const auto now = chr::floor<chr::days>(chr::system_clock::now());
  return from_day(static_cast<DayNumber>(now.time_since_epoch().count()));
}

DaySpan PartialDate::span() const {
  switch (precision_) {
    case DatePrecision::kYear:
      return {to_day_number(year_, 1, 1), to_day_number(year_, 12, 31)};
    case DatePrecision::kMonth: {
      const auto month = static_cast<unsigned>(static_cast<unsigned char>(month_));
      return {to_day_number(year_, month, 1),
              to_day_number(year_, month, last_day_of_month(year_, month))};
    }
    case DatePrecision::kDay:
      break;
  }
  const DayNumber day =
      to_day_number(year_, static_cast<unsigned>(month_), static_cast<unsigned>(day_));
  return {day, day};
}

std::string PartialDate::to_string() const {
  switch (precision_) {
    case DatePrecision::kYear:
      return fmt::format("{:04}", year_);
    case DatePrecision::kMonth:
      return fmt::format("{:04}-{:02}", year_, month_);
    case DatePrecision::kDay:
      break;
  }
  return fmt::format("{:04}-{:02}-{:02}", year_, month_, day_);
}

bool operator<(const PartialDate& a, const PartialDate& b) {
  const DayNumber a_first = a.span().first;
  const DayNumber b_first = b.span().first;
  if (a_first != b_first) return a_first < b_first;
  return a.precision() < b.precision();
}

const char* truth_name(Truth truth) {
  switch (truth) {
    case Truth::kNo:
      return "no";
    case Truth::kMaybe:
      return "maybe";
    case Truth::kYes:
      break;
  }
  return "yes";
}

bool Validity::until_precedes_from() const {
  return from && until && until->span().last < from->span().first;
}

ValiditySpans ValiditySpans::of(const Validity& validity) {
  ValiditySpans spans;
  if (validity.from) spans.from = validity.from->span();
  if (validity.until) spans.until = validity.until->span();
  if (validity.at) spans.at = validity.at->span();
  spans.has_from = validity.from.has_value();
  spans.has_until = validity.until.has_value();
  spans.has_at = validity.at.has_value();
  return spans;
}

Truth holds_at(const Validity& validity, const PartialDate& question) {
  return holds_at(ValiditySpans::of(validity), question.span());
}

LinkValidity LinkValidity::of(const ValiditySpans& spans) {
  LinkValidity packed;
  if (spans.has_from) {
    packed.start_early_ = spans.from.first;
    packed.start_late_ = spans.from.last;
  }
  if (spans.has_until) {
    packed.stop_early_ = spans.until.first;
    packed.stop_late_ = spans.until.last;
  }
  if (spans.has_at) {
    packed.claim_ = (std::uint32_t{1} << 31) |
                    (static_cast<std::uint32_t>(spans.at.first - kFirstDay) << 9) |
                    static_cast<std::uint32_t>(spans.at.last - spans.at.first);
  }
  return packed;
}

ValiditySpans LinkValidity::spans() const {
  ValiditySpans spans;
  spans.has_from = start_early_ != kOpenStart;
  spans.has_until = stop_early_ != kOpenStop;
  spans.has_at = (claim_ >> 31) != 0;
  if (spans.has_from) spans.from = DaySpan{start_early_, start_late_};
  if (spans.has_until) spans.until = DaySpan{stop_early_, stop_late_};
  if (spans.has_at) {
    const DayNumber first = static_cast<DayNumber>((claim_ >> 9) & 0x3FFFFF) + kFirstDay;
    spans.at = DaySpan{first, first + static_cast<DayNumber>(claim_ & 0x1FF)};
  }
  return spans;
}

Truth LinkValidity::holds_at_in_general(const DaySpan& question) const {
  return orgkg::holds_at(spans(), question);
}

Truth holds_at(const ValiditySpans& validity, const DaySpan& q) {
  // date_test.cpp checks the rules against a day-by-day reading of them.
  return detail::answer_from_days(validity.has_from, validity.from.first, validity.from.last,
                                  validity.has_until, validity.until.first, validity.until.last,
                                  validity.has_at, validity.at.first, validity.at.last, q);
}

}  // namespace orgkg
