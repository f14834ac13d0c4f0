// Helpers shared by the normaliser's source files; not part of its interface.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace rk::normalise_internal {

// Valid UTF-8 with only '\n' and '\f' as control characters: bytes that are
// not UTF-8 are read as Latin-1, '\r' and zero-width characters are dropped,
// tabs, no-break and other odd spaces become ' ', U+2010/U+2011 become '-'.
std::string sanitise(std::string_view text);

// Decodes the code point at `pos` of valid UTF-8 and advances `pos`.
unsigned next_code_point(std::string_view utf8, std::size_t& pos);

bool is_word_char(unsigned cp);
bool is_upper(unsigned cp);
bool is_lower(unsigned cp);

std::string_view trim(std::string_view s);

// Words separated by spaces (after trimming).
std::vector<std::string_view> split_words(std::string_view s);

// True when `line` has a run of three or more spaces after its first word:
// the mark of a table flattened by the extractor.
bool has_column_gap(std::string_view line);

// Whitespace-collapsed `line` with every digit run replaced by '#': lines
// that differ only in page numbers or dates share a key.
std::string furniture_key(std::string_view line);

// A page number glued to the end of a line ("... den enda 3(12)") is cut
// off; returns true when it was there.
bool strip_trailing_page_number(std::string_view& line);

// Removes "Sida N av M" tokens from a long line; returns true if any.
bool strip_page_of_tokens(std::string& line);

// The heading level of a paragraph that starts with a known heading glued to
// its first sentence ("Sammanfattning Stadsledningskontoret har ..."), and
// the length in bytes of that heading; 0 when there is none.
int glued_heading(std::string_view text, std::size_t& heading_bytes);

// A numbered heading glued to its first sentence: "3.2 Jämställdhet Kvinnor
// och män ..." or "Insats 7:1 Lokala lägesbilder Varje nämnd ...". The
// heading is text[heading_begin, heading_end) (a label such as "Insats" is
// left out) and ends before the first capitalised word that starts a
// sentence and is not a name (`names`); returns its level, or 0. In a
// `whole_paragraph` the sentence must end; on a first line it may go on.
int glued_numbered_heading(std::string_view text, const std::unordered_set<std::string>& names,
                           bool whole_paragraph, std::size_t& heading_begin,
                           std::size_t& heading_end);

// Words that the text capitalises in the middle of a sentence ("med
// Polismyndigheten", "i Göteborgs Stad"): names, never a sentence start.
std::unordered_set<std::string> capitalised_mid_sentence(std::string_view text);

// A numbered heading without the label that counts it: "Insats 7:1 Lokala
// lägesbilder" -> "7:1 Lokala lägesbilder".
std::string_view without_label(std::string_view heading);

// A known Swedish section heading ("Sammanfattning", "Förslag till beslut:").
bool is_known_heading(std::string_view line);

// Whether a short line standing alone before a paragraph reads like a
// heading (sentence case, no terminal punctuation, not a name, not a table).
bool reads_like_heading(std::string_view line);

// Whether a paragraph is running text (for the heading-before-paragraph rule).
bool reads_like_body(std::string_view text);

// A list item marker at the start of `line`: bullet glyphs, "-", "*", "o ",
// "1.", "a)". Returns the number of bytes of the marker to strip (0 for an
// enumeration such as "1." whose number we keep), or -1 when there is none.
int list_marker(std::string_view line);

// An enumerated list item "1. Inledning" short enough to be a heading.
int enumerated_heading_level(std::string_view line);

// Splits a line holding several bullet glyphs ("• a • b") at the glyphs.
std::vector<std::string_view> split_glued_bullets(std::string_view line);

}  // namespace rk::normalise_internal
