// Acronym and expansion pairs: "risk- och sårbarhetsanalys (RSA)" and
// "Brå (Brottsförebyggande rådet)". The alignment is Schwartz and Hearst's
// (2003): the acronym's letters are found in order in the long form, the
// first at the start of its first word. Swedish acronyms are often built
// from syllables (Posom = PSykiskt Och Socialt OMhändertagande), so letters
// may come from inside words; to stay precise every content word of the long
// form must give at least one letter.
#include <set>

#include "indexer/analysis/swedish.hh"
#include "indexer/core/text.hh"
#include "indexer/terms/internal.hh"
#include "indexer/terms/terms.hh"

namespace rk::terms {
namespace {

struct Aligner {
  std::u32string acr;
  std::vector<std::u32string> words;  // lower case
  std::vector<bool> content;
  std::vector<bool> used;

  // Matches acr[ai..] from word wi, offset ci on; `last` is the last word
  // that gave a letter, so that no content word in between is skipped.
  bool match(std::size_t ai, std::size_t wi, std::size_t ci, std::size_t last) {
    if (ai == acr.size()) {
      for (std::size_t w = last + 1; w < words.size(); ++w)
        if (content[w]) return false;
      return true;
    }
    for (; wi < words.size(); ++wi, ci = 0) {
      if (wi > last + 1 && content[wi - 1]) return false;
      for (std::size_t c = ci; c < words[wi].size(); ++c)
        if (words[wi][c] == acr[ai] && match(ai + 1, wi, c + 1, wi)) return true;
    }
    return false;
  }
};

bool minor_word(const std::u32string& w) { return w.size() < 3 || is_function_word(from_u32(w)); }

std::u32string letters_only(const std::u32string& w) {
  std::u32string out;
  for (char32_t c : w)
    if (is_letter(c)) out += c;
  return out;
}

// In a one-word expansion each capital of the acronym must start a part of
// the compound (Kriminal|vården: KV), or a surname followed by a party's
// letters ("Knudtzon (KD)") would pass.
bool capitals_start_parts(const std::u32string& written, const std::string& word) {
  const std::u32string w = to_u32(lower(word));
  std::set<std::size_t> starts{0};
  std::size_t at = 0;
  for (const auto& part : SwedishAnalyzer::get().compound_parts(lower(word)))
    starts.insert(at += to_u32(part).size());
  for (std::size_t i = 0; i + 1 < w.size(); ++i)
    if (w[i] == U'-') starts.insert(i + 1);  // "skola-socialtjänst-polis-fritid"
  std::size_t pos = 1;
  for (std::size_t i = 1; i < written.size(); ++i) {
    const char32_t want = to_u32(lower(from_u32(written.substr(i, 1))))[0];
    while (pos < w.size() && (w[pos] != want || (is_upper(written[i]) && !starts.count(pos))))
      ++pos;
    if (pos++ >= w.size()) return false;
  }
  return true;
}

bool aligns(std::string_view written, const std::vector<std::string>& words) {
  const std::u32string acr = to_u32(lower(written));
  if (words.size() == 1 && !capitals_start_parts(to_u32(written), words[0])) return false;
  Aligner a;
  a.acr = acr;
  for (const auto& w : words) {
    a.words.push_back(letters_only(to_u32(lower(w))));
    a.content.push_back(!minor_word(a.words.back()));
  }
  if (a.words.empty() || a.words[0].empty() || a.words[0][0] != acr[0]) return false;
  return a.match(1, 0, 1, 0);
}

std::string join(const std::vector<std::string>& words, std::size_t from) {
  std::string s;
  for (std::size_t i = from; i < words.size(); ++i) s += (s.empty() ? "" : " ") + words[i];
  return s;
}

}  // namespace

bool looks_like_acronym(std::string_view token) {
  const std::u32string t = to_u32(token);
  if (t.size() < 2 || t.size() > 8 || !is_upper(t[0])) return false;
  int upper = 0;
  for (char32_t c : t) {
    if (!is_letter(c)) return false;
    upper += is_upper(c) ? 1 : 0;
  }
  return upper >= 2 || t.size() <= 5;
}

std::optional<std::string> align_acronym(std::string_view acronym, std::string_view words_before) {
  const std::u32string acr = to_u32(lower(acronym));
  if (acr.size() < 2) return std::nullopt;
  const std::vector<std::string> words = split_words(words_before);
  const std::size_t window = std::min(acr.size() + 5, acr.size() * 2);
  // Shortest suffix first, as Schwartz and Hearst do.
  for (std::size_t n = 1; n <= std::min(window, words.size()); ++n) {
    std::vector<std::string> suffix(words.end() - static_cast<std::ptrdiff_t>(n), words.end());
    if (aligns(acronym, suffix)) return join(suffix, 0);
  }
  return std::nullopt;
}

std::vector<AcronymPair> find_acronym_pairs(std::string_view text) {
  std::vector<AcronymPair> out;
  for (std::size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) break;
    const std::string inner = collapse_space(text.substr(open + 1, close - open - 1));
    const std::vector<std::string> before = split_words(sentence_before(text, open));
    if (looks_like_acronym(inner)) {
      if (auto lf = align_acronym(inner, join(before, 0)); lf && *lf != inner)
        out.push_back({inner, *lf, *lf + " (" + inner + ")"});
      continue;
    }
    const std::vector<std::string> inner_words = split_words(inner);
    if (before.empty() || inner_words.size() < 2 || !looks_like_acronym(before.back())) continue;
    if (aligns(before.back(), inner_words))
      out.push_back({before.back(), inner, before.back() + " (" + inner + ")"});
  }
  return out;
}

}  // namespace rk::terms
