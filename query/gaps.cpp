// The gap report: the topics responses raise critically or as proposals, how
// far the program covers each (absent, mentioned, developed), the claims the
// responses make about the program checked against its text, and whether the
// revised program took each gap up.
//
// A topic is named by a key: one to three content words of the statements
// (stemmed, connectors such as "i", "och", "mot" allowed inside: "våld i nära
// relationer", "hot och våld mot medarbetare"). Keys are chosen greedily, as
// in set cover: the key that the most bodies use most strongly and that is
// most specific (Xapian's idf over all passages) names the first topic and
// takes its statements, and so on while two or more statements share a key.
// Coverage asks Xapian which program passages hold every word of the key.
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "indexer/analysis/swedish.hh"
#include "indexer/consult/consult.hh"
#include "indexer/consult/cues.hh"
#include "indexer/core/records.hh"
#include "indexer/core/text.hh"
#include "query/consult.hh"
#include "query/consult_internal.hh"
#include "query/output.hh"

namespace rk {

namespace {

using consultq::Program;
using consultq::ProgramPassage;
using consultq::Response;

// Words allowed inside a key between content words.
bool is_connector(const std::string& w) {
  static const std::set<std::string> words = {"i",  "och", "mot", "med", "för",
                                              "på", "av",  "om",  "vid"};
  return words.count(w) > 0;
}

struct GapStatement {
  const Response* response = nullptr;
  Poco::JSON::Object::Ptr json;
  std::set<std::string> stems;
  double weight = 1;
  std::size_t topic = SIZE_MAX;
};

struct Key {
  std::vector<std::string> stems;  // "Z"-terms, in text order
  std::map<std::string, int> surfaces;
  std::set<std::size_t> statements;  // indices into the gap statements
};

// How strongly a statement raises something: a criticism more than a
// proposal, a hedged one less.
double weight_of(const Poco::JSON::Object::Ptr& st) {
  double w = json_text(st, "stance") == "critical" ? 1.0 : 0.8;
  if (json_text(st, "hedged") == "true") w *= 0.5;
  return w;
}

std::vector<GapStatement> gap_statements(const std::vector<Response>& responses) {
  std::vector<GapStatement> out;
  for (const auto& r : responses) {
    for (std::size_t i = 0; i < r.statements->size(); ++i) {
      auto st = r.statements->getObject(static_cast<unsigned>(i));
      const std::string stance = json_text(st, "stance");
      if (stance != "critical" && stance != "proposal") continue;
      if (json_text(st, "quoted") == "true" || json_text(st, "negated") == "true") continue;
      GapStatement g;
      g.response = &r;
      g.json = st;
      g.stems = consultq::stem_terms(json_text(st, "text"));
      g.weight = weight_of(st);
      out.push_back(std::move(g));
    }
  }
  return out;
}

bool content_word(const std::string& w) {
  if (w.size() < 3 || consultq::is_topic_stopword(w)) return false;
  return std::any_of(w.begin(), w.end(),
                     [](char c) { return !std::isdigit(static_cast<unsigned char>(c)); });
}

// Every key of up to three content words in each statement.
std::map<std::string, Key> candidate_keys(const std::vector<GapStatement>& statements) {
  const auto& analyzer = SwedishAnalyzer::get();
  std::map<std::string, Key> keys;
  for (std::size_t si = 0; si < statements.size(); ++si) {
    const std::string text = json_text(statements[si].json, "text");
    const auto words = consult::words_of(text);
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (!content_word(words[i].text)) continue;
      // Extend over content words; a connector ("i", "och", "mot") or one
      // other word ("nära") may stand between them, never at an end.
      std::vector<std::string> stems;
      std::size_t contents = 0, interior = 0;
      for (std::size_t j = i; j < words.size() && contents < 3; ++j) {
        const std::string& w = words[j].text;
        const bool content = content_word(w);
        if (!content) {
          if (j == i || interior >= 2) break;
          if (!is_connector(w)) {
            if (!consultq::is_soft_stopword(w)) break;
            stems.push_back("Z" + analyzer.stem(w));
          }
          ++interior;
          continue;
        }
        const std::string stem = "Z" + analyzer.stem(w);
        if (std::find(stems.begin(), stems.end(), stem) != stems.end()) break;
        stems.push_back(stem);
        ++contents;
        interior = 0;
        // A Swedish noun phrase ends in its noun: "klimatrelaterade risker",
        // not "klimatrelaterade"; a verb or an adjective names no topic.
        // A word the lexicon does not know counts when written with a
        // capital (a name, an acronym: "RSA", "Posom").
        const bool capital = text.compare(words[j].begin, words[j].end - words[j].begin, w) != 0;
        if (!analyzer.is_noun(w).value_or(capital)) continue;
        std::string id;
        for (const auto& x : stems) id += x + ' ';
        Key& k = keys[id];
        k.stems = stems;
        ++k.surfaces[text.substr(words[i].begin, words[j].end - words[i].begin)];
      }
    }
  }
  for (auto& [id, key] : keys) {
    for (std::size_t si = 0; si < statements.size(); ++si) {
      const auto& have = statements[si].stems;
      if (std::all_of(key.stems.begin(), key.stems.end(),
                      [&](const auto& s) { return have.count(s); }))
        key.statements.insert(si);
    }
  }
  return keys;
}

class Idf {
 public:
  explicit Idf(const Xapian::Database& db) : db_(db), n_(std::max<double>(1, db.get_doccount())) {}
  double operator()(const std::string& term) const {
    auto it = cache_.find(term);
    if (it != cache_.end()) return it->second;
    const double v = std::log((n_ + 1) / (static_cast<double>(db_.get_termfreq(term)) + 1));
    cache_[term] = v;
    return v;
  }

