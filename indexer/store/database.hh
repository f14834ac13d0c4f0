// Opening the index: the one place that turns Xapian's exceptions about
// opening, locking and schema into DatabaseError with a hint for the user.
#pragma once

#include <xapian.h>

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

}  // namespace rk
