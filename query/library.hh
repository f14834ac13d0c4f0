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

// One document with its sections and passages (show --json shape), or
// nothing when no document has that id.
std::optional<Poco::JSON::Object::Ptr> load_document(const Xapian::Database& db,
                                                     const std::string& id);

// One passage's stored JSON, or nothing.
std::optional<Poco::JSON::Object::Ptr> load_passage(const Xapian::Database& db,
                                                    const std::string& id);

}  // namespace rk
