// Tokens and the Swedish words for kinds of steering documents.
#include <array>

#include "indexer/core/text.hh"
#include "indexer/refs/internal.hh"

namespace rk::refs {

namespace {

// One code point of UTF-8 at `pos`; `len` receives its byte length.
// Invalid bytes count as one unknown character.
unsigned decode(std::string_view s, std::size_t pos, std::size_t& len) {
  const auto b = static_cast<unsigned char>(s[pos]);
  int extra = b < 0x80 ? 0 : (b >> 5) == 6 ? 1 : (b >> 4) == 14 ? 2 : (b >> 3) == 30 ? 3 : -1;
  len = 1;
  if (extra == 0) return b;
  if (extra < 0 || pos + extra >= s.size()) return 0xFFFD;
  unsigned cp = b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
  len = static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool is_letter(unsigned cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

bool is_upper(unsigned cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

bool is_digit(unsigned cp) { return cp >= '0' && cp <= '9'; }

bool is_space(unsigned cp) {
  return cp <= 0x20 || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F;
}

unsigned at(std::string_view s, std::size_t pos) {
  std::size_t len = 0;
  return pos < s.size() ? decode(s, pos, len) : 0;
}

// The end of the word starting at `pos`: letters and digits, a hyphen between
// a letter and a letter or digit ("GS-IT", "IT-policyn"), and a trailing
// hyphen before a space ("Trygghets- och").
std::size_t word_end(std::string_view s, std::size_t pos) {
  bool prev_letter = false;
  while (pos < s.size()) {
    std::size_t len = 0;
    const unsigned cp = decode(s, pos, len);
    if (is_letter(cp) || is_digit(cp)) {
      prev_letter = is_letter(cp);
      pos += len;
      continue;
    }
    if (cp != '-' || !prev_letter) break;
    const unsigned next = at(s, pos + 1);
    if (is_letter(next) || is_digit(next)) {
      ++pos;
      continue;
    }
    if (next == ' ' || next == '\n') ++pos;  // suspended compound part
    break;
  }
  return pos;
}

struct Form {
  const char* ending;
  const char* head;
  bool definite;
  bool plural;
};

// Longest endings first: the first that a word ends with wins.
constexpr std::array kForms{
    Form{"programmens", "program", true, true},
    Form{"programmets", "program", true, false},
    Form{"programmet", "program", true, false},
    Form{"programmen", "program", true, true},
    Form{"programs", "program", false, false},
    Form{"program", "program", false, false},
    Form{"planernas", "plan", true, true},
    Form{"planerna", "plan", true, true},
    Form{"planens", "plan", true, false},
    Form{"planen", "plan", true, false},
    Form{"planer", "plan", false, true},
    Form{"plans", "plan", false, false},
    Form{"plan", "plan", false, false},
    Form{"policyerna", "policy", true, true},
    Form{"policyer", "policy", false, true},
    Form{"policyns", "policy", true, false},
    Form{"policyn", "policy", true, false},
    Form{"policys", "policy", false, false},
    Form{"policy", "policy", false, false},
    Form{"riktlinjerna", "riktlinje", true, true},
    Form{"riktlinjens", "riktlinje", true, false},
    Form{"riktlinjen", "riktlinje", true, false},
    Form{"riktlinjer", "riktlinje", false, true},
    Form{"riktlinjes", "riktlinje", false, false},
    Form{"riktlinje", "riktlinje", false, false},
    Form{"strategierna", "strategi", true, true},
    Form{"strategier", "strategi", false, true},
    Form{"strategins", "strategi", true, false},
    Form{"strategin", "strategi", true, false},
    Form{"strategis", "strategi", false, false},
    Form{"strategi", "strategi", false, false},
};

// Compounds on these heads that are not steering documents.
const std::set<std::string> kNotDocuments{"flyg",  "våning",   "golv",   "data", "dator", "tv",
                                          "radio", "tränings", "detalj", "tid",  "tids"};

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The owner in a name: "i Norrviks stad" and "Norrviks stads" name the same.
bool is_owner_word(std::string_view w) {
  static const std::set<std::string, std::less<>> kWords{
      "stad", "stads", "kommun", "kommuns", "stadens", "kommunens", "region", "regions"};
  return kWords.count(w) > 0;
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t len = 0;
    const unsigned cp = decode(text, pos, len);
    if (is_space(cp)) {
      pos += len;
      continue;
    }
    Token t;
    t.begin = pos;
    t.word = is_letter(cp) || is_digit(cp);
    t.end = t.word ? word_end(text, pos) : pos + len;
    t.text = std::string(text.substr(t.begin, t.end - t.begin));
    t.lower = rk::lower(t.text);
    t.capital = is_upper(cp);
    t.number = t.word && t.text.find_first_not_of("0123456789") == std::string::npos;
    out.push_back(std::move(t));
    pos = out.back().end;
  }
  return out;
}

std::optional<Head> document_head(std::string_view lower_word) {
  for (const Form& f : kForms) {
    if (!ends_with(lower_word, f.ending)) continue;
    const std::string_view prefix =
        lower_word.substr(0, lower_word.size() - std::string_view(f.ending).size());
    // "IT-policyn" is a compound; "kaplan" is not.
    if (!prefix.empty() && prefix.size() < 3 && prefix.back() != '-') return std::nullopt;
    Head h;
    h.head = f.head;
    h.modifier = compound_stem(prefix);
    h.definite = f.definite;
    h.plural = f.plural;
    if (kNotDocuments.count(h.modifier)) return std::nullopt;
    return h;
  }
  return std::nullopt;
}

std::string compound_stem(std::string_view lower_part) {
  std::string s(lower_part);
  while (!s.empty() && s.back() == '-') s.pop_back();
  // A linking s after a consonant ("säkerhets", "leverantörs"); a vowel or a
  // non-ASCII letter before it (å, ä, ö) means the s belongs to the word.
  if (s.size() > 4 && s.back() == 's') {
    const auto prev = static_cast<unsigned char>(s[s.size() - 2]);
    if (prev < 0x80 &&
        std::string_view("aeiouys").find(static_cast<char>(prev)) == std::string_view::npos)
      s.pop_back();
  }
  return s;
}

bool is_year(const Token& token) {
  return token.number && token.text.size() == 4 &&
         (token.text.rfind("19", 0) == 0 || token.text.rfind("20", 0) == 0);
}

bool is_function_word(std::string_view w) {
  static const std::set<std::string, std::less<>> kWords{
      "för",   "mot",  "om",    "vid",  "i",     "inom", "kring", "till",     "av",  "med",
      "på",    "och",  "eller", "samt", "den",   "det",  "de",    "en",       "ett", "från",
      "under", "över", "efter", "hos",  "genom", "utan", "inför", "avseende", "att", "år"};
  return kWords.count(w) > 0;
}

namespace {

// "Norrviks" in "Norrviks stad(s)", "Göteborgs Stads": the name of an owner.
bool is_owner_name(const std::vector<Token>& t, std::size_t i) {
  return t[i].capital && !t[i].number && i + 1 < t.size() && is_owner_word(t[i + 1].lower);
}

}  // namespace

std::set<std::string> name_words(std::string_view name) {
  std::set<std::string> out;
  const std::vector<Token> tokens = tokenize(name);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.word || t.number || is_function_word(t.lower) || is_owner_word(t.lower) ||
        is_owner_name(tokens, i))
      continue;
    if (auto h = document_head(t.lower)) {
      out.insert(h->head);
      if (!h->modifier.empty()) out.insert(h->modifier);
      continue;
    }
    out.insert(compound_stem(t.lower));
  }
  return out;
}

std::string head_of(std::string_view name) {
  for (const Token& t : tokenize(name))
    if (auto h = document_head(t.lower)) return h->head;
  return {};
}

std::string owner_in(std::string_view name) {
  const std::vector<Token> tokens = tokenize(name);
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (is_owner_name(tokens, i)) return compound_stem(tokens[i].lower);
  return {};
}

std::string years_in(std::string_view text) {
  const std::vector<Token> t = tokenize(text);
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!is_year(t[i])) continue;
    const bool dash = i + 2 < t.size() && (t[i + 1].text == "-" || t[i + 1].text == "–");
    if (dash && is_year(t[i + 2])) return t[i].text + "–" + t[i + 2].text;
    return t[i].text;
  }
  return {};
}

}  // namespace rk::refs
