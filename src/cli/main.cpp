// orgkg: the command-line tool. It parses arguments, opens the knowledge base, calls the
// library and prints; no query logic lives here. Exit codes: 0 success (an empty answer
// included), 1 the environment failed (I/O), 2 bad input or usage.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <malloc.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/check.h"
#include "orgkg/cow.h"
#include "orgkg/export.h"
#include "orgkg/extract.h"
#include "orgkg/load.h"
#include "orgkg/names.h"
#include "orgkg/path.h"
#include "orgkg/query.h"
#include "orgkg/render.h"
#include "orgkg/report.h"
#include "orgkg/search.h"
#include "orgkg/store.h"
#include "orgkg/timeline.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitEnvironment = 1;
constexpr int kExitBadInput = 2;
constexpr std::size_t kMaxErrorsShown = 20;

// Every option any command takes; each command registers the ones it uses.
struct Options {
  std::vector<std::string> names;  // positional entity names (or the search text)
  std::string at;
  bool all = false;
  std::string format = "table";
  std::string status;
  bool count = false;
  std::size_t limit = 10;
  bool strict = false;
  bool dry_run = false;
  std::vector<std::string> files;
  std::string output;
  std::string layout = "dot";
  std::string title;
  std::string diagram_format;
  std::string source_id;
  std::string published;
  bool explain = false;
  std::string publisher;
  std::string url;
  std::string states_file;
  std::string igos_file;
  orgkg::ReadLimits limits;
  bool no_snapshot = false;
  std::size_t max_article_bytes = std::size_t{1} << 24;  // 16 MiB
};

// How a command treats time when neither --at nor --all is given.
enum class DefaultDate { kToday, kAllTime };

int fail(int code, const std::string& message) {
  std::cerr << "orgkg: " << message << '\n';
  return code;
}

// A failure that ends the command: the exit code and its one-line message.
struct Failure {
  int code;
  std::string message;
};

