// The gap report (`remisskoll report`) and the compilation of responses as
// documents for the office: one model (format-1 JSON) rendered through the
// templates as HTML (one self-contained file that prints on A4), Markdown,
// JSON or DOCX (minimal WordprocessingML, written with Poco::Zip).
#pragma once

#include <Poco/JSON/Object.h>
#include <xapian.h>

#include <string>

#include "indexer/terms/terms.hh"

namespace rk {

// `path`, else ./termbank.tbx when there is one, else an empty bank (as
// `remisskoll terms`). Throws UsageError when the file cannot be read.
terms::TermBank load_termbank(const std::string& path);

// The gap report's model: {"format":1,"program":{...},"summary":{...},"gaps":[...],
// "references":[...],"terms":[...],"responses":[...]}, every quote with its
// document, section and page. Throws InputError for an unknown program.
Poco::JSON::Object::Ptr gap_report(const Xapian::Database& db, const std::string& program_id,
                                   const terms::TermBank& bank);

// html | md | json | docx (the bytes of the file). Throws UsageError otherwise.
std::string render_report(const Poco::JSON::Object::Ptr& report, const std::string& format);

// The sammanställning av remissvar (compile_program's JSON) as html or docx:
// a table Remissinstans | Beslut | Kommentar whose rows link to the quotes.
std::string render_compilation(const Poco::JSON::Object::Ptr& compiled, const std::string& format);

// A DOCX file (zip) around a WordprocessingML word/document.xml.
std::string docx_package(const std::string& document_xml);

}  // namespace rk
