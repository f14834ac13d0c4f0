// Resolves the mentions that passages carry (stored at index time by
// make_records) against every document of the index, after all files are
// stored, and keeps the result on each document record as "references".
#pragma once

#include <xapian.h>

#include <cstddef>

namespace rk {

// Learns the aliases the documents of `targets` (db itself, or every shard)
// define for each other, resolves the mentions of every passage of `db`
// against them and rewrites the document records whose references changed.
// Returns how many references `db` holds.
std::size_t resolve_references(Xapian::WritableDatabase& db, const Xapian::Database& targets);

}  // namespace rk