void add_format(CLI::App& command, Options& options) {
  command.add_option("--format", options.format, "output format: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
}

void add_dates(CLI::App& command, Options& options, DefaultDate default_date) {
  const char* at_help = default_date == DefaultDate::kToday
                            ? "answer at this date: YYYY, YYYY-MM or YYYY-MM-DD (default: today)"
                            : "only facts that hold at this date: YYYY, YYYY-MM or YYYY-MM-DD "
                              "(default: all time)";
  auto* at = command.add_option("--at", options.at, at_help);
  command.add_flag("--all", options.all, "every fact ever, without answering for a date")
      ->excludes(at);
}

void add_status(CLI::App& command, Options& options) {
  command.add_option("--status", options.status,
                     "only this status: full, associate, observer, partner, suspended, "
                     "applicant");
}

void print_errors(const std::vector<orgkg::DocumentError>& errors) {
  for (std::size_t i = 0; i < errors.size() && i < kMaxErrorsShown; ++i) {
    std::cerr << errors[i].to_string() << '\n';
  }
  if (errors.size() > kMaxErrorsShown) {
    std::cerr << fmt::format("orgkg: … and {} more errors\n", errors.size() - kMaxErrorsShown);
  }
}

class Runner {
 public:
  Runner(std::string kb_dir, Options options)
      : kb_dir_(std::move(kb_dir)), options_(std::move(options)) {}

  // Runs `body` after opening the knowledge base; prints what it returns.
  int run(const std::function<std::string(const orgkg::KnowledgeGraph&)>& body) {
    try {
      if (const int code = open(); code != kExitOk) return code;
      std::cout << body(kb_->graph());
      return exit_code_;
    } catch (const Failure& failure) {
      return fail(failure.code, failure.message);
    }
  }

  orgkg::OutputFormat format() const { return *orgkg::parse_output_format(options_.format); }
  // Makes the command fail (after printing its answer) with exit code 2: bad input.
  void fail_after_output() const { exit_code_ = kExitBadInput; }
  const Options& options() const { return options_; }

  // The date a query is asked at: --at, else --all (none), else the command's default:
  // $ORGKG_TODAY or today, or all time.
  orgkg::DateSelection when(DefaultDate default_date) const {
    if (options_.all) return orgkg::DateSelection{std::nullopt};
    if (!options_.at.empty()) return orgkg::DateSelection{parse_date("--at", options_.at)};
    if (default_date == DefaultDate::kAllTime) return orgkg::DateSelection{std::nullopt};
    if (const char* today = std::getenv("ORGKG_TODAY"); today != nullptr && *today != '\0') {
      return orgkg::DateSelection{parse_date("ORGKG_TODAY", today)};
    }
    return orgkg::DateSelection{orgkg::PartialDate::today()};
  }

  orgkg::MembershipFilter filter() const {
    orgkg::MembershipFilter filter;
    if (!options_.status.empty()) {
      filter.status = orgkg::parse_status(options_.status);
      if (!filter.status) {
        throw Failure{kExitBadInput,
                      fmt::format("--status: unknown membership status '{}'", options_.status)};
      }
    }
    return filter;
  }

  orgkg::EntityIndex entity(const orgkg::KnowledgeGraph& graph, std::size_t position) const {
    orgkg::Result<orgkg::EntityIndex> found =
        orgkg::resolve_entity(graph, options_.names.at(position));
    if (!found.is_ok()) throw Failure{kExitBadInput, found.status().message()};
    return found.value();
  }

 private:
  static orgkg::PartialDate parse_date(const char* what, const std::string& text) {
    orgkg::Result<orgkg::PartialDate> date = orgkg::PartialDate::parse(text);
    if (!date.is_ok())
      throw Failure{kExitBadInput, std::string(what) + ": " + date.status().message()};
    return date.value();
  }

  int open() {
    std::vector<orgkg::DocumentError> errors;
    // The snapshot serves queries under the default limits; other limits are a request to
    // read the documents themselves under them.
    orgkg::OpenOptions open_options;
    open_options.limits = options_.limits;
    open_options.use_snapshot = !options_.no_snapshot && options_.limits == orgkg::ReadLimits{};
    orgkg::Result<std::unique_ptr<orgkg::KnowledgeBase>> kb =
        orgkg::KnowledgeBase::open(kb_dir_, errors, open_options);
    if (kb.is_ok()) {
      kb_ = std::move(kb).value();
      return kExitOk;
    }
    print_errors(errors);
    if (errors.empty()) {
      return fail(kb.status().code() == orgkg::StatusCode::kIo ? kExitEnvironment : kExitBadInput,
                  kb.status().message());
    }
    return kExitBadInput;
  }

  const std::string kb_dir_;
  const Options options_;
  std::unique_ptr<orgkg::KnowledgeBase> kb_;
  mutable int exit_code_ = kExitOk;
};

// Writes `text` to -o, or returns it for standard output.
std::string to_output(const Options& options, std::string text) {
  if (options.output.empty()) return text;
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    throw Failure{kExitBadInput,
                  fmt::format("-o {}: cannot write: {}", options.output, std::strerror(errno))};
  }
  return "";
}

// `render`: the diagram's bytes on standard output, or written to -o (then nothing is
// printed).
std::string render(const Runner& runner, const orgkg::KnowledgeGraph& graph) {
  const Options& options = runner.options();
  std::optional<orgkg::DiagramFormat> format = orgkg::parse_diagram_format(options.diagram_format);
  if (!format && !options.output.empty()) {
    format = orgkg::diagram_format_for(options.output);
    if (!format) {
      throw Failure{
          kExitBadInput,
          fmt::format("-o {}: unknown diagram format '{}'; use .dot, .svg, .png or .pdf "
                      "or --format",
                      options.output, std::filesystem::path(options.output).extension().string())};
    }
  }
  orgkg::DiagramOptions diagram;
  for (std::size_t i = 0; i < options.names.size(); ++i)
    diagram.organizations.push_back(runner.entity(graph, i));
  diagram.when = runner.when(DefaultDate::kToday);
  diagram.layout = *orgkg::parse_diagram_layout(options.layout);
  if (!options.title.empty()) diagram.title = options.title;
  orgkg::Result<std::string> bytes =
      orgkg::render_diagram(graph, diagram, format.value_or(orgkg::DiagramFormat::kDot));
  if (!bytes.is_ok()) {
    throw Failure{
        bytes.status().code() == orgkg::StatusCode::kIo ? kExitEnvironment : kExitBadInput,
        bytes.status().message()};
  }
  return to_output(options, std::move(bytes).value());
}

