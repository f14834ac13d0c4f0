// Character-level cleaning and the small predicates the other passes share.
#include <xapian.h>

#include "indexer/normalise/internal.hh"

namespace rk::normalise_internal {

namespace {

bool is_space_like(unsigned cp) {
  return cp == '\t' || cp == '\v' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0x1680;
}

bool is_invisible(unsigned cp) {
  return cp == '\r' || cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF || cp == 0x2060;
}

}  // namespace

std::string sanitise(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // next_code_point reads a byte that is not part of valid UTF-8 as the
  // Latin-1 character of that value, which is what an old office file means.
  for (std::size_t pos = 0; pos < text.size();) {
    unsigned cp = next_code_point(text, pos);
    if (cp == '\n' || cp == '\f') {
      out += static_cast<char>(cp);
    } else if (is_invisible(cp)) {
      continue;
    } else if (is_space_like(cp) || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      out += ' ';
    } else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an encoded surrogate or out-of-range value
    } else if (cp == 0x2010 || cp == 0x2011) {
      out += '-';
    } else {
      Xapian::Unicode::append_utf8(out, cp);
    }
  }
  return out;
}

unsigned next_code_point(std::string_view utf8, std::size_t& pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(utf8[i]); };
  unsigned lead = byte(pos);
  int extra = lead >= 0xF0 && lead < 0xF5 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 ? 1 : 0;
  if (lead >= 0xF5) extra = 0;
  unsigned cp = extra == 3 ? lead & 0x07 : extra == 2 ? lead & 0x0F : lead & 0x1F;
  if (extra == 0 || pos + extra >= utf8.size()) {
    ++pos;  // ASCII, or a stray byte read as Latin-1
    return lead;
  }
  for (int k = 1; k <= extra; ++k) {
    if ((byte(pos + k) & 0xC0) != 0x80) {
      ++pos;
      return lead;
    }
    cp = (cp << 6) | (byte(pos + k) & 0x3F);
  }
  pos += extra + 1;
  return cp;
}

// ASCII first: most of the text is ASCII and Xapian's table lookup is not free.
bool is_word_char(unsigned cp) {
  if (cp < 0x80) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
           cp == '_';
  }
  return Xapian::Unicode::is_wordchar(cp);
}

bool is_upper(unsigned cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return Xapian::Unicode::get_category(cp) == Xapian::Unicode::UPPERCASE_LETTER;
}

bool is_lower(unsigned cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return Xapian::Unicode::get_category(cp) == Xapian::Unicode::LOWERCASE_LETTER;
}

std::string_view trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(' ');
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t b = s.find_first_not_of(' ', pos);
    if (b == std::string_view::npos) break;
    std::size_t e = s.find(' ', b);
    if (e == std::string_view::npos) e = s.size();
    words.push_back(s.substr(b, e - b));
    pos = e;
  }
  return words;
}

bool has_column_gap(std::string_view line) {
  line = trim(line);
  std::size_t first_space = line.find(' ');
  if (first_space == std::string_view::npos) return false;
  std::size_t after_first = line.find_first_not_of(' ', first_space);
  return line.find("   ", after_first) != std::string_view::npos;
}

std::string furniture_key(std::string_view line) {
  std::string key;
  bool space = false, digits = false;
  for (char c : trim(line)) {
    if (c == ' ') {
      space = true;
      digits = false;
      continue;
    }
    if (space) key += ' ';
    space = false;
    bool digit = c >= '0' && c <= '9';
    if (digit && !digits) key += '#';
    if (!digit) key += c;
    digits = digit;
  }
  return key;
}

namespace {

// Reads a run of 1..4 digits backwards ending just before `end`.
bool digits_before(std::string_view s, std::size_t end, std::size_t& begin, int& value) {
  begin = end;
  while (begin > 0 && end - begin < 4 && s[begin - 1] >= '0' && s[begin - 1] <= '9') --begin;
  if (begin == end || (begin > 0 && s[begin - 1] >= '0' && s[begin - 1] <= '9')) return false;
  value = std::stoi(std::string(s.substr(begin, end - begin)));
  return true;
}

// Reads a run of 1..4 digits forwards from `pos`.
bool digits_at(std::string_view s, std::size_t& pos, int& value) {
  std::size_t b = pos;
  while (pos < s.size() && pos - b < 5 && s[pos] >= '0' && s[pos] <= '9') ++pos;
  if (pos == b || pos - b > 4) return false;
  value = std::stoi(std::string(s.substr(b, pos - b)));
  return true;
}

}  // namespace

bool strip_trailing_page_number(std::string_view& line) {
  std::string_view s = trim(line);
  // "N (M)" or "N(M)" with 1 <= N <= M <= 999: larger totals are years.
  if (s.size() < 4 || s.back() != ')') return false;
  std::size_t b = 0;
  int total = 0, page = 0;
  if (!digits_before(s, s.size() - 1, b, total) || b == 0 || s[b - 1] != '(') return false;
  std::size_t open = b - 1;
  std::size_t end = open;
  if (end > 0 && s[end - 1] == ' ') --end;
  if (!digits_before(s, end, b, page)) return false;
  if (page < 1 || page > total || total > 999) return false;
  if (b > 0 && s[b - 1] != ' ') return false;
  line = trim(s.substr(0, b));
  return true;
}

namespace {

// "Sida N av M" or "Sida N (M)" at `pos`; `end` receives its end.
bool page_of_at(std::string_view s, std::size_t pos, std::size_t& end) {
  if (s.substr(pos, 5) != "Sida ") return false;
  std::size_t p = pos + 5;
  int page = 0, total = 0;
  if (!digits_at(s, p, page)) return false;
  if (s.substr(p, 4) == " av ") {
    p += 4;
  } else {
    if (p < s.size() && s[p] == ' ') ++p;
    if (p >= s.size() || s[p] != '(') return false;
    ++p;
  }
  if (!digits_at(s, p, total)) return false;
  if (p < s.size() && s[p] == ')') ++p;
  end = p;
  return page <= total;
}

}  // namespace

bool strip_page_of_tokens(std::string& line) {
  std::string out;
  bool found = false;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t hit = line.find("Sida ", pos);
    std::size_t end = 0;
    if (hit == std::string::npos) {
      out.append(line, pos, std::string::npos);
      break;
    }
    if (page_of_at(line, hit, end)) {
      out.append(line, pos, hit - pos);
      out += ' ';
      found = true;
      pos = end;
    } else {
      out.append(line, pos, hit + 5 - pos);
      pos = hit + 5;
    }
  }
  if (found) line = std::move(out);
  return found;
}

}  // namespace rk::normalise_internal

namespace rk {

bool is_page_number_line(std::string_view line) {
  using namespace normalise_internal;
  std::string_view s = trim(line);
  if (s.empty() || s.size() > 24) return false;  // "Sida 999 av 999" is shorter
  std::size_t p = 0;
  int value = 0;
  if (digits_at(s, p, value) && p == s.size()) return true;  // "12"
  std::string_view rest = s;
  if (strip_trailing_page_number(rest) && rest.empty()) return true;  // "3 (14)"
  std::size_t end = 0;
  if (page_of_at(s, 0, end) && end == s.size()) return true;  // "Sida 1 av 2"
  // "- 7 -" and "– 7 –"
  std::string key = furniture_key(s);
  return key == "- # -" || key == "-#-" || key == "\xE2\x80\x93 # \xE2\x80\x93";
}

}  // namespace rk
