// Word tokenisation identical to Xapian 1.4's TermGenerator (and so to the
// words QueryParser looks for): Unicode word characters, infix "'", "&",
// "·" inside words, "," "." ";" between digits, "C++"/"C#" suffixes and
// dotted acronyms ("U.N." -> "un"). Unlike TermGenerator it also reports
// where each word lies in the text, so that hyphens can be inspected.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rk::analysis {

struct Token {
  std::string term;  // lower-cased
  std::size_t begin = 0;
  std::size_t end = 0;  // byte offsets into the text
};

// Puts the words of `text` into out[0, n) and returns n. Storage in `out`
// is reused across calls, so the vector is never shrunk.
std::size_t tokenize(std::string_view text, std::vector<Token>& out);

// True when Xapian would add a stemmed form of `term` (it starts with a
// letter rather than a digit or symbol).
bool should_stem(std::string_view term);

}  // namespace rk::analysis