 private:
  const Xapian::Database& db_;
  double n_;
  mutable std::map<std::string, double> cache_;
};

// Support of a key among the statements not yet taken: the strongest
// statement of each body, plus a little for every further statement: how many
// bodies raise it and how strongly.
double support(const std::vector<std::size_t>& members,
               const std::vector<GapStatement>& statements) {
  std::map<std::string, double> by_body;
  for (std::size_t si : members) {
    auto& best = by_body[statements[si].response->id];
    best = std::max(best, statements[si].weight);
  }
  double sum = 0;
  for (const auto& [body, w] : by_body) sum += w;
  return sum + 0.2 * static_cast<double>(members.size() - by_body.size());
}

double overlap(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::size_t shared = 0;
  for (const auto& x : a) shared += b.count(x);
  const std::size_t all = a.size() + b.size() - shared;
  return all ? static_cast<double>(shared) / static_cast<double>(all) : 0;
}

// Statements that say something in different words: copies (a form letter,
// two councils' shared text) count once, so their shared phrases do not pass
// for a topic.
std::size_t distinct(const std::vector<std::size_t>& members,
                     const std::vector<GapStatement>& statements) {
  std::vector<std::size_t> kept;
  for (std::size_t si : members) {
    if (std::none_of(kept.begin(), kept.end(), [&](std::size_t k) {
          return overlap(statements[si].stems, statements[k].stems) >= 0.5;
        }))
      kept.push_back(si);
  }
  return kept.size();
}

struct Topic {
  const Key* key = nullptr;
  std::vector<std::size_t> statements;
  double score = 0;
  std::string label;
};

// `title` holds the stems of the program's title: a key made only of them
// ("trygghet" for a trygghetsprogram) names the program, not a topic.
std::vector<Topic> choose_topics(std::vector<GapStatement>& statements,
                                 const std::map<std::string, Key>& keys, const Idf& idf,
                                 const std::set<std::string>& title) {
  std::vector<Topic> topics;
  for (;;) {
    const Key* best = nullptr;
    double best_score = 0;
    std::vector<std::size_t> best_members;
    for (const auto& [id, key] : keys) {
      if (std::all_of(key.stems.begin(), key.stems.end(),
                      [&](const auto& s) { return title.count(s); }))
        continue;
      std::vector<std::size_t> members;
      for (std::size_t si : key.statements)
        if (statements[si].topic == SIZE_MAX) members.push_back(si);
      if (members.size() < 2) continue;
      const std::size_t n = distinct(members, statements);
      if (n < 2) continue;
      // Summed idf, not averaged: "våld i nära relationer" is more specific
      // than "våld" and wins when enough statements use it.
      double spec = 0;
      for (const auto& s : key.stems) spec += idf(s);
      std::set<std::string> bodies;
      for (std::size_t si : members) bodies.insert(statements[si].response->id);
      const double score =
          spec * std::sqrt(static_cast<double>(n)) * (bodies.size() >= 2 ? 1.5 : 1.0);
      if (score > best_score) {
        best_score = score;
        best = &key;
        best_members = std::move(members);
      }
    }
    if (!best) break;
    Topic t;
    t.key = best;
    t.score = support(best_members, statements);
    for (std::size_t si : best_members) statements[si].topic = topics.size();
    t.statements = std::move(best_members);
    t.label = std::max_element(best->surfaces.begin(), best->surfaces.end(),
                               [](const auto& a, const auto& b) { return a.second < b.second; })
                  ->first;
    topics.push_back(std::move(t));
  }
  return topics;
}

// Folds a later topic into an earlier one that is the same subject seen
// from another word: every body of the later topic raised the earlier one
// too, and each of its statements holds a word of the earlier key
// ("våldsutsatta", "våld som sker i hemmen" under "våld i nära relationer").
// A statement of the earlier topic that merely names the later key is not
// enough: one sentence often touches two subjects.
void merge_topics(std::vector<Topic>& topics, std::vector<GapStatement>& statements) {
  auto bodies = [&](const Topic& t) {
    std::set<std::string> b;
    for (std::size_t si : t.statements) b.insert(statements[si].response->id);
    return b;
  };
  auto holds_any = [&](std::size_t si, const std::vector<std::string>& stems) {
    const auto& have = statements[si].stems;
    return std::any_of(stems.begin(), stems.end(),
                       [&](const std::string& s) { return have.count(s) > 0; });
  };
  for (std::size_t b = 1; b < topics.size(); ++b) {
    const auto later = bodies(topics[b]);
    for (std::size_t a = 0; a < b; ++a) {
      if (topics[a].statements.empty()) continue;
      const auto earlier = bodies(topics[a]);
      if (!std::includes(earlier.begin(), earlier.end(), later.begin(), later.end())) continue;
      std::vector<std::string> key_a;
      for (const auto& st : topics[a].key->stems)
        if (!consultq::is_soft_stopword(st.substr(1))) key_a.push_back(st);
      const bool each = std::all_of(topics[b].statements.begin(), topics[b].statements.end(),
                                    [&](std::size_t si) { return holds_any(si, key_a); });
      if (!each) continue;
      for (std::size_t si : topics[b].statements) {
        statements[si].topic = a;
        topics[a].statements.push_back(si);
      }
      topics[a].score = support(topics[a].statements, statements);
      topics[b].statements.clear();
      break;
    }
  }
  topics.erase(std::remove_if(topics.begin(), topics.end(),
                              [](const Topic& t) { return t.statements.empty(); }),
               topics.end());
}

struct Coverage {
  std::string level;  // absent | mentioned | developed
  std::vector<const ProgramPassage*> passages;
};

// The program's passages that hold every word of the key; developed when a
// heading names the topic, two passages of one section or three in all do.
Coverage coverage(const Xapian::Database& db, const Program& program,
                  const std::vector<std::string>& stems) {
  Coverage c;
  std::vector<Xapian::Query> terms(stems.begin(), stems.end());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                  Xapian::Query(Xapian::Query::OP_AND, terms.begin(), terms.end()),
                                  consultq::passages_of(program.id)));
  const Xapian::MSet mset = enquire.get_mset(0, 200);
  std::set<std::string> ids;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    ids.insert(json_text(parse_json_object(it.get_document().get_data()), "id"));
  std::map<std::size_t, int> per_section;
  bool heading = false;
  std::set<std::size_t> headings_checked;
  for (const auto& p : program.passages) {
    if (ids.count(p.id)) {
      c.passages.push_back(&p);
      ++per_section[p.section];
    }
    if (!p.heading.empty() && headings_checked.insert(p.section).second) {
      const auto hs = consultq::stem_terms(p.heading);
      if (std::all_of(stems.begin(), stems.end(), [&](const auto& s) { return hs.count(s); })) {
        heading = true;
        per_section[p.section] += 0;  // the named section, even if no passage repeats the words
      }
    }
  }
  // A heading counts only over a section with more than one passage: "3.3
  // Tillgänglighet" over a single sentence names the topic, it does not
  // develop it.
  heading =
      heading && std::any_of(per_section.begin(), per_section.end(), [&](const auto& e) {
        return std::count_if(program.passages.begin(), program.passages.end(),
                             [&](const ProgramPassage& p) { return p.section == e.first; }) >= 2;
      });
  const bool two_in_section = std::any_of(per_section.begin(), per_section.end(),
                                          [](const auto& e) { return e.second >= 2; });
  if (heading || two_in_section || c.passages.size() >= 3)
    c.level = "developed";
  else if (!c.passages.empty())
    c.level = "mentioned";
  else
    c.level = "absent";
  return c;
}

