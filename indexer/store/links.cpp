#include "indexer/store/links.hh"

#include <algorithm>
#include <array>
#include <regex>
#include <set>
#include <unordered_map>

#include "indexer/analysis/swedish.hh"
#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "indexer/store/record.hh"

namespace rk {

namespace s = schema;

namespace {

// What a response can answer or a new version replace.
bool is_answerable(const std::string& kind) {
  return is_steering_kind(kind) || kind == "motion" || kind == "other";
}

// The stems of a title's words (Swedish analysis), for overlap.
std::set<std::string> title_stems(const std::string& title) {
  const auto& a = SwedishAnalyzer::get();
  std::set<std::string> out;
  Xapian::Document tmp;
  Xapian::termpos pos = 1;
  a.index_text(tmp, title, "", pos);
  for (auto t = tmp.termlist_begin(); t != tmp.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.size() > 1 && term[0] == 'Z') out.insert(term.substr(1));
  }
  return out;
}

// Years written in a title ("2019–2022" gives 2019 and 2022).
std::set<std::string> years_in(const std::string& text) {
  static const std::regex year(R"((19|20)\d\d)");
  std::set<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), year), end; it != end; ++it) {
    out.insert(it->str());
  }
  return out;
}

// Words of the consultation's framing around a title ("förslag till ...,
// remiss från kommunstyrelsen", "Yttrande över ..."): they never tell one
// document's title from another's, so they do not count in the overlap.
constexpr std::array<const char*, 17> kFrameWords{"förslag",
                                                  "till",
                                                  "remiss",
                                                  "remissen",
                                                  "från",
                                                  "yttrande",
                                                  "över",
                                                  "svar",
                                                  "på",
                                                  "angående",
                                                  "gällande",
                                                  "om",
                                                  "avseende",
                                                  "kommunstyrelsen",
                                                  "kommunfullmäktige",
                                                  "remissversion",
                                                  "utkast"};

bool is_frame_word(const std::string& stem) {
  static const std::set<std::string> words = [] {
    std::set<std::string> out;
    const auto& a = SwedishAnalyzer::get();
    for (const char* w : kFrameWords) out.insert(a.stem(w));
    return out;
  }();
  return words.count(stem) > 0;
}

// Words left out of the title query: the framing words, which do not count
// in the overlap, and the function words of nearly every title. They weigh
// little in BM25 but are in nearly every title record, so each query read
// their whole posting lists (resolution of a 128 MB corpus: 36% of its time).
const Xapian::Stopper& title_query_stopper() {
  static const Xapian::SimpleStopper stopper = [] {
    std::vector<std::string> words(kFrameWords.begin(), kFrameWords.end());
    for (const char* w : {"och", "för", "i", "av", "med", "att", "en", "ett", "den", "det", "de",
                          "som", "samt", "vid", "inom", "mot", "efter", "under"})
      words.emplace_back(w);
    return Xapian::SimpleStopper(words.begin(), words.end());
  }();
  return stopper;
}

// The kinds that can be answered, as a filter: 200 responses quoting their
// program's title in their own outrank it, and would fill the best 20.
Xapian::Query answerable_kinds(const Xapian::Database& db) {
  const std::string prefix(s::prefix::kind);
  std::vector<Xapian::Query> kinds;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    if (is_answerable((*t).substr(prefix.size()))) kinds.emplace_back(*t);
  return Xapian::Query(Xapian::Query::OP_OR, kinds.begin(), kinds.end());
}

}  // namespace

TitleMatcher::TitleMatcher(const Xapian::Database& db)
    : db_(db),
      documents_(std::string(s::prefix::type) + std::string(s::kTypeDocument)),
      answerable_(Xapian::Query::OP_FILTER, documents_, answerable_kinds(db)) {
  SwedishAnalyzer::get().configure(parser_);
  parser_.set_stopper(&title_query_stopper());
  parser_.set_default_op(Xapian::Query::OP_OR);
}

const TitleMatcher::Candidate& TitleMatcher::candidate(Xapian::docid did) const {
  auto it = candidates_.find(did);
  if (it != candidates_.end()) return it->second;
  if (candidates_.size() > 200000) candidates_.clear();  // bounded memory on any corpus
  // Values and the title alone: a bundle's record is up to 700 KB of JSON.
  const Xapian::Document rec = db_.get_document(did);
  Candidate c;
  c.id = rec.get_value(s::kSlotDocId);
  c.kind = rec.get_value(s::kSlotKind);
  std::string title = rec.get_value(s::kSlotTitle);
  if (title.empty()) title = top_level_text(rec.get_data(), "title");  // indexed before the slot
  const std::string date = iso_date(rec.get_value(s::kSlotDate));
  c.stems = title_stems(title);
  c.years = years_in(title + " " + date);
  return candidates_.emplace(did, std::move(c)).first->second;
}

