// Resolves what documents say about each other (a response's "Yttrande över
// förslag till X", a new version's "ersätter Y") to document ids, with
// Xapian's own ranking over the stored titles.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "indexer/core/model.hh"

namespace rk {

// A candidate target for a title as written.
struct TitleMatch {
  std::string id;
  double overlap = 0;  // share of the written title's words found in the target's title
};

// Best-first matches for a title as written among the document records of a
// database. Made once for many titles: the filters and the parser are reused.
class TitleMatcher {
 public:
  explicit TitleMatcher(const Xapian::Database& db);

  // Skips `exclude_id`; kinds that cannot be answered (responses, decisions)
  // are skipped when `steering_only`.
  std::vector<TitleMatch> match(const std::string& written, const std::string& exclude_id,
                                bool steering_only) const;

 private:
  // What the overlap compares of a candidate, read once per document.
  struct Candidate {
    std::string id, kind;
    std::set<std::string> stems, years;
  };
  const Candidate& candidate(Xapian::docid did) const;

  Xapian::Database db_;
  Xapian::Query documents_, answerable_;
  mutable Xapian::QueryParser parser_;  // parse_query is not const
  // The best 20 documents of each query, by its description and filter:
  // the 200 responses to one program ask the same query, and each query
  // costs more as the corpus grows (resolution would grow quadratically).
  mutable std::unordered_map<std::string, std::vector<Xapian::docid>> best_;
  mutable std::unordered_map<Xapian::docid, Candidate> candidates_;
};

// Sets responds_to and replaces of every document of `db` whose text names
// its target among the documents of `targets` (db itself, or every shard) and
// whose manifest did not fix it. Returns how many links are set.
std::size_t resolve_links(Xapian::WritableDatabase& db, const Xapian::Database& targets);

}  // namespace rk
