// What query/consult.cpp (compilation) and query/gaps.cpp (gap report) share:
// a program read back from the index, the responses to it, and the
// Swedish-analysed words of a sentence.
#pragma once

#include <xapian.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rk::consultq {

struct ProgramPassage {
  std::string id, text, heading;
  int page = 0, line_start = 0, line_end = 0;
  std::size_t section = 0;  // index into Program::headings
};

// A steering document (or a motion) with its passages in order.
struct Program {
  std::string id, title, kind, date, replaces;
  std::vector<std::string> headings;  // one per section, "" before the first heading
  std::vector<int> heading_pages;
  std::vector<ProgramPassage> passages;
  Poco::JSON::Array::Ptr references;
  Poco::JSON::Object::Ptr doc;  // as `show` gives it
};

struct Response {
  std::string id, title, date, respondent, category, decision;
  Poco::JSON::Object::Ptr decision_json;  // {"stance","evidence":{"passage","text"},...}
  Poco::JSON::Array::Ptr statements;      // as stored by the indexer
  Poco::JSON::Array::Ptr references;      // as stored by the indexer (resolved at index time)
  bool linked_by_reference = false;       // responds_to unresolved; found by its references
};

// Throws UsageError when `id` is not a document of the index.
Program load_program(const Xapian::Database& db, const std::string& id);

// Responses whose responds_to is the program, and responses whose responds_to
// could not be resolved but whose references resolve to it. Ordered by date, id.
std::vector<Response> responses_to(const Xapian::Database& db, const Program& program);

// The document that replaces `id` (its revision), empty when none.
std::string revision_of(const Xapian::Database& db, const std::string& id);

// The filter that restricts a query to the passages of one document.
Xapian::Query passages_of(const std::string& doc_id);

// The stemmed terms ("Z"+stem, compound parts included) the analyzer gives a text.
std::set<std::string> stem_terms(std::string_view text);

// A word that never names a topic (indexer/consult/cues/topic_stopwords.txt).
bool is_topic_stopword(std::string_view lower_word);
// A word that never names a topic alone but may stand inside a key ("nära"
// in "våld i nära relationer"); lines starting with "~" in that file.
bool is_soft_stopword(std::string_view lower_word);

// Program sections a statement concerns: explicit mentions ("avsnitt 6.3",
// "insats 7:2", a quoted heading) first, then the most similar program passage
// through Xapian (BM25 over the program's passages). Each {"heading","page","by"}.
Poco::JSON::Array::Ptr link_sections(const Xapian::Database& db, const Program& program,
                                     const Poco::JSON::Object::Ptr& statement);

// {"passage","text","heading","page","line"} for a program passage.
Poco::JSON::Object::Ptr passage_evidence(const ProgramPassage& p);

}  // namespace rk::consultq
