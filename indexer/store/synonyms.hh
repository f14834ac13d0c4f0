// The term bank in the index: query-time synonyms (Xapian's synonym table),
// so that a search for one accepted name of a concept finds the others.
// Keys and values are the terms SwedishAnalyzer writes and QueryParser looks
// up with FLAG_AUTO_SYNONYMS and FLAG_AUTO_MULTIWORD_SYNONYMS:
//   one word         key "krisstödsgrupp" and "Zkrisstödsgrupp" (the stem)
//   hyphenated       key "posomgrupp", "Zposomgrupp" and "posom grupp"
//   several words    key "brottsförebyggande rådet" (QueryParser's multi-word key)
// and as values the stem term of each other one-word or hyphenated name
// ("Zposomgrupp": the analyser adds the joined form of "Posom-grupp"). A
// Xapian synonym is one term, so a name of several words is a key only.
//
// Which term banks: every *.tbx under the indexed folders and each
// `index --termbank FILE`, remembered in the metadata under
// kTermbankKeyPrefix + sha1(absolute path) = absolute path, and kept until
// the file is gone (as an indexed file is). Each run rewrites the whole
// synonym table from the files as they are then.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <iosfwd>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/terms/terms.hh"

namespace rk {

inline constexpr std::string_view kTermbankKeyPrefix = "remisskoll:termbank:";

using SynonymTable = std::map<std::string, std::set<std::string>>;

// The synonyms of the concepts in force (terms::in_force): preferred and
// admitted terms, never deprecated ones (a deprecated name is often another
// concept's: krisgrupp for krisledningsgrupp).
SynonymTable synonyms_of(const terms::TermBank& bank);

// Clears the database's synonym table and writes `table` in its place.
void replace_synonyms(Xapian::WritableDatabase& db, const SynonymTable& table);

// The term banks recorded in the index whose files still exist.
std::vector<std::filesystem::path> recorded_termbanks(const Xapian::Database& db);

// Reads and joins term banks; a file that cannot be read or is not TBX is
// reported on `err` as "FILE: reason" and counted in `failed`.
terms::TermBank load_termbanks(const std::vector<std::filesystem::path>& files, std::ostream& err,
                               std::size_t& failed);

// Records the term banks of this run (*.tbx under `inputs`, and `named`),
// forgets recorded ones whose file is gone, and replaces the synonym table
// by that of all recorded term banks. Returns the number of synonym keys.
std::size_t refresh_synonyms(Xapian::WritableDatabase& db,
                             const std::vector<std::filesystem::path>& inputs,
                             const std::vector<std::filesystem::path>& named, std::ostream& err,
                             std::size_t& failed);

}  // namespace rk
