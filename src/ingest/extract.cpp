// The extractor: names found by the gazetteer, sentences parsed by link-grammar with each
// name replaced by one proper-noun token, clause rules that turn verbs and their
// arguments into facts, dates resolved against the publication date and the text, and
// references ("the bloc", "it", "the country") resolved to the last entity of the kind a
// rule expects.
#include "orgkg/extract.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>
#include <thread>
#include <unordered_map>

#include "ingest/clauses.h"
#include "ingest/gazetteer.h"
#include "ingest/link_grammar.h"
#include "ingest/news_dates.h"
#include "ingest/text.h"
#include "orgkg/names.h"

namespace orgkg {

using ingest::Clauses;
using ingest::DateContext;
using ingest::DateMention;
using ingest::DateRole;
using ingest::Gazetteer;
using ingest::GazetteerEntry;
using ingest::NameForm;
using ingest::NameMatch;
using ingest::Span;

std::filesystem::path ExtractorFiles::default_gazetteer_dir() {
  if (const char* from_env = std::getenv("ORGKG_GAZETTEER"); from_env && *from_env) {
    return from_env;
  }
  return ORGKG_DEFAULT_GAZETTEER;
}

struct Extractor::Parts {
  Gazetteer gazetteer;
  std::unique_ptr<ingest::LinkGrammarParser> parser;
};

Extractor::Extractor(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::create(const KnowledgeGraph& knowledge_base,
                                                     const ExtractorFiles& files) {
  Result<Gazetteer> gazetteer =
      Gazetteer::load(knowledge_base, files.gazetteer_dir, files.iso_codes_dir);
  if (!gazetteer.is_ok()) return gazetteer.status();
  Result<std::unique_ptr<ingest::LinkGrammarParser>> parser = ingest::LinkGrammarParser::create();
  if (!parser.is_ok()) return parser.status();
  auto parts =
      std::make_unique<Parts>(Parts{std::move(gazetteer.value()), std::move(parser.value())});
  return std::unique_ptr<Extractor>(new Extractor(std::move(parts)));
}

std::optional<std::string> Extractor::id_for_name(std::string_view name) const {
  const auto index = parts_->gazetteer.lookup(name);
  if (!index) return std::nullopt;
  return parts_->gazetteer.entry(*index).id;
}

namespace {

// What a verb or noun means to the rules; inflected forms map to one of these.
enum class Trigger : std::uint8_t {
  kNone,
  kJoin,       // join, rejoin, accede, enter, return: the subject joins the object
  kAdmit,      // admit, accept, readmit, welcome, induct: the subject admits the object
  kFollow,     // "W followed in 2023": W joins what the last join was about
  kLeave,      // withdraw, leave, quit, exit, pull out, secede
  kExpel,      // expel: the subject expels the object
  kSuspend,    // suspend, freeze
  kRestore,    // restore, reinstate, resume, unfreeze, lift (a suspension)
  kApply,      // apply (for membership)
  kBecome,     // become, be, remain + a status noun
  kGrant,      // grant, give, receive, obtain, gain, hold, have + "observer status"
  kComprise,   // include, comprise, consist of, group, unite, bring together, make up
  kFound,      // found, establish, create, set up, form, launch
  kDissolve,   // dissolve, disband, abolish, dismantle, cease (to exist)
  kSign,       // sign
  kInForce,    // enter / come into force, take effect
  kCompletes,  // complete, gain, end… + accession, withdrawal, membership
};

struct TriggerWord {
  const char* word;
  Trigger trigger;
};

const std::unordered_map<std::string, Trigger>& trigger_words() {
  static const std::unordered_map<std::string, Trigger> words = [] {
    std::unordered_map<std::string, Trigger> out;
    const auto add = [&out](Trigger trigger, std::initializer_list<const char*> forms) {
      for (const char* form : forms) out.emplace(form, trigger);
    };
    add(Trigger::kJoin, {"join",     "joins",     "joined",  "joining",   "rejoin",  "rejoins",
                         "rejoined", "rejoining", "accede",  "accedes",   "acceded", "acceding",
                         "enter",    "enters",    "entered", "entering",  "return",  "returns",
                         "returned", "returning", "re-join", "re-joined", "re-joins"});
    add(Trigger::kAdmit,
        {"admit",     "admits",    "admitted", "admitting",  "accept",       "accepts", "accepted",
         "accepting", "readmit",   "readmits", "readmitted", "re-admitted",  "welcome", "welcomes",
         "welcomed",  "welcoming", "induct",   "inducted",   "incorporated", "added"});
    add(Trigger::kFollow, {"followed", "follows", "follow"});
    add(Trigger::kLeave,
        {"withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing", "leave",
         "leaves",   "left",      "leaving",  "quit",      "quits",       "quitting",
         "exit",     "exits",     "exited",   "exiting",   "pulled",      "pull",
         "pulls",    "seceded",   "secede",   "departed"});
    add(Trigger::kExpel, {"expel", "expels", "expelled", "expelling", "ousted", "excluded"});
    add(Trigger::kSuspend, {"suspend", "suspends", "suspended", "suspending", "freeze", "freezes",
                            "froze", "frozen", "freezing"});
    add(Trigger::kRestore,
        {"restore", "restores", "restored", "restoring", "reinstate", "reinstates", "reinstated",
         "resume", "resumes", "resumed", "unfroze", "unfrozen", "lifted", "lift", "lifts"});
    add(Trigger::kApply, {"apply", "applies", "applied", "applying"});
    add(Trigger::kBecome, {"become", "becomes", "became", "becoming", "is", "are", "was", "were",
                           "remain", "remains", "remained", "be", "been", "'s"});
    add(Trigger::kGrant, {"grant", "grants",  "granted",  "give",     "gives",    "gave",
                          "given", "receive", "receives", "received", "obtain",   "obtained",
                          "gain",  "gained",  "hold",     "holds",    "held",     "has",
                          "have",  "had",     "got",      "acquired", "accorded", "awarded"});
    add(Trigger::kComprise,
        {"include",  "includes",  "included", "comprise", "comprises",   "comprised", "consist",
         "consists", "consisted", "groups",   "grouped",  "unites",      "united",    "brings",
         "brought",  "made",      "composed", "counts",   "encompasses", "numbers"});
    add(Trigger::kFound, {"found", "founded", "founds", "establish", "established", "establishes",
                          "create", "created", "creates", "set", "form", "formed", "forms",
                          "launch", "launched", "launches", "inaugurated", "constituted"});
    add(Trigger::kDissolve,
        {"dissolve", "dissolved", "dissolves", "disband", "disbanded", "disbands", "abolish",
         "abolished", "dismantled", "ceased", "ceases", "terminated", "wound"});
    add(Trigger::kSign, {"sign", "signed", "signs", "signing"});
    add(Trigger::kInForce, {"took", "take", "takes", "taken", "came", "come", "comes"});
    add(Trigger::kCompletes,
        {"completed",  "completes",    "complete", "finalized",  "finalised",  "formalized",
         "formalised", "secured",      "won",      "ended",      "ends",       "terminated",
         "renounced",  "relinquished", "began",    "started",    "begun",      "sealed",
         "lodged",     "submitted",    "filed",    "formalizes", "formalises", "gains"});
    return out;
  }();
  return words;
}

// Nouns that name a status of membership, and the status they give.
std::optional<MembershipStatus> status_noun(const std::string& noun) {
  static const std::map<std::string, MembershipStatus> nouns = {
      {"member", MembershipStatus::kFull},         {"members", MembershipStatus::kFull},
      {"observer", MembershipStatus::kObserver},   {"observers", MembershipStatus::kObserver},
      {"partner", MembershipStatus::kPartner},     {"partners", MembershipStatus::kPartner},
      {"associate", MembershipStatus::kAssociate}, {"associates", MembershipStatus::kAssociate},
      {"applicant", MembershipStatus::kApplicant}, {"applicants", MembershipStatus::kApplicant},
      {"candidate", MembershipStatus::kApplicant}, {"candidates", MembershipStatus::kApplicant},
      {"membership", MembershipStatus::kFull},     {"participant", MembershipStatus::kFull},
      {"participants", MembershipStatus::kFull},   {"signatory", MembershipStatus::kFull}};
  const auto it = nouns.find(noun);
  if (it == nouns.end()) return std::nullopt;
  return it->second;
}

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Words that stand for the last organization, treaty or state named.
enum class Wanted : std::uint8_t { kMember, kOrganization, kDated, kState };

bool is_organization_word(const std::string& w) {
  return one_of(w, {"organization",  "organisation", "bloc",        "alliance",   "group",
                    "grouping",      "union",        "club",        "body",       "pact",
                    "community",     "commonwealth", "association", "forum",      "league",
                    "partnership",   "coalition",    "institution", "treaty",     "organizations",
                    "organisations", "blocs",        "alliances",   "council",    "bank",
                    "fund",          "agency",       "conference",  "initiative", "grouping",
                    "zone"});
}

// Words that refer back only to a body whose name has them: "the council" is the Gulf
// Cooperation Council, not any organization.
bool is_name_bound_word(const std::string& w) {
  return one_of(w, {"council", "bank", "fund", "agency", "conference", "initiative", "zone",
                    "league", "forum", "partnership", "community", "commonwealth", "pact"});
}
bool is_state_word(const std::string& w) {
  return one_of(w, {"country", "nation", "state", "republic", "kingdom", "government"});
}

// Verbs over an infinitive or clause that make it a hope, plan, refusal or report, not a
// fact; and modals. ("applied to join" is an application: handled by the join rule.)
bool is_hedge(const std::string& w) {
  static const std::set<std::string> hedges = {
      "will",      "would",       "could",       "may",         "might",       "should",
      "can",       "must",        "shall",       "wo",          "ca",          "hope",
      "hopes",     "hoped",       "hoping",      "plan",        "plans",       "planned",
      "planning",  "want",        "wants",       "wanted",      "seek",        "seeks",
      "sought",    "seeking",     "intend",      "intends",     "intended",    "aim",
      "aims",      "aimed",       "expect",      "expects",     "expected",    "consider",
      "considers", "considered",  "considering", "refuse",      "refused",     "refuses",
      "decline",   "declined",    "declines",    "fail",        "failed",      "fails",
      "threaten",  "threatened",  "threatens",   "propose",     "proposed",    "offer",
      "offered",   "invite",      "invited",     "invitation",  "ask",         "asked",
      "urge",      "urged",       "try",         "tried",       "attempt",     "attempted",
      "prepare",   "prepared",    "preparing",   "wish",        "wishes",      "aspire",
      "aspires",   "aspired",     "push",        "pushed",      "pushing",     "lobby",
      "lobbied",   "need",        "needs",       "set",         "due",         "poised",
      "ready",     "likely",      "unlikely",    "about",       "going",       "vote",
      "voted",     "votes",       "voting",      "deny",        "denied",      "denies",
      "rejected",  "reject",      "dismissed",   "doubt",       "bid",         "bids",
      "chance",    "chances",     "prospect",    "prospects",   "desire",      "eager",
      "keen",      "talks",       "negotiate",   "negotiating", "negotiated",  "discuss",
      "discussed", "mulling",     "weighing",    "if",          "whether",     "unless",
      "decide",    "decided",     "decides",     "agree",       "agreed",      "agrees",
      "announce",  "decision",    "promised",    "pledged",     "vowed",       "considering",
      "allow",     "allowed",     "rumoured",    "rumored",     "reportedly",  "supposed",
      "claims",    "claimed",     "claim",       "report",      "reports",     "reported",
      "rumours",   "rumors",      "alleged",     "allegations", "speculation", "speculated",
      "suggested", "suggestions", "false",       "yet"};
  return hedges.count(w) != 0;
}

// Verbs that report a fact without doubting it: "said that Finland had joined".
bool is_reporting_verb(const std::string& w) {
  return one_of(w, {"said",     "says",       "say",        "stated",    "states",
                    "noted",    "notes",      "added",      "told",      "recalled",
                    "recalls",  "confirmed",  "confirms",   "explained", "wrote",
                    "writes",   "declared",   "announced",  "announces", "reminded",
                    "stressed", "emphasized", "emphasised", "pointed",   "acknowledged"});
}

// A future with a date may be kept ("will join on 1 January 2025"), marked as announced.
bool is_future_modal(const std::string& w) {
  return one_of(w, {"will", "shall", "set", "due", "scheduled"});
}

struct Mention {
  std::size_t start;
  std::size_t end;
  std::size_t entity;  // index: gazetteer entries, then the article's own
  NameForm form;
};

// One fact the rules propose, before it becomes an orgkg Fact.
struct Proposal {
  std::size_t subject;
  Relation relation;
  std::optional<std::size_t> object;
  MembershipStatus status = MembershipStatus::kFull;
  enum class Time : std::uint8_t { kStart, kEnd, kState, kEvent, kUndated } time;
  std::vector<std::size_t> words;  // parse words the quote must cover
  std::string rule;
  bool founding = false;
};

class Reader {
 public:
  Reader(std::string_view text, const ArticleInfo& article, const Gazetteer& gazetteer,
         const ingest::LinkGrammarParser& parser)
      : text_(text), article_(article), gazetteer_(gazetteer), parser_(parser) {}

  Extraction run() {
    Extraction out;
    published_ = article_.published;
    if (!published_) {
      published_ = ingest::find_publication_date(text_);
      if (published_) {
        out.notices.push_back(
            fmt::format("publication date {} read from the text (give --published to override)",
                        published_->to_string()));
      }
    }
    dates_.published = published_;
    if (!ingest::looks_like_english(text_)) {
      out.notices.emplace_back("no English sentences found: nothing extracted");
      out.document = finish();
      return out;
    }
    if (!published_) {
      out.notices.emplace_back(
          "no publication date: present-tense facts and relative dates are left out "
          "(give --published)");
    }
    introduce_organizations();
    if (article_.title) read_title(*article_.title);
    std::vector<SentenceWork> work;
    bool organization_named = last_organization_.has_value() || last_treaty_.has_value();
    for (const Span& whole : ingest::split_sentences(text_)) {
      for (const Span& sentence : ingest::split_clauses(text_, whole)) {
        const bool continuation = sentence.start != whole.start;
        work.push_back(prepare(sentence, organization_named, continuation));
        for (const Mention& mention : work.back().found) {
          organization_named |= entity(mention.entity).kind != EntityKind::kState;
        }
      }
    }
    parse_all(work);
    for (SentenceWork& each : work) read_sentence(each);
    out.document = finish();
    out.explanations = std::move(explanations_);
    if (unparsed_ > 0) {
      out.notices.push_back(fmt::format(
          "{} sentence(s) that may state facts could not be parsed and were skipped", unparsed_));
    }
    return out;
  }

 private:
  // ---- entities -------------------------------------------------------------------

  const GazetteerEntry& entity(std::size_t index) const {
    return index < gazetteer_.size() ? gazetteer_.entry(index) : local_[index - gazetteer_.size()];
  }

  // "Full Name (ACR)" and capitalized "… Organization/Union/Treaty" phrases that the
  // gazetteer does not know: organizations of this article only.
  void introduce_organizations() {
    static const std::regex introduction(
        R"(((?:[A-Z][A-Za-z'’-]+ (?:(?:of|for|and|on|the|in) )*)*(?:Organi[sz]ation|Union|Alliance|Community|Council|Pact|Commonwealth|Association|League|Bank|Forum|Bloc|Partnership|Group|Treaty|Agreement|Initiative|Conference|Cooperation))\s*\(([A-Z][A-Za-z]{1,9})\))");
    const std::string text(text_);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), introduction);
         it != std::sregex_iterator(); ++it) {
      std::string full = (*it)[1].str();
      if (full.starts_with("The ")) full = full.substr(4);
      const std::string acronym = (*it)[2].str();
      if (full.find(' ') == std::string::npos) continue;
      const auto by_name = gazetteer_.lookup(full);
      const auto by_acronym = gazetteer_.lookup(acronym);
      if (by_name) {
        // A known body under a new acronym: the acronym names it in this article.
        if (!by_acronym) local_names_.push_back({acronym, *by_name, true});
        continue;
      }
      if (by_acronym) {
        // "the Commonwealth of the Independent States (CIS)": this wording names it too.
        if (!local_has(full)) local_names_.push_back({full, *by_acronym, false});
        continue;
      }
      if (local_has(full)) continue;
      const EntityKind kind = full.ends_with("Treaty") || full.ends_with("Agreement")
                                  ? EntityKind::kTreaty
                                  : EntityKind::kOrganization;
      local_.push_back(GazetteerEntry{slug(acronym), kind, full, {acronym}, {}, false});
      const std::size_t index = gazetteer_.size() + local_.size() - 1;
      local_names_.push_back({full, index, false});
      local_names_.push_back({acronym, index, true});
    }
    introduce_treaties(text);
    std::sort(local_names_.begin(), local_names_.end(),
              [](const LocalName& a, const LocalName& b) { return a.text.size() > b.text.size(); });
  }

