#include "ingest/text.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "orgkg/names.h"

namespace orgkg::ingest {
namespace {

bool is_right_quote(std::string_view text, std::size_t i) {
  // U+2019 RIGHT SINGLE QUOTATION MARK: E2 80 99.
  return i + 2 < text.size() + 0 && static_cast<unsigned char>(text[i]) == 0xE2 &&
         static_cast<unsigned char>(text[i + 1]) == 0x80 &&
         static_cast<unsigned char>(text[i + 2]) == 0x99;
}

bool is_continuation(std::string_view text, std::size_t i) {
  // Inside a multi-byte character that started with E2 80 (’ “ ” – —).
  for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
    if (static_cast<unsigned char>(text[i - back]) == 0xE2 && is_right_quote(text, i - back)) {
      return true;
    }
  }
  return false;
}

// Punctuation of the E2 80 xx block: quotes and dashes are not letters.
bool is_general_punctuation(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
         static_cast<unsigned char>(text[i + 1]) == 0x80;
}

}  // namespace

bool is_word_byte(std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c >= 0x80) {
    if (is_general_punctuation(text, i) || is_continuation(text, i)) return false;
    // The second and third bytes of an E2 80 xx character.
    if (i >= 1 && is_general_punctuation(text, i - 1)) return false;
    if (i >= 2 && is_general_punctuation(text, i - 2)) return false;
    return true;
  }
  return std::isalnum(c) != 0;
}

std::size_t word_length(std::string_view text, std::size_t i, std::size_t end) {
  end = std::min(end, text.size());
  std::size_t j = i;
  while (j < end) {
    const bool inner = (text[j] == '.' || text[j] == '-' || text[j] == '&') && j > i &&
                       j + 1 < end && is_word_byte(text, j + 1);  // "U.S", "Guinea-Bissau"
    const bool last_dot = text[j] == '.' && j > i && j >= 2 && text[j - 2] == '.';  // "U.S."
    if (!is_word_byte(text, j) && !inner && !last_dot) break;
    ++j;
  }
  return j - i;
}

