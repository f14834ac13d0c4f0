#include "query/refs.hh"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "query/library.hh"

namespace rk {

namespace s = schema;

namespace {

// Calibrated on corpus/ and ../shared/realdata/goteborg (docs/commands.md, refs).
constexpr double kMissingThreshold = 0.6;
constexpr double kCopy = 0.98;
constexpr unsigned kEsetSize = 20;
constexpr unsigned kTopPassages = 3;

struct DocInfo {
  std::string id, title, kind, date, replaces, source;
};

Xapian::Query passages_of(const std::string& doc) {
  return Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(bounded_term(s::prefix::doc, doc)),
                       Xapian::Query(std::string(s::prefix::type) + std::string(s::kTypePassage)));
}

// Stems only, and none that a fifth of all records use ("och", "ska"): such
// words say nothing about what a document governs.
class CharacteristicStems : public Xapian::ExpandDecider {
 public:
  explicit CharacteristicStems(const Xapian::Database& db)
      : db_(db), max_freq_(db.get_doccount() / 5) {}
  bool operator()(const std::string& term) const override {
    return term.size() > 2 && term[0] == 'Z' && db_.get_termfreq(term) <= max_freq_;
  }

 private:
  const Xapian::Database& db_;
  Xapian::doccount max_freq_;
};

// B's characteristic terms: the expand set of all its passages.
Xapian::ESet characteristic_terms(const Xapian::Database& db, const std::string& doc) {
  Xapian::Enquire all(db);
  all.set_query(passages_of(doc));
  all.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::RSet rset;
  Xapian::MSet mset = all.get_mset(0, db.get_doccount());
  for (auto it = mset.begin(); it != mset.end(); ++it) rset.add_document(*it);
  Xapian::Enquire enq(db);
  CharacteristicStems decider(db);
  return enq.get_eset(kEsetSize, rset, &decider);
}

// The weight of B's characteristic terms in a document's best passages:
// the passages (BM25, OP_OR of the terms) and the terms they use. The
// passages' records are read only for a finding (evidence()).
struct Match {
  double weight = 0;  // sum of the best passages' BM25 weights
  std::set<std::string> used;
  std::vector<Xapian::docid> passages;
};

Xapian::Query any_of(const std::vector<Xapian::Query>& terms) {
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Match best_passages(const Xapian::Database& db, const std::string& doc,
                    const std::vector<Xapian::Query>& terms) {
  Xapian::Enquire enq(db);
  enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, any_of(terms), passages_of(doc)));
  Xapian::MSet mset = enq.get_mset(0, kTopPassages);
  Match m;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    m.weight += it.get_weight();
    for (auto t = enq.get_matching_terms_begin(it); t != enq.get_matching_terms_end(it); ++t)
      m.used.insert(*t);
    m.passages.push_back(*it);
  }
  return m;
}

std::vector<Evidence> evidence(const Xapian::Database& db, const Match& m) {
  std::vector<Evidence> out;
  for (Xapian::docid id : m.passages) {
    auto p = parse_json_object(db.get_document(id).get_data());
    out.push_back({json_text(p, "id"), json_text(p, "text")});
  }
  return out;
}

// What missing_reference compares every A with, computed once per B: its
// characteristic terms, their expand weights, and B's own best passages.
struct Target {
  std::string id;
  std::vector<Xapian::Query> terms;
  std::vector<std::string> names;  // the terms without their prefix, for the finding
  std::map<std::string, double> weight;
  double total = 0;
  Match in_b;
};

Target target(const Xapian::Database& db, const std::string& b) {
  Target t;
  t.id = b;
  const Xapian::ESet eset = characteristic_terms(db, b);
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    t.terms.emplace_back(*it);
    t.weight[*it] = it.get_weight();
    t.total += it.get_weight();
    t.names.push_back((*it).substr(1));
  }
  if (!t.terms.empty() && t.total > 0) t.in_b = best_passages(db, b, t.terms);
  return t;
}

// Whether anything can be reported against B at all.
bool comparable(const Target& t) { return !t.terms.empty() && t.total > 0 && t.in_b.weight > 0; }