  // "Cooperation Agreement", "Free Trade Agreement": a kind of document, not one treaty.
  static bool is_generic_title(const std::string& name) {
    static const std::set<std::string> generic = {
        "cooperation", "co-operation", "partnership",   "framework",  "trade",      "free",
        "economic",    "strategic",    "comprehensive", "peace",      "security",   "agreement",
        "treaty",      "declaration",  "charter",       "protocol",   "convention", "act",
        "accord",      "accords",      "statute",       "joint",      "final",      "new",
        "basic",       "interim",      "association",   "friendship", "defence",    "defense",
        "mutual",      "military",     "accession",     "the",        "of",         "and",
        "on",          "for"};
    std::size_t start = 0;
    while (start < name.size()) {
      std::size_t end = name.find(' ', start);
      if (end == std::string::npos) end = name.size();
      std::string word = name.substr(start, end - start);
      for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (generic.count(word) == 0) return false;
      start = end + 1;
    }
    return true;
  }

  // Treaties named in the text that the gazetteer does not know: "the Maastricht
  // Treaty", "the ASEAN Charter", "the Treaty on the Eurasian Economic Union", "the
  // Constitutive Act of the African Union", "the Belovezha Accords".
  void introduce_treaties(const std::string& text) {
    static const std::regex before_head(
        R"(\b((?:[A-Z][A-Za-z'’.-]+ )+(?:Treaty|Charter|Statute|Accords?|Convention|Protocol|Declaration|Agreement|Act))\b)");
    static const std::regex head_first(
        R"(\b((?:Treaty|Charter|Convention|Protocol|Declaration|Agreement|Constitutive Act|Statute) (?:of|on|establishing) (?:the )?(?:[A-Z][A-Za-z'’-]+(?: (?:of|and|for|on|the))* ?)+[A-Za-z])\b)");
    for (const std::regex* pattern : {&head_first, &before_head}) {
      for (auto it = std::sregex_iterator(text.begin(), text.end(), *pattern);
           it != std::sregex_iterator(); ++it) {
        std::string name = (*it)[1].str();
        while (!name.empty() && name.back() == ' ') name.pop_back();
        for (const char* article : {"The ", "A ", "In ", "On ", "By ", "Under "}) {
          if (name.starts_with(article)) name = name.substr(std::string_view(article).size());
        }
        if (name.find(' ') == std::string::npos || local_has(name) || is_generic_title(name)) {
          continue;
        }
        if (const auto known = gazetteer_.lookup(name)) {
          (void)known;  // the gazetteer names it already
          continue;
        }
        local_.push_back(GazetteerEntry{slug(name), EntityKind::kTreaty, name, {}, {}, false});
        local_names_.push_back({name, gazetteer_.size() + local_.size() - 1, false});
      }
    }
  }

  static std::string slug(std::string_view name) { return ingest::slug(name); }

  bool local_has(const std::string& name) const {
    return std::any_of(local_names_.begin(), local_names_.end(),
                       [&name](const LocalName& entry) { return entry.text == name; });
  }

