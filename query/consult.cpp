// The sammanställning av remissvar: every response to a program with its
// respondent, decision, statements (linked to the program's sections) and the
// groups of near-identical responses.
#include "query/consult.hh"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <numeric>
#include <sstream>
#include <tuple>

#include "indexer/analysis/swedish.hh"
#include "indexer/consult/compilation.hh"
#include "indexer/consult/cues.hh"
#include "indexer/core/error.hh"
#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "query/consult_internal.hh"
#include "query/library.hh"
#include "query/output.hh"

namespace rk {

namespace s = schema;

namespace consultq {

namespace {

int int_field(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return 0;
  return o->getValue<int>(key);
}

// A reference of the document resolves (or resolved, before a revision
// superseded it) to `target`.
bool references(const Poco::JSON::Object::Ptr& doc, const std::string& target) {
  auto refs = doc->getArray("references");
  for (std::size_t i = 0; refs && i < refs->size(); ++i) {
    if (json_text(refs->getObject(static_cast<unsigned>(i)), "target") == target) return true;
  }
  return false;
}

struct Stopwords {
  std::set<std::string, std::less<>> exact, soft;
  std::vector<std::string> prefixes;
};

const Stopwords& stopwords() {
  static const Stopwords words = [] {
    Stopwords w;
    std::istringstream in{std::string(consult::embedded_cue_file("topic_stopwords"))};
    std::string line;
    while (std::getline(in, line)) {
      line = collapse_space(line);
      if (line.empty() || line[0] == '#') continue;
      if (line[0] == '~')
        w.soft.insert(line.substr(1));
      else if (line.back() == '*')
        w.prefixes.push_back(line.substr(0, line.size() - 1));
      else
        w.exact.insert(line);
    }
    return w;
  }();
  return words;
}

// The number in an explicit section mention: "avsnitt 6.3" -> "6.3",
// "insats 7:2" -> "7:2".
std::string mention_number(const std::string& mention) {
  const auto pos = mention.find_first_of("0123456789");
  if (pos == std::string::npos) return {};
  auto end = mention.find_first_not_of("0123456789.:", pos);
  std::string n = mention.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
  while (!n.empty() && (n.back() == '.' || n.back() == ':')) n.pop_back();
  return n;
}

std::string first_token(const std::string& s) {
  const auto end = s.find(' ');
  std::string t = s.substr(0, end);
  while (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

// The section an explicit mention names, or npos.
std::size_t explicit_section(const Program& program, const std::string& mention) {
  const std::string lower_mention = lower(mention);
  const std::string number = mention_number(mention);
  const bool insats = lower_mention.rfind("insats", 0) == 0;
  for (std::size_t i = 0; i < program.headings.size(); ++i) {
    const std::string heading = lower(program.headings[i]);
    if (heading.empty()) continue;
    if (!number.empty() && !insats && first_token(heading) == number) return i;
    if (number.empty() && heading.find(lower_mention) != std::string::npos) return i;
  }
  if (!number.empty()) {
    // "insats 7:2" is often a paragraph's lead-in rather than a heading.
    const std::string needle = insats ? "insats " + number : lower_mention;
    for (const auto& p : program.passages) {
      if (lower(p.text).find(needle) != std::string::npos) return p.section;
    }
  }
  return std::string::npos;
}

Poco::JSON::Object::Ptr section_json(const Program& program, std::size_t section,
                                     const std::string& by, double score) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("heading", program.headings[section]);
  o->set("page", program.heading_pages[section]);
  o->set("by", by);
  if (by == "similarity") o->set("score", score);
  return o;
}

}  // namespace

bool is_soft_stopword(std::string_view lower_word) {
  return stopwords().soft.count(lower_word) > 0;
}

bool is_topic_stopword(std::string_view lower_word) {
  const auto& w = stopwords();
  if (w.exact.count(lower_word) || w.soft.count(lower_word)) return true;
  for (const auto& p : w.prefixes) {
    if (lower_word.substr(0, p.size()) == p) return true;
  }
  return false;
}

Xapian::Query passages_of(const std::string& doc_id) {
  return Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(bounded_term(s::prefix::doc, doc_id)),
                       Xapian::Query(std::string(s::prefix::type) + std::string(s::kTypePassage)));
}

std::set<std::string> stem_terms(std::string_view text) {
  Xapian::Document scratch;
  Xapian::termpos pos = 1;
  SwedishAnalyzer::get().index_text(scratch, text, "", pos);
  std::set<std::string> out;
  for (auto it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) {
    const std::string t = *it;
    if (t.size() > 1 && t[0] == 'Z') out.insert(t);
  }
  return out;
}

Program load_program(const Xapian::Database& db, const std::string& id) {
  auto doc = load_document(db, id);
  if (!doc) throw UsageError("inget dokument med id '" + id + "' (se 'remisskoll docs')");
  Program p;
  p.doc = *doc;
  p.id = id;
  p.title = json_text(*doc, "title");
  p.kind = json_text(*doc, "kind");
  p.date = json_text(*doc, "date");
  p.replaces = json_text(*doc, "replaces");
  p.references = (*doc)->getArray("references");
  if (!p.references) p.references = new Poco::JSON::Array;
  auto sections = (*doc)->getArray("sections");
  for (std::size_t i = 0; sections && i < sections->size(); ++i) {
    auto sec = sections->getObject(static_cast<unsigned>(i));
    p.headings.push_back(json_text(sec, "heading"));
    p.heading_pages.push_back(int_field(sec, "page"));
    auto ps = sec->getArray("passages");
    for (std::size_t j = 0; ps && j < ps->size(); ++j) {
      auto o = ps->getObject(static_cast<unsigned>(j));
      ProgramPassage pp;
      pp.id = json_text(o, "id");
      pp.text = json_text(o, "text");
      pp.heading = p.headings.back();
      pp.page = int_field(o, "page");
      pp.line_start = int_field(o, "line_start");
      pp.line_end = int_field(o, "line_end");
      pp.section = p.headings.size() - 1;
      p.passages.push_back(std::move(pp));
    }
  }
  return p;
}

std::vector<Response> responses_to(const Xapian::Database& db, const Program& program) {
  std::vector<Response> out;
  // Those that answer the program and those whose references name it.
  const std::vector<std::string> terms{bounded_term(s::prefix::answers, program.id),
                                       bounded_term(s::prefix::cites, program.id)};
  for (const auto& fields : documents_with(db, terms)) {
    if (json_text(fields, "kind") != "response") continue;
    const std::string target = json_text(fields, "responds_to");
    if (!target.empty() && target != program.id) continue;
    auto doc = load_document(db, json_text(fields, "id"));
    if (!doc) continue;
    if (target.empty() && !references(*doc, program.id)) continue;
    Response r;
    r.id = json_text(*doc, "id");
    r.title = json_text(*doc, "title");
    r.date = json_text(*doc, "date");
    r.linked_by_reference = target.empty();
    if (auto resp = (*doc)->getObject("respondent")) {
      r.respondent = json_text(resp, "name");
      r.category = json_text(resp, "category");
    }
    if (r.respondent.empty()) r.respondent = json_text(*doc, "author");
    r.decision_json = (*doc)->getObject("decision");
    r.decision = r.decision_json ? json_text(r.decision_json, "stance") : "ej_angiven";
    r.statements = (*doc)->getArray("statements");
    if (!r.statements) r.statements = new Poco::JSON::Array;
    r.references = (*doc)->getArray("references");
    if (!r.references) r.references = new Poco::JSON::Array;
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(), [](const Response& a, const Response& b) {
    return std::tie(a.date, a.id) < std::tie(b.date, b.id);
  });
  return out;
}

std::string revision_of(const Xapian::Database& db, const std::string& id) {
  std::string best, best_date;
  for (const auto& fields : documents_with(db, {bounded_term(s::prefix::replaces, id)})) {
    if (json_text(fields, "replaces") != id) continue;
    const std::string date = json_text(fields, "date");
    if (best.empty() || date < best_date) {
      best = json_text(fields, "id");
      best_date = date;
    }
  }
  return best;
}

Poco::JSON::Object::Ptr passage_evidence(const ProgramPassage& p) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("passage", p.id);
  o->set("text", p.text);
  o->set("heading", p.heading);
  o->set("page", p.page);
  o->set("line", p.line_start);
  return o;
}

Poco::JSON::Array::Ptr link_sections(const Xapian::Database& db, const Program& program,
                                     const Poco::JSON::Object::Ptr& statement) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  std::set<std::size_t> seen;
  auto mentions = statement->getArray("sections");
  for (std::size_t i = 0; mentions && i < mentions->size(); ++i) {
    const auto sec = explicit_section(program, mentions->getElement<std::string>(i));
    if (sec != std::string::npos && seen.insert(sec).second)
      out->add(section_json(program, sec, "explicit", 1.0));
  }
  if (out->size() > 0 || program.passages.empty()) return out;