// `import cow TABLE`: the document on standard output or in -o; a summary on stderr.
std::string import(const Runner& runner, const orgkg::KnowledgeGraph& graph) {
  const Options& options = runner.options();
  if (options.names.at(0) != "cow") {
    throw Failure{kExitBadInput,
                  fmt::format("unknown dataset '{}' (known: cow)", options.names.at(0))};
  }
  orgkg::CowImportOptions cow;
  if (!options.states_file.empty()) cow.states_file = options.states_file;
  if (!options.igos_file.empty()) cow.igos_file = options.igos_file;
  orgkg::Result<orgkg::CowImportResult> imported =
      orgkg::import_cow(options.names.at(1), graph, cow);
  if (!imported.is_ok()) {
    throw Failure{
        imported.status().code() == orgkg::StatusCode::kIo ? kExitEnvironment : kExitBadInput,
        imported.status().message()};
  }
  const orgkg::CowImportResult& result = imported.value();
  std::cerr << fmt::format("orgkg: {} table: {} cells, {} membership intervals, {} new entities\n",
                           result.layout, result.cells, result.memberships,
                           result.document.entities.size());
  return to_output(options, orgkg::write_document(result.document));
}

// `extract`: the document on standard output, or written to -o.
std::string extract(const Runner& runner, const orgkg::KnowledgeGraph& graph) {
  const Options& options = runner.options();
  orgkg::ArticleInfo article;
  if (!orgkg::is_valid_entity_id(options.source_id)) {
    throw Failure{kExitBadInput,
                  fmt::format("--source: invalid id '{}': use lower-case letters, digits, '_', '.' "
                              "and '-', starting with a letter or digit",
                              options.source_id)};
  }
  article.source_id = options.source_id;
  if (!options.published.empty()) {
    orgkg::Result<orgkg::PartialDate> date = orgkg::PartialDate::parse(options.published);
    if (!date.is_ok()) throw Failure{kExitBadInput, "--published: " + date.status().message()};
    article.published = date.value();
  }
  if (!options.title.empty()) article.title = options.title;
  if (!options.publisher.empty()) article.publisher = options.publisher;
  if (!options.url.empty()) article.url = options.url;
  std::error_code size_error;
  const auto size = std::filesystem::file_size(options.names.at(0), size_error);
  if (!size_error && size > options.max_article_bytes) {
    throw Failure{kExitBadInput,
                  fmt::format("{}: {} bytes is more than the limit of {} (--max-article-bytes)",
                              options.names.at(0), size, options.max_article_bytes)};
  }
  orgkg::Result<std::string> text = orgkg::read_file(options.names.at(0));
  if (!text.is_ok()) throw Failure{kExitBadInput, text.status().message()};
  // The parser allocates and clears large tables for every sentence; keeping freed memory
  // in the process instead of returning it to the kernel saves about a tenth of the time.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  orgkg::Result<std::unique_ptr<orgkg::Extractor>> extractor =
      orgkg::Extractor::create(graph);
  if (!extractor.is_ok()) throw Failure{kExitEnvironment, extractor.status().message()};
  orgkg::Extraction extraction = extractor.value()->extract(text.value(), article);
  for (const std::string& notice : extraction.notices) {
    std::cerr << fmt::format("orgkg: {}: {}\n", options.names.at(0), notice);
  }
  if (options.explain) {
    // For the curator: each proposed fact, the sentence it came from and the rule.
    const orgkg::Document& document = extraction.document;
    for (std::size_t i = 0; i < document.facts.size(); ++i) {
      const orgkg::Fact& fact = document.facts[i];
      const orgkg::FactExplanation& why = extraction.explanations.at(i);
      std::string what = fmt::format("{} {}", fact.subject.value, orgkg::relation_name(fact.relation));
      if (fact.object) what += " " + fact.object->value;
      if (fact.status) what += fmt::format(" ({})", orgkg::status_name(*fact.status));
      if (fact.date) what += " date=" + fact.date->to_string();
      if (fact.validity.from) what += " from=" + fact.validity.from->to_string();
      if (fact.validity.until) what += " until=" + fact.validity.until->to_string();
      if (fact.validity.at) what += " at=" + fact.validity.at->to_string();
      std::cerr << fmt::format("fact {}: {}\n  sentence: {}\n  rule: {}\n", i + 1, what,
                               why.sentence, why.rule);
      if (!why.date.empty()) std::cerr << fmt::format("  date: {}\n", why.date);
      if (!fact.sources.empty() && fact.sources.front().quote) {
        std::cerr << fmt::format("  quote [{}, {}): {}\n", *fact.sources.front().offset_start,
                                 *fact.sources.front().offset_end, *fact.sources.front().quote);
      }
    }
  }
  return to_output(options, orgkg::write_document(extraction.document));
}

