// Every call into link-grammar's C API, behind RAII handles (the model is
// src/graphviz.cpp): the dictionary and options live as long as the parser, a sentence
// and its linkage as long as one parse().
#include "ingest/link_grammar.h"

#include <link-grammar/link-includes.h>

#include <mutex>

namespace orgkg::ingest {
namespace {

struct DictionaryDeleter {
  void operator()(Dictionary_s* dictionary) const noexcept { dictionary_delete(dictionary); }
};
struct OptionsDeleter {
  void operator()(Parse_Options_s* options) const noexcept { parse_options_delete(options); }
};
struct SentenceDeleter {
  void operator()(Sentence_s* sentence) const noexcept { sentence_delete(sentence); }
};
struct LinkageDeleter {
  void operator()(Linkage_s* linkage) const noexcept { linkage_delete(linkage); }
};

// The library prints progress and warnings on stderr unless told otherwise; extraction
// reports what matters itself.
void quiet_handler(lg_errinfo*, void*) {}

}  // namespace

struct LinkGrammarParser::Handles {
  std::unique_ptr<Dictionary_s, DictionaryDeleter> dictionary;  // shared by parses
};

namespace {

// Options belong to one parse: parse() may run on several threads at once.
std::unique_ptr<Parse_Options_s, OptionsDeleter> make_options(const LinkGrammarOptions& options) {
  std::unique_ptr<Parse_Options_s, OptionsDeleter> made(parse_options_create());
  Parse_Options_s* parse_options = made.get();
  parse_options_set_verbosity(parse_options, 0);
  parse_options_set_linkage_limit(parse_options, 100);
  parse_options_set_repeatable_rand(parse_options, true);  // the same text, the same parse
  parse_options_set_max_parse_time(parse_options, options.max_parse_seconds);
  parse_options_set_islands_ok(parse_options, false);
  parse_options_set_spell_guess(parse_options, 0);  // names are not misspellings
  parse_options_set_display_morphology(parse_options, 0);
  return made;
}

}  // namespace

LinkGrammarParser::LinkGrammarParser(std::unique_ptr<Handles> handles, LinkGrammarOptions options)
    : handles_(std::move(handles)), options_(options) {}
LinkGrammarParser::~LinkGrammarParser() = default;

Result<std::unique_ptr<LinkGrammarParser>> LinkGrammarParser::create(
    const LinkGrammarOptions& options) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { lg_error_set_handler(quiet_handler, nullptr); });
  auto handles = std::make_unique<Handles>();
  handles->dictionary.reset(dictionary_create_lang("en"));
  if (!handles->dictionary) {
    return Status::io(
        "cannot open link-grammar's English dictionary (Debian package "
        "link-grammar-dictionaries-en)");
  }
  return std::unique_ptr<LinkGrammarParser>(new LinkGrammarParser(std::move(handles), options));
}

std::optional<ParsedSentence> LinkGrammarParser::parse(std::string_view text) const {
  std::size_t spaces = 0;
  for (const char c : text) spaces += c == ' ' ? 1 : 0;
  if (spaces + 1 > options_.max_words) return std::nullopt;
  const std::string input(text);
  std::unique_ptr<Sentence_s, SentenceDeleter> sentence(
      sentence_create(input.c_str(), handles_->dictionary.get()));
  if (!sentence) return std::nullopt;
  const auto options = make_options(options_);
  Parse_Options_s* parse_options = options.get();
  // More linkages to choose the best from in short sentences, where they are cheap; a
  // long sentence has too many to rank them all.
  parse_options_set_linkage_limit(parse_options, spaces < 25 ? 500 : 100);
  // A complete parse first; only when there is none, parses that leave words out.
  parse_options_set_min_null_count(parse_options, 0);
  parse_options_set_max_null_count(parse_options, 0);
  int found = sentence_parse(sentence.get(), parse_options);
  int null_count = 0;
  if (found <= 0 && options_.max_null_count > 0) {
    parse_options_set_min_null_count(parse_options, 1);
    parse_options_set_max_null_count(parse_options, options_.max_null_count);
    found = sentence_parse(sentence.get(), parse_options);
    null_count = sentence_null_count(sentence.get());
  }
  if (found <= 0) return std::nullopt;
  std::unique_ptr<Linkage_s, LinkageDeleter> linkage(
      linkage_create(0, sentence.get(), parse_options));
  if (!linkage) return std::nullopt;
  ParsedSentence parsed;
  parsed.null_count = null_count;
  const int words = linkage_get_num_words(linkage.get());
  for (int w = 0; w < words; ++w) {
    std::string word = linkage_get_word(linkage.get(), w);
    std::string tag;
    // "joined.v-d" -> "joined" and "v-d"; "Xqa[!]" -> "Xqa"; "U.S." keeps its dots.
    if (const auto bracket = word.find('['); bracket != std::string::npos && bracket > 0) {
      word.erase(bracket);
    }
    if (const auto dot = word.rfind('.');
        dot != std::string::npos && dot > 0 && dot + 1 < word.size() &&
        word.find_first_of("0123456789", dot) == std::string::npos &&
        std::islower(static_cast<unsigned char>(word[dot + 1])) != 0 && word[dot - 1] != '.') {
      tag = word.substr(dot + 1);
      word.erase(dot);
    }
    const int start = linkage_get_word_byte_start(linkage.get(), w);
    const int end = linkage_get_word_byte_end(linkage.get(), w);
    parsed.words.push_back(ParsedWord{std::move(word), std::move(tag),
                                      start < 0 ? 0 : static_cast<std::size_t>(start),
                                      end < 0 ? 0 : static_cast<std::size_t>(end)});
  }
  const int links = linkage_get_num_links(linkage.get());
  for (int l = 0; l < links; ++l) {
    const int left = linkage_get_link_lword(linkage.get(), l);
    const int right = linkage_get_link_rword(linkage.get(), l);
    if (left < 0 || right < 0) continue;
    parsed.links.push_back(ParsedLink{static_cast<std::size_t>(left),
                                      static_cast<std::size_t>(right),
                                      linkage_get_link_label(linkage.get(), l)});
  }
  return parsed;
}

}  // namespace orgkg::ingest
