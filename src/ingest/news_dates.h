// Dates as news gives them: absolute ("15 May 1992", "May 15, 1992", "May 1992", "1992"),
// relative to the publication date ("on Tuesday", "yesterday", "earlier today", "last
// year", "in December"), relative to an earlier date ("ten years later", "33 years after
// its withdrawal"), and ranges ("2006-2012", "from 2006 to 2012"). Pure functions.
#ifndef ORGKG_INGEST_NEWS_DATES_H_
#define ORGKG_INGEST_NEWS_DATES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/date.h"

namespace orgkg::ingest {

// What a date expression says of the time of the clause it stands in.
enum class DateRole : std::uint8_t {
  kPoint,  // "in 2017", "on Tuesday"
  kSince,  // "since 2001": the start of a state that still holds
  kUntil,  // "until 2012", the end of "2006-2012"
  kStart,  // the start of "2006-2012", "from 2006"
};

struct DateMention {
  std::size_t start;  // byte offsets in the text
  std::size_t end;
  PartialDate date;
  DateRole role = DateRole::kPoint;
  bool future = false;             // "next year", "next Tuesday"
  bool anchored_to_event = false;  // "33 years after its withdrawal", not "33 years later"
  std::string how;  // for --explain: "weekday before publication", "10 years after 1992"…
};

// What relative dates are resolved against; updated as the text is read.
struct DateContext {
  std::optional<PartialDate> published;
  std::optional<PartialDate> last;  // the last date read: "ten years later" counts from it
};

// The dates in text[start, end), left to right, resolved against `context` (whose `last`
// follows each date read).
std::vector<DateMention> find_dates(std::string_view text, std::size_t start, std::size_t end,
                                    DateContext& context);

// A publication date the text states near its top ("Published: 4 April 2023", a line
// holding only a date, "2023-04-04"), at day or month precision; nullopt when none.
std::optional<PartialDate> find_publication_date(std::string_view text);

}  // namespace orgkg::ingest

#endif  // ORGKG_INGEST_NEWS_DATES_H_