// The commands: how each registers its options and what it prints.
struct Command {
  const char* name;
  const char* help;
  std::function<void(CLI::App&, Options&)> declare;
  std::function<std::string(const Runner&, const orgkg::KnowledgeGraph&)> answer;
};

std::vector<Command> commands() {
  using orgkg::KnowledgeGraph;
  return {
      {"members", "who belonged to an organization, and when",
       [](CLI::App& c, Options& o) {
         c.add_option("ORG", o.names, "organization: id, name or alias")->required()->expected(1);
         add_dates(c, o, DefaultDate::kToday);
         add_status(c, o);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto org = r.entity(g, 0);
         const auto when = r.when(DefaultDate::kToday);
         const auto filter = r.filter();
         return orgkg::format_members(g, org, when, filter, orgkg::members(g, org, when, filter),
                                      r.format());
       }},
      {"memberships", "which organizations an entity belonged to, and when",
       [](CLI::App& c, Options& o) {
         c.add_option("ENTITY", o.names, "entity: id, name or alias")->required()->expected(1);
         add_dates(c, o, DefaultDate::kToday);
         add_status(c, o);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto entity = r.entity(g, 0);
         const auto when = r.when(DefaultDate::kToday);
         const auto filter = r.filter();
         return orgkg::format_memberships(g, entity, when, filter,
                                          orgkg::memberships(g, entity, when, filter), r.format());
       }},
      {"history",
       "every interval, status change and dated claim of an entity's memberships, "
       "oldest first, with quotes",
       [](CLI::App& c, Options& o) {
         c.add_option("ENTITY ORG", o.names, "entity, and optionally one organization")
             ->required()
             ->expected(1, 2);
         add_dates(c, o, DefaultDate::kAllTime);
         add_status(c, o);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto entity = r.entity(g, 0);
         std::optional<orgkg::EntityIndex> org;
         if (r.options().names.size() > 1) org = r.entity(g, 1);
         const auto when = r.when(DefaultDate::kAllTime);
         const auto filter = r.filter();
         return orgkg::format_history(g, entity, org, when, filter,
                                      orgkg::history(g, entity, org, when, filter), r.format());
       }},
      {"info", "names, codes, dated events and relations of an entity (all facts, or at --at)",
       [](CLI::App& c, Options& o) {
         c.add_option("ENTITY", o.names, "entity: id, name or alias")->required()->expected(1);
         add_dates(c, o, DefaultDate::kAllTime);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto entity = r.entity(g, 0);
         const auto when = r.when(DefaultDate::kAllTime);
         return orgkg::format_profile(g, orgkg::profile(g, entity, when), when, r.format());
       }},
      {"timeline", "an organization's dated events, joins, departures and status changes",
       [](CLI::App& c, Options& o) {
         c.add_option("ORG", o.names, "organization: id, name or alias")->required()->expected(1);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto org = r.entity(g, 0);
         return orgkg::format_timeline(g, org, orgkg::timeline(g, org), r.format());
       }},
      {"common", "entities that belong to all of several organizations",
       [](CLI::App& c, Options& o) {
         c.add_option("ORG", o.names, "two or more organizations")->required()->expected(2, -1);
         add_dates(c, o, DefaultDate::kToday);
         add_status(c, o);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         std::vector<orgkg::EntityIndex> orgs;
         for (std::size_t i = 0; i < r.options().names.size(); ++i) orgs.push_back(r.entity(g, i));
         const auto when = r.when(DefaultDate::kToday);
         const auto filter = r.filter();
         return orgkg::format_common(g, orgs, when, filter,
                                     orgkg::common_members(g, orgs, when, filter), r.format());
       }},
      {"shared", "organizations two entities both belong to (joint membership)",
       [](CLI::App& c, Options& o) {
         c.add_option("A B", o.names, "two entities")->required()->expected(2);
         add_dates(c, o, DefaultDate::kToday);
         add_status(c, o);
         c.add_flag("--count", o.count,
                    "print only the number of organizations both surely belong to");
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto a = r.entity(g, 0);
         const auto b = r.entity(g, 1);
         const auto when = r.when(DefaultDate::kToday);
         const auto filter = r.filter();
         return orgkg::format_shared(g, a, b, when, filter,
                                     orgkg::shared_organizations(g, a, b, when, filter),
                                     r.options().count, r.format());
       }},
      {"path", "the shortest chain of facts linking two entities",
       [](CLI::App& c, Options& o) {
         c.add_option("A B", o.names, "two entities")->required()->expected(2);
         add_dates(c, o, DefaultDate::kToday);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto a = r.entity(g, 0);
         const auto b = r.entity(g, 1);
         const auto when = r.when(DefaultDate::kToday);
         return orgkg::format_path(g, a, b, when, orgkg::connection(g, a, b, when), r.format());
       }},
      {"search", "find entities by id, name or alias, allowing typos, accents and any script",
       [](CLI::App& c, Options& o) {
         c.add_option("TEXT", o.names, "what to look for")->required()->expected(1);
         c.add_option("--limit", o.limit, "at most this many matches (default 10)")
             ->check(CLI::PositiveNumber);
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const std::string& text = r.options().names.at(0);
         return orgkg::format_search(g, text, orgkg::search_entities(g, text, r.options().limit),
                                     r.format());
       }},
      {"check", "validate the whole knowledge base and list its contradictions",
       [](CLI::App& c, Options& o) {
         c.add_flag("--strict", o.strict, "exit 2 when there is any contradiction");
         add_format(c, o);
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const auto found = orgkg::find_contradictions(g);
         if (r.options().strict && !found.empty()) r.fail_after_output();
         return orgkg::format_check(g, found, r.format());
       }},
      {"render", "draw organizations and their members (DOT, SVG, PNG, PDF) with Graphviz",
       [](CLI::App& c, Options& o) {
         c.add_option("ORG", o.names, "one or more organizations")->required();
         add_dates(c, o, DefaultDate::kToday);
         c.add_option("--format", o.diagram_format,
                      "dot, svg, png or pdf (default: from -o's extension, else dot)")
             ->check(CLI::IsMember({"dot", "svg", "png", "pdf"}));
         c.add_option("-o,--output", o.output, "write to this file instead of standard output");
         c.add_option("--layout", o.layout, "Graphviz layout: dot, neato, fdp, circo or twopi")
             ->check(CLI::IsMember({"dot", "neato", "fdp", "circo", "twopi"}));
         c.add_option("--title", o.title, "the diagram's title (default: what and when)");
       },
       [](const Runner& r, const KnowledgeGraph& g) { return render(r, g); }},
      {"extract", "propose the facts an article states, as an orgkg/1 document to review and load",
       [](CLI::App& c, Options& o) {
         c.add_option("ARTICLE", o.names, "the article, as UTF-8 text")->required()->expected(1);
         c.add_option("--source", o.source_id, "the id the article gets as a source")->required();
         c.add_option("--published", o.published,
                      "its publication date: YYYY, YYYY-MM or YYYY-MM-DD (default: a date the "
                      "text states at its top)");
         c.add_option("--title", o.title, "its title");
         c.add_option("--publisher", o.publisher, "its publisher");
         c.add_option("--url", o.url, "its address");
         c.add_option("-o,--output", o.output,
                      "write the document here instead of standard output");
         c.add_flag("--explain", o.explain,
                    "print on standard error, per fact, the sentence and the rule that gave it");
       },
       [](const Runner& r, const KnowledgeGraph& g) { return extract(r, g); }},
      {"import",
       "turn a dataset into an orgkg/1 document: 'import cow TABLE' reads the Correlates of War "
       "IGO v3 data",
       [](CLI::App& c, Options& o) {
         c.add_option("DATASET TABLE", o.names,
                      "the dataset kind (cow) and its table (CSV or CSV.gz)")
             ->required()
             ->expected(2);
         c.add_option("-o,--output", o.output,
                      "write the document here instead of standard output");
         c.add_option("--states", o.states_file, "the COW states.csv (default: beside the table)");
         c.add_option("--igos", o.igos_file, "the COW igos.csv (default: beside the table)");
       },
       [](const Runner& r, const KnowledgeGraph& g) { return import(r, g); }},
      {"export", "the whole knowledge base as GraphML, RDF N-Triples, CSV or orgkg/1 JSON",
       [](CLI::App& c, Options& o) {
         c.add_option("--format", o.diagram_format,
                      "graphml, ntriples, csv or json (default: from -o, else json)")
             ->check(CLI::IsMember({"graphml", "ntriples", "nt", "csv", "json"}));
         c.add_option("-o,--output", o.output, "write here instead of standard output");
         auto* at =
             c.add_option("--at", o.at, "only the facts that hold at this date (and the events)");
         (void)at;
       },
       [](const Runner& r, const KnowledgeGraph& g) {
         const Options& options = r.options();
         std::string format = options.diagram_format;
         if (format.empty() && !options.output.empty()) {
           format = std::filesystem::path(options.output).extension().string();
           if (!format.empty()) format = format.substr(1);
         }
         if (format.empty()) format = "json";
         const auto parsed = orgkg::parse_export_format(format);
         if (!parsed)
           throw Failure{kExitBadInput,
                         fmt::format("-o {}: unknown export format '{}'; use --format",
                                     options.output, format)};
         return to_output(options,
                          orgkg::export_knowledge_base(g, *parsed, r.when(DefaultDate::kAllTime)));
       }},
      {"stats", "counts of entities, facts, statuses and sources, and the date range",
       [](CLI::App& c, Options& o) { add_format(c, o); },
       [](const Runner& r, const KnowledgeGraph& g) { return orgkg::format_stats(g, r.format()); }},
  };
}

