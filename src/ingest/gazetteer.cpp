// Loading the gazetteer's sources in order of authority (the knowledge base, then the
// shipped gazetteer files, then iso-codes) and matching their names in text.
#include "ingest/gazetteer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "ingest/text.h"
#include "orgkg/names.h"
#include "orgkg/store.h"
#include "rapidjson_all.h"

namespace orgkg::ingest {
namespace {

// Words that, after a demonym, make it stand for the state's government.
constexpr const char* kGovernmentWords[] = {
    "government",     "authorities",      "leadership",       "side",      "parliament", "cabinet",
    "administration", "foreign ministry", "foreign minister", "president", "delegation", "state",
    "regime"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// All capitals and dots ("USSR", "U.S.", "UAE"): such a name is matched with its case, so
// that "US" is not the pronoun "us".
bool is_acronym_like(std::string_view name) {
  int upper = 0;
  for (const char c : name) {
    if (std::islower(static_cast<unsigned char>(c)) != 0) return false;
    if (std::isupper(static_cast<unsigned char>(c)) != 0) ++upper;
  }
  return upper >= 2;
}

std::vector<std::string> strings_of(const rapidjson::Value& object, const char* key) {
  std::vector<std::string> out;
  if (!object.IsObject() || !object.HasMember(key) || !object[key].IsArray()) return out;
  for (const rapidjson::Value& each : object[key].GetArray()) {
    if (each.IsString()) out.emplace_back(each.GetString(), each.GetStringLength());
  }
  return out;
}

std::string string_of(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject() || !object.HasMember(key) || !object[key].IsString()) return "";
  return std::string(object[key].GetString(), object[key].GetStringLength());
}

Result<rapidjson::Document> read_json(const std::filesystem::path& path, const char* list_key) {
  Result<std::string> text = read_file(path);
  if (!text.is_ok()) return text.status();
  rapidjson::Document document;
  document.Parse(text.value().c_str(), text.value().size());
  if (document.HasParseError() || !document.IsObject() || !document.HasMember(list_key) ||
      !document[list_key].IsArray()) {
    return Status::invalid_input(fmt::format(
        "{}: not a gazetteer file (expected an object with '{}')", path.string(), list_key));
  }
  return document;
}

}  // namespace

std::size_t Gazetteer::add_entry(GazetteerEntry entry) {
  entries_.push_back(std::move(entry));
  return entries_.size() - 1;
}

void Gazetteer::add_name(std::string_view name, std::size_t entry, NameForm form) {
  // "the Commonwealth" is matched as "Commonwealth": an article in a name would hide a
  // longer name that starts after it ("The Commonwealth of Independent States").
  for (const std::string_view article : {"the ", "The "}) {
    if (name.starts_with(article)) name.remove_prefix(article.size());
  }
  if (name.size() < 2) return;
  const bool keep_case = form == NameForm::kAcronym || is_acronym_like(name);
  Surface surface{keep_case ? std::string(name) : lower(name), entry, form, keep_case};
  const std::string key = lower(name.substr(0, word_length(name, 0)));
  if (key.empty()) return;
  auto& list = by_first_word_[key];
  for (const Surface& existing : list) {
    if (existing.text == surface.text && existing.keep_case == surface.keep_case) return;
  }
  list.push_back(std::move(surface));
  std::stable_sort(list.begin(), list.end(), [](const Surface& a, const Surface& b) {
    return a.text.size() > b.text.size();
  });
}

std::size_t Gazetteer::add_local(GazetteerEntry entry, const std::vector<std::string>& names) {
  const std::size_t index = add_entry(std::move(entry));
  for (const std::string& name : names) {
    add_name(name, index, is_acronym_like(name) ? NameForm::kAcronym : NameForm::kName);
  }
  return index;
}

Result<Gazetteer> Gazetteer::load(const KnowledgeGraph& knowledge_base,
                                  const std::filesystem::path& gazetteer_dir,
                                  const std::filesystem::path& iso_codes_dir) {
  Gazetteer gazetteer;
  std::map<std::string, std::size_t> by_code;  // "iso3166:RU", "cow:CSTO", "cow:365"
  std::map<std::string, std::size_t> by_folded_name;
  std::map<std::string, std::size_t> ids;
  const auto remember = [&](std::size_t index, std::string_view name) {
    by_folded_name.emplace(fold_name(name), index);
  };
  for (EntityIndex i = 0; i < knowledge_base.entity_count(); ++i) {
    const Entity& entity = knowledge_base.entity(i);
    const std::size_t index = gazetteer.add_entry(
        GazetteerEntry{entity.id.value, entity.kind, entity.name, {}, entity.codes, true});
    ids.emplace(entity.id.value, index);
    for (const Code& code : entity.codes) by_code.emplace(code.scheme + ":" + code.value, index);
    gazetteer.add_name(entity.name, index, NameForm::kName);
    remember(index, entity.name);
    for (const std::string& alias : entity.aliases) {
      gazetteer.add_name(alias, index, NameForm::kName);
      remember(index, alias);
    }
  }
  // A gazetteer entry is the knowledge base's entity of the same code or name, or new.
  const auto merge_or_add = [&](GazetteerEntry entry,
                                const std::vector<std::string>& names) -> std::size_t {
    for (const Code& code : entry.codes) {
      if (const auto it = by_code.find(code.scheme + ":" + code.value); it != by_code.end()) {
        return it->second;
      }
    }
    for (const std::string& name : names) {
      const auto it = by_folded_name.find(fold_name(name));
      if (it != by_folded_name.end() && gazetteer.entries_[it->second].kind == entry.kind) {
        return it->second;
      }
    }
    std::string id = entry.id;
    for (int n = 2; ids.count(id) != 0; ++n) id = fmt::format("{}-{}", entry.id, n);
    entry.id = id;
    const std::size_t index = gazetteer.add_entry(std::move(entry));
    ids.emplace(id, index);
    for (const Code& code : gazetteer.entries_[index].codes) {
      by_code.emplace(code.scheme + ":" + code.value, index);
    }
    for (const std::string& name : names) remember(index, name);
    return index;
  };

  // The shipped gazetteer of organizations.
  {
    Result<rapidjson::Document> document =
        read_json(gazetteer_dir / "organizations.json", "organizations");
    if (!document.is_ok()) return document.status();
    for (const rapidjson::Value& org : document.value()["organizations"].GetArray()) {
      GazetteerEntry entry;
      entry.id = string_of(org, "id");
      entry.name = string_of(org, "name");
      if (entry.id.empty() || entry.name.empty()) continue;
      entry.kind =
          string_of(org, "kind") == "treaty" ? EntityKind::kTreaty : EntityKind::kOrganization;
      const std::vector<std::string> acronyms = strings_of(org, "acronyms");
      const std::vector<std::string> aliases = strings_of(org, "aliases");
      entry.aliases = acronyms;
      if (org.HasMember("codes") && org["codes"].IsObject()) {
        for (const auto& code : org["codes"].GetObject()) {
          if (code.value.IsString()) {
            entry.codes.push_back(Code{code.name.GetString(), code.value.GetString(), false});
          }
        }
      }
      std::vector<std::string> names{entry.name};
      names.insert(names.end(), aliases.begin(), aliases.end());
      const std::size_t index = merge_or_add(std::move(entry), names);
      for (const std::string& name : names) gazetteer.add_name(name, index, NameForm::kName);
      for (const std::string& acronym : acronyms) {
        gazetteer.add_name(acronym, index, NameForm::kAcronym);
      }
    }
  }

  // States: the names reporters use, then ISO 3166 for what that list lacks.
  std::map<std::string, std::size_t> by_iso;
  {
    Result<rapidjson::Document> document = read_json(gazetteer_dir / "states.json", "states");
    if (!document.is_ok()) return document.status();
    for (const rapidjson::Value& state : document.value()["states"].GetArray()) {
      GazetteerEntry entry;
      entry.kind = EntityKind::kState;
      entry.name = string_of(state, "name");
      if (entry.name.empty()) continue;
      const std::string iso = string_of(state, "iso3166");
      const std::string former = string_of(state, "iso3166_3");
      entry.id = string_of(state, "id");
      if (entry.id.empty()) entry.id = slug(entry.name);
      if (!iso.empty()) entry.codes.push_back(Code{"iso3166", iso, false});
      if (state.HasMember("cow") && state["cow"].IsInt()) {
        entry.codes.push_back(Code{"cow", std::to_string(state["cow"].GetInt()), true});
      }
      std::vector<std::string> names{entry.name};
      for (const char* key : {"aliases", "historic"}) {
        for (std::string& name : strings_of(state, key)) names.push_back(std::move(name));
      }
      // A former state's COW code is its successor's (365 is the Soviet Union and Russia):
      // match former states by name only.
      GazetteerEntry matched_by = entry;
      if (!former.empty() || iso.empty()) {
        std::erase_if(matched_by.codes, [](const Code& code) { return code.scheme == "cow"; });
      }
      const std::size_t index = merge_or_add(std::move(matched_by), names);
      if (!iso.empty()) by_iso.emplace(iso, index);
      if (!former.empty()) by_iso.emplace(former, index);
      for (const std::string& name : names) gazetteer.add_name(name, index, NameForm::kName);
      for (const std::string& demonym : strings_of(state, "demonyms")) {
        for (const char* word : kGovernmentWords) {
          gazetteer.add_name(demonym + " " + word, index, NameForm::kDemonym);
        }
      }
      for (const std::string& capital : strings_of(state, "capitals")) {
        gazetteer.add_name(capital, index, NameForm::kCapital);
      }
    }
  }
  for (const char* file : {"iso_3166-1.json", "iso_3166-3.json"}) {
    const bool former = std::string_view(file) == "iso_3166-3.json";
    Result<rapidjson::Document> document =
        read_json(iso_codes_dir / file, former ? "3166-3" : "3166-1");
    if (!document.is_ok()) return document.status();
    for (const rapidjson::Value& state :
         document.value()[former ? "3166-3" : "3166-1"].GetArray()) {
      const std::string code = string_of(state, former ? "alpha_4" : "alpha_2");
      std::string name = string_of(state, "common_name");
      if (name.empty()) name = string_of(state, "name");
      if (code.empty() || name.empty()) continue;
      std::size_t index;
      if (const auto it = by_iso.find(code); it != by_iso.end()) {
        index = it->second;
      } else {
        const std::string shown = name.substr(0, name.find(','));
        GazetteerEntry entry{slug(shown), EntityKind::kState, shown, {}, {}, false};
        if (!former) entry.codes.push_back(Code{"iso3166", code, false});
        index = merge_or_add(std::move(entry), {shown});
        by_iso.emplace(code, index);
      }
      for (const std::string& each :
           {name, string_of(state, "name"), string_of(state, "official_name")}) {
        // "Bolivia, Plurinational State of" is an index form, not a name in prose.
        if (!each.empty() && each.find(',') == std::string::npos) {
          gazetteer.add_name(each, index, NameForm::kName);
        }
      }
    }
  }
  return gazetteer;
}

std::vector<NameMatch> Gazetteer::find(std::string_view text, std::size_t start,
                                       std::size_t end) const {
  std::vector<NameMatch> found;
  std::size_t i = start;
  while (i < end) {
    const bool word_start = i == start || !is_word_byte(text, i - 1);
    if (!word_start || !is_word_byte(text, i)) {
      ++i;
      continue;
    }
    const std::size_t length = word_length(text, i, end);
    const std::string first = lower(text.substr(i, length));
    std::optional<NameMatch> best;
    for (std::string key = first; !key.empty(); key.pop_back()) {
      const auto it = by_first_word_.find(key);
      if (it != by_first_word_.end()) {
        for (const Surface& surface : it->second) {
          if (best && best->end - best->start >= surface.text.size()) break;
          if (i + surface.text.size() > end) continue;
          const std::string_view here = text.substr(i, surface.text.size());
          const bool same = surface.keep_case ? here == surface.text : lower(here) == surface.text;
          if (!same) continue;
          const std::size_t after = i + surface.text.size();
          if (after < text.size() && is_word_byte(text, after) && text[after] != '.') continue;
          // A proper name is written with its capital ("the union" is not "Union").
          if (std::islower(static_cast<unsigned char>(text[i])) != 0) continue;
          best = NameMatch{i, after, surface.entry, surface.form};
        }
      }
      if (key.back() != '.') break;  // "U.S." at a sentence's end: try "U.S" too
    }
    if (best) {
      found.push_back(*best);
      i = best->end;
    } else {
      i += std::max<std::size_t>(length, 1);
    }
  }
  return found;
}

std::optional<std::size_t> Gazetteer::lookup(std::string_view name) const {
  const std::vector<NameMatch> matches = find(name, 0, name.size());
  if (matches.size() == 1 && matches[0].start == 0 && matches[0].end == name.size()) {
    return matches[0].entry;
  }
  return std::nullopt;
}

}  // namespace orgkg::ingest
