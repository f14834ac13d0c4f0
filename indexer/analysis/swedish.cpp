#include "indexer/analysis/swedish.hh"

#include <cstdlib>
#include <iostream>
#include <memory>
#include <unordered_map>

#include "indexer/analysis/lexicon.hh"
#include "indexer/analysis/tokenizer.hh"

namespace rk {

namespace {

using analysis::CompoundPart;
using analysis::Lexicon;
using analysis::Token;

// Xapian::TermGenerator skips longer words (without using a position); so do we.
constexpr std::size_t kMaxWordBytes = 64;
// Shorter words are not split: they are rarely compounds and often names.
constexpr std::size_t kMinCompoundLetters = 8;
// Bound on the per-thread memo of analysed words.
constexpr std::size_t kMaxCachedWords = 1 << 18;
constexpr const char* kDefaultLexicon = "/usr/share/hunspell/sv_SE";

std::size_t letters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// What a word adds besides its positional term.
struct WordTerms {
  std::string stem;
  std::vector<CompoundPart> parts;
  std::vector<std::string> extra_stems;  // of parts and spans, without `stem`
};

class SwedishStem : public Xapian::StemImplementation {
 public:
  explicit SwedishStem(const SwedishAnalyzer& analyzer) : analyzer_(analyzer) {}
  std::string operator()(const std::string& word) override { return analyzer_.stem(word); }
  std::string get_description() const override { return "remisskoll-swedish"; }

 private:
  const SwedishAnalyzer& analyzer_;
};

bool is_space_gap(std::string_view gap) {
  if (gap.empty()) return false;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    unsigned char c = gap[i];
    if (c == 0xC2 && i + 1 < gap.size() && static_cast<unsigned char>(gap[i + 1]) == 0xA0) {
      ++i;  // no-break space
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
      return false;
    }
  }
  return true;
}

// "trygghets- och", "trygghets-, säkerhets-": a hyphen, perhaps a comma, space.
bool is_suspended_gap(std::string_view gap) {
  if (gap.empty() || gap[0] != '-') return false;
  gap.remove_prefix(1);
  if (!gap.empty() && gap[0] == ',') gap.remove_prefix(1);
  return is_space_gap(gap);
}

bool is_hyphen(std::string_view gap) { return gap == "-" || gap == "\u2010" || gap == "\u2011"; }

bool is_conjunction(std::string_view word) {
  return word == "och" || word == "eller" || word == "samt" || word == "respektive";
}

}  // namespace

struct SwedishAnalyzer::Impl {
  std::unique_ptr<Lexicon> lexicon;

  Impl() {
    const char* env = std::getenv("REMISSKOLL_HUNSPELL_SV");
    std::string base = env != nullptr ? env : kDefaultLexicon;
    try {
      lexicon = std::make_unique<Lexicon>(base);
    } catch (const std::exception& e) {
      // Search still works without the lexicon, only less well.
      std::cerr << "remisskoll: varning: " << e.what()
                << " (paketet hunspell-sv-se saknas?); sammansatta ord delas inte upp\n";
    }
  }

  // Memoised per thread: spans and stems ask for the same words again.
  const std::vector<CompoundPart>& split(std::string_view word) const {
    thread_local std::unordered_map<std::string, std::vector<CompoundPart>, analysis::StringHash,
                                    analysis::StringEq>
        cache;
    if (auto it = cache.find(word); it != cache.end()) return it->second;
    if (cache.size() >= kMaxCachedWords) cache.clear();
    std::vector<CompoundPart> parts;
    if (lexicon && letters(word) >= kMinCompoundLetters) {
      parts = lexicon->split(word);
    } else {
      parts.push_back(CompoundPart{std::string(word), std::string(word)});
    }
    return cache.emplace(std::string(word), std::move(parts)).first->second;
  }

  // The form handed to Snowball: definite and plural nouns reduced to the
  // dictionary form, also as the head of a compound, since Snowball leaves
  // "programmet" and "policyn" alone.
  std::string stem_base(std::string_view word) const {
    if (lexicon) {
      if (lexicon->is_standalone(word)) return std::string(word);
      if (auto lemma = lexicon->noun_lemma(word)) return *lemma;
      const auto& parts = split(word);
      if (parts.size() >= 2) {
        const std::string& head = parts.back().surface;
        std::string base(word.substr(0, word.size() - head.size()));
        auto lemma = lexicon->is_standalone(head) ? std::nullopt : lexicon->noun_lemma(head);
        return base + (lemma ? *lemma : head);
      }
    }
    return productive_base(word);
  }

