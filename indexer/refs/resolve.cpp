// Resolving a mention to a known document.
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "indexer/core/text.hh"
#include "indexer/refs/internal.hh"
#include "indexer/refs/refs.hh"

namespace rk {

namespace {

constexpr double kThreshold = 0.6;

// Lower case, one kind of dash, single spaces, no outer punctuation.
std::string normal(std::string_view text) {
  std::string s = rk::lower(rk::collapse_space(text));
  for (std::size_t p = s.find("–"); p != std::string::npos; p = s.find("–"))
    s.replace(p, std::string_view("–").size(), "-");
  for (std::size_t p = s.find(" - "); p != std::string::npos; p = s.find(" - "))
    s.replace(p, 3, "-");
  while (!s.empty() && std::string_view(".,;:").find(s.back()) != std::string_view::npos)
    s.pop_back();
  return s;
}

// "trygghetsprogrammets" -> "trygghetsprogrammet": the genitive of a name.
std::string without_genitive(const std::string& s) {
  return s.size() > 3 && s.back() == 's' ? s.substr(0, s.size() - 1) : s;
}

bool same_name(const std::string& a, const std::string& b) {
  return a == b || without_genitive(a) == b || a == without_genitive(b);
}

bool subset(const std::set<std::string>& small, const std::set<std::string>& big) {
  return std::includes(big.begin(), big.end(), small.begin(), small.end());
}

double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t common = 0;
  for (const auto& w : a) common += b.count(w);
  const std::size_t all = a.size() + b.size() - common;
  return all == 0 ? 0 : static_cast<double>(common) / static_cast<double>(all);
}

int year_of(std::string_view s) {
  return s.size() >= 4 ? std::atoi(std::string(s.substr(0, 4)).c_str()) : 0;
}

// Per-thread caches of what resolution computes from a title or an alias:
// every name is compared with every known document.
template <typename Value, typename F>
const Value& cached(std::unordered_map<std::string, Value>& cache, const std::string& text, F f) {
  if (cache.size() > 100000) cache.clear();
  auto it = cache.find(text);
  if (it == cache.end()) it = cache.emplace(text, f(text)).first;
  return it->second;
}

const std::string& cached_years(const std::string& title) {
  thread_local std::unordered_map<std::string, std::string> cache;
  return cached(cache, title, [](const std::string& t) { return refs::years_in(t); });
}

// A year range in the mention must be the target's, from its title or date.
// One year ("säkerhetsprogrammet från 2019") picks the version whose title
// range holds it, or the one adopted that year.
bool years_fit(const Mention& m, const KnownDocument& d) {
  if (m.years.empty()) return true;
  const std::string& title_years = cached_years(d.title);
  const std::string years = normal(m.years);
  if (!title_years.empty()) {
    const std::string t = normal(title_years);
    if (t == years || (years.back() == '-' && t.rfind(years, 0) == 0)) return true;
    if (years.size() != 4) return false;
    const int year = year_of(years), first = year_of(t);
    const int last = t.size() >= 9 ? year_of(std::string_view(t).substr(5)) : first;
    return (year >= first && year <= last) || year == year_of(d.date);
  }
  const int date = year_of(d.date);
  if (date == 0) return false;
  const int first = year_of(years);
  const int last = years.size() >= 9 ? year_of(std::string_view(years).substr(5)) : first;
  return date >= first - 1 && date <= last;
}

const std::string& cached_normal(const std::string& title) {
  thread_local std::unordered_map<std::string, std::string> cache;
  return cached(cache, title, [](const std::string& t) { return normal(t); });
}

const std::set<std::string>& cached_name_words(const std::string& text) {
  thread_local std::unordered_map<std::string, std::set<std::string>> cache;
  return cached(cache, text, [](const std::string& t) { return refs::name_words(t); });
}

const std::string& cached_head(const std::string& title) {
  thread_local std::unordered_map<std::string, std::string> cache;
  return cached(cache, title, [](const std::string& t) { return refs::head_of(t); });
}

const std::string& cached_owner(const std::string& title) {
  thread_local std::unordered_map<std::string, std::string> cache;
  return cached(cache, title, [](const std::string& t) { return refs::owner_in(t); });
}

// What the comparisons need of a written name, computed once per name rather
// than once per known document.
struct Written {
  std::string text;             // as written
  std::string normal;           // normal(text)
  std::string owner;            // refs::owner_in(text)
  std::string head;             // refs::head_of(text)
  std::set<std::string> words;  // refs::name_words(text)