// The program passages closest to an absent topic (BM25 over the key's words
// and the topic's other specific words), to show what the program says nearby.
std::vector<const ProgramPassage*> closest(const Xapian::Database& db, const Program& program,
                                           const std::vector<std::string>& terms) {
  std::vector<Xapian::Query> qs(terms.begin(), terms.end());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                  Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()),
                                  consultq::passages_of(program.id)));
  std::vector<const ProgramPassage*> out;
  const Xapian::MSet mset = enquire.get_mset(0, 3);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string id = json_text(parse_json_object(it.get_document().get_data()), "id");
    for (const auto& p : program.passages)
      if (p.id == id) out.push_back(&p);
  }
  return out;
}

// The specific words of a topic beyond its key: stems its statements share,
// by summed idf.
std::vector<std::string> topic_terms(const Topic& t, const std::vector<GapStatement>& statements,
                                     const Idf& idf) {
  std::map<std::string, double> weight;
  for (std::size_t si : t.statements)
    for (const auto& s : statements[si].stems)
      if (!consultq::is_topic_stopword(s.substr(1))) weight[s] += idf(s);
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [s, w] : weight) ranked.emplace_back(w, s);
  std::sort(ranked.rbegin(), ranked.rend());
  std::vector<std::string> out(t.key->stems);
  for (const auto& [w, s] : ranked) {
    if (out.size() >= t.key->stems.size() + 6) break;
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

// What a claim says of the program, from its cue: that the topic is missing,
// or that it is named and not developed.
std::string claim_kind_of(const std::string& text) {
  for (const char* w :
       {"saknas", "saknar", "nämns inte", "berörs inte", "inte alls", "finns inte med",
        "inte med i", "tas inte upp", "omfattar inte", "framgår inte"})
    if (text.find(w) != std::string::npos) return "absent";
  for (const char* w : {"endast", "bara ", "enda mening", "utvecklas inte", "kortfattat",
                        "översiktlig", "behöver fördjupas", "behöver utvecklas", "nämns men"})
    if (text.find(w) != std::string::npos) return "mentioned_only";
  return {};
}

// What a claim says of the program, from its cue (else its sentence): that
// the topic is missing, or that it is named and not developed. "Nämns men
// utvecklas inte" holds both words; the cue decides.
std::string claim_kind(const Poco::JSON::Object::Ptr& st) {
  const std::string cue = lower(json_text(st, "cue"));
  for (const char* w : {"men utvecklas inte", "nämns men", "endast", "bara", "enda mening"})
    if (cue.find(w) != std::string::npos) return "mentioned_only";
  auto kind = claim_kind_of(cue);
  return kind.empty() ? claim_kind_of(lower(json_text(st, "text"))) : kind;
}

// "finns inte med i förteckningen": the claim is about a list, so only the
// program's list items count as naming the document.
bool about_a_list(const std::string& text) {
  const std::string t = lower(text);
  for (const char* w : {"förteckning", "uppräkning", "listan", "lista över"})
    if (t.find(w) != std::string::npos) return true;
  return false;
}

struct Revision {
  std::string id;
  Program program;
  std::vector<const ProgramPassage*> new_passages;        // hold sentences the draft does not have
  std::map<const ProgramPassage*, std::string> new_text;  // those sentences
};

std::vector<std::string> lower_words(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& w : consult::words_of(text)) out.push_back(w.text);
  return out;
}