// How much of B's ground A covers: the smaller of two shares, so that both
// must be high. Coverage: the share of B's expand weight that A's best
// passages use. Strength: A's best BM25 weight against B's own (the
// self-match). A strength near 1 means A contains B's text: a copy or a
// version, which is not expected to name B; such pairs score 0.
Finding missing_reference(const Xapian::Database& db, const std::string& a, const Target& b) {
  Finding f{"missing_reference", a, b.id, {}, 0, {}, b.names};
  if (!comparable(b)) return f;
  const Match in_a = best_passages(db, a, b.terms);
  double used = 0;
  for (const auto& t : in_a.used) {
    auto w = b.weight.find(t);
    if (w != b.weight.end()) used += w->second;
  }
  const double coverage = used / b.total;
  const double strength = in_a.weight / b.in_b.weight;
  f.score = strength >= kCopy ? 0 : std::min(coverage, strength);
  if (f.score >= kMissingThreshold) f.evidence = evidence(db, in_a);
  return f;
}

// The documents that can score kMissingThreshold against B. A's strength is
// the sum of its best kTopPassages passage weights over B's; so A qualifies
// only if its best passage alone weighs at least kMissingThreshold *
// in_b.weight / kTopPassages. A passage's BM25 weight for OP_OR of B's terms
// does not depend on the boolean filter beside it (a filter adds no weight;
// collection statistics are the database's), so one query over the passages
// of all candidate documents, collapsed to each document's best passage and
// cut off a little below that bound (kSafety: rounding), finds every
// document that can qualify and drops only documents that cannot.
std::set<std::string> candidates(const Xapian::Database& db, const Target& b,
                                 const Xapian::Query& passages) {
  constexpr double kSafety = 0.999;
  Xapian::Enquire enq(db);
  enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, any_of(b.terms), passages));
  enq.set_collapse_key(s::kSlotDocId);
  enq.set_cutoff(0, kSafety * kMissingThreshold * b.in_b.weight / kTopPassages);
  Xapian::MSet mset = enq.get_mset(0, db.get_doccount());
  std::set<std::string> out;
  for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(it.get_collapse_key());
  return out;
}

// Versions of one document (one replaces the other, or both replace the
// same) and the parts of one council bundle (a proposal and the program it
// proposes) are not expected to name each other.
bool versions(const DocInfo& a, const DocInfo& b) {
  return a.source == b.source || a.replaces == b.id || b.replaces == a.id ||
         (!a.replaces.empty() && a.replaces == b.replaces) || a.title == b.title;
}

// The passages A can be among: those of `only`, or of every steering kind.
Xapian::Query candidate_passages(const std::map<std::string, DocInfo>& docs,
                                 const std::string& only) {
  if (!only.empty()) return passages_of(only);
  const Xapian::Query passages(std::string(s::prefix::type) + std::string(s::kTypePassage));
  std::set<std::string> kinds;
  for (const auto& [id, d] : docs)
    if (is_steering_kind(d.kind)) kinds.insert(bounded_term(s::prefix::kind, d.kind));
  return Xapian::Query(Xapian::Query::OP_FILTER, passages,
                       Xapian::Query(Xapian::Query::OP_OR, kinds.begin(), kinds.end()));
}

void add_missing_references(const Xapian::Database& db, const std::map<std::string, DocInfo>& docs,
                            const std::set<std::pair<std::string, std::string>>& named,
                            const std::string& only, std::vector<Finding>& out) {
  std::set<std::string> replaced;
  for (const auto& [id, d] : docs)
    if (!d.replaces.empty()) replaced.insert(d.replaces);
  std::map<std::string, std::set<std::string>> naming;  // B -> the documents that name it
  for (const auto& [from, to] : named) naming[to].insert(from);
  const std::set<std::string> none;
  const Xapian::Query passages = candidate_passages(docs, only);
  for (const auto& entry : docs) {
    // Named, not structured bindings: clang 14 cannot capture those in a lambda.
    const std::string& b = entry.first;
    const DocInfo& db_info = entry.second;
    // An outdated document is not what a text should name.
    if (!is_steering_kind(db_info.kind) || replaced.count(b)) continue;
    auto named_b = naming.find(b);
    const std::set<std::string>& names_b = named_b == naming.end() ? none : named_b->second;
    auto may_miss = [&](const std::string& a, const DocInfo& da) {
      if (a == b || !is_steering_kind(da.kind) || (!only.empty() && a != only)) return false;
      if (names_b.count(a) || versions(da, db_info)) return false;
      // A text cannot name a document written after it.
      return da.date.empty() || db_info.date.empty() || db_info.date <= da.date;
    };
    // B's terms only when some A may miss it.
    if (std::none_of(docs.begin(), docs.end(),
                     [&](const auto& d) { return may_miss(d.first, d.second); }))
      continue;
    const Target t = target(db, b);
    if (!comparable(t)) continue;
    // In id order, as `docs`.
    for (const auto& a : candidates(db, t, passages)) {
      auto da = docs.find(a);
      if (da == docs.end() || !may_miss(a, da->second)) continue;
      Finding f = missing_reference(db, a, t);
      if (f.score >= kMissingThreshold) out.push_back(std::move(f));
    }
  }
}

