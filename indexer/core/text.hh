// Small text helpers every stage needs.
#pragma once

#include <string>
#include <string_view>

namespace rk {

// Lower case by Unicode rules; å, ä, ö stay letters of their own.
std::string lower(std::string_view utf8);

// An identifier for URLs and the command line: lower-case ASCII, å/ä -> a,
// ö -> o, é -> e, anything else that is not [a-z0-9_.] -> '-', no runs of '-'.
std::string slug(std::string_view utf8);

// A boolean-term value for a name (authors): lower case, whitespace -> '-',
// Swedish letters kept ("Socialnämnden Centrum" -> "socialnämnden-centrum").
std::string name_key(std::string_view utf8);

// A term with `prefix`, hashing values that would exceed Xapian's term limit.
std::string bounded_term(std::string_view prefix, std::string_view value);

// Hex SHA-1 of bytes (Poco's DigestEngine): content hashes and long keys.
std::string sha1_hex(std::string_view bytes);

// Collapses runs of whitespace to one space and trims both ends.
std::string collapse_space(std::string_view utf8);

// The bytes with every invalid UTF-8 sequence replaced by U+FFFD, so that
// whatever a stage produced can be stored and printed as JSON.
std::string valid_utf8(std::string_view bytes);

// The year of an ISO date ("2026-09-15" -> "2026"), or empty.
std::string year_of(std::string_view iso_date);

}  // namespace rk
