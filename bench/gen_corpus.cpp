// gen_corpus: builds a large corpus for the benchmarks, reproducibly from a seed, by recombining
// passages of the real council bundles in ../shared/realdata. The text is real but shuffled and
// renamed, so findings in it mean nothing; it exists to measure speed and memory at scale.
//
//   gen_corpus --seed N --size 1G --out DIR [--source DIR]
//
// Memory is bounded by the source text (about 70 MB) plus one output file (at most 2 MB): files
// are written one at a time, never the whole corpus.
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numbers>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

// Our own distributions over the raw engine: the standard ones may differ between library
// versions, and the same seed must give the same bytes everywhere.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n), by rejection so that no value is favoured.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = std::mt19937_64::max() - std::mt19937_64::max() % n;
    std::uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return x % n;
  }
  int between(int lo, int hi) { return lo + static_cast<int>(below(hi - lo + 1)); }
  double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Box-Muller; one value per call keeps the stream free of hidden state.
  double normal() {
    const double u = 1.0 - unit();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * unit());
  }
  std::size_t lognormal(double median, double sigma, std::size_t lo, std::size_t hi) {
    const double x = median * std::exp(sigma * normal());
    return std::clamp(static_cast<std::size_t>(x), lo, hi);
  }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::mt19937_64 engine_;
};

// District names in the sources; each fictional town renames every one of them, which also
// renames the committees named after them ("Socialnämnden Nordost").
const std::vector<std::string> kDistricts = {"Askim-Frölunda-Högsbo",
                                             "Örgryte-Härlanda",
                                             "Majorna-Linné",
                                             "Östra Göteborg",
                                             "Västra Göteborg",
                                             "Västra Hisingen",
                                             "Norra Hisingen",
                                             "Hisingen",
                                             "Angered",
                                             "Lundby",
                                             "Nordost",
                                             "Sydväst",
                                             "Centrum"};

// A place in the source text that is rewritten for each generated document: a name (value is
// its index in patterns()) or a year (value is the year).
struct Slot {
  std::size_t offset;
  std::size_t length;
  bool is_year;
  int value;
};

struct Passage {
  std::size_t begin, end;            // in Pool::text
  std::size_t first_slot, end_slot;  // in Pool::slots
};

struct Pool {
  std::string text;
  std::vector<Slot> slots;
  std::vector<Passage> passages;
  std::vector<std::size_t> titles;          // passages that are a handling's title
  std::vector<std::size_t> program_titles;  // ... of a program, plan, policy, ...
  std::vector<std::size_t> response_like;   // passages with the cue words of a response

  std::string_view view(const Passage& p) const {
    return std::string_view(text).substr(p.begin, p.end - p.begin);
  }
};

// Whether the character before text[i] is a letter: ASCII, or UTF-8 Latin-1 and Latin
// Extended-A (lead bytes C3-C5), so that a quotation mark (E2 80 9D) is not a letter.
bool letter_before(std::string_view text, std::size_t i) {
  if (i == 0) return false;
  const auto c = static_cast<unsigned char>(text[i - 1]);
  if (c < 0x80) return std::isalpha(c) != 0;
  std::size_t lead = i - 1;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
  const auto l = static_cast<unsigned char>(text[lead]);
  return l >= 0xC3 && l <= 0xC5;
}
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Whether `word` starts at text[i]; the first byte is compared first because this runs for every
// byte of the sources.
bool starts_at(std::string_view text, std::size_t i, std::string_view word) {
  return text[i] == word[0] && text.substr(i, word.size()) == word;
}

// How a name in the sources is replaced: by a district of the town or by the town's name as
// written, in capitals or as in e-mail and web addresses.
enum class Form { District, City, Upper, Ascii };

// A name that find_slots replaces. District names must start a word ("Centrum" but not
// "stadscentrum"); the city is replaced inside words too ("iGöteborg", glued by extraction).
struct Pattern {
  std::string text;
  Form form;
};

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> all = [] {
    std::vector<Pattern> p;
    for (const auto& d : kDistricts) p.push_back({d, Form::District});  // first: "Östra Göteborg"
    p.push_back({"Göteborg", Form::City});
    p.push_back({"Gothenburg", Form::City});
    p.push_back({"GÖTEBORG", Form::Upper});
    p.push_back({"goteborg", Form::Ascii});
    return p;
  }();
  return all;
}