// A names B, but never in a sentence that says how they relate.
void add_mention_only(const std::vector<Reference>& refs,
                      const std::map<std::string, DocInfo>& docs, std::vector<Finding>& out) {
  std::map<std::pair<std::string, std::string>, std::vector<const Reference*>> by_pair;
  for (const auto& r : refs)
    if (r.status == "resolved" && !r.target.empty()) by_pair[{r.from, r.target}].push_back(&r);
  for (const auto& [pair, rs] : by_pair) {
    auto from = docs.find(pair.first);
    if (from == docs.end() || !is_steering_kind(from->second.kind)) continue;
    if (std::any_of(rs.begin(), rs.end(), [](const Reference* r) { return r->relation; })) continue;
    Finding f{"mention_only", pair.first, pair.second, rs.front()->target_text, 1.0, {}, {}};
    for (const auto* r : rs) f.evidence.push_back({r->passage, {}});
    out.push_back(std::move(f));
  }
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// An unresolved name is a finding when it identifies one document: a title
// as titles are written (capital first letter, not a heading in capitals),
// or an owner and one compound word ("stadens upphandlingspolicy"). A
// definite form ("åtgärdsplanen") points back into its own text, and
// "handlingsprogram för förebyggande verksamhet" names a kind of document.
bool identifies_a_document(const Reference& r) {
  const std::string& text = r.target_text;
  const std::string l = lower(text);
  if (r.mention == "title") {
    const bool capital = l.compare(0, 2, text, 0, 2) != 0;
    return capital &&
           std::any_of(text.begin() + 1, text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }
  if (r.mention != "short") return false;
  for (std::string owner : {"stadens ", "kommunens "}) {
    if (l.rfind(owner, 0) != 0) continue;
    const std::string rest = l.substr(owner.size());
    return rest.find(' ') == std::string::npos && !ends_with(rest, "en") && !ends_with(rest, "et");
  }
  return false;
}

void add_status_findings(const std::vector<Reference>& refs,
                         const std::map<std::string, DocInfo>& docs, std::vector<Finding>& out) {
  std::set<std::string> seen;
  for (const auto& r : refs) {
    if (r.law || r.status == "resolved") continue;
    auto from = docs.find(r.from);
    if (from == docs.end() || !is_steering_kind(from->second.kind)) continue;
    if (r.status == "unresolved" && !identifies_a_document(r)) continue;
    const std::string type = r.status;  // unresolved | superseded
    const std::string key =
        type + '\n' + r.from + '\n' + (r.target.empty() ? lower(r.target_text) : r.target);
    if (!seen.insert(key).second) continue;
    out.push_back({type, r.from, r.target, r.target_text, 1.0, {{r.passage, {}}}, {}});
  }
}

void fill_evidence_text(const Xapian::Database& db, std::vector<Finding>& findings) {
  for (auto& f : findings)
    for (auto& e : f.evidence)
      if (e.text.empty())
        if (auto p = load_passage(db, e.passage)) e.text = json_text(*p, "text");
}

}  // namespace

std::vector<LinkedDocument> linked_documents(const Xapian::Database& db, const std::string& id,
                                             int max_steps) {
  std::map<std::string, std::set<std::string>> neighbours;
  bool known = false;
  for (const auto& d : list_documents(db)) {
    known |= json_text(d, "id") == id;
    auto refs = d->getArray("references");
    for (std::size_t i = 0; refs && i < refs->size(); ++i) {
      auto o = refs->getObject(static_cast<unsigned>(i));
      const std::string from = json_text(o, "from"), target = json_text(o, "target");
      if (target.empty() || from == target) continue;
      neighbours[from].insert(target);
      neighbours[target].insert(from);
    }
  }
  if (!known) return {};
  // Breadth first: each document at the fewest steps it can be reached in.
  std::vector<LinkedDocument> out{{id, 0}};
  std::set<std::string> seen{id};
  for (std::size_t next = 0; next < out.size(); ++next) {
    const LinkedDocument here = out[next];
    if (here.steps >= max_steps) continue;
    for (const auto& n : neighbours[here.id])
      if (seen.insert(n).second) out.push_back({n, here.steps + 1});
  }
  std::stable_sort(out.begin(), out.end(), [](const LinkedDocument& a, const LinkedDocument& b) {
    return a.steps != b.steps ? a.steps < b.steps : a.id < b.id;
  });
  return out;
}

Reference reference_from_json(const Poco::JSON::Object::Ptr& o) {
  return {json_text(o, "from"),
          json_text(o, "passage"),
          json_text(o, "target_text"),
          json_text(o, "target"),
          json_text(o, "status"),
          json_text(o, "mention"),
          json_text(o, "kind") == "law",
          o->optValue<bool>("in_list", false),
          o->optValue<bool>("relation", false)};
}

RefsReport build_refs_report(const Xapian::Database& db, const std::string& only) {
  RefsReport report;
  std::map<std::string, DocInfo> docs;
  std::set<std::pair<std::string, std::string>> named;
  for (const auto& d : list_documents(db)) {
    DocInfo info{json_text(d, "id"),       json_text(d, "title"),
                 json_text(d, "kind"),     json_text(d, "date"),
                 json_text(d, "replaces"), json_text(d->getObject("source"), "path")};
    docs[info.id] = info;
    report.documents.push_back({info.id, info.title, info.kind});
    auto refs = d->getArray("references");
    for (std::size_t i = 0; refs && i < refs->size(); ++i) {
      Reference r = reference_from_json(refs->getObject(static_cast<unsigned>(i)));
      if (!r.target.empty()) named.insert({r.from, r.target});
      if (only.empty() || r.from == only) report.references.push_back(std::move(r));
    }
  }
  add_status_findings(report.references, docs, report.findings);
  add_mention_only(report.references, docs, report.findings);
  add_missing_references(db, docs, named, only, report.findings);
  fill_evidence_text(db, report.findings);
  return report;
}

Poco::JSON::Object::Ptr refs_json(const RefsReport& report) {
  auto obj = [] {
    return Poco::JSON::Object::Ptr(new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER));
  };
  auto or_null = [](const std::string& v) {
    return v.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(v);
  };
  Poco::JSON::Object::Ptr out = obj();
  out->set("format", 1);
  Poco::JSON::Array::Ptr refs = new Poco::JSON::Array;
  for (const auto& r : report.references) {
    auto o = obj();
    o->set("from", r.from);
    o->set("passage", r.passage);
    o->set("target_text", valid_utf8(r.target_text));
    o->set("target", or_null(r.target));
    o->set("status", r.status);
    if (r.law) o->set("kind", "law");
    o->set("in_list", r.in_list);
    o->set("relation", r.relation);
    refs->add(o);
  }
  out->set("references", refs);
  Poco::JSON::Array::Ptr findings = new Poco::JSON::Array;
  for (const auto& f : report.findings) {
    auto o = obj();
    o->set("type", f.type);
    o->set("doc", f.doc);
    o->set("target", or_null(f.target));
    if (!f.text.empty()) o->set("text", valid_utf8(f.text));
    o->set("score", std::round(f.score * 1000) / 1000);
    Poco::JSON::Array::Ptr ev = new Poco::JSON::Array;
    for (const auto& e : f.evidence) {
      auto x = obj();
      x->set("passage", e.passage);
      x->set("text", valid_utf8(e.text));
      ev->add(x);
    }
    o->set("evidence", ev);
    if (!f.terms.empty()) {
      Poco::JSON::Array::Ptr terms = new Poco::JSON::Array;
      for (const auto& t : f.terms) terms->add(valid_utf8(t));
      o->set("terms", terms);
    }
    findings->add(o);
  }
  out->set("findings", findings);
  return out;
}