// `load`: not a query, so it does not go through Runner; load_documents() opens the
// knowledge base itself, under its lock.
int run_load(const std::string& kb_dir, const Options& options) {
  std::vector<std::filesystem::path> files(options.files.begin(), options.files.end());
  orgkg::LoadOptions load_options;
  load_options.dry_run = options.dry_run;
  load_options.strict = options.strict;
  load_options.limits = options.limits;
  std::vector<orgkg::DocumentError> errors;
  try {
    orgkg::Result<orgkg::LoadResult> result =
        orgkg::load_documents(kb_dir, files, load_options, errors);
    if (!result.is_ok()) {
      print_errors(errors);
      if (errors.empty()) {
        return fail(
            result.status().code() == orgkg::StatusCode::kIo ? kExitEnvironment : kExitBadInput,
            result.status().message());
      }
      return kExitBadInput;
    }
    std::cout << orgkg::format_load(result.value(), options.files, load_options,
                                    *orgkg::parse_output_format(options.format));
    return result->refused ? kExitBadInput : kExitOk;
  } catch (const std::exception& e) {
    return fail(kExitEnvironment, e.what());
  }
}

// A message when the first word that is not an option names no command; CLI11 would
// report it only as a missing subcommand.
std::optional<std::string> unknown_command(const std::vector<Command>& known, int argc,
                                           char** argv) {
  std::vector<std::string_view> names = {"load"};
  for (const Command& command : known) names.emplace_back(command.name);
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--kb" || (arg.starts_with("--max-") && arg.find('=') == std::string_view::npos)) {
      ++i;  // its value
      continue;
    }
    if (arg.starts_with("-")) continue;
    if (std::find(names.begin(), names.end(), arg) != names.end()) return std::nullopt;
    std::string message = fmt::format("unknown command '{}'", arg);
    if (const auto near = orgkg::closest_name(arg, names)) {
      message += fmt::format("; did you mean '{}'?", *near);
    } else {
      message += " (run 'orgkg --help')";
    }
    return message;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"orgkg: a knowledge graph of organizations and their members, with dates."};
  app.require_subcommand(1);
  std::string kb_dir;
  app.add_option("--kb", kb_dir,
                 "knowledge base directory (default: $ORGKG_KB, else the shipped data/)");

  const std::vector<Command> known = commands();
  Options options;
  // Limits on hostile input: every document read, and articles.
  app.add_option("--max-document-bytes", options.limits.max_document_bytes,
                 "largest JSON document read (default 1 GiB)");
  app.add_option("--max-string-bytes", options.limits.max_string_bytes,
                 "longest JSON string (default 65536)");
  app.add_option("--max-items", options.limits.max_items,
                 "most sources, entities and facts in one document (default 10000000)");
  app.add_option("--max-depth", options.limits.max_depth, "deepest JSON nesting (default 32)");
  app.add_option("--max-article-bytes", options.max_article_bytes,
                 "largest article extract reads (default 16 MiB)");
  app.add_flag("--no-snapshot", options.no_snapshot,
               "read the JSON documents, neither reading nor writing the knowledge base's "
               "snapshot (.orgkg-snapshot)");
  std::vector<CLI::App*> parsers;
  for (const Command& command : known) {
    CLI::App* parser = app.add_subcommand(command.name, command.help);
    command.declare(*parser, options);
    parsers.push_back(parser);
  }

  CLI::App* load = app.add_subcommand(
      "load", "validate documents against the knowledge base and add what they bring");
  load->add_option("FILE", options.files, "orgkg/1 documents")->required();
  load->add_flag("--dry-run", options.dry_run, "validate and report, write nothing");
  load->add_flag("--strict", options.strict, "refuse a batch that brings a contradiction");
  add_format(*load, options);

  if (const std::optional<std::string> unknown = unknown_command(known, argc, argv)) {
    return fail(kExitBadInput, *unknown);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help
  } catch (const CLI::ParseError& e) {
    std::string message = e.what();
    if (const auto newline = message.find('\n'); newline != std::string::npos) {
      message.resize(newline);
    }
    return fail(kExitBadInput, message + " (run 'orgkg --help')");
  }

  const std::string kb = kb_dir.empty() ? orgkg::default_knowledge_base_dir().string() : kb_dir;
  if (load->parsed()) return run_load(kb, options);
  Runner runner(kb, options);
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (!parsers[i]->parsed()) continue;
    try {
      return runner.run(
          [&](const orgkg::KnowledgeGraph& graph) { return known[i].answer(runner, graph); });
    } catch (const std::exception& e) {
      return fail(kExitEnvironment, e.what());
    }
  }
  return kExitBadInput;
}
