// The Swedish lexicon behind stemming and compound splitting: the Hunspell
// dictionary sv_SE (Debian package hunspell-sv-se). Its flags say which
// words may begin, continue or end a compound and how a word is inflected,
// so we read them instead of guessing from a plain word list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rk::analysis {

// Hash and equality that let unordered_map<std::string, ...> be searched
// with a string_view without allocating.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
struct StringEq {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const { return a == b; }
};

// One element of a compound as written in the word, and its dictionary form:
// "informations" -> "information" (linking s removed), "policyn" -> "policy".
struct CompoundPart {
  std::string surface;
  std::string lemma;
};

class Lexicon {
 public:
  // Reads <base>.aff and <base>.dic. Throws std::runtime_error naming the
  // file when one cannot be read.
  explicit Lexicon(const std::string& base);

  std::size_t size() const { return flags_.size(); }

  // A word that stands on its own in the dictionary (not a fragment that
  // only occurs inside compounds).
  bool is_standalone(std::string_view word) const;

  // The dictionary form of an inflected noun ("programmet" -> "program",
  // "nämnderna" -> "nämnd"); nothing when the word is not one.
  std::optional<std::string> noun_lemma(std::string_view word) const;

  // Whether a word is a noun: a dictionary noun in any form, or a compound
  // whose last element is one; nothing when the dictionary does not know
  // the word (names, acronyms).
  std::optional<bool> is_noun(std::string_view word) const;
  // The compound elements of `word`, finest decomposition first, or one
  // part when it is not a compound we can justify from the dictionary.
  std::vector<CompoundPart> split(std::string_view word) const;

  // The dictionary form of a non-final compound element ("säkerhets" ->
  // "säkerhet", "risk" -> "risk"), or nullptr.
  const std::string* joining_lemma(std::string_view surface) const;

 private:
  // A compound-initial form: its dictionary form, and whether it is a noun
  // (as opposed to a verb stem such as "bygg" or "rikt").
  struct Joining {
    std::string lemma;
    bool noun = false;
  };

  // One character class of a Hunspell affix condition ("[^m]", "e", ".").
  struct CharClass {
    std::u32string chars;
    bool negated = false;
    bool any = false;
  };
  struct Suffix {
    std::uint64_t flag = 0;
    std::string strip;
    std::vector<CharClass> condition;
  };

  void read_aff(const std::string& path);
  void read_dic(const std::string& path);
  void add_joining_forms(const std::string& root, std::uint64_t flags);
  std::uint64_t flags_of(std::string_view word) const;
  bool condition_holds(const std::vector<CharClass>& condition, std::string_view base) const;
  // A root with a flag in `root_flags` of which `word` is the form made by a
  // suffix rule with a flag in `rule_flags`.
  std::optional<std::string> find_root(std::string_view word, std::uint64_t rule_flags,
                                       std::uint64_t root_flags) const;
  std::optional<std::string> compound_end_root(std::string_view word) const;
  bool is_known_form(std::string_view word) const;

  std::unordered_map<std::string, std::uint64_t, StringHash, StringEq> flags_;
  std::unordered_map<std::string, Joining, StringHash, StringEq> joining_;
  // Inflection rules keyed by the ending they append.
  std::unordered_map<std::string, std::vector<Suffix>, StringHash, StringEq> inflections_;
  // Rules that build compound-initial forms ("säkerhet" + s), per flag.
  std::unordered_map<std::uint64_t, std::vector<std::pair<Suffix, std::string>>> joiners_;
  std::size_t longest_ending_ = 0;
  std::size_t longest_joining_ = 0;
};

// Bit for a Hunspell flag character.
std::uint64_t flag_bit(char c);

}  // namespace rk::analysis
