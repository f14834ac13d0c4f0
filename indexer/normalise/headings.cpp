// Headings and list markers found in plain text. Precision matters more than
// recall: a false heading cuts a document's section in two, a missed one only
// leaves a paragraph a little longer.
#include <algorithm>
#include <array>
#include <unordered_set>

#include "indexer/core/text.hh"
#include "indexer/normalise/internal.hh"
#include "indexer/normalise/normalise.hh"

namespace rk::normalise_internal {

namespace {

struct KnownHeading {
  std::string_view text;  // lower case
  bool may_be_glued;      // also split off when glued to a first sentence
};

// Section headings of Göteborg staff reports, minutes and steering documents.
constexpr auto kKnownHeadings = std::to_array<KnownHeading>({
    {"förslag till beslut", true},
    {"förvaltningens förslag till beslut", true},
    {"stadsledningskontorets förslag till beslut", true},
    {"kommunstyrelsens förslag", true},
    {"förslag till yttrande", true},
    {"sammanfattning", true},
    {"ärendet", true},
    {"beskrivning av ärendet", true},
    {"bakgrund", true},
    {"bakgrund och syfte", true},
    {"beredning", false},
    {"ärendets beredning", true},
    {"förvaltningens synpunkter", true},
    {"övriga synpunkter", true},
    {"synpunkter", false},
    {"bedömning", true},
    {"stadsledningskontorets bedömning", true},
    {"förvaltningens bedömning", true},
    {"nämndens bedömning", true},
    {"bedömning ur ekonomisk dimension", true},
    {"bedömning ur ekologisk dimension", true},
    {"bedömning ur social dimension", true},
    {"beslutsunderlag", true},
    {"bilagor", true},
    {"yttrande", false},
    {"särskilt yttrande", false},
    {"protokollsutdrag", false},
    {"protokollsanteckning", false},
    {"beslut", false},
    {"nämndens beslut", false},
    {"yrkande", false},
    {"yrkanden", false},
    {"propositionsordning", false},
    {"omröstning", false},
    {"reservation", false},
    {"reservationer", false},
    {"skiljaktig mening", false},
    {"samverkan", true},
    {"inledning", true},
    {"syfte", true},
    {"syfte och mål", true},
    {"mål", false},
    {"vision", false},
    {"målgrupp", false},
    {"uppföljning", true},
    {"uppföljning och utvärdering", true},
    {"genomförande", false},
    {"ansvar", false},
    {"ansvarsfördelning", false},
    {"roller och ansvar", false},
    {"definitioner", false},
    {"begrepp", false},
    {"avgränsning", false},
    {"avgränsningar", false},
    {"giltighet", false},
    {"giltighetstid", false},
    {"tillämpning", false},
    {"utgångspunkter", false},
    {"nuläge", false},
    {"konsekvenser", false},
    {"ekonomiska konsekvenser", false},
    {"slutsats", false},
    {"slutsatser", false},
    {"motivering", false},
    {"insatser", false},
    {"remissinstanser", false},
    {"remissvar", false},
    {"sammanställning av remissvar", false},
    {"innehållsförteckning", false},
    {"referenser", false},
});

constexpr int kKnownHeadingLevel = 2;
constexpr std::size_t kMaxHeadingBytes = 100;

// Lower-cased head of `text`, at most `bytes` long, cut on a character.
std::string lower_head(std::string_view text, std::size_t bytes) {
  std::size_t n = std::min(bytes, text.size());
  while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return lower(text.substr(0, n));
}

unsigned first_cp(std::string_view s) {
  std::size_t pos = 0;
  return s.empty() ? 0 : next_code_point(s, pos);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int count_digits(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), is_digit));
}

// Counts words, stopping at `limit`.
int count_words(std::string_view s, int limit) {
  int n = 0;
  bool in_word = false;
  for (char c : s) {
    if (c == ' ') {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      if (++n >= limit) break;
    }
  }
  return n;
}

bool ends_like_sentence_part(std::string_view s) {
  return !s.empty() && std::string_view(".,;:-").find(s.back()) != std::string_view::npos;
}