// Adds the slot of the name at text[i], if any; returns the number of bytes consumed.
std::size_t add_name_slot(Pool& pool, std::size_t from, std::size_t i) {
  const std::string_view t(pool.text);
  for (std::size_t n = 0; n < patterns().size(); ++n) {
    const Pattern& p = patterns()[n];
    const bool word_start = i == from || !letter_before(t, i);
    if (starts_at(t, i, p.text) && (p.form != Form::District || word_start)) {
      pool.slots.push_back({i, p.text.size(), false, static_cast<int>(n)});
      return p.text.size();
    }
  }
  return 1;
}

// Finds the slots in text[from, to): city names, district names and years 1990-2039.
void find_slots(Pool& pool, std::size_t from, std::size_t to) {
  static const std::array<bool, 256> first_byte = [] {
    std::array<bool, 256> first{};
    for (const Pattern& p : patterns()) first[static_cast<unsigned char>(p.text[0])] = true;
    return first;
  }();
  const std::string_view t(pool.text);
  for (std::size_t i = from; i < to;) {
    if (is_digit(t[i])) {
      std::size_t j = i;
      while (j < to && is_digit(t[j])) ++j;
      const int year = j - i == 4 ? std::stoi(std::string(t.substr(i, 4))) : 0;
      if (year >= 1990 && year <= 2039) pool.slots.push_back({i, 4, true, year});
      i = j;
      continue;
    }
    i += first_byte[static_cast<unsigned char>(t[i])] ? add_name_slot(pool, from, i) : 1;
  }
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return s.find(w) != std::string_view::npos; });
}

// Notes what kind of passage `index` is: a title follows a "Handling 2023 nr 149" line.
void classify(Pool& pool, std::size_t index) {
  const std::string lower = ascii_lower(pool.view(pool.passages[index]));
  if (contains_any(lower, {"tillstyrker", "avstyrker", "synpunkter", "saknar", "framgår inte",
                           "förtydligas", "konkretiseras", "remissvar", "utan erinran"})) {
    pool.response_like.push_back(index);
  }
  if (index == 0) return;
  const std::string_view before = pool.view(pool.passages[index - 1]);
  if (!before.starts_with("Handling ") || before.find(" nr ") == std::string_view::npos ||
      before.size() > 30 || lower.size() > 300) {
    return;
  }
  pool.titles.push_back(index);
  if (contains_any(lower, {"program", "plan", "policy", "riktlinje", "strategi"})) {
    pool.program_titles.push_back(index);
  }
}

// Appends one source file and splits it into passages at blank lines. Form feeds and every other
// extraction artefact stay inside the passages, as they came.
void add_file(Pool& pool, const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  const std::size_t start = pool.text.size();
  pool.text += content.str();
  pool.text += "\n\n";
  find_slots(pool, start, pool.text.size());
  std::size_t slot = std::lower_bound(pool.slots.begin(), pool.slots.end(), start,
                                      [](const Slot& s, std::size_t o) { return s.offset < o; }) -
                     pool.slots.begin();
  for (std::size_t begin = start; begin < pool.text.size();) {
    const std::size_t end = pool.text.find("\n\n", begin);
    if (end > begin) {
      const std::size_t first = slot;
      while (slot < pool.slots.size() && pool.slots[slot].offset < end) ++slot;
      pool.passages.push_back({begin, end, first, slot});
      classify(pool, pool.passages.size() - 1);
    }
    begin = pool.text.find_first_not_of('\n', end);
    if (begin == std::string::npos) break;
  }
}

Pool load_pool(const fs::path& source) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(source / "goteborg-kf")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  for (const auto& dir : fs::directory_iterator(source / "goteborg")) {
    if (!dir.is_directory()) continue;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      if (e.path().filename().string().starts_with("00-")) files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());  // directory order is not reproducible
  Pool pool;
  for (const auto& f : files) add_file(pool, f);
  if (pool.program_titles.empty() || pool.response_like.empty()) {
    throw std::runtime_error("hittade inga handlingar i " + source.string());
  }
  return pool;
}

// A fictional municipality: names[n] replaces patterns()[n].
struct Town {
  std::string city;
  std::vector<std::string> names;
};