  std::vector<Mention> mentions(std::size_t start, std::size_t end) const {
    std::vector<Mention> found;
    for (const NameMatch& match : gazetteer_.find(text_, start, end)) {
      found.push_back(Mention{match.start, match.end, match.entry, match.form});
    }
    for (const LocalName& name : local_names_) {
      for (std::size_t at = text_.find(name.text, start); at != std::string_view::npos && at < end;
           at = text_.find(name.text, at + 1)) {
        const std::size_t after = at + name.text.size();
        if (after > end) break;
        if ((at > 0 && ingest::is_word_byte(text_, at - 1)) ||
            (after < text_.size() && ingest::is_word_byte(text_, after))) {
          continue;
        }
        const bool overlaps = std::any_of(found.begin(), found.end(), [&](const Mention& m) {
          return m.start < after && at < m.end;
        });
        if (overlaps) {
          // The longer name wins: drop the shorter ones it covers.
          const bool longer = std::all_of(found.begin(), found.end(), [&](const Mention& m) {
            return !(m.start < after && at < m.end) || m.end - m.start < name.text.size();
          });
          if (!longer) continue;
          std::erase_if(found, [&](const Mention& m) { return m.start < after && at < m.end; });
        }
        found.push_back(
            Mention{at, after, name.entity, name.acronym ? NameForm::kAcronym : NameForm::kName});
      }
    }
    std::sort(found.begin(), found.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
    return found;
  }

  // The names of `found` that lie within [start, end): the sentence's names are found once.
  static std::vector<Mention> mentions_within(const std::vector<Mention>& found, std::size_t start,
                                              std::size_t end) {
    std::vector<Mention> within;
    for (const Mention& mention : found) {
      if (mention.start >= start && mention.end <= end) within.push_back(mention);
    }
    return within;
  }

  void note_mentions(const std::vector<Mention>& found) {
    for (const Mention& mention : found) {
      if (mention.form == NameForm::kCapital) continue;
      remember(mention.entity);
    }
  }

  void remember(std::size_t index) {
    switch (entity(index).kind) {
      case EntityKind::kOrganization:
        last_organization_ = index;
        break;
      case EntityKind::kTreaty:
        last_treaty_ = index;
        break;
      case EntityKind::kState:
        last_state_ = index;
        break;
      default:
        break;
    }
  }

  void read_title(const std::string& title) {
    // The title is not the text: its names set the subject, nothing is cited from it.
    for (const NameMatch& match : gazetteer_.find(title, 0, title.size())) {
      if (match.form != NameForm::kCapital) remember(match.entry);
    }
  }

  // ---- sentences ------------------------------------------------------------------

  struct WordInfo {
    std::optional<std::size_t> mention;  // index into the sentence's mentions
    std::optional<std::size_t> date;     // index into the sentence's dates
    std::size_t start = 0;               // byte offsets in the text
    std::size_t end = 0;
  };

  // Cheap test before parsing: a word some rule starts from, with the words that rule
  // needs ("is" only with a status noun, "took" only with "effect").
  bool may_state_a_fact(std::size_t start, std::size_t end, const std::vector<Mention>& found,
                        bool organization_named = false) const {
    // Someone to be a member and something to belong to, named or referred to.
    bool organization = false, member = false;
    for (const Mention& mention : found) {
      const EntityKind kind = entity(mention.entity).kind;
      organization |= kind != EntityKind::kState;
      member |= kind == EntityKind::kState || kind == EntityKind::kOrganization;
    }
    const std::size_t names = found.size();
    bool event = false;
    bool strong = false, become = false, grant = false, comprise = false, in_force = false,
         follow = false, status = false, force = false;
    std::size_t i = start;
    while (i < end) {
      if (!ingest::is_word_byte(text_, i)) {
        ++i;
        continue;
      }
      const std::size_t length = ingest::word_length(text_, i, end);
      std::string word(text_.substr(i, length));
      for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      i += std::max<std::size_t>(length, 1);
      if (is_organization_word(word) || one_of(word, {"it", "its", "they", "their"})) {
        organization = true;
        member = true;
      }
      if (is_state_word(word)) member = true;
      if (status_noun(word) || word == "status") status = true;
      if (word == "force" || word == "effect" || word == "effective") force = true;
      if (one_of(word, {"accession", "withdrawal", "admission", "expulsion", "exit"}))
        strong = true;
      const auto it = trigger_words().find(word);
      if (it == trigger_words().end()) continue;
      switch (it->second) {
        case Trigger::kBecome:
          become = true;
          break;
        case Trigger::kGrant:
          grant = true;
          break;
        case Trigger::kComprise:
          comprise = true;
          break;
        case Trigger::kInForce:
          in_force = true;
          break;
        case Trigger::kFollow:
          follow = true;
          break;
        case Trigger::kNone:
          break;
        case Trigger::kFound:
        case Trigger::kDissolve:
        case Trigger::kSign:
          event = true;
          strong = true;
          break;
        default:
          strong = true;
          break;
      }
    }
    // A state's change with the organization left to the text before ("South Africa was
    // added in 2010") is read when an organization has been named.
    const bool state_named = std::any_of(found.begin(), found.end(), [this](const Mention& m) {
      return entity(m.entity).kind == EntityKind::kState;
    });
    // Only short sentences: a long one without an organization rarely states such a
    // change, and parses cost most of extraction's time.
    if (!organization && organization_named && state_named && (strong || status) &&
        end - start < 160) {
      organization = true;
    }
    event |= force;  // "entered into force", "took effect"
    if (!organization || !(member || event)) return false;
    return strong || ((become || grant) && status) || (comprise && (status || names >= 2)) ||
           (in_force && force) || (follow && names >= 1);
  }

  // One sentence on its way through the passes.
  struct SentenceWork {
    Span span;
    std::vector<Mention> found;
    std::vector<DateMention> dates;
    std::string parse_text;         // empty: not worth parsing
    std::vector<std::size_t> back;  // parse byte -> text byte
    std::optional<ingest::ParsedSentence> parsed;
    double parse_seconds = 0;  // for ORGKG_EXTRACT_TRACE
    bool elliptic = false;     // names and a date that repeat the clause before's verb
  };

  // Pass 1, in text order: names, dates (each relative date needs the one before), and
  // the text to parse.
  SentenceWork prepare(const Span& sentence, bool organization_named, bool continuation) {
    SentenceWork work;
    work.span = sentence;
    work.found = mentions(sentence.start, sentence.end);
    for (Mention& mention : work.found) {
      if (entity(mention.entity).kind != EntityKind::kOrganization) continue;
      // "the Commonwealth" after "the Commonwealth of Independent States" is the CIS, not
      // the Commonwealth of Nations: a one-word name is read as the body named before it.
      const std::string_view surface = text_.substr(mention.start, mention.end - mention.start);
      if (surface.find(' ') == std::string_view::npos && mention.form == NameForm::kName) {
        for (auto it = organizations_named_.rbegin(); it != organizations_named_.rend(); ++it) {
          if (*it != mention.entity && contains_word(entity(*it).name, surface)) {
            mention.entity = *it;
            break;
          }
        }
      }
      organizations_named_.push_back(mention.entity);
    }
    work.dates = ingest::find_dates(text_, sentence.start, sentence.end, dates_);
    const bool question = text_[sentence.end - 1] == '?';
    const bool any_reference = !work.found.empty() || organization_named;
    // "…, and Iran in 2023": a clause with names and a date but no verb of its own
    // repeats the verb of the clause before it.
    work.elliptic = continuation && !work.found.empty() && work.dates.size() == 1 &&
                    sentence.end - sentence.start < 60 &&
                    !may_state_a_fact(sentence.start, sentence.end, {}, false);
    if (question || !any_reference ||
        (!work.elliptic &&
         !may_state_a_fact(sentence.start, sentence.end, work.found, organization_named))) {
      return work;
    }
    // The text the parser reads: each name one proper-noun token, typographic quotes
    // plain, and a map from its bytes back to the text's.
    std::size_t next_mention = 0;
    for (std::size_t i = sentence.start; i < sentence.end;) {
      if (next_mention < work.found.size() && work.found[next_mention].start == i) {
        const std::string token = placeholder(next_mention);
        for (std::size_t k = 0; k < token.size(); ++k) work.back.push_back(i);
        work.parse_text += token;
        i = work.found[next_mention].end;
        ++next_mention;
        continue;
      }
      // A parenthesis with no rule's word in it ("(IANS)", "(SCO)", "(1949)") is left
      // out: it only lengthens the parse.
      if (text_[i] == '(') {
        const std::size_t close = text_.find(')', i);
        if (close != std::string_view::npos && close < sentence.end &&
            !may_state_a_fact(i, close, mentions_within(work.found, i, close))) {
          while (next_mention < work.found.size() && work.found[next_mention].start < close) {
            ++next_mention;
          }
          i = close + 1;
          continue;
        }
      }
      const unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c == 0xE2 && i + 2 < sentence.end && static_cast<unsigned char>(text_[i + 1]) == 0x80) {
        const unsigned char third = static_cast<unsigned char>(text_[i + 2]);
        char plain = 0;
        if (third == 0x98 || third == 0x99) plain = '\'';
        if (third == 0x9C || third == 0x9D) plain = '"';
        if (third == 0x93 || third == 0x94) plain = '-';
        if (plain != 0) {
          work.parse_text += plain;
          work.back.push_back(i);
          i += 3;
          continue;
        }
      }
      work.parse_text += (c == '\n' || c == '\r' || c == '\t') ? ' ' : static_cast<char>(c);
      work.back.push_back(i);
      ++i;
    }
    work.back.push_back(sentence.end);
    return work;
  }

  // Pass 3, in text order: the rules, with references resolved against what came before.
  void read_sentence(SentenceWork& work) {
    ++sentence_index_;
    sentence_dates_ = std::move(work.dates);
    if (work.parse_text.empty()) {
      note_mentions(work.found);
      return;
    }
    if (!work.parsed) {
      ++unparsed_;
      note_mentions(work.found);
      return;
    }
    const ingest::ParsedSentence& parsed = *work.parsed;
    if (std::getenv("ORGKG_EXTRACT_TRACE") != nullptr) trace(work);
    Clauses clauses(parsed);
    std::vector<WordInfo> info(parsed.words.size());
    for (std::size_t w = 0; w < parsed.words.size(); ++w) {
      const ingest::ParsedWord& word = parsed.words[w];
      if (word.end <= word.start || word.end > work.parse_text.size()) continue;
      info[w].start = work.back[word.start];
      info[w].end = work.back[word.end];
      for (std::size_t m = 0; m < work.found.size(); ++m) {
        if (info[w].start >= work.found[m].start && info[w].start < work.found[m].end) {
          info[w].mention = m;
          info[w].end = work.found[m].end;
        }
      }
      for (std::size_t d = 0; d < sentence_dates_.size(); ++d) {
        if (info[w].start < sentence_dates_[d].end && sentence_dates_[d].start < info[w].end) {
          info[w].date = d;
        }
      }
    }
    sentence_ = work.span;
    found_ = &work.found;
    clauses_ = &clauses;
    info_ = &info;
    read_clauses();
    if (work.elliptic && last_join_ && last_join_sentence_ + 1 == sentence_index_) read_elliptic();
    note_mentions(work.found);
    clauses_ = nullptr;
    info_ = nullptr;
    found_ = nullptr;
  }

  // For developers (ORGKG_EXTRACT_TRACE=1): the parser's input and links on stderr.
  static void trace(const SentenceWork& work) {
    std::string out = fmt::format("parse ({:.3f} s, {} null): {}\n", work.parse_seconds,
                                  work.parsed->null_count, work.parse_text);
    const auto& words = work.parsed->words;
    for (const ingest::ParsedLink& link : work.parsed->links) {
      out += fmt::format("  {}[{}] -{}- {}[{}]\n", words[link.left].text, link.left, link.label,
                         words[link.right].text, link.right);
    }
    std::fputs(out.c_str(), stderr);
  }

