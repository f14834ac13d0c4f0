// Printers: one result model, rendered as format-1 JSON or as text for a
// terminal (Swedish, as the user reads it).
#pragma once

#include <Poco/JSON/Object.h>

#include <ostream>

#include "query/search.hh"

namespace rk {

// A new top-level object carrying "format": 1.
Poco::JSON::Object::Ptr format1();
void print_json(std::ostream& out, const Poco::JSON::Object::Ptr& obj);

Poco::JSON::Object::Ptr search_json(const SearchResult& res);

void print_document_line(std::ostream& out, const Poco::JSON::Object::Ptr& doc);
void print_document(std::ostream& out, const Poco::JSON::Object::Ptr& doc);
void print_search(std::ostream& out, const SearchResult& res, const SearchRequest& req);

// A snippet's HTML (<mark>, entities) as terminal text with the marks shown.
std::string snippet_to_terminal(const std::string& html, bool colour);

}  // namespace rk