  // No explicit mention: the program passage most like the statement, when
  // the two share at least two specific words (BM25 alone always finds a
  // "best" passage, even for a sentence about something else).
  std::vector<Xapian::Query> terms;
  for (const auto& t : stem_terms(json_text(statement, "text"))) {
    if (!is_topic_stopword(t.substr(1))) terms.emplace_back(t);
  }
  if (terms.size() < 2) return out;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                  Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                  passages_of(program.id)));
  Xapian::MSet top = enquire.get_mset(0, 1);
  if (top.empty()) return out;
  auto matching = std::distance(enquire.get_matching_terms_begin(top.begin()),
                                enquire.get_matching_terms_end(top.begin()));
  if (matching < 2) return out;
  auto data = parse_json_object(top.begin().get_document().get_data());
  const std::string pid = json_text(data, "id");
  for (const auto& p : program.passages) {
    if (p.id == pid)
      out->add(section_json(program, p.section, "similarity",
                            static_cast<double>(matching) / static_cast<double>(terms.size())));
  }
  return out;
}

}  // namespace consultq

namespace {

using consultq::Program;
using consultq::Response;

// Sentences a response shares word for word with others give away a form
// letter or a copy-paste; long ones only (short ones are formulas).
std::string sentence_key(const std::string& text) {
  std::string key;
  std::size_t words = 0;
  bool in_word = false;
  for (char c : lower(text)) {
    const bool letter =
        static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
    if (letter) {
      if (!in_word && !key.empty()) key += ' ';
      if (!in_word) ++words;
      key += c;
    }
    in_word = letter;
  }
  return words >= 8 ? key : std::string();
}

// Texts as sorted, distinct 64-bit hashes: comparing two responses is a
// merge of two integer vectors, not string lookups in sets (a collision of
// two 64-bit hashes among a few thousand keys is not a practical concern).
using Keys = std::vector<std::uint64_t>;

Keys sorted_keys(std::vector<std::uint64_t> keys) {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::size_t shared_keys(const Keys& a, const Keys& b) {
  std::size_t shared = 0;
  for (auto x = a.begin(), y = b.begin(); x != a.end() && y != b.end();) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      ++shared, ++x, ++y;
    }
  }
  return shared;
}

