// Plain-text helpers for extraction: words, sentences and ids, on UTF-8 bytes. Pure
// functions; safe from any thread.
#ifndef ORGKG_INGEST_TEXT_H_
#define ORGKG_INGEST_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orgkg::ingest {

// True when the byte at `i` belongs to a word: letters, digits, '-', '.', and non-ASCII
// letters, but not the typographic apostrophe (’) that starts a possessive.
bool is_word_byte(std::string_view text, std::size_t i);

// The length of the word starting at `i` (letters, digits, inner '-', '.', '&'), up to `end`.
std::size_t word_length(std::string_view text, std::size_t i,
                        std::size_t end = std::string_view::npos);

// An entity id made from a name: "Côte d'Ivoire" -> "cote-d-ivoire".
std::string slug(std::string_view name);

struct Span {
  std::size_t start;
  std::size_t end;
};

// The sentences of `text`, [start, end) in bytes: split after . ! ? before a capital or
// a quote (not after abbreviations and initials such as "U.S." or "Dec."), and at line
// ends that close a line without final punctuation (headlines, datelines).
std::vector<Span> split_sentences(std::string_view text);

// The independent clauses of a sentence, for parsing: split before ", and", ", but",
// ", while", "; " and " -- " where a new subject follows ("…, and many states pulled
// their envoys"), never where a verb does ("joined in 1999, and left in 2005").
std::vector<Span> split_clauses(std::string_view text, Span sentence);

// True when `text` reads as English prose: enough common English function words.
bool looks_like_english(std::string_view text);

}  // namespace orgkg::ingest

#endif  // ORGKG_INGEST_TEXT_H_
