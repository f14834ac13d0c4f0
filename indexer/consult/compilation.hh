// The office's own account of the consultation: the rows of its compilation
// table ("Remissinstans | Beslut | Kommentar", a document of kind
// compilation or a table inside a staff report) and the decisions it states
// in prose in its staff report ("Grundskolenämnden och utbildningsnämnden
// avstyrker motionen ..."). Pure text analysis over a stored Document: no
// Xapian. The vocabularies are data files (consult/cues/compilation_*.txt,
// body_names.txt) compiled into the binary.
#pragma once

#include <Poco/JSON/Array.h>

#include <string>
#include <string_view>
#include <vector>

#include "indexer/core/model.hh"

namespace rk {

// One body's decision as the office reports it. decision uses the
// vocabulary of rk::Decision: tillstyrker | avstyrker | tillstyrker_delvis |
// inga_synpunkter | avstar | ej_angiven.
struct CompilationRow {
  std::string group;       // "Nämnder och styrelser" or empty
  std::string respondent;  // as written, e.g. "Stadsdelsnämnden Östra Kvarnby"
  std::string decision = "ej_angiven";
  std::string decision_text;  // as written: "Tillstyrker med ändringar"
  std::string comment;
  std::string passage;      // passage id the row starts in ("<doc>:p<n>")
  bool collective = false;  // names several bodies at once ("Båda socialnämnderna")
};

// Rows of a compilation table. `layout` is the document's raw source text
// (lines with runs of spaces, '\f' between pages) when it came from layout
// text: the document's own lines, whose first line is source line
// doc.line_start (1 when 0). It is empty for structured formats; then the
// passages are read instead. A document of another kind yields rows only
// from a table under a "Remissinstans ... Beslut" header.
std::vector<CompilationRow> parse_compilation(const Document& doc, std::string_view layout);

// The decisions the office states in prose in a staff report, in the parts
// that report the responses ("Remissinstansernas överväganden",
// "Sammanfattning av remissvaren"): one row per body named as the subject
// of a decision (a sentence naming two bodies gives two rows); comment is
// the sentence. Votes, party motions and the office's own proposal are not
// rows.
std::vector<CompilationRow> office_summary(const Document& doc);

// [{"group","respondent","decision","decision_text","comment","passage"}]
Poco::JSON::Array::Ptr to_json(const std::vector<CompilationRow>& rows);

// Are two ways of writing a body the same body? ("Direktionen för
// Räddningstjänsten Norrvik" = "Räddningstjänsten Norrvik", "Socialnämnd
// Centrum" = "Socialnämnden Centrum", "Vision (CSG 2026-10-29)" = "Vision";
// "Socialnämnden Centrum" != "Socialförvaltningen Centrum".)
bool same_body(std::string_view a, std::string_view b);

// Does a row speak for this body: the same body, or a collective row that
// covers it ("Samtliga stadsdelsnämnder" covers "Stadsdelsnämnden Norra
// Hamnen")?
bool names_body(const CompilationRow& row, std::string_view body);

// The decision a table's decision cell states, read from its first word
// ("Tillstyrker med ändringar" -> tillstyrker_delvis); empty when none.
std::string table_decision(std::string_view cell);

}  // namespace rk
