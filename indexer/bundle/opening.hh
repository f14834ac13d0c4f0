// Where a document opens inside a bundle: a header cue or a steering title,
// confirmed by what surrounds it (an issuing body above it, a date, an
// appendix label, the signatures that close the document before it), with
// the short lines above it that belong to the new document.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "indexer/core/model.hh"

namespace rk::bundle {

struct Opening {
  std::size_t begin = 0;  // first block of the new document (its prefix lines)
  std::size_t cue = 0;    // the block with the header cue or the title
  std::string kind;       // empty: an appendix whose kind the text must tell
  std::string author;     // the issuing body above the header, if any
  std::string date;       // the header's date, if any
  std::string title;      // a steering document's title
  bool cover = false;     // a council case cover
};

// The opening whose cue is block `i`, if there is one. Prefix lines are not
// taken from before `floor`.
std::optional<Opening> opening_at(const std::vector<Block>& blocks, std::size_t i,
                                  std::size_t floor);

// The blocks after an opening's cue that still belong to its header.
constexpr std::size_t kHeaderWindow = 2;

}  // namespace rk::bundle
