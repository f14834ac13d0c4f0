// Resolves the mentions that passages carry (stored at index time by
// make_records) against every document of the index, after all files are
// stored, and keeps the result on each document record as "references".
#pragma once

#include <xapian.h>

#include <cstddef>

namespace rk {

// Learns the aliases documents define for each other, resolves every
// passage's mentions and rewrites the document records whose references
// changed. Returns how many references the index holds.
std::size_t resolve_references(Xapian::WritableDatabase& db);

}  // namespace rk
