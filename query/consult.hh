// The consultation analyses of the read side: the compilation of responses
// (sammanställning av remissvar) and the gap report for one program. Both
// read what the indexer stored (each response's analysis, the program's
// passages and references) and use Xapian for every similarity.
#pragma once

#include <xapian.h>

#include <Poco/JSON/Object.h>

#include <string>

namespace rk {

// {"format":1,"program","responses":[{"doc","respondent","category","decision",
// "evidence","statements":[...]}],"groups":[...],"compilation":{...}|null}.
// Throws UsageError when program_id is not a document of the index.
Poco::JSON::Object::Ptr compile_program(const Xapian::Database& db, const std::string& program_id);

// {"format":1,"program","revision","gaps":[{"topic","coverage","score","raised_by":[...],
// "program_passages":[...],"revision"}],"claims":[...]}.
Poco::JSON::Object::Ptr program_gaps(const Xapian::Database& db, const std::string& program_id);

// The compilation as CSV (Remissinstans;Kategori;Beslut;Kommentar;Dokument), UTF-8.
std::string compilation_csv(const Poco::JSON::Object::Ptr& compiled);

}  // namespace rk
