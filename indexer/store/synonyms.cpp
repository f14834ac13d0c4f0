#include "indexer/store/synonyms.hh"

#include <fstream>
#include <optional>
#include <ostream>
#include <sstream>

#include "indexer/analysis/swedish.hh"
#include "indexer/analysis/tokenizer.hh"
#include "indexer/core/error.hh"
#include "indexer/core/text.hh"

namespace fs = std::filesystem;

namespace rk {
namespace {

// One name as the analyser sees it: its words and whether only hyphens
// join them ("Posom-grupp").
struct Name {
  std::vector<std::string> words;
  bool hyphenated = false;
};

bool hyphen_gap(std::string_view gap) { return gap == "-" || gap == "\u2010" || gap == "\u2011"; }

Name analyse_name(std::string_view form) {
  std::vector<analysis::Token> tokens;
  const std::size_t n = analysis::tokenize(form, tokens);
  Name name;
  name.hyphenated = n > 1;
  for (std::size_t i = 0; i < n; ++i) {
    name.words.push_back(tokens[i].term);
    if (i + 1 < n && !hyphen_gap(form.substr(tokens[i].end, tokens[i + 1].begin - tokens[i].end)))
      name.hyphenated = false;
  }
  return name;
}

// The one word a name stands for: itself, or a hyphenated name joined.
std::optional<std::string> single_word(const Name& name) {
  if (name.words.size() == 1) return name.words[0];
  if (!name.hyphenated) return std::nullopt;
  std::string joined;
  for (const auto& w : name.words) joined += w;
  return joined;
}

// The term a query for this word should also match: its stem, as the
// analyser indexes it (a word starting with a digit has no stem).
std::string value_term(const std::string& word) {
  return analysis::should_stem(word) ? "Z" + SwedishAnalyzer::get().stem(word) : word;
}

std::vector<std::string> keys_of(const Name& name) {
  std::vector<std::string> keys;
  if (auto word = single_word(name)) {
    keys.push_back(*word);
    keys.push_back(value_term(*word));
  }
  if (name.words.size() > 1) {
    std::string phrase;
    for (const auto& w : name.words) phrase += (phrase.empty() ? "" : " ") + w;
    keys.push_back(phrase);
  }
  return keys;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError("filen kan inte öppnas");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool is_tbx(const fs::path& p) { return lower(p.extension().string()) == ".tbx"; }

std::vector<fs::path> termbanks_under(const std::vector<fs::path>& inputs) {
  std::vector<fs::path> out;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!fs::is_directory(input, ec)) continue;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (hidden(it->path())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && is_tbx(it->path())) out.push_back(it->path());
    }
  }
  return out;
}

std::string termbank_key(const fs::path& abs) {
  return std::string(kTermbankKeyPrefix) + sha1_hex(abs.string());
}

}  // namespace

SynonymTable synonyms_of(const terms::TermBank& bank) {
  SynonymTable table;
  for (const terms::Concept& c : bank.concepts) {
    if (!terms::in_force(c)) continue;
    std::vector<Name> names;
    for (const terms::Term& t : c.terms)
      if (t.status != terms::Status::deprecated) names.push_back(analyse_name(t.form));
    std::set<std::string> values;
    for (const Name& n : names)
      if (auto word = single_word(n)) values.insert(value_term(*word));
    for (const Name& n : names)
      for (const std::string& key : keys_of(n))
        for (const std::string& v : values)
          if (v != key) table[key].insert(v);
  }
  return table;
}

void replace_synonyms(Xapian::WritableDatabase& db, const SynonymTable& table) {
  std::vector<std::string> old;
  for (auto it = db.synonym_keys_begin(); it != db.synonym_keys_end(); ++it) old.push_back(*it);
  for (const auto& key : old) db.clear_synonyms(key);
  for (const auto& [key, values] : table)
    for (const auto& v : values) db.add_synonym(key, v);
}

std::vector<fs::path> recorded_termbanks(const Xapian::Database& db) {
  std::vector<fs::path> out;
  const std::string prefix(kTermbankKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const fs::path p = db.get_metadata(*it);
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) out.push_back(p);
  }
  return out;
}

terms::TermBank load_termbanks(const std::vector<fs::path>& files, std::ostream& err,
                               std::size_t& failed) {
  terms::TermBank all;
  for (const auto& f : files) {
    try {
      terms::TermBank bank = terms::read_tbx(slurp(f));
      for (auto& c : bank.concepts) all.concepts.push_back(std::move(c));
    } catch (const InputError& e) {
      err << f.string() << ": " << e.what() << "\n";
      ++failed;
    }
  }
  return all;
}

std::size_t refresh_synonyms(Xapian::WritableDatabase& db, const std::vector<fs::path>& inputs,
                             const std::vector<fs::path>& named, std::ostream& err,
                             std::size_t& failed) {
  std::vector<fs::path> found = termbanks_under(inputs);
  found.insert(found.end(), named.begin(), named.end());
  for (const auto& p : found) {
    const fs::path abs = fs::absolute(p).lexically_normal();
    db.set_metadata(termbank_key(abs), abs.string());
  }
  const std::string prefix(kTermbankKeyPrefix);
  std::vector<std::string> gone;
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    std::error_code ec;
    if (!fs::is_regular_file(db.get_metadata(*it), ec)) gone.push_back(*it);
  }
  for (const auto& key : gone) db.set_metadata(key, "");
  const SynonymTable table = synonyms_of(load_termbanks(recorded_termbanks(db), err, failed));
  replace_synonyms(db, table);
  return table.size();
}

}  // namespace rk