namespace {

const char* status_sv(const std::string& status) {
  if (status == "resolved") return "hittad";
  if (status == "superseded") return "ersatt";
  return "okänd";
}

std::string heading_sv(const std::string& type) {
  if (type == "missing_reference") return "Saknad hänvisning";
  if (type == "mention_only") return "Nämns endast";
  if (type == "superseded") return "Ersatt dokument";
  return "Okänd hänvisning";
}

std::string explain_sv(const Finding& f) {
  if (f.type == "missing_reference")
    return f.doc + " behandlar samma område som " + f.target + " men hänvisar aldrig dit";
  if (f.type == "mention_only")
    return f.doc + " nämner " + f.target + " utan att säga hur de hänger ihop";
  if (f.type == "superseded") return f.doc + " hänvisar till " + f.target + ", som har ersatts";
  return f.doc + " nämner \"" + f.text + "\", som inte finns bland dokumenten";
}

}  // namespace

void print_refs(std::ostream& out, const RefsReport& report) {
  out << "Hänvisningar (" << report.references.size() << "):\n";
  for (const auto& r : report.references) {
    out << "  " << r.from << " -> " << (r.target.empty() ? "?" : r.target) << "  ["
        << status_sv(r.status) << (r.law ? ", lag" : "") << "] \"" << r.target_text << "\" ("
        << r.passage << ")\n";
  }
  out << "\nFynd (" << report.findings.size() << "):\n";
  for (const auto& f : report.findings) {
    out << "  " << heading_sv(f.type) << ": " << explain_sv(f);
    if (f.type == "missing_reference") out << " (poäng " << std::round(f.score * 100) / 100 << ")";
    out << "\n";
    if (!f.terms.empty()) {
      out << "    kännetecknande ord:";
      for (std::size_t i = 0; i < f.terms.size() && i < 8; ++i) out << " " << f.terms[i];
      out << "\n";
    }
    for (const auto& e : f.evidence) {
      std::string text = e.text.size() > 160 ? e.text.substr(0, 157) + "..." : e.text;
      out << "    " << e.passage << ": " << valid_utf8(text) << "\n";
    }
  }
}

