#include "indexer/analysis/lexicon.hh"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace rk::analysis {

namespace {

// Hunspell flags of sv_SE.aff that matter to us.
const std::uint64_t kCompoundBegin = flag_bit('X');
const std::uint64_t kCompoundMiddle = flag_bit('U');
const std::uint64_t kCompoundEnd = flag_bit('Y');
const std::uint64_t kOnlyInCompound = flag_bit('Z');
const std::uint64_t kForbidden = flag_bit('%');
// Verb particles and adjective prefixes (flags '>' and ')').
const std::uint64_t kParticle = flag_bit('>');

std::uint64_t flag_range(char first, char last) {
  std::uint64_t bits = 0;
  for (char c = first; c <= last; ++c) bits |= flag_bit(c);
  return bits;
}

// Noun inflections: genitive (A), definite and plural forms (B-J).
const std::uint64_t kNounInflections = flag_range('A', 'J');
// Definite and plural forms only: words with these are nouns, while the
// genitive flag is on adjectives and particles too.
const std::uint64_t kNounOnly = flag_range('B', 'J');

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

std::size_t codepoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += !is_continuation(c);
  return n;
}

char32_t decode_one(std::string_view s) {
  unsigned char c = s[0];
  int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  for (int k = 1; k <= extra && static_cast<std::size_t>(k) < s.size(); ++k) {
    cp = (cp << 6) | (s[k] & 0x3F);
  }
  return cp;
}

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

// Dictionary entries for names start with a capital; our text is lower-cased.
// Swedish capitals are ASCII or Latin-1 (Å Ä Ö É Ü), so this suffices.
void lower_latin(std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c >= 'A' && c <= 'Z') {
      s[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < s.size()) {
      unsigned char d = s[i + 1];
      if (d >= 0x80 && d <= 0x9E && d != 0x97) s[i + 1] = static_cast<char>(d + 32);
    }
  }
}

std::uint64_t parse_flags(std::string_view flags) {
  std::uint64_t bits = 0;
  for (char c : flags) bits |= flag_bit(c);
  return bits;
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::string affix_text(std::string_view s) { return s == "0" ? std::string() : std::string(s); }

}  // namespace

std::uint64_t flag_bit(char c) {
  if (c >= 'A' && c <= 'Z') return 1ULL << (c - 'A');
  if (c >= 'a' && c <= 'z') return 1ULL << (26 + c - 'a');
  if (c >= '0' && c <= '9') return 1ULL << (52 + c - '0');
  if (c == '%') return 1ULL << 62;
  if (c == '>' || c == ')') return 1ULL << 63;
  return 0;
}

Lexicon::Lexicon(const std::string& base) {
  read_aff(base + ".aff");
  read_dic(base + ".dic");
}

void Lexicon::read_aff(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read Hunspell affix file " + path);
  std::string line;
  while (std::getline(in, line)) {
    auto f = fields(line);
    // Rule lines have five fields: SFX flag strip add[/flags] condition.
    if (f.size() < 5 || f[0] != "SFX" || f[1].size() != 1) continue;
    Suffix rule;
    rule.flag = flag_bit(f[1][0]);
    rule.strip = affix_text(f[2]);
    std::string_view add = f[3];
    std::string_view cont;
    if (auto slash = add.find('/'); slash != std::string_view::npos) {
      cont = add.substr(slash + 1);
      add = add.substr(0, slash);
    }
    std::string condition(f[4]);
    for (std::size_t i = 0; i < condition.size();) {
      CharClass cc;
      if (condition[i] == '[') {
        std::size_t close = condition.find(']', i);
        if (close == std::string::npos) break;
        std::string_view inside(condition.data() + i + 1, close - i - 1);
        cc.negated = !inside.empty() && inside[0] == '^';
        cc.chars = decode(cc.negated ? inside.substr(1) : inside);
        i = close + 1;
      } else {
        std::size_t len = 1;
        while (i + len < condition.size() && is_continuation(condition[i + len])) ++len;
        cc.any = condition[i] == '.';
        cc.chars = decode(std::string_view(condition).substr(i, len));
        i += len;
      }
      rule.condition.push_back(std::move(cc));
    }
    std::string added = affix_text(add);
    if (parse_flags(cont) & (kCompoundBegin | kCompoundMiddle)) {
      joiners_[rule.flag].emplace_back(std::move(rule), std::move(added));
    } else if (added.find_first_of("-:") == std::string::npos && cont.empty()) {
      longest_ending_ = std::max(longest_ending_, added.size());
      inflections_[added].push_back(std::move(rule));
    }
  }
}

