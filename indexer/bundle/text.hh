// Small Swedish text helpers for the bundle stage: word prefixes and dates as
// Swedish documents write them ("2023-04-26", "den 26 april 2023"). Case
// folding and space collapsing come from indexer/core/text.hh.
#pragma once

#include <string>
#include <string_view>

#include "indexer/core/text.hh"

namespace rk::bundle {

// Whether `text` begins with `prefix` as a whole word, ignoring case.
// `prefix` must be lower case.
bool starts_with_word(std::string_view text, std::string_view prefix);

// Trims spaces and the punctuation that glues a label to its value.
std::string_view trim(std::string_view text, std::string_view chars = " \t");

int word_count(std::string_view text);

// A date found in a text: where it starts and its ISO form.
struct FoundDate {
  std::size_t position = std::string_view::npos;
  std::size_t length = 0;
  std::string iso;  // yyyy-mm-dd
  bool found() const { return position != std::string_view::npos; }
};

// The first date in `text`, written ISO or as "[den] 26 april 2023".
FoundDate find_date(std::string_view text);

}  // namespace rk::bundle
