#include "indexer/store/manifest.hh"

#include <algorithm>
#include <array>
#include <fstream>
#include <regex>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/core/text.hh"

namespace rk {

namespace {

constexpr std::array<const char*, 13> kKinds = {
    "program",  "plan",        "policy",   "guideline", "strategy",  "motion", "staff_report",
    "response", "compilation", "decision", "minutes",   "statement", "other"};

constexpr std::array<const char*, 8> kKeys = {"id",   "title",       "kind",     "author",
                                              "date", "responds_to", "replaces", "aliases"};

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Strips a trailing "# comment" that follows whitespace (values may hold '#').
std::string strip_comment(const std::string& line) {
  if (!line.empty() && line[0] == '#') return {};
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  }
  return line;
}

bool valid_date(const std::string& v) {
  static const std::regex iso(R"(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))");
  return std::regex_match(v, iso);
}

bool valid_id(const std::string& v) {
  static const std::regex id(R"([a-z0-9][a-z0-9_.\-]*)");
  return std::regex_match(v, id);
}

[[noreturn]] void fail(const std::filesystem::path& path, int line, const std::string& why) {
  throw UsageError(path.string() + ":" + std::to_string(line) + ": " + why);
}

void check_value(const std::filesystem::path& path, int line, const std::string& key,
                 const std::string& value) {
  if (value.empty()) fail(path, line, "tomt värde för '" + key + "'");
  if (key == "kind" && !is_known_kind(value)) {
    fail(path, line,
         "okänd dokumenttyp '" + value +
             "' (tillåtna: program, plan, policy, guideline, "
             "strategy, motion, staff_report, response, compilation, decision, minutes, "
             "statement, other)");
  }
  if (key == "date" && !valid_date(value)) {
    fail(path, line, "ogiltigt datum '" + value + "' (väntat åååå-mm-dd)");
  }
  if ((key == "id" || key == "responds_to" || key == "replaces") && !valid_id(value)) {
    fail(path, line, "ogiltigt id '" + value + "' (a-z, 0-9, -, _ och .)");
  }
}

}  // namespace

bool is_known_kind(const std::string& kind) {
  for (const char* k : kKinds) {
    if (kind == k) return true;
  }
  return false;
}

Manifest Manifest::load(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(path.string() + ": manifestet kan inte läsas");
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

Manifest Manifest::parse(const std::string& text, const std::filesystem::path& path) {
  Manifest m;
  m.path_ = path;
  const auto base = std::filesystem::absolute(path).parent_path();
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  ManifestEntry* current = nullptr;
  while (std::getline(in, raw)) {
    ++line;
    std::string s = trim(strip_comment(raw));
    if (s.empty()) continue;
    if (s.front() == '[') {
      if (s.back() != ']' || s.size() < 3)
        fail(path, line, "rubriken ska skrivas [fil] eller [fil#del]");
      std::string name = trim(s.substr(1, s.size() - 2));
      ManifestEntry e;
      e.line = line;
      if (auto hash = name.rfind('#'); hash != std::string::npos) {
        std::string num = name.substr(hash + 1);
        if (num.empty() || num.find_first_not_of("0123456789") != std::string::npos ||
            num.size() > 4 || std::stoi(num) < 1) {
          fail(path, line, "delnumret efter # ska vara ett heltal från 1");
        }
        e.part = std::stoi(num);
        name = trim(name.substr(0, hash));
      }
      if (name.empty()) fail(path, line, "rubriken namnger ingen fil");
      e.file = (base / name).lexically_normal();
      m.entries_.push_back(std::move(e));
      current = &m.entries_.back();
      continue;
    }
    auto eq = s.find('=');
    if (eq == std::string::npos) fail(path, line, "raden är inte 'nyckel = värde'");
    if (!current) fail(path, line, "'nyckel = värde' före första [fil]");
    std::string key = trim(s.substr(0, eq));
    std::string value = trim(s.substr(eq + 1));
    bool known = false;
    for (const char* k : kKeys) known = known || key == k;
    if (!known) {
      fail(path, line,
           "okänd nyckel '" + key +
               "' (tillåtna: id, title, kind, author, date, responds_to, replaces, aliases)");
    }
    check_value(path, line, key, value);
    current->fields[key] = value;
  }
  return m;
}

std::vector<const ManifestEntry*> Manifest::entries_for(const std::filesystem::path& file,
                                                        int part) const {
  const auto norm = std::filesystem::absolute(file).lexically_normal();
  std::vector<const ManifestEntry*> out;
  for (const auto& e : entries_) {
    if (e.file == norm && e.part == 0) out.push_back(&e);
  }
  for (const auto& e : entries_) {
    if (e.file == norm && e.part != 0 && e.part == part) out.push_back(&e);
  }
  return out;
}

void Manifest::apply(const std::filesystem::path& file, int part, Document& doc) const {
  for (const ManifestEntry* e : entries_for(file, part)) {
    // A whole-file id must not give every part of a bundle the same id.
    for (const auto& [key, value] : e->fields) {
      if (std::find(doc.manifest_fields.begin(), doc.manifest_fields.end(), key) ==
          doc.manifest_fields.end()) {
        doc.manifest_fields.push_back(key);
      }
      if (key == "id") {
        doc.id = (e->part == 0 && part > 0)
                     ? value + "." + (part < 10 ? "0" : "") + std::to_string(part)
                     : value;
      } else if (key == "title") {
        doc.title = value;
      } else if (key == "kind") {
        doc.kind = value;
      } else if (key == "author") {
        doc.author = value;
      } else if (key == "date") {
        doc.date = value;
      } else if (key == "responds_to") {
        doc.responds_to = value;
      } else if (key == "replaces") {
        doc.replaces = value;
      } else if (key == "aliases") {
        doc.aliases.clear();
        std::istringstream parts(value);
        std::string alias;
        while (std::getline(parts, alias, ';')) {
          if (auto a = collapse_space(alias); !a.empty()) doc.aliases.push_back(a);
        }
      }
    }
  }
}

}  // namespace rk
