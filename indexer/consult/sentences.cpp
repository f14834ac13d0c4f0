// Sentence splitting and the program sections a sentence names.
#include <regex>

#include "indexer/consult/consult.hh"
#include "indexer/consult/cues.hh"
#include "indexer/core/text.hh"

namespace rk {

namespace {

using consult::CueList;

struct Span {
  std::size_t begin = 0;        // the opening quotation mark
  std::size_t inner_begin = 0;  // just after it
  std::size_t inner_end = 0;    // the closing quotation mark
  std::size_t end = 0;          // just after it
};

// Length of the quotation mark at `pos`, 0 when there is none.
std::size_t quote_mark(std::string_view s, std::size_t pos) {
  if (s[pos] == '"') return 1;
  for (std::string_view q : {"\u201D", "\u201C", "\u201E", "\u00AB", "\u00BB"}) {
    if (s.substr(pos, q.size()) == q) return q.size();
  }
  return 0;
}

// Quotations as pairs of marks; none when the marks do not pair up, so that a
// stray mark never glues the rest of a passage together.
std::vector<Span> quote_spans(std::string_view s) {
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::size_t len = quote_mark(s, i)) {
      marks.emplace_back(i, len);
      i += len - 1;
    }
  }
  std::vector<Span> spans;
  if (marks.size() % 2 != 0) return spans;
  for (std::size_t k = 0; k + 1 < marks.size(); k += 2)
    spans.push_back({marks[k].first, marks[k].first + marks[k].second, marks[k + 1].first,
                     marks[k + 1].first + marks[k + 1].second});
  return spans;
}

bool inside(const std::vector<Span>& spans, std::size_t pos) {
  for (const Span& sp : spans) {
    if (pos > sp.begin && pos < sp.end) return true;
  }
  return false;
}

// True when the next word starts in lower case: "ca. tio", "bl.a. polisen".
bool lower_case_follows(std::string_view s, std::size_t pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos >= s.size()) return false;
  auto c = static_cast<unsigned char>(s[pos]);
  if (c >= 'a' && c <= 'z') return true;
  // UTF-8 lower-case Latin-1 letters are C3 9F..C3 BF (ß..ÿ).
  return c == 0xC3 && pos + 1 < s.size() && static_cast<unsigned char>(s[pos + 1]) >= 0x9F;
}

// The word that ends at `end` (exclusive), lower-cased, without an opening
// parenthesis.
std::string word_before(std::string_view s, std::size_t end) {
  std::size_t start = s.find_last_of(" (", end - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  return lower(s.substr(start, end - start));
}

bool is_short_number(std::string_view w) {
  std::string_view digits = w.substr(0, w.size() - 1);  // without the full stop
  if (digits.empty() || digits.size() > 2) return false;
  for (char c : digits)
    if (c < '0' || c > '9') return false;
  return true;
}

// Whether the full stop, question or exclamation mark at `i` ends a sentence
// that starts at `sentence_start`; `after` receives where the next one starts.
bool ends_sentence(std::string_view s, std::size_t sentence_start, std::size_t i,
                   const std::vector<Span>& spans, std::size_t& after) {
  std::size_t j = i + 1;
  while (j < s.size()) {
    std::size_t len = quote_mark(s, j);
    if (len == 0 && s[j] == ')') len = 1;
    if (len == 0) break;
    j += len;
  }
  if (j < s.size() && s[j] != ' ') return false;
  if (inside(spans, j) || lower_case_follows(s, j)) return false;
  if (s[i] == '.') {
    std::string w = word_before(s, i + 1);
    if (CueList::embedded("abbreviations", false).contains_word(w)) return false;
    // A list number ("1. Att tillstyrka", "Beslut 1. Nämnden ...").
    if (is_short_number(w) &&
        consult::words_of(s.substr(sentence_start, i - sentence_start)).size() <= 2)
      return false;
  }
  after = j;
  return true;
}

Sentence make_sentence(std::string_view s, std::size_t begin, std::size_t end,
                       const std::vector<Span>& spans) {
  Sentence out;
  out.text = collapse_space(s.substr(begin, end - begin));
  std::size_t quoted = 0, total = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (s[i] == ' ') continue;
    ++total;
    for (const Span& sp : spans)
      if (i >= sp.begin && i < sp.end) ++quoted;
  }
  // Mostly quoted: the program's words, not the respondent's.
  out.quoted = total > 0 && quoted * 10 >= total * 7;
  return out;
}

std::regex section_regex() {
  std::string nouns;
  for (const auto& cue : CueList::embedded("sections", false).cues()) {
    std::string noun;
    for (char c : cue.phrase) {
      if (c == '.') noun += '\\';
      noun += c;
    }
    nouns += (nouns.empty() ? "" : "|") + noun;
  }
  return std::regex("(?:^|[\\s(,;])(" + nouns + ")\\s+(\\d+(?:[.:]\\d+)*)",
                    std::regex::ECMAScript | std::regex::icase);
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view passage) {
  std::string text = collapse_space(passage);
  std::string_view s(text);
  std::vector<Span> spans = quote_spans(s);
  std::vector<Sentence> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '.' && s[i] != '?' && s[i] != '!') continue;
    std::size_t after = 0;
    if (!ends_sentence(s, start, i, spans, after)) continue;
    out.push_back(make_sentence(s, start, after, spans));
    start = after;
    i = after;
  }
  if (start < s.size()) out.push_back(make_sentence(s, start, s.size(), spans));
  std::erase_if(out, [](const Sentence& x) { return x.text.empty(); });
  return out;
}

std::vector<std::string> section_mentions(std::string_view sentence) {
  static const std::regex re = section_regex();
  std::vector<std::string> out;
  std::string text(sentence);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    std::string ref = lower((*it)[1].str()) + " " + (*it)[2].str();
    if (std::find(out.begin(), out.end(), ref) == out.end()) out.push_back(ref);
  }
  // A short quotation that reads like a heading: ”Trygghet i vardagen”.
  for (const Span& sp : quote_spans(sentence)) {
    std::string inner =
        collapse_space(sentence.substr(sp.inner_begin, sp.inner_end - sp.inner_begin));
    if (inner.empty() || inner.find_first_of(".!?") != std::string::npos) continue;
    std::size_t words = consult::words_of(inner).size();
    if (words == 0 || words > 8) continue;
    if (std::find(out.begin(), out.end(), inner) == out.end()) out.push_back(inner);
  }
  return out;
}

}  // namespace rk