// A short title: starts with a capital, no terminal punctuation, few digits,
// no table gap, no paragraph sign.
bool is_title_text(std::string_view title, int max_words) {
  return !title.empty() && title.size() <= 80 && is_upper(first_cp(title)) &&
         count_words(title, max_words + 1) <= max_words && !ends_like_sentence_part(title) &&
         count_digits(title) <= 4 && !has_column_gap(title) &&
         title.find("\xC2\xA7") == std::string_view::npos;
}

int known_heading_level(std::string_view line) {
  if (line.size() > kMaxHeadingBytes) return 0;
  std::string key = lower(line);
  if (!key.empty() && key.back() == ':') key.pop_back();
  for (const KnownHeading& h : kKnownHeadings) {
    if (h.text == key) return kKnownHeadingLevel;
  }
  return 0;
}

// A section number at the start of a line: "3", "3.2", "6.1.3." or "7:1"
// (Swedish action plans number their insatser "2:3"). `end` receives the
// position after it and `depth` its number of parts; false when there is
// none. A single number with a dot ("1. ...") is an enumeration, not handled
// here; a colon part with a leading zero ("13:05") is a time of day.
bool section_number(std::string_view line, std::size_t& end, int& depth) {
  std::size_t p = 0;
  int top = 0;
  depth = 0;
  bool colon = false;
  while (depth < 6) {
    std::size_t b = p;
    while (p < line.size() && p - b < 3 && is_digit(line[p])) ++p;
    if (p == b || p - b > 2 || (colon && line[b] == '0')) return false;
    if (depth == 0) top = std::stoi(std::string(line.substr(b, p - b)));
    ++depth;
    bool next_part = p + 1 < line.size() && is_digit(line[p + 1]);
    if (next_part && line[p] == '.' && !colon) {
      ++p;
      continue;
    }
    if (next_part && line[p] == ':' && depth == 1 && line[p + 1] != '0') {
      colon = true;
      ++p;
      continue;
    }
    break;
  }
  bool trailing_dot = !colon && p < line.size() && line[p] == '.';
  if (trailing_dot) ++p;
  if (p >= line.size() || line[p] != ' ' || top == 0 || top > 30) return false;
  if (depth == 1 && trailing_dot) return false;
  end = p;
  return true;
}

// Words that name what a number counts: "Insats 7:1 Lokala lägesbilder".
// Only before a colon number, where they are the plan's own label.
std::size_t label_bytes(std::string_view line) {
  constexpr std::array<std::string_view, 3> kLabels = {"insats ", "åtgärd ", "aktivitet "};
  for (std::string_view label : kLabels) {
    if (lower_head(line, label.size()) != label) continue;
    std::string_view rest = line.substr(label.size());
    std::size_t colon = rest.find(':');
    std::size_t space = rest.find(' ');
    return colon != std::string_view::npos && colon < space ? label.size() : 0;
  }
  return 0;
}

// Dot leaders of a table of contents: "1 Inledning ........ 3".
bool has_dot_leader(std::string_view title) {
  return title.find("...") != std::string_view::npos ||
         title.find("\xE2\x80\xA6") != std::string_view::npos;
}

// "1 Inledning", "3.2 Jämställdhet", "6.1. Risk- och sårbarhetsanalys",
// "7:1 Lokala lägesbilder", "Insats 7:1 Lokala lägesbilder".
int numbered_heading_level(std::string_view line) {
  line = line.substr(label_bytes(line));
  std::size_t p = 0;
  int depth = 0;
  if (!section_number(line, p, depth)) return 0;
  std::string_view title = trim(line.substr(p));
  // "3 Nej-röster: ..." counts votes.
  if (title.find(':') != std::string_view::npos || has_dot_leader(title)) return 0;
  // "26 Avsiktsförklaring om ..., 2019" is a footnote, not a heading.
  std::size_t comma = title.find(',');
  if (comma != std::string_view::npos && count_digits(title.substr(comma)) > 0) return 0;
  return is_title_text(title, 10) ? depth : 0;
}

