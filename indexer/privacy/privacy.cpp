#include "indexer/privacy/privacy.hh"

#include <algorithm>

namespace rk::privacy {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool ascii_alnum(char c) { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int value(char c) { return c - '0'; }

// The Luhn sum over the nine digits YYMMDDNNN, weights 2,1,2,...
int luhn_check_digit(std::string_view nine) {
  int sum = 0;
  for (std::size_t i = 0; i < nine.size(); ++i) {
    int v = value(nine[i]) * (i % 2 == 0 ? 2 : 1);
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - sum % 10) % 10;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// A day of a month; without the century, 29 February is allowed.
bool valid_date(int year, bool century_known, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  return month != 2 || day < 29 || !century_known || leap(year);
}

// Digits only, separator removed: "YYMMDDNNNC" or "YYYYMMDDNNNC".
std::string digits_of(std::string_view text) {
  std::string out;
  for (char c : text)
    if (digit(c)) out += c;
  return out;
}

// The lengths of the shapes an identity number takes: 6+4 or 8+4 digits,
// with an optional '-' or '+' before the last four.
std::size_t identity_length_at(std::string_view text, std::size_t at) {
  for (const std::size_t date_digits : {8u, 6u}) {
    std::size_t i = at, n = 0;
    while (i < text.size() && n < date_digits && digit(text[i])) ++i, ++n;
    if (n != date_digits) continue;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    std::size_t serial = 0;
    while (i < text.size() && serial < 4 && digit(text[i])) ++i, ++serial;
    if (serial == 4 && (i == text.size() || !ascii_alnum(text[i]))) return i - at;
  }
  return 0;
}

// Phone numbers: 0 or +46 (with an optional "(0)"), then groups of digits
// separated by one space or hyphen (" - " and " – " too), 8-10 digits in all counting
// the trunk 0. The first group is the area code (08, or 3-4 digits with the
// 0) or the whole number written without separators.
std::size_t phone_length_at(std::string_view text, std::size_t at) {
  std::size_t i = at;
  int digits = 0;
  if (text.substr(at, 3) == "+46") {
    i += 3;
    digits = 1;  // the trunk 0 the international form leaves out
    if (i < text.size() && text[i] == ' ') ++i;
    if (text.substr(i, 3) == "(0)") i += 3;
    if (i < text.size() && text[i] == ' ') ++i;
    if (i >= text.size() || !digit(text[i]) || text[i] == '0') return 0;
  } else if (text[at] != '0' || at + 1 >= text.size() || !digit(text[at + 1]) ||
             text[at + 1] == '0') {
    return 0;
  }
  std::size_t end = 0;
  for (bool first = true; i < text.size() && digit(text[i]); first = false) {
    int group = 0;
    while (i < text.size() && digit(text[i])) ++i, ++group;
    if (i < text.size() && ascii_alnum(text[i])) break;
    if (first) {
      // Only Stockholm has a one-digit area code (08): "05 09 2022" is a date.
      const int with_trunk = digits + group;
      const bool stockholm = with_trunk == 2 && text[i - 1] == '8';
      if (!(with_trunk >= 3 && with_trunk <= 4) && !stockholm &&
          !(with_trunk >= 8 && with_trunk <= 10))
        return 0;
    } else if (group < 2 || group > 4 || digits + group > 10) {
      break;
    }
    digits += group;
    end = i;
    // One separator, and the next group must follow it at once.
    std::size_t next = i;
    if (text.substr(next, 3) == " - ") {
      next += 3;
    } else if (text.substr(next, 5) == " \u2013 ") {  // en dash, as word processors write it
      next += 5;
    } else if (next < text.size() && (text[next] == ' ' || text[next] == '-')) {
      ++next;
    }
    if (next == i || next >= text.size() || !digit(text[next])) break;
    i = next;
  }
  return digits >= 8 && digits <= 10 ? end - at : 0;
}

bool email_local(unsigned char c) {
  return ascii_alnum(static_cast<char>(c)) || c >= 0x80 || c == '.' || c == '_' || c == '%' ||
         c == '+' || c == '-';
}
bool domain_char(char c) { return ascii_alnum(c) || c == '-' || c == '.'; }

// The e-mail address around the '@' at `at`, or an empty span.
Span email_around(std::string_view text, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && email_local(static_cast<unsigned char>(text[begin - 1]))) --begin;
  while (begin < at && text[begin] == '.') ++begin;
  std::size_t end = at + 1;
  while (end < text.size() && domain_char(text[end])) ++end;
  while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) --end;
  const std::string_view domain = text.substr(at + 1, end - at - 1);
  const std::size_t dot = domain.rfind('.');
  if (begin == at || dot == std::string_view::npos || dot == 0) return {};
  const std::string_view tld = domain.substr(dot + 1);
  if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      }))
    return {};
  return {begin, end, Kind::email};
}

// Digits, '+' and letters continue a token: a number inside a longer one
// (an order number, a URL, a case number "KS-2023-0123") is not a match, nor
// is a group of an amount written with spaces ("1 025 000 000").
bool starts_token(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  const char before = text[at - 1];
  if (before == ' ' && at >= 2 && digit(text[at - 2])) return false;
  return !ascii_alnum(before) && before != '+' && before != '-' && before != '/' && before != '.';
}

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::personnummer:
      return "personnummer";
    case Kind::samordningsnummer:
      return "samordningsnummer";
    case Kind::phone:
      return "telefonnummer";
    case Kind::email:
      return "e-post";
  }
  return "";
}

bool is_identity_number(std::string_view text, Kind* kind) {
  if (identity_length_at(text, 0) != text.size()) return false;
  const std::string d = digits_of(text);
  const bool century_known = d.size() == 12;
  const std::string_view ten = std::string_view(d).substr(century_known ? 2 : 0);
  const int year = century_known ? std::stoi(d.substr(0, 4)) : value(ten[0]) * 10 + value(ten[1]);
  const int month = value(ten[2]) * 10 + value(ten[3]);
  int day = value(ten[4]) * 10 + value(ten[5]);
  Kind found = Kind::personnummer;
  if (day > 60) {
    day -= 60;
    found = Kind::samordningsnummer;
  }
  if (!valid_date(year, century_known, month, day)) return false;
  if (luhn_check_digit(ten.substr(0, 9)) != value(ten[9])) return false;
  if (kind != nullptr) *kind = found;
  return true;
}

std::vector<Span> find_personal_data(std::string_view text) {
  std::vector<Span> spans;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if ((digit(c) || c == '+') && starts_token(text, i)) {
      Kind kind;
      if (const std::size_t n = identity_length_at(text, i);
          n > 0 && is_identity_number(text.substr(i, n), &kind)) {
        spans.push_back({i, i + n, kind});
        i += n;
        continue;
      }
      if (const std::size_t n = phone_length_at(text, i); n > 0) {
        spans.push_back({i, i + n, Kind::phone});
        i += n;
        continue;
      }
    }
    if (c == '@') {
      const Span email = email_around(text, i);
      if (email.end > email.begin) {
        // The local part may already have been taken for a number: drop it.
        while (!spans.empty() && spans.back().end > email.begin) spans.pop_back();
        spans.push_back(email);
        i = email.end;
        continue;
      }
    }
    ++i;
  }
  return spans;
}

std::string redact(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const Span& span : find_personal_data(text)) {
    out.append(text.substr(at, span.begin - at));
    out += "[";
    out += kind_name(span.kind);
    out += "]";
    at = span.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace rk::privacy
