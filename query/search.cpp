#include "query/search.hh"

#include <algorithm>
#include <memory>
#include <unordered_set>

#include "indexer/analysis/swedish.hh"
#include "indexer/core/error.hh"
#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "indexer/privacy/privacy.hh"

namespace rk {

namespace s = schema;

namespace {

// Words a search leaves out of a query of words (AND): the function words
// that nearly every passage holds. "barn och unga" finds the passages about
// children and young people, also where they are written "barn, unga" or
// "unga och barn"; requiring "och" only lost those, and reading its posting
// list (most of the index) was a quarter of the query's time. Xapian's parser
// keeps them in a phrase ("våld i nära relationer"), after + ("+och"), in a
// multi-word synonym and in a query of nothing else (`och`); the index keeps
// every word. What was left out is SearchResult::ignored.
class QueryStopper : public Xapian::SimpleStopper {
 public:
  QueryStopper() {
    for (const char* w : {"och", "eller", "samt", "men", "i",   "på",  "av",  "för", "till", "med",
                          "om",  "vid",   "från", "hos", "som", "att", "den", "det", "de",   "dem",
                          "en",  "ett",   "är",   "var", "har", "the", "of",  "and", "to",   "in"})
      add(w);
  }
};

const Xapian::Stopper& query_stopper() {
  static const QueryStopper stopper;
  return stopper;
}

// av:socialnämnden finds every author whose name starts so
// ("Socialnämnden Centrum", "Socialnämnden Hisingen").
class AuthorProcessor : public Xapian::FieldProcessor {
 public:
  explicit AuthorProcessor(const Xapian::Database& db) : db_(db) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string stem = std::string(s::prefix::author) + name_key(value);
    std::vector<Xapian::Query> terms;
    for (auto it = db_.allterms_begin(stem); it != db_.allterms_end(stem); ++it) {
      terms.emplace_back(*it);
    }
    if (terms.empty()) return Xapian::Query(stem);  // matches nothing, says what was asked
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

 private:
  Xapian::Database db_;
};

// typ:, dok:, år: values as the index spells them.
class LowerProcessor : public Xapian::FieldProcessor {
 public:
  explicit LowerProcessor(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(bounded_term(prefix_, lower(value)));
  }

 private:
  std::string prefix_;
};

// The records of a set of documents, read from the document id every record
// holds as a value (kSlotDocId). In an AND with words, Xapian asks it about
// the words' candidates one at a time (check()), so a title word of thousands
// of documents costs a value lookup per candidate, where an OR of their
// thousands of document terms cost a B-tree cursor each and a merge
// (titel:"detaljplan" bostäder over the 1 GB corpus: 5,584 documents).
// Not serialisable: over remote shards the search uses the OR instead.
class DocumentSetSource : public Xapian::PostingSource {
 public:
  using Set = std::unordered_set<std::string>;
  DocumentSetSource(std::shared_ptr<const Set> docs, double share)
      : docs_(std::move(docs)), share_(share) {}
  PostingSource* clone() const override { return new DocumentSetSource(docs_, share_); }
  std::string name() const override { return "rk::DocumentSetSource"; }
  std::string get_description() const override {
    return "rk::DocumentSetSource(" + std::to_string(docs_->size()) + " documents)";
  }
  void init(const Xapian::Database& db) override {
    values_ = db.valuestream_begin(s::kSlotDocId);
    end_ = db.valuestream_end(s::kSlotDocId);
    started_ = false;
    last_.clear();
    last_member_ = false;
    set_maxweight(0);  // a filter: no weight
    count_ = db.get_doccount();
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  Xapian::doccount get_termfreq_est() const override {
    return static_cast<Xapian::doccount>(share_ * count_);
  }
  void next(double) override {
    if (started_) ++values_;
    started_ = true;
    advance();
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    values_.skip_to(did);
    advance();
  }
  // Whether `did` is one of the set's records; false leaves the position
  // where next() finds the first one after it.
  bool check(Xapian::docid did, double) override {
    started_ = true;
    if (!values_.check(did)) return false;  // no document id: not a record of the set
    if (values_ == end_) return true;
    if (values_.get_docid() == did) return member(*values_);
    advance();
    return true;
  }
  bool at_end() const override { return started_ && values_ == end_; }
  Xapian::docid get_docid() const override { return values_.get_docid(); }

 private:
  void advance() {
    while (values_ != end_ && !member(*values_)) ++values_;
  }
  // A document's records are mostly consecutive: the last answer is reused.
  bool member(const std::string& doc) {
    if (doc != last_) {
      last_ = doc;
      last_member_ = docs_->count(doc) > 0;
    }
    return last_member_;
  }

  std::shared_ptr<const Set> docs_;
  double share_;  // the estimated share of the records that are the set's
  Xapian::ValueIterator values_, end_;
  bool started_ = false;
  Xapian::doccount count_ = 0;
  std::string last_;
  bool last_member_ = false;
};

// titel:"civil beredskap" keeps the passages of the documents whose title
// matches: a search over the document records, turned into their XD terms,
// or for many documents (and a local index) a DocumentSetSource.
class TitleProcessor : public Xapian::FieldProcessor {
 public:
  TitleProcessor(const Xapian::Database& db, const ParseOptions& options)
      : db_(db), options_(options) {}
  Xapian::Query operator()(const std::string& value) override {
    Xapian::QueryParser qp;
    SwedishAnalyzer::get().configure(qp);
    qp.set_stopper(&query_stopper());
    qp.set_default_op(Xapian::Query::OP_AND);
    const std::string document_term = std::string(s::prefix::type) + std::string(s::kTypeDocument);
    const Xapian::Query documents(document_term);
    Xapian::Enquire enq(db_);
    enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                qp.parse_query(value, 0, std::string(s::prefix::title)),
                                documents));
    // Which documents, not how well: no weights (no document lengths read),
    // and each document's id comes from the match's value stream as its
    // collapse key (one per document record) instead of a document fetch.
    enq.set_weighting_scheme(Xapian::BoolWeight());
    enq.set_collapse_key(s::kSlotDocId);
    // Every document whose title matches (there is one record per document).
    const Xapian::doccount documents_in_index =
        std::max<Xapian::doccount>(1, db_.get_termfreq(document_term));
    Xapian::MSet mset = enq.get_mset(0, documents_in_index);
    if (mset.empty()) return Xapian::Query(std::string(s::prefix::title) + lower(value));
    if (options_.local && mset.size() > options_.title_terms_max) {
      auto set = std::make_shared<DocumentSetSource::Set>();
      for (auto it = mset.begin(); it != mset.end(); ++it) set->insert(it.get_collapse_key());
      const double share = static_cast<double>(set->size()) / documents_in_index;
      return Xapian::Query((new DocumentSetSource(std::move(set), share))->release());
    }
    std::vector<Xapian::Query> docs;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      docs.emplace_back(bounded_term(s::prefix::doc, it.get_collapse_key()));
    }
    return Xapian::Query(Xapian::Query::OP_OR, docs.begin(), docs.end());
  }