void Lexicon::read_dic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read Hunspell dictionary " + path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string_view rest(content);
  rest.remove_prefix(std::min(rest.size(), rest.find('\n') + 1));  // the entry count
  flags_.reserve(160000);
  joining_.reserve(40000);
  std::string word;
  while (!rest.empty()) {
    std::size_t eol = std::min(rest.size(), rest.find('\n'));
    std::string_view entry = rest.substr(0, eol);
    rest.remove_prefix(std::min(rest.size(), eol + 1));
    if (auto end = entry.find_first_of(" \t\r"); end != std::string_view::npos) {
      entry = entry.substr(0, end);
    }
    std::string_view flag_text;
    if (auto slash = entry.find('/'); slash != std::string_view::npos) {
      flag_text = entry.substr(slash + 1);
      entry = entry.substr(0, slash);
    }
    std::uint64_t flags = parse_flags(flag_text);
    if (entry.empty() || (flags & kForbidden)) continue;
    word.assign(entry);
    lower_latin(word);
    add_joining_forms(word, flags);
    flags_[word] |= flags;
  }
}

void Lexicon::add_joining_forms(const std::string& root, std::uint64_t flags) {
  // A bare first element must be a noun or a compound-only stem ("kvinno"),
  // not a particle ("fram|tiden", "genom|förande") or an adjective
  // ("kommun|full|mäktige").
  bool noun = (flags & kNounOnly) && !(flags & kParticle);
  if ((flags & (kCompoundBegin | kCompoundMiddle)) && (noun || (flags & kOnlyInCompound))) {
    joining_[root] = Joining{root, noun};
    longest_joining_ = std::max(longest_joining_, root.size());
  }
  for (const auto& [flag, rules] : joiners_) {
    if (!(flags & flag)) continue;
    for (const auto& [rule, added] : rules) {
      if (!root.ends_with(rule.strip) || !condition_holds(rule.condition, root)) continue;
      std::string surface = root.substr(0, root.size() - rule.strip.size()) + added;
      longest_joining_ = std::max(longest_joining_, surface.size());
      joining_.emplace(std::move(surface), Joining{root, noun});
    }
  }
}

std::uint64_t Lexicon::flags_of(std::string_view word) const {
  auto it = flags_.find(word);
  return it == flags_.end() ? 0 : it->second;
}

bool Lexicon::is_standalone(std::string_view word) const {
  auto it = flags_.find(word);
  return it != flags_.end() && !(it->second & kOnlyInCompound);
}

const std::string* Lexicon::joining_lemma(std::string_view surface) const {
  auto it = joining_.find(surface);
  return it == joining_.end() ? nullptr : &it->second.lemma;
}

bool Lexicon::condition_holds(const std::vector<CharClass>& condition,
                              std::string_view base) const {
  // Compare the condition with the last codepoints of `base`, right to left.
  std::size_t end = base.size();
  for (std::size_t i = condition.size(); i-- > 0;) {
    if (end == 0) return false;
    std::size_t start = end - 1;
    while (start > 0 && is_continuation(base[start])) --start;
    const CharClass& cc = condition[i];
    if (!cc.any) {
      char32_t cp = decode_one(base.substr(start, end - start));
      bool in = cc.chars.find(cp) != std::u32string::npos;
      if (in == cc.negated) return false;
    }
    end = start;
  }
  return true;
}

std::optional<std::string> Lexicon::find_root(std::string_view word, std::uint64_t rule_flags,
                                              std::uint64_t root_flags) const {
  thread_local std::string base;
  for (std::size_t len = 0; len <= std::min(longest_ending_, word.size() - 1); ++len) {
    std::size_t cut = word.size() - len;
    if (len > 0 && is_continuation(word[cut])) continue;
    auto it = inflections_.find(word.substr(cut));
    if (it == inflections_.end()) continue;
    for (const Suffix& rule : it->second) {
      if (!(rule.flag & rule_flags)) continue;
      base.assign(word.substr(0, cut));
      base += rule.strip;
      std::uint64_t flags = flags_of(base);
      if (!(flags & rule.flag) || (root_flags && !(flags & root_flags))) continue;
      if (condition_holds(rule.condition, base)) return base;
    }
  }
  return std::nullopt;
}

