// The consultation analyses of the read side (query/consult.hh) on the sample
// corpus, against its written-down truth (corpus/expected/responses.json):
// the compilation (decisions, near-duplicates, the office's own table) and
// the gap report (topics, coverage, claims, take-up by the revision).
#include <doctest/doctest.h>

#include <Poco/JSON/Array.h>

#include <map>
#include <set>
#include <string>

#include "indexer/core/records.hh"
#include "query/consult.hh"
#include "temp_index.hh"

namespace rk {
namespace {

const std::string kCorpus = std::string(RK_SOURCE_DIR) + "/corpus";
const std::string kProgram = "trygghetsprogram-2027";

const test::IndexedTree& corpus() {
  static const test::IndexedTree tree(kCorpus);
  return tree;
}

Poco::JSON::Object::Ptr truth() {
  static const auto t = test::load_json(kCorpus + "/expected/responses.json");
  return t;
}

Poco::JSON::Object::Ptr at(const Poco::JSON::Array::Ptr& a, std::size_t i) {
  return a->getObject(static_cast<unsigned>(i));
}

const Poco::JSON::Object::Ptr& compiled() {
  static const auto c = compile_program(corpus().db(), kProgram);
  return c;
}

const Poco::JSON::Object::Ptr& gaps() {
  static const auto g = program_gaps(corpus().db(), kProgram);
  return g;
}

// The planted gap a statement belongs to, by its quote; empty when none.
std::string planted_gap(const std::string& text) {
  auto statements = truth()->getArray("statements");
  for (std::size_t i = 0; i < statements->size(); ++i) {
    auto s = at(statements, i);
    const std::string quote = json_text(s, "quote");
    if (text.find(quote) != std::string::npos || quote.find(text) != std::string::npos)
      return json_text(s, "gap");
  }
  return {};
}

// The reported topic holding the most statements of a planted gap.
Poco::JSON::Object::Ptr topic_for(const std::string& gap) {
  auto list = gaps()->getArray("gaps");
  Poco::JSON::Object::Ptr best;
  int best_n = 0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto raised = at(list, i)->getArray("raised_by");
    int n = 0;
    for (std::size_t j = 0; j < raised->size(); ++j)
      n += planted_gap(json_text(at(raised, j), "text")) == gap;
    if (n > best_n) {
      best_n = n;
      best = at(list, i);
    }
  }
  return best;
}

}  // namespace

TEST_CASE("compile lists every response to the program with the planted decision") {
  std::map<std::string, std::string> expected;
  auto docs = truth()->getArray("documents");
  for (std::size_t i = 0; i < docs->size(); ++i)
    if (json_text(at(docs, i), "kind") == "response")
      expected[json_text(at(docs, i), "id")] = json_text(at(docs, i), "decision");
  auto responses = compiled()->getArray("responses");
  CHECK(json_text(compiled(), "format") == "1");
  REQUIRE(responses->size() == expected.size());
  int agree = 0;
  for (std::size_t i = 0; i < responses->size(); ++i) {
    auto r = at(responses, i);
    CAPTURE(json_text(r, "doc"));
    CHECK(expected.count(json_text(r, "doc")) == 1);
    agree += expected[json_text(r, "doc")] == json_text(r, "decision");
    for (const char* k : {"respondent", "category", "decision", "evidence", "statements"})
      CHECK(r->has(k));
  }
  MESSAGE("decisions agreeing with the truth: " << agree << "/" << expected.size());
  CHECK(agree >= static_cast<int>(expected.size()) - 1);
}

TEST_CASE("statements are linked to the program's sections, explicit mentions first") {
  auto responses = compiled()->getArray("responses");
  int explicit_links = 0, linked = 0, total = 0;
  bool found_63 = false;
  for (std::size_t i = 0; i < responses->size(); ++i) {
    auto st = at(responses, i)->getArray("statements");
    for (std::size_t j = 0; j < st->size(); ++j) {
      auto links = at(st, j)->getArray("section_links");
      ++total;
      if (links->size() == 0) continue;
      ++linked;
      explicit_links += json_text(at(links, 0), "by") == "explicit";
      const std::string text = json_text(at(st, j), "text");
      if (text.find("avsnitt 6.3") != std::string::npos)
        found_63 = found_63 || json_text(at(links, 0), "heading").rfind("6.3 ", 0) == 0;
    }
  }
  MESSAGE("statements linked: " << linked << "/" << total << ", explicit " << explicit_links);
  CHECK(found_63);
  CHECK(explicit_links >= 20);
  CHECK(linked * 10 >= total * 7);
}

