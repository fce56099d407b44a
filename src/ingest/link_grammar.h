// The sentence structure of one English sentence, as CMU's link-grammar parser sees it:
// words and the labelled links between them. Only link_grammar.cpp includes the C library;
// the rest of extraction reads these plain structs (clauses.h turns them into clauses).
//
// A LinkGrammarParser owns the English dictionary (tens of megabytes, loaded once); it is
// thread-safe: parse() may run on several threads at once (each parse has its own options).
#ifndef ORGKG_INGEST_LINK_GRAMMAR_H_
#define ORGKG_INGEST_LINK_GRAMMAR_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/status.h"

namespace orgkg::ingest {

struct ParsedWord {
  std::string text;   // as written ("joined"), without the dictionary's subscript
  std::string tag;    // the dictionary's subscript ("v-d", "n", ""), for parts of speech
  std::size_t start;  // byte offsets in the parsed string; a wall has start == end == 0
  std::size_t end;
};

struct ParsedLink {
  std::size_t left;  // word indexes, left < right
  std::size_t right;
  std::string label;  // "Ss*s", "MVp", "Js"…
};

struct ParsedSentence {
  std::vector<ParsedWord> words;  // words[0] is the left wall
  std::vector<ParsedLink> links;
  int null_count = 0;  // words left unlinked because no complete parse was found
};

struct LinkGrammarOptions {
  int max_parse_seconds = 1;   // a sentence that takes longer gets its best partial parse
  int max_null_count = 4;      // how many words a parse may leave out
  std::size_t max_words = 60;  // longer sentences are not parsed (news rarely states a fact so)
};

class LinkGrammarParser {
 public:
  // The parser with Debian's English dictionary (link-grammar-dictionaries-en).
  // kIo when the dictionary cannot be opened.
  static Result<std::unique_ptr<LinkGrammarParser>> create(const LinkGrammarOptions& options = {});
  ~LinkGrammarParser();
  LinkGrammarParser(const LinkGrammarParser&) = delete;  // owns the dictionary
  LinkGrammarParser& operator=(const LinkGrammarParser&) = delete;

  // The best linkage of `sentence`; nullopt when it has none (too long, no parse in time).
  std::optional<ParsedSentence> parse(std::string_view sentence) const;

 private:
  struct Handles;
  LinkGrammarParser(std::unique_ptr<Handles> handles, LinkGrammarOptions options);
  std::unique_ptr<Handles> handles_;
  const LinkGrammarOptions options_;
};

}  // namespace orgkg::ingest

#endif  // ORGKG_INGEST_LINK_GRAMMAR_H_
