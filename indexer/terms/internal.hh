// Helpers shared by the terminology module's files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rk::terms {

std::u32string to_u32(std::string_view utf8);
std::string from_u32(const std::u32string& s);
bool is_letter(char32_t c);
bool is_upper(char32_t c);

// Swedish (and a few English) function words: never a content word of an
// acronym's expansion, never half of a wrongly split compound.
bool is_function_word(std::string_view lower_word);

// Pronouns and determiners ("andra", "hela", "varje"): the first word of a
// noun phrase, so "andra språk" (other languages) is not "andraspråk"
// written apart.
bool is_determiner(std::string_view lower_word);

// Whitespace-separated words with surrounding punctuation removed; a
// trailing hyphen is kept ("risk-" in "risk- och sårbarhetsanalys").
std::vector<std::string> split_words(std::string_view text);

// The text from the start of the sentence (or bracket) that holds `pos` to `pos`.
std::string_view sentence_before(std::string_view text, std::size_t pos);

// A word of a passage: letters with inner hyphens, and where it lies (byte
// offsets into the text, kept small: the terminology analysis holds every
// word of the corpus). The word as written is form(text).
struct Word {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string_view form(std::string_view text) const { return text.substr(begin, end - begin); }
};
// Throws std::length_error for a text of 4 GiB or more.
std::vector<Word> scan_words(std::string_view text);

}  // namespace rk::terms