// The passages of the revision with sentences the draft does not have. By
// sentence and word trigram, not by passage: a revision that moves a page
// break or a footnote splits passages and sentences differently without
// changing a word. A table of contents (dot leaders) is never new text.
void find_new_text(const Program& draft, Revision& rev) {
  std::set<std::string> grams;
  for (const auto& p : draft.passages) {
    const auto w = lower_words(p.text);
    for (std::size_t i = 0; i + 3 <= w.size(); ++i)
      grams.insert(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]);
  }
  for (const auto& p : rev.program.passages) {
    std::string fresh;
    for (const auto& sentence : split_sentences(p.text)) {
      if (sentence.text.find("....") != std::string::npos) continue;
      const auto w = lower_words(sentence.text);
      if (w.size() < 5) continue;
      std::size_t known = 0;
      for (std::size_t i = 0; i + 3 <= w.size(); ++i)
        known += grams.count(w[i] + ' ' + w[i + 1] + ' ' + w[i + 2]);
      if (static_cast<double>(known) >= 0.8 * static_cast<double>(w.size() - 2)) continue;
      fresh += collapse_space(sentence.text) + ' ';
    }
    if (fresh.empty()) continue;
    rev.new_passages.push_back(&p);
    rev.new_text[&p] = fresh;
  }
}