// "Bilaga 2", "Bilaga 3: Sammanställning av remissvar".
int appendix_heading_level(std::string_view line) {
  if (line.size() > 80 || lower_head(line, 7) != "bilaga ") return 0;
  std::size_t p = 7;
  if (p >= line.size() || !is_digit(line[p])) return 0;
  while (p < line.size() && is_digit(line[p])) ++p;
  std::string_view rest = trim(line.substr(p));
  if (rest.empty()) return 1;
  if (rest.front() == ':') rest = trim(rest.substr(1));
  if (rest.find(':') != std::string_view::npos) return 0;
  return rest.empty() || (is_title_text(rest, 10) && rest.back() != '.') ? 1 : 0;
}

// "SAMMANFATTNING", "STYRELSEN FÖR LISEBERGSKONCERNEN".
int all_caps_heading_level(std::string_view line) {
  if (line.size() > 80 || count_words(line, 10) > 8 || has_column_gap(line)) return 0;
  int letters = 0;
  for (std::size_t pos = 0; pos < line.size();) {
    unsigned cp = next_code_point(line, pos);
    if (is_lower(cp)) return 0;
    if (is_upper(cp)) ++letters;
  }
  return letters >= 6 && count_digits(line) <= 4 ? 1 : 0;
}

// Lines naming a body rather than a section: "Kommunstyrelsen",
// "Miljö- och klimatnämnden", "Socialförvaltningen".
bool names_an_organisation(std::string_view last_word_lower) {
  constexpr std::array<std::string_view, 12> kSuffixes = {
      "nämnd",         "nämnden",     "styrelse", "styrelsen", "kontoret", "förvaltning",
      "förvaltningen", "fullmäktige", "rådet",    "stad",      "kommun",   "region"};
  return std::any_of(kSuffixes.begin(), kSuffixes.end(), [&](std::string_view suffix) {
    return last_word_lower.size() >= suffix.size() &&
           last_word_lower.substr(last_word_lower.size() - suffix.size()) == suffix;
  });
}

}  // namespace

bool is_known_heading(std::string_view line) { return known_heading_level(trim(line)) > 0; }

int glued_heading(std::string_view text, std::size_t& heading_bytes) {
  std::string head = lower_head(text, kMaxHeadingBytes);
  const KnownHeading* best = nullptr;
  for (const KnownHeading& h : kKnownHeadings) {
    if (!h.may_be_glued || head.size() <= h.text.size() + 1) continue;
    if (head.compare(0, h.text.size(), h.text) != 0 || head[h.text.size()] != ' ') continue;
    if (best == nullptr || h.text.size() > best->text.size()) best = &h;
  }
  if (best == nullptr) return 0;
  // Lower-casing keeps byte lengths for the letters of Swedish headings.
  std::string_view rest = text.substr(best->text.size() + 1);
  bool numbered_list = best->text == "bilagor" || best->text == "beslutsunderlag";
  unsigned next = first_cp(rest);
  bool starts_sentence = is_upper(next) || (numbered_list && next >= '0' && next <= '9');
  if (!starts_sentence || count_words(rest, 4) < 4) return 0;
  heading_bytes = best->text.size();
  return kKnownHeadingLevel;
}

std::string_view without_label(std::string_view heading) {
  return heading.substr(label_bytes(heading));
}