const std::array<const char*, 24> kPrefixes = {"Ek",   "Björk",  "Sjö",    "Lind", "Hag",  "Berg",
                                               "Ås",   "Älv",    "Fur",    "Mark", "Norr", "Sö",
                                               "Väst", "Öster",  "Strand", "Gran", "Tall", "Al",
                                               "Rönn", "Hassel", "Kvarn",  "Bro",  "Sand", "Sten"};
const std::array<const char*, 16> kSuffixes = {"vik",  "by",   "holm", "köping", "berg",  "torp",
                                               "hamn", "stad", "dal",  "vall",   "backa", "åker",
                                               "lund", "mo",   "ryd",  "sund"};

std::string place_name(std::size_t index) {
  return std::string(kPrefixes[index / kSuffixes.size()]) + kSuffixes[index % kSuffixes.size()];
}

// Upper-cases ASCII and å, ä, ö (UTF-8 C3 A5/A4/B6 -> C3 85/84/96).
std::string upper(std::string s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0) {
      s[i + 1] = static_cast<char>(static_cast<unsigned char>(s[i + 1]) - 0x20);
      ++i;
    } else {
      s[i] = static_cast<char>(std::toupper(c));
    }
  }
  return s;
}

// The form used in e-mail and web addresses: lower case, å/ä -> a, ö -> o.
std::string ascii_fold(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto n = static_cast<unsigned char>(s[++i]);
      out += (n == 0xB6 || n == 0x96) ? 'o' : 'a';
    } else {
      out += static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

constexpr std::size_t kPlaceNames = kPrefixes.size() * kSuffixes.size();

// The first `count` entries of a random permutation of 0 .. n-1 (partial Fisher-Yates).
std::vector<std::size_t> draw(Random& rng, std::size_t n, std::size_t count) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  for (std::size_t i = 0; i < count; ++i) std::swap(v[i], v[i + rng.below(n - i)]);
  v.resize(count);
  return v;
}

// The town's districts get place names other than the town's own.
Town make_town(Random& rng, std::size_t city) {
  std::vector<std::size_t> districts = draw(rng, kPlaceNames, kDistricts.size() + 1);
  std::erase(districts, city);
  Town town{place_name(city), {}};
  std::size_t d = 0;
  for (const Pattern& p : patterns()) {
    switch (p.form) {
      case Form::District:
        town.names.push_back(place_name(districts[d++]));
        break;
      case Form::City:
        town.names.push_back(town.city);
        break;
      case Form::Upper:
        town.names.push_back(upper(town.city));
        break;
      case Form::Ascii:
        town.names.push_back(ascii_fold(town.city));
        break;
    }
  }
  return town;
}

// Appends a passage with its slots rewritten for `town`, its years moved by `year_shift`.
void render(const Pool& pool, std::size_t index, const Town& town, int year_shift,
            std::string& out) {
  const Passage& p = pool.passages[index];
  std::size_t at = p.begin;
  for (std::size_t s = p.first_slot; s < p.end_slot; ++s) {
    const Slot& slot = pool.slots[s];
    out.append(pool.text, at, slot.offset - at);
    out += slot.is_year ? std::to_string(slot.value + year_shift) : town.names[slot.value];
    at = slot.offset + slot.length;
  }
  out.append(pool.text, at, p.end - at);
}

// Years in the sources centre on this one; a document of year Y moves its years by Y - this.
constexpr int kSourceYear = 2024;

struct Handling {
  int year;
  int number;
  std::size_t title;  // passage index
};

// Appends runs of consecutive passages until the text reaches `target` bytes or the next
// passage would pass `limit`; a run starts anywhere or, for a response, at a passage with a
// response's cue words.
void fill(Random& rng, const Pool& pool, bool response, const Town& town, int year_shift,
          std::size_t target, std::size_t limit, std::string& out) {
  while (out.size() < target) {
    const std::size_t start =
        response ? rng.pick(pool.response_like) : rng.below(pool.passages.size());
    const std::size_t end = std::min<std::size_t>(start + rng.between(1, 12), pool.passages.size());
    for (std::size_t i = start; i < end; ++i) {
      const Passage& p = pool.passages[i];
      if (out.size() + (p.end - p.begin) + 3 > limit) {
        out += '\n';
        return;
      }
      out += "\n\n";
      render(pool, i, town, year_shift, out);
    }
  }
  out += '\n';
}

