// UTF-8 code points, letters and words for the terminology module.

#include <cstdint>
#include <set>
#include <stdexcept>

#include "indexer/terms/internal.hh"

namespace rk::terms {
namespace {

// One code point at `i` (advanced); invalid bytes come back as U+FFFD.
char32_t next_cp(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t c = len == 1 ? b : b & (0x7F >> len);
  for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<std::size_t>(len);
  return c;
}

}  // namespace

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) out += next_cp(utf8, i);
  return out;
}

std::string from_u32(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// Latin letters, which is what Swedish text uses (é, ü in names included).
bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

bool is_upper(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

bool is_function_word(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "och",  "i",    "för",  "om",    "av",  "till",   "med",   "på",   "vid",  "samt",  "eller",
      "den",  "det",  "de",   "en",    "ett", "mellan", "efter", "fram", "över", "under", "genom",
      "utan", "inom", "ovan", "kring", "mot", "från",   "som",   "att",  "the",  "of",    "and"};
  return kWords.count(w) > 0;
}

bool is_determiner(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "andra",   "alla",  "hela",   "samma",  "varje",  "vissa",  "flera", "olika",
      "många",   "denna", "detta",  "dessa",  "inga",   "ingen",  "inget", "någon",
      "något",   "några", "annan",  "annat",  "sina",   "sitt",   "våra",  "vårt",
      "deras",   "dess",  "hennes", "hans",   "egna",   "övriga", "båda",  "bägge",
      "somliga", "sådan", "sådant", "sådana", "vilken", "vilket", "vilka"};
  return kWords.count(w) > 0;
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> out;
  for (const Word& w : scan_words(text)) {
    const bool hyphen_after = w.end < text.size() && text[w.end] == '-';
    out.push_back(std::string(w.form(text)) + (hyphen_after ? "-" : ""));
  }
  return out;
}

std::string_view sentence_before(std::string_view text, std::size_t pos) {
  std::size_t start = text.find_last_of(".;:!?()[]\n", pos == 0 ? 0 : pos - 1);
  // "t.ex." and "m.m." do not end a sentence, but a full stop then a space does.
  while (start != std::string_view::npos && text[start] == '.' &&
         (start + 1 >= text.size() || text[start + 1] != ' ') && start > 0)
    start = text.find_last_of(".;:!?()[]\n", start - 1);
  start = start == std::string_view::npos ? 0 : start + 1;
  return text.substr(start, pos - start);
}

std::vector<Word> scan_words(std::string_view text) {
  if (text.size() >= UINT32_MAX) throw std::length_error("scan_words: a text of 4 GiB or more");
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t begin = i;
    if (!is_letter(next_cp(text, i))) continue;
    std::size_t end = i;
    for (std::size_t j = i; j < text.size();) {
      std::size_t k = j;
      const char32_t c = next_cp(text, k);
      if (is_letter(c)) {
        end = j = k;
      } else if (c == '-' && k < text.size()) {
        std::size_t m = k;
        if (!is_letter(next_cp(text, m))) break;
        j = k;
      } else {
        break;
      }
    }
    out.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
    i = end;
  }
  return out;
}

}  // namespace rk::terms