std::optional<std::string> Lexicon::noun_lemma(std::string_view word) const {
  if (word.empty()) return std::nullopt;
  auto root = find_root(word, kNounInflections, 0);
  if (root && is_standalone(*root) && *root != word) return root;
  return std::nullopt;
}

std::optional<bool> Lexicon::is_noun(std::string_view word) const {
  if (word.empty()) return std::nullopt;
  const std::uint64_t flags = flags_of(word);
  if (is_standalone(word)) return (flags & kNounOnly) && !(flags & kParticle);
  // Definite and plural forms only: the genitive -s also follows verbs
  // ("styras") and adjectives.
  if (auto root = find_root(word, kNounOnly, 0); root && *root != word && is_standalone(*root)) {
    const std::uint64_t root_flags = flags_of(*root);
    return (root_flags & kNounOnly) && !(root_flags & kParticle);
  }
  const auto parts = split(word);
  if (parts.size() > 1) {
    const auto& head = parts.back().lemma.empty() ? parts.back().surface : parts.back().lemma;
    if (head != word) return is_noun(head).value_or(false);
  }
  return std::nullopt;
}

std::optional<std::string> Lexicon::compound_end_root(std::string_view word) const {
  if (flags_of(word) & kCompoundEnd) return std::string(word);
  return find_root(word, ~(kCompoundBegin | kCompoundMiddle | kOnlyInCompound), kCompoundEnd);
}

bool Lexicon::is_known_form(std::string_view word) const {
  return is_standalone(word) || noun_lemma(word).has_value();
}

std::vector<CompoundPart> Lexicon::split(std::string_view word) const {
  // A word the dictionary knows as a whole is split only into nouns and
  // linked forms, so that "riktlinje" stays whole while "handlingsplanen"
  // and "kommunstyrelsen" are split.
  const bool known = is_known_form(word);
  // Dynamic programming over codepoint boundaries: best[i] is the largest
  // number of compound-initial elements that exactly cover word[0, i).
  const std::size_t n = word.size();
  std::vector<int> best(n + 1, -1);
  std::vector<std::size_t> back(n + 1, 0);
  std::vector<std::size_t> cps(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) cps[i + 1] = cps[i] + !is_continuation(word[i]);
  best[0] = 0;
  int best_parts = 0;
  std::size_t head_start = 0;
  std::optional<std::string> head_root;
  for (std::size_t i = 0; i < n; ++i) {
    if (best[i] < 0 || (i > 0 && is_continuation(word[i]))) continue;
    if (i > 0 && cps[n] - cps[i] >= 3 && best[i] + 1 > best_parts) {
      if (auto root = compound_end_root(word.substr(i))) {
        best_parts = best[i] + 1;
        head_start = i;
        head_root = std::move(root);
      }
    }
    for (std::size_t j = i + 1; j < n && j - i <= longest_joining_; ++j) {
      if (is_continuation(word[j]) || cps[j] - cps[i] < 3 || best[j] >= best[i] + 1) continue;
      std::string_view surface = word.substr(i, j - i);
      auto found = joining_.find(surface);
      if (found == joining_.end() || codepoints(found->second.lemma) < 3) continue;
      // An element without a linking morpheme must be long enough not to
      // match by chance ("pro" + "gram").
      // Bare: no linking morpheme, the lemma as is or cut short ("mot" of "mota").
      bool bare = surface.size() <= found->second.lemma.size();
      if (bare && (cps[j] - cps[i] < 4 || (known && !found->second.noun))) continue;
      best[j] = best[i] + 1;
      back[j] = i;
    }
  }
  if (best_parts < 2) return {CompoundPart{std::string(word), std::string(word)}};
  std::vector<CompoundPart> parts{{std::string(word.substr(head_start)), *head_root}};
  for (std::size_t end = head_start; end > 0; end = back[end]) {
    std::string_view surface = word.substr(back[end], end - back[end]);
    parts.insert(parts.begin(), CompoundPart{std::string(surface), *joining_lemma(surface)});
  }
  return parts;
}

}  // namespace rk::analysis
