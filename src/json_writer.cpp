// write_document(): the canonical text of a document. One item per line keeps diffs of
// curated data readable; keys come in the order DESIGN.md lists them; absent optional
// fields are left out, so reading and writing back gives the same bytes.
#include <fmt/format.h>

#include <string>

#include "orgkg/json.h"

namespace orgkg {
namespace {

// Builds one JSON object on a single line: {"a": 1, "b": "x"}.
class InlineObject {
 public:
  explicit InlineObject(std::string& out) : out_(out) { out_ += '{'; }
  ~InlineObject() { out_ += '}'; }
  InlineObject(const InlineObject&) = delete;
  InlineObject& operator=(const InlineObject&) = delete;

  std::string& key(std::string_view name) {
    if (!first_) out_ += ", ";
    first_ = false;
    append_json_string(out_, name);
    out_ += ": ";
    return out_;
  }
  void string(std::string_view name, std::string_view value) {
    append_json_string(key(name), value);
  }
  void optional_string(std::string_view name, const std::optional<std::string>& value) {
    if (value) string(name, *value);
  }
  void optional_date(std::string_view name, const std::optional<PartialDate>& value) {
    if (value) string(name, value->to_string());
  }

 private:
  std::string& out_;
  bool first_ = true;
};

void write_source(std::string& out, const Source& source) {
  InlineObject object(out);
  object.string("id", source.id);
  object.optional_string("title", source.title);
  object.optional_string("publisher", source.publisher);
  object.optional_date("published", source.published);
  object.optional_string("url", source.url);
}

void write_entity(std::string& out, const Entity& entity) {
  InlineObject object(out);
  object.string("id", entity.id.value);
  object.string("kind", kind_name(entity.kind));
  object.string("name", entity.name);
  if (!entity.aliases.empty()) {
    std::string& list = object.key("aliases");
    list += '[';
    for (std::size_t i = 0; i < entity.aliases.size(); ++i) {
      if (i != 0) list += ", ";
      append_json_string(list, entity.aliases[i]);
    }
    list += ']';
  }
  if (!entity.codes.empty()) {
    std::string& codes_out = object.key("codes");
    InlineObject codes(codes_out);
    for (const Code& code : entity.codes) {
      if (code.is_number) {
        codes.key(code.scheme) += code.value;
      } else {
        codes.string(code.scheme, code.value);
      }
    }
  }
}

void write_citation(std::string& out, const Citation& citation) {
  InlineObject object(out);
  object.string("source", citation.source);
  object.optional_string("quote", citation.quote);
  if (citation.offset_start && citation.offset_end) {
    object.key("offset") += fmt::format("[{}, {}]", *citation.offset_start, *citation.offset_end);
  }
}

void write_fact(std::string& out, const Fact& fact) {
  InlineObject object(out);
  object.string("subject", fact.subject.value);
  object.string("relation", relation_name(fact.relation));
  if (fact.object) object.string("object", fact.object->value);
  if (fact.status) object.string("status", status_name(*fact.status));
  object.optional_date("date", fact.date);
  object.optional_date("from", fact.validity.from);
  object.optional_date("until", fact.validity.until);
  object.optional_date("at", fact.validity.at);
  if (!fact.sources.empty()) {
    std::string& list = object.key("sources");
    list += '[';
    for (std::size_t i = 0; i < fact.sources.size(); ++i) {
      if (i != 0) list += ", ";
      write_citation(list, fact.sources[i]);
    }
    list += ']';
  }
  object.optional_string("note", fact.note);
}

template <typename Item, typename WriteItem>
void write_section(std::string& out, std::string_view name, const std::vector<Item>& items,
                   WriteItem write_item) {
  if (items.empty()) return;
  out += ",\n  ";
  append_json_string(out, name);
  out += ": [\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += "    ";
    write_item(out, items[i]);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  out += "  ]";
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
  out += '"';
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string write_document(const Document& document) {
  std::string out = "{\n  \"orgkg\": 1";
  write_section(out, "sources", document.sources, write_source);
  write_section(out, "entities", document.entities, write_entity);
  write_section(out, "facts", document.facts, write_fact);
  out += "\n}\n";
  return out;
}

}  // namespace orgkg
