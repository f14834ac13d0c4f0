// Plain text files and the small text helpers every reader uses.
#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows1252Encoding.h>

#include <array>
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

struct Utf8Census {
  std::size_t multibyte = 0;  // valid sequences of two bytes or more
  std::size_t invalid = 0;    // bytes that start no valid sequence
};

Utf8Census utf8_census(std::string_view s) {
  Utf8Census census;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      ++census.invalid;
      ++i;
    } else {
      census.multibyte += n > 1 ? 1 : 0;
      i += n;
    }
  }
  return census;
}

std::string windows1252_to_utf8(std::string_view bytes) {
  Poco::Windows1252Encoding from;
  Poco::UTF8Encoding to;
  Poco::TextConverter converter(from, to);
  std::string out;
  converter.convert(bytes.data(), static_cast<int>(bytes.size()), out);
  return out;
}

// UTF-8 with stray bytes (a Windows-1252 line pasted into a UTF-8 file):
// the valid sequences stay, each stray byte is read as Windows-1252, so
// that one bad byte does not turn every "ö" of the file into "Ã¶".
std::string mixed_to_utf8(std::string_view bytes) {
  static const std::array<std::string, 256> as_windows1252 = [] {
    std::array<std::string, 256> table;
    for (int b = 0; b < 256; ++b)
      table[b] = windows1252_to_utf8(std::string(1, static_cast<char>(b)));
    return table;
  }();
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) {
      out += as_windows1252[static_cast<unsigned char>(bytes[i])];
      ++i;
    } else {
      out.append(bytes.substr(i, n));
      i += n;
    }
  }
  return out;
}

}  // namespace

std::string to_utf8(std::string_view bytes, std::string* encoding) {
  const Utf8Census census = utf8_census(bytes);
  std::string name = "UTF-8";
  std::string out;
  if (census.invalid == 0) {
    out = std::string(bytes);
  } else if (census.multibyte > 0 && census.multibyte >= census.invalid) {
    name = "UTF-8 och windows-1252";
    out = mixed_to_utf8(bytes);
  } else {
    name = "windows-1252";
    out = windows1252_to_utf8(bytes);
  }
  if (encoding != nullptr) *encoding = name;
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

std::size_t paragraph_cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  const std::size_t space = text.find_last_of(" \t", limit);
  if (space != std::string_view::npos && space > 0) return space + 1;
  std::size_t at = limit;  // no space: cut before a UTF-8 lead byte
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at > 0 ? at : limit;
}

void add_block(ReadResult& result, BlockKind kind, int level, std::string_view text, int line_start,
               int line_end) {
  const std::string clean = collapse_whitespace(text);
  std::string_view rest = clean;
  // A heading this long is not one; its pieces are paragraphs.
  if (rest.size() > kMaxParagraphBytes && kind == BlockKind::heading) kind = BlockKind::paragraph;
  while (!rest.empty()) {
    const std::size_t cut = paragraph_cut(rest, kMaxParagraphBytes);
    Block block;
    block.kind = kind;
    block.level = kind == BlockKind::heading ? level : 0;
    block.text = collapse_whitespace(rest.substr(0, cut));
    block.line_start = line_start;
    block.line_end = std::max(line_start, line_end);
    result.blocks.push_back(std::move(block));
    rest.remove_prefix(cut);
  }
}

namespace {

// Lines longer than a paragraph may become several paragraphs (blank
// lines between), so that a file of one 200 MB line is not one passage.
std::size_t first_long_line(std::string_view text) {
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end - start > kMaxParagraphBytes) return start;
    start = end + 1;
  }
  return std::string_view::npos;
}

std::string break_long_lines(std::string text) {
  const std::size_t first = first_long_line(text);
  if (first == std::string_view::npos) return text;  // the common case
  std::string out(text, 0, first);
  out.reserve(text.size() + (text.size() - first) / kMaxParagraphBytes * 2);
  for (std::size_t at = first; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line(text.data() + at, end - at);
    while (line.size() > kMaxParagraphBytes) {
      const std::size_t cut = paragraph_cut(line, kMaxParagraphBytes);
      out.append(line.substr(0, cut));
      out += "\n\n";
      line.remove_prefix(cut);
    }
    out.append(line);
    if (end < text.size()) out += '\n';
    at = end + 1;
  }
  return out;
}

}  // namespace

ReadResult read_text(std::string_view bytes) {
  if (looks_binary(bytes)) throw InputError("binärt innehåll, inte text");
  ReadResult result;
  result.format = "text";
  result.layout_text = true;
  // Line ends are normalised in place: a file may be hundreds of MB.
  std::string text = to_utf8(bytes, &result.encoding);
  std::size_t out = 0;
  for (std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      text[out++] = text[i];
    } else {
      text[out++] = '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  text.resize(out);
  result.text = break_long_lines(std::move(text));
  return result;
}

}  // namespace detail
}  // namespace rk
