// Exporting a knowledge base for other tools: GraphML (NetworkX, Gephi), RDF N-Triples
// (RDF stores and SPARQL), CSV (spreadsheets) and `orgkg/1` JSON (another orgkg).
//
// The RDF vocabulary (README.md, "Export") uses urn:orgkg: IRIs: entities are
// urn:orgkg:entity:ID, sources urn:orgkg:source:ID, facts urn:orgkg:fact:N and the terms
// urn:orgkg:vocab:TERM. An entity-relation fact is a direct triple and a statement node
// carrying its subject, relation, object, status, start, end, point in time and sources
// (the pattern Wikidata uses for "member of" with qualifiers); dates are typed with their
// precision (xsd:gYear, xsd:gYearMonth, xsd:date). Pure functions of the graph.
#ifndef ORGKG_EXPORT_H_
#define ORGKG_EXPORT_H_

#include <optional>
#include <string>
#include <string_view>

#include "orgkg/graph.h"
#include "orgkg/query.h"

namespace orgkg {

enum class ExportFormat { kGraphml, kNtriples, kCsv, kJson };

// "graphml", "ntriples", "csv" or "json"; nullopt otherwise.
std::optional<ExportFormat> parse_export_format(std::string_view text);

// The whole knowledge base in `format`: every source and entity, and every fact, or with
// a date only the facts that hold then (yes or maybe) and the events.
std::string export_knowledge_base(const KnowledgeGraph& graph, ExportFormat format,
                                  const DateSelection& when);

}  // namespace orgkg

#endif  // ORGKG_EXPORT_H_