  explicit Written(std::string t)
      : text(std::move(t)),
        normal(rk::normal(text)),
        owner(refs::owner_in(text)),
        head(refs::head_of(text)),
        words(refs::name_words(text)) {}
};

// A name that is one of the document's aliases, or a short form of one.
double alias_score(const Mention& m, const Written& w, const KnownDocument& d) {
  for (const auto& alias : d.aliases)
    if (same_name(w.normal, cached_normal(alias))) return 0.95;
  if (m.kind == "title") return 0;
  if (w.words.size() < 2) return 0;
  for (const auto& alias : d.aliases)
    if (subset(w.words, cached_name_words(alias))) return 0.85;
  return 0;
}

// Two owners named ("Norrviks stads ...", "... i Norrviks stad") must be one.
bool owners_fit(const Written& w, const std::string& title) {
  const std::string& b = cached_owner(title);
  return w.owner.empty() || b.empty() || w.owner == b;
}

// `text` is the start of `title`, or of the title without its owner
// ("handlingsplan för att ..." of "göteborgs stads handlingsplan för att ...").
bool cut_from(const std::string& text, const std::string& title) {
  auto starts = [&](std::string_view full) {
    return full.size() > text.size() && full.compare(0, text.size(), text) == 0 &&
           full[text.size()] == ' ';
  };
  if (starts(title)) return true;
  for (std::string_view owner : {" stads ", " kommuns "}) {
    const std::size_t at = title.find(owner);
    if (at != std::string::npos && title.find(' ') == at &&
        starts(std::string_view(title).substr(at + owner.size())))
      return true;
  }
  return false;
}

// The words of a name that tell one title from another: "arbetet" opens
// half of them ("plan för arbetet med ...").
std::size_t telling_words(const std::set<std::string>& words) {
  static const std::set<std::string> kCommon{"arbete", "arbetet", "stadens", "kommunens"};
  return static_cast<std::size_t>(std::count_if(
      words.begin(), words.end(), [](const std::string& w) { return !kCommon.count(w); }));
}

// How well a name (not a law, alias or pronoun) fits one document.
double text_score(const Mention& m, const Written& w, const KnownDocument& d) {
  if (w.normal == cached_normal(d.title)) return 1.0;
  if (!owners_fit(w, d.title)) return 0;
  // "kulturprogrammet" is not "Plan för kulturprogrammet": the types must agree.
  if (w.head != cached_head(d.title)) return alias_score(m, w, d);
  const double by_alias = alias_score(m, w, d);
  if (by_alias >= 0.95) return by_alias;
  const std::set<std::string>& words = w.words;
  const std::set<std::string>& title = cached_name_words(d.title);
  if (words.size() < 2) return 0;  // "planen" alone names nothing
  if (m.kind == "title") {
    const double j = overlap(words, title);
    if (j >= 0.75) return 0.6 + 0.3 * j;
    // A title cut short by the sentence ("Göteborgs Stads handlingsplan för
    // att inga områden ska vara ...") or without its subtitle, when the cut
    // keeps enough to tell it from others ("riktlinje för arbetet" does not).
    const bool cut = cut_from(w.normal, cached_normal(d.title));
    const std::size_t kept = telling_words(words);
    const bool enough = kept >= 3 || (kept >= 2 && 2 * kept >= title.size());
    return cut && enough ? 0.8 : 0;
  }
  // A short form: its words, the compound's parts included, all in the title
  // ("informationssäkerhetspolicyn" in "Policy för informationssäkerhet ...").
  if (subset(words, title)) return 0.7 + 0.2 * static_cast<double>(words.size()) / title.size();
  return by_alias;
}

// The name with and without an acronym after it: "Trygghetsprogrammet (TSP)"
// is the program whether or not its title has the acronym.
struct Names {
  Written full;
  std::optional<Written> bare;  // without " (TSP)"
  explicit Names(const Mention& m) : full(m.text) {
    const std::size_t bracket = m.text.rfind(" (");
    if (bracket != std::string::npos && m.text.back() == ')')
      bare.emplace(m.text.substr(0, bracket));
  }
};

double name_score(const Mention& m, const Names& names, const KnownDocument& d) {
  if (!years_fit(m, d)) return 0;
  double score = text_score(m, names.full, d);
  if (names.bare) score = std::max(score, text_score(m, *names.bare, d));
  return score;
}

const KnownDocument* find(const KnownIndex& index, const std::string& id) {
  const auto it = index.by_id.find(id);
  return it == index.by_id.end() ? nullptr : &index.known[it->second];
}

bool replaced(const KnownIndex& index, const std::string& id) {
  return index.replaced_by.count(id) > 0;
}

// Of equally good candidates: the document itself, else the version current
// when the context document was written, else one that nothing replaces.
const KnownDocument* prefer(const std::vector<const KnownDocument*>& tied, const KnownIndex& index,
                            const std::string& context) {
  for (const auto* d : tied)
    if (d->id == context) return d;
  const KnownDocument* self = find(index, context);
  const KnownDocument* best = nullptr;
  if (self && !self->date.empty()) {
    for (const auto* d : tied)
      if (!d->date.empty() && d->date <= self->date && (!best || d->date > best->date)) best = d;
    if (best) return best;
  }
  for (const auto* d : tied)
    if (!replaced(index, d->id)) return d;
  return tied.front();
}

// Superseded: another document replaces the target, and the context document
// is not that newer version or one of its own successors.
std::string status_of(const KnownIndex& index, const std::string& target,
                      const std::string& context) {
  if (target == context) return "resolved";
  std::set<std::string> lineage;
  for (const KnownDocument* d = find(index, context); d && lineage.insert(d->id).second;
       d = find(index, d->replaces)) {
  }
  bool newer = false, ours = false;
  if (const auto it = index.replaced_by.find(target); it != index.replaced_by.end())
    for (std::size_t i : it->second) (lineage.count(index.known[i].id) ? ours : newer) = true;
  return newer && !ours ? "superseded" : "resolved";
}

void append(std::vector<std::size_t>& out,
            const std::unordered_map<std::string, KnownIndex::Positions>& map,
            const std::string& key) {
  if (const auto it = map.find(key); it != map.end())
    out.insert(out.end(), it->second.begin(), it->second.end());
}

// The documents a name can score above 0 against: those with its name
// (title or alias, with or without the genitive s) or one of its words.
// text_score gives 0 to every other: an exact name is in by_name, and every
// other way to score (word overlap, a title cut short, a short form, an
// alias's words) needs a word in common.
std::vector<std::size_t> candidates(const KnownIndex& index, const Names& names) {
  std::vector<std::size_t> out;
  for (const Written* w : {&names.full, names.bare ? &*names.bare : nullptr}) {
    if (!w) continue;
    append(out, index.by_name, w->normal);
    append(out, index.by_name, without_genitive(w->normal));
    for (const auto& word : w->words) append(out, index.by_word, word);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Every field of a mention that scoring reads (the offset and length do not).
std::string mention_key(const Mention& m) {
  std::string key;
  for (const std::string* f :
       {&m.text, &m.kind, &m.years, &m.law_sfs, &m.relation_cue, &m.antecedent})
    key += *f + '\x1f';
  key += m.in_list ? '1' : '0';
  key += m.relation ? '1' : '0';
  return key;
}

const KnownIndex::Best& best_of(const Mention& m, const KnownIndex& index) {
  const std::string key = mention_key(m);
  if (auto it = index.best_of.find(key); it != index.best_of.end()) return it->second;
  if (index.best_of.size() > 1000000) index.best_of.clear();  // bounded on any corpus
  const auto& known = index.known;
  const Names names(m);
  KnownIndex::Best best;
  for (std::size_t i : candidates(index, names)) {
    const double score = name_score(m, names, known[i]);
    if (score <= 0 || score < best.score) continue;
    if (score > best.score) best.at.clear();
    best.score = score;
    best.at.push_back(i);
  }
  return index.best_of.emplace(key, std::move(best)).first->second;
}

Resolution resolve_name(const Mention& m, const KnownIndex& index, const std::string& context) {
  const auto& known = index.known;
  const KnownIndex::Best& scored = best_of(m, index);
  const double best = scored.score;
  if (best < kThreshold) return {"", "unresolved", best};
  // Documents that share the best one's title (a draft and its revision) tie.
  std::vector<std::size_t> same_title;
  for (std::size_t i : scored.at) append(same_title, index.by_title, cached_normal(known[i].title));
  std::sort(same_title.begin(), same_title.end());
  same_title.erase(std::unique(same_title.begin(), same_title.end()), same_title.end());
  std::vector<const KnownDocument*> tied;
  for (std::size_t i : same_title) tied.push_back(&known[i]);
  // Versions of one document share their title's words; two different
  // documents that fit as well make the name ambiguous.
  const std::set<std::string> words = cached_name_words(tied.front()->title);
  for (const auto* d : tied)
    if (cached_name_words(d->title) != words) return {"", "unresolved", best};
  const KnownDocument* target = prefer(tied, index, context);
  return {target->id, status_of(index, target->id, context), best};
}

}  // namespace

KnownIndex::KnownIndex(const std::vector<KnownDocument>& docs) : known(docs) {
  for (std::size_t i = 0; i < known.size(); ++i) {
    const KnownDocument& d = known[i];
    const std::string& title = cached_normal(d.title);
    by_name[title].push_back(i);
    by_title[title].push_back(i);
    for (const auto& word : cached_name_words(d.title)) by_word[word].push_back(i);
    by_id.emplace(d.id, i);
    if (!d.replaces.empty()) replaced_by[d.replaces].push_back(i);
    for (const auto& alias : d.aliases) add_alias(i, alias);
  }
}

void KnownIndex::add_alias(std::size_t document, const std::string& alias) {
  best_of.clear();
  auto add = [&](Positions& at) {
    if (std::find(at.begin(), at.end(), document) == at.end())
      at.insert(std::upper_bound(at.begin(), at.end(), document), document);
  };
  const std::string& name = cached_normal(alias);
  add(by_name[name]);
  add(by_name[without_genitive(name)]);
  for (const auto& word : cached_name_words(alias)) add(by_word[word]);
}

Resolution resolve(const Mention& mention, const std::vector<KnownDocument>& known,
                   const std::string& context_doc_id) {
  return resolve(mention, KnownIndex(known), context_doc_id);
}

Resolution resolve(const Mention& mention, const KnownIndex& index,
                   const std::string& context_doc_id) {
  if (mention.kind == "law") return {"", "unresolved", 0};
  if (mention.kind == "alias" || mention.kind == "pronoun") {
    if (mention.kind == "alias") {
      Resolution direct = resolve_name(mention, index, context_doc_id);
      if (!direct.target.empty()) return direct;
    }
    // As a list item: a one-word antecedent is a name here, not a heading.
    for (const Mention& named : find_mentions(mention.antecedent, true))
      if (named.kind != "alias" && named.kind != "pronoun")
        return resolve(named, index, context_doc_id);
    return {"", "unresolved", 0};
  }
  return resolve_name(mention, index, context_doc_id);
}

void learn_aliases(const std::vector<Mention>& mentions, std::vector<KnownDocument>& known,
                   const std::string& context_doc_id) {
  KnownIndex index(known);
  learn_aliases(mentions, known, index, context_doc_id);
}

void learn_aliases(const std::vector<Mention>& mentions, std::vector<KnownDocument>& known,
                   KnownIndex& index, const std::string& context_doc_id) {
  for (const Mention& m : mentions) {
    if (m.kind != "alias") continue;
    // "(nedan kallat programmet)" names the document only inside this text.
    if (refs::name_words(m.text).size() < 2 && refs::document_head(rk::lower(m.text))) continue;
    const Resolution r = resolve(m, index, context_doc_id);
    if (r.target.empty()) continue;
    for (std::size_t i = 0; i < known.size(); ++i) {
      KnownDocument& d = known[i];
      if (d.id != r.target) continue;
      const std::string alias = rk::lower(m.text);
      if (std::find(d.aliases.begin(), d.aliases.end(), alias) == d.aliases.end()) {
        d.aliases.push_back(alias);
        index.add_alias(i, alias);
      }
    }
  }
}

Poco::JSON::Object::Ptr to_json(const Mention& m) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("text", m.text);
  o->set("offset", m.offset);
  o->set("length", m.length);
  o->set("kind", m.kind);
  if (!m.years.empty()) o->set("years", m.years);
  if (!m.law_sfs.empty()) o->set("sfs", m.law_sfs);
  o->set("in_list", m.in_list);
  o->set("relation", m.relation);
  if (!m.relation_cue.empty()) o->set("relation_cue", m.relation_cue);
  if (!m.antecedent.empty()) o->set("antecedent", m.antecedent);
  return o;
}

Poco::JSON::Object::Ptr to_json(const Resolution& r) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("target", r.target);
  o->set("status", r.status);
  o->set("score", r.score);
  return o;
}

}  // namespace rk
