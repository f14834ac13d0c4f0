// Turns a Document into the Xapian records of the schema (indexer/core/schema.hh).
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/core/model.hh"

namespace rk {

// The document record followed by one record per passage, in order. For a
// response, the document record also carries its analysis (respondent,
// decision, statements: indexer/consult), so `show` needs no recomputation.
std::vector<Xapian::Document> make_records(const Document& doc, const std::string& file_key);

// The unique-id term of a document or passage id.
std::string id_term(const std::string& id);

// The term that marks every record of a file.
std::string file_term(const std::string& file_key);

// The date slot's value of an ISO date ("2024-05-25" -> "20240525", sorts as
// text) and back ("202405" -> "2024-05").
std::string date_value(const std::string& iso);
std::string iso_date(const std::string& value);

// Makes the boolean terms of `rec` under `prefix` (answers, replaces, cites
// of indexer/core/schema.hh) exactly those of `ids` (empty ids ignored).
// Returns whether any changed, so that an unchanged record is not rewritten.
bool set_link_terms(Xapian::Document& rec, std::string_view prefix,
                    const std::set<std::string>& ids);

}  // namespace rk
