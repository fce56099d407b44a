// The extractor on sentences of our own wording (tests/data/extract/sentences.txt), one
// case at a time, and its parts: dates as news gives them, sentence splitting, names.
#include "orgkg/extract.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ingest/news_dates.h"
#include "ingest/text.h"
#include "support/kb_fixture.h"

namespace orgkg {
namespace {

const Extractor& extractor() {
  static const KnowledgeGraph empty;
  static const auto created = Extractor::create(empty);
  REQUIRE_MESSAGE(created.is_ok(), created.status().message());
  return *created.value();
}

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  const auto last = text.find_last_not_of(" \t\r");
  if (first == std::string::npos) return "";
  return text.substr(first, last - first + 1);
}

// One claim of a fact, as the table writes it: "russia|member_of|csto|full|at=2023-04-06"
// with ids; a fact with from and until is two claims.
std::set<std::string> claims_of(const Document& document) {
  std::set<std::string> out;
  for (const Fact& fact : document.facts) {
    if (fact.relation == Relation::kBasedOn) continue;
    std::string head = fact.subject.value + "|" + std::string(relation_name(fact.relation));
    if (fact.date) {
      out.insert(head + "|date=" + fact.date->to_string());
      continue;
    }
    head += "|" + (fact.object ? fact.object->value : "") + "|" +
            std::string(status_name(fact.effective_status()));
    bool any = false;
    for (const auto& [key, date] :
         {std::pair{"from", fact.validity.from}, std::pair{"until", fact.validity.until},
          std::pair{"at", fact.validity.at}}) {
      if (date) {
        out.insert(head + "|" + key + "=" + date->to_string());
        any = true;
      }
    }
    if (!any) out.insert(head + "|");
  }
  return out;
}

struct TableCase {
  int line = 0;
  std::string published;
  std::string title;
  std::string text;
  std::vector<std::string> expected;  // as written
  std::string gap;                    // a known gap: the case must still fail
};

std::vector<TableCase> read_table(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::vector<TableCase> cases;
  std::string line;
  std::string published;
  std::string title;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.starts_with("published:")) {
      published = trim(line.substr(10));
    } else if (line.starts_with("title:")) {
      title = trim(line.substr(6));
    } else if (line.starts_with("> ")) {
      cases.push_back(TableCase{number, published, title, line.substr(2), {}, ""});
      title.clear();
    } else if (line.starts_with("= ") && !cases.empty()) {
      cases.back().expected.push_back(trim(line.substr(2)));
    } else if (line.starts_with("gap:") && !cases.empty()) {
      cases.back().gap = trim(line.substr(4));
    }
  }
  return cases;
}

// "Finland | member_of | NATO | full | from=2023-04-04" with names made ids.
std::string expected_claim(const std::string& written) {
  std::vector<std::string> fields;
  std::stringstream stream(written);
  std::string field;
  while (std::getline(stream, field, '|')) fields.push_back(trim(field));
  const auto id = [](const std::string& name) {
    return extractor().id_for_name(name).value_or("?" + name);
  };
  if (fields.size() == 3) return id(fields[0]) + "|" + fields[1] + "|" + fields[2];
  REQUIRE_MESSAGE(fields.size() == 5, "malformed fact line: " << written);
  return id(fields[0]) + "|" + fields[1] + "|" + id(fields[2]) + "|" + fields[3] + "|" + fields[4];
}