// Real bundle sizes are log-normal around 52 KB (sigma 1.0 in log space), 5 KB to 2 MB.
std::string handling_text(Random& rng, const Pool& pool, const Town& town, const Handling& h) {
  std::string out = "Kommunfullmäktige\n\nHandling " + std::to_string(h.year) + " nr " +
                    std::to_string(h.number) + "\n\n";
  render(pool, h.title, town, h.year - kSourceYear, out);
  out += "\n\nTill " + town.city + "s kommunfullmäktige";
  const std::size_t target = rng.lognormal(52'000, 1.0, 5'000, 2'000'000);
  fill(rng, pool, false, town, h.year - kSourceYear, target, 2'000'000, out);
  return out;
}

std::vector<std::string> respondents(const Town& town) {
  std::vector<std::string> names = {"Utbildningsnämnden",
                                    "Förskolenämnden",
                                    "Grundskolenämnden",
                                    "Miljö- och klimatnämnden",
                                    "Kulturnämnden",
                                    "Idrottsnämnden",
                                    "Fastighetsnämnden",
                                    "Stadsbyggnadsnämnden",
                                    "Trafiknämnden",
                                    "Nämnden för funktionsstöd",
                                    "Äldre samt vård- och omsorgsnämnden",
                                    "Arbetsmarknadsnämnden",
                                    "Pensionärsrådet",
                                    "Rådet för funktionshinderfrågor",
                                    town.city + " Energi AB",
                                    town.city + "s Hamn AB",
                                    "Vision",
                                    "Kommunal",
                                    "Sveriges Lärare",
                                    "Polismyndigheten"};
  for (std::size_t d = 0; d < kDistricts.size(); ++d) {
    names.push_back("Socialnämnden " + town.names[d]);
    names.push_back("Stadsdelsnämnden " + town.names[d]);
  }
  return names;
}

// A response starts like a committee's staff report on the remiss, then continues with passages
// that carry a response's cue words. Sizes: log-normal around 12 KB, 3 KB to 300 KB.
std::string response_text(Random& rng, const Pool& pool, const Town& town, const Handling& h,
                          const std::string& respondent) {
  static const std::vector<std::string> decisions = {
      "tillstyrker förslaget",
      "tillstyrker förslaget med de ändringar som framgår av förvaltningens synpunkter",
      "avstyrker förslaget", "lämnar remissen utan erinran", "har inga synpunkter på förslaget"};
  const int shift = h.year - kSourceYear;
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", h.year, rng.between(1, 12),
                rng.between(1, 28));
  std::string out = respondent + "\n\nTjänsteutlåtande\nUtfärdat " + date + "\nDiarienummer " +
                    std::to_string(rng.between(100, 9999)) + "/" + std::to_string(h.year % 100) +
                    "\n\nYttrande över remiss – ";
  render(pool, h.title, town, shift, out);
  out += "\n\nFörslag till beslut\n\n" + respondent + " " + rng.pick(decisions) +
         ".\n\nSammanfattning";
  const std::size_t target = rng.lognormal(12'000, 0.8, 3'000, 300'000);
  fill(rng, pool, true, town, shift, target, 300'000, out);
  return out;
}

// Writes files below the output folder and counts them against the size budget.
class Writer {
 public:
  Writer(fs::path root, std::uintmax_t budget) : root_(std::move(root)), budget_(budget) {}

  bool full() const { return bytes_ >= budget_; }
  void write(const fs::path& relative, const std::string& text) {
    const fs::path path = root_ / relative;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error("kunde inte skriva " + path.string());
    ++files_;
    bytes_ += text.size();
  }
  std::uintmax_t files() const { return files_; }
  std::uintmax_t bytes() const { return bytes_; }

 private:
  fs::path root_;
  std::uintmax_t budget_;
  std::uintmax_t files_ = 0, bytes_ = 0;
};

std::string numbered(const char* format, int n) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, n);
  return buffer;
}

constexpr int kHandlingsPerKommun = 60;

