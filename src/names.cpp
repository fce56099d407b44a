#include "orgkg/names.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

namespace orgkg {
namespace {

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const noexcept { std::free(p); }
};

std::vector<utf8proc_int32_t> code_points(std::string_view text) {
  std::vector<utf8proc_int32_t> points;
  points.reserve(text.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t pos = 0;
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  while (pos < size) {
    utf8proc_int32_t point = 0;
    const utf8proc_ssize_t used = utf8proc_iterate(bytes + pos, size - pos, &point);
    if (used <= 0) {  // not UTF-8: count the byte as one unit
      points.push_back(static_cast<utf8proc_int32_t>(bytes[pos]) | 0x40000000);
      ++pos;
    } else {
      points.push_back(point);
      pos += used;
    }
  }
  return points;
}

bool is_separator(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '_' || c == '.';
}

}  // namespace

std::string fold_name(std::string_view name) {
  // ASCII folds to itself, lower-cased, exactly as utf8proc folds it (names_test.cpp
  // checks every ASCII character): most names skip the Unicode machinery.
  const bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return (c & 0x80) == 0; });
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length = -1;
  if (!ascii) {
    const auto options =
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                       UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE);
    length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                          static_cast<utf8proc_ssize_t>(name.size()), &mapped, options);
  }
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
  // Not folded by utf8proc (ASCII, or invalid UTF-8): ASCII letters are lowered bytewise.
  const bool lower_bytes = length < 0;
  const std::string_view source = lower_bytes
                                      ? name
                                      : std::string_view(reinterpret_cast<const char*>(mapped),
                                                         static_cast<std::size_t>(length));
  std::string folded;
  bool pending_space = false;
  for (const char ch : source) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_separator(c)) {
      pending_space = !folded.empty();
      continue;
    }
    if (pending_space) folded.push_back(' ');
    pending_space = false;
    folded.push_back(lower_bytes && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch);
  }
  return folded;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and transpositions of
  // adjacent letters ("CTSO" for "CSTO") each cost one.
  const std::vector<utf8proc_int32_t> x = code_points(a);
  const std::vector<utf8proc_int32_t> y = code_points(b);
  const std::size_t width = y.size() + 1;
  std::vector<std::size_t> d((x.size() + 1) * width);
  const auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
  for (std::size_t i = 0; i <= x.size(); ++i) at(i, 0) = i;
  for (std::size_t j = 0; j <= y.size(); ++j) at(0, j) = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(x.size(), y.size());
}

std::optional<std::size_t> closest_index(std::string_view wanted,
                                         std::span<const std::string_view> candidates) {
  const std::string key = fold_name(wanted);
  const std::size_t key_length = code_points(key).size();
  std::optional<std::size_t> best;
  std::size_t best_distance = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string folded = fold_name(candidates[i]);
    const std::size_t distance = edit_distance(key, folded);
    const std::size_t longer = std::max(key_length, code_points(folded).size());
    if (distance * 3 > longer) continue;
    if (!best || distance < best_distance) {
      best = i;
      best_distance = distance;
    }
  }
  return best;
}

std::optional<std::string_view> closest_name(std::string_view wanted,
                                             std::span<const std::string_view> candidates) {
  const std::optional<std::size_t> index = closest_index(wanted, candidates);
  if (!index) return std::nullopt;
  return candidates[*index];
}

}  // namespace orgkg