TEST_CASE("the sentence table: every case gives exactly its facts") {
  const std::vector<TableCase> cases =
      read_table(std::string(ORGKG_TEST_DATA) + "/extract/sentences.txt");
  REQUIRE(cases.size() >= 150);
  int passed = 0;
  int negatives = 0;
  int gaps = 0;
  for (const TableCase& c : cases) {
    ArticleInfo article;
    article.source_id = "a";
    article.published = test::date(c.published.c_str());
    if (!c.title.empty()) article.title = c.title;
    const Extraction extraction = extractor().extract(c.text, article);
    const std::set<std::string> actual = claims_of(extraction.document);
    std::set<std::string> expected;
    for (const std::string& written : c.expected) expected.insert(expected_claim(written));
    negatives += c.expected.empty() ? 1 : 0;
    // Every quote is the text at its offsets.
    for (const Fact& fact : extraction.document.facts) {
      for (const Citation& citation : fact.sources) {
        CHECK(c.text.substr(*citation.offset_start,
                            *citation.offset_end - *citation.offset_start) == *citation.quote);
      }
    }
    std::string actual_text;
    for (const std::string& claim : actual) actual_text += "\n  " + claim;
    std::string expected_text;
    for (const std::string& claim : expected) expected_text += "\n  " + claim;
    const bool same = actual == expected;
    if (c.gap.empty()) {
      CHECK_MESSAGE(same, "sentences.txt:" << c.line << ": " << c.text << "\nexpected:"
                                           << expected_text << "\nextracted:" << actual_text);
    } else {
      ++gaps;
      // A known gap that starts passing must lose its `gap:` line.
      CHECK_MESSAGE(!same, "sentences.txt:" << c.line << " passes now: remove its gap line");
      // Even a known gap must not assert a stated non-fact.
      if (c.expected.empty()) CHECK_MESSAGE(actual.empty(), "sentences.txt:" << c.line);
    }
    passed += same ? 1 : 0;
  }
  MESSAGE(passed << " of " << cases.size() << " cases exact (" << negatives
                 << " that must give nothing; " << gaps << " known gaps)");
  CHECK(negatives >= 50);
}

