// Cue lists: phrases with a label, read from the data files in cues/ that
// the build compiles in, and matched against the words of a sentence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rk::consult {

// The text of cues/<name>.txt as compiled in (generated source); empty when
// there is no such file.
std::string_view embedded_cue_file(std::string_view name);

// A lower-cased word of a sentence and where it is (byte offsets).
struct Word {
  std::string text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Words: letters and digits, with inner hyphens kept ("posom-grupp").
std::vector<Word> words_of(std::string_view utf8);

struct Cue {
  std::string label;
  std::string phrase;                // as written in the file
  std::vector<std::string> pattern;  // "word", "word*", "*word", "*word*", "..."
};

struct CueMatch {
  const Cue* cue = nullptr;
  std::size_t first = 0;  // word index of the first matched word
  std::size_t last = 0;   // word index of the last matched word
  std::size_t length() const { return cue ? cue->pattern.size() : 0; }
};

class CueList {
 public:
  // "<label> <phrase>" lines; '#' starts a comment. With `labelled` false a
  // line is just a phrase (negations, hedges, abbreviations).
  CueList(std::string_view data, bool labelled);
  static const CueList& embedded(std::string_view name, bool labelled = true);

  // Every cue that matches, starting at any word.
  std::vector<CueMatch> find_all(const std::vector<Word>& words) const;
  // Cues that match starting at word `at`.
  std::vector<CueMatch> find_at(const std::vector<Word>& words, std::size_t at) const;
  // The longest match, earliest on a tie; cue == nullptr when none.
  CueMatch longest(const std::vector<Word>& words) const;
  bool contains_word(std::string_view lower_word) const;
  const std::vector<Cue>& cues() const { return cues_; }

 private:
  std::vector<Cue> cues_;
};

}  // namespace rk::consult
