// The extractor: a gazetteer of names, sentence by sentence pattern matching, and date
// resolution (absolute, and relative to the last date met or to the publication date).
#include "orgkg/extract.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "orgkg/names.h"
#include "orgkg/store.h"
#include "rapidjson_all.h"

namespace orgkg {
namespace {

// An entity the extractor can name: from the knowledge base, or proposed.
struct Known {
  std::string id;
  EntityKind kind;
  std::string name;
  std::vector<std::string> aliases;  // proposed entities only
  std::optional<std::string> iso3166;
  bool in_knowledge_base = false;
};

struct Mention {
  std::size_t start;
  std::size_t end;
  std::size_t known;  // index into the known entities
};

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

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         (static_cast<unsigned char>(c) & 0x80) != 0;
}

const std::map<std::string, int>& month_numbers() {
  static const std::map<std::string, int> months = {
      {"January", 1},   {"February", 2}, {"March", 3},     {"April", 4},
      {"May", 5},       {"June", 6},     {"July", 7},      {"August", 8},
      {"September", 9}, {"October", 10}, {"November", 11}, {"December", 12}};
  return months;
}

int small_number(const std::string& word) {
  static const std::map<std::string, int> numbers = {
      {"a", 1},       {"one", 1},      {"two", 2},     {"three", 3},  {"four", 4}, {"five", 5},
      {"six", 6},     {"seven", 7},    {"eight", 8},   {"nine", 9},   {"ten", 10}, {"eleven", 11},
      {"twelve", 12}, {"fifteen", 15}, {"twenty", 20}, {"thirty", 30}};
  const auto it = numbers.find(word);
  if (it != numbers.end()) return it->second;
  return std::atoi(word.c_str());
}

}  // namespace

struct Extractor::Gazetteer {
  std::vector<Known> known;
  // First word of a name -> (name, known index), longest names first.
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>> by_first_word;

