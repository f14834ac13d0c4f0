// References on the sample corpus, end to end: index corpus/, then check the
// references stored with the documents and the findings of `refs` against
// corpus/expected/documents.json ("references" and "findings").
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "query/library.hh"
#include "query/refs.hh"
#include "query/search.hh"
#include "temp_index.hh"

namespace fs = std::filesystem;
using namespace rk;
using Poco::JSON::Object;

namespace {

const fs::path kCorpus = fs::path(RK_SOURCE_DIR) / "corpus";

using test::load_json;

std::string str(const Object::Ptr& o, const std::string& key) {
  return o->has(key) && !o->isNull(key) ? o->get(key).toString() : std::string();
}

// Lower case, en dash as hyphen, no trailing punctuation: how texts compare.
std::string normal(std::string text) {
  text = lower(collapse_space(text));
  for (auto p = text.find("–"); p != std::string::npos; p = text.find("–")) text.replace(p, 3, "-");
  while (!text.empty() && (text.back() == '.' || text.back() == ',')) text.pop_back();
  return text;
}

bool overlaps(const std::string& a, const std::string& b) {
  const std::string x = normal(a), y = normal(b);
  return !x.empty() && !y.empty() &&
         (x.find(y) != std::string::npos || y.find(x) != std::string::npos);
}

const test::IndexedTree& corpus() {
  static const test::IndexedTree tree(kCorpus);
  return tree;
}

const RefsReport& report() {
  static const RefsReport r = build_refs_report(corpus().db());
  return r;
}

const Object::Ptr& truth() {
  static const Object::Ptr t = load_json(kCorpus / "expected" / "documents.json");
  return t;
}

bool found_reference(const Object::Ptr& want) {
  return std::any_of(report().references.begin(), report().references.end(),
                     [&](const Reference& r) {
                       if (r.from != str(want, "from_doc") || r.status != str(want, "status") ||
                           r.target != str(want, "target"))
                         return false;
                       if (str(want, "target_kind") == "law" && !r.law) return false;
                       return !r.target.empty() || overlaps(r.target_text, str(want, "text"));
                     });
}

bool found_finding(const Object::Ptr& want) {
  return std::any_of(report().findings.begin(), report().findings.end(), [&](const Finding& f) {
    if (f.type != str(want, "type") || f.doc != str(want, "doc") || f.target != str(want, "target"))
      return false;
    return !f.target.empty() || overlaps(f.text, str(want, "text"));
  });
}

}  // namespace

TEST_CASE("passages carry their mentions as XR terms and in their data") {
  const auto db = corpus().db();
  const std::string prefix(schema::prefix::reference);
  std::size_t terms = 0;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) ++terms;
  CHECK(terms > 20);
  // The bare list item that is the only place the draft names the program.
  bool list_item = false;
  for (const auto& r : report().references)
    list_item |= r.from == "trygghetsprogram-2027" &&
                 r.target == "brottsforebyggande-program-2025" && r.in_list && !r.relation;
  CHECK(list_item);
}

TEST_CASE("the corpus's references are resolved with the right target and status") {
  const auto refs = truth()->getArray("references");
  std::size_t hits = 0;
  for (const auto& v : *refs) {
    const auto want = v.extract<Object::Ptr>();
    const bool hit = found_reference(want);
    hits += hit;
    if (!hit) MESSAGE("missed: " << str(want, "from_doc") << " -> " << str(want, "text"));
  }
  MESSAGE("references: " << hits << "/" << refs->size() << " of the truth; "
                         << report().references.size() << " stored in all");
  CHECK(hits >= 26);
  // No document refers to itself.
  for (const auto& r : report().references) CHECK(r.from != r.target);
}

TEST_CASE("every planted finding is found, each type, with few false ones") {
  const auto findings = truth()->getArray("findings");
  std::set<std::string> types;
  for (const auto& v : *findings) {
    const auto want = v.extract<Object::Ptr>();
    CAPTURE(str(want, "type"));
    CAPTURE(str(want, "doc"));
    CHECK(found_finding(want));
    types.insert(str(want, "type"));
  }
  CHECK(types.size() == 4);
  // A response or a staff report is never the document that should refer.
  std::size_t extra = 0;
  for (const auto& f : report().findings) {
    CHECK(f.doc.rfind("remissvar-", 0) != 0);
    CHECK(f.doc.rfind("handling-", 0) != 0);
    const bool listed = std::any_of(findings->begin(), findings->end(), [&](const auto& v) {
      const auto want = v.template extract<Object::Ptr>();
      return f.type == str(want, "type") && f.doc == str(want, "doc") &&
             f.target == str(want, "target") &&
             (!f.target.empty() || overlaps(f.text, str(want, "text")));
    });
    // The revised draft still names the crime prevention program only in a list.
    const bool revised_mention_only =
        f.type == "mention_only" && f.doc == "trygghetsprogram-2027-reviderat";
    if (!listed && !revised_mention_only) {
      ++extra;
      MESSAGE("not in the truth: " << f.type << " " << f.doc << " -> " << f.target << f.text);
    }
  }
  MESSAGE("findings: " << report().findings.size() << ", not in the truth: " << extra);
  CHECK(extra <= 3);
}