namespace {

std::string dot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";  // a line break inside a Graphviz label
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

const char* kind_colour(const std::string& kind) {
  static const std::map<std::string, const char*> colours = {
      {"program", "lightblue"}, {"plan", "palegreen"}, {"policy", "gold"},
      {"guideline", "orange"},  {"strategy", "plum"},  {"response", "lightgrey"},
      {"decision", "pink"},     {"motion", "khaki"}};
  auto it = colours.find(kind);
  return it == colours.end() ? "white" : it->second;
}

}  // namespace

void print_refs_dot(std::ostream& out, const RefsReport& report) {
  out << "digraph remisskoll_refs {\n  rankdir=LR;\n  node [shape=box, style=filled];\n";
  for (const auto& d : report.documents)
    out << "  " << dot_quote(d.id) << " [label=" << dot_quote(d.id + "\n" + d.kind)
        << ", fillcolor=" << kind_colour(d.kind) << "];\n";
  std::set<std::pair<std::string, std::string>> drawn;
  for (const auto& r : report.references)
    if (!r.target.empty() && drawn.insert({r.from, r.target}).second)
      out << "  " << dot_quote(r.from) << " -> " << dot_quote(r.target)
          << (r.status == "superseded" ? " [color=red]" : "") << ";\n";
  for (const auto& f : report.findings) {
    std::string target = f.target;
    if (target.empty()) {
      target = "?" + f.text;
      out << "  " << dot_quote(target) << " [label=" << dot_quote(f.text)
          << ", shape=note, fillcolor=white];\n";
    }
    out << "  " << dot_quote(f.doc) << " -> " << dot_quote(target)
        << " [style=dashed, label=" << dot_quote(f.type) << "];\n";
  }
  out << "}\n";
}

}  // namespace rk
