#include "indexer/bundle/text.hh"

#include <array>
#include <cctype>
#include <cstdio>
#include <regex>

namespace rk::bundle {

bool starts_with_word(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  if (lower(text.substr(0, prefix.size())) != prefix) return false;
  if (text.size() == prefix.size()) return true;
  auto next = static_cast<unsigned char>(text[prefix.size()]);
  // A letter (ASCII or a UTF-8 lead byte) continues the word.
  return !(std::isalnum(next) || next >= 0x80);
}

std::string_view trim(std::string_view text, std::string_view chars) {
  auto begin = text.find_first_not_of(chars);
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(chars);
  return text.substr(begin, end - begin + 1);
}

int word_count(std::string_view text) {
  int count = 0;
  bool in_word = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++count;
    in_word = !space;
  }
  return count;
}

namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "januari", "februari", "mars",      "april",   "maj",      "juni",
    "juli",    "augusti",  "september", "oktober", "november", "december"};

std::string iso(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

bool plausible(int year, int month, int day) {
  return year >= 1950 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

FoundDate find_date(std::string_view text) {
  static const std::regex iso_re(R"((^|[^0-9])((19|20)\d\d)-(\d\d)-(\d\d)($|[^0-9]))");
  static const std::regex written_re(
      R"((^|[^0-9])(\d{1,2}) (januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) ((19|20)\d\d))",
      std::regex::icase);
  FoundDate best;
  std::string copy(text);
  std::smatch m;
  if (std::regex_search(copy, m, iso_re)) {
    int year = std::stoi(m[2]), month = std::stoi(m[4]), day = std::stoi(m[5]);
    if (plausible(year, month, day)) {
      best.position = static_cast<std::size_t>(m.position(2));
      best.length = 10;
      best.iso = iso(year, month, day);
    }
  }
  if (std::regex_search(copy, m, written_re)) {
    auto position = static_cast<std::size_t>(m.position(2));
    if (position < best.position) {
      std::string month_name = lower(m[3].str());
      int month = 0;
      for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (kMonths[i] == month_name) month = static_cast<int>(i) + 1;
      int day = std::stoi(m[2]), year = std::stoi(m[4]);
      if (plausible(year, month, day)) {
        best.position = position;
        best.length = static_cast<std::size_t>(m.position(4) + m.length(4)) - position;
        best.iso = iso(year, month, day);
      }
    }
  }
  return best;
}

}  // namespace rk::bundle