std::string slug(std::string_view name) {
  std::string id;
  for (const char c : fold_name(name)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

std::vector<Span> split_sentences(std::string_view text) {
  static const std::set<std::string, std::less<>> abbreviations = {
      "Mr",  "Mrs", "Ms",  "Dr",  "Prof", "Gen", "Col", "Lt",  "Sen",  "Rep",  "St",
      "Jan", "Feb", "Mar", "Apr", "Jun",  "Jul", "Aug", "Sep", "Sept", "Oct",  "Nov",
      "Dec", "No",  "vs",  "Inc", "Co",   "Ltd", "Jr",  "Sr",  "Gov",  "Pres", "approx"};
  std::vector<Span> found;
  std::size_t start = 0;
  const auto close = [&](std::size_t end) {
    std::size_t s = start;
    while (s < end && std::isspace(static_cast<unsigned char>(text[s])) != 0) ++s;
    std::size_t e = end;
    while (e > s && std::isspace(static_cast<unsigned char>(text[e - 1])) != 0) --e;
    if (e > s) found.push_back(Span{s, e});
    start = end;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      // A line that ends without final punctuation closes a sentence (a headline) when
      // the next line starts a new block: a blank line, or a capital after a short line.
      std::size_t last = i;
      while (last > start && (text[last - 1] == ' ' || text[last - 1] == '\r')) --last;
      const bool blank_next = i + 1 < text.size() && (text[i + 1] == '\n' || text[i + 1] == '\r');
      const bool unpunctuated =
          last > start && std::string_view(".,;:").find(text[last - 1]) == std::string_view::npos;
      const bool short_line = last - start < 120;
      if (blank_next || (unpunctuated && short_line) || last == start) {
        close(i + 1);
      }
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t next = i + 1;
    while (next < text.size() && (text[next] == '"' || text[next] == ')' || text[next] == '\'')) {
      ++next;
    }
    if (next + 3 <= text.size() && static_cast<unsigned char>(text[next]) == 0xE2) next += 3;
    if (next >= text.size()) continue;
    if (text[next] != ' ' && text[next] != '\n') continue;
    std::size_t after = next;
    while (after < text.size() && text[after] == ' ') ++after;
    if (after >= text.size() || text[after] == '\n') {
      close(next);
      continue;
    }
    const unsigned char first = static_cast<unsigned char>(text[after]);
    const bool starts = std::isupper(first) != 0 || std::isdigit(first) != 0 || first == '"' ||
                        first >= 0x80 || first == '(';
    if (!starts) continue;
    if (c == '.') {
      std::size_t word = i;
      while (word > 0 && std::isalpha(static_cast<unsigned char>(text[word - 1])) != 0) --word;
      const std::string_view before = text.substr(word, i - word);
      if (abbreviations.count(before) != 0) continue;
      // An initial ("J.") or an abbreviation with inner dots ("U.S.") before a capital is
      // usually not an end; a country's name at a sentence end ("… the U.S.") is rarer.
      if (before.size() == 1 && std::isupper(static_cast<unsigned char>(before[0])) != 0) continue;
    }
    close(next);
  }
  close(text.size());
  return found;
}

std::vector<Span> split_clauses(std::string_view text, Span sentence) {
  static const std::set<std::string, std::less<>> subject_starts = {
      "the",   "a",  "an",    "many", "some", "its",  "it",   "they",    "their", "this",  "these",
      "those", "he", "she",   "his",  "her",  "all",  "most", "several", "both",  "other", "others",
      "we",    "i",  "there", "each", "no",   "none", "one",  "two",     "three"};
  static const char* const joints[] = {", and ", ", but ",     ", while ", "; ",
                                       " -- ",   ", whereas ", ", yet "};
  std::vector<Span> out;
  std::size_t start = sentence.start;  // of the clause being read
  for (std::size_t i = start; i < sentence.end;) {
    std::size_t joint_length = 0;
    for (const char* joint : joints) {
      const std::string_view j(joint);
      if (text.compare(i, j.size(), j) == 0 && i + j.size() < sentence.end) {
        joint_length = j.size();
        break;
      }
    }
    if (joint_length == 0) {
      ++i;
      continue;
    }
    const std::size_t next = i + joint_length;
    const std::size_t length = word_length(text, next, sentence.end);
    std::string word(text.substr(next, length));
    const bool capital = length > 0 && std::isupper(static_cast<unsigned char>(word[0])) != 0;
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Both parts must be long enough to be clauses of their own.
    // A short tail after a name may be an ellipsis ("…, and Iran in 2023"): split it too.
    const std::size_t tail = capital ? 8 : 24;
    if ((capital || subject_starts.count(word) != 0) && i - start > 24 &&
        sentence.end - next > tail) {
      out.push_back(Span{start, i});
      start = next;
    }
    i = next;
  }
  out.push_back(Span{start, sentence.end});
  return out;
}

bool looks_like_english(std::string_view text) {
  static const std::set<std::string, std::less<>> function_words = {
      "the", "of", "and", "to", "in",  "a",    "is",   "was", "that", "for",  "on",   "with",
      "as",  "by", "its", "it", "are", "were", "from", "at",  "has",  "have", "which"};
  std::size_t words = 0;
  std::size_t english = 0;
  std::size_t i = 0;
  while (i < text.size() && words < 2000) {
    if (!is_word_byte(text, i)) {
      ++i;
      continue;
    }
    const std::size_t length = word_length(text, i);
    std::string word(text.substr(i, length));
    for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ++words;
    english += function_words.count(word);
    i += std::max<std::size_t>(length, 1);
  }
  return words >= 3 && english * 20 >= words;  // English prose: about a quarter or more
}

}  // namespace orgkg::ingest
