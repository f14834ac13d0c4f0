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

// A Latin-1 letter (å, ä, ö, é ...) in UTF-8: 0xC3 and a continuation byte.
bool latin1_letter_at(std::string_view text, std::size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC3;
}
bool letter_at(std::string_view text, std::size_t i) {
  return i < text.size() && (ascii_alnum(text[i]) || latin1_letter_at(text, i));
}

// Whether a number ending at `end` is only part of a longer token: a letter
// follows ("012324255ÿ" in a broken PDF), a hyphen and more of it (a UUID
// "01960105-c62f-...", a case number and date "0133-24 2025-06-16"), a
// slash and a letter, or a decimal point and digits. A slash and a digit
// joins two phone numbers ("031-365 00 47/031-365 00 36").
bool continues_token(std::string_view text, std::size_t end) {
  if (end >= text.size()) return false;
  if (letter_at(text, end)) return true;
  const char c = text[end];
  if (c == '-') return letter_at(text, end + 1);
  if (c == '/') return letter_at(text, end + 1) && !digit(text[end + 1]);
  return (c == '.' || c == ',') && end + 1 < text.size() && digit(text[end + 1]);
}

// Where the next group of a phone number starts after the separator at
// `at`: one space or hyphen, or a hyphen or en dash with a space on either
// side or both ("031 - 365", "031- 3650000", "031–365"); `at` when none.
std::size_t after_separator(std::string_view text, std::size_t at) {
  std::size_t i = at;
  if (i < text.size() && text[i] == ' ') ++i;
  bool dash = false;
  if (i < text.size() && text[i] == '-') {
    ++i, dash = true;
  } else if (text.substr(i, 3) == "\u2013") {  // en dash, as word processors write it
    i += 3, dash = true;
  }
  if (dash && i < text.size() && text[i] == ' ') ++i;
  return i < text.size() && digit(text[i]) ? i : at;
}

// Phone numbers: 0 or +46 (with an optional "(0)"), then groups of digits
// (after_separator), 8-10 digits in all counting the trunk 0. The first
// group is the area code (08, or 3-4 digits with the 0) or the whole number
// written without separators; the others have 2-4 digits, or one group
// after the area code holds the whole subscriber number ("031-3650000").
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
  for (int n = 0; i < text.size() && digit(text[i]); ++n) {
    int group = 0;
    while (i < text.size() && digit(text[i])) ++i, ++group;
    if (letter_at(text, i)) break;
    const bool subscriber = n == 1 && group >= 5 && group <= 8 && digits + group <= 10;
    if (n == 0) {
      // Only Stockholm has a one-digit area code (08): "05 09 2022" is a date.
      const int with_trunk = digits + group;
      const bool stockholm = with_trunk == 2 && text[i - 1] == '8';
      if (!(with_trunk >= 3 && with_trunk <= 4) && !stockholm &&
          !(with_trunk >= 8 && with_trunk <= 10))
        return 0;
    } else if (!subscriber && (group < 2 || group > 4 || digits + group > 10)) {
      break;
    }
    digits += group;
    end = i;
    if (subscriber) break;
    const std::size_t next = after_separator(text, i);
    if (next == i) break;
    i = next;
  }
  if (digits < 8 || digits > 10 || continues_token(text, end)) return 0;
  return end - at;
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

// Digits, '+' and letters (å, ä, ö too) continue a token: a number inside a
// longer one (an order number, a URL, a case number "KS-2023-0123", a
// decimal "0,012 23000") is not a match, nor is a group of an amount written
// with spaces ("1 025 000 000"). A slash after a digit joins two numbers
// ("031-365 00 47/031-365 00 36").
bool starts_token(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  if (at >= 2 && latin1_letter_at(text, at - 2)) return false;
  const char before = text[at - 1];
  if (before == ' ' && at >= 2 && digit(text[at - 2])) return false;
  if (before == '/') return at >= 2 && digit(text[at - 2]);
  return !ascii_alnum(before) && before != '+' && before != '-' && before != '.' && before != ',';
}

// Each kind's code (terms, JSON) and Swedish name (placeholders), in one place.
struct KindNames {
  Kind kind;
  std::string_view code, name;
};
constexpr KindNames kKindNames[] = {
    {Kind::personnummer, "personnummer", "personnummer"},
    {Kind::samordningsnummer, "samordningsnummer", "samordningsnummer"},
    {Kind::phone, "phone", "telefonnummer"},
    {Kind::email, "email", "e-post"},
};

const KindNames& kind_names(Kind kind) {
  for (const auto& k : kKindNames)
    if (k.kind == kind) return k;
  return kKindNames[0];  // unreachable: every Kind is in the table
}

}  // namespace

std::string_view kind_name(Kind kind) { return kind_names(kind).name; }

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
      // Ten digits from a 0 are a mobile number ("0701234569") far more
      // often than a samordningsnummer of 2007 written without its hyphen.
      if (const std::size_t n = identity_length_at(text, i);
          n > 0 && !(n == 10 && c == '0') && !continues_token(text, i + n) &&
          is_identity_number(text.substr(i, n), &kind)) {
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

std::string_view kind_code(Kind kind) { return kind_names(kind).code; }

std::optional<Kind> kind_from_code(std::string_view code) {
  for (const auto& k : kKindNames)
    if (k.code == code) return k.kind;
  return std::nullopt;
}

bool is_identity(Kind kind) {
  return kind == Kind::personnummer || kind == Kind::samordningsnummer;
}

std::string rewrite(std::string_view text, const std::vector<Span>& spans,
                    const std::function<std::string(const Span&, std::string_view)>& replace) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const Span& span : spans) {
    if (span.begin < at || span.end <= span.begin || span.end > text.size()) continue;
    out.append(text.substr(at, span.begin - at));
    out += replace(span, text.substr(span.begin, span.end - span.begin));
    at = span.end;
  }
  out.append(text.substr(at));
  return out;
}

namespace {

std::string placeholder(const Span& span, std::string_view) {
  return "[" + std::string(kind_name(span.kind)) + "]";
}

}  // namespace

std::string redact(std::string_view text) {
  return rewrite(text, find_personal_data(text), placeholder);
}

std::string redact_identity_numbers(std::string_view text) {
  auto spans = find_personal_data(text);
  std::erase_if(spans, [](const Span& s) { return !is_identity(s.kind); });
  return rewrite(text, spans, placeholder);
}

}  // namespace rk::privacy