TEST_CASE("news dates resolve against the publication date and the text") {
  struct Case {
    const char* published;
    const char* text;
    const char* dates;  // "date:role" for each, space separated
  } cases[] = {
      {"2023-04-06", "Finland joined on Tuesday.", "2023-04-04:point"},
      {"2024-03-07", "It happened on Thursday.", "2024-03-07:point"},
      {"2024-03-07", "It happened last Thursday.", "2024-02-29:point"},
      {"2024-03-07", "It was announced yesterday.", "2024-03-06:point"},
      {"2024-03-07", "It was announced earlier today.", "2024-03-07:point"},
      {"2024-03-07", "It left last year.", "2023:point"},
      {"2024-03-07", "It left in December.", "2023-12:point"},
      {"2024-03-07", "In 2019 talks began; in December it joined.", "2019:point 2019-12:point"},
      {"2024-03-07", "The treaty was signed in 1992 and the body set up ten years later.",
       "1992:point 2002:point"},
      {"2024-03-07", "It was founded in 1949. It left 33 years after that.",
       "1949:point 1982:point"},
      {"2024-03-07", "A member from 2006 to 2012.", "2006:start 2012:until"},
      {"2024-03-07", "A member in 2006-2012.", "2006:start 2012:until"},
      {"2024-03-07", "A member between 2006 and 2012.", "2006:start 2012:until"},
      {"2024-03-07", "A member since 2001.", "2001:since"},
      {"2024-03-07", "It joined on 4 April 2023.", "2023-04-04:point"},
      {"2024-03-07", "It joined on April 4, 2023.", "2023-04-04:point"},
      {"2024-03-07", "It joined in March 2024.", "2024-03:point"},
      {"2024-03-07", "It joined in the 1990s with 1,300 troops.", ""},
      {"2024-03-07", "It may join.", ""},
      {"2024-03-07", "Three years ago it left.", "2021:point"},
      {"2024-04-04", "It was founded 75 years ago today. Greece joined three years later.",
       "1949-04-04:point 1952:point"},
      // The sentence has its own date: "two years after applying" dates the application.
      {"2024-03-07", "Sweden joined on Thursday, two years after applying.", "2024-03-07:point"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    ingest::DateContext context;
    context.published = test::date(c.published);
    const std::string text = c.text;
    std::string got;
    for (const ingest::Span& sentence : ingest::split_sentences(text)) {
      for (const ingest::DateMention& mention :
           ingest::find_dates(text, sentence.start, sentence.end, context)) {
        static const char* roles[] = {"point", "since", "until", "start"};
        if (!got.empty()) got += ' ';
        got += mention.date.to_string() + ":" + roles[static_cast<int>(mention.role)];
      }
    }
    CHECK(got == c.dates);
  }
}

TEST_CASE("a publication date stated at the top of the text") {
  CHECK(ingest::find_publication_date("Finland joins NATO\nPublished: 4 April 2023\n\nText.")
            ->to_string() == "2023-04-04");
  CHECK(ingest::find_publication_date("April 4, 2023 10:15 GMT\nFinland joined.")->to_string() ==
        "2023-04-04");
  CHECK_FALSE(ingest::find_publication_date("Finland joined NATO in 2023 after a long wait."));
}

TEST_CASE("sentences end at final punctuation, not at abbreviations, and at headlines") {
  const std::string text =
      "Finland joins NATO\n\nThe U.S. Senate agreed. Mr. Smith said so on Dec. 4. It was done.";
  std::vector<std::string> got;
  for (const ingest::Span& span : ingest::split_sentences(text)) {
    got.push_back(text.substr(span.start, span.end - span.start));
  }
  CHECK(got == std::vector<std::string>{"Finland joins NATO", "The U.S. Senate agreed.",
                                        "Mr. Smith said so on Dec. 4.", "It was done."});
}

TEST_CASE("names as reporters write them") {
  const Extractor& x = extractor();
  CHECK(x.id_for_name("Türkiye") == x.id_for_name("Turkey"));
  CHECK(x.id_for_name("Burma") == x.id_for_name("Myanmar"));
  CHECK(x.id_for_name("Kirghizia") == x.id_for_name("Kyrgyzstan"));
  CHECK(x.id_for_name("USSR") == x.id_for_name("Soviet Union"));
  CHECK(x.id_for_name("CSTO") == x.id_for_name("Collective Security Treaty Organization"));
  CHECK(x.id_for_name("BRICS").has_value());
  CHECK(x.id_for_name("African Union").has_value());
  CHECK(x.id_for_name("African Union") != x.id_for_name("Organization of African Unity"));
  CHECK_FALSE(x.id_for_name("us").has_value());  // the pronoun is not the United States
}

TEST_CASE("the document names the article's wording and loads") {
  ArticleInfo article;
  article.source_id = "a";
  article.published = test::date("2023-06-01");
  const Extraction extraction =
      extractor().extract("Türkiye joined the Council of Europe in 1950.", article);
  REQUIRE(extraction.document.facts.size() == 1);
  const auto turkey =
      std::find_if(extraction.document.entities.begin(), extraction.document.entities.end(),
                   [](const Entity& e) { return e.kind == EntityKind::kState; });
  REQUIRE(turkey != extraction.document.entities.end());
  CHECK(std::find(turkey->aliases.begin(), turkey->aliases.end(), "Türkiye") !=
        turkey->aliases.end());
  REQUIRE(extraction.explanations.size() == 1);
  CHECK(extraction.explanations[0].rule.starts_with("join"));
  CHECK(extraction.explanations[0].date.find("1950") != std::string::npos);
}

TEST_CASE("a missing or malformed gazetteer is refused, naming the file") {
  static const KnowledgeGraph empty;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "orgkg-gazetteer-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ExtractorFiles files;
  files.gazetteer_dir = dir;
  const auto missing = Extractor::create(empty, files);
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().code() == StatusCode::kIo);
  CHECK(missing.status().message().find("organizations.json") != std::string::npos);
  std::ofstream(dir / "organizations.json") << "{\"gazetteer\": 1, \"states\": []}";
  const auto malformed = Extractor::create(empty, files);
  REQUIRE_FALSE(malformed.is_ok());
  CHECK(malformed.status().code() == StatusCode::kInvalidInput);
  CHECK(malformed.status().message().find("organizations.json: not a gazetteer file") !=
        std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("text with no English sentences gives nothing, and says why") {
  ArticleInfo article;
  article.source_id = "a";
  const Extraction extraction =
      extractor().extract("Финляндия вступила в НАТО 4 апреля 2023 года.", article);
  CHECK(extraction.document.facts.empty());
  REQUIRE(extraction.notices.size() == 1);
  CHECK(extraction.notices[0].find("no English") != std::string::npos);
}

}  // namespace
}  // namespace orgkg
