// Plain text files and the small text helpers every reader uses.
#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows1252Encoding.h>

#include <cstdio>

#include "indexer/core/error.hh"
#include "indexer/readers/internal.hh"

namespace rk {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string* encoding) {
  if (is_valid_utf8(bytes)) {
    if (encoding != nullptr) *encoding = "UTF-8";
    return std::string(bytes);
  }
  Poco::Windows1252Encoding from;
  Poco::UTF8Encoding to;
  Poco::TextConverter converter(from, to);
  std::string out;
  converter.convert(bytes.data(), static_cast<int>(bytes.size()), out);
  if (encoding != nullptr) *encoding = "windows-1252";
  return out;
}

namespace detail {

bool looks_binary(std::string_view bytes) {
  // A sample is enough: binary formats show themselves in the first block.
  const std::string_view sample = bytes.substr(0, 64 * 1024);
  std::size_t control = 0;
  for (const char ch : sample) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) ++control;
  }
  return control * 20 > sample.size();  // more than 5 % control characters
}

std::string human_size(std::size_t bytes) {
  if (bytes < 1024 * 1024) return std::to_string(bytes) + " byte";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  std::string text = buffer;
  text[text.find('.')] = ',';  // Swedish decimal comma
  return text;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t skip = 0;
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      skip = 1;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      skip = 2;  // no-break space
    } else if (text.substr(i, 3) == "\xE2\x80\xAF" || text.substr(i, 3) == "\xE2\x80\x87") {
      skip = 3;  // narrow no-break space and figure space, as in "10 000"
    }
    if (skip > 0) {
      pending_space = !out.empty();
      i += skip - 1;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string iso_date_prefix(std::string_view text) {
  const std::string_view date = text.substr(0, 10);
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (date[i] < '0' || date[i] > '9') return {};
  return std::string(date);
}

void add_block(ReadResult& result, BlockKind kind, int level, std::string_view text, int line_start,
               int line_end) {
  std::string clean = collapse_whitespace(text);
  if (clean.empty()) return;
  Block block;
  block.kind = kind;
  block.level = kind == BlockKind::heading ? level : 0;
  block.text = std::move(clean);
  block.line_start = line_start;
  block.line_end = std::max(line_start, line_end);
  result.blocks.push_back(std::move(block));
}

ReadResult read_text(std::string_view bytes) {
  if (looks_binary(bytes)) throw InputError("binärt innehåll, inte text");
  ReadResult result;
  result.format = "text";
  result.layout_text = true;
  std::string utf8 = to_utf8(bytes, &result.encoding);
  std::string_view view = utf8;
  if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
  result.text.reserve(view.size());
  for (std::size_t i = 0; i < view.size(); ++i) {
    if (view[i] != '\r') {
      result.text += view[i];
    } else {
      result.text += '\n';
      if (i + 1 < view.size() && view[i + 1] == '\n') ++i;
    }
  }
  return result;
}

}  // namespace detail
}  // namespace rk
