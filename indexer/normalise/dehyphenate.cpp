// Dehyphenation with the document's own vocabulary: a hyphen at a break is a
// split word ("säker-" "hetsprogram"), a suspended hyphen ("risk- och
// sårbarhetsanalyser") or a real hyphen ("GS-IT", "2023-2026").
#include <xapian.h>
#include <array>

#include "indexer/core/text.hh"
#include "indexer/normalise/internal.hh"
#include "indexer/normalise/normalise.hh"

namespace rk {

using namespace normalise_internal;

namespace {

// Longer runs are not words (URLs, hashes, garbage); they are not counted and
// bound the work done around one break.
constexpr std::size_t kMaxWord = 64;

// Words after which a hyphen coordinates compounds instead of splitting one.
constexpr std::array<std::string_view, 10> kSuspensionWords = {
    "och", "eller", "samt", "resp", "respektive", "till", "som", "liksom", "and", "or"};

bool is_suspension_word(std::string_view lower_word) {
  for (std::string_view w : kSuspensionWords) {
    if (w == lower_word) return true;
  }
  return false;
}

bool is_space_or_break(unsigned cp) { return cp == ' ' || cp == '\n' || cp == '\f'; }

// The word (word characters and inner hyphens) that ends `before`, or empty.
std::string_view last_word(std::string_view before) {
  std::size_t from = before.size() > kMaxWord ? before.size() - kMaxWord : 0;
  while (from < before.size() && (static_cast<unsigned char>(before[from]) & 0xC0) == 0x80) ++from;
  std::size_t start = std::string_view::npos, pos = from;
  bool prev_word = false;
  while (pos < before.size()) {
    std::size_t at = pos;
    unsigned cp = next_code_point(before, pos);
    bool word = is_word_char(cp);
    bool inner_hyphen = cp == '-' && prev_word && pos < before.size();
    if (word && start == std::string_view::npos) start = at;
    if (!word && !inner_hyphen) start = std::string_view::npos;
    prev_word = word;
  }
  if (start == std::string_view::npos || !prev_word) return {};
  return before.substr(start);
}

// The leading run of word characters of `after`, or empty.
std::string_view first_word(std::string_view after) {
  std::size_t pos = 0;
  while (pos < after.size() && after[pos] == ' ') ++pos;
  std::size_t start = pos;
  while (pos < after.size() && pos - start <= kMaxWord) {
    std::size_t at = pos;
    if (!is_word_char(next_code_point(after, pos))) {
      pos = at;
      break;
    }
  }
  return after.substr(start, pos - start);
}

unsigned first_cp(std::string_view s) {
  std::size_t pos = 0;
  return s.empty() ? 0 : next_code_point(s, pos);
}

unsigned last_cp(std::string_view s) {
  std::size_t pos = s.size();
  while (pos > 0 && (static_cast<unsigned char>(s[pos - 1]) & 0xC0) == 0x80) --pos;
  if (pos > 0) --pos;
  return s.empty() ? 0 : next_code_point(s, pos);
}

bool is_digit(unsigned cp) { return cp >= '0' && cp <= '9'; }

// "GS", "IT", "A" (A-kassa): no lower-case letter, at least one capital.
bool is_acronym(std::string_view segment) {
  bool upper = false;
  for (std::size_t pos = 0; pos < segment.size();) {
    unsigned cp = next_code_point(segment, pos);
    if (is_lower(cp)) return false;
    upper = upper || is_upper(cp);
  }
  return upper;
}

std::string_view last_segment(std::string_view word) {
  std::size_t dash = word.rfind('-');
  return dash == std::string_view::npos ? word : word.substr(dash + 1);
}

}  // namespace

Vocabulary::Vocabulary(std::string_view text) {
  std::string token;
  bool hyphenated = false, too_long = false, skip_next = false;
  auto finish = [&](bool split_fragment) {
    if (!token.empty()) {
      if (split_fragment) {
        skip_next = true;
      } else if (skip_next) {
        skip_next = false;  // the second fragment of a break
      } else if (!too_long) {
        ++(hyphenated ? hyphenated_ : words_)[token];
      }
    }
    token.clear();
    hyphenated = too_long = false;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    unsigned cp = next_code_point(text, pos);
    if (is_word_char(cp)) {
      too_long = too_long || token.size() > kMaxWord;
      if (too_long) continue;
      if (cp < 0x80) {
        token += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
      } else {
        Xapian::Unicode::append_utf8(token, Xapian::Unicode::tolower(cp));
      }
      continue;
    }
    if (cp == '-' && !token.empty() && pos < text.size()) {
      std::size_t peek = pos;
      unsigned next = next_code_point(text, peek);
      if (is_word_char(next)) {
        token += '-';
        hyphenated = true;
        continue;
      }
      finish(is_space_or_break(next));
      continue;
    }
    finish(false);
  }
  finish(false);
}

int Vocabulary::word(std::string_view lower_word) const {
  auto it = words_.find(std::string(lower_word));
  return it == words_.end() ? 0 : it->second;
}

int Vocabulary::hyphenated(std::string_view lower_word) const {
  auto it = hyphenated_.find(std::string(lower_word));
  return it == hyphenated_.end() ? 0 : it->second;
}

HyphenBreak decide_hyphen_break(const Vocabulary& vocabulary, std::string_view before,
                                std::string_view after, bool line_end) {
  std::string_view left = last_word(before);
  std::string_view right = first_word(after);
  if (left.empty() || right.empty()) return HyphenBreak::keep;
  std::string right_lower = lower(right);
  if (is_suspension_word(right_lower)) return HyphenBreak::keep;
  if (is_digit(last_cp(left)) || is_digit(first_cp(right))) return HyphenBreak::hyphen;
  std::string left_lower = lower(left);
  if (vocabulary.hyphenated(left_lower + "-" + right_lower) > 0) return HyphenBreak::hyphen;
  if (is_acronym(last_segment(left))) return HyphenBreak::hyphen;
  if (vocabulary.word(left_lower + right_lower) > 0) return HyphenBreak::join;
  if (!line_end) return HyphenBreak::keep;
  if (is_upper(first_cp(right))) return HyphenBreak::hyphen;  // "Stor-" "Göteborg"
  bool both_words = vocabulary.word(left_lower) > 0 && vocabulary.word(right_lower) > 0;
  return both_words ? HyphenBreak::hyphen : HyphenBreak::join;
}

std::string join_reflowed_breaks(const Vocabulary& vocabulary, std::string_view text, int& joins) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  for (std::size_t hit = text.find("- "); hit != std::string_view::npos;
       hit = text.find("- ", hit + 2)) {
    std::string_view before = text.substr(0, hit);
    std::string_view after = text.substr(hit + 2);
    if (last_word(before).empty() || after.empty() || after.front() == ' ') continue;
    HyphenBreak decision = decide_hyphen_break(vocabulary, before, after, false);
    if (decision == HyphenBreak::keep) continue;
    out.append(text, pos, hit - pos);
    if (decision == HyphenBreak::hyphen) out += '-';
    if (decision == HyphenBreak::join) ++joins;
    pos = hit + 2;
  }
  out.append(text, pos, std::string_view::npos);
  return out;
}

}  // namespace rk
