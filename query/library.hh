// Reading documents and passages back from the index.
#pragma once

#include <Poco/JSON/Object.h>
#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace rk {

// All documents' fields (docs --json shape), ordered by source path and part.
std::vector<Poco::JSON::Object::Ptr> list_documents(const Xapian::Database& db);

// Whether resolution wrote the answers/replaces/cites terms (schema.hh); an
// index from before them has none until its next `index` run.
bool has_link_terms(const Xapian::Database& db);

// The fields of the documents whose records carry any of `terms` (e.g. the
// answers term of a program: its responses), in list_documents' order; with
// an index from before the link terms, every document (the caller filters,
// as it would the whole listing). A posting list instead of parsing every
// record: a 1 GB corpus holds 131,000 documents.
std::vector<Poco::JSON::Object::Ptr> documents_with(const Xapian::Database& db,
                                                    const std::vector<std::string>& terms);

// Likewise for terms every index has (kinds: XKcompilation), with no fallback;
// `keep_all` keeps the fields the listing drops (outline, statements, rows).
std::vector<Poco::JSON::Object::Ptr> documents_matching(const Xapian::Database& db,
                                                        const std::vector<std::string>& terms,
                                                        bool keep_all = false);

// One document with its sections and passages (show --json shape), or
// nothing when no document has that id.
std::optional<Poco::JSON::Object::Ptr> load_document(const Xapian::Database& db,
                                                     const std::string& id);

// One passage's stored JSON, or nothing.
std::optional<Poco::JSON::Object::Ptr> load_passage(const Xapian::Database& db,
                                                    const std::string& id);

}  // namespace rk
