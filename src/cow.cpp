#include "orgkg/cow.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "csv_reader.h"
#include "ingest/text.h"
#include "orgkg/names.h"

namespace orgkg {
namespace {

using ingest::slug;  // ids of imported entities are made as extraction makes them

constexpr const char* kSourceId = "cow-igo-v3";

Source dataset_source() {
  Source source;
  source.id = kSourceId;
  source.title =
      "Tracking Organizations in the World: The Correlates of War IGO Version 3.0 Datasets";
  source.publisher = "Journal of Peace Research (Pevehouse, Nordstrom, McManus, Jamison)";
  source.published = *PartialDate::parse("2020");
  source.url = "https://doi.org/10.1177/0022343319881175";
  return source;
}

std::optional<int> as_int(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (*end != '\0') return std::nullopt;
  return static_cast<int>(value);
}

std::optional<std::size_t> column(const internal::CsvRow& header, std::string_view name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

struct StateInfo {
  int ccode;
  std::string name;
};
struct IgoInfo {
  std::string ioname;
  std::string name;
  std::optional<int> start;
  std::optional<int> end;
};

// Entities of the import: matched to the knowledge base, or new with unique names.
class EntityTable {
 public:
  explicit EntityTable(const KnowledgeGraph& kb) : kb_(kb) {
    for (EntityIndex i = 0; i < kb.entity_count(); ++i) {
      for (const Code& code : kb.entity(i).codes) {
        if (code.scheme == "cow") by_code_.emplace(code.value, kb.entity(i).id.value);
      }
    }
  }

  // The id of the entity with this COW code, creating it when the knowledge base has none.
  std::string id_for(const std::string& code, bool numeric, EntityKind kind,
                     const std::string& name, const std::string& alias) {
    if (const auto it = by_code_.find(code); it != by_code_.end()) return it->second;
    if (const auto known = kb_.find_name(name)) {
      if (kb_.entity(*known).kind == kind)
        return by_code_.emplace(code, kb_.entity(*known).id.value).first->second;
    }
    Entity entity;
    entity.kind = kind;
    // The name, unless the knowledge base or the import has it already: then the name
    // with its code ("Georgia (372)").
    entity.name = name;
    if (!claim(entity.name)) {
      entity.name = fmt::format("{} ({})", name, code);
      if (!claim(entity.name)) entity.name = fmt::format("{} (COW {})", name, code);
    }
    std::string id = kind == EntityKind::kState ? slug(name) : "cow-" + slug(code);
    if (id.empty() || kb_.find_id(id) || ids_.count(id) != 0) id = "cow-" + slug(code);
    ids_.insert(id);
    entity.id.value = id;
    if (!alias.empty() && fold_name(alias) != fold_name(entity.name) && claim(alias)) {
      entity.aliases.push_back(alias);
    }
    entity.codes.push_back(Code{"cow", code, numeric});
    created_.push_back(std::move(entity));
    return by_code_.emplace(code, id).first->second;
  }

  std::vector<Entity> take_created() { return std::move(created_); }

 private:
  // Reserves a name's lookup key; false when the knowledge base or the import has it.
  bool claim(const std::string& name) {
    const std::string key = fold_name(name);
    if (kb_.find_name(name) || keys_.count(key) != 0) return false;
    keys_.insert(key);
    return true;
  }

  const KnowledgeGraph& kb_;
  std::unordered_map<std::string, std::string> by_code_;
  std::set<std::string> keys_;
  std::set<std::string> ids_;
  std::vector<Entity> created_;
};

// Runs of one (state, organization) pair as years go by.
class RunTracker {
 public:
  struct Run {
    int status;
    int first;
    int last;
  };
  // Records `code` for `year`; returns a finished run when this year ends one.
  std::optional<Run> see(int year, std::optional<int> code) {
    std::optional<Run> finished;
    const bool member = code && *code >= 1 && *code <= 3;
    if (current_ && (!member || *code != current_->status || current_->last + 1 != year)) {
      finished = current_;
      current_.reset();
    }
    if (member) {
      if (current_) {
        current_->last = year;
      } else {
        current_ = Run{*code, year, year};
      }
    }
    return finished;
  }
  std::optional<Run> close() {
    std::optional<Run> finished = current_;
    current_.reset();
    return finished;
  }

 private:
  std::optional<Run> current_;
};

}  // namespace

Result<CowImportResult> import_cow(const std::filesystem::path& table,
                                   const KnowledgeGraph& knowledge_base,
                                   const CowImportOptions& options) {
  Result<std::vector<internal::CsvRow>> read = internal::read_csv(table);
  if (!read.is_ok()) return read.status();
  std::vector<internal::CsvRow>& rows = read.value();
  if (rows.empty()) return Status::invalid_input(fmt::format("{}: empty file", table.string()));
  const internal::CsvRow header = rows.front();
  CowImportResult result;
  if (header.size() > 2 && header[0] == "ccode" && header[1] == "year") {
    result.layout = "state-year";
  } else if (header.size() > 3 && header[0] == "ioname" && header[2] == "year") {
    result.layout = "igo-year";
  } else {
    return Status::invalid_input(
        fmt::format("{}:1: not a COW IGO v3 table (expected a header 'ccode,year,state,…' or "
                    "'ioname,orgname,year,…')",
                    table.string()));
  }
  const std::filesystem::path dir = table.parent_path();

  // Names of states and organizations from the side files.
  std::map<std::string, StateInfo> states_by_column;  // "usa" -> 2, United States of America
  std::map<int, StateInfo> states_by_code;
  const std::filesystem::path states_file = options.states_file.value_or(dir / "states.csv");
  if (std::filesystem::exists(states_file)) {
    Result<std::vector<internal::CsvRow>> states = internal::read_csv(states_file);
    if (!states.is_ok()) return states.status();
    const internal::CsvRow& head = states.value().front();
    const auto ccode = column(head, "ccode"), name = column(head, "statenme"),
               key = column(head, "state");
    if (!ccode || !name || !key) {
      return Status::invalid_input(
          fmt::format("{}:1: expected columns ccode, statenme, state", states_file.string()));
    }
    for (std::size_t r = 1; r < states.value().size(); ++r) {
      const internal::CsvRow& row = states.value()[r];
      if (row.size() <= std::max({*ccode, *name, *key})) continue;
      const auto code = as_int(row[*ccode]);
      if (!code) continue;
      states_by_column[row[*key]] = StateInfo{*code, row[*name]};
      states_by_code[*code] = StateInfo{*code, row[*name]};
    }
  }
  std::map<std::string, IgoInfo> igos;  // by lower-case ioname
  // The full name (longorgname without a trailing "(IONAME)"), unless the table cut it
  // at 80 characters; then the short name.
  const auto remember_igo = [&igos](const std::string& ioname, const std::string& short_name,
                                    const std::string& long_name, const std::string& start,
                                    const std::string& end) {
    std::string key = ioname;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    std::string name = long_name;
    const std::string suffix = " (" + ioname + ")";
    if (name.ends_with(suffix)) name.resize(name.size() - suffix.size());
    if (name.empty() || long_name.size() >= 80) name = short_name;
    igos[key] = IgoInfo{ioname, name.empty() ? ioname : name, as_int(start), as_int(end)};
  };
  const std::filesystem::path igos_file = options.igos_file.value_or(dir / "igos.csv");
  if (std::filesystem::exists(igos_file)) {
    Result<std::vector<internal::CsvRow>> igo_rows = internal::read_csv(igos_file);
    if (!igo_rows.is_ok()) return igo_rows.status();
    const internal::CsvRow& head = igo_rows.value().front();
    const auto ioname = column(head, "ioname"), name = column(head, "orgname"),
               long_name = column(head, "longorgname"), start = column(head, "sdate"),
               end = column(head, "deaddate");
    if (!ioname || !name || !start || !end) {
      return Status::invalid_input(fmt::format(
          "{}:1: expected columns ioname, orgname, sdate, deaddate", igos_file.string()));
    }
    for (std::size_t r = 1; r < igo_rows.value().size(); ++r) {
      const internal::CsvRow& row = igo_rows.value()[r];
      if (row.size() > std::max({*ioname, *name, *start, *end})) {
        remember_igo(row[*ioname], row[*name],
                     long_name && *long_name < row.size() ? row[*long_name] : "", row[*start],
                     row[*end]);
      }
    }
  }

  // Member cells only (codes 1, 2, 3): any other code, or no row, is a gap that ends a run,
  // so the rest need not be kept. Organizations are interned as small numbers.
  struct Cell {
    int ccode;
    std::uint32_t igo;
    int year;
    int code;
  };
  std::vector<std::string> igo_keys;
  std::unordered_map<std::string, std::uint32_t> igo_index;
  const auto intern = [&](const std::string& key) {
    const auto [it, inserted] = igo_index.emplace(key, static_cast<std::uint32_t>(igo_keys.size()));
    if (inserted) igo_keys.push_back(key);
    return it->second;
  };
  const auto member_code = [](const std::string& text) -> std::optional<int> {
    const auto code = as_int(text);
    if (code && *code >= 1 && *code <= 3) return code;
    return std::nullopt;
  };
  std::vector<Cell> cells;
  int last_year = 0;
  const auto bad_row = [&table](std::size_t line, std::string_view what) {
    return Status::invalid_input(fmt::format("{}:{}: {}", table.string(), line, what));
  };
  if (result.layout == "state-year") {
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const internal::CsvRow& row = rows[r];
      if (row.size() == 1 && row[0].empty()) continue;
      if (row.size() != header.size())
        return bad_row(r + 1,
                       fmt::format("expected {} fields, found {}", header.size(), row.size()));
      const auto ccode = as_int(row[0]);
      const auto year = as_int(row[1]);
      if (!ccode || !year) return bad_row(r + 1, "ccode and year must be numbers");
      if (*year < 1 || *year > 9998)
        return bad_row(r + 1, fmt::format("year {} is out of range", *year));
      states_by_code.try_emplace(*ccode, StateInfo{*ccode, row[2]});
      last_year = std::max(last_year, *year);
      for (std::size_t c = 3; c < header.size(); ++c) {
        ++result.cells;
        if (const auto code = member_code(row[c]))
          cells.push_back(Cell{*ccode, intern(header[c]), *year, *code});
      }
    }
  } else {
    const auto sdate = column(header, "sdate"), deaddate = column(header, "deaddate"),
               long_name = column(header, "longorgname");
    const std::size_t first_state = 3;
    const std::size_t end_states = sdate.value_or(header.size());
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const internal::CsvRow& row = rows[r];
      if (row.size() == 1 && row[0].empty()) continue;
      if (row.size() < end_states) return bad_row(r + 1, "too few fields");
      const auto year = as_int(row[2]);
      if (!year) return bad_row(r + 1, "year must be a number");
      if (*year < 1 || *year > 9998)
        return bad_row(r + 1, fmt::format("year {} is out of range", *year));
      last_year = std::max(last_year, *year);
      const auto field = [&row](std::optional<std::size_t> at) {
        return at && *at < row.size() ? row[*at] : std::string();
      };
      remember_igo(row[0], row[1], field(long_name), field(sdate), field(deaddate));
      std::string key = row[0];
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char ch) { return std::tolower(ch); });
      for (std::size_t c = first_state; c < end_states; ++c) {
        const auto state = states_by_column.find(header[c]);
        if (state == states_by_column.end()) {
          return bad_row(
              1, fmt::format("state column '{}' is not in {}", header[c], states_file.string()));
        }
        ++result.cells;
        if (const auto code = member_code(row[c])) {
          cells.push_back(Cell{state->second.ccode, intern(key), *year, *code});
        }
      }
    }
  }
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
    if (a.ccode != b.ccode) return a.ccode < b.ccode;
    if (a.igo != b.igo) return a.igo < b.igo;  // interned in table order: deterministic
    return a.year < b.year;
  });

  Document& document = result.document;
  document.sources.push_back(dataset_source());
  EntityTable entities(knowledge_base);
  const Citation cite{kSourceId, std::nullopt, std::nullopt, std::nullopt};
  const auto org_id = [&](const std::string& key) {
    const auto info = igos.find(key);
    const IgoInfo igo =
        info != igos.end() ? info->second : IgoInfo{key, key, std::nullopt, std::nullopt};
    return entities.id_for(igo.ioname, false, EntityKind::kOrganization, igo.name, igo.ioname);
  };
  const auto emit = [&](const Cell& cell, const RunTracker::Run& run) {
    Fact fact;
    const StateInfo& state = states_by_code.at(cell.ccode);
    fact.subject.value =
        entities.id_for(std::to_string(cell.ccode), true, EntityKind::kState, state.name, "");
    fact.relation = Relation::kMemberOf;
    fact.object = EntityId{org_id(igo_keys[cell.igo])};
    if (run.status == 2) fact.status = MembershipStatus::kAssociate;
    if (run.status == 3) fact.status = MembershipStatus::kObserver;
    fact.validity.from = *PartialDate::parse(fmt::format("{:04}", run.first));
    if (run.last < last_year)
      fact.validity.until = *PartialDate::parse(fmt::format("{:04}", run.last + 1));
    fact.sources.push_back(cite);
    document.facts.push_back(std::move(fact));
    ++result.memberships;
  };
  RunTracker tracker;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    if (const auto finished = tracker.see(cell.year, std::optional<int>(cell.code)))
      emit(cells[i - 1], *finished);
    const bool pair_ends =
        i + 1 == cells.size() || cells[i + 1].ccode != cell.ccode || cells[i + 1].igo != cell.igo;
    if (pair_ends) {
      if (const auto finished = tracker.close()) emit(cell, *finished);
    }
  }
  // Founding and end years of every organization met.
  std::set<std::string> seen;
  for (const Cell& cell : cells) seen.insert(igo_keys[cell.igo]);
  for (const std::string& key : seen) {
    const auto info = igos.find(key);
    if (info == igos.end()) continue;
    const std::string id = org_id(key);
    for (const auto& [year, relation] : {std::pair{info->second.start, Relation::kEstablished},
                                         std::pair{info->second.end, Relation::kDissolved}}) {
      if (!year || *year <= 0 || *year > 9999) continue;  // not a year a date can hold
      Fact fact;
      fact.subject.value = id;
      fact.relation = relation;
      fact.date = *PartialDate::parse(fmt::format("{:04}", *year));
      fact.sources.push_back(cite);
      document.facts.push_back(std::move(fact));
    }
  }
  document.entities = entities.take_created();
  return result;
}

}  // namespace orgkg
