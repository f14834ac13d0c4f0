// The normaliser: layout text (pdftotext-style, as it really arrives) to
// blocks. It removes running headers and footers, joins words and dates
// broken at line ends (using the document's own vocabulary), keeps suspended
// hyphens and real hyphenated words, turns bullets into list items, tracks
// pages (form feeds) and source lines, and finds headings.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indexer/core/model.hh"

namespace rk {

// `text` is UTF-8 with '\n' line ends and '\f' page breaks. Line numbers in
// the result are 1-based lines of `text` (a '\f' does not start a new line).
std::vector<Block> normalise_layout_text(std::string_view text);

// What the normaliser did to one text, for measuring it on real files.
struct NormaliseStats {
  int lines = 0;
  int pages = 1;
  int furniture_lines = 0;  // page numbers, running headers and footers removed
  int joins = 0;            // words joined at a hyphenated break
  int kept_hyphens = 0;     // breaks kept as "GS-IT", "2023-2026" or "risk- och"
  int headings = 0;
  int paragraphs = 0;
  int list_items = 0;
};

// Same, and counts what it did into `stats`.
std::vector<Block> normalise_layout_text(std::string_view text, NormaliseStats& stats);

// The words of one document, lower-cased and counted: the evidence for
// deciding whether a hyphen at a break is a line-end split or a real hyphen.
// The two fragments of a hyphenated break ("säker-" / "hetsprogram") are not
// counted, so that a break is never its own evidence.
class Vocabulary {
 public:
  explicit Vocabulary(std::string_view utf8_text);
  int word(std::string_view lower_word) const;        // "säkerhetsprogram"
  int hyphenated(std::string_view lower_word) const;  // "posom-grupp"

 private:
  std::unordered_map<std::string, int> words_;
  std::unordered_map<std::string, int> hyphenated_;
};

// What to do with "<before>-<break><after>".
enum class HyphenBreak {
  join,    // "säker-" "hetsprogram" -> "säkerhetsprogram"
  hyphen,  // "GS-" "IT" -> "GS-IT"; "2023-" "2026" -> "2023-2026"
  keep,    // "risk-" "och" -> "risk- och" (a suspended hyphen)
};

// `before` is the text up to the hyphen (its last word is used), `after` the
// text after the break (its first word is used). At a line end (`line_end`)
// the hyphen is a likely split and joins unless evidence says otherwise; in
// the middle of a line ("säker- hetsprogram", left by a reflowing extractor)
// it joins only on evidence from the vocabulary.
HyphenBreak decide_hyphen_break(const Vocabulary& vocabulary, std::string_view before,
                                std::string_view after, bool line_end);

// Applies decide_hyphen_break to every "word- word" inside `text`; counts
// the joins into `joins`.
std::string join_reflowed_breaks(const Vocabulary& vocabulary, std::string_view text, int& joins);

// A line that is only a page number: "12", "3 (14)", "4(12)", "Sida 1 av 2",
// "- 7 -". `line` is trimmed.
bool is_page_number_line(std::string_view line);

// The heading level of a line that is a heading on its own, whatever comes
// around it (numbered heading, "Bilaga 2", a known Swedish staff-report
// heading, a short all-caps line); 0 when it is not one.
int standalone_heading_level(std::string_view line);

}  // namespace rk