namespace {

// The word without the punctuation that follows it: "stad," -> "stad".
std::string_view bare_word(std::string_view word) {
  std::size_t end = word.find_last_not_of(".,;:!?)\"");
  return end == std::string_view::npos ? std::string_view{} : word.substr(0, end + 1);
}

// "Kvinnor", and the preposition "I"; not "RSA", not "F".
bool starts_upper_word(std::string_view word) {
  std::size_t pos = 0;
  if (word.empty() || !is_upper(next_code_point(word, pos))) return false;
  if (word == "I") return true;
  return pos < word.size() && is_lower(next_code_point(word, pos));
}

// Lines with fewer words are headings or list lines, not wrapped sentences.
constexpr std::size_t kMinRunningLineWords = 6;

bool ends_clause(std::string_view word) {
  return !word.empty() && std::string_view(".!?:;").find(word.back()) != std::string_view::npos;
}

// "1.2. Med Parterna avses ..." is a clause of an agreement: a heading does
// not start with a preposition or a pronoun.
bool starts_with_function_word(std::string_view word) {
  constexpr std::array<std::string_view, 18> kWords = {
      "med", "i",   "på",  "av", "för", "om",    "till",  "vid", "enligt",
      "se",  "det", "den", "de", "när", "detta", "denna", "att", "vi"};
  std::string key = lower(word);
  return std::find(kWords.begin(), kWords.end(), key) != kWords.end();
}

// Whether the text from a capitalised word on is a sentence: enough words,
// a lower-case second word, and (in a whole paragraph) a full stop.
bool starts_sentence(std::string_view rest, bool whole_paragraph) {
  std::vector<std::string_view> words = split_words(rest.substr(0, 200));
  return words.size() >= 4 && is_lower(first_cp(words[1])) &&
         (!whole_paragraph || rest.find_first_of(".!?") != std::string_view::npos);
}

}  // namespace

std::unordered_set<std::string> capitalised_mid_sentence(std::string_view text) {
  std::unordered_set<std::string> names;
  // Whether the previous word is inside a sentence (a lower-case word or a
  // name) and does not end a clause: a capital after it marks a name.
  bool inside = false;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(begin, end - begin));
    begin = end + 1;
    std::size_t number_end = 0;
    int depth = 0;
    // A numbered line may hold a glued heading: it is the case being decided.
    if (line.empty() || label_bytes(line) > 0 || section_number(line, number_end, depth)) {
      inside = false;
      continue;
    }
    std::vector<std::string_view> words = split_words(line);
    // Only running text goes on across a line end; a heading line does not.
    if (words.size() < kMinRunningLineWords) inside = false;
    for (std::string_view word : words) {
      bool name = inside && starts_upper_word(word) && word != "I";
      if (name) names.emplace(bare_word(word));
      inside = (name || is_lower(first_cp(word))) && !ends_clause(word);
    }
    if (words.size() < kMinRunningLineWords) inside = false;
  }
  return names;
}

int glued_numbered_heading(std::string_view text, const std::unordered_set<std::string>& names,
                           bool whole_paragraph, std::size_t& heading_begin,
                           std::size_t& heading_end) {
  std::size_t label = label_bytes(text);
  std::size_t number_end = 0;
  int depth = 0;
  if (!section_number(text.substr(label), number_end, depth)) return 0;
  if (depth < 2 && label == 0) return 0;  // "2 Se Brå:s rapport ..." is a footnote
  // A plan's labelled titles are longer than a report's section titles.
  const int max_title_words = label > 0 ? 12 : 6;
  std::size_t pos = label + number_end + 1;
  int title_words = 0;
  while (pos < text.size() && title_words <= max_title_words) {
    std::size_t end = std::min(text.find(' ', pos), text.size());
    std::string_view word = text.substr(pos, end - pos);
    bool capital = starts_upper_word(word);
    if (title_words > 0 && capital && names.count(std::string(bare_word(word))) == 0) {
      if (!starts_sentence(text.substr(pos), whole_paragraph)) return 0;
      heading_begin = label;
      heading_end = pos - 1;
      return depth;
    }
    bool title_word = (title_words > 0 || capital) && count_digits(word) == 0 &&
                      !ends_clause(word) && word.back() != ',' &&
                      word.find_first_of("()\"") == std::string_view::npos;
    if (!title_word || (title_words == 0 && starts_with_function_word(word))) return 0;
    ++title_words;
    pos = end + 1;
  }
  return 0;
}

bool reads_like_heading(std::string_view line) {
  if (!is_title_text(line, 8) || line.find_first_of("():/@|\"") != std::string_view::npos ||
      count_digits(line) > 0 || line.back() == '!') {
    return false;
  }
  std::vector<std::string_view> words = split_words(line);
  // Swedish headings are in sentence case; names and letterheads are not.
  bool title_case = words.size() >= 2 && std::all_of(words.begin(), words.end(),
                                                     [](auto w) { return is_upper(first_cp(w)); });
  return !title_case && !names_an_organisation(lower(words.back()));
}