// The response's word 4-grams.
Keys shingles(const Response& r) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < r.statements->size(); ++i) {
    std::istringstream in(
        lower(json_text(r.statements->getObject(static_cast<unsigned>(i)), "text")));
    std::string w;
    while (in >> w) words.push_back(w);
  }
  std::vector<std::uint64_t> out;
  const std::hash<std::string> hash;
  for (std::size_t i = 0; i + 4 <= words.size(); ++i)
    out.push_back(hash(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] + ' ' + words[i + 3]));
  return sorted_keys(std::move(out));
}

double jaccard(const Keys& a, const Keys& b) {
  if (a.empty() || b.empty()) return 0;
  const std::size_t shared = shared_keys(a, b);
  return static_cast<double>(shared) / static_cast<double>(a.size() + b.size() - shared);
}

// Groups of near-identical responses: at least three shared long sentences,
// or word 4-gram overlap (Jaccard) of 0.5 or more. The earliest response of a
// group is where the text came from; the others joined it.
Poco::JSON::Array::Ptr near_duplicate_groups(const std::vector<Response>& responses) {
  const std::size_t n = responses.size();
  const std::hash<std::string> hash;
  std::vector<Keys> sentences(n), grams(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::uint64_t> keys;
    for (std::size_t j = 0; j < responses[i].statements->size(); ++j) {
      auto key = sentence_key(
          json_text(responses[i].statements->getObject(static_cast<unsigned>(j)), "text"));
      if (!key.empty()) keys.push_back(hash(key));
    }
    sentences[i] = sorted_keys(std::move(keys));
    grams[i] = shingles(responses[i]);
  }
  auto has_sentence = [&](std::size_t m, const std::string& key) {
    return std::binary_search(sentences[m].begin(), sentences[m].end(), hash(key));
  };
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  struct Pair {
    std::size_t shared;
    double similarity;
  };
  std::map<std::pair<std::size_t, std::size_t>, Pair> pairs;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const std::size_t shared = shared_keys(sentences[i], sentences[j]);
      const double sim = jaccard(grams[i], grams[j]);
      if (shared < 3 && sim < 0.5) continue;
      pairs[{i, j}] = {shared, sim};
      parent[find(j)] = find(i);
    }
  }
  std::map<std::size_t, std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < n; ++i) groups[find(i)].push_back(i);
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  for (const auto& [root, members] : groups) {
    if (members.size() < 2) continue;
    const std::size_t first = members.front();  // responses are ordered by date
    Poco::JSON::Object::Ptr g = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Poco::JSON::Array::Ptr docs = new Poco::JSON::Array, joined = new Poco::JSON::Array;
    std::size_t shared_min = SIZE_MAX;
    double sim_max = 0;
    for (std::size_t m : members) {
      docs->add(responses[m].id);
      if (m == first) continue;
      auto it = pairs.find({std::min(first, m), std::max(first, m)});
      Poco::JSON::Object::Ptr j = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      j->set("doc", responses[m].id);
      j->set("respondent", responses[m].respondent);
      j->set("joined", responses[first].id);
      if (it != pairs.end()) {
        j->set("shared_sentences", static_cast<int>(it->second.shared));
        j->set("similarity", std::round(it->second.similarity * 100) / 100);
        shared_min = std::min(shared_min, it->second.shared);
        sim_max = std::max(sim_max, it->second.similarity);
      }
      joined->add(j);
    }
    g->set("docs", docs);
    g->set("first", responses[first].id);
    g->set("first_respondent", responses[first].respondent);
    g->set("joined", joined);
    g->set("shared_sentences", static_cast<int>(shared_min == SIZE_MAX ? 0 : shared_min));
    g->set("similarity", std::round(sim_max * 100) / 100);
    Poco::JSON::Array::Ptr examples = new Poco::JSON::Array;
    for (std::size_t j = 0; j < responses[first].statements->size() && examples->size() < 3; ++j) {
      auto st = responses[first].statements->getObject(static_cast<unsigned>(j));
      const auto key = sentence_key(json_text(st, "text"));
      if (key.empty()) continue;
      if (std::all_of(members.begin() + 1, members.end(),
                      [&](std::size_t m) { return has_sentence(m, key); }))
        examples->add(json_text(st, "text"));
    }
    g->set("shared_examples", examples);
    out->add(g);
  }
  return out;
}