  // Unknown words: only the neuter "-mmet"/"-mmen" (programmet) and "-yn"
  // (policyn) patterns, which have no other reading.
  static std::string productive_base(std::string_view word) {
    std::string w(word);
    if (letters(w) < 6) return w;
    if (w.ends_with("mmet") || w.ends_with("mmen")) return w.substr(0, w.size() - 3);
    if (w.ends_with("yn")) return w.substr(0, w.size() - 1);
    return w;
  }

  // A suspended element that can take the head of the next compound:
  // a compound-initial form in the lexicon ("trygghets", "risk") or any word
  // with a linking s ("idrotts-", also a genitive on its own: the hyphen says
  // it is a compound element); not "psykiskt-" in "psykiskt- och socialt".
  bool can_join(std::string_view element) const {
    if (lexicon && lexicon->joining_lemma(element) != nullptr) return true;
    return element.ends_with('s') && letters(element) >= 4;
  }

  const WordTerms& analyse(const SwedishAnalyzer& self, std::string_view word) const {
    thread_local std::unordered_map<std::string, WordTerms, analysis::StringHash,
                                    analysis::StringEq>
        cache;
    if (auto it = cache.find(word); it != cache.end()) return it->second;
    if (cache.size() >= kMaxCachedWords) cache.clear();
    WordTerms terms;
    terms.stem = self.stem(word);
    terms.parts = split(word);
    add_span_stems(self, terms);
    return cache.emplace(std::string(word), std::move(terms)).first->second;
  }

  // Every contiguous span of parts except the whole word; a span that ends
  // inside the word loses its linking morpheme ("informations" ->
  // "information").
  static void add_span_stems(const SwedishAnalyzer& self, WordTerms& terms) {
    const auto& parts = terms.parts;
    const std::size_t k = parts.size();
    if (k < 2) return;
    for (std::size_t a = 0; a < k; ++a) {
      std::string span;
      for (std::size_t b = a; b < k; ++b) {
        if (a == 0 && b == k - 1) break;
        std::string text = span + (b == k - 1 ? parts[b].surface : parts[b].lemma);
        span += parts[b].surface;
        std::string stem = self.stem(text);
        if (stem == terms.stem) continue;
        bool seen = false;
        for (const auto& s : terms.extra_stems) seen = seen || s == stem;
        if (!seen) terms.extra_stems.push_back(std::move(stem));
      }
    }
  }
};

SwedishAnalyzer::SwedishAnalyzer() : impl_(new Impl) {}

SwedishAnalyzer::~SwedishAnalyzer() { delete impl_; }

const SwedishAnalyzer& SwedishAnalyzer::get() {
  static const SwedishAnalyzer instance;
  return instance;
}

Xapian::Stem SwedishAnalyzer::stemmer() const { return Xapian::Stem(new SwedishStem(*this)); }

std::string SwedishAnalyzer::stem(std::string_view lower_word) const {
  // Xapian's Snowball stemmers keep state, so each thread has its own.
  thread_local Xapian::Stem snowball("swedish");
  thread_local std::unordered_map<std::string, std::string, analysis::StringHash,
                                  analysis::StringEq>
      cache;
  if (auto it = cache.find(lower_word); it != cache.end()) return it->second;
  if (cache.size() >= kMaxCachedWords) cache.clear();
  return cache.emplace(std::string(lower_word), snowball(impl_->stem_base(lower_word)))
      .first->second;
}

std::optional<bool> SwedishAnalyzer::is_noun(std::string_view lower_word) const {
  if (!impl_->lexicon) return std::nullopt;
  return impl_->lexicon->is_noun(lower_word);
}

std::vector<std::string> SwedishAnalyzer::compound_parts(std::string_view lower_word) const {
  std::vector<std::string> out;
  for (const auto& part : impl_->split(lower_word)) out.push_back(part.surface);
  return out;
}

namespace {

// One call of index_text: the words of one text and where they went.
class TextIndexer {
 public:
  TextIndexer(const SwedishAnalyzer& analyzer, const SwedishAnalyzer::Impl& impl,
              Xapian::Document& doc, std::string_view text, const std::string& prefix)
      : analyzer_(analyzer), impl_(impl), doc_(doc), text_(text), prefix_(prefix) {}

  void run(Xapian::termpos& pos) {
    thread_local std::vector<Token> tokens;
    thread_local std::vector<Xapian::termpos> positions;
    tokens_ = &tokens;
    positions_ = &positions;
    n_ = analysis::tokenize(text_, tokens);
    positions.assign(n_, kNotIndexed);
    for (std::size_t i = 0; i < n_; ++i) {
      if (tokens[i].term.size() > kMaxWordBytes) continue;
      positions[i] = pos;
      add_word(tokens[i].term, pos++);
    }
    add_hyphen_joins();
    add_suspended_expansions();
  }

