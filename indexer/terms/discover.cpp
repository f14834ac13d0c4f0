// Discovery over all passages: term-bank concepts, acronym pairs and
// orthographic variants become concepts; words sharing a compound head with
// a concept's name and used in similar passages become candidates (never
// merged). Findings are then read off each concept's variants.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "indexer/analysis/swedish.hh"
#include "indexer/core/text.hh"
#include "indexer/terms/internal.hh"
#include "indexer/terms/terms.hh"

namespace rk::terms {
namespace {

// Passage numbers and byte offsets into a passage's text are 32 bits: the
// index holds an occurrence for every word of the corpus, so it is small.
constexpr std::uint32_t kNowhere = UINT32_MAX;  // a begin that was npos

// A word (or words) as written somewhere in the corpus. The form is not a
// string of its own: it is the `size` bytes at `begin` of the passage's text,
// or, when `owned` (a definition the text does not hold as written), the
// string `size` of Forms. Read it with Forms::form.
struct Occurrence {
  std::uint32_t passage = 0;
  std::uint32_t begin = 0;
  std::uint32_t size = 0;
  std::uint32_t name : 29 = 0;       // what counts as one name of the concept (Forms::name; 0 "")
  std::uint32_t owned : 1 = 0;       // the form is Forms' own string, not the text's
  std::uint32_t deprecated : 1 = 0;  // a term the term bank advises against
  std::uint32_t shouted : 1 = 0;     // in a run of words in capitals ("Signed by: JENNY ADLER")
};
static_assert(sizeof(Occurrence) == 16);

std::size_t begin_of(const Occurrence& o) {
  return o.begin == kNowhere ? std::string::npos : std::size_t{o.begin};
}

// The same occurrence without a name or flags.
Occurrence plain(const Occurrence& o) {
  Occurrence out;
  out.passage = o.passage;
  out.begin = o.begin;
  out.size = o.size;
  out.owned = o.owned;
  return out;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// Looked up by string_view without a copy.
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// The occurrences' forms and names: the passages' texts, the few forms that
// are not in them, and the names interned (a concept has few, used often).
class Forms {
 public:
  explicit Forms(const std::vector<PassageText>& passages) : passages_(passages) {
    if (passages.size() >= kNowhere) throw std::length_error("terms: 4G passages or more");
    for (const auto& p : passages)
      if (p.text.size() >= kNowhere) throw std::length_error("terms: a passage of 4 GiB or more");
    names_.emplace_back();
    by_name_.emplace("", 0);
  }

  const std::vector<PassageText>& passages() const { return passages_; }

  std::string_view form(const Occurrence& o) const {
    if (o.owned) return owned_[o.size];
    return std::string_view(passages_[o.passage].text).substr(o.begin, o.size);
  }
  std::string_view name(const Occurrence& o) const { return names_[o.name]; }

  // The `size` bytes at `begin` of passage `p`.
  static Occurrence span(std::size_t p, std::size_t begin, std::size_t size) {
    Occurrence o;
    o.passage = static_cast<std::uint32_t>(p);
    o.begin = static_cast<std::uint32_t>(begin);
    o.size = static_cast<std::uint32_t>(size);
    return o;
  }

  // `form` in passage `p` at `begin` (npos: not found), the text's bytes
  // when they are the form.
  Occurrence written(std::size_t p, std::size_t begin, const std::string& form) {
    if (begin != std::string::npos && passages_[p].text.compare(begin, form.size(), form) == 0)
      return span(p, begin, form.size());
    Occurrence o = span(p, begin == std::string::npos ? kNowhere : begin, owned_.size());
    o.owned = 1;
    owned_.push_back(form);
    return o;
  }

  void set_name(Occurrence& o, std::string_view name) {
    auto it = by_name_.find(name);
    if (it == by_name_.end()) {
      if (names_.size() >= (1u << 29)) throw std::length_error("terms: too many names");
      it = by_name_.emplace(std::string(name), static_cast<std::uint32_t>(names_.size())).first;
      names_.emplace_back(name);
    }
    o.name = it->second;
  }

 private:
  const std::vector<PassageText>& passages_;
  std::deque<std::string> owned_;  // deques: views of their strings stay valid
  std::deque<std::string> names_;
  StringMap<std::uint32_t> by_name_;
};

struct Group {
  FoundConcept found;
  std::vector<Occurrence> occurrences;
};

std::string lemma(std::string_view form) { return SwedishAnalyzer::get().stem(spelling_key(form)); }

// Case and separators of a form, ignoring the first letter (sentence
// starts) and the inflection after the stem; an all-capital heading word is
// shouting, not a spelling.
std::string shape(std::string_view form, std::size_t stem_len, bool caps_are_loud) {
  const std::u32string u = to_u32(form);
  std::size_t letters = 0, upper = 0;
  for (char32_t c : u) {
    letters += is_letter(c) ? 1 : 0;
    upper += is_upper(c) ? 1 : 0;
  }
  const bool shouting = upper == letters && (letters > 5 || caps_are_loud);
  std::u32string out;
  std::size_t seen = 0;
  for (std::size_t i = 0; i < u.size() && seen < stem_len; ++i) {
    if (!is_letter(u[i])) {
      out += u[i];
      continue;
    }
    out += (i > 0 && is_upper(u[i]) && !shouting) ? U'A' : U'a';
    ++seen;
  }
  return from_u32(out);
}

std::string display_key(std::string_view form) {
  std::u32string u = to_u32(form);
  if (u.size() > 1 && is_upper(u[0]) && !is_upper(u[1]))
    u[0] = to_u32(lower(from_u32(u.substr(0, 1))))[0];
  return from_u32(u);
}

std::string snippet(const std::string& text, std::size_t at) {
  const std::size_t from = at > 80 ? text.find(' ', at - 80) : 0;
  std::string s = text.substr(from == std::string::npos ? 0 : from, 200);
  return valid_utf8(collapse_space(s));
}

// --- Indexing the passages' words by lemma ---
// Each spelling is lowered and stemmed once and its lemma interned: a
// candidate's context reads every word of every passage it is used in, too
// often to compute lemmas there. Ids follow the lemmas' sorted order, so
// that anything kept by id iterates (and sums) as a map by lemma would.
using LemmaId = std::uint32_t;

// A compound head has 4+ characters, so at least this many bytes.
constexpr std::size_t kTailBytes = 4;

struct WordIndex {
  std::vector<std::string> lemmas;                // id -> lemma, sorted
  std::vector<std::vector<Occurrence>> by_lemma;  // id -> its words' occurrences
  std::vector<int> df;                            // id -> passages that hold it
  std::vector<std::vector<Word>> words;           // per passage
  std::vector<std::vector<LemmaId>> context;      // per passage: its words of 4+ characters
  std::vector<bool> loud;                         // per passage: a heading in capitals
  StringMap<LemmaId> by_form;                     // a word as written (3+ characters)
  StringMap<LemmaId> by_key;                      // its spelling_key
  StringMap<LemmaId> by_name;                     // its lemma
  // Lemmas longer than kTailBytes by their last kTailBytes bytes, ids
  // ascending: the lemmas that may end in a compound head.
  std::unordered_map<std::string, std::vector<LemmaId>> by_tail;
};

std::optional<LemmaId> find_lemma(const WordIndex& idx, const std::string& lem) {
  auto it = idx.by_name.find(lem);
  return it == idx.by_name.end() ? std::nullopt : std::optional<LemmaId>(it->second);
}

// lemma(form), from the index when the corpus has the form as a word.
std::string lemma_of(const WordIndex& idx, std::string_view form) {
  auto it = idx.by_form.find(form);
  return it == idx.by_form.end() ? lemma(form) : idx.lemmas[it->second];
}

bool mostly_capitals(std::string_view text) {
  std::size_t letters = 0, upper = 0;
  for (char32_t c : to_u32(text)) {
    letters += is_letter(c) ? 1 : 0;
    upper += is_upper(c) ? 1 : 0;
  }
  return letters > 0 && upper * 10 >= letters * 6;
}

// The shape of the first word of `form`, used in passage `p`.
std::string shape_of(std::string_view form, std::size_t p, const WordIndex& idx) {
  const std::vector<std::string> words = split_words(form);
  const std::string first = words.empty() ? std::string(form) : words.front();
  return shape(first, to_u32(lemma_of(idx, first)).size(), idx.loud[p]);
}

// Two words that may be one compound written apart: neither a function
// word ("till stånd", "våld samt") nor a determiner ("andra hand"), and not
// after a capitalised word ("Göteborgs stads plan" is a genitive, not
// "stadsplan").
bool split_candidate(const std::string& text, const std::vector<Word>& ws, std::size_t i) {
  if (ws[i + 1].begin != ws[i].end + 1 || text[ws[i].end] != ' ') return false;
  for (std::size_t k : {i, i + 1})
    if (to_u32(ws[k].form(text)).size() < 4 || is_function_word(lower(ws[k].form(text))))
      return false;
  if (is_determiner(lower(ws[i].form(text)))) return false;
  return !(i > 0 && is_upper(to_u32(ws[i - 1].form(text))[0]) && ws[i].begin == ws[i - 1].end + 1);
}

// Whether the word at `begin` opens its passage or a sentence, where a
// capital says nothing.
bool sentence_initial(const std::string& text, std::size_t begin) {
  const std::size_t prev = text.find_last_not_of(" \t\n", begin == 0 ? 0 : begin - 1);
  return begin == 0 || prev == std::string::npos ||
         std::string_view(".!?:").find(text[prev]) != std::string_view::npos;
}

bool upper_at(std::string_view form, std::size_t letter) {
  std::size_t seen = 0;
  for (char32_t c : to_u32(form))
    if (is_letter(c) && seen++ == letter) return is_upper(c);
  return false;
}

// The capitals of two words must be capitals the one word has somewhere: a
// capital in mid-sentence on a word the corpus writes joined in lower case
// is a name's ("medborgarservice Stads plan" from a flattened table, not
// "stadsplan"), and so is a second capital the joined form never keeps
// ("Kalle Bäck" is a person, "Kallebäck" a place) unless a linking s says
// compound ("Göteborgs Regionen").
bool capitals_agree(const Forms& forms, std::size_t p, const std::vector<Word>& ws, std::size_t i,
                    const std::vector<const Occurrence*>& joined) {
  const std::vector<PassageText>& passages = forms.passages();
  auto any_upper_at = [&](std::size_t letter) {
    return std::any_of(joined.begin(), joined.end(), [&](const Occurrence* o) {
      return upper_at(forms.form(*o), letter) &&
             (letter > 0 || !sentence_initial(passages[o->passage].text, begin_of(*o)));
    });
  };
  const std::string& text = passages[p].text;
  if (upper_at(ws[i].form(text), 0) && !sentence_initial(text, ws[i].begin) && !any_upper_at(0))
    return false;
  const std::string_view first = ws[i].form(text);
  const bool linking_s = !first.empty() && (first.back() == 's' || first.back() == 'S');
  return !upper_at(ws[i + 1].form(text), 0) || linking_s || any_upper_at(to_u32(first).size());
}

bool all_capitals(std::string_view form);

// A word in capitals beside another is typography (a name in a signature, a
// heading run into the text), not a spelling of the word.
bool in_capital_run(std::string_view text, const std::vector<Word>& ws, std::size_t k) {
  auto loud = [&](std::size_t j) {
    return to_u32(ws[j].form(text)).size() >= 2 && all_capitals(ws[j].form(text));
  };
  // Only a space between: "LO, TCO, SACO" is a list of acronyms.
  auto joined = [&](std::size_t a) { return ws[a + 1].begin == ws[a].end + 1; };
  return loud(k) && ((k > 0 && loud(k - 1) && joined(k - 1)) ||
                     (k + 1 < ws.size() && loud(k + 1) && joined(k)));
}

// Interns lemmas in the order the words come; sorted() then renumbers them
// by lemma.
class Interner {
 public:
  LemmaId id(std::string_view form) {
    if (auto it = by_form_.find(form); it != by_form_.end()) return it->second;
    const std::string key = spelling_key(form);
    auto [at, fresh] = by_key_.emplace(key, 0);
    if (fresh) {
      const std::string lem = SwedishAnalyzer::get().stem(key);
      auto [named, added] = by_name_.emplace(lem, static_cast<LemmaId>(lemmas_.size()));
      if (added) lemmas_.push_back(lem);
      at->second = named->second;
    }
    return by_form_.emplace(std::string(form), at->second).first->second;
  }

  // The ids renumbered in the lemmas' order; `renumber` maps old to new.
  void sorted(WordIndex& idx, std::vector<LemmaId>& renumber) {
    std::vector<LemmaId> order(lemmas_.size());
    std::iota(order.begin(), order.end(), LemmaId{0});
    std::sort(order.begin(), order.end(),
              [&](LemmaId a, LemmaId b) { return lemmas_[a] < lemmas_[b]; });
    renumber.assign(order.size(), 0);
    for (std::size_t i = 0; i < order.size(); ++i) renumber[order[i]] = static_cast<LemmaId>(i);
    for (LemmaId old : order) idx.lemmas.push_back(std::move(lemmas_[old]));
    for (auto* m : {&by_form_, &by_key_, &by_name_})
      for (auto& [s, id] : *m) id = renumber[id];
    idx.by_form = std::move(by_form_);
    idx.by_key = std::move(by_key_);
    idx.by_name = std::move(by_name_);
  }

 private:
  StringMap<LemmaId> by_form_, by_key_, by_name_;
  std::vector<std::string> lemmas_;
};

// Every word of 3+ characters under its lemma, with document frequencies.
void index_plain_words(const std::vector<PassageText>& passages, WordIndex& idx) {
  Interner names;
  std::vector<std::vector<Occurrence>> occs;
  std::vector<int> df;
  std::vector<std::size_t> last_passage;  // per id: 1 + the last passage counted in df
  idx.words.reserve(passages.size());
  idx.context.reserve(passages.size());
  idx.loud.reserve(passages.size());
  for (std::size_t p = 0; p < passages.size(); ++p) {
    const std::string& text = passages[p].text;
    idx.words.push_back(scan_words(text));
    idx.words[p].shrink_to_fit();
    idx.loud.push_back(mostly_capitals(text));
    idx.context.emplace_back();
    for (std::size_t k = 0; k < idx.words[p].size(); ++k) {
      const Word& w = idx.words[p][k];
      const std::string_view form = w.form(text);
      const std::size_t chars = to_u32(form).size();
      if (chars < 3) continue;
      const LemmaId id = names.id(form);
      if (id == occs.size()) occs.emplace_back(), df.push_back(0), last_passage.push_back(0);
      Occurrence o = Forms::span(p, w.begin, w.end - w.begin);
      o.shouted = in_capital_run(text, idx.words[p], k);
      occs[id].push_back(o);
      if (last_passage[id] != p + 1) last_passage[id] = p + 1, ++df[id];
      if (chars >= 4) idx.context[p].push_back(id);
    }
    idx.context[p].shrink_to_fit();
  }
  std::vector<LemmaId> renumber;
  names.sorted(idx, renumber);
  idx.by_lemma.resize(occs.size());
  idx.df.resize(occs.size());
  for (std::size_t old = 0; old < occs.size(); ++old) {
    idx.by_lemma[renumber[old]] = std::move(occs[old]);
    idx.df[renumber[old]] = df[old];
  }
  for (auto& ids : idx.context)
    for (LemmaId& id : ids) id = renumber[id];
  for (LemmaId id = 0; id < idx.lemmas.size(); ++id)
    if (const std::string& lem = idx.lemmas[id]; lem.size() > kTailBytes)
      idx.by_tail[lem.substr(lem.size() - kTailBytes)].push_back(id);
}

WordIndex index_words(const Forms& forms) {
  const std::vector<PassageText>& passages = forms.passages();
  WordIndex idx;
  index_plain_words(passages, idx);
  // Wrongly split compounds ("Posom grupp"): two words whose joined form is
  // a word the corpus writes as one, i.e. has the same spelling key as a
  // word of the index (and so its lemma). A lemma's occurrences are keyed
  // when a pair first needs them, not for every pair: a common compound is
  // split often.
  StringMap<std::vector<std::uint32_t>> keyed;  // key -> in its lemma's list
  std::vector<bool> lemma_keyed(idx.lemmas.size(), false);
  for (std::size_t p = 0; p < passages.size(); ++p) {
    const std::string& text = passages[p].text;
    const auto& ws = idx.words[p];
    for (std::size_t i = 0; i + 1 < ws.size(); ++i) {
      if (ws[i + 1].begin != ws[i].end + 1 || text[ws[i].end] != ' ') continue;
      if (!split_candidate(text, ws, i)) continue;
      std::string joined(ws[i].form(text));
      joined += ws[i + 1].form(text);
      const std::string key = spelling_key(joined);
      auto it = idx.by_key.find(key);
      if (it == idx.by_key.end()) continue;
      auto& occs = idx.by_lemma[it->second];
      if (!lemma_keyed[it->second]) {
        lemma_keyed[it->second] = true;
        for (std::size_t k = 0; k < occs.size(); ++k)
          keyed[spelling_key(forms.form(occs[k]))].push_back(static_cast<std::uint32_t>(k));
      }
      std::vector<std::uint32_t>& with_key = keyed[key];
      std::vector<const Occurrence*> same;
      for (std::uint32_t k : with_key) same.push_back(&occs[k]);
      if (!same.empty() && capitals_agree(forms, p, ws, i, same)) {
        // The two words and the one space between them, as they stand.
        occs.push_back(Forms::span(p, ws[i].begin, ws[i + 1].end - ws[i].begin));
        with_key.push_back(static_cast<std::uint32_t>(occs.size() - 1));
      }
    }
  }
  for (auto& occs : idx.by_lemma) occs.shrink_to_fit();
  return idx;
}

// --- Turning occurrences into a concept's variants ---
void fill_variants(Group& g, const Forms& forms) {
  const std::vector<PassageText>& passages = forms.passages();
  std::map<std::string, std::map<std::string_view, int>> writings;  // key -> surface -> n
  std::map<std::string, std::set<std::string>> docs;
  for (const auto& o : g.occurrences) {
    const std::string_view form = forms.form(o);
    const std::string key = display_key(form);
    ++writings[key][form];
    docs[key].insert(passages[o.passage].doc);
  }
  for (const auto& [key, surfaces] : writings) {
    Variant v;
    int best = 0;
    for (const auto& [s, n] : surfaces) {
      v.count += n;
      if (n > best) best = n, v.form = std::string(s);
    }
    v.docs.assign(docs[key].begin(), docs[key].end());
    g.found.variants.push_back(std::move(v));
  }
  std::sort(g.found.variants.begin(), g.found.variants.end(),
            [](const Variant& a, const Variant& b) { return a.count > b.count; });
  if (g.found.preferred.empty() && !g.found.variants.empty())
    g.found.preferred = g.found.variants.front().form;
}

// --- Term bank concepts ---
// A proper name ("Brottsförebyggande rådet") is matched word for word; a
// common noun by lemma, so that its inflections count.
bool proper_name(const Term& t) {
  const std::u32string u = to_u32(t.form);
  return !u.empty() && is_upper(u[0]) && !looks_like_acronym(t.form) &&
         split_words(t.form).size() > 1;
}

std::string word_key(std::string_view w, bool exact) { return exact ? lower(w) : lemma(w); }

std::vector<Occurrence> match_term(const Term& term, const std::vector<PassageText>& passages,
                                   const WordIndex& idx) {
  const bool exact = proper_name(term);
  std::vector<std::string> want;
  for (const std::string& w : split_words(term.form)) want.push_back(word_key(w, exact));
  if (want.size() == 1 && !exact) {
    const auto id = find_lemma(idx, want[0]);
    return id ? idx.by_lemma[*id] : std::vector<Occurrence>{};
  }
  // The corpus repeats its words: each is keyed once.
  StringMap<std::string> keys;
  auto key_of = [&](std::string_view w) -> const std::string& {
    auto it = keys.find(w);
    return it != keys.end() ? it->second
                            : keys.emplace(std::string(w), word_key(w, exact)).first->second;
  };
  std::vector<Occurrence> out;
  for (std::size_t p = 0; p < passages.size(); ++p) {
    const std::string& text = passages[p].text;
    const auto& ws = idx.words[p];
    for (std::size_t i = 0; i + want.size() <= ws.size(); ++i) {
      bool ok = true;
      for (std::size_t k = 0; k < want.size() && ok; ++k)
        ok = key_of(ws[i + k].form(text)) == want[k];
      if (!ok) continue;
      const std::size_t end = ws[i + want.size() - 1].end;
      out.push_back(Forms::span(p, ws[i].begin, end - ws[i].begin));
    }
  }
  return out;
}

// An abbreviation the bank admits is the same name as its expansion: the
// usual "expansion (ACR)" then "ACR" is not inconsistent.
std::size_t name_of_term(const Concept& c, std::size_t t) {
  if (!looks_like_acronym(c.terms[t].form)) return t;
  for (std::size_t k = 0; k < c.terms.size(); ++k)
    if (c.terms[k].status == Status::preferred) return k;
  return t;
}

std::vector<Group> termbank_groups(const TermBank& bank, Forms& forms, const WordIndex& idx) {
  std::vector<Group> out;
  for (const Concept& c : bank.concepts) {
    if (!in_force(c)) continue;
    Group g;
    g.found.source = "termbank";
    g.found.reason = (c.review == Review::accepted ? "godkänd vid granskning" : "termbanken") +
                     (c.id.empty() ? std::string() : " (" + c.id + ")");
    for (std::size_t t = 0; t < c.terms.size(); ++t) {
      if (c.terms[t].status == Status::preferred) g.found.preferred = c.terms[t].form;
      if (c.terms[t].status == Status::deprecated) g.found.deprecated.push_back(c.terms[t].form);
      for (Occurrence o : match_term(c.terms[t], forms.passages(), idx)) {
        // An admitted abbreviation takes its expansion's name and spelling.
        const std::size_t name = name_of_term(c, t);
        const std::string_view named =
            name == t ? forms.form(o) : std::string_view(c.terms[name].form);
        forms.set_name(o, std::to_string(name) + "|" + shape_of(named, o.passage, idx));
        o.deprecated = c.terms[t].status == Status::deprecated;
        g.occurrences.push_back(o);
      }
    }
    fill_variants(g, forms);
    out.push_back(std::move(g));
  }
  return out;
}

// --- Orthographic variants ---
std::vector<Group> orthographic_groups(const WordIndex& idx, Forms& forms,
                                       const std::set<std::string>& in_bank) {
  std::vector<Group> out;
  for (LemmaId id = 0; id < idx.lemmas.size(); ++id) {
    const std::string& lem = idx.lemmas[id];
    const std::vector<Occurrence>& occs = idx.by_lemma[id];
    if (in_bank.count(lem)) continue;  // the term bank's concept reports it
    // A word also written in lower case is only shouted in capitals ("KRIS");
    // one never written so is a name whose capitals are a spelling (POSOM).
    const bool lower_too = std::any_of(occs.begin(), occs.end(), [&](const Occurrence& o) {
      return lower(forms.form(o)) == forms.form(o);
    });
    // Among words in capitals ("JENNY ADLER") a name also written otherwise
    // is shouted too; an acronym (always in capitals) is not.
    const bool not_only_capitals = std::any_of(occs.begin(), occs.end(), [&](const Occurrence& o) {
      return !all_capitals(forms.form(o));
    });
    auto spelled = [&](const Occurrence& o, std::size_t len) {
      return shape(forms.form(o), len, lower_too || (o.shouted && not_only_capitals));
    };
    // Grouped only when one and the same spelling key is written two ways:
    // a stem shared by different words (data, datum) is no reason.
    std::map<std::string, std::set<std::string>> shapes;
    for (const auto& o : occs)
      if (!idx.loud[o.passage])
        shapes[spelling_key(forms.form(o))].insert(spelled(o, std::string::npos));
    if (std::none_of(shapes.begin(), shapes.end(), [](auto& k) { return k.second.size() > 1; }))
      continue;
    Group g;
    g.found.source = "orthographic";
    g.found.reason = "samma ord efter gemener och utan bindestreck/mellanslag: " + lem;
    for (const auto& o : occs)
      if (!idx.loud[o.passage]) {
        Occurrence named = plain(o);
        forms.set_name(named, spelled(o, to_u32(lem).size()));
        g.occurrences.push_back(named);
      }
    fill_variants(g, forms);
    out.push_back(std::move(g));
  }
  return out;
}

// --- Acronyms ---
// "sig" and "bo" are words; only "SIG" and "BO" (or the spelling the
// definition used) stand for the acronym.
bool all_capitals(std::string_view form) {
  for (char32_t c : to_u32(form))
    if (is_letter(c) && !is_upper(c)) return false;
  return true;
}

std::vector<Group> acronym_groups(Forms& forms, const WordIndex& idx) {
  const std::vector<PassageText>& passages = forms.passages();
  std::map<std::string, std::map<std::string, int>> expansions;  // acronym key -> expansion -> n
  std::map<std::string, std::vector<Occurrence>> defs;
  std::map<std::string, std::set<std::string>> spellings;  // acronym key -> as defined
  for (std::size_t p = 0; p < passages.size(); ++p)
    for (const auto& pair : find_acronym_pairs(passages[p].text)) {
      const std::string key = lower(pair.acronym);
      ++expansions[key][pair.expansion];
      spellings[key].insert(pair.acronym);
      defs[key].push_back(forms.written(p, passages[p].text.find(pair.written), pair.written));
    }
  // Where each acronym stands on its own, found in one pass over the words
  // rather than one per acronym.
  std::map<std::string, std::vector<std::pair<std::size_t, const Word*>>> uses;
  for (const auto& e : expansions) uses[e.first];
  for (std::size_t p = 0; p < passages.size() && !uses.empty(); ++p)
    for (const Word& w : idx.words[p])
      if (auto it = uses.find(lower(w.form(passages[p].text))); it != uses.end())
        it->second.emplace_back(p, &w);
  std::vector<Group> out;
  for (const auto& [key, exps] : expansions) {
    Group g;
    g.found.source = "acronym";
    const auto best = std::max_element(exps.begin(), exps.end(),
                                       [](auto& a, auto& b) { return a.second < b.second; });
    g.found.preferred = best->first;
    g.found.reason = "förkortning och utskrivning i parentes, bokstäverna stämmer";
    g.occurrences = defs[key];
    // The acronym used on its own: each spelling of it is a name.
    for (const auto& [p, w] : uses[key]) {
      const std::string_view form = w->form(passages[p].text);
      if (spellings[key].count(std::string(form)) || all_capitals(form)) {
        Occurrence o = Forms::span(p, w->begin, w->end - w->begin);
        forms.set_name(o, form);
        g.occurrences.push_back(o);
      }
    }
    fill_variants(g, forms);
    out.push_back(std::move(g));
  }
  return out;
}

// --- Compound-head candidates with context similarity ---
// Context words by lemma id, ascending (and so in the lemmas' order).
using Bag = std::vector<std::pair<LemmaId, double>>;

// Below this, two names with one head are used in unrelated passages. The
// sample corpus puts the true synonym krisstödsgrupp at 0.36 and the
// unrelated samverkansgrupp at 0.09 beside Posom-grupp.
constexpr double kMinSimilarity = 0.2;

// The head of a name: after its last hyphen ("Posom-grupp"), else the last
// part the compound splitter finds.
std::string head_of(const std::string& form) {
  if (auto dash = form.rfind('-'); dash != std::string::npos && dash + 1 < form.size())
    return lemma(form.substr(dash + 1));
  const auto parts = SwedishAnalyzer::get().compound_parts(spelling_key(form));
  return parts.empty() ? lemma(form) : lemma(parts.back());
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The words of the passages a name is used in, counted. One scratch array
// over all lemmas, so that counting costs the passages' words, not the
// lemmas. Counts are whole numbers, so subtracting passages is exact.
class ContextCounter {
 public:
  explicit ContextCounter(const WordIndex& idx) : idx_(idx), count_(idx.lemmas.size(), 0.0) {}

  // The words of `passages` (distinct).
  Bag count(const std::vector<std::size_t>& passages) {
    for (std::size_t p : passages)
      for (LemmaId id : idx_.context[p]) {
        if (count_[id] == 0) touched_.push_back(id);
        count_[id] += 1;
      }
    std::sort(touched_.begin(), touched_.end());
    Bag out;
    out.reserve(touched_.size());
    for (LemmaId id : touched_) out.emplace_back(id, std::exchange(count_[id], 0.0));
    touched_.clear();
    return out;
  }

  // `total` (a count()) without the words of `minus`, passages it counted.
  Bag without(const Bag& total, const std::vector<std::size_t>& minus) {
    if (minus.empty()) return total;
    for (const auto& [id, n] : total) count_[id] = n;
    for (std::size_t p : minus)
      for (LemmaId id : idx_.context[p]) count_[id] -= 1;
    Bag out;
    for (const auto& [id, n] : total)
      if (const double left = std::exchange(count_[id], 0.0); left > 0) out.emplace_back(id, left);
    return out;
  }

 private:
  const WordIndex& idx_;
  std::vector<double> count_;  // per lemma id, zero between calls
  std::vector<LemmaId> touched_;
};

// Counts weighted by tf-idf so that words every passage has ("staden") do
// not make everything look alike; the names' own lemmas (`skip`) say
// nothing about how the names are used.
template <typename Skip>
Bag weighted(const Bag& counts, const WordIndex& idx, Skip skip) {
  const double n = static_cast<double>(idx.words.size());
  Bag out;
  out.reserve(counts.size());
  for (const auto& [id, v] : counts)
    if (!skip(id)) out.emplace_back(id, v * std::log(n / idx.df[id]));
  return out;
}

// A shared context word and the product of its two weights.
using Shared = std::pair<LemmaId, double>;

// The shared context words that weigh most, for the terminologist to judge.
std::string top_shared(std::vector<Shared> shared, const WordIndex& idx) {
  std::sort(shared.begin(), shared.end(),
            [](const Shared& x, const Shared& y) { return x.second > y.second; });
  std::string out;
  for (std::size_t i = 0; i < shared.size() && i < 5; ++i)
    out += (i ? ", " : "") + idx.lemmas[shared[i].first];
  return out;
}

double cosine(const Bag& a, const Bag& b, std::vector<Shared>& shared) {
  double dot = 0, na = 0, nb = 0;
  auto in_b = b.begin();
  for (const auto& [k, v] : a) {
    na += v * v;
    while (in_b != b.end() && in_b->first < k) ++in_b;
    if (in_b != b.end() && in_b->first == k)
      dot += v * in_b->second, shared.emplace_back(k, v * in_b->second);
  }
  for (const auto& [k, v] : b) nb += v * v;
  return na > 0 && nb > 0 ? dot / std::sqrt(na * nb) : 0;
}

// The passages that occurrences stand in, ascending and distinct.
std::vector<std::size_t> passages_of(const std::vector<Occurrence>& occs) {
  std::vector<std::size_t> out;
  for (const auto& o : occs) out.push_back(o.passage);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The ids of the lemmas of a group's forms, ascending; a lemma the index
// lacks is in no context.
std::vector<LemmaId> own_lemmas(const Group& g, const WordIndex& idx, const Forms& forms) {
  std::set<std::string_view> written;
  for (const auto& o : g.occurrences) written.insert(forms.form(o));
  std::vector<LemmaId> out;
  for (const auto& f : written)
    if (const auto id = find_lemma(idx, lemma_of(idx, f))) out.push_back(*id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void add_candidates(const Group& g, const WordIndex& idx, const Forms& forms,
                    ContextCounter& counter, std::vector<Group>& out) {
  if (g.occurrences.empty()) return;
  const std::string name_lemma = lemma(g.found.preferred);
  const std::string head = head_of(g.found.preferred);
  if (head == name_lemma || to_u32(head).size() < 4) return;
  auto tail = idx.by_tail.find(head.substr(head.size() - kTailBytes));
  if (tail == idx.by_tail.end()) return;
  const std::vector<LemmaId> own = own_lemmas(g, idx, forms);
  const std::vector<std::size_t> mine_at = passages_of(g.occurrences);
  std::optional<Bag> mine_all;  // counted once, when a candidate needs it
  for (LemmaId lem : tail->second) {
    if (std::binary_search(own.begin(), own.end(), lem) || !ends_with(idx.lemmas[lem], head))
      continue;
    const std::vector<Occurrence>& occs = idx.by_lemma[lem];
    // Passages where both names stand together say nothing about whether
    // the two are used alike.
    std::vector<std::size_t> both, theirs_at;
    for (std::size_t p : passages_of(occs))
      (std::binary_search(mine_at.begin(), mine_at.end(), p) ? both : theirs_at).push_back(p);
    if (!mine_all) mine_all = counter.count(mine_at);
    auto skip = [&](LemmaId id) {
      return id == lem || std::binary_search(own.begin(), own.end(), id);
    };
    const Bag theirs = weighted(counter.count(theirs_at), idx, skip);
    const Bag mine = weighted(counter.without(*mine_all, both), idx, skip);
    std::vector<Shared> shared;
    const double sim = cosine(mine, theirs, shared);
    if (sim < kMinSimilarity) continue;
    Group c;
    c.found.source = "compound";
    c.found.preferred = g.found.preferred;
    c.found.reason = "kandidat '" + std::string(forms.form(occs.front())) +
                     "', inte sammanslagen: samma huvudled '" + head +
                     "' och liknande sammanhang (cosinus " + std::to_string(sim).substr(0, 4) +
                     "; gemensamma ord: " + top_shared(shared, idx) + ")";
    c.occurrences.reserve(g.occurrences.size() + occs.size());
    c.occurrences = g.occurrences;
    for (const auto& o : occs) c.occurrences.push_back(plain(o));
    fill_variants(c, forms);
    // A candidate reports its variants only.
    std::vector<Occurrence>().swap(c.occurrences);
    out.push_back(std::move(c));
  }
}

// --- Reviewed groupings ---
// What a grouping claims is one concept: the lemmas of its forms ("Brå
// (Brottsförebyggande rådet)" is a definition, not a form).
std::set<std::string> grouped_lemmas(const std::vector<std::string>& forms) {
  std::set<std::string> out;
  for (const auto& f : forms)
    if (f.find('(') == std::string::npos) out.insert(lemma(f));
  return out;
}

std::set<std::string> grouped_lemmas(const FoundConcept& c) {
  std::vector<std::string> forms;
  for (const auto& v : c.variants) forms.push_back(v.form);
  return grouped_lemmas(forms);
}

std::set<std::string> grouped_lemmas(const Concept& c) {
  std::vector<std::string> forms;
  for (const auto& t : c.terms) forms.push_back(t.form);
  return grouped_lemmas(forms);
}

// A discovered grouping that a terminologist has judged: rejected (by the
// same kind of discovery, so that rejecting "krisstödsgrupp is Posom-grupp"
// does not hide the spellings of Posom-grupp) or accepted, which makes it a
// term-bank concept that already reports these names. Judged when it claims
// nothing the reviewed concept did not.
bool already_judged(const FoundConcept& found, const TermBank& bank) {
  std::optional<std::set<std::string>> mine;  // only a bank with verdicts needs it
  for (const Concept& c : bank.concepts) {
    const bool rejected =
        c.review == Review::rejected && (c.origin.empty() || c.origin == found.source);
    if (!rejected && c.review != Review::accepted) continue;
    if (!mine) mine = grouped_lemmas(found);
    const std::set<std::string> theirs = grouped_lemmas(c);
    if (std::includes(theirs.begin(), theirs.end(), mine->begin(), mine->end())) return true;
  }
  return false;
}

// --- Findings ---
void add_findings(const Group& g, const Forms& forms, std::vector<Finding>& out) {
  const std::vector<PassageText>& passages = forms.passages();
  std::map<std::string, std::map<std::string_view, const Occurrence*>>
      names;                                          // doc -> name -> first
  std::map<std::string_view, const Occurrence*> any;  // name -> first
  for (const auto& o : g.occurrences) {
    const std::string_view name = forms.name(o);
    if (name.empty()) continue;
    names[passages[o.passage].doc].emplace(name, &o);
    any.emplace(name, &o);
  }
  auto evidence = [&](const Occurrence* o) {
    return Evidence{passages[o->passage].id, snippet(passages[o->passage].text, begin_of(*o))};
  };
  if (any.size() >= 2 && names.size() >= 2) {
    Finding f{"several_names", g.found.preferred, {}, {}, ""};
    for (const auto& [doc, n] : names) f.docs.push_back(doc);
    for (const auto& [name, o] : any) f.evidence.push_back(evidence(o));
    out.push_back(std::move(f));
  }
  for (const auto& [doc, n] : names) {
    if (n.size() < 2) continue;
    Finding f{"mixed_in_document", g.found.preferred, {doc}, {}, ""};
    for (const auto& [name, o] : n) f.evidence.push_back(evidence(o));
    out.push_back(std::move(f));
  }
}

void add_deprecated(const Group& g, const Forms& forms, std::vector<Finding>& out) {
  const std::vector<PassageText>& passages = forms.passages();
  std::map<std::string, Finding> per_doc;
  for (const auto& o : g.occurrences) {
    if (!o.deprecated) continue;
    const std::string& doc = passages[o.passage].doc;
    Finding& f = per_doc[doc];
    f.type = "deprecated_term";
    f.concept_name = g.found.preferred;
    f.docs = {doc};
    f.detail = "'" + std::string(forms.form(o)) + "' är avrått; använd '" + g.found.preferred + "'";
    if (f.evidence.size() < 3)
      f.evidence.push_back(
          {passages[o.passage].id, snippet(passages[o.passage].text, begin_of(o))});
  }
  for (auto& [doc, f] : per_doc) out.push_back(std::move(f));
}

}  // namespace

std::string spelling_key(std::string_view form) {
  std::string out;
  for (char c : lower(form))
    if (c != '-' && c != ' ') out += c;
  return out;
}

Report analyse(const std::vector<PassageText>& passages, const TermBank& bank) {
  Forms forms(passages);
  const WordIndex idx = index_words(forms);
  std::vector<Group> groups = termbank_groups(bank, forms, idx);
  for (auto& g : acronym_groups(forms, idx)) groups.push_back(std::move(g));
  std::set<std::string> in_bank;
  for (const Group& g : groups)
    for (const auto& o : g.occurrences) in_bank.insert(lemma_of(idx, forms.form(o)));
  for (auto& g : orthographic_groups(idx, forms, in_bank)) groups.push_back(std::move(g));
  Report r;
  std::vector<Group> candidates;
  ContextCounter counter(idx);
  for (Group& g : groups) {
    if (g.found.source == "termbank" || !already_judged(g.found, bank)) {
      add_findings(g, forms, r.findings);
      add_deprecated(g, forms, r.findings);
      if (g.found.source != "acronym") add_candidates(g, idx, forms, counter, candidates);
      if (!g.found.variants.empty()) r.concepts.push_back(g.found);
    }
    std::vector<Occurrence>().swap(g.occurrences);  // done with: not held till the end
  }
  for (const Group& c : candidates)
    if (!already_judged(c.found, bank)) r.concepts.push_back(c.found);
  return r;
}

TermBank candidates_as_bank(const Report& report, const TermBank& reviewed) {
  TermBank bank;
  for (const Concept& c : reviewed.concepts)
    if (c.review == Review::accepted || c.review == Review::rejected) bank.concepts.push_back(c);
  for (const FoundConcept& c : report.concepts) {
    if (c.source == "termbank") continue;
    Concept out;
    out.review = Review::candidate;
    out.origin = c.source;
    out.note = c.reason;
    out.terms.push_back({c.preferred, Status::preferred, ""});
    for (const Variant& v : c.variants)
      // "Brå (Brottsförebyggande rådet)" is a definition, not a term.
      if (v.form != c.preferred && v.form.find('(') == std::string::npos)
        out.terms.push_back({v.form, Status::admitted, ""});
    bank.concepts.push_back(std::move(out));
  }
  return bank;
}

}  // namespace rk::terms
