// Swedish analysis, the same at index and at query time: Xapian's Swedish
// stemmer plus what it lacks (definite and plural forms Snowball leaves,
// compound splitting, suspended-hyphen expansion). å, ä and ö are never
// folded. Terms follow Xapian's conventions: positional lower-case word terms
// with the field prefix, and "Z"+prefix+stem terms without positions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace rk {

class SwedishAnalyzer {
 public:
  // The process-wide analyzer (the lexicon is loaded once, thread-safe).
  static const SwedishAnalyzer& get();

  // The stemmer used by both sides: a Xapian::Stem wrapping our own
  // StemImplementation (definite forms, then Snowball Swedish).
  Xapian::Stem stemmer() const;

  // stem("programmet") == stem("program"); stem("policyn") == stem("policy").
  std::string stem(std::string_view lower_word) const;

  // The parts of a compound, in order, each as written inside the word
  // (linking s kept): "informationssäkerhetspolicyn" ->
  // {"informations", "säkerhets", "policyn"}. A word that is not a compound
  // gives one part.
  std::vector<std::string> compound_parts(std::string_view lower_word) const;

  // Adds `text` to `doc`: positional terms prefix+word from `pos` on, stemmed
  // "Z"+prefix+stem terms, the stems of compound parts and of their
  // contiguous spans, suspended-hyphen expansions ("trygghets- och
  // säkerhetsprogram" adds trygghetsprogram) and joined forms of hyphenated
  // words ("Posom-grupp" adds posomgrupp). `pos` is advanced.
  void index_text(Xapian::Document& doc, std::string_view text, const std::string& prefix,
                  Xapian::termpos& pos) const;

  // Configures a query parser so that a query is analysed like the text.
  void configure(Xapian::QueryParser& parser) const;

  // Whether a lower-case word is a noun (any form, or a compound with a noun
  // head); nothing when the lexicon does not know it (names, acronyms) or
  // is missing.
  std::optional<bool> is_noun(std::string_view lower_word) const;

  // Human-readable account of how one word is analysed (for --explain).
  std::string explain_word(std::string_view word) const;

  ~SwedishAnalyzer();
  SwedishAnalyzer(const SwedishAnalyzer&) = delete;
  SwedishAnalyzer& operator=(const SwedishAnalyzer&) = delete;

  // The lexicon and the per-word analysis, defined in swedish.cpp (public
  // only so that helpers there can name it).
  struct Impl;

 private:
  SwedishAnalyzer();
  Impl* impl_;
};

}  // namespace rk