std::vector<TitleMatch> TitleMatcher::match(const std::string& written,
                                            const std::string& exclude_id,
                                            bool steering_only) const {
  std::vector<TitleMatch> out;
  if (written.empty()) return out;
  Xapian::Query q;
  try {
    q = parser_.parse_query(written, 0, std::string(s::prefix::title));
  } catch (const Xapian::QueryParserError&) {
    return out;
  }
  auto want = title_stems(written);
  for (auto it = want.begin(); it != want.end();)
    it = is_frame_word(*it) ? want.erase(it) : std::next(it);
  const auto want_years = years_in(written);
  if (want.empty()) return out;
  const std::string key = std::string(steering_only ? "1" : "0") + q.serialise();
  auto best = best_.find(key);
  if (best == best_.end()) {
    if (best_.size() > 200000) best_.clear();  // bounded memory on any corpus
    Xapian::Enquire enq(db_);
    enq.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, q, steering_only ? answerable_ : documents_));
    Xapian::MSet mset = enq.get_mset(0, 20);
    std::vector<Xapian::docid> dids;
    for (auto it = mset.begin(); it != mset.end(); ++it) dids.push_back(*it);
    best = best_.emplace(key, std::move(dids)).first;
  }
  for (Xapian::docid did : best->second) {
    const Candidate& cand = candidate(did);
    if (cand.id == exclude_id) continue;
    if (steering_only && !is_answerable(cand.kind)) continue;
    std::size_t common = 0;
    for (const auto& w : want) common += cand.stems.count(w);
    TitleMatch m{cand.id, static_cast<double>(common) / static_cast<double>(want.size())};
    // A year range in the written title must be the target's.
    bool years_ok = true;
    for (const auto& y : want_years) years_ok = years_ok && cand.years.count(y) > 0;
    if (!years_ok) m.overlap *= 0.5;
    out.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TitleMatch& a, const TitleMatch& b) { return a.overlap > b.overlap; });
  return out;
}

namespace {

// Among the best matches, a response answers a document that existed before
// it (the draft, not the revision written after the consultation). An
// undated candidate (a motion attached without its date) comes before one
// dated after the response (the council's protocol on the motion).
std::string pick(const std::vector<TitleMatch>& matches, const Xapian::Database& db,
                 const std::string& before) {
  constexpr double kMinOverlap = 0.6;
  if (matches.empty() || matches.front().overlap < kMinOverlap) return {};
  const double best = matches.front().overlap;
  std::string chosen, chosen_date, undated;
  for (const auto& m : matches) {
    if (m.overlap < best - 0.01) break;
    const std::string term = bounded_term(s::prefix::id, m.id);
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) continue;
    const std::string date = db.get_document(*it).get_value(s::kSlotDate);
    if (date.empty()) {
      if (undated.empty() || m.id < undated) undated = m.id;
      continue;
    }
    if (!before.empty() && date > before) continue;
    if (chosen_date.empty() || date > chosen_date) {
      chosen = m.id;
      chosen_date = date;
    }
  }
  if (!chosen.empty()) return chosen;
  return undated.empty() ? matches.front().id : undated;
}

}  // namespace

std::size_t resolve_links(Xapian::WritableDatabase& db, const Xapian::Database& targets) {
  std::size_t resolved = 0;
  const std::string type_term = std::string(s::prefix::type) + std::string(s::kTypeDocument);
  std::vector<Xapian::docid> ids;
  for (auto it = db.postlist_begin(type_term); it != db.postlist_end(type_term); ++it) {
    ids.push_back(*it);
  }
  const TitleMatcher matcher(targets);
  for (Xapian::docid did : ids) {
    Xapian::Document rec = db.get_document(did);
    // The fields resolution needs, without parsing the record (a bundle's is
    // up to 700 KB of JSON); it is parsed only when a link changes.
    const std::string data = rec.get_data();
    Document doc;
    doc.id = rec.get_value(s::kSlotDocId);
    doc.kind = rec.get_value(s::kSlotKind);
    doc.title = top_level_text(data, "title");
    doc.responds_to = top_level_text(data, "responds_to");
    doc.replaces = top_level_text(data, "replaces");
    doc.responds_to_title = top_level_text(data, "responds_to_title");
    doc.replaces_title = top_level_text(data, "replaces_title");
    const std::string date = rec.get_value(s::kSlotDate);
    const auto from_manifest = top_level_raw(data, "manifest_fields");
    auto fixed = [&](const char* field) {
      return from_manifest &&
             from_manifest->find('"' + std::string(field) + '"') != std::string_view::npos;
    };
    std::string responds_to = doc.responds_to, replaces = doc.replaces;
    if (!fixed("responds_to")) {
      responds_to.clear();
      // A response that does not say "Yttrande över X" usually names X in its title.
      const std::string& written = !doc.responds_to_title.empty() || doc.kind != "response"
                                       ? doc.responds_to_title
                                       : doc.title;
      responds_to = pick(matcher.match(written, doc.id, true), targets, date);
    }
    if (!fixed("replaces")) {
      replaces.clear();
      replaces = pick(matcher.match(doc.replaces_title, doc.id, true), targets, date);
    }
    if (!responds_to.empty()) ++resolved;
    if (!replaces.empty()) ++resolved;
    // Both always, no short-circuit: the terms of an index from before them.
    const bool answers = set_link_terms(rec, s::prefix::answers, {responds_to});
    const bool succeeds = set_link_terms(rec, s::prefix::replaces, {replaces});
    const bool data_same = responds_to == doc.responds_to && replaces == doc.replaces;
    if (data_same && !answers && !succeeds) continue;
    if (!data_same) {
      auto obj = parse_json_object(data);
      obj->set("responds_to",
               responds_to.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(responds_to));
      obj->set("replaces", replaces.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(replaces));
      rec.set_data(to_json_string(obj));
    }
    db.replace_document(did, rec);
  }
  return resolved;
}

}  // namespace rk
