// orgkg: the command-line tool. It parses arguments, opens the knowledge base, calls the
// library and prints; no query logic lives here. Exit codes: 0 success (an empty answer
// included), 1 the environment failed (I/O), 2 bad input or usage.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "orgkg/names.h"
#include "orgkg/query.h"
#include "orgkg/report.h"
#include "orgkg/store.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitEnvironment = 1;
constexpr int kExitBadInput = 2;
constexpr std::size_t kMaxErrorsShown = 20;

// Options every query shares.
struct QueryOptions {
  std::string name;
  std::string at;
  bool all = false;
  std::string format = "table";
  std::string status;
};

int fail(int code, const std::string& message) {
  std::cerr << "orgkg: " << message << '\n';
  return code;
}

int exit_code_for(const orgkg::Status& status) {
  return status.code() == orgkg::StatusCode::kIo ? kExitEnvironment : kExitBadInput;
}

void add_query_options(CLI::App& command, QueryOptions& options, const char* name_help,
                       bool with_status) {
  command.add_option("NAME", options.name, name_help)->required();
  auto* at = command.add_option(
      "--at", options.at, "answer at this date: YYYY, YYYY-MM or YYYY-MM-DD (default: today)");
  command.add_flag("--all", options.all, "list every fact ever, without answering for a date")
      ->excludes(at);
  command.add_option("--format", options.format, "output format: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  if (with_status) {
    command.add_option("--status", options.status,
                       "only this status: full, associate, observer, partner, suspended, "
                       "applicant");
  }
}

// The date a query is asked at: --at, else --all (none), else $ORGKG_TODAY or today.
orgkg::Result<orgkg::DateSelection> date_selection(const QueryOptions& options) {
  if (options.all) return orgkg::DateSelection{std::nullopt};
  if (!options.at.empty()) {
    orgkg::Result<orgkg::PartialDate> date = orgkg::PartialDate::parse(options.at);
    if (!date.is_ok()) return orgkg::Status::invalid_input("--at: " + date.status().message());
    return orgkg::DateSelection{date.value()};
  }
  if (const char* today = std::getenv("ORGKG_TODAY"); today != nullptr && *today != '\0') {
    orgkg::Result<orgkg::PartialDate> date = orgkg::PartialDate::parse(today);
    if (!date.is_ok())
      return orgkg::Status::invalid_input("ORGKG_TODAY: " + date.status().message());
    return orgkg::DateSelection{date.value()};
  }
  return orgkg::DateSelection{orgkg::PartialDate::today()};
}

// A message when the first word that is not an option names no command; CLI11 would
// report it only as a missing subcommand.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
  std::vector<std::string_view> commands;
  for (const CLI::App* command : app.get_subcommands({})) commands.push_back(command->get_name());
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--kb") {
      ++i;  // its value
      continue;
    }
    if (arg.starts_with("-")) continue;
    if (std::find(commands.begin(), commands.end(), arg) != commands.end()) return std::nullopt;
    std::string message = fmt::format("unknown command '{}'", arg);
    if (const auto near = orgkg::closest_name(arg, commands)) {
      message += fmt::format("; did you mean '{}'?", *near);
    } else {
      message += " (run 'orgkg --help')";
    }
    return message;
  }
  return std::nullopt;
}

class Runner {
 public:
  explicit Runner(std::string kb_dir) : kb_dir_(std::move(kb_dir)) {}

  int members(const QueryOptions& options) { return memberships_query(options, true); }
  int memberships(const QueryOptions& options) { return memberships_query(options, false); }

  int info(const QueryOptions& options) {
    orgkg::Result<orgkg::DateSelection> when = date_selection(options);
    if (!when.is_ok()) return fail(kExitBadInput, when.status().message());
    if (!options.all && options.at.empty()) when = orgkg::DateSelection{std::nullopt};
    if (const int code = open(); code != kExitOk) return code;
    const orgkg::KnowledgeGraph& graph = kb_->graph();
    orgkg::Result<orgkg::EntityIndex> entity = orgkg::resolve_entity(graph, options.name);
    if (!entity.is_ok()) return fail(kExitBadInput, entity.status().message());
    const orgkg::EntityProfile profile = orgkg::profile(graph, *entity, *when);
    std::cout << orgkg::format_profile(graph, profile, *when,
                                       *orgkg::parse_output_format(options.format));
    return kExitOk;
  }