 private:
  static constexpr Xapian::termpos kNotIndexed = ~Xapian::termpos{0};

  const std::string& term(std::string_view z, std::string_view word) {
    buffer_.assign(z);
    buffer_ += prefix_;
    buffer_ += word;
    return buffer_;
  }

  const std::string& word(std::size_t i) const { return (*tokens_)[i].term; }
  bool indexed(std::size_t i) const { return (*positions_)[i] != kNotIndexed; }
  std::string_view gap(std::size_t i) const {
    const Token& a = (*tokens_)[i];
    return text_.substr(a.end, (*tokens_)[i + 1].begin - a.end);
  }

  // The positional term, the stem and, for a compound, the stems of its
  // parts and spans (each with wdf 1, so that BM25 is not skewed).
  void add_word(std::string_view w, Xapian::termpos pos) {
    doc_.add_posting(term("", w), pos, 1);
    if (!analysis::should_stem(w)) return;
    const WordTerms& terms = impl_.analyse(analyzer_, w);
    if (!terms.stem.empty()) doc_.add_term(term("Z", terms.stem), 1);
    for (const auto& stem : terms.extra_stems) doc_.add_term(term("Z", stem), 1);
  }

  // "Posom-grupp" is posom, grupp (as QueryParser reads it) and also
  // posomgrupp, at the position of its first element.
  void add_hyphen_joins() {
    for (std::size_t i = 0; i + 1 < n_;) {
      std::size_t j = i;
      bool letters_only = analysis::should_stem(word(i)) && indexed(i);
      while (j + 1 < n_ && is_hyphen(gap(j))) {
        ++j;
        letters_only = letters_only && analysis::should_stem(word(j)) && indexed(j);
      }
      if (j > i && letters_only) {
        std::string joined;
        for (std::size_t k = i; k <= j; ++k) joined += word(k);
        if (joined.size() <= kMaxWordBytes) add_word(joined, (*positions_)[i]);
      }
      i = j + 1;
    }
  }

  // "trygghets-, säkerhets- och beredskapsfrågor": each suspended element
  // gets the head of the final compound ("trygghetsfrågor"), as a term at
  // the element's position.
  void add_suspended_expansions() {
    for (std::size_t i = 0; i + 2 < n_; ++i) {
      std::size_t k = i;
      while (k + 1 < n_ && is_suspended_gap(gap(k))) ++k;
      if (k == i || k + 1 >= n_ || !is_conjunction(word(k)) || !is_space_gap(gap(k))) continue;
      const auto& parts = impl_.split(word(k + 1));
      if (parts.size() < 2 || !indexed(k + 1)) continue;
      const std::string head = parts.back().surface;  // add_word may evict `parts`
      for (std::size_t e = i; e < k; ++e) {
        std::string expanded = word(e) + head;
        if (indexed(e) && impl_.can_join(word(e)) && expanded.size() <= kMaxWordBytes) {
          add_word(expanded, (*positions_)[e]);
        }
      }
      i = k;
    }
  }

  const SwedishAnalyzer& analyzer_;
  const SwedishAnalyzer::Impl& impl_;
  Xapian::Document& doc_;
  std::string_view text_;
  const std::string& prefix_;
  std::vector<Token>* tokens_ = nullptr;
  std::vector<Xapian::termpos>* positions_ = nullptr;
  std::size_t n_ = 0;
  std::string buffer_;
};

}  // namespace

void SwedishAnalyzer::index_text(Xapian::Document& doc, std::string_view text,
                                 const std::string& prefix, Xapian::termpos& pos) const {
  TextIndexer(*this, *impl_, doc, text, prefix).run(pos);
}

void SwedishAnalyzer::configure(Xapian::QueryParser& parser) const {
  parser.set_stemmer(stemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // No stopper: the index keeps every word (phrases need "och", "i"), and
  // BM25 already gives common words little weight.
  parser.set_stopper(nullptr);
}

std::string SwedishAnalyzer::explain_word(std::string_view word) const {
  std::string lower = Xapian::Unicode::tolower(std::string(word));
  const WordTerms& terms = impl_->analyse(*this, lower);
  std::string out = lower + " -> stem " + terms.stem + "; parts ";
  for (std::size_t i = 0; i < terms.parts.size(); ++i) {
    out += (i ? "|" : "") + terms.parts[i].surface;
  }
  if (terms.parts.size() < 2) out += "(not a compound)";
  out += "; extra terms:";
  if (terms.extra_stems.empty()) out += " none";
  for (const auto& stem : terms.extra_stems) out += " Z" + stem;
  return out;
}

}  // namespace rk