// The office's "Kommentar": what the body asks for and criticises first, then
// what it welcomes; at most three sentences.
std::string comment_of(const Poco::JSON::Array::Ptr& statements) {
  std::string out;
  int taken = 0;
  for (const char* wanted : {"critical", "proposal", "positive", "question"}) {
    for (std::size_t i = 0; i < statements->size() && taken < 3; ++i) {
      auto st = statements->getObject(static_cast<unsigned>(i));
      if (json_text(st, "stance") != wanted) continue;
      if (!out.empty()) out += ' ';
      out += json_text(st, "text");
      ++taken;
    }
  }
  return out;
}

Poco::JSON::Object::Ptr response_json(const Xapian::Database& db, const Program& program,
                                      const Response& r) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("doc", r.id);
  o->set("title", r.title);
  o->set("date", r.date);
  o->set("respondent", r.respondent);
  o->set("category", r.category);
  o->set("decision", r.decision);
  Poco::Dynamic::Var evidence;
  if (r.decision_json && r.decision_json->has("evidence"))
    evidence = r.decision_json->get("evidence");
  o->set("evidence", evidence);
  if (r.decision_json && r.decision_json->has("proposed"))
    o->set("proposed", r.decision_json->get("proposed"));
  o->set("linked_by", r.linked_by_reference ? "references" : "responds_to");
  Poco::JSON::Array::Ptr statements = new Poco::JSON::Array;
  for (std::size_t i = 0; i < r.statements->size(); ++i) {
    auto st = r.statements->getObject(static_cast<unsigned>(i));
    if (json_text(st, "stance") == "neutral" || json_text(st, "quoted") == "true") continue;
    Poco::JSON::Object::Ptr s = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const char* k : {"passage", "text", "stance", "cue", "negated", "hedged"})
      s->set(k, st->get(k));
    if (st->has("speaker")) s->set("speaker", st->get("speaker"));
    auto links = consultq::link_sections(db, program, st);
    Poco::JSON::Array::Ptr headings = new Poco::JSON::Array;
    for (std::size_t j = 0; j < links->size(); ++j)
      headings->add(json_text(links->getObject(static_cast<unsigned>(j)), "heading"));
    s->set("sections", headings);
    s->set("section_links", links);
    s->set("written_sections", st->get("sections"));
    statements->add(s);
  }
  o->set("statements", statements);
  o->set("comment", comment_of(statements));
  return o;
}