 private:
  Xapian::Database db_;
  ParseOptions options_;
};

// The term bank's names are synonyms in the index (indexer/store/synonyms.hh).
constexpr unsigned kFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
    Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS;

void setup(Xapian::QueryParser& qp, const Xapian::Database& db, const ParseOptions& options) {
  SwedishAnalyzer::get().configure(qp);
  qp.set_stopper(&query_stopper());
  qp.set_database(db);
  qp.set_default_op(Xapian::Query::OP_AND);
  for (const auto& f : s::kFilterFields) {
    const std::string user(f.user), prefix(f.prefix);
    if (prefix == s::prefix::author) {
      qp.add_boolean_prefix(user, (new AuthorProcessor(db))->release());
    } else {
      qp.add_boolean_prefix(user, (new LowerProcessor(prefix))->release());
    }
  }
  qp.add_boolean_prefix(std::string(s::kTitleField.user),
                        (new TitleProcessor(db, options))->release());
}

// Whether only passages can match `q`: every leaf is a word of the text
// (unprefixed) or its stem (Z and a lower-case letter). A document record
// holds prefixed terms only (title words S/ZS, filters, ids); a filter,
// MatchAll (a pure NOT), a wildcard or anything else may match one.
bool passages_only(const Xapian::Query& q) {
  const auto type = q.get_type();
  if (type == Xapian::Query::LEAF_MATCH_NOTHING) return true;
  if (type == Xapian::Query::LEAF_TERM) {
    const auto t = q.get_terms_begin();
    if (t == q.get_terms_end()) return false;
    const std::string term = *t;
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    return !term.empty() &&
           (!upper(term[0]) || (term[0] == 'Z' && term.size() > 1 && !upper(term[1])));
  }
  const std::size_t n = q.get_num_subqueries();
  if (n == 0) return false;
  for (std::size_t i = 0; i < n; ++i)
    if (!passages_only(q.get_subquery(i))) return false;
  return true;
}

// The query over passages only, or with `documents` only theirs; the
// filters are boolean, so the ranking is the same as in a full search.
// Every record is a document record or a passage. A query of words alone
// cannot match a document record and needs no filter; any other leaves out
// the few document records (AND_NOT XTdocument), which reads a short posting
// list, where keeping the passages (FILTER XTpassage) read one as long as
// the index (1 GB corpus: p50 59 to 47 ms).
Xapian::Query over_passages(const Xapian::Query& q, const std::vector<std::string>& documents) {
  const Xapian::Query all = q.empty() ? Xapian::Query::MatchAll : q;
  Xapian::Query passages = !q.empty() && passages_only(q)
                               ? q
                               : Xapian::Query(Xapian::Query::OP_AND_NOT, all,
                                               Xapian::Query(std::string(s::prefix::type) +
                                                             std::string(s::kTypeDocument)));
  if (documents.empty()) return passages;
  std::vector<Xapian::Query> docs;
  for (const auto& d : documents) docs.emplace_back(bounded_term(s::prefix::doc, d));
  return Xapian::Query(Xapian::Query::OP_FILTER, passages,
                       Xapian::Query(Xapian::Query::OP_OR, docs.begin(), docs.end()));
}

}  // namespace