Poco::JSON::Object::Ptr statement_json(const GapStatement& g) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("doc", g.response->id);
  o->set("respondent", g.response->respondent);
  o->set("passage", json_text(g.json, "passage"));
  o->set("text", json_text(g.json, "text"));
  o->set("stance", json_text(g.json, "stance"));
  o->set("cue", g.json->get("cue"));
  return o;
}

// How well a passage's stems answer a topic: the idf of the topic's words it holds.
double topic_match(const std::set<std::string>& have, const std::vector<std::string>& terms,
                   const Idf& idf) {
  double sum = 0;
  for (const auto& t : terms)
    if (have.count(t)) sum += idf(t);
  return sum;
}

// New passages of the revision that take a topic up: they hold the whole key,
// or its most specific word and two more of the topic's words, and answer
// this topic about as well as any other (the new paragraph on "våld i nära
// relationer" also says "hot", but it takes up that topic, not "hot och våld
// mot medarbetare").
std::vector<const ProgramPassage*> taken_up_by(const Revision& rev, std::size_t topic,
                                               const std::vector<std::vector<std::string>>& keys,
                                               const std::vector<std::vector<std::string>>& terms,
                                               const Idf& idf) {
  std::vector<const ProgramPassage*> out;
  const auto& key = keys[topic];
  const std::string rarest = *std::max_element(
      key.begin(), key.end(), [&](const auto& a, const auto& b) { return idf(a) < idf(b); });
  for (const auto* p : rev.new_passages) {
    const auto have = consultq::stem_terms(rev.new_text.at(p));
    const bool whole =
        std::all_of(key.begin(), key.end(), [&](const auto& s) { return have.count(s); });
    const auto shared = std::count_if(terms[topic].begin(), terms[topic].end(),
                                      [&](const auto& s) { return have.count(s); });
    if (!whole && !(have.count(rarest) && shared >= 3)) continue;
    double best = 0;
    for (const auto& t : terms) best = std::max(best, topic_match(have, t, idf));
    if (topic_match(have, terms[topic], idf) >= 0.8 * best) out.push_back(p);
  }
  return out;
}

Poco::JSON::Array::Ptr evidence_array(const std::vector<const ProgramPassage*>& ps,
                                      std::size_t max) {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (std::size_t i = 0; i < ps.size() && i < max; ++i) a->add(consultq::passage_evidence(*ps[i]));
  return a;
}

