#include "indexer/analysis/tokenizer.hh"

#include <limits>

#include <xapian.h>

// The rules below follow Xapian 1.4's termgenerator_internal.cc so that our
// positional terms are the ones QueryParser expects. CJK n-grams are not
// produced (Xapian does so only when asked to).

namespace rk::analysis {

namespace {

using Xapian::Utf8Iterator;
namespace U = Xapian::Unicode;

constexpr unsigned kIgnore = std::numeric_limits<unsigned>::max();

bool ascii_upper(unsigned ch) { return ch < 128 && ch >= 'A' && ch <= 'Z'; }

unsigned wordchar(unsigned ch) { return U::is_wordchar(ch) ? U::tolower(ch) : 0; }

bool is_digit(unsigned ch) { return U::get_category(ch) == U::DECIMAL_DIGIT_NUMBER; }

bool zero_width(unsigned ch) {
  return ch >= 0x200b && (ch <= 0x200d || ch == 0x2060 || ch == 0xfeff);
}

unsigned infix(unsigned ch) {
  if (ch == '\'' || ch == '&' || ch == 0xb7 || ch == 0x5f4 || ch == 0x2027) return ch;
  if (ch == 0x2019 || ch == 0x201b) return '\'';
  return zero_width(ch) ? kIgnore : 0;
}

unsigned infix_digit(unsigned ch) {
  switch (ch) {
    case ',':
    case '.':
    case ';':
    case 0x037e:
    case 0x0589:
    case 0x060d:
    case 0x07f8:
    case 0x2044:
    case 0xfe10:
    case 0xfe13:
    case 0xfe14:
      return ch;
    default:
      return zero_width(ch) ? kIgnore : 0;
  }
}

unsigned suffix(unsigned ch) { return ch == '+' || ch == '#' ? ch : 0; }

// Dotted acronym starting at `it` ("U.N.", "P.T.O"): on success the term is
// in `term` and `it` is past it.
bool read_acronym(Utf8Iterator& it, std::string& term) {
  const Utf8Iterator end;
  Utf8Iterator p = it;
  do {
    U::append_utf8(term, U::tolower(*p++));
  } while (p != end && *p == '.' && ++p != end && ascii_upper(*p));
  if (term.size() > 1 && (p == end || !U::is_wordchar(*p))) {
    it = p;
    return true;
  }
  term.clear();
  return false;
}

// Reads a word starting at the word character `ch` under `it`.
void read_word(Utf8Iterator& it, unsigned ch, std::string& term) {
  const Utf8Iterator end;
  while (true) {
    unsigned prev;
    do {
      U::append_utf8(term, ch);
      prev = ch;
      if (++it == end) return;
      ch = wordchar(*it);
    } while (ch);
    Utf8Iterator next(it);
    if (++next == end) break;
    unsigned next_ch = wordchar(*next);
    if (!next_ch) break;
    unsigned joiner = is_digit(prev) && is_digit(*next) ? infix_digit(*it) : infix(*it);
    if (!joiner) break;
    if (joiner != kIgnore) U::append_utf8(term, joiner);
    ch = next_ch;
    it = next;
  }
  std::size_t len = term.size();
  unsigned count = 0;
  while ((ch = suffix(*it))) {
    if (++count > 3) {
      term.resize(len);
      break;
    }
    U::append_utf8(term, ch);
    if (++it == end) return;
  }
  // "fish+chips" is two words, not "fish+" and "chips".
  if (U::is_wordchar(*it)) term.resize(len);
}

}  // namespace

bool should_stem(std::string_view term) {
  constexpr unsigned kMask = (1U << U::LOWERCASE_LETTER) | (1U << U::TITLECASE_LETTER) |
                             (1U << U::MODIFIER_LETTER) | (1U << U::OTHER_LETTER);
  Utf8Iterator u(term.data(), term.size());
  return (kMask >> U::get_category(*u)) & 1;
}

std::size_t tokenize(std::string_view text, std::vector<Token>& out) {
  std::size_t count = 0;
  Utf8Iterator it(text.data(), text.size());
  const Utf8Iterator end;
  while (true) {
    unsigned ch = 0;
    while (it != end && !(ch = wordchar(*it))) ++it;
    if (it == end) break;
    if (count == out.size()) out.emplace_back();
    Token& token = out[count++];
    token.term.clear();
    token.begin = it.raw() - text.data();
    if (!ascii_upper(*it) || !read_acronym(it, token.term)) read_word(it, ch, token.term);
    token.end = it == end ? text.size() : static_cast<std::size_t>(it.raw() - text.data());
  }
  return count;
}

}  // namespace rk::analysis