 private:
  int open() {
    std::vector<orgkg::DocumentError> errors;
    orgkg::Result<std::unique_ptr<orgkg::KnowledgeBase>> kb =
        orgkg::KnowledgeBase::open(kb_dir_, errors);
    if (kb.is_ok()) {
      kb_ = std::move(kb).value();
      return kExitOk;
    }
    for (std::size_t i = 0; i < errors.size() && i < kMaxErrorsShown; ++i) {
      std::cerr << errors[i].to_string() << '\n';
    }
    if (errors.size() > kMaxErrorsShown) {
      std::cerr << fmt::format("orgkg: … and {} more errors\n", errors.size() - kMaxErrorsShown);
    }
    if (errors.empty()) return fail(exit_code_for(kb.status()), kb.status().message());
    return kExitBadInput;
  }

  int memberships_query(const QueryOptions& options, bool of_organization) {
    orgkg::Result<orgkg::DateSelection> when = date_selection(options);
    if (!when.is_ok()) return fail(kExitBadInput, when.status().message());
    orgkg::MembershipFilter filter;
    if (!options.status.empty()) {
      filter.status = orgkg::parse_status(options.status);
      if (!filter.status) {
        return fail(kExitBadInput,
                    fmt::format("--status: unknown membership status '{}'", options.status));
      }
    }
    if (const int code = open(); code != kExitOk) return code;
    const orgkg::KnowledgeGraph& graph = kb_->graph();
    orgkg::Result<orgkg::EntityIndex> entity = orgkg::resolve_entity(graph, options.name);
    if (!entity.is_ok()) return fail(kExitBadInput, entity.status().message());
    const orgkg::OutputFormat format = *orgkg::parse_output_format(options.format);
    if (of_organization) {
      const auto rows = orgkg::members(graph, *entity, *when, filter);
      std::cout << orgkg::format_members(graph, *entity, *when, filter, rows, format);
    } else {
      const auto rows = orgkg::memberships(graph, *entity, *when, filter);
      std::cout << orgkg::format_memberships(graph, *entity, *when, filter, rows, format);
    }
    return kExitOk;
  }

  const std::string kb_dir_;
  std::unique_ptr<orgkg::KnowledgeBase> kb_;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"orgkg: a knowledge graph of organizations and their members, with dates."};
  app.require_subcommand(1);
  std::string kb_dir;
  app.add_option("--kb", kb_dir,
                 "knowledge base directory (default: $ORGKG_KB, else the shipped data/)");

  QueryOptions members_options;
  CLI::App* members = app.add_subcommand("members", "who belonged to an organization, and when");
  add_query_options(*members, members_options, "organization: id, name or alias", true);

  QueryOptions memberships_options;
  CLI::App* memberships =
      app.add_subcommand("memberships", "which organizations an entity belonged to, and when");
  add_query_options(*memberships, memberships_options, "entity: id, name or alias", true);

  QueryOptions info_options;
  CLI::App* info = app.add_subcommand(
      "info", "names, codes, dated events and relations of an entity (all facts, or at --at)");
  add_query_options(*info, info_options, "entity: id, name or alias", false);

  if (const std::optional<std::string> unknown = unknown_command(app, argc, argv)) {
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

  Runner runner(kb_dir.empty() ? orgkg::default_knowledge_base_dir().string() : kb_dir);
  try {
    if (members->parsed()) return runner.members(members_options);
    if (memberships->parsed()) return runner.memberships(memberships_options);
    if (info->parsed()) return runner.info(info_options);
  } catch (const std::exception& e) {
    return fail(kExitEnvironment, e.what());
  }
  return kExitBadInput;
}