bool reads_like_body(std::string_view text) {
  int words = count_words(text, 15);
  if (words >= 15) return true;
  return words >= 6 && std::string_view(".:!?").find(text.back()) != std::string_view::npos;
}

int list_marker(std::string_view line) {
  line = trim(line);
  if (line.empty()) return -1;
  std::size_t pos = 0;
  unsigned cp = next_code_point(line, pos);
  constexpr std::array<unsigned, 12> kGlyphs = {0xF0B7, 0x2022, 0xF0A7, 0xF0D8, 0xF076, 0x25AA,
                                                0x25CF, 0x25E6, 0x2023, 0x2043, 0x2219, 0x27A2};
  bool glyph = std::find(kGlyphs.begin(), kGlyphs.end(), cp) != kGlyphs.end();
  bool dash = cp == '-' || cp == '*' || cp == 0x2013 || cp == 0x2014 || cp == 'o';
  if (glyph || (dash && pos < line.size() && line[pos] == ' ')) {
    std::size_t text = line.find_first_not_of(' ', pos);
    return text == std::string_view::npos ? -1 : static_cast<int>(text);
  }
  // "1." "12)" "a)" "a." "(3)"
  std::size_t p = line[0] == '(' ? 1 : 0;
  std::size_t b = p;
  while (p < line.size() && p - b < 3 && is_digit(line[p])) ++p;
  bool number = p > b && p - b <= 2;
  bool letter = p == b && p < line.size() && line[p] >= 'a' && line[p] <= 'z';
  if (letter) ++p;
  if (!number && !letter) return -1;
  if (p >= line.size() || (line[p] != '.' && line[p] != ')')) return -1;
  if (line[0] == '(' && line[p] != ')') return -1;
  ++p;
  if (p >= line.size() || line[p] != ' ' || trim(line.substr(p)).empty()) return -1;
  return 0;
}

int enumerated_heading_level(std::string_view line) {
  std::size_t p = 0;
  while (p < line.size() && p < 2 && is_digit(line[p])) ++p;
  if (p == 0 || p + 1 >= line.size() || line[p] != '.' || line[p + 1] != ' ') return 0;
  std::string_view title = trim(line.substr(p + 1));
  // "1. Att avslå motionen" is a point of a decision.
  if (lower_head(title, 4) == "att ") return 0;
  return is_title_text(title, 6) && count_digits(title) == 0 ? 1 : 0;
}

std::vector<std::string_view> split_glued_bullets(std::string_view line) {
  constexpr std::array<std::string_view, 3> kGlyphs = {"\xE2\x80\xA2", "\xEF\x82\xB7",
                                                       "\xEF\x82\xA7"};
  std::vector<std::string_view> pieces;
  std::size_t start = 0;
  for (std::size_t pos = 1; pos < line.size(); ++pos) {
    if (line[pos - 1] != ' ' || static_cast<unsigned char>(line[pos]) < 0xE2) continue;
    bool glyph = std::any_of(kGlyphs.begin(), kGlyphs.end(),
                             [&](std::string_view g) { return line.substr(pos, 3) == g; });
    if (!glyph) continue;
    std::string_view piece = trim(line.substr(start, pos - start));
    if (!piece.empty()) pieces.push_back(piece);
    start = pos;
  }
  std::string_view last = trim(line.substr(start));
  if (!last.empty()) pieces.push_back(last);
  return pieces;
}

}  // namespace rk::normalise_internal

namespace rk {

int standalone_heading_level(std::string_view line) {
  using namespace normalise_internal;
  line = trim(line);
  if (line.empty() || line.size() > kMaxHeadingBytes) return 0;
  if (int level = known_heading_level(line)) return level;
  if (int level = appendix_heading_level(line)) return level;
  if (int level = numbered_heading_level(line)) return level;
  return all_caps_heading_level(line);
}

}  // namespace rk