// A response's decision as the office's row would state it, or nothing when
// no response of the compilation is from that body.
const Response* response_for(const CompilationRow& row, const std::vector<Response>& responses) {
  for (const auto& r : responses)
    if (same_body(row.respondent, r.respondent)) return &r;
  return nullptr;
}

CompilationRow row_from_json(const Poco::JSON::Object::Ptr& o) {
  CompilationRow row;
  row.group = json_text(o, "group");
  row.respondent = json_text(o, "respondent");
  row.decision = json_text(o, "decision");
  row.decision_text = json_text(o, "decision_text");
  row.comment = json_text(o, "comment");
  row.passage = json_text(o, "passage");
  row.collective = json_text(o, "collective") == "true";
  return row;
}

// The office's own compilations of these responses (a compilation document,
// or the table and prose of a staff report), each row set against the
// decision Remisskoll reads in the response itself. A document counts when
// at least half of its rows, and two or more, are bodies that responded.
Poco::JSON::Array::Ptr office_accounts(const Xapian::Database& db,
                                       const std::vector<Response>& responses) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  if (responses.empty()) return out;
  // The records alone: their passages are not needed (the kinds are terms).
  const std::vector<std::string> kinds{bounded_term(s::prefix::kind, "compilation"),
                                       bounded_term(s::prefix::kind, "staff_report")};
  for (const auto& doc : documents_matching(db, kinds, true)) {
    const std::string kind = json_text(doc, "kind");
    if (kind != "compilation" && kind != "staff_report") continue;
    if (!doc->has("rows")) continue;
    auto rows = doc->getArray("rows");
    Poco::JSON::Array::Ptr checked = new Poco::JSON::Array;
    int matched = 0, agreeing = 0;
    for (std::size_t i = 0; rows && i < rows->size(); ++i) {
      auto json = rows->getObject(static_cast<unsigned>(i));
      const CompilationRow row = row_from_json(json);
      const Response* r = response_for(row, responses);
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      for (const auto& [k, v] : *json) o->set(k, v);
      o->set("response", r ? Poco::Dynamic::Var(r->id) : Poco::Dynamic::Var());
      o->set("derived", r ? Poco::Dynamic::Var(r->decision) : Poco::Dynamic::Var());
      if (r) {
        ++matched;
        const bool agrees = r->decision == row.decision;
        agreeing += agrees;
        o->set("agrees", agrees);
        if (!agrees && r->decision_json && r->decision_json->has("evidence"))
          o->set("derived_evidence", r->decision_json->get("evidence"));
      } else {
        o->set("agrees", Poco::Dynamic::Var());
      }
      checked->add(o);
    }
    const auto total = static_cast<int>(checked->size());
    if (matched < 2 || 2 * matched < total) continue;
    Poco::JSON::Object::Ptr c = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    c->set("doc", json_text(doc, "id"));
    c->set("kind", kind);
    c->set("title", json_text(doc, "title"));
    c->set("rows", checked);
    c->set("matched", matched);
    c->set("agreeing", agreeing);
    out->add(c);
  }
  return out;
}

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

}  // namespace

Poco::JSON::Object::Ptr compile_program(const Xapian::Database& db, const std::string& program_id) {
  const Program program = consultq::load_program(db, program_id);
  const auto responses = consultq::responses_to(db, program);
  auto out = format1();
  out->set("program", program.id);
  out->set("title", program.title);
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  std::map<std::string, int> decisions;
  for (const auto& r : responses) {
    list->add(response_json(db, program, r));
    ++decisions[r.decision];
  }
  out->set("responses", list);
  Poco::JSON::Object::Ptr counts = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const char* d : {"tillstyrker", "tillstyrker_delvis", "avstyrker", "inga_synpunkter",
                        "avstar", "ej_angiven"})
    counts->set(d, decisions[d]);
  out->set("decisions", counts);
  out->set("groups", near_duplicate_groups(responses));
  out->set("compilations", office_accounts(db, responses));
  return out;
}

std::string compilation_csv(const Poco::JSON::Object::Ptr& compiled) {
  std::string out = "Remissinstans;Kategori;Beslut;Kommentar;Dokument\r\n";
  auto responses = compiled->getArray("responses");
  for (std::size_t i = 0; responses && i < responses->size(); ++i) {
    auto r = responses->getObject(static_cast<unsigned>(i));
    out += csv_field(json_text(r, "respondent")) + ';' + csv_field(json_text(r, "category")) + ';' +
           csv_field(json_text(r, "decision")) + ';' + csv_field(json_text(r, "comment")) + ';' +
           csv_field(json_text(r, "doc")) + "\r\n";
  }
  return out;
}

}  // namespace rk
