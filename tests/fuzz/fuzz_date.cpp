// libFuzzer target: the date parser, and the three-valued answer on what it accepts.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "orgkg/date.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Up to four dates separated by spaces: from, until, at, question.
  std::optional<orgkg::PartialDate> dates[4];
  std::size_t start = 0;
  for (auto& date : dates) {
    const std::size_t end = std::min(input.find(' ', start), input.size());
    const auto parsed = orgkg::PartialDate::parse(input.substr(start, end - start));
    if (parsed.is_ok()) {
      date = parsed.value();
      if (date->to_string() != input.substr(start, end - start)) __builtin_trap();
    }
    if (end >= input.size()) break;
    start = end + 1;
  }
  if (dates[3]) {
    const orgkg::Validity validity{dates[0], dates[1], dates[2]};
    (void)orgkg::holds_at(validity, *dates[3]);
    (void)validity.until_precedes_from();
  }
  return 0;
}