// Claims about other documents ("X omnämns endast", "Y nämns inte alls",
// "finns inte med i förteckningen"): a claim statement whose passage names a
// document, checked against the program's own references to it.
Poco::JSON::Array::Ptr reference_claims(const Program& program, const std::string& revision,
                                        const std::vector<Response>& responses) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  for (const auto& r : responses) {
    for (std::size_t i = 0; i < r.statements->size(); ++i) {
      auto st = r.statements->getObject(static_cast<unsigned>(i));
      if (json_text(st, "stance") != "critical" || json_text(st, "negated") == "true") continue;
      const std::string kind = claim_kind(st);
      if (kind.empty()) continue;
      const std::string passage = json_text(st, "passage");
      const std::string text = json_text(st, "text");
      for (std::size_t j = 0; j < r.references->size(); ++j) {
        auto ref = r.references->getObject(static_cast<unsigned>(j));
        if (json_text(ref, "passage") != passage || json_text(ref, "law") == "true") continue;
        const std::string written = json_text(ref, "written");
        if (written.empty() || text.find(written) == std::string::npos) continue;
        const std::string target = json_text(ref, "target");
        if (target == program.id || (!revision.empty() && target == revision))
          continue;  // the program itself
        // How the program names the target: references resolved to it, or
        // for a document outside the corpus, the name as written.
        std::vector<Poco::JSON::Object::Ptr> named;
        bool related = false;
        const bool list_only = about_a_list(text);
        for (std::size_t k = 0; k < program.references->size(); ++k) {
          auto pr = program.references->getObject(static_cast<unsigned>(k));
          const bool same = target.empty() ? name_key(json_text(pr, "target_text")) ==
                                                 name_key(json_text(ref, "target_text"))
                                           : json_text(pr, "target") == target;
          if (!same || (list_only && json_text(pr, "in_list") != "true")) continue;
          named.push_back(pr);
          related = related || json_text(pr, "relation") == "true";
        }
        std::string verdict;
        if (kind == "absent")
          verdict = named.empty() ? "confirmed" : "contradicted";
        else
          verdict = !named.empty() && !related ? "confirmed" : "contradicted";
        Poco::JSON::Object::Ptr c = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        c->set("type", "reference");
        c->set("claim", kind == "absent" ? "not_referenced" : "mention_only");
        c->set("target", target.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(target));
        c->set("target_text", json_text(ref, "target_text"));
        c->set("verdict", verdict);
        Poco::JSON::Object::Ptr s = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        s->set("doc", r.id);
        s->set("respondent", r.respondent);
        s->set("passage", passage);
        s->set("text", text);
        c->set("statement", s);
        Poco::JSON::Array::Ptr ev = new Poco::JSON::Array;
        for (const auto& pr : named) {
          Poco::JSON::Object::Ptr e = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
          e->set("passage", json_text(pr, "passage"));
          e->set("text", json_text(pr, "written"));
          e->set("relation", json_text(pr, "relation") == "true");
          ev->add(e);
        }
        c->set("evidence", ev);
        out->add(c);
        break;
      }
    }
  }
  return out;
}

}  // namespace

