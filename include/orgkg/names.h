// How names are compared: folding for case- and accent-insensitive lookup (any script:
// "ОДКБ" and "одкб" fold alike, "Türkiye" and "turkiye" too), and the edit distance
// behind "did you mean" suggestions. Pure functions, safe from any thread.
#ifndef ORGKG_NAMES_H_
#define ORGKG_NAMES_H_

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace orgkg {

// The lookup key of a name: Unicode case folding, accents and other combining marks
// removed, runs of white space, '-', '_' and '.' made one space, trimmed. Invalid UTF-8
// is folded bytewise (ASCII lower-casing only) rather than rejected.
std::string fold_name(std::string_view name);

// Levenshtein distance between two UTF-8 strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The position of the candidate closest to `wanted` by edit distance of their folded
// forms, if it is close enough to be a plausible typo (at most a third of the longer
// name's length); the first such candidate on a tie.
std::optional<std::size_t> closest_index(std::string_view wanted,
                                         std::span<const std::string_view> candidates);
// The candidate at closest_index(), or nullopt.
std::optional<std::string_view> closest_name(std::string_view wanted,
                                             std::span<const std::string_view> candidates);

}  // namespace orgkg

#endif  // ORGKG_NAMES_H_
