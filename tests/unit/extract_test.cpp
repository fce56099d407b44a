#include "orgkg/extract.h"

#include <doctest/doctest.h>

#include "support/kb_fixture.h"

namespace orgkg {
namespace {

// The facts extracted from `text` (published 2020-06-15) against an empty knowledge base,
// one per line: "subject relation [object] [status] key=date".
std::string facts_of(const std::string& text) {
  static const KnowledgeGraph empty;
  static const auto extractor = Extractor::create(empty, Extractor::default_iso_codes_dir());
  REQUIRE_MESSAGE(extractor.is_ok(), extractor.status().message());
  ArticleInfo article;
  article.source_id = "a";
  article.published = test::date("2020-06-15");
  const Document document = extractor.value()->extract(text, article);
  std::string out;
  for (const Fact& fact : document.facts) {
    out += fact.subject.value + " " + std::string(relation_name(fact.relation));
    if (fact.object) out += " " + fact.object->value;
    if (fact.status) out += " " + std::string(status_name(*fact.status));
    if (fact.date) out += " date=" + fact.date->to_string();
    if (fact.validity.from) out += " from=" + fact.validity.from->to_string();
    if (fact.validity.until) out += " until=" + fact.validity.until->to_string();
    if (fact.validity.at) out += " at=" + fact.validity.at->to_string();
    out += '\n';
    for (const Citation& citation : fact.sources) {
      CHECK(text.substr(*citation.offset_start, *citation.offset_end - *citation.offset_start) ==
            *citation.quote);
    }
  }
  return out;
}

TEST_CASE("member lists in several phrasings, present tense only") {
  struct Case {
    const char* text;
    const char* facts;
  } cases[] = {
      {"The Lake Union (LU), which is comprised of Kenya, Uganda and Tanzania, met today.",
       "kenya member_of lu at=2020-06-15\nuganda member_of lu at=2020-06-15\n"
       "tanzania member_of lu at=2020-06-15\n"},
      {"The Lake Union (LU) met today. Its member states are Kenya and Uganda.",
       "kenya member_of lu at=2020-06-15\nuganda member_of lu at=2020-06-15\n"},
      {"Kenya and Uganda are members of the Lake Union (LU).",
       "kenya member_of lu at=2020-06-15\nuganda member_of lu at=2020-06-15\n"},
      {"The Lake Union (LU) was praised. The LU's members are Kenya and Rwanda.",
       "kenya member_of lu at=2020-06-15\nrwanda member_of lu at=2020-06-15\n"},
      {"The Lake Union (LU), which was comprised of Kenya and Uganda, broke up.", ""},
      {"Kenya and Uganda are not members of the Lake Union (LU).", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(facts_of(c.text) == c.facts);
  }
}

TEST_CASE("changes of status with their dates; hedges and negations give nothing") {
  struct Case {
    const char* text;
    const char* facts;
  } cases[] = {
      {"The Lake Union (LU) grew. Rwanda joined the bloc on 3 March 2011.",
       "rwanda member_of lu from=2011-03-03\n"},
      {"The Lake Union (LU) shrank. Burundi withdrew from the LU in 2015.",
       "burundi member_of lu until=2015\n"},
      {"The Lake Union (LU) met. Uganda suspended its membership in the union in May 2019.",
       "uganda member_of lu suspended from=2019-05\n"},
      {"The Lake Union (LU) met. Malawi became an observer of the LU in 2012.",
       "malawi member_of lu observer from=2012\n"},
      {"The Lake Union (LU) met. Zambia applied to join the LU last year.",
       "zambia member_of lu applicant from=2019\n"},
      {"The Lake Union (LU) met. Zambia plans to join the LU.", ""},
      {"The Lake Union (LU) met. Zambia has not joined the LU.", ""},
      {"The Lake Union (LU) met. Zambia joined the LU.", ""},  // no date: too little
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(facts_of(c.text) == c.facts);
  }
}

TEST_CASE("dated events, absolute and relative") {
  CHECK(facts_of("The Lake Treaty was signed on 15 May 1992 and the Lake Treaty Organization was "
                 "set up 10 years later.") ==
        "lake-treaty signed date=1992-05-15\nlake-treaty-organization established date=2002\n"
        "lake-treaty-organization based_on lake-treaty\n");
  CHECK(facts_of("The Lake Union (LU) was founded in 1999. It was dissolved a year earlier than "
                 "planned, in 2011.") == "lu established date=1999\n");
  CHECK(facts_of("The Lake Union (LU) entered into force on June 2, 2001.") ==
        "lu entered_into_force date=2001-06-02\n");
}

TEST_CASE("names: official names, short names, adjectives and acronyms resolve to one entity") {
  CHECK(facts_of("The Lake Union (LU) met. The Kenyan government suspended its membership in "
                 "the LU in 2019, and the Russian language is taught there.") ==
        "kenya member_of lu suspended from=2019\n");
  CHECK(facts_of("The Lake Union (LU) said the United Republic of Tanzania and the US are "
                 "members of the LU.") ==
        "tanzania member_of lu at=2020-06-15\nunited-states member_of lu at=2020-06-15\n");
}

}  // namespace
}  // namespace orgkg