Poco::JSON::Object::Ptr program_gaps(const Xapian::Database& db, const std::string& program_id) {
  const Program program = consultq::load_program(db, program_id);
  const auto responses = consultq::responses_to(db, program);
  const Idf idf(db);
  auto statements = gap_statements(responses);
  const auto keys = candidate_keys(statements);
  auto topics = choose_topics(statements, keys, idf, consultq::stem_terms(program.title));
  merge_topics(topics, statements);

  Revision rev;
  rev.id = consultq::revision_of(db, program.id);
  if (!rev.id.empty()) {
    rev.program = consultq::load_program(db, rev.id);
    find_new_text(program, rev);
  }

  auto out = format1();
  out->set("program", program.id);
  out->set("title", program.title);
  out->set("revision", rev.id.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(rev.id));
  out->set("responses", static_cast<int>(responses.size()));

  struct Ranked {
    double score;
    Poco::JSON::Object::Ptr json;
  };
  std::vector<Ranked> ranked;
  Poco::JSON::Array::Ptr claims = new Poco::JSON::Array;
  const auto ref_claims = reference_claims(program, rev.id, responses);
  std::set<std::string> claimed;  // statements checked as reference claims
  for (std::size_t i = 0; i < ref_claims->size(); ++i)
    claimed.insert(
        json_text(ref_claims->getObject(static_cast<unsigned>(i))->getObject("statement"), "text"));
  std::map<std::string, std::pair<int, int>> uptake;  // response -> (taken up, statements)
  std::vector<std::vector<std::string>> all_keys, all_terms;
  for (const auto& t : topics) {
    all_keys.push_back(t.key->stems);
    all_terms.push_back(topic_terms(t, statements, idf));
  }
  for (std::size_t ti = 0; ti < topics.size(); ++ti) {
    const auto& t = topics[ti];
    const auto cov = coverage(db, program, t.key->stems);
    const auto& terms = all_terms[ti];
    Poco::JSON::Object::Ptr g = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    g->set("topic", t.label);
    g->set("coverage", cov.level);
    g->set("score", std::round(t.score * 100) / 100);
    std::set<std::string> bodies;
    for (std::size_t si : t.statements) bodies.insert(statements[si].response->id);
    g->set("bodies", static_cast<int>(bodies.size()));
    Poco::JSON::Array::Ptr key_words = new Poco::JSON::Array;
    for (const auto& s : t.key->stems) key_words->add(s.substr(1));
    g->set("key", key_words);
    g->set("program_passages", evidence_array(cov.passages, 8));
    if (cov.level == "absent")
      g->set("closest_passages", evidence_array(closest(db, program, terms), 3));

    std::vector<const ProgramPassage*> taken;
    std::string revision_verdict;
    if (!rev.id.empty()) {
      taken = taken_up_by(rev, ti, all_keys, all_terms, idf);
      const auto cov_rev = coverage(db, rev.program, t.key->stems);
      const bool up = !taken.empty();
      revision_verdict = up ? "taken_up" : "not_taken_up";
      g->set("revision_coverage", cov_rev.level);
      g->set("revision_passages", evidence_array(taken, 5));
    }
    Poco::JSON::Array::Ptr raised = new Poco::JSON::Array;
    for (std::size_t si : t.statements) {
      const auto& st = statements[si];
      auto o = statement_json(st);
      if (!rev.id.empty()) {
        // A statement is taken up when a new passage of the revision shares
        // two of its specific words.
        bool up = false;
        for (const auto* p : taken) {
          const auto have = consultq::stem_terms(rev.new_text.at(p));
          int shared = 0;
          for (const auto& s : st.stems)
            if (!consultq::is_topic_stopword(s.substr(1)) && have.count(s) && idf(s) > 2.0)
              ++shared;
          up = up || shared >= 2;
        }
        o->set("revision", up ? "taken_up" : "not_taken_up");
        auto& u = uptake[st.response->id];
        u.first += up;
        u.second += 1;
      }
      if (json_text(st.json, "stance") == "proposal" && cov.level == "developed")
        o->set("already_covered", true);
      raised->add(o);
      const std::string kind =
          json_text(st.json, "stance") == "critical" ? claim_kind(st.json) : "";
      if (kind.empty() || claimed.count(json_text(st.json, "text"))) continue;
      Poco::JSON::Object::Ptr c = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      c->set("type", "gap");
      c->set("claim", kind);
      c->set("topic", t.label);
      c->set("coverage", cov.level);
      c->set("verdict", cov.level == "developed" ? "contradicted" : "confirmed");
      c->set("statement", statement_json(st));
      c->set("evidence", evidence_array(cov.passages, 5));
      claims->add(c);
    }
    g->set("raised_by", raised);
    g->set("revision",
           revision_verdict.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(revision_verdict));
    ranked.push_back({t.score, g});
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
  Poco::JSON::Array::Ptr gaps = new Poco::JSON::Array;
  for (const auto& r : ranked) gaps->add(r.json);
  out->set("gaps", gaps);
  for (std::size_t i = 0; i < ref_claims->size(); ++i)
    claims->add(ref_claims->get(static_cast<unsigned>(i)));
  out->set("claims", claims);
  if (!rev.id.empty()) {
    Poco::JSON::Array::Ptr by_response = new Poco::JSON::Array;
    for (const auto& r : responses) {
      auto it = uptake.find(r.id);
      if (it == uptake.end()) continue;
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      o->set("doc", r.id);
      o->set("respondent", r.respondent);
      o->set("statements", it->second.second);
      o->set("taken_up", it->second.first);
      by_response->add(o);
    }
    out->set("revision_by_response", by_response);
  }
  return out;
}

}  // namespace rk