// One fictional municipality: its handlings, one in six a program sent on remiss with its
// responses. The first program gets 200 responses so that every kommun can be benchmarked at
// that size; a started set of responses is finished even past the budget.
void write_kommun(Random& rng, const Pool& pool, int kommun, const Town& town, Writer& writer) {
  const std::vector<std::string> bodies = respondents(town);
  const fs::path dir = numbered("kommun-%03d", kommun);
  int number = rng.between(1, 50);
  bool first_program = true;
  for (int i = 0; i < kHandlingsPerKommun && !writer.full(); ++i) {
    const bool program = rng.below(6) == 0;
    const Handling h{rng.between(2016, 2030), number,
                     rng.pick(program ? pool.program_titles : pool.titles)};
    number += rng.between(1, 5);
    const std::string name = "handling-" + std::to_string(h.year) + numbered("-nr-%03d", h.number);
    writer.write(dir / (name + ".txt"), handling_text(rng, pool, town, h));
    if (!program) continue;
    const int responses = first_program ? 200 : rng.between(10, 200);
    first_program = false;
    for (int r = 1; r <= responses; ++r) {
      writer.write(dir / (name + "-remissvar") / numbered("remissvar-%03d.txt", r),
                   response_text(rng, pool, town, h, rng.pick(bodies)));
    }
  }
}

// Each kommun is a town of its own; town names repeat only after all of them are used.
void generate(Random& rng, const Pool& pool, Writer& writer) {
  const std::vector<std::size_t> cities = draw(rng, kPlaceNames, kPlaceNames);
  for (std::size_t k = 0; !writer.full(); ++k) {
    const Town town = make_town(rng, cities[k % kPlaceNames]);
    write_kommun(rng, pool, static_cast<int>(k + 1), town, writer);
  }
}

struct Options {
  std::uint64_t seed = 1;
  std::uintmax_t size = 0;
  fs::path out;
  fs::path source = fs::path(RK_SHARED_DIR) / "realdata";
};

// "1G", "20M", "500K" or bytes; binary units.
std::uintmax_t parse_size(const std::string& text) {
  std::size_t used = 0;
  const double number = std::stod(text, &used);
  const std::string unit = text.substr(used);
  const double factor = unit == "G" ? 1 << 30 : unit == "M" ? 1 << 20 : unit == "K" ? 1 << 10 : 1;
  if (number <= 0 || !(unit.empty() || factor > 1)) throw std::invalid_argument(text);
  return static_cast<std::uintmax_t>(number * factor);
}

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--seed") {
      o.seed = std::stoull(value);
    } else if (flag == "--size") {
      o.size = parse_size(value);
    } else if (flag == "--out") {
      o.out = value;
    } else if (flag == "--source") {
      o.source = value;
    } else {
      throw std::invalid_argument(flag);
    }
  }
  if (argc % 2 == 0 || o.size == 0 || o.out.empty()) throw std::invalid_argument("");
  return o;
}

fs::path canonical_dir(const fs::path& p) {
  fs::path c = fs::weakly_canonical(fs::absolute(p));
  return c.filename().empty() ? c.parent_path() : c;
}

bool is_inside(const fs::path& child, const fs::path& parent) {
  const fs::path c = canonical_dir(child), p = canonical_dir(parent);
  return std::mismatch(p.begin(), p.end(), c.begin(), c.end()).first == p.end();
}

// The corpus must never land in the repository or the real data, nor mix with older files.
void check_output(const Options& o) {
  for (const fs::path& forbidden : {o.source, fs::path(RK_SOURCE_DIR)}) {
    if (is_inside(o.out, forbidden)) {
      throw std::runtime_error("--out får inte ligga i " + canonical_dir(forbidden).string());
    }
  }
  if (fs::exists(o.out) && !fs::is_empty(o.out)) {
    throw std::runtime_error("--out finns redan och är inte tom: " + o.out.string());
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::exception&) {
    std::cerr << "Användning: gen_corpus --seed N --size 1G --out KATALOG [--source KATALOG]\n";
    return 2;
  }
  try {
    check_output(options);
    const auto start = std::chrono::steady_clock::now();
    const Pool pool = load_pool(options.source);
    Random rng(options.seed);
    Writer writer(options.out, options.size);
    generate(rng, pool, writer);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double mb = static_cast<double>(writer.bytes()) / (1 << 20);
    std::printf("gen_corpus: %ju filer, %.1f MB på %.1f s (%.1f MB/s) i %s\n", writer.files(), mb,
                seconds, mb / seconds, options.out.string().c_str());
  } catch (const std::exception& e) {
    std::cerr << "gen_corpus: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
