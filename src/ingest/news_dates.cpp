#include "ingest/news_dates.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <regex>

namespace orgkg::ingest {
namespace {

constexpr const char* kMonths =
    "(January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";

int month_number(std::string word) {
  while (!word.empty() && word.back() == '.') word.pop_back();
  static const std::array<const char*, 12> names = {"jan", "feb", "mar", "apr", "may", "jun",
                                                    "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string head = word.substr(0, 3);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (head == names[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

int number_word(const std::string& word) {
  static const std::map<std::string, int> numbers = {
      {"a", 1},         {"an", 1},       {"one", 1},      {"two", 2},        {"three", 3},
      {"four", 4},      {"five", 5},     {"six", 6},      {"seven", 7},      {"eight", 8},
      {"nine", 9},      {"ten", 10},     {"eleven", 11},  {"twelve", 12},    {"thirteen", 13},
      {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
      {"nineteen", 19}, {"twenty", 20},  {"thirty", 30},  {"forty", 40},     {"fifty", 50},
      {"a decade", 10}, {"a few", 0},    {"several", 0}};
  std::string lower = word;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const auto it = numbers.find(lower); it != numbers.end()) return it->second;
  if (!lower.empty() && std::all_of(lower.begin(), lower.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    return std::stoi(lower);
  }
  // "twenty-five"
  if (const auto dash = lower.find('-'); dash != std::string::npos) {
    const int tens = number_word(lower.substr(0, dash));
    const int ones = number_word(lower.substr(dash + 1));
    if (tens >= 20 && ones > 0 && ones < 10) return tens + ones;
  }
  return 0;
}

std::optional<PartialDate> make(int year, int month = 0, int day = 0) {
  std::string text;
  if (month == 0) {
    text = fmt::format("{:04}", year);
  } else if (day == 0) {
    text = fmt::format("{:04}-{:02}", year, month);
  } else {
    text = fmt::format("{:04}-{:02}-{:02}", year, month, day);
  }
  if (year < 1000 || year > 2200) return std::nullopt;
  Result<PartialDate> parsed = PartialDate::parse(text);
  if (!parsed.is_ok()) return std::nullopt;
  return parsed.value();
}

PartialDate shift_years(const PartialDate& date, int years) {
  const auto shifted = make(date.year() + years, date.month(), date.day());
  if (shifted) return *shifted;
  return *make(date.year() + years);  // 29 February in a year that has none
}

// The year a month named without one falls in: the year of the last date read when
// there is one, else the latest such month on or before publication.
std::optional<int> year_for_month(int month, const DateContext& context) {
  if (context.last) return context.last->year();
  if (!context.published) return std::nullopt;
  const int year = context.published->year();
  if (context.published->precision() != DatePrecision::kYear && month > context.published->month())
    return year - 1;
  return year;
}

struct Rule {
  std::regex pattern;
  // Fills `out` from the match; false to skip it.
  bool (*resolve)(const std::smatch&, DateContext&, DateMention&);
};

bool absolute_day_month_year(const std::smatch& m, DateContext&, DateMention& out) {
  const auto date = make(std::stoi(m[3].str()), month_number(m[2].str()), std::stoi(m[1].str()));
  if (!date) return false;
  out.date = *date;
  return true;
}
bool absolute_month_day_year(const std::smatch& m, DateContext&, DateMention& out) {
  const auto date = make(std::stoi(m[3].str()), month_number(m[1].str()), std::stoi(m[2].str()));
  if (!date) return false;
  out.date = *date;
  return true;
}
bool iso_day(const std::smatch& m, DateContext&, DateMention& out) {
  const auto date = make(std::stoi(m[1].str()), std::stoi(m[2].str()), std::stoi(m[3].str()));
  if (!date) return false;
  out.date = *date;
  return true;
}
bool month_year(const std::smatch& m, DateContext&, DateMention& out) {
  const auto date = make(std::stoi(m[2].str()), month_number(m[1].str()));
  if (!date) return false;
  out.date = *date;
  return true;
}
bool day_month(const std::smatch& m, DateContext& context, DateMention& out) {
  // "4 April" or "April 4", no year.
  const bool day_first = m[1].matched;
  const int month = month_number(day_first ? m[2].str() : m[3].str());
  const int day = std::stoi(day_first ? m[1].str() : m[4].str());
  const auto year = year_for_month(month, context);
  if (!year) return false;
  const auto date = make(*year, month, day);
  if (!date) return false;
  out.date = *date;
  out.how = "year from the nearby text";
  return true;
}
bool month_alone(const std::smatch& m, DateContext& context, DateMention& out) {
  const int month = month_number(m[2].str());
  const auto year = year_for_month(month, context);
  if (!year) return false;
  const auto date = make(*year, month);
  if (!date) return false;
  out.date = *date;
  out.how = "year from the nearby text";
  return true;
}
bool year_range(const std::smatch& m, DateContext&, DateMention& out) {
  // Filled by the caller: the range gives two mentions.
  const auto first = make(std::stoi(m[1].str()));
  if (!first) return false;
  out.date = *first;
  return true;
}
bool year_alone(const std::smatch& m, DateContext&, DateMention& out) {
  const auto date = make(std::stoi(m[1].str()));
  if (!date) return false;
  out.date = *date;
  return true;
}
bool weekday(const std::smatch& m, DateContext& context, DateMention& out) {
  if (!context.published || context.published->precision() != DatePrecision::kDay) return false;
  static const std::array<const char*, 7> names = {"Thursday", "Friday",  "Saturday", "Sunday",
                                                   "Monday",   "Tuesday", "Wednesday"};
  int wanted = -1;
  for (int i = 0; i < 7; ++i) {
    if (m[2].str() == names[static_cast<std::size_t>(i)]) wanted = i;
  }
  if (wanted < 0) return false;
  const DayNumber published = context.published->span().first;  // 1970-01-01 was a Thursday
  const int today = static_cast<int>(((published % 7) + 7) % 7);
  const bool next = m[1].matched && m[1].str().starts_with("next");
  int back = (today - wanted + 7) % 7;
  if (m[1].matched && m[1].str().starts_with("last") && back == 0) back = 7;
  DayNumber day = published - back;
  if (next) day = published + ((wanted - today + 7) % 7 == 0 ? 7 : (wanted - today + 7) % 7);
  out.date = PartialDate::from_day(day);
  out.future = next;
  out.how = next ? "the weekday after publication" : "the weekday on or before publication";
  return true;
}
bool named_day(const std::smatch& m, DateContext& context, DateMention& out) {
  if (!context.published || context.published->precision() != DatePrecision::kDay) return false;
  const std::string word = m[1].str();
  const DayNumber published = context.published->span().first;
  const bool yesterday = word == "yesterday" || word == "Yesterday";
  out.date = PartialDate::from_day(yesterday ? published - 1 : published);
  out.how = yesterday ? "the day before publication" : "the publication day";
  return true;
}
bool relative_to_publication(const std::smatch& m, DateContext& context, DateMention& out) {
  if (!context.published) return false;
  std::string which = m[1].str();
  for (char& c : which) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool month = m[2].str() == "month";
  const int step = which == "last" || which == "past" ? -1 : which == "next" ? 1 : 0;
  if (month) {
    if (context.published->precision() == DatePrecision::kYear) return false;
    int y = context.published->year();
    int mo = context.published->month() + step;
    if (mo == 0) {
      mo = 12;
      --y;
    }
    if (mo == 13) {
      mo = 1;
      ++y;
    }
    const auto date = make(y, mo);
    if (!date) return false;
    out.date = *date;
  } else {
    out.date = *make(context.published->year() + step);
  }
  out.future = step > 0;
  out.how = fmt::format("{} {} from publication", which, m[2].str());
  return true;
}
bool years_ago(const std::smatch& m, DateContext& context, DateMention& out) {
  if (!context.published) return false;
  const int years = number_word(m[1].str());
  if (years <= 0) return false;
  // "75 years ago today" is the day; "75 years ago" the year.
  out.date = m[2].matched ? shift_years(*context.published, -years)
                          : *make(context.published->year() - years);
  out.how = fmt::format("{} years before publication", years);
  return true;
}
bool relative_years(const std::smatch& m, DateContext& context, DateMention& out) {
  if (!context.last) return false;
  const std::string count = m[1].matched ? m[1].str() : "a decade";
  int n = number_word(count);
  if (m[1].matched && m[2].str().starts_with("decade")) n *= 10;
  if (n <= 0) return false;
  const std::string direction = m[3].str();
  const bool later = direction == "later" || direction == "after" || direction == "on";
  out.anchored_to_event = direction == "after" || direction == "before";
  // A relative date is no more precise than a year unless its anchor and unit say more.
  const PartialDate anchor = *make(context.last->year());
  out.date = shift_years(anchor, later ? n : -n);
  out.how = fmt::format("{} years {} {}", n, later ? "after" : "before", context.last->to_string());
  return true;
}
bool same_year(const std::smatch& m, DateContext& context, DateMention& out) {
  if (!context.last) return false;
  const std::string which = m[1].str();
  int shift = 0;
  if (which == "following" || which == "next") shift = 1;
  if (which == "previous" || which == "preceding") shift = -1;
  out.date = *make(context.last->year() + shift);
  out.how = fmt::format("the {} year, from {}", which, context.last->to_string());
  return true;
}

const std::vector<Rule>& rules() {
  const std::string months = kMonths;
  const std::string ordinal = "(?:st|nd|rd|th)?";
  static const std::vector<Rule> all = {
      {std::regex("\\b(\\d{1,2})" + ordinal + " (?:of )?" + months + ",? (\\d{4})\\b"),
       absolute_day_month_year},
      {std::regex("\\b" + months + " (\\d{1,2})" + ordinal + ",? (\\d{4})\\b"),
       absolute_month_day_year},
      {std::regex("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b"), iso_day},
      {std::regex("\\b" + months + ",? (\\d{4})\\b"), month_year},
      {std::regex("\\b(?:(\\d{1,2})" + ordinal + " " + months + "|" + months + " (\\d{1,2})" +
                  ordinal + ")\\b(?!,? \\d)"),
       day_month},
      {std::regex("\\b(in|In|since|Since|until|by|from|From|last|early|late|mid-|end of|"
                  "beginning of|on) " +
                  months + "\\b(?!,? ?\\d)"),
       month_alone},
      {std::regex("\\b(1[6-9]\\d\\d|20\\d\\d) ?(?:-|–|—|to) ?(1[6-9]\\d\\d|20\\d\\d)\\b"),
       year_range},
      {std::regex("\\b((?:last|next|this) )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                  "Sunday)\\b"),
       weekday},
      {std::regex("\\b(yesterday|Yesterday|today|Today)\\b"), named_day},
      {std::regex("\\b(last|Last|next|Next|this|This|past) (year|month)\\b"),
       relative_to_publication},
      {std::regex("\\b(\\w+(?:-\\w+)?) years? ago( today| this (?:week|month))?\\b"), years_ago},
      {std::regex("\\b(?:(\\w+(?:-\\w+)?) (years?|decades?)|a decade) (later|after|earlier|"
                  "before|on)\\b"),
       relative_years},
      {std::regex("\\b(?:[Tt]he|[Tt]hat) (same|following|next|previous|preceding) year\\b"),
       same_year},
      {std::regex("\\b(1[6-9]\\d\\d|20\\d\\d)\\b(?!s|-\\d|–\\d| ?(?:to|-|–) ?\\d)"), year_alone},
  };
  return all;
}

DateRole role_before(std::string_view text, std::size_t start, std::size_t at) {
  std::size_t from = at > start + 14 ? at - 14 : start;
  std::string before(text.substr(from, at - from));
  for (char& c : before) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto ends_with = [&before](std::string_view word) {
    return before.ends_with(std::string(word) + " ");
  };
  if (ends_with("since")) return DateRole::kSince;
  if (ends_with("until") || ends_with("till") || ends_with("through") || ends_with("up to"))
    return DateRole::kUntil;
  if (ends_with("from")) return DateRole::kStart;
  return DateRole::kPoint;
}

}  // namespace

std::vector<DateMention> find_dates(std::string_view text, std::size_t start, std::size_t end,
                                    DateContext& context) {
  const std::string sentence(text.substr(start, end - start));
  struct Candidate {
    std::size_t start;
    std::size_t end;
    std::size_t rule;
    std::smatch match;
  };
  std::vector<Candidate> candidates;
  const auto& all = rules();
  for (std::size_t r = 0; r < all.size(); ++r) {
    for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), all[r].pattern);
         it != std::sregex_iterator(); ++it) {
      const std::size_t s = static_cast<std::size_t>(it->position(0));
      candidates.push_back(Candidate{s, s + static_cast<std::size_t>(it->length(0)), r, *it});
    }
  }
  // Left to right; at one place the longest, and among equals the earlier rule.
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.start != b.start) return a.start < b.start;
                     return a.end - a.start > b.end - b.start;
                   });
  std::vector<DateMention> found;
  std::size_t covered = 0;
  for (const Candidate& candidate : candidates) {
    if (candidate.start < covered) continue;
    DateMention mention{start + candidate.start,
                        start + candidate.end,
                        PartialDate::today(),
                        DateRole::kPoint,
                        false,
                        false,
                        ""};
    if (!all[candidate.rule].resolve(candidate.match, context, mention)) continue;
    covered = candidate.end;
    if (all[candidate.rule].resolve == year_range) {
      // "2006-2012", "2006 to 2012": the start and the end.
      std::string second = candidate.match[2].str();
      const auto until = make(std::stoi(second));
      mention.role = DateRole::kStart;
      mention.how = "the start of a range";
      found.push_back(mention);
      if (until) {
        DateMention closing = mention;
        closing.date = *until;
        closing.role = DateRole::kUntil;
        closing.how = "the end of a range";
        found.push_back(closing);
        context.last = *until;
      }
      continue;
    }
    mention.role = role_before(text, start, mention.start);
    // "between 2006 and 2012"
    if (!found.empty() && found.back().role == DateRole::kPoint) {
      const std::string gap(text.substr(found.back().end, mention.start - found.back().end));
      const std::size_t b = found.back().start >= start + 8 ? found.back().start - 8 : start;
      const std::string lead(text.substr(b, found.back().start - b));
      if ((gap == " and " && lead.ends_with("between ")) || gap == " to " || gap == " until ") {
        found.back().role = DateRole::kStart;
        mention.role = DateRole::kUntil;
      }
    }
    found.push_back(mention);
    context.last = mention.date;
  }
  // "Sweden joined on Thursday, two years after applying": the sentence has its own date,
  // and "two years after" dates another event from it, not this one.
  if (std::any_of(found.begin(), found.end(),
                  [](const DateMention& d) { return !d.anchored_to_event; })) {
    std::erase_if(found, [](const DateMention& d) { return d.anchored_to_event; });
    if (!found.empty()) context.last = found.back().date;
  }
  return found;
}

