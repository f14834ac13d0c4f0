// Opening the index: the one place that turns Xapian's exceptions about
// opening, locking and schema into DatabaseError with a hint for the user.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace rk {

// $REMISSKOLL_DB, else ./remisskoll.db.
std::string default_db_path();

// Opens (creating if needed) for writing; refuses another schema version and
// a database that another process is writing.
Xapian::WritableDatabase open_writable(const std::string& path);

// Opens for reading: a database directory or a stub file listing shards.
Xapian::Database open_readonly(const std::string& path);

// Whether the index at `path` is a stub (file, or directory with XAPIANDB)
// that lists a remote shard, directly or through another stub. Xapian 1.4
// does not say so of an open Database; a caller uses it to avoid work that
// costs a network round trip per item (snippets' word statistics).
bool has_remote_shards(const std::string& path);

// Rewrites the index at `path` compactly (Xapian's compaction: full blocks,
// each table in key order, the old revisions dropped) and puts it in place
// of the old one, holding the write lock throughout. Readers that have the
// old index open go on reading it; the next reopen() sees the new one. An
// index built by `index` is a third smaller after it, and searches over it
// read fewer blocks (bench/README). Throws DatabaseError.
struct CompactSummary {
  std::uintmax_t bytes_before = 0, bytes_after = 0;
  double seconds = 0;
};
CompactSummary compact_index(const std::string& path);

}  // namespace rk
