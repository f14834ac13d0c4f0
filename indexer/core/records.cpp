#include "indexer/core/records.hh"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "indexer/core/text.hh"

namespace rk {

namespace {

Poco::Dynamic::Var or_null(const std::string& s) {
  if (s.empty()) return Poco::Dynamic::Var();
  return valid_utf8(s);
}

int num(const Poco::JSON::Object::Ptr& obj, const std::string& key) {
  if (!obj->has(key) || obj->isNull(key)) return 0;
  return obj->getValue<int>(key);
}

}  // namespace

Poco::JSON::Object::Ptr document_fields(const Document& doc, int passage_count) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", doc.id);
  o->set("title", valid_utf8(doc.title));
  o->set("kind", doc.kind);
  o->set("author", or_null(doc.author));
  o->set("date", or_null(doc.date));
  o->set("responds_to", or_null(doc.responds_to));
  o->set("replaces", or_null(doc.replaces));
  o->set("responds_to_title", or_null(doc.responds_to_title));
  o->set("replaces_title", or_null(doc.replaces_title));
  Poco::JSON::Array::Ptr aliases = new Poco::JSON::Array;
  for (const auto& a : doc.aliases) aliases->add(valid_utf8(a));
  o->set("aliases", aliases);
  Poco::JSON::Array::Ptr from_manifest = new Poco::JSON::Array;
  for (const auto& f : doc.manifest_fields) from_manifest->add(f);
  o->set("manifest_fields", from_manifest);
  Poco::JSON::Object::Ptr source = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  source->set("path", valid_utf8(doc.source_path));
  source->set("format", doc.format);
  source->set("part", doc.part);
  source->set("line_start", doc.line_start);
  source->set("line_end", doc.line_end);
  o->set("source", source);
  o->set("passages", passage_count);
  return o;
}

Poco::JSON::Object::Ptr passage_json(const Passage& p, const std::string& doc_id,
                                     const std::string& section) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", p.id);
  o->set("doc", doc_id);
  o->set("ordinal", p.ordinal);
  o->set("kind", std::string(to_string(p.kind)));
  o->set("section", valid_utf8(section));
  o->set("page", p.page);
  o->set("line_start", p.line_start);
  o->set("line_end", p.line_end);
  o->set("text", valid_utf8(p.text));
  return o;
}

Document document_from_json(const Poco::JSON::Object::Ptr& o) {
  Document d;
  d.id = json_text(o, "id");
  d.title = json_text(o, "title");
  d.kind = json_text(o, "kind");
  d.author = json_text(o, "author");
  d.date = json_text(o, "date");
  d.responds_to = json_text(o, "responds_to");
  d.replaces = json_text(o, "replaces");
  d.responds_to_title = json_text(o, "responds_to_title");
  d.replaces_title = json_text(o, "replaces_title");
  if (auto aliases = o->getArray("aliases")) {
    for (std::size_t i = 0; i < aliases->size(); ++i)
      d.aliases.push_back(aliases->getElement<std::string>(i));
  }
  if (auto fields = o->getArray("manifest_fields")) {
    for (std::size_t i = 0; i < fields->size(); ++i) {
      d.manifest_fields.push_back(fields->getElement<std::string>(i));
    }
  }
  if (auto source = o->getObject("source")) {
    d.source_path = json_text(source, "path");
    d.format = json_text(source, "format");
    d.part = num(source, "part");
    d.line_start = num(source, "line_start");
    d.line_end = num(source, "line_end");
  }
  return d;
}

std::string json_text(const Poco::JSON::Object::Ptr& obj, const std::string& key) {
  if (!obj->has(key) || obj->isNull(key)) return {};
  return obj->get(key).toString();
}

std::string to_json_string(const Poco::JSON::Object::Ptr& obj) {
  std::ostringstream out;
  obj->stringify(out);
  return out.str();
}

Poco::JSON::Object::Ptr parse_json_object(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

namespace {

// The index of the quote that closes the JSON string opening at `open`.
std::size_t string_end(const std::string& json, std::size_t open) {
  std::size_t i = open + 1;
  while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
  return i;
}

}  // namespace

std::optional<std::string_view> top_level_raw(const std::string& json, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  int depth = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c != '"') continue;
    const std::size_t end = string_end(json, i);
    const std::size_t next = json.find_first_not_of(" \t\r\n", end + 1);
    const bool is_key = next != std::string::npos && json[next] == ':';
    if (depth == 1 && is_key && json.compare(i, end + 1 - i, quoted) == 0) {
      const std::size_t value = json.find_first_not_of(" \t\r\n", next + 1);
      if (value == std::string::npos) return std::nullopt;
      // The value ends where its brackets close, or at the next comma or
      // closing brace of the object; strings are skipped whole.
      int inner = 0;
      std::size_t j = value;
      for (; j < json.size(); ++j) {
        const char v = json[j];
        if (v == '"') {
          j = string_end(json, j);
          if (inner == 0) {
            ++j;
            break;
          }
          continue;
        }
        if (v == '{' || v == '[') ++inner;
        if (v == '}' || v == ']') {
          if (inner == 0) break;
          if (--inner == 0) {
            ++j;
            break;
          }
        }
        if (v == ',' && inner == 0) break;
      }
      std::size_t last = std::min(j, json.size());
      while (last > value &&
             std::string_view(" \t\r\n").find(json[last - 1]) != std::string_view::npos)
        --last;
      return std::string_view(json).substr(value, last - value);
    }
    i = end;
  }
  return std::nullopt;
}

std::string top_level_text(const std::string& json, std::string_view key) {
  const auto raw = top_level_raw(json, key);
  if (!raw || raw->empty() || raw->front() != '"') return {};  // missing, null, not a string
  return json_text(parse_json_object("{\"t\":" + std::string(*raw) + "}"), "t");
}

}  // namespace rk
