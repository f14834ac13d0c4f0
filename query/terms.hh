// The terminology module fed from the index: passages in, report as JSON.
#pragma once

#include <Poco/JSON/Object.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/terms/terms.hh"

namespace rk {

// Every passage of the index, or with `doc` set only the passages of that
// document and of the documents it answers or replaces, or that answer or
// replace it (so that one program's terms are checked against its circle).
std::vector<terms::PassageText> passages_for_terms(const Xapian::Database& db,
                                                   const std::string& doc = {});

// The report in `remisskoll terms --json` shape (format 1).
Poco::JSON::Object::Ptr terms_json(const terms::Report& report);

}  // namespace rk