TEST_CASE("the two councils' copy-paste responses are grouped, the rest not") {
  auto groups = compiled()->getArray("groups");
  REQUIRE(groups->size() == 1);
  std::set<std::string> docs;
  auto d = at(groups, 0)->getArray("docs");
  for (std::size_t i = 0; i < d->size(); ++i)
    docs.insert(d->getElement<std::string>(static_cast<unsigned>(i)));
  CHECK(docs ==
        std::set<std::string>{"remissvar-funktionshinderradet", "remissvar-pensionarsradet"});
  CHECK(at(groups, 0)->getValue<int>("shared_sentences") >= 5);
}

TEST_CASE("the office's compilation is compared with the responses: one discrepancy") {
  auto comps = compiled()->getArray("compilations");
  Poco::JSON::Object::Ptr table;
  for (std::size_t i = 0; i < comps->size(); ++i)
    if (json_text(at(comps, i), "kind") == "compilation") table = at(comps, i);
  REQUIRE(table);
  CHECK(table->getArray("rows")->size() == 14);
  std::vector<std::string> disagreeing;
  auto rows = table->getArray("rows");
  for (std::size_t i = 0; i < rows->size(); ++i)
    if (json_text(at(rows, i), "agrees") == "false")
      disagreeing.push_back(json_text(at(rows, i), "respondent"));
  CHECK(disagreeing == std::vector<std::string>{"Utbildningsnämnden"});
}

TEST_CASE("every planted gap is found, with its coverage in the draft and its take-up") {
  auto planted = truth()->getObject("gaps");
  int found = 0, coverage_right = 0, revision_right = 0;
  for (const auto& [id, value] : *planted) {
    auto gap = value.extract<Poco::JSON::Object::Ptr>();
    auto topic = topic_for(id);
    CAPTURE(id);
    if (!topic) continue;
    ++found;
    coverage_right += json_text(topic, "coverage") == json_text(gap, "draft_coverage");
    const bool taken = json_text(gap, "taken_up") == "true";
    revision_right += json_text(topic, "revision") == (taken ? "taken_up" : "not_taken_up");
    CHECK(topic->getArray("raised_by")->size() > 0);
  }
  MESSAGE("gaps found " << found << "/7, coverage right " << coverage_right << ", take-up right "
                        << revision_right);
  CHECK(found == 7);
  CHECK(coverage_right >= 6);
  CHECK(revision_right == 7);
  CHECK(json_text(gaps(), "revision") == "trygghetsprogram-2027-reviderat");
}

TEST_CASE("an absent gap has no program passage; a mentioned one cites it") {
  auto g1 = topic_for("G1");
  REQUIRE(g1);
  CHECK(json_text(g1, "coverage") == "absent");
  CHECK(g1->getArray("program_passages")->size() == 0);
  CHECK(g1->getArray("closest_passages")->size() > 0);
  auto g5 = topic_for("G5");
  REQUIRE(g5);
  auto ps = g5->getArray("program_passages");
  REQUIRE(ps->size() >= 1);
  CHECK(json_text(at(ps, 0), "text").find("personer med funktionsnedsättning") !=
        std::string::npos);
  CHECK(json_text(at(ps, 0), "page") == "5");
}

TEST_CASE("claims in the responses are checked against the program") {
  auto claims = gaps()->getArray("claims");
  auto verdict = [&](const std::string& fragment) {
    for (std::size_t i = 0; i < claims->size(); ++i) {
      auto s = at(claims, i)->getObject("statement");
      if (json_text(s, "text").find(fragment) != std::string::npos)
        return json_text(at(claims, i), "verdict");
    }
    return std::string("missing");
  };
  // C3: section 9 says how; the claim is contradicted.
  CHECK(verdict("Det framgår inte hur krav på informationssäkerhet") == "contradicted");
  CHECK(verdict("Skolans roll nämns men utvecklas inte") == "confirmed");         // C4
  CHECK(verdict("Våld i nära relationer saknas som område") == "confirmed");      // C5
  CHECK(verdict("Varken skyfall, högvatten") == "confirmed");                     // C6
  CHECK(verdict("Tillgänglighet nämns i avsnitt 3.3") == "confirmed");            // C7
  CHECK(verdict("Hot och våld mot medarbetare berörs endast") == "confirmed");    // C9
  CHECK(verdict("omnämns endast i uppräkningen") == "confirmed");                 // C1
  CHECK(verdict("Informationssäkerhetspolicyn nämns inte alls") == "confirmed");  // C2
}
}  // namespace rk