std::optional<PartialDate> find_publication_date(std::string_view text) {
  // Only the first lines: a date in the body is about the story, not the article.
  std::size_t limit = 0;
  int lines = 0;
  while (limit < text.size() && lines < 6) {
    if (text[limit] == '\n') ++lines;
    ++limit;
  }
  const std::string head(text.substr(0, std::min<std::size_t>(limit, 600)));
  for (std::size_t line_start = 0; line_start < head.size();) {
    std::size_t line_end = head.find('\n', line_start);
    if (line_end == std::string::npos) line_end = head.size();
    const std::string line = head.substr(line_start, line_end - line_start);
    static const std::regex labelled(
        "^\\s*(?:(?:Published|Posted|Updated|Date|Dated|First published)(?: on)?:?\\s*)?"
        "(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(.{6,40}?)\\s*(?:\\d{1,2}:\\d{2}.*)?$",
        std::regex::icase);
    std::smatch match;
    if (std::regex_match(line, match, labelled)) {
      const std::string candidate = match[1].str();
      DateContext none;
      std::vector<DateMention> dates = find_dates(candidate, 0, candidate.size(), none);
      if (dates.size() == 1 && dates[0].date.precision() != DatePrecision::kYear &&
          dates[0].end - dates[0].start + 2 >= candidate.size()) {
        return dates[0].date;
      }
    }
    line_start = line_end + 1;
  }
  return std::nullopt;
}

}  // namespace orgkg::ingest
