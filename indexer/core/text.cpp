#include "indexer/core/text.hh"

#include <Poco/SHA1Engine.h>
#include <xapian.h>
#include <cctype>

#include "indexer/core/schema.hh"

namespace rk {

std::string lower(std::string_view utf8) { return Xapian::Unicode::tolower(std::string(utf8)); }

namespace {

// ASCII stand-ins for the letters that occur in Swedish names.
char ascii_of(unsigned ch) {
  switch (ch) {
    case 0xe5:  // å
    case 0xe4:  // ä
    case 0xe0:
    case 0xe1:
      return 'a';
    case 0xf6:  // ö
    case 0xf8:
    case 0xf3:
      return 'o';
    case 0xe9:
    case 0xe8:
      return 'e';
    case 0xfc:
      return 'u';
    default:
      return 0;
  }
}

}  // namespace

std::string slug(std::string_view utf8) {
  std::string out;
  for (Xapian::Utf8Iterator it(utf8.data(), utf8.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = Xapian::Unicode::tolower(*it);
    char c = 0;
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.') {
      c = static_cast<char>(ch);
    } else {
      c = ascii_of(ch);
    }
    if (c == 0) c = '-';
    if (c == '-' && (out.empty() || out.back() == '-')) continue;
    out += c;
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  return out;
}

std::string name_key(std::string_view utf8) {
  std::string out;
  for (char c : lower(collapse_space(utf8))) out += (c == ' ') ? '-' : c;
  return out;
}

std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= schema::kMaxTermBytes) {
    term += value;
  } else {
    term += "#";
    term += sha1_hex(value);
  }
  return term;
}

std::string sha1_hex(std::string_view bytes) {
  Poco::SHA1Engine engine;
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string collapse_space(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool space = false;
  for (char c : utf8) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string valid_utf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const auto c = static_cast<unsigned char>(in[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= in.size();
    for (std::size_t k = 1; ok && k < len; ++k)
      ok = (static_cast<unsigned char>(in[i + k]) >> 6) == 0x2;
    if (ok && len == 2) ok = c >= 0xC2;  // no overlong forms
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(in[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(in[i + 1]);
      ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(in.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string year_of(std::string_view iso_date) {
  if (iso_date.size() >= 4 && std::isdigit(static_cast<unsigned char>(iso_date[0])) &&
      std::isdigit(static_cast<unsigned char>(iso_date[3]))) {
    return std::string(iso_date.substr(0, 4));
  }
  return {};
}

}  // namespace rk