Xapian::Query parse_query(const Xapian::Database& db, const std::string& text,
                          std::vector<std::string>* ignored, const ParseOptions& options) {
  Xapian::QueryParser qp;
  setup(qp, db, options);
  try {
    Xapian::Query q = qp.parse_query(text, kFlags);
    if (ignored) {
      for (auto it = qp.stoplist_begin(); it != qp.stoplist_end(); ++it) {
        if (std::find(ignored->begin(), ignored->end(), *it) == ignored->end())
          ignored->push_back(*it);
      }
    }
    return q;
  } catch (const Xapian::QueryParserError& e) {
    throw UsageError("frågan kan inte tolkas: " + e.get_msg());
  }
}

namespace {

SearchResult search_with(const Xapian::Database& db, const SearchRequest& req, bool local) {
  SearchResult res;
  ParseOptions options = req.parse;
  options.local = options.local && local;
  Xapian::Query q = parse_query(db, req.query, &res.ignored, options);
  res.parsed = q.get_description();
  Xapian::Enquire enq(db);
  enq.set_query(over_passages(q, req.documents));
  Xapian::ValueCountMatchSpy kind(s::kSlotKind), author(s::kSlotAuthor), year(s::kSlotYear);
  enq.add_matchspy(&kind);
  enq.add_matchspy(&author);
  enq.add_matchspy(&year);
  Xapian::MSet mset = enq.get_mset(req.offset, req.limit, req.facet_check);
  res.total = mset.get_matches_estimated();
  res.facets_counted = kind.get_total();
  const Xapian::Stem stem = SwedishAnalyzer::get().stemmer();
  std::map<std::string, std::string> titles;
  auto title_of = [&](const std::string& doc) {
    auto [it, fresh] = titles.try_emplace(doc);
    if (fresh) {
      const std::string term = bounded_term(s::prefix::id, doc);
      auto pl = db.postlist_begin(term);
      if (pl != db.postlist_end(term)) {
        it->second = top_level_text(db.get_document(*pl).get_data(), "title");
      }
    }
    return it->second;
  };
  // One request for all the hits' records: over remote shards, the page's
  // records come in one round trip instead of one per hit. (Xapian 1.4's
  // fetch() without a range crashes on a page after the first.)
  if (!mset.empty()) mset.fetch(mset.begin(), mset.end());
  const unsigned snippet_flags =
      Xapian::MSet::SNIPPET_EXHAUSTIVE | (req.remote ? 0 : Xapian::MSet::SNIPPET_BACKGROUND_MODEL);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document rec = it.get_document();
    auto p = parse_json_object(rec.get_data());
    Hit h;
    h.doc = json_text(p, "doc");
    h.passage = json_text(p, "id");
    h.section = json_text(p, "section");
    // A personnummer is never shown in a hit, whoever searches: the snippet
    // is made from the text without them.
    h.text = req.redact ? privacy::redact(json_text(p, "text"))
                        : privacy::redact_identity_numbers(json_text(p, "text"));
    h.page = p->getValue<int>("page");
    h.line_start = p->getValue<int>("line_start");
    h.line_end = p->getValue<int>("line_end");
    h.kind = rec.get_value(s::kSlotKind);
    // The title is a value of every record; an index made before the slot
    // has it only in the document record.
    h.title = rec.get_value(s::kSlotTitle);
    if (h.title.empty()) h.title = title_of(h.doc);
    h.score = it.get_weight();
    h.percent = it.get_percent();
    h.snippet = mset.snippet(h.text, 300, stem, snippet_flags, "<mark>", "</mark>", "…");
    res.hits.push_back(std::move(h));
  }
  auto collect = [&](const char* name, Xapian::ValueCountMatchSpy& spy) {
    auto& out = res.facets[name];
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) out[*v] = v.get_termfreq();
  };
  collect("kind", kind);
  collect("author", author);
  collect("year", year);
  return res;
}

}  // namespace

SearchResult search(const Xapian::Database& db, const SearchRequest& req) {
  // A remote shard cannot be sent a DocumentSetSource (it is not
  // serialisable): a request that says its index is remote never builds
  // one; one that does not learns it here and runs again with the OR of
  // document terms.
  if (req.remote) return search_with(db, req, false);
  try {
    return search_with(db, req, true);
  } catch (const Xapian::UnimplementedError&) {
    return search_with(db, req, false);
  }
}

std::string ignored_words_note(const std::vector<std::string>& ignored) {
  std::string words;
  for (const auto& w : ignored) words += (words.empty() ? "" : ", ") + w;
  const std::string first = ignored.empty() ? "och" : ignored.front();
  return "Vanliga ord som inte söktes: " + words + ". Skriv +" + first +
         " eller sätt orden inom citattecken för att söka dem.";
}

std::vector<std::string> explain_query(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(SwedishAnalyzer::get().explain_word(word));
    word.clear();
  };
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    if (Xapian::Unicode::is_wordchar(*it)) {
      Xapian::Unicode::append_utf8(word, *it);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace rk
