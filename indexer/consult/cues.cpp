#include "indexer/consult/cues.hh"

#include <map>
#include <mutex>
#include <sstream>

#include "indexer/core/text.hh"

namespace rk::consult {

namespace {

constexpr std::size_t kMaxGap = 8;  // words a "..." may skip

// The code point at `pos` and its length in bytes (1 for a stray byte).
char32_t decode(std::string_view s, std::size_t pos, std::size_t& len) {
  auto c = static_cast<unsigned char>(s[pos]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || pos + static_cast<std::size_t>(extra) >= s.size()) {
    len = 1;
    return c;
  }
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int i = 1; i <= extra; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
  len = static_cast<std::size_t>(extra) + 1;
  return cp;
}

// Letters of the Latin scripts and digits; punctuation, dashes, quotation
// marks and private-use bullets are not.
bool is_word_char(char32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}

bool token_matches(const std::string& pat, const std::string& word) {
  bool lead = pat.size() > 1 && pat.front() == '*';
  bool trail = pat.size() > 1 && pat.back() == '*';
  std::string_view core(pat);
  if (lead) core.remove_prefix(1);
  if (trail) core.remove_suffix(1);
  std::string_view w(word);
  if (lead && trail) return w.find(core) != std::string_view::npos;
  if (trail) return w.substr(0, core.size()) == core;
  if (lead) return w.size() >= core.size() && w.substr(w.size() - core.size()) == core;
  return w == core;
}

// Matches pattern[p..] at word i; `last` receives the last word matched.
bool match_from(const std::vector<std::string>& pattern, std::size_t p,
                const std::vector<Word>& words, std::size_t i, std::size_t& last) {
  if (p == pattern.size()) return true;
  if (pattern[p] == "...") {
    for (std::size_t gap = 0; gap <= kMaxGap && i + gap <= words.size(); ++gap) {
      if (match_from(pattern, p + 1, words, i + gap, last)) return true;
    }
    return false;
  }
  if (i >= words.size() || !token_matches(pattern[p], words[i].text)) return false;
  last = i;
  return match_from(pattern, p + 1, words, i + 1, last);
}

}  // namespace

std::vector<Word> words_of(std::string_view s) {
  std::vector<Word> out;
  std::size_t pos = 0, start = std::string_view::npos;
  auto close = [&](std::size_t end) {
    if (start == std::string_view::npos) return;
    out.push_back({lower(s.substr(start, end - start)), start, end});
    start = std::string_view::npos;
  };
  while (pos < s.size()) {
    std::size_t len = 1;
    char32_t cp = decode(s, pos, len);
    std::size_t next_len = 1;
    bool inner_hyphen = cp == '-' && start != std::string_view::npos && pos + 1 < s.size() &&
                        is_word_char(decode(s, pos + 1, next_len));
    if (is_word_char(cp) || inner_hyphen) {
      if (start == std::string_view::npos) start = pos;
    } else {
      close(pos);
    }
    pos += len;
  }
  close(s.size());
  return out;
}

CueList::CueList(std::string_view data, bool labelled) {
  std::istringstream in{std::string(data)};
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream fields(line);
    Cue cue;
    if (labelled && !(fields >> cue.label)) continue;
    for (std::string token; fields >> token;) {
      cue.pattern.push_back(token == "..." ? token : lower(token));
      cue.phrase += (cue.phrase.empty() ? "" : " ") + token;
    }
    if (!cue.pattern.empty()) cues_.push_back(std::move(cue));
  }
}

const CueList& CueList::embedded(std::string_view name, bool labelled) {
  static std::mutex mutex;
  static std::map<std::string, CueList, std::less<>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(name);
  if (it == cache.end())
    it = cache.emplace(std::string(name), CueList(embedded_cue_file(name), labelled)).first;
  return it->second;
}

std::vector<CueMatch> CueList::find_at(const std::vector<Word>& words, std::size_t at) const {
  std::vector<CueMatch> out;
  for (const Cue& cue : cues_) {
    std::size_t last = at;
    if (match_from(cue.pattern, 0, words, at, last)) out.push_back({&cue, at, last});
  }
  return out;
}

std::vector<CueMatch> CueList::find_all(const std::vector<Word>& words) const {
  std::vector<CueMatch> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto here = find_at(words, i);
    out.insert(out.end(), here.begin(), here.end());
  }
  return out;
}

CueMatch CueList::longest(const std::vector<Word>& words) const {
  CueMatch best;
  for (const CueMatch& m : find_all(words)) {
    if (!best.cue || m.length() > best.length()) best = m;
  }
  return best;
}

bool CueList::contains_word(std::string_view lower_word) const {
  for (const Cue& cue : cues_) {
    if (cue.pattern.size() == 1 && cue.pattern.front() == lower_word) return true;
  }
  return false;
}

}  // namespace rk::consult
