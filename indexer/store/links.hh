// Resolves what documents say about each other (a response's "Yttrande över
// förslag till X", a new version's "ersätter Y") to document ids, with
// Xapian's own ranking over the stored titles.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
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
  Xapian::Database db_;
  Xapian::Query documents_, answerable_;
  mutable Xapian::QueryParser parser_;  // parse_query is not const
};

// Sets responds_to and replaces of every document of `db` whose text names
// its target among the documents of `targets` (db itself, or every shard) and
// whose manifest did not fix it. Returns how many links are set.
std::size_t resolve_links(Xapian::WritableDatabase& db, const Xapian::Database& targets);

}  // namespace rk
