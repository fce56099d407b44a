#include "orgkg/export.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "orgkg/json.h"

namespace orgkg {
namespace {

constexpr std::string_view kVocab = "urn:orgkg:vocab:";
constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

std::vector<FactIndex> selected_facts(const KnowledgeGraph& graph, const DateSelection& when) {
  std::vector<FactIndex> facts;
  for (FactIndex i = 0; i < graph.fact_count(); ++i) {
    const Fact& fact = graph.fact(i);
    if (when.at && !is_event(fact.relation) && holds_at(fact.validity, *when.at) == Truth::kNo)
      continue;
    facts.push_back(i);
  }
  return facts;
}

std::string xml_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 forbids most control characters: drop them.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string source_list(const Fact& fact) {
  std::string list;
  for (const Citation& citation : fact.sources) list += (list.empty() ? "" : ";") + citation.source;
  return list;
}

std::string graphml(const KnowledgeGraph& graph, const std::vector<FactIndex>& facts) {
  std::set<std::string> schemes;
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    for (const Code& code : graph.entity(e).codes) schemes.insert(code.scheme);
  }
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n";
  const auto key = [&out](std::string_view id, std::string_view domain) {
    out += fmt::format("  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"string\"/>\n",
                       xml_text(id), domain, xml_text(id));
  };
  for (const char* name : {"kind", "name", "aliases"}) key(name, "node");
  for (const std::string& scheme : schemes) key("code_" + scheme, "node");
  for (const char* name : {"established", "signed", "entered_into_force", "dissolved"})
    key(name, "node");
  for (const char* name : {"relation", "status", "from", "until", "at", "sources", "note"})
    key(name, "edge");
  out += "  <graph id=\"orgkg\" edgedefault=\"directed\">\n";
  const auto data = [&out](std::string_view name, std::string_view value) {
    out += fmt::format("      <data key=\"{}\">{}</data>\n", xml_text(name), xml_text(value));
  };
  std::map<EntityIndex, std::map<std::string, std::string>> events;
  for (const FactIndex index : facts) {
    const Fact& fact = graph.fact(index);
    if (!is_event(fact.relation)) continue;
    std::string& dates = events[graph.subject_of(index)][std::string(relation_name(fact.relation))];
    dates += (dates.empty() ? "" : ";") + fact.date->to_string();
  }
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    const Entity& entity = graph.entity(e);
    out += fmt::format("    <node id=\"{}\">\n", xml_text(entity.id.value));
    data("kind", kind_name(entity.kind));
    data("name", entity.name);
    if (!entity.aliases.empty()) {
      std::string aliases;
      for (const std::string& alias : entity.aliases)
        aliases += (aliases.empty() ? "" : ";") + alias;
      data("aliases", aliases);
    }
    for (const Code& code : entity.codes) data("code_" + code.scheme, code.value);
    for (const auto& [relation, dates] : events[e]) data(relation, dates);
    out += "    </node>\n";
  }
  for (const FactIndex index : facts) {
    const Fact& fact = graph.fact(index);
    if (is_event(fact.relation)) continue;
    out += fmt::format("    <edge id=\"f{}\" source=\"{}\" target=\"{}\">\n", index,
                       xml_text(fact.subject.value), xml_text(fact.object->value));
    data("relation", relation_name(fact.relation));
    if (fact.relation == Relation::kMemberOf) data("status", status_name(fact.effective_status()));
    if (fact.validity.from) data("from", fact.validity.from->to_string());
    if (fact.validity.until) data("until", fact.validity.until->to_string());
    if (fact.validity.at) data("at", fact.validity.at->to_string());
    if (!fact.sources.empty()) data("sources", source_list(fact));
    if (fact.note) data("note", *fact.note);
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

// An N-Triples string literal: its escapes (\" \\ \n \r \t \uXXXX) are JSON's.
std::string literal(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string typed_date(const PartialDate& date) {
  const char* type = date.precision() == DatePrecision::kYear    ? "gYear"
                     : date.precision() == DatePrecision::kMonth ? "gYearMonth"
                                                                 : "date";
  return fmt::format("{}^^<{}{}>", literal(date.to_string()), kXsd, type);
}

std::string ntriples(const KnowledgeGraph& graph, const std::vector<FactIndex>& facts) {
  std::string out;
  const auto triple = [&out](const std::string& s, const std::string& p, const std::string& o) {
    out += s + " " + p + " " + o + " .\n";
  };
  const auto term = [](std::string_view name) { return fmt::format("<{}{}>", kVocab, name); };
  const auto entity_iri = [](std::string_view id) {
    return fmt::format("<urn:orgkg:entity:{}>", id);
  };
  const auto source_iri = [](std::string_view id) {
    return fmt::format("<urn:orgkg:source:{}>", id);
  };
  const std::string rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
  const std::string label = "<http://www.w3.org/2000/01/rdf-schema#label>";
  for (const std::optional<Source> source : graph.sources()) {
    const std::string s = source_iri(source->id);
    triple(s, rdf_type, term("Source"));
    if (source->title) triple(s, label, literal(*source->title));
    if (source->publisher)
      triple(s, "<http://purl.org/dc/terms/publisher>", literal(*source->publisher));
    if (source->published)
      triple(s, "<http://purl.org/dc/terms/date>", typed_date(*source->published));
    if (source->url)
      triple(s, term("url"), fmt::format("{}^^<{}anyURI>", literal(*source->url), kXsd));
  }
  for (EntityIndex e = 0; e < graph.entity_count(); ++e) {
    const Entity& entity = graph.entity(e);
    const std::string s = entity_iri(entity.id.value);
    std::string kind(kind_name(entity.kind));
    kind[0] = static_cast<char>(kind[0] - 32);
    triple(s, rdf_type, term(kind));
    triple(s, label, literal(entity.name));
    for (const std::string& alias : entity.aliases) triple(s, term("alias"), literal(alias));
    for (const Code& code : entity.codes) {
      triple(s, term("code_" + code.scheme), literal(code.value));
      if (code.scheme == "wikidata" && !code.value.empty() && code.value[0] == 'Q') {
        triple(s, "<http://www.w3.org/2002/07/owl#sameAs>",
               fmt::format("<http://www.wikidata.org/entity/{}>", code.value));
      }
    }
  }
  for (const FactIndex index : facts) {
    const Fact& fact = graph.fact(index);
    const std::string subject = entity_iri(fact.subject.value);
    const std::string relation = term(relation_name(fact.relation));
    if (is_event(fact.relation)) {
      triple(subject, relation, typed_date(*fact.date));
      continue;
    }
    const std::string object = entity_iri(fact.object->value);
    triple(subject, relation, object);
    const std::string statement = fmt::format("<urn:orgkg:fact:{}>", index);
    triple(statement, rdf_type, term("Statement"));
    triple(statement, term("subject"), subject);
    triple(statement, term("relation"), relation);
    triple(statement, term("object"), object);
    if (fact.relation == Relation::kMemberOf)
      triple(statement, term("status"), literal(status_name(fact.effective_status())));
    if (fact.validity.from) triple(statement, term("start"), typed_date(*fact.validity.from));
    if (fact.validity.until) triple(statement, term("end"), typed_date(*fact.validity.until));
    if (fact.validity.at) triple(statement, term("pointInTime"), typed_date(*fact.validity.at));
    for (const Citation& citation : fact.sources) {
      triple(statement, term("source"), source_iri(citation.source));
      if (citation.quote) triple(statement, term("quote"), literal(*citation.quote));
    }
    if (fact.note) triple(statement, term("note"), literal(*fact.note));
  }
  return out;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
  std::string quoted = "\"";
  for (const char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csv(const KnowledgeGraph& graph, const std::vector<FactIndex>& facts) {
  std::string out = "fact,subject,relation,object,status,date,from,until,at,sources,note\n";
  const auto date = [](const std::optional<PartialDate>& d) {
    return d ? d->to_string() : std::string();
  };
  for (const FactIndex index : facts) {
    const Fact& fact = graph.fact(index);
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{}\n", index, csv_field(fact.subject.value),
        relation_name(fact.relation), fact.object ? csv_field(fact.object->value) : "",
        fact.relation == Relation::kMemberOf ? status_name(fact.effective_status()) : "",
        date(fact.date), date(fact.validity.from), date(fact.validity.until),
        date(fact.validity.at), csv_field(source_list(fact)), csv_field(fact.note.value_or("")));
  }
  return out;
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  if (text == "graphml") return ExportFormat::kGraphml;
  if (text == "ntriples" || text == "nt") return ExportFormat::kNtriples;
  if (text == "csv") return ExportFormat::kCsv;
  if (text == "json") return ExportFormat::kJson;
  return std::nullopt;
}

std::string export_knowledge_base(const KnowledgeGraph& graph, ExportFormat format,
                                  const DateSelection& when) {
  const std::vector<FactIndex> facts = selected_facts(graph, when);
  switch (format) {
    case ExportFormat::kGraphml:
      return graphml(graph, facts);
    case ExportFormat::kNtriples:
      return ntriples(graph, facts);
    case ExportFormat::kCsv:
      return csv(graph, facts);
    case ExportFormat::kJson:
      break;
  }
  Document document;
  document.sources = graph.sources();
  for (EntityIndex e = 0; e < graph.entity_count(); ++e)
    document.entities.push_back(graph.entity(e));
  for (const FactIndex index : facts) document.facts.push_back(graph.fact(index));
  return write_document(document);
}

}  // namespace orgkg