TEST_CASE("missing_reference carries its evidence: A's passages and B's terms") {
  auto it = std::find_if(report().findings.begin(), report().findings.end(), [](const Finding& f) {
    return f.type == "missing_reference" && f.target == "informationssakerhetspolicy";
  });
  REQUIRE(it != report().findings.end());
  CHECK(it->score > 0.7);
  CHECK(it->terms.size() >= 10);
  REQUIRE(!it->evidence.empty());
  CHECK(it->evidence.front().passage.rfind("trygghetsprogram-2027:p", 0) == 0);
  CHECK(!it->evidence.front().text.empty());
  // The revised program names the policy: no finding there.
  CHECK(std::none_of(report().findings.begin(), report().findings.end(), [](const Finding& f) {
    return f.doc == "trygghetsprogram-2027-reviderat" && f.target == "informationssakerhetspolicy";
  }));
}

TEST_CASE("refs --json has the contract's fields") {
  const auto json = refs_json(report());
  CHECK(json->getValue<int>("format") == 1);
  const auto refs = json->getArray("references");
  REQUIRE(refs->size() > 0);
  for (const char* key : {"from", "passage", "target_text", "target", "status"})
    CHECK(refs->getObject(0)->has(key));
  const auto findings = json->getArray("findings");
  REQUIRE(findings->size() > 0);
  for (std::size_t i = 0; i < findings->size(); ++i) {
    const auto f = findings->getObject(static_cast<unsigned>(i));
    for (const char* key : {"type", "doc", "target", "score", "evidence"}) CHECK(f->has(key));
    const auto ev = f->getArray("evidence");
    REQUIRE(ev->size() > 0);
    CHECK(ev->getObject(0)->has("passage"));
    CHECK(ev->getObject(0)->has("text"));
  }
  std::ostringstream dot;
  print_refs_dot(dot, report());
  CHECK(dot.str().rfind("digraph", 0) == 0);
  CHECK(dot.str().find("style=dashed, label=\"missing_reference\"") != std::string::npos);
}

TEST_CASE("--doc keeps one document's references and findings") {
  const RefsReport one = build_refs_report(corpus().db(), "leverantorsriktlinje");
  REQUIRE(!one.references.empty());
  for (const auto& r : one.references) CHECK(r.from == "leverantorsriktlinje");
  for (const auto& f : one.findings) CHECK(f.doc == "leverantorsriktlinje");
}

TEST_CASE("the documents linked to one, one and two steps out, either direction") {
  struct Row {
    const char* doc;
    const char* linked;
    int steps;  // -1: not linked
  };
  const Row rows[] = {
      {"leverantorsriktlinje", "leverantorsriktlinje", 0},
      // It names the policy; the program names it.
      {"leverantorsriktlinje", "informationssakerhetspolicy", 1},
      {"leverantorsriktlinje", "trygghetsprogram-2027", 1},
      // The program names the old program and the civil plan.
      {"leverantorsriktlinje", "sakerhetsprogram-2019", 2},
      {"leverantorsriktlinje", "civil-beredskap-plan-2025", 2},
      {"posom-riktlinje", "trygghetsprogram-2027-reviderat", 1},
      {"posom-riktlinje", "remissvar-socialnamnden", 1},
      // Brottsofferjouren names nothing the corpus holds, and nothing names it.
      {"leverantorsriktlinje", "remissvar-brottsofferjouren", -1},
      // The compilation names only the program, three steps from the guideline.
      {"posom-riktlinje", "handling-2027-nr-41.04", -1},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.doc));
    CAPTURE(std::string(row.linked));
    const auto linked = linked_documents(corpus().db(), row.doc);
    REQUIRE(!linked.empty());
    CHECK(linked.front().id == row.doc);
    auto it = std::find_if(linked.begin(), linked.end(),
                           [&](const LinkedDocument& d) { return d.id == row.linked; });
    CHECK((it == linked.end() ? -1 : it->steps) == row.steps);
  }
  CHECK(linked_documents(corpus().db(), "finns-inte").empty());
  // One step: the guideline, the two programs that name it and Socialnämnden.
  CHECK(linked_documents(corpus().db(), "posom-riktlinje", 1).size() == 4);
}

TEST_CASE("search --linked keeps the hits inside the neighbourhood") {
  struct Row {
    const char* doc;
    const char* query;
  };
  const Row rows[] = {
      {"leverantorsriktlinje", "Posom"},
      {"civil-beredskap-plan-2025", "Posom"},
      {"posom-riktlinje", "krisstödsgrupp"},
  };
  const auto db = corpus().db();
  for (const Row& row : rows) {
    CAPTURE(std::string(row.doc));
    CAPTURE(std::string(row.query));
    std::set<std::string> allowed;
    for (const auto& d : linked_documents(db, row.doc)) allowed.insert(d.id);
    SearchRequest all;
    all.query = row.query;
    all.limit = 1000;
    const SearchResult everywhere = search(db, all);
    SearchRequest near = all;
    near.documents.assign(allowed.begin(), allowed.end());
    const SearchResult linked = search(db, near);
    std::size_t inside = 0;
    for (const auto& h : everywhere.hits) inside += allowed.count(h.doc);
    // Exactly the full search's hits that lie in the neighbourhood.
    CHECK(linked.hits.size() == inside);
    for (const auto& h : linked.hits) CHECK(allowed.count(h.doc) == 1);
    CHECK(linked.hits.size() < everywhere.hits.size());
  }
}