  void add_name(const std::string& name, std::size_t index) {
    if (name.size() < 2) return;
    const std::size_t space = name.find(' ');
    auto& list = by_first_word[name.substr(0, space)];
    for (const auto& [existing, owner] : list) {
      if (existing == name) return;  // the first owner keeps a name
    }
    list.emplace_back(name, index);
    std::sort(list.begin(), list.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
};

Extractor::Extractor(std::unique_ptr<Gazetteer> gazetteer) : gazetteer_(std::move(gazetteer)) {}
Extractor::~Extractor() = default;

std::filesystem::path Extractor::default_iso_codes_dir() { return "/usr/share/iso-codes/json"; }

Result<std::unique_ptr<Extractor>> Extractor::create(const KnowledgeGraph& knowledge_base,
                                                     const std::filesystem::path& iso_codes_dir) {
  auto gazetteer = std::make_unique<Gazetteer>();
  std::map<std::string, std::size_t> by_iso;
  for (EntityIndex i = 0; i < knowledge_base.entity_count(); ++i) {
    const Entity& entity = knowledge_base.entity(i);
    Known known{entity.id.value, entity.kind, entity.name, {}, std::nullopt, true};
    for (const Code& code : entity.codes) {
      if (code.scheme == "iso3166") known.iso3166 = code.value;
    }
    const std::size_t index = gazetteer->known.size();
    gazetteer->known.push_back(known);
    if (known.iso3166) by_iso.emplace(*known.iso3166, index);
    gazetteer->add_name(entity.name, index);
    for (const std::string& alias : entity.aliases) gazetteer->add_name(alias, index);
  }
  // Common short names that ISO 3166 does not give.
  const std::map<std::string, std::vector<std::string>> extra_names = {
      {"US", {"United States", "USA", "US", "U.S."}},
      {"GB", {"United Kingdom", "Britain", "Great Britain", "UK"}},
      {"RU", {"Russia"}},
      {"CZ", {"Czech Republic"}},
      {"TR", {"Turkey"}},
  };
  for (const char* file : {"iso_3166-1.json", "iso_3166-3.json"}) {
    Result<std::string> text = read_file(iso_codes_dir / file);
    if (!text.is_ok()) return text.status();
    rapidjson::Document document;
    document.Parse(text.value().c_str());
    const char* key = std::string_view(file) == "iso_3166-1.json" ? "3166-1" : "3166-3";
    if (document.HasParseError() || !document.IsObject() || !document.HasMember(key)) {
      return Status::io(fmt::format("{}: not an iso-codes file", (iso_codes_dir / file).string()));
    }
    const bool former = std::string_view(key) == "3166-3";
    for (const rapidjson::Value& entry : document[key].GetArray()) {
      const auto text_of = [&entry](const char* name) -> std::string {
        return entry.HasMember(name) && entry[name].IsString() ? entry[name].GetString() : "";
      };
      const std::string code = text_of("alpha_2");
      std::string name = text_of("common_name");
      if (name.empty()) name = text_of("name");
      if (name.empty()) continue;
      std::size_t index;
      const auto existing = former ? by_iso.end() : by_iso.find(code);
      if (existing != by_iso.end()) {
        index = existing->second;
      } else {
        // A former state's short name comes before a comma ("USSR, Union of …").
        std::string shown = name.substr(0, name.find(','));
        if (!former && code == "RU") shown = "Russia";  // ISO 3166 has only the official name
        index = gazetteer->known.size();
        gazetteer->known.push_back(Known{slug(shown),
                                         EntityKind::kState,
                                         shown,
                                         {},
                                         former ? std::nullopt : std::optional(code),
                                         false});
        if (!former) by_iso.emplace(code, index);
      }
      for (const std::string& each : {name, text_of("name"), text_of("official_name")}) {
        if (!each.empty() && each.find(',') == std::string::npos) gazetteer->add_name(each, index);
      }
      if (const auto extra = extra_names.find(code); !former && extra != extra_names.end()) {
        for (const std::string& each : extra->second) gazetteer->add_name(each, index);
      }
    }
  }
  // Adjectives name a state only before a word that makes them do so ("the Armenian
  // government suspended…"); ambiguous ones (Georgian, Dominican…) are left out.
  const std::map<std::string, std::string> adjectives = {
      {"Armenian", "AM"},  {"Azerbaijani", "AZ"}, {"Belarusian", "BY"}, {"Kazakh", "KZ"},
      {"Kyrgyz", "KG"},    {"Russian", "RU"},     {"Tajik", "TJ"},      {"Uzbek", "UZ"},
      {"Turkmen", "TM"},   {"Ukrainian", "UA"},   {"Moldovan", "MD"},   {"Chinese", "CN"},
      {"French", "FR"},    {"German", "DE"},      {"Italian", "IT"},    {"Spanish", "ES"},
      {"Polish", "PL"},    {"Swedish", "SE"},     {"Finnish", "FI"},    {"Norwegian", "NO"},
      {"Hungarian", "HU"}, {"Turkish", "TR"},     {"Iranian", "IR"},    {"Indian", "IN"},
      {"Pakistani", "PK"}, {"Japanese", "JP"},    {"Canadian", "CA"},   {"Mexican", "MX"},
      {"Brazilian", "BR"}, {"Cuban", "CU"},       {"Serbian", "RS"},    {"Greek", "GR"},
      {"Austrian", "AT"},  {"Swiss", "CH"},       {"Dutch", "NL"},      {"Belgian", "BE"},
      {"Danish", "DK"},    {"Estonian", "EE"},    {"Latvian", "LV"},    {"Lithuanian", "LT"},
      {"Mongolian", "MN"}, {"Afghan", "AF"},      {"Egyptian", "EG"},   {"Nigerian", "NG"},
      {"Kenyan", "KE"},    {"Ethiopian", "ET"},   {"American", "US"},   {"British", "GB"}};
  for (const auto& [adjective, code] : adjectives) {
    const auto state = by_iso.find(code);
    if (state == by_iso.end()) continue;
    for (const char* noun : {"government", "authorities", "leadership", "side", "parliament"}) {
      gazetteer->add_name(adjective + " " + noun, state->second);
    }
  }
  return std::unique_ptr<Extractor>(new Extractor(std::move(gazetteer)));
}

namespace {

// One extraction: the text, the names met so far, the facts found.
class Reader {
 public:
  Reader(std::string_view text, const ArticleInfo& article, const std::vector<Known>& known,
         const std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>>&
             names)
      : text_(text), article_(article), known_(known), names_(names) {}

  Document run() {
    introduce_organizations();
    for (const auto& [start, end] : sentences()) read_sentence(start, end);
    return finish();
  }

 private:
  // "Full Name (ACRONYM)": a new organization, or a new name for a known one.
  void introduce_organizations() {
    static const std::regex introduction(
        R"(((?:[A-Z][A-Za-z'’-]+ (?:(?:of|for|and|on|the) )*)*(?:Organi[sz]ation|Union|Alliance|Community|Council|Pact|Commonwealth|Association|League|Bank|Forum|Bloc|Partnership|Group))\s*\(([A-Z][A-Za-z]{1,9})\))");
    const std::string text(text_);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), introduction);
         it != std::sregex_iterator(); ++it) {
      std::string full = (*it)[1].str();
      if (full.starts_with("The ")) full = full.substr(4);
      const std::string acronym = (*it)[2].str();
      if (find_name(full) || find_name(acronym)) {
        continue;
      }
      local_.push_back(
          Known{slug(acronym), EntityKind::kOrganization, full, {acronym}, std::nullopt, false});
      local_names_.emplace_back(full, known_.size() + local_.size() - 1);
      local_names_.emplace_back(acronym, known_.size() + local_.size() - 1);
    }
    // Capitalized names of organizations and treaties with no acronym given: "the
    // Collective Security Treaty Organization", "the Collective Security Treaty". An
    // acronym of the name's initials ("CSTO") that the text uses becomes an alias.
    static const std::regex named(
        R"(\b((?:[A-Z][A-Za-z'’-]+ (?:(?:of|for|and|on|the) )*)+(?:Organi[sz]ation|Union|Alliance|Community|Council|Pact|Commonwealth|Association|League|Forum|Partnership|Treaty)(?: Organi[sz]ation)?)\b)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), named);
         it != std::sregex_iterator(); ++it) {
      std::string full = (*it)[1].str();
      for (const char* article : {"The ", "In ", "A "}) {
        if (full.starts_with(article)) full = full.substr(std::string_view(article).size());
      }
      if (full.find(' ') == std::string::npos || find_name(full) || local_has(full)) continue;
      std::string initials;
      std::size_t word = 0;
      while (word < full.size()) {
        const std::size_t next = full.find(' ', word);
        const std::string token =
            full.substr(word, next == std::string::npos ? std::string::npos : next - word);
        if (!token.empty() && std::isupper(static_cast<unsigned char>(token[0])))
          initials += token[0];
        if (next == std::string::npos) break;
        word = next + 1;
      }
      const bool treaty = full.ends_with("Treaty");
      const bool acronym_used = initials.size() >= 3 &&
                                std::regex_search(text, std::regex("\\b" + initials + "\\b")) &&
                                !find_name(initials);
      Known proposed{slug(acronym_used ? initials : full),
                     treaty ? EntityKind::kTreaty : EntityKind::kOrganization,
                     full,
                     {},
                     std::nullopt,
                     false};
      if (acronym_used) proposed.aliases.push_back(initials);
      local_.push_back(proposed);
      const std::size_t index = known_.size() + local_.size() - 1;
      local_names_.emplace_back(full, index);
      if (acronym_used) local_names_.emplace_back(initials, index);
    }
    std::sort(local_names_.begin(), local_names_.end(),
              [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }

  bool local_has(const std::string& name) const {
    return std::any_of(local_names_.begin(), local_names_.end(),
                       [&name](const auto& entry) { return entry.first == name; });
  }

  std::optional<std::size_t> find_name(const std::string& name) const {
    const auto it = names_.find(name.substr(0, name.find(' ')));
    if (it != names_.end()) {
      for (const auto& [surface, index] : it->second) {
        if (surface == name) return index;
      }
    }
    return std::nullopt;
  }

  const Known& known(std::size_t index) const {
    return index < known_.size() ? known_[index] : local_[index - known_.size()];
  }

  std::vector<std::pair<std::size_t, std::size_t>> sentences() const {
    std::vector<std::pair<std::size_t, std::size_t>> found;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const char c = text_[i];
      const bool paragraph = c == '\n' && i + 1 < text_.size() && text_[i + 1] == '\n';
      bool end = paragraph;
      if ((c == '.' || c == '!' || c == '?') && i + 2 < text_.size() &&
          (text_[i + 1] == ' ' || text_[i + 1] == '\n')) {
        const char next = text_[i + 2];
        const bool initial = i >= 2 && text_[i - 2] == '.';  // "U.S." is not an end
        end = !initial && (std::isupper(static_cast<unsigned char>(next)) || next == '"' ||
                           (static_cast<unsigned char>(next) & 0x80) != 0);
      }
      if (end || i + 1 == text_.size()) {
        found.emplace_back(start, i + 1);
        start = i + 1;
      }
    }
    return found;
  }

  std::vector<Mention> mentions(std::size_t start, std::size_t end) const {
    std::vector<Mention> found;
    std::size_t i = start;
    while (i < end) {
      const bool word_start = i == 0 || !is_word_char(text_[i - 1]);
      if (!word_start || !is_word_char(text_[i])) {
        ++i;
        continue;
      }
      std::size_t word_end = i;
      while (word_end < end && (is_word_char(text_[word_end]) || text_[word_end] == '.'))
        ++word_end;
      const std::string first(text_.substr(i, word_end - i));
      std::optional<Mention> best;
      const auto consider = [&](const std::string& surface, std::size_t index) {
        if (best && best->end - best->start >= surface.size()) return;
        if (i + surface.size() > end || text_.compare(i, surface.size(), surface) != 0) return;
        const std::size_t after = i + surface.size();
        if (after < text_.size() && is_word_char(text_[after])) return;
        best = Mention{i, after, index};
      };
      for (std::size_t cut = first.size(); cut > 0; --cut) {  // "U.S." or "U.S"
        const auto it = names_.find(first.substr(0, cut));
        if (it != names_.end()) {
          for (const auto& [surface, index] : it->second) consider(surface, index);
        }
        if (first[cut - 1] != '.') break;
      }
      for (const auto& [surface, index] : local_names_) consider(surface, index);
      if (best) {
        found.push_back(*best);
        i = best->end;
      } else {
        i = word_end;
      }
    }
    return found;
  }

  // A date in `[start, end)`: "15 May 1992", "May 15, 1992", "May 1992", "in 1992", or a
  // relative one ("10 years later", "a year earlier", "the same year", "last year").
  std::optional<std::pair<PartialDate, std::size_t>> date_in(std::size_t start, std::size_t end) {
    static const std::regex absolute(
        R"((\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December),? (\d{4})|(January|February|March|April|May|June|July|August|September|October|November|December) (\d{1,2}), (\d{4})|(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})|\b(1[6-9]\d\d|20\d\d)\b|\b(a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d{1,3}) years? (later|earlier|before|after)\b|\bthe same year\b|\blast year\b|\bthis year\b)");
    const std::string clause(text_.substr(start, end - start));
    std::smatch match;
    if (!std::regex_search(clause, match, absolute)) return std::nullopt;
    std::string date;
    if (match[1].matched) {
      date = fmt::format("{}-{:02}-{:02}", match[3].str(), month_numbers().at(match[2].str()),
                         std::stoi(match[1].str()));
    } else if (match[4].matched) {
      date = fmt::format("{}-{:02}-{:02}", match[6].str(), month_numbers().at(match[4].str()),
                         std::stoi(match[5].str()));
    } else if (match[7].matched) {
      date = fmt::format("{}-{:02}", match[8].str(), month_numbers().at(match[7].str()));
    } else if (match[9].matched) {
      date = match[9].str();
    } else if (match[10].matched) {
      if (!last_date_) return std::nullopt;
      const int years = small_number(match[10].str());
      const bool later = match[11].str() == "later" || match[11].str() == "after";
      date = std::to_string(last_date_->year() + (later ? years : -years));
    } else if (match.str() == "the same year") {
      if (!last_date_) return std::nullopt;
      date = std::to_string(last_date_->year());
    } else {
      if (!article_.published) return std::nullopt;
      date = std::to_string(article_.published->year() - (match.str() == "last year" ? 1 : 0));
    }
    const Result<PartialDate> parsed = PartialDate::parse(date);
    if (!parsed.is_ok()) return std::nullopt;
    last_date_ = parsed.value();
    return std::make_pair(parsed.value(), start + static_cast<std::size_t>(match.position(0)));
  }

  // The organization a clause speaks of: one named in it, else "the bloc", "the
  // alliance", "the organization"… standing for the last one named.
  std::optional<std::size_t> organization_in(const std::vector<Mention>& named, std::size_t start,
                                             std::size_t end) const {
    for (const Mention& mention : named) {
      if (mention.start >= start && mention.end <= end &&
          known(mention.known).kind == EntityKind::kOrganization) {
        return mention.known;
      }
    }
    static const std::regex anaphor(
        R"(\b[Tt]he (?:[\w-]+ )*(?:bloc|alliance|organi[sz]ation|union|grouping|pact|council|community|commonwealth)\b)");
    const std::string clause(text_.substr(start, end - start));
    if (last_organization_ && std::regex_search(clause, anaphor)) return last_organization_;
    return std::nullopt;
  }

  void add_fact(Fact fact, std::size_t quote_start, std::size_t quote_end) {
    while (quote_start < quote_end && text_[quote_start] == ' ') ++quote_start;
    while (quote_end > quote_start && (text_[quote_end - 1] == ' ' || text_[quote_end - 1] == ',' ||
                                       text_[quote_end - 1] == '.')) {
      --quote_end;
    }
    Citation citation{article_.source_id,
                      std::string(text_.substr(quote_start, quote_end - quote_start)), quote_start,
                      quote_end};
    const std::string identity = fact_identity(fact);
    const auto [it, inserted] = fact_positions_.emplace(identity, facts_.size());
    if (!inserted) {
      facts_[it->second].sources.push_back(std::move(citation));
      return;
    }
    fact.sources.push_back(std::move(citation));
    facts_.push_back(std::move(fact));
  }

  Fact membership(std::size_t member, std::size_t organization, MembershipStatus status) {
    used_.insert(member);
    used_.insert(organization);
    Fact fact;
    fact.subject = EntityId{known(member).id};
    fact.relation = Relation::kMemberOf;
    fact.object = EntityId{known(organization).id};
    if (status != MembershipStatus::kFull) fact.status = status;
    return fact;
  }

  void read_sentence(std::size_t start, std::size_t end) {
    const std::vector<Mention> named = mentions(start, end);
    const std::string sentence(text_.substr(start, end - start));
    const auto absolute = [start](std::size_t relative) { return start + relative; };
    const auto states_in = [&](std::size_t from, std::size_t to) {
      std::vector<const Mention*> found;
      for (const Mention& mention : named) {
        if (mention.start >= from && mention.end <= to &&
            known(mention.known).kind == EntityKind::kState) {
          found.push_back(&mention);
        }
      }
      return found;
    };
    // A negation in the few words before a verb: "is not", "has never", "no longer".
    const auto negated_before = [&](std::size_t position) {
      const std::size_t from = position > start + 24 ? position - 24 : start;
      static const std::regex negation(R"(\b(?:not|never|no longer)\b|n't\b)");
      return std::regex_search(std::string(text_.substr(from, position - from)), negation);
    };
    static const std::regex hedge(
        R"(\b(?:plans?|planning|wants?|hopes?|seeks?|considering|could|may|might|would|intends?) (?:to )?(?:join|become)\b)");
    const bool hedged = std::regex_search(sentence, hedge);

    // Dated events, one per verb: the entity named before it, the date around it.
    static const std::regex event_verb(
        R"(\b(?:(?:was|were|had been|has been) )?(signed|established|founded|created|set up|formed|launched|dissolved|disbanded|abolished)\b|\b(entered|came) into force\b)");
    {
      std::size_t clause_start = 0;
      for (auto it = std::sregex_iterator(sentence.begin(), sentence.end(), event_verb);
           it != std::sregex_iterator(); ++it) {
        const std::size_t verb = static_cast<std::size_t>(it->position(0));
        const std::size_t verb_end = verb + static_cast<std::size_t>(it->length(0));
        auto next = std::next(it);
        const std::size_t clause_end = next == std::sregex_iterator()
                                           ? sentence.size()
                                           : static_cast<std::size_t>(next->position(0));
        const std::string word = (*it)[1].matched ? (*it)[1].str() : "entered";
        Relation relation = Relation::kEstablished;
        if (word == "signed") relation = Relation::kSigned;
        if (word == "entered") relation = Relation::kEnteredIntoForce;
        if (word == "dissolved" || word == "disbanded" || word == "abolished")
          relation = Relation::kDissolved;
        // The subject: the last entity named between the previous verb and this one.
        constexpr std::size_t kNone = static_cast<std::size_t>(-1);
        std::size_t subject_index = kNone;
        for (const Mention& mention : named) {
          if (mention.start >= absolute(clause_start) && mention.end <= absolute(verb)) {
            subject_index = mention.known;
          }
        }
        if (subject_index == kNone) {
          subject_index =
              organization_in({}, absolute(clause_start), absolute(verb)).value_or(kNone);
        }
        const auto date = date_in(absolute(verb_end), absolute(clause_end));
        const bool dated_entity =
            subject_index != kNone && (known(subject_index).kind == EntityKind::kOrganization ||
                                       known(subject_index).kind == EntityKind::kTreaty);
        if (dated_entity && date && !negated_before(absolute(verb))) {
          Fact fact;
          fact.subject = EntityId{known(subject_index).id};
          fact.relation = relation;
          fact.date = date->first;
          used_.insert(subject_index);
          // The quote: from the subject (or the verb) to the end of the date words.
          std::size_t quote_start = absolute(verb);
          for (const Mention& mention : named) {
            if (mention.known == subject_index && mention.start < absolute(verb) &&
                mention.start >= absolute(clause_start)) {
              quote_start = mention.start;
            }
          }
          add_fact(std::move(fact), quote_start,
                   std::min(absolute(clause_end), date_end(date->second, absolute(clause_end))));
        }
        clause_start = verb_end;
      }
    }

    // Member lists, present tense: "X, which is comprised of A, B and C", "X's members
    // are A and B", "A, B and C are members of X", "member states A, B…".
    if (!hedged) {
      static const std::regex list_after(
          R"((?:,? (?:which|that) (?:is|are) (?:comprised|composed|made up) of|,? (?:which|that) (?:comprises|consists of|includes|brings together)|,? whose (?:members|member states|member countries) (?:are|include)|(?:'s|’s) (?:members|member states|member countries) (?:are|include)|\b(?:its )?member (?:states|countries)(?: are| include|,)?) )");
      std::smatch match;
      std::string::const_iterator search_from = sentence.begin();
      while (std::regex_search(search_from, sentence.cend(), match, list_after)) {
        const std::size_t trigger =
            static_cast<std::size_t>(match.position(0) + (search_from - sentence.begin()));
        const std::size_t list_start = trigger + static_cast<std::size_t>(match.length(0));
        const auto organization = last_org_before(named, absolute(trigger));
        const auto listed =
            consecutive_states(states_in(absolute(list_start), end), absolute(list_start));
        if (organization && !listed.empty() && !negated_before(absolute(trigger) + 8)) {
          for (const Mention* state : listed) {
            Fact fact = membership(state->known, *organization, MembershipStatus::kFull);
            fact.validity.at = article_.published;
            add_fact(std::move(fact), absolute(trigger) + (sentence[trigger] == ',' ? 1 : 0),
                     listed.back()->end);
          }
        }
        search_from = sentence.begin() + static_cast<std::ptrdiff_t>(list_start);
      }
      static const std::regex list_before(
          R"( (?:are|remain) (?:all )?(?:full )?(?:members|member states) of )");
      if (std::regex_search(sentence, match, list_before)) {
        const std::size_t trigger = static_cast<std::size_t>(match.position(0));
        const std::size_t after = trigger + static_cast<std::size_t>(match.length(0));
        const auto organization = organization_in(named, absolute(after), end);
        auto listed = states_in(start, absolute(trigger));
        if (organization && !listed.empty() && !negated_before(absolute(after))) {
          for (const Mention* state : listed) {
            Fact fact = membership(state->known, *organization, MembershipStatus::kFull);
            fact.validity.at = article_.published;
            add_fact(std::move(fact), listed.front()->start, absolute(after) + 0);
          }
        }
      }
    }

    // One state's change of status: joins, departures, suspensions, observers, partners,
    // applications, with the date when given.
    if (!hedged) {
      struct Change {
        const char* pattern;
        MembershipStatus status;
        bool ends;           // the membership ends at the date
        bool present_tense;  // holds at the publication date when no date is given
      };
      static const Change changes[] = {
          {R"(\b(?:re)?joined\b|\bbecame (?:a )?(?:full )?member (?:state )?of\b|\bacceded to\b|\bwas admitted (?:to|into)\b|\bis (?:a )?(?:full )?member (?:state )?of\b|\brestored its membership (?:in|of)\b|\breturned to\b)",
           MembershipStatus::kFull, false, true},
          {R"(\bwithdrew from\b|\bleft\b|\bquit\b|\bpulled out of\b|\bexited\b)",
           MembershipStatus::kFull, true, false},
          {R"(\bsuspended its (?:membership|participation)\b|\bfroze its (?:membership|participation)\b|\bhas frozen its (?:membership|participation)\b)",
           MembershipStatus::kSuspended, false, true},
          {R"(\b(?:is|became|has become|was granted|has been granted|received|obtained|gained) (?:an? )?observer\b|\bobserver status\b)",
           MembershipStatus::kObserver, false, true},
          {R"(\b(?:is|became|has become) (?:a )?partner\b|\bpartner status\b)",
           MembershipStatus::kPartner, false, true},
          {R"(\bapplied (?:to join|for membership)\b|\bhas applied\b)",
           MembershipStatus::kApplicant, false, true},
      };
      // Compiled once (thread-safe static initialization): regexes are costly to build.
      static const std::vector<std::regex> compiled = [] {
        std::vector<std::regex> patterns;
        for (const Change& change : changes) patterns.emplace_back(change.pattern);
        return patterns;
      }();
      for (std::size_t which = 0; which < std::size(changes); ++which) {
        const Change& change = changes[which];
        const std::regex& pattern = compiled[which];
        std::smatch match;
        if (!std::regex_search(sentence, match, pattern)) continue;
        const std::size_t verb = absolute(static_cast<std::size_t>(match.position(0)));
        if (negated_before(verb + static_cast<std::size_t>(match.length(0)))) continue;
        const std::size_t verb_end = verb + static_cast<std::size_t>(match.length(0));
        const auto subjects = states_in(start, verb);
        const auto organization = organization_in(named, verb_end, end).has_value()
                                      ? organization_in(named, verb_end, end)
                                      : organization_in(named, start, verb);
        if (subjects.empty() || !organization) continue;
        const Mention* subject = subjects.back();
        const auto date = date_in(verb_end, end);
        const std::string verb_text(text_.substr(verb, verb_end - verb));
        Fact fact = membership(subject->known, *organization, change.status);
        if (date && change.ends) {
          fact.validity.until = date->first;
        } else if (date) {
          fact.validity.from = date->first;
        } else if (change.present_tense &&
                   (verb_text.starts_with("is ") || verb_text.starts_with("has ")) &&
                   article_.published) {
          fact.validity.at = article_.published;
        } else {
          continue;  // a past change with no date says too little
        }
        const std::size_t quote_end = date ? date_end(date->second, end) : verb_end;
        std::size_t organization_end = verb_end;
        for (const Mention& mention : named) {
          if (mention.known == *organization && mention.start >= verb_end) {
            organization_end = mention.end;
            break;
          }
        }
        add_fact(std::move(fact), subject->start, std::max(quote_end, organization_end));
        break;  // one change per sentence: the first pattern that fits
      }
    }

    for (const Mention& mention : named) {
      if (known(mention.known).kind == EntityKind::kOrganization)
        last_organization_ = mention.known;
    }
  }

  // The end of the date expression starting at `at` (its digits or words).
  std::size_t date_end(std::size_t at, std::size_t limit) const {
    static const std::regex date_words(
        R"(^(?:\d{1,2} \w+,? \d{4}|\w+ \d{1,2}, \d{4}|\w+ \d{4}|\d{4}|\w+ years? \w+|the same year|last year|this year))");
    std::smatch match;
    const std::string rest(text_.substr(at, limit - at));
    if (std::regex_search(rest, match, date_words))
      return at + static_cast<std::size_t>(match.length(0));
    return limit;
  }

  std::optional<std::size_t> last_org_before(const std::vector<Mention>& named,
                                             std::size_t before) const {
    std::optional<std::size_t> found;
    for (const Mention& mention : named) {
      if (mention.end <= before && known(mention.known).kind == EntityKind::kOrganization)
        found = mention.known;
    }
    if (!found) return last_organization_;
    return found;
  }

  static const std::regex& list_separator() {
    static const std::regex separator(R"(,? (?:and |as well as )?(?:the )?|, )");
    return separator;
  }

  // The states that form a list starting at `from`: separated only by ", ", " and ",
  // ", and " (or " or ").
  std::vector<const Mention*> consecutive_states(const std::vector<const Mention*>& states,
                                                 std::size_t from) const {
    std::vector<const Mention*> list;
    std::size_t expected = from;
    for (const Mention* state : states) {
      const std::string gap(text_.substr(expected, state->start - expected));
      const bool joins = list.empty()
                             ? gap.find_first_not_of(' ') == std::string::npos || gap == "the "
                             : std::regex_match(gap, list_separator());
      if (!joins) break;
      list.push_back(state);
      expected = state->end;
    }
    return list;
  }

  Document finish() {
    Document document;
    Source source;
    source.id = article_.source_id;
    source.title = article_.title;
    source.publisher = article_.publisher;
    source.published = article_.published;
    source.url = article_.url;
    document.sources.push_back(std::move(source));
    for (const std::size_t index : used_) {
      const Known& entity = known(index);
      if (entity.in_knowledge_base) continue;
      Entity proposed;
      proposed.id.value = entity.id;
      proposed.kind = entity.kind;
      proposed.name = entity.name;
      proposed.aliases = entity.aliases;
      if (entity.iso3166) proposed.codes.push_back(Code{"iso3166", *entity.iso3166, false});
      document.entities.push_back(std::move(proposed));
    }
    std::sort(document.entities.begin(), document.entities.end(),
              [](const Entity& a, const Entity& b) { return a.id < b.id; });
    // "X Organization" named beside the treaty "X": the organization rests on it.
    for (const std::size_t org : used_) {
      for (const std::size_t treaty : used_) {
        if (known(org).kind == EntityKind::kOrganization &&
            known(treaty).kind == EntityKind::kTreaty &&
            (known(org).name == known(treaty).name + " Organization" ||
             known(org).name == known(treaty).name + " Organisation")) {
          Fact fact;
          fact.subject = EntityId{known(org).id};
          fact.relation = Relation::kBasedOn;
          fact.object = EntityId{known(treaty).id};
          const std::size_t at = text_.find(known(org).name);
          if (at != std::string_view::npos)
            add_fact(std::move(fact), at, at + known(org).name.size());
        }
      }
    }
    document.facts = std::move(facts_);
    return document;
  }

  const std::string_view text_;
  const ArticleInfo& article_;
  const std::vector<Known>& known_;
  const std::unordered_map<std::string, std::vector<std::pair<std::string, std::size_t>>>& names_;
  std::vector<Known> local_;
  std::vector<std::pair<std::string, std::size_t>> local_names_;
  std::optional<std::size_t> last_organization_;
  std::optional<PartialDate> last_date_;
  std::set<std::size_t> used_;
  std::vector<Fact> facts_;
  std::map<std::string, std::size_t> fact_positions_;
};

}  // namespace

Document Extractor::extract(std::string_view text, const ArticleInfo& article) const {
  return Reader(text, article, gazetteer_->known, gazetteer_->by_first_word).run();
}

}  // namespace orgkg
