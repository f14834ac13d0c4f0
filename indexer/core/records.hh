// What a stored record's data holds: the document or passage as JSON, the
// same shape the CLI prints (issue 2's format 1), so the query side never
// re-derives what the indexer knew.
#pragma once

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>

#include "indexer/core/model.hh"

namespace rk {

// A document's own fields, without its sections (docs --json shape).
Poco::JSON::Object::Ptr document_fields(const Document& doc, int passage_count);

// A passage as JSON: id, doc, ordinal, kind, section, page, line_start, line_end, text.
Poco::JSON::Object::Ptr passage_json(const Passage& p, const std::string& doc_id,
                                     const std::string& section);

// Back from stored JSON (fields missing in older records stay default).
Document document_from_json(const Poco::JSON::Object::Ptr& obj);

std::string to_json_string(const Poco::JSON::Object::Ptr& obj);

// A field as text: empty when missing or null, numbers and booleans spelled out.
std::string json_text(const Poco::JSON::Object::Ptr& obj, const std::string& key);
Poco::JSON::Object::Ptr parse_json_object(const std::string& text);

// A top-level string field of a stored record without parsing the record: a
// bundle's record carries its outline, statements and references (up to
// 700 KB in goteborg-kf), and parsing one for its title took 18 ms. Empty
// when missing, null or not a string.
std::string top_level_text(const std::string& json, std::string_view key);

// The raw JSON text of a top-level field's value ("[...]", "null", "\"x\""),
// or nothing when the record has no such field.
std::optional<std::string_view> top_level_raw(const std::string& json, std::string_view key);

}  // namespace rk