  // Pass 2: the parses, on as many threads as the machine has (they are independent).
  void parse_all(std::vector<SentenceWork>& work) const {
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < work.size(); ++i) {
      if (!work[i].parse_text.empty()) todo.push_back(i);
    }
    // Longest first, so that the threads finish together.
    std::sort(todo.begin(), todo.end(), [&work](std::size_t a, std::size_t b) {
      return work[a].parse_text.size() > work[b].parse_text.size();
    });
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
      for (std::size_t k = next++; k < todo.size(); k = next++) {
        const auto started = std::chrono::steady_clock::now();
        work[todo[k]].parsed = parser_.parse(work[todo[k]].parse_text);
        work[todo[k]].parse_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      }
    };
    const std::size_t threads =
        std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), 4);
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads && t < todo.size(); ++t) pool.emplace_back(worker);
    worker();
    for (std::thread& thread : pool) thread.join();
  }

  static std::string placeholder(std::size_t n) {
    // Capitalized words the dictionary does not know: link-grammar reads them as names.
    std::string token = "Xq";
    token += static_cast<char>('a' + (n / 26) % 26);
    token += static_cast<char>('a' + n % 26);
    return token;
  }

  // ---- references -----------------------------------------------------------------

  // The entities a parse word stands for, of the kind a rule wants: a name, or a word
  // that refers back ("the bloc", "its", "the country").
  std::optional<std::size_t> resolve(std::size_t w, Wanted wanted) const {
    const WordInfo& word = (*info_)[w];
    if (word.mention) {
      const Mention& mention = (*found_)[*word.mention];
      const EntityKind kind = entity(mention.entity).kind;
      if (!fits(kind, wanted)) return std::nullopt;
      return mention.entity;
    }
    // "An association of ten nations, ASEAN, was founded…": the name in apposition.
    for (const char* type : {"MX", "MXs"}) {
      for (const bool right : {true, false}) {
        for (const std::size_t other : clauses_->linked(w, type, right)) {
          const auto m = (*info_)[other].mention;
          if (m && fits(entity((*found_)[*m].entity).kind, wanted) &&
              (*found_)[*m].form != NameForm::kCapital) {
            return (*found_)[*m].entity;
          }
        }
      }
    }
    const std::string& lower = clauses_->lower(w);
    const bool pronoun = one_of(lower, {"it", "its"});
    const bool org_word = is_organization_word(lower);
    const bool state_word = is_state_word(lower);
    if (!pronoun && !org_word && !state_word) return std::nullopt;
    // A common noun refers back only when definite: "the bloc", "this alliance".
    if (!pronoun && !definite(w)) return std::nullopt;
    // A member just named in a fact of this sentence is what "it" and "the country" most
    // likely stand for: "The League suspended Egypt over its treaty with Israel and
    // readmitted it".
    const bool member_wanted = wanted == Wanted::kMember || wanted == Wanted::kState;
    if (member_wanted && (pronoun || state_word) && last_member_ &&
        last_member_sentence_ == sentence_index_ &&
        entity(*last_member_).kind == EntityKind::kState) {
      return last_member_;
    }
    // The latest fitting name before this word in the sentence, else before the sentence.
    std::optional<std::size_t> best;
    for (const Mention& mention : *found_) {
      if (mention.start >= word.start) break;
      if (mention.form == NameForm::kCapital) continue;
      const EntityKind kind = entity(mention.entity).kind;
      if (fits(kind, wanted) && reference_fits(lower, mention.entity)) best = mention.entity;
    }
    if (best) return best;
    const auto fits_last = [&](std::optional<std::size_t> last) -> std::optional<std::size_t> {
      if (last && fits(entity(*last).kind, wanted) && reference_fits(lower, *last)) return last;
      return std::nullopt;
    };
    if (wanted == Wanted::kDated) {
      if (lower == "treaty") return fits_last(last_treaty_);
      if (auto o = fits_last(last_organization_)) return o;
      return fits_last(last_treaty_);
    }
    if (wanted == Wanted::kOrganization) return fits_last(last_organization_);
    if (last_member_ && last_member_sentence_ + 1 == sentence_index_ &&
        entity(*last_member_).kind == EntityKind::kState) {
      return last_member_;
    }
    return fits_last(last_state_);
  }

  bool definite(std::size_t w) const {
    for (const std::size_t d : clauses_->linked(w, "D", false)) {
      if (one_of(clauses_->lower(d), {"the", "this", "that", "these"})) return true;
    }
    // "the Asian bloc": the determiner sits on the noun, adjectives between.
    if (w >= 2 && one_of(clauses_->lower(w - 1), {"the", "this"})) return true;
    if (w >= 3 && one_of(clauses_->lower(w - 2), {"the", "this"})) return true;
    return false;
  }

  bool reference_fits(const std::string& word, std::size_t index) const {
    const EntityKind kind = entity(index).kind;
    if (is_name_bound_word(word) && !contains_word(entity(index).name, word)) return false;
    if (word == "it" || word == "its") return true;
    if (is_state_word(word)) return kind == EntityKind::kState;
    if (word == "treaty" || word == "pact")
      return kind == EntityKind::kTreaty || kind == EntityKind::kOrganization;
    return kind == EntityKind::kOrganization;
  }

  static bool fits(EntityKind kind, Wanted wanted) {
    switch (wanted) {
      case Wanted::kMember:
        return kind == EntityKind::kState || kind == EntityKind::kOrganization;
      case Wanted::kOrganization:
        return kind == EntityKind::kOrganization;
      case Wanted::kDated:
        return kind == EntityKind::kOrganization || kind == EntityKind::kTreaty;
      case Wanted::kState:
        return kind == EntityKind::kState;
    }
    return false;
  }

  // Members named by words: states (or organizations, as the EU in the G20), not capitals
  // unless `capital_ok` (a capital acts for its state as the subject of a decision).
  std::vector<std::size_t> members_of(const std::vector<std::size_t>& words, bool capital_ok,
                                      std::vector<std::size_t>* used_words = nullptr,
                                      int depth = 0) const {
    std::vector<std::size_t> out;
    for (const std::size_t w : words) {
      const WordInfo& word = (*info_)[w];
      if (word.mention && (*found_)[*word.mention].form == NameForm::kCapital && !capital_ok)
        continue;
      if (const auto e = resolve(w, Wanted::kMember)) {
        out.push_back(*e);
        if (used_words) used_words->push_back(w);
        // The parser reads long lists of names as appositions at times ("A, B, C and D"
        // with B hanging from A): the names that follow in a plain list are members too.
        if (word.mention) {
          for (const std::size_t next : list_after((*found_)[*word.mention].end)) {
            if (entity(next).kind != entity(*e).kind) break;
            if (std::find(out.begin(), out.end(), next) == out.end()) out.push_back(next);
          }
        }
      } else if (depth < 3 && is_representative_word(clauses_->lower(w))) {
        // "by the presidents of Russia, China and …", "the heads of state of six countries".
        for (const std::size_t each :
             members_of(prep_objects(w, {"of"}), capital_ok, used_words, depth + 1)) {
          out.push_back(each);
        }
      }
    }
    return out;
  }

  static bool contains_word(std::string_view name, std::string_view word) {
    const std::string folded_name = " " + fold_name(name) + " ";
    return folded_name.find(" " + fold_name(word) + " ") != std::string::npos;
  }

  static bool is_representative_word(const std::string& word) {
    return one_of(word,
                  {"president",       "presidents", "leader",      "leaders",    "head",
                   "heads",           "state",      "minister",    "ministers",  "representative",
                   "representatives", "government", "governments", "delegation", "delegations",
                   "countries",       "states",     "nations",     "republics",  "envoys",
                   "premiers",        "chiefs"});
  }

  std::optional<std::size_t> organization_of(const std::vector<std::size_t>& words,
                                             std::vector<std::size_t>* used_words) const {
    for (const std::size_t w : words) {
      if (const auto e = resolve(w, Wanted::kOrganization)) {
        if (used_words) used_words->push_back(w);
        return e;
      }
    }
    return std::nullopt;
  }

  // ---- rules ----------------------------------------------------------------------

  std::vector<std::size_t> prep_objects(std::size_t w,
                                        std::initializer_list<std::string_view> preps) const {
    std::vector<std::size_t> out;
    for (const auto& [prep, object] : clauses_->preposition_objects(w)) {
      if (std::find(preps.begin(), preps.end(), prep) != preps.end()) out.push_back(object);
    }
    return out;
  }

  // The organization a status noun or verb points to: "member of X", "observer in X",
  // "X's member", "its member" (the last organization).
  std::optional<std::size_t> organization_near(std::size_t noun,
                                               std::vector<std::size_t>& used) const {
    if (auto org = organization_of(prep_objects(noun, {"of", "in", "to", "at", "within"}), &used))
      return org;
    if (const auto owner = clauses_->possessor(noun)) {
      if (auto org = organization_of({*owner}, &used)) return org;
    }
    // "X member states": the name before the noun (AN link).
    for (const std::size_t modifier : clauses_->linked(noun, "AN", false)) {
      if (auto org = organization_of({modifier}, &used)) return org;
    }
    for (const std::size_t modifier : clauses_->linked(noun, "GN", false)) {
      if (auto org = organization_of({modifier}, &used)) return org;
    }
    return std::nullopt;
  }

  // The status a noun gives, refined by its modifiers ("observer status", "dialogue
  // partner", "associate member", "founding member").
  std::optional<MembershipStatus> status_of(std::size_t noun, bool* founding) const {
    std::optional<MembershipStatus> status = status_noun(clauses_->lower(noun));
    const std::string& head = clauses_->lower(noun);
    const bool status_word = head == "status" || head == "state" || head == "states" ||
                             head == "country" || head == "countries" || head == "nation" ||
                             head == "nations";
    for (const char* type : {"A", "AN", "GN", "NM"}) {
      for (const std::size_t modifier : clauses_->linked(noun, type, false)) {
        const std::string& m = clauses_->lower(modifier);
        if (m == "founding" || m == "founder" || m == "original") {
          if (founding) *founding = true;
        }
        if (m == "observer") status = MembershipStatus::kObserver;
        if (m == "associate" || m == "associated") status = MembershipStatus::kAssociate;
        if (m == "candidate") status = MembershipStatus::kApplicant;
        if ((m == "partner" || m == "dialogue") && status != MembershipStatus::kObserver)
          status = MembershipStatus::kPartner;
        if (m == "member" && status_word) status = MembershipStatus::kFull;
        if (m == "full" && status) status = MembershipStatus::kFull;
        if (m == "former" || m == "prospective" || m == "potential" || m == "future" ||
            m == "would-be" || m == "aspiring" || m == "non" || m == "non-member" ||
            m == "possible") {
          return std::nullopt;
        }
      }
    }
    // "the status of (an) observer (state)"
    if (!status && head == "status") {
      for (const std::size_t of : prep_objects(noun, {"of"})) {
        if (of != noun) {
          if (const auto inner = status_of(of, founding)) return inner;
        }
      }
    }
    if (!status && status_word) return std::nullopt;
    return status;
  }

  // Who acts on whom: "Y suspended X" (active: the subject is the organization, the object
  // the member; else a phrase in `active_preps` names the organization) or "X was
  // suspended from Y" (passive: the subject is the member, a phrase in `passive_preps` the
  // organization).
  struct Parties {
    std::optional<std::size_t> organization;
    std::vector<std::size_t> member_words;
  };
  Parties parties(std::size_t w, bool passive,
                  std::initializer_list<std::string_view> passive_preps,
                  std::initializer_list<std::string_view> active_preps,
                  std::vector<std::size_t>& used) const {
    const Clauses& c = *clauses_;
    Parties out;
    if (passive) {
      out.member_words = c.subjects(w);
      out.organization = organization_of(prep_objects(w, passive_preps), &used);
    } else {
      out.organization = organization_of(c.subjects(w), &used);
      out.member_words = c.objects(w);
      if (!out.organization)
        out.organization = organization_of(prep_objects(w, active_preps), &used);
    }
    return out;
  }

  // "India and Pakistan joined the bloc in 2017, and Iran in 2023": each name of the
  // verbless clause joins what the clause before joined, with the date beside it.
  void read_elliptic() {
    for (std::size_t w = 1; w < info_->size(); ++w) {
      const auto m = (*info_)[w].mention;
      if (!m) continue;
      const std::size_t member = (*found_)[*m].entity;
      if (member == last_join_->first || !fits(entity(member).kind, Wanted::kMember) ||
          (*found_)[*m].form == NameForm::kCapital) {
        continue;
      }
      propose(member, last_join_->first, last_join_->second, Proposal::Time::kStart, {w}, w,
              "join (elliptic)", Mood::kFact);
    }
  }

  // Reads every rule's words in the parsed sentence.
  void read_clauses() {
    const Clauses& c = *clauses_;
    for (std::size_t w = 1; w < c.size(); ++w) {
      const auto it = trigger_words().find(c.lower(w));
      if (it != trigger_words().end()) read_trigger(w, it->second);
      const std::string& lower = c.lower(w);
      if (lower == "accession" || lower == "withdrawal" || lower == "membership" ||
          lower == "admission" || lower == "exit" || lower == "suspension" ||
          lower == "expulsion") {
        read_nominal(w);
      }
    }
  }

  // A hedge, a negation or a condition over the verb: the clause states no fact. A
  // future with a date is kept, marked.
  enum class Mood : std::uint8_t { kFact, kAnnounced, kNone, kApplication };
  Mood mood(std::size_t verb) const {
    const Clauses& c = *clauses_;
    if (c.is_negated(verb)) return Mood::kNone;
    Mood result = Mood::kFact;
    for (const std::size_t g : c.governors(verb)) {
      const std::string& word = c.lower(g);
      if (one_of(word, {"applied", "apply", "applies", "application", "applying"})) {
        result = Mood::kApplication;
        continue;
      }
      if (c.is_negated(g)) return Mood::kNone;
      if (is_future_modal(word)) {
        result = Mood::kAnnounced;
        continue;
      }
      if (is_hedge(word)) return Mood::kNone;
      // Any other verb above the infinitive ("take up its invitation to join", "moved to
      // join") makes it that verb's aim, not a fact; auxiliaries do not.
      if (c.is_verb(g) &&
          !one_of(word, {"has", "have", "had", "is", "are", "was", "were", "be", "been", "being",
                         "did", "do", "does", "having"}) &&
          !is_reporting_verb(word)) {
        return Mood::kNone;
      }
    }
    // A condition or question word before the verb in its clause: "if X joins".
    for (std::size_t w = 1; w < verb; ++w) {
      if (one_of(c.lower(w), {"if", "unless", "whether", "once", "should"})) {
        bool comma_between = false;
        for (std::size_t k = w + 1; k < verb; ++k) comma_between |= c.lower(k) == ",";
        if (!comma_between) return Mood::kNone;
      }
    }
    return result;
  }

  // "until now", "so far", "to date": a past tense that describes the present.
  bool until_now(const Span& span) const {
    std::string text(text_.substr(span.start, span.end - span.start));
    for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (const char* phrase : {"until now", "up to now", "so far", "to date", "till now"}) {
      if (text.find(phrase) != std::string::npos) return true;
    }
    return false;
  }

  bool present_perfect(std::size_t verb) const {
    const std::vector<std::size_t> chain = clauses_->verb_chain(verb);
    return chain.size() >= 2 && one_of(clauses_->lower(chain.back()), {"has", "have"});
  }

  bool present_tense(std::size_t verb) const {
    const std::vector<std::size_t> chain = clauses_->verb_chain(verb);
    const std::string& top = clauses_->lower(chain.back());
    return one_of(top, {"is",          "are",     "remains",  "remain",  "has",       "have",
                        "holds",       "hold",    "includes", "include", "comprises", "comprise",
                        "consists",    "consist", "groups",   "unites",  "brings",    "counts",
                        "encompasses", "numbers", "'s"}) ||
           (chain.size() == 1 && one_of(top, {"am"}));
  }

  void read_trigger(std::size_t w, Trigger trigger) {
    const Clauses& c = *clauses_;
    const std::string& word = c.lower(w);
    if (!c.is_verb(w) && trigger != Trigger::kBecome) return;
    const Mood clause_mood = mood(w);
    if (clause_mood == Mood::kNone) return;
    const bool passive = c.is_passive(w);
    switch (trigger) {
      case Trigger::kJoin: {
        if (passive) return;
        if (word.starts_with("enter")) {
          // "entered into force" is an event, not a join.
          for (const std::size_t object : prep_objects(w, {"into"})) {
            if (one_of(c.lower(object), {"force", "effect"})) {
              read_event(w, Trigger::kInForce, passive, clause_mood);
              return;
            }
          }
        }
        std::vector<std::size_t> used{w};
        std::optional<std::size_t> org;
        if (one_of(word.substr(0, 4), {"retu", "acce"})) {
          org = organization_of(prep_objects(w, {"to", "into"}), &used);
        } else {
          org = organization_of(c.objects(w), &used);
          if (!org && word.starts_with("enter")) return;
          if (!org) org = organization_of(prep_objects(w, {"to", "into"}), &used);
        }
        // "X and Z joined in 2017": the organization of the sentence before.
        if (!org && (word.find("join") != std::string::npos || word.starts_with("return")) &&
            c.objects(w).empty()) {
          org = organization_before(w);
        }
        if (!org) return;
        const auto members = members_of(c.subjects(w), true, &used);
        const MembershipStatus status = clause_mood == Mood::kApplication
                                            ? MembershipStatus::kApplicant
                                            : MembershipStatus::kFull;
        for (const std::size_t m : members) {
          if (m == *org) continue;
          propose(m, *org, status, Proposal::Time::kStart, used, w, "join", clause_mood);
        }
        if (!members.empty()) {
          last_join_ = {*org, status};
          last_join_sentence_ = sentence_index_;
        }
        return;
      }
      case Trigger::kFollow: {
        if (!last_join_) return;
        if (passive || !c.linked(w, "MV", true).empty()) {
          // "Brunei joined ASEAN in 1984, followed by Vietnam in 1995, Laos and Myanmar
          // in 1997": each follower with the date beside it.
          for (const std::size_t follower : prep_objects(w, {"by"})) {
            std::vector<std::size_t> used{w};
            for (const std::size_t m : members_of({follower}, false, &used)) {
              if (m == last_join_->first) continue;
              propose(m, last_join_->first, last_join_->second, Proposal::Time::kStart, used,
                      follower, "join (followed by)", clause_mood);
            }
          }
          if (passive) return;
        }
        if (!c.objects(w).empty()) return;  // "followed the talks"
        std::vector<std::size_t> used{w};
        for (const std::size_t m : members_of(c.subjects(w), false, &used)) {
          propose(m, last_join_->first, last_join_->second, Proposal::Time::kStart, used, w,
                  "join (followed)", clause_mood);
        }
        return;
      }
      case Trigger::kAdmit: {
        std::vector<std::size_t> used{w};
        auto [org, member_words] =
            parties(w, passive, {"to", "into", "in", "by"}, {"into", "to"}, used);
        // "Greece was readmitted in 1974", "South Africa was added in 2010", "India was
        // admitted as an observer at the summit": to what the sentence is about.
        if (passive && !org && prep_objects(w, {"to", "into"}).empty() &&
            (word.starts_with("readmit") || word == "added" || !prep_objects(w, {"as"}).empty())) {
          org = organization_before(w);
        }
        MembershipStatus status = MembershipStatus::kFull;
        // "as a member / as an observer (of Y)"
        const std::vector<std::size_t> as = prep_objects(w, {"as"});
        if (word.starts_with("welcom") && as.empty() && prep_objects(w, {"into", "to"}).empty())
          return;
        for (const std::size_t noun : as) {
          bool founding = false;
          if (const auto s = status_of(noun, &founding)) status = *s;
          if (!org) org = organization_near(noun, used);
        }
        if (!org) return;
        for (const std::size_t m : members_of(member_words, false, &used)) {
          if (m == *org) continue;
          propose(m, *org, status, Proposal::Time::kStart, used, w,
                  passive ? "admit (passive)" : "admit", clause_mood);
        }
        return;
      }
      case Trigger::kLeave: {
        if (passive) return;
        std::vector<std::size_t> used{w};
        std::optional<std::size_t> org;
        if (word.starts_with("withdr") || word.starts_with("seced") || word.starts_with("depart")) {
          org = organization_of(prep_objects(w, {"from"}), &used);
        } else if (word.starts_with("pull")) {
          org = organization_of(prep_objects(w, {"out of", "from", "of"}), &used);
        } else {
          org = organization_of(c.objects(w), &used);
          if (!org) org = organization_of(prep_objects(w, {"from"}), &used);
        }
        // "joined GUAM in 1999 and pulled out six years later": the organization of the
        // sentence, when the verb has no object at all.
        if (!org && c.objects(w).empty() && prep_objects(w, {"from", "out of", "of"}).empty() &&
            !word.starts_with("left") && !word.starts_with("leav")) {
          org = organization_before(w);
        }
        if (!org) return;
        for (const std::size_t m : members_of(c.subjects(w), true, &used)) {
          if (m == *org) continue;
          propose(m, *org, MembershipStatus::kFull, Proposal::Time::kEnd, used, w, "leave",
                  clause_mood);
        }
        return;
      }
      case Trigger::kExpel: {
        std::vector<std::size_t> used{w};
        const auto [org, member_words] = parties(w, passive, {"from", "by"}, {"from"}, used);
        if (!org) return;
        for (const std::size_t m : members_of(member_words, false, &used)) {
          if (m == *org) continue;
          propose(m, *org, MembershipStatus::kFull, Proposal::Time::kEnd, used, w, "expel",
                  clause_mood);
        }
        return;
      }
      case Trigger::kSuspend:
      case Trigger::kRestore: {
        const bool restore = trigger == Trigger::kRestore;
        const MembershipStatus status =
            restore ? MembershipStatus::kFull : MembershipStatus::kSuspended;
        const char* rule = restore ? "restore" : "suspend";
        std::vector<std::size_t> used{w};
        // The thing suspended: a membership ("its participation in Y", "X's membership"),
        // or a member ("Y suspended X", "X was suspended from Y").
        const std::vector<std::size_t> patients = passive ? c.subjects(w) : c.objects(w);
        for (const std::size_t patient : patients) {
          const std::string& noun = c.lower(patient);
          const bool membership_noun =
              one_of(noun, {"membership", "participation", "activities", "activity", "status",
                            "suspension", "rights", "seat"});
          if (!membership_noun) continue;
          std::vector<std::size_t> member_words;
          if (const auto owner = c.possessor(patient)) {
            // "X froze its participation": "its" is X.
            if (!passive && one_of(c.lower(*owner), {"its", "their"})) {
              for (const std::size_t subject : c.subjects(w)) member_words.push_back(subject);
            } else {
              member_words.push_back(*owner);
            }
          }
          for (const std::size_t of : prep_objects(patient, {"of"})) member_words.push_back(of);
          if (member_words.empty() && !passive) member_words = c.subjects(w);
          std::optional<std::size_t> org =
              organization_of(prep_objects(patient, {"in", "of", "within", "at", "from"}), &used);
          if (!org) org = organization_of(prep_objects(w, {"in", "from", "within", "at"}), &used);
          if (!org && !passive) {
            // "Y suspended X's membership": the organization acts.
            const auto subjects = c.subjects(w);
            org = organization_of(subjects, &used);
          }
          if (!org && restore) org = organization_before(w);
          if (!org) continue;
          used.push_back(patient);
          // "lifted the suspension of X" restores; "suspended its suspension" is noise.
          if (noun == "suspension" && !restore) continue;
          if (word.starts_with("lift") && noun != "suspension") continue;
          for (const std::size_t m : members_of(member_words, true, &used)) {
            if (m == *org) continue;
            propose(m, *org, status, Proposal::Time::kStart, used, w, rule, clause_mood);
          }
        }
        if (word.starts_with("lift") || word.starts_with("resum")) return;
        // "X was suspended from Y" / "Y suspended X" / "X was reinstated".
        const auto [org, member_words] =
            parties(w, passive, {"from", "by", "in", "to", "as"}, {"from", "in", "to"}, used);
        if (!org) return;
        for (const std::size_t m : members_of(member_words, false, &used)) {
          if (m == *org) continue;
          propose(m, *org, status, Proposal::Time::kStart, used, w, rule, clause_mood);
        }
        return;
      }
      case Trigger::kApply: {
        if (passive) return;
        std::vector<std::size_t> used{w};
        std::optional<std::size_t> org;
        for (const std::size_t noun : prep_objects(w, {"for", "to"})) {
          const std::string& n = c.lower(noun);
          if (n == "membership" || n == "accession" || n == "admission") {
            used.push_back(noun);
            org = organization_near(noun, used);
            if (!org) org = organization_of(prep_objects(noun, {"into", "to"}), &used);
          } else if (!org) {
            org = organization_of({noun}, &used);  // "applied to the EU"
          }
        }
        if (!org) return;
        for (const std::size_t m : members_of(c.subjects(w), true, &used)) {
          if (m == *org) continue;
          propose(m, *org, MembershipStatus::kApplicant, Proposal::Time::kStart, used, w, "apply",
                  Mood::kFact);
        }
        return;
      }
      case Trigger::kBecome:
        read_status_clause(w, clause_mood);
        read_member_list(w, clause_mood);
        return;
      case Trigger::kGrant:
        read_status_grant(w, passive, clause_mood);
        if (one_of(word, {"has", "have", "had"})) read_member_list(w, clause_mood);
        return;
      case Trigger::kComprise:
        read_member_list(w, clause_mood);
        return;
      case Trigger::kFound:
      case Trigger::kDissolve:
      case Trigger::kSign:
      case Trigger::kInForce:
        read_event(w, trigger, passive, clause_mood);
        return;
      case Trigger::kCompletes:
        read_membership_object(w, passive, clause_mood);
        return;
      case Trigger::kNone:
        return;
    }
  }

  // "X completed its accession to Y", "X ended its membership of Y", "X gained membership
  // of Y", "X lodged its application for membership of Y".
  void read_membership_object(std::size_t w, bool passive, Mood clause_mood) {
    const Clauses& c = *clauses_;
    if (passive) return;
    const std::string& word = c.lower(w);
    for (const std::size_t noun : c.objects(w)) {
      const std::string& n = c.lower(noun);
      if (!one_of(n,
                  {"accession", "withdrawal", "membership", "admission", "exit", "application"})) {
        continue;
      }
      std::vector<std::size_t> used{w, noun};
      std::optional<std::size_t> org;
      if (one_of(n, {"withdrawal", "exit"})) {
        org = organization_of(prep_objects(noun, {"from"}), &used);
      } else {
        org = organization_of(prep_objects(noun, {"to", "of", "in", "into", "with"}), &used);
      }
      if (!org) org = organization_of(prep_objects(w, {"to", "of", "in", "into", "from"}), &used);
      // "lodged its application for membership of Y"
      for (const std::size_t inner : prep_objects(noun, {"for"})) {
        if (!org && one_of(c.lower(inner), {"membership", "accession", "admission"})) {
          org = organization_near(inner, used);
        }
      }
      if (!org) continue;
      std::vector<std::size_t> member_words;
      const auto owner = c.possessor(noun);
      if (owner && !one_of(c.lower(*owner), {"its", "their"})) {
        member_words.push_back(*owner);
      } else {
        member_words = c.subjects(w);
      }
      const bool ends = one_of(n, {"withdrawal", "exit"}) ||
                        one_of(word, {"ended", "ends", "terminated", "renounced", "relinquished"});
      const MembershipStatus status =
          n == "application" ? MembershipStatus::kApplicant : MembershipStatus::kFull;
      if (n == "application" && one_of(word, {"began", "started", "completed", "won"})) continue;
      for (const std::size_t m : members_of(member_words, true, &used)) {
        if (m == *org) continue;
        propose(m, *org, status, ends ? Proposal::Time::kEnd : Proposal::Time::kStart, used, w,
                ends ? "membership ended" : "membership begun", clause_mood);
      }
    }
  }

  // The organization named last before word `w` in this sentence, else before it: what an
  // elliptic "rejoined in 2006" or "pulled out six years later" is about.
  std::optional<std::size_t> organization_before(std::size_t w) const {
    std::optional<std::size_t> found;
    for (const Mention& mention : *found_) {
      if (mention.start >= (*info_)[w].start) break;
      if (entity(mention.entity).kind == EntityKind::kOrganization) found = mention.entity;
    }
    return found ? found : last_organization_;
  }

  // "X is / became / remains a member (observer, partner…) of Y"; "X, a member of Y,".
  void read_status_clause(std::size_t w, Mood clause_mood) {
    const Clauses& c = *clauses_;
    if (!c.is_verb(w)) return;
    const std::string& word = c.lower(w);
    const bool become = word.starts_with("bec");
    for (const std::size_t noun : c.objects(w)) {
      bool founding = false;
      const auto status = status_of(noun, &founding);
      if (!status) continue;
      std::vector<std::size_t> used{w, noun};
      std::optional<std::size_t> org = organization_near(noun, used);
      if (!org) org = organization_of(prep_objects(w, {"of", "in", "to"}), &used);
      if (!org) continue;
      Proposal::Time time =
          become ? Proposal::Time::kStart
                 : (present_tense(w) ? Proposal::Time::kState : Proposal::Time::kUndated);
      for (const std::size_t m : members_of(c.subjects(w), !become, &used)) {
        if (m == *org) continue;
        propose(m, *org, *status, time, used, w, become ? "become" : "be", clause_mood, founding);
      }
    }
  }

  // Lists: "its members are A, B and C", "Y comprises A, B and C", "member states
  // include A and B", "Y is made up of A and B", "Y has 10 members: …" is left out.
  void read_member_list(std::size_t w, Mood clause_mood) {
    const Clauses& c = *clauses_;
    if (!c.is_verb(w) && c.lower(w) != "'s") return;
    const std::string& word = c.lower(w);
    std::vector<std::size_t> used{w};
    std::optional<std::size_t> org;
    MembershipStatus status = MembershipStatus::kFull;
    bool founding = false;
    std::vector<std::size_t> member_words;
    const bool made_of = word == "made" || word == "composed" || word.starts_with("consist") ||
                         ((word == "comprised" || word == "formed") && c.is_passive(w));
    if (made_of) {
      org = organization_of(c.subjects(w), &used);
      for (const std::size_t m : prep_objects(w, {"of", "up of"})) member_words.push_back(m);
      if (member_words.empty()) {
        // "made up of": K links "up", which takes "of".
        for (const std::size_t up : c.linked(w, "K", true)) {
          for (const auto& [prep, object] : c.preposition_objects(up))
            member_words.push_back(object);
        }
      }
    } else if (one_of(word, {"has", "have", "had"})) {
      // "Y has nine members: A, B and C" (a list after a colon).
      org = organization_of(c.subjects(w), &used);
      if (!org) return;
      for (const std::size_t noun : c.objects(w)) {
        const auto s = status_of(noun, &founding);
        if (!s) continue;
        status = *s;
        used.push_back(noun);
        const std::size_t colon = text_.find(':', (*info_)[noun].end);
        if (colon == std::string_view::npos || colon >= sentence_.end) continue;
        if (colon > (*info_)[noun].end + 2) continue;
        for (const std::size_t entity_index : list_after(colon + 1)) {
          if (entity_index == *org) continue;
          listed_.push_back(entity_index);
        }
      }
      if (listed_.empty()) return;
    } else {
      const std::vector<std::size_t> subjects = c.subjects(w);
      for (const std::size_t subject : subjects) {
        const auto s = status_of(subject, &founding);
        if (s) {
          status = *s;
          used.push_back(subject);
          org = organization_near(subject, used);
          if (!org) org = last_organization_;
        } else if (!org && (word.starts_with("includ") || word.starts_with("compris") ||
                            word.starts_with("group") || word.starts_with("unite") ||
                            word.starts_with("brings") || word.starts_with("count") ||
                            word.starts_with("encompass"))) {
          org = organization_of({subject}, &used);
        }
      }
      if (!org) return;
      member_words = c.objects(w);
      if (word.starts_with("brings") || word.starts_with("brought")) {
        if (c.linked(w, "K", true).empty()) return;  // "brings together"
      }
      // "are" with a status noun subject: the complement are the members.
    }
    if (!org) return;
    Proposal::Time time = present_tense(w) || until_now(sentence_) ? Proposal::Time::kState
                                                                   : Proposal::Time::kUndated;
    if (founding) time = Proposal::Time::kStart;
    if (made_of && !present_tense(w)) time = Proposal::Time::kUndated;
    std::vector<std::size_t> members = members_of(member_words, false, &used);
    members.insert(members.end(), listed_.begin(), listed_.end());
    listed_.clear();
    for (const std::size_t m : members) {
      if (m == *org) continue;
      propose(m, *org, status, time, used, w, "list", clause_mood, founding);
    }
  }

  // The names listed from byte `from` on: "A, B, and C" (states or organizations), up to
  // the first word that is not a name or a separator.
  std::vector<std::size_t> list_after(std::size_t from) const {
    std::vector<std::size_t> out;
    std::size_t at = from;
    for (const Mention& mention : *found_) {
      if (mention.start < from) continue;
      std::string gap(text_.substr(at, mention.start - at));
      // After a name, the next must follow a comma or "and": "Russia and China".
      if (!out.empty() || text_[from - 1] != ':') {
        const bool separated =
            gap.starts_with(",") || gap.starts_with(" and ") || gap.starts_with(" & ");
        if (!separated && at != from) break;
        if (!separated && text_[from - 1] != ':') break;
      }
      for (const char* separator : {", and ", ", ", " and ", " the ", "and ", "the "}) {
        for (std::size_t k; (k = gap.find(separator)) != std::string::npos;)
          gap.erase(k, std::string_view(separator).size());
      }
      gap.erase(
          std::remove_if(gap.begin(), gap.end(), [](char ch) { return ch == ' ' || ch == ','; }),
          gap.end());
      if (!gap.empty()) break;
      if (!fits(entity(mention.entity).kind, Wanted::kMember) || mention.form == NameForm::kCapital)
        break;
      out.push_back(mention.entity);
      at = mention.end;
    }
    return out;
  }

  // "X was granted observer status in Y", "Y granted X observer status", "X holds
  // observer status", "X received partner status".
  void read_status_grant(std::size_t w, bool passive, Mood clause_mood) {
    const Clauses& c = *clauses_;
    const std::string& word = c.lower(w);
    const bool grant = word.starts_with("grant") || word.starts_with("g") ||
                       word.starts_with("accord") || word.starts_with("award");
    const bool giving = grant && !word.starts_with("gain") && !word.starts_with("got");
    std::vector<std::size_t> objects = c.objects(w);
    // "the status of observer was granted to Moldova": the status is the subject.
    const std::vector<std::size_t> subjects = c.subjects(w);
    if (passive && giving) {
      for (const std::size_t subject : subjects) {
        if (c.lower(subject) == "status") objects.push_back(subject);
      }
    }
    for (const std::size_t noun : objects) {
      if (c.lower(noun) != "status" && !status_noun(c.lower(noun))) continue;
      if (status_noun(c.lower(noun)) && !one_of(word, {"has", "have", "had"})) {
        if (c.lower(noun) != "status") continue;
      }
      bool founding = false;
      const auto status = status_of(noun, &founding);
      if (!status) continue;
      std::vector<std::size_t> used{w, noun};
      std::optional<std::size_t> org = organization_near(noun, used);
      // "observer status in the CSTO's parliamentary assembly": the status has a place of
      // its own that is not the organization; the verb's other phrases do not replace it.
      const bool placed = !prep_objects(noun, {"in", "at", "of", "within"}).empty();
      if (!org && !placed) {
        org = organization_of(prep_objects(w, {"in", "at", "of", "to", "with", "by"}), &used);
      }
      std::vector<std::size_t> member_words;
      if (giving && !passive) {
        if (!org) org = organization_of(c.subjects(w), &used);
        for (const std::size_t other : objects) {
          if (other != noun) member_words.push_back(other);
        }
        for (const std::size_t to : prep_objects(w, {"to"})) member_words.push_back(to);
      } else if (giving && std::find(subjects.begin(), subjects.end(), noun) != subjects.end()) {
        member_words = prep_objects(w, {"to"});
        if (!org) org = organization_before(w);
      } else {
        member_words = c.subjects(w);
      }
      if (!org) continue;
      const Proposal::Time time =
          one_of(word, {"holds", "hold", "has", "have"})
              ? Proposal::Time::kState
              : (one_of(word, {"had", "held"}) ? Proposal::Time::kUndated : Proposal::Time::kStart);
      for (const std::size_t m : members_of(member_words, false, &used)) {
        if (m == *org) continue;
        propose(m, *org, *status, time, used, w, "status granted", clause_mood, founding);
      }
    }
  }

  // Founding, dissolution, signing, entry into force.
  void read_event(std::size_t w, Trigger trigger, bool passive, Mood clause_mood) {
    if (clause_mood != Mood::kFact) return;
    const Clauses& c = *clauses_;
    const std::string& word = c.lower(w);
    std::vector<std::size_t> used{w};
    Relation relation = Relation::kEstablished;
    std::vector<std::size_t> subject_words;
    std::vector<std::size_t> agent_words;
    if (trigger == Trigger::kInForce) {
      // "entered into force", "came into force/effect", "took effect".
      bool in_force = false;
      for (const auto& [prep, object] : c.preposition_objects(w)) {
        if (prep == "into" && one_of(c.lower(object), {"force", "effect"})) in_force = true;
      }
      for (const std::size_t object : c.objects(w)) {
        if (c.lower(object) == "effect" && word.starts_with("t")) in_force = true;
      }
      if (!in_force) return;
      relation = Relation::kEnteredIntoForce;
      subject_words = c.subjects(w);
    } else if (trigger == Trigger::kJoin) {
      return;
    } else if (trigger == Trigger::kDissolve) {
      relation = Relation::kDissolved;
      if (word == "ceased" || word == "ceases") {
        // "ceased to exist"
        bool exist = false;
        for (const std::size_t i : c.linked(w, "TO", true)) {
          for (const std::size_t v : c.linked(i, "I", true)) exist |= c.lower(v) == "exist";
        }
        if (!exist) return;
        subject_words = c.subjects(w);
      } else if (word == "wound") {
        if (c.linked(w, "K", true).empty()) return;  // "wound up"
        subject_words = passive ? c.subjects(w) : c.objects(w);
      } else {
        subject_words = passive ? c.subjects(w) : c.objects(w);
        if (!passive && subject_words.empty()) subject_words = c.subjects(w);
      }
    } else if (trigger == Trigger::kSign) {
      relation = Relation::kSigned;
      if (passive) {
        subject_words = c.subjects(w);
        agent_words = prep_objects(w, {"by"});
      } else {
        subject_words = c.objects(w);
        agent_words = c.subjects(w);
      }
    } else {
      if (word == "set" && c.linked(w, "K", true).empty()) return;  // "set up"
      if (word == "found" && !c.word(w).tag.starts_with("v")) return;
      relation = Relation::kEstablished;
      if (passive) {
        subject_words = c.subjects(w);
        agent_words = prep_objects(w, {"by"});
      } else {
        subject_words = c.objects(w);
        agent_words = c.subjects(w);
      }
    }
    std::optional<std::size_t> subject;
    for (const std::size_t s : subject_words) {
      subject = resolve(s, Wanted::kDated);
      if (subject) {
        used.push_back(s);
        break;
      }
    }
    if (!subject) return;
    if (relation == Relation::kSigned && entity(*subject).kind != EntityKind::kTreaty) return;
    Proposal event{*subject,
                   relation,
                   std::nullopt,
                   MembershipStatus::kFull,
                   Proposal::Time::kEvent,
                   used,
                   event_rule(relation),
                   false};
    const auto date = emit(event, w, Mood::kFact);
    if (!date) return;  // an event is nothing without its date
    if (relation == Relation::kEstablished || relation == Relation::kSigned) {
      founded_.insert_or_assign(*subject, *date);
      // The founders, or the signatories: states named as the agents.
      for (const std::size_t m : members_of(agent_words, false, &used)) {
        if (m == *subject || entity(m).kind != EntityKind::kState) continue;
        Proposal member{
            m,
            relation == Relation::kSigned ? Relation::kSignatoryOf : Relation::kMemberOf,
            *subject,
            MembershipStatus::kFull,
            Proposal::Time::kStart,
            used,
            relation == Relation::kSigned ? "signatory" : "founding member",
            true};
        if (relation == Relation::kEstablished &&
            entity(*subject).kind != EntityKind::kOrganization)
          continue;
        emit(member, w, Mood::kFact);
      }
    }
  }

  static const char* event_rule(Relation relation) {
    switch (relation) {
      case Relation::kEstablished:
        return "founded";
      case Relation::kDissolved:
        return "dissolved";
      case Relation::kSigned:
        return "signed";
      case Relation::kEnteredIntoForce:
        return "entered into force";
      default:
        return "event";
    }
  }

  // "X's accession to Y took effect on …", "the withdrawal of X from Y in 2009".
  void read_nominal(std::size_t noun) {
    const Clauses& c = *clauses_;
    const std::string& n = c.lower(noun);
    // The noun must be the subject of a completion ("took effect", "was completed",
    // "became effective") or carry its own date ("X's accession in 2004").
    bool completed = false;
    for (const std::size_t verb : c.linked(noun, "S", true)) {
      std::string v = c.lower(verb);
      const std::vector<std::size_t> chain_down = c.linked(verb, "P", true);
      for (const std::size_t p : chain_down) v = c.lower(p);
      if (mood(verb) == Mood::kNone) return;
      if (one_of(v, {"took", "takes", "completed", "finalized", "finalised", "formalized",
                     "formalised", "effective", "began", "begins", "came"})) {
        completed = true;
      }
      if (one_of(c.lower(verb), {"took", "takes", "came"})) completed = true;
    }
    if (!completed) return;
    std::vector<std::size_t> used{noun};
    std::vector<std::size_t> member_words;
    if (const auto owner = c.possessor(noun)) member_words.push_back(*owner);
    for (const std::size_t of : prep_objects(noun, {"of"})) member_words.push_back(of);
    std::optional<std::size_t> org;
    if (n == "withdrawal" || n == "exit" || n == "expulsion") {
      org = organization_of(prep_objects(noun, {"from"}), &used);
    } else {
      org = organization_of(prep_objects(noun, {"to", "into", "in", "of"}), &used);
    }
    if (!org) return;
    const bool ends = n == "withdrawal" || n == "exit" || n == "expulsion";
    const MembershipStatus status =
        n == "suspension" ? MembershipStatus::kSuspended : MembershipStatus::kFull;
    for (const std::size_t m : members_of(member_words, false, &used)) {
      if (m == *org) continue;
      Proposal p{m,
                 Relation::kMemberOf,
                 *org,
                 status,
                 ends ? Proposal::Time::kEnd : Proposal::Time::kStart,
                 used,
                 n,
                 false};
      // The date hangs from the verb of completion as often as from the noun.
      emit(p, noun, Mood::kFact);
    }
  }

  void propose(std::size_t member, std::size_t org, MembershipStatus status, Proposal::Time time,
               const std::vector<std::size_t>& used, std::size_t trigger, const char* rule,
               Mood clause_mood, bool founding = false) {
    Proposal p{member, Relation::kMemberOf, org, status, time, used, rule, founding};
    emit(p, trigger, clause_mood);
  }

  // The date mention closest to `trigger` in the parse, within its clause: a path
  // through another verb costs more, so "In 2017 India joined, and Iran in 2023" gives
  // each verb its own date.
  std::optional<std::size_t> date_for(std::size_t trigger) const {
    const Clauses& c = *clauses_;
    std::vector<std::size_t> entry_cost(c.size(), 0);
    const std::vector<std::size_t> chain = c.verb_chain(trigger);
    for (std::size_t w = 1; w < c.size(); ++w) {
      const bool own = std::find(chain.begin(), chain.end(), w) != chain.end();
      if (!own && c.is_verb(w)) entry_cost[w] = 3;
    }
    const std::vector<std::size_t> distance = c.distances_from(trigger, entry_cost);
    std::optional<std::size_t> best;
    std::size_t best_distance = 0;
    std::size_t best_gap = 0;
    for (std::size_t w = 1; w < info_->size(); ++w) {
      const auto d = (*info_)[w].date;
      if (!d) continue;
      const std::size_t gap = w > trigger ? w - trigger : trigger - w;
      if (distance[w] > 8) continue;
      if (!best || distance[w] < best_distance ||
          (distance[w] == best_distance && gap < best_gap)) {
        best = d;
        best_distance = distance[w];
        best_gap = gap;
      }
    }
    return best;
  }

  // Turns a proposal into a fact with its date, quote and explanation; returns the date
  // used, if any.
  std::optional<PartialDate> emit(Proposal p, std::size_t trigger, Mood clause_mood) {
    Fact fact;
    fact.subject = EntityId{entity(p.subject).id};
    fact.relation = p.relation;
    if (p.object) fact.object = EntityId{entity(*p.object).id};
    if (p.relation == Relation::kMemberOf && p.status != MembershipStatus::kFull) {
      fact.status = p.status;
    }
    const std::optional<std::size_t> date_index = date_for(trigger);
    std::optional<DateMention> date;
    if (date_index) date = sentence_dates_[*date_index];
    std::string date_text;
    std::size_t quote_start = (*info_)[trigger].start;
    std::size_t quote_end = (*info_)[trigger].end;
    const auto cover = [&](std::size_t s, std::size_t e) {
      if (e <= s) return;
      quote_start = std::min(quote_start, s);
      quote_end = std::max(quote_end, e);
    };
    if (date) {
      cover(date->start, date->end);
      date_text =
          fmt::format("'{}' -> {}{}", text_.substr(date->start, date->end - date->start),
                      date->date.to_string(), date->how.empty() ? "" : " (" + date->how + ")");
    }
    if (clause_mood == Mood::kAnnounced && (!date || !date->future)) {
      // A future without a date, or with a past one ("would join in 2004"): not a fact.
      if (!date) return std::nullopt;
      if (published_ && !(published_->span().last < date->date.span().first)) return std::nullopt;
    }
    switch (p.time) {
      case Proposal::Time::kEvent:
        if (!date || date->role == DateRole::kUntil) return std::nullopt;
        fact.date = date->date;
        break;
      case Proposal::Time::kStart:
        if (date) {
          if (date->role == DateRole::kUntil) {
            fact.validity.until = date->date;
          } else {
            fact.validity.from = date->date;
            add_range_end(*date_index, fact);
          }
        } else if (present_perfect(trigger) && published_) {
          // "has joined", "has been granted observer status": news of a change, dated by
          // the article.
          fact.validity.from = published_;
          date_text = "present perfect: the publication date " + published_->to_string();
        } else if (p.founding) {
          if (const auto it = founded_.find(*p.object); it != founded_.end()) {
            fact.validity.from = it->second;
            date_text = "the founding date " + it->second.to_string();
          }
        }
        break;
      case Proposal::Time::kEnd:
        if (date) fact.validity.until = date->date;
        break;
      case Proposal::Time::kState:
        if (date && (date->role == DateRole::kSince || date->role == DateRole::kStart)) {
          fact.validity.from = date->date;
          add_range_end(*date_index, fact);
        } else if (date && date->role == DateRole::kUntil) {
          fact.validity.until = date->date;
        } else if (date && !date->future) {
          // "X is a member since…" is kSince; a point date with the present tense
          // ("Today X is a member") is the article's own time.
          fact.validity.at = date->date;
        } else if (published_) {
          fact.validity.at = published_;
          date_text = "the publication date " + published_->to_string();
        } else {
          return std::nullopt;
        }
        break;
      case Proposal::Time::kUndated:
        if (date && date->role == DateRole::kUntil) {
          fact.validity.until = date->date;
        } else if (date && (date->role == DateRole::kStart || date->role == DateRole::kSince)) {
          fact.validity.from = date->date;
          add_range_end(*date_index, fact);
        }
        break;
    }
    if (clause_mood == Mood::kAnnounced) {
      fact.note = "announced before it took effect";
    }
    for (const std::size_t w : p.words) cover((*info_)[w].start, (*info_)[w].end);
    // The quote covers the names of both ends: of each, the mention nearest the trigger
    // (a member read from a list is not among the parse words).
    for (const std::optional<std::size_t>& end_entity :
         {std::optional<std::size_t>(p.subject), p.object}) {
      if (!end_entity) continue;
      const Mention* nearest = nullptr;
      std::size_t nearest_gap = 0;
      const std::size_t at = (*info_)[trigger].start;
      for (const Mention& mention : *found_) {
        if (mention.entity != *end_entity) continue;
        const std::size_t gap = mention.start > at ? mention.start - at : at - mention.start;
        if (nearest == nullptr || gap < nearest_gap) {
          nearest = &mention;
          nearest_gap = gap;
        }
      }
      if (nearest != nullptr) cover(nearest->start, nearest->end);
    }
    used_entities_.insert(p.subject);
    if (p.object) used_entities_.insert(*p.object);
    if (p.relation == Relation::kMemberOf) {
      last_member_ = p.subject;
      last_member_sentence_ = sentence_index_;
    }
    record_wording(p.subject, p.words);
    std::string rule = fmt::format("{}: {} -> {}", p.rule, entity(p.subject).name,
                                   p.object ? entity(*p.object).name : std::string("(event)"));
    const std::optional<PartialDate> used_date =
        fact.date ? fact.date : (fact.validity.from ? fact.validity.from : fact.validity.until);
    add_fact(std::move(fact), quote_start, quote_end, std::move(rule), std::move(date_text));
    return used_date;
  }

  // "from 2006 to 2012": the end of a range after its start.
  void add_range_end(std::size_t date_index, Fact& fact) const {
    if (date_index + 1 < sentence_dates_.size() &&
        sentence_dates_[date_index].role == DateRole::kStart &&
        sentence_dates_[date_index + 1].role == DateRole::kUntil) {
      fact.validity.until = sentence_dates_[date_index + 1].date;
    }
  }

  // The article's own wording of a state, kept as an alias of a proposed entity.
  void record_wording(std::size_t index, const std::vector<std::size_t>& words) {
    if (entity(index).in_knowledge_base) return;
    for (const std::size_t w : words) {
      const auto m = (*info_)[w].mention;
      if (!m) continue;
      const Mention& mention = (*found_)[*m];
      if (mention.entity != index || mention.form != NameForm::kName) continue;
      const std::string wording(text_.substr(mention.start, mention.end - mention.start));
      if (fold_name(wording) != fold_name(entity(index).name)) wordings_[index].insert(wording);
    }
  }

  void add_fact(Fact fact, std::size_t quote_start, std::size_t quote_end, std::string rule,
                std::string date_text) {
    while (quote_start < quote_end && text_[quote_start] == ' ') ++quote_start;
    while (quote_end > quote_start &&
           (text_[quote_end - 1] == ' ' || text_[quote_end - 1] == ',')) {
      --quote_end;
    }
    Citation citation{article_.source_id,
                      std::string(text_.substr(quote_start, quote_end - quote_start)), quote_start,
                      quote_end};
    const std::string identity = fact_identity(fact);
    const auto [it, inserted] = fact_positions_.emplace(identity, facts_.size());
    if (!inserted) {
      auto& sources = facts_[it->second].sources;
      if (std::none_of(sources.begin(), sources.end(), [&](const Citation& existing) {
            return existing.offset_start == citation.offset_start;
          })) {
        sources.push_back(std::move(citation));
      }
      return;
    }
    fact.sources.push_back(std::move(citation));
    facts_.push_back(std::move(fact));
    explanations_.push_back(
        FactExplanation{std::string(text_.substr(sentence_.start, sentence_.end - sentence_.start)),
                        std::move(rule), std::move(date_text)});
  }

  Document finish() {
    Document document;
    Source source;
    source.id = article_.source_id;
    source.title = article_.title;
    source.publisher = article_.publisher;
    source.published = article_.published ? article_.published : published_;
    source.url = article_.url;
    document.sources.push_back(std::move(source));
    std::set<std::string> taken_names;
    for (const std::size_t index : used_entities_) {
      const GazetteerEntry& known = entity(index);
      if (known.in_knowledge_base) continue;
      Entity proposed;
      proposed.id.value = known.id;
      proposed.kind = known.kind;
      proposed.name = known.name;
      std::set<std::string> folded{fold_name(known.name)};
      const auto add_alias = [&](const std::string& alias) {
        if (folded.insert(fold_name(alias)).second) proposed.aliases.push_back(alias);
      };
      for (const std::string& alias : known.aliases) add_alias(alias);
      if (const auto it = wordings_.find(index); it != wordings_.end()) {
        for (const std::string& wording : it->second) add_alias(wording);
      }
      proposed.codes = known.codes;
      document.entities.push_back(std::move(proposed));
    }
    std::sort(document.entities.begin(), document.entities.end(),
              [](const Entity& a, const Entity& b) { return a.id < b.id; });
    document.facts = std::move(facts_);
    return document;
  }

  struct LocalName {
    std::string text;
    std::size_t entity;
    bool acronym;
  };

  const std::string_view text_;
  const ArticleInfo& article_;
  const Gazetteer& gazetteer_;
  const ingest::LinkGrammarParser& parser_;
  std::optional<PartialDate> published_;
  DateContext dates_;
  std::vector<GazetteerEntry> local_;
  std::vector<LocalName> local_names_;
  std::optional<std::size_t> last_organization_;
  std::optional<std::size_t> last_treaty_;
  std::optional<std::size_t> last_state_;
  std::optional<std::pair<std::size_t, MembershipStatus>> last_join_;
  std::size_t last_join_sentence_ = 0;
  std::map<std::size_t, PartialDate> founded_;
  std::set<std::size_t> used_entities_;
  std::map<std::size_t, std::set<std::string>> wordings_;
  std::vector<Fact> facts_;
  std::vector<FactExplanation> explanations_;
  std::map<std::string, std::size_t> fact_positions_;
  std::size_t unparsed_ = 0;
  std::vector<std::size_t> organizations_named_;  // in text order, for one-word names
  std::vector<std::size_t> listed_;               // members read from a list after a colon
  std::optional<std::size_t> last_member_;        // the member of the last membership proposed
  std::size_t last_member_sentence_ = 0;
  std::size_t sentence_index_ = 0;
  // The sentence being read.
  Span sentence_{0, 0};
  std::vector<DateMention> sentence_dates_;
  const std::vector<Mention>* found_ = nullptr;
  const Clauses* clauses_ = nullptr;
  const std::vector<WordInfo>* info_ = nullptr;
};

}  // namespace

Extraction Extractor::extract(std::string_view text, const ArticleInfo& article) const {
  return Reader(text, article, parts_->gazetteer, *parts_->parser).run();
}

}  // namespace orgkg
