// Consultation analysis: sentence splitting, statement cues with negation
// and contrast, decision sentences (positives and traps), respondent
// categories; then the sample corpus against its written-down truth and the
// real responses of the council bundles.
#include <doctest/doctest.h>

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/bundle/bundle.hh"
#include "indexer/consult/consult.hh"
#include "indexer/core/text.hh"
#include "indexer/normalise/normalise.hh"
#include "indexer/readers/reader.hh"
#include "indexer/store/structure.hh"

namespace fs = std::filesystem;

namespace {

// The documents of one file, through the same stages as the indexer.
std::vector<rk::Document> documents_of(const fs::path& path) {
  rk::ReadResult read = rk::read_document(path);
  std::vector<rk::Block> blocks =
      read.layout_text ? rk::normalise_layout_text(read.text) : read.blocks;
  auto parts = rk::split_documents(blocks, read, path.filename().string());
  std::vector<rk::Document> docs;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    rk::Document doc;
    doc.id = rk::default_doc_id(path.stem().string(), parts.size() > 1 ? int(i) + 1 : 0);
    doc.title = parts[i].title;
    doc.kind = parts[i].kind;
    doc.author = parts[i].author;
    rk::build_sections(parts[i], doc);
    docs.push_back(std::move(doc));
  }
  return docs;
}

rk::Document document_of(const std::vector<std::pair<std::string, std::vector<std::string>>>& s) {
  rk::Document doc;
  doc.id = "doc";
  doc.kind = "response";
  int n = 0;
  for (const auto& [heading, passages] : s) {
    rk::Section section;
    section.heading = heading;
    for (const auto& text : passages) {
      rk::Passage p;
      p.ordinal = ++n;
      p.id = "doc:p" + std::to_string(n);
      p.text = text;
      section.passages.push_back(p);
    }
    doc.sections.push_back(section);
  }
  return doc;
}

}  // namespace

TEST_CASE("sentences: abbreviations, numbers, dates and quotations stay whole") {
  struct Row {
    std::string passage;
    std::vector<std::string> sentences;
  };
  const std::vector<Row> rows = {
      {"Förvaltningen välkomnar förslaget. Det saknas dock mål.",
       {"Förvaltningen välkomnar förslaget.", "Det saknas dock mål."}},
      {"Polisen bl.a. deltar. Skolan t.ex. övar m.m. varje år. Nästa.",
       {"Polisen bl.a. deltar.", "Skolan t.ex. övar m.m. varje år.", "Nästa."}},
      {"Enl. avsnitt 6.3 ska gruppen larmas. Ca 20 personer ingår.",
       {"Enl. avsnitt 6.3 ska gruppen larmas.", "Ca 20 personer ingår."}},
      {"Beslutet fattades 2026-10-05 i nämnden. Se avsnitt 10. Förvaltningen föreslår ändringar.",
       {"Beslutet fattades 2026-10-05 i nämnden.", "Se avsnitt 10.",
        "Förvaltningen föreslår ändringar."}},
      {"Beslut 1. Nämnden avstyrker motionen. 2. Nämnden översänder utlåtandet.",
       {"Beslut 1. Nämnden avstyrker motionen.", "2. Nämnden översänder utlåtandet."}},
      {"Hur ska arbetet finansieras? Det framgår inte.",
       {"Hur ska arbetet finansieras?", "Det framgår inte."}},
      {"\u201DGruppen larmas. Den samlas inom två timmar.\u201D Förvaltningen delar det.",
       {"\u201DGruppen larmas. Den samlas inom två timmar.\u201D", "Förvaltningen delar det."}},
      {"Ett stycke utan punkt", {"Ett stycke utan punkt"}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.passage);
    std::vector<std::string> got;
    for (const auto& s : rk::split_sentences(row.passage)) got.push_back(s.text);
    CHECK(got == row.sentences);
  }
  auto quoted = rk::split_sentences(rows[6].passage);
  REQUIRE(quoted.size() == 2);
  CHECK(quoted[0].quoted);
  CHECK_FALSE(quoted[1].quoted);
}

TEST_CASE("statements: cues, negation, contrast and hedging") {
  struct Row {
    std::string sentence, stance, cue;
    bool negated = false, hedged = false;
  };
  const std::vector<Row> rows = {
      {"Förvaltningen välkomnar att programmet samlar arbetet.", "positive", "välkomnar"},
      {"Nämnden är positiv till att mål anges.", "positive", "positiv till"},
      {"Bolaget ser positivt på att bolagen omfattas.", "positive", "ser positivt på"},
      {"I förslaget saknas ett avsnitt om våld i nära relationer.", "critical", "saknas"},
      {"Det framgår inte vem som beslutar.", "critical", "framgår inte"},
      {"Skolans roll nämns men utvecklas inte.", "critical", "nämns ... men utvecklas inte"},
      {"Tillgänglighet nämns i avsnitt 3.3 men utvecklas inte.", "critical",
       "nämns ... men utvecklas inte"},
      {"Uppdraget behöver fördjupas i programmet.", "critical", "behöver ... fördjupas"},
      {"Riskbilden i avsnitt 6 behöver kompletteras.", "critical", "behöver ... kompletteras"},
      {"Målen är otydliga.", "critical", "otydlig*"},
      {"När det gäller insats 7:2 är det dock inte helt tydligt hur det ska ske.", "critical",
       "inte helt tydlig*", false, true},
      {"Förvaltningen ställer sig bakom inriktningen, men det framgår inte hur det ska betalas.",
       "critical", "framgår inte"},
      {"Förvaltningen föreslår att avsnittet hänvisar till policyn.", "proposal", "föreslår"},
      {"Ansvaret bör preciseras.", "proposal", "bör preciseras"},
      {"Hur ska stadsdelarna finansiera övningarna?", "question", "hur ska"},
      {"Vad kostar det för stadsdelarna?", "question", "?"},
      {"Beskrivningen behöver inte ändras.", "positive", "behöver inte ändras"},
      {"Nämnden saknar inte något i avsnittet.", "positive", "saknar", true},
      {"Förvaltningen är inte positiv till förslaget.", "critical", "positiv till", true},
      {"Varken skyfall, högvatten, översvämning eller värmebölja nämns.", "critical",
       "varken ... nämns"},
      {"Programmet beslutades av kommunfullmäktige 2019.", "neutral", ""},
  };
  for (const Row& row : rows) {
    CAPTURE(row.sentence);
    rk::StanceCue got = rk::classify_sentence(row.sentence);
    CHECK(got.stance == row.stance);
    CHECK(got.cue == row.cue);
    CHECK(got.negated == row.negated);
    CHECK(got.hedged == row.hedged);
  }
}

TEST_CASE("decisions: the sentences that state one, and the traps") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Nämnden tillstyrker förslaget och översänder tjänsteutlåtandet.", "tillstyrker"},
      {"Stadsdelsnämnden tillstyrker förslaget med följande ändringar:", "tillstyrker_delvis"},
      {"Nämnden tillstyrker förslaget till program under förutsättning att det finansieras.",
       "tillstyrker_delvis"},
      {"Socialnämnden tillstyrker förslaget med ändringar i enlighet med synpunkterna.",
       "tillstyrker_delvis"},
      {"Nämnden avstyrker förslaget.", "avstyrker"},
      {"Socialnämnden beslutar att avstyrka motionen.", "avstyrker"},
      {"Så länge den delen saknas kan föreningen inte tillstyrka förslaget.", "avstyrker"},
      {"Kulturnämnden lämnar förslaget utan erinran.", "inga_synpunkter"},
      {"Nämnden har inga synpunkter på förslaget.", "inga_synpunkter"},
      {"Bolaget har inget att invända mot förslaget.", "inga_synpunkter"},
      {"Bolaget avstår därför från att yttra sig över remissen.", "avstar"},
      {"Rådet är ett rådgivande organ och fattar inga beslut i sakfrågan.", "ej_angiven"},
      // Traps: not a decision of the respondent.
      {"Förvaltningen har inga synpunkter på programmets avsnitt om informationssäkerhet.", ""},
      {"Lena Ferm (SD) yrkar att motionen ska tillstyrkas.", ""},
      {"Nämnden ska besluta om den ska tillstyrkas eller avstyrkas.", ""},
      {"Därför avstyrker vi motionen.", ""},
      {"Maria Granath (C) avstår från att delta i beslutet.", ""},
      {"Förvaltningen delar bedömningen i förslaget.", ""},
  };
  for (const auto& [sentence, stance] : rows) {
    CAPTURE(sentence);
    CHECK(rk::decision_in_sentence(sentence) == stance);
  }
}

TEST_CASE("decisions: the committee's decision wins over the office's proposal") {
  rk::Document doc = document_of({
      {"Förvaltningens förslag till beslut",
       {"Stadsdelsnämnden tillstyrker förslaget under förutsättning att det finansieras."}},
      {"Bedömning", {"Förvaltningen har inga synpunkter på avsnitt 4. Det saknas resurser."}},
      {"Protokollsutdrag", {"Beslut Enligt yrkande från M:"}},
      {"", {"Nämnden avstyrker förslaget.", "Ordföranden yrkar att nämnden ska avstyrka."}},
  });
  rk::Decision d = rk::analyse_response(doc).decision;
  CHECK(d.stance == "avstyrker");
  CHECK(d.evidence.passage == "doc:p4");
  CHECK(d.evidence.text == "Nämnden avstyrker förslaget.");
  CHECK(d.proposed_stance == "tillstyrker_delvis");

  rk::Document office_only = document_of({{"Förslag till beslut", {"Att tillstyrka motionen."}}});
  CHECK(rk::analyse_response(office_only).decision.stance == "tillstyrker");
  rk::Document none = document_of({{"", {"Rådet välkomnar förslaget."}}});
  CHECK(rk::analyse_response(none).decision.stance == "ej_angiven");
}

TEST_CASE("respondents: categories from the body's name") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Stadsdelsnämnden Norra Hamnen", "district_committee"},
      {"Socialnämnden", "specialist_committee"},
      {"Socialnämnd Nordost", "specialist_committee"},
      {"Utbildningsnämnden", "specialist_committee"},
      {"Miljö- och klimatnämnden", "specialist_committee"},
      {"Göteborgs Stads idrotts- och föreningsnämnd", "specialist_committee"},
      {"Räddningstjänsten Storstad (direktionen)", "specialist_committee"},
      {"Energi AB", "company"},
      {"Bolaget", "company"},
      {"Rådet för funktionshinderfrågor", "council"},
      {"Kommunala pensionärsrådet", "council"},
      {"Vision", "union"},
      {"Kommunal", "union"},
      {"Sveriges Lärare", "union"},
      {"Vision (i central samverkansgrupp)", "union"},
      {"Brottsofferjouren", "organisation"},
      {"Länsstyrelsen i Västra Götalands län", "organisation"},
      {"Norrköpings stad", ""},
  };
  for (const auto& [name, category] : rows) {
    CAPTURE(name);
    CHECK(rk::respondent_category(name) == category);
  }
}

TEST_CASE("sections named in a sentence") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> rows = {
      {"Förvaltningen är positiv till att avsnitt 6.3 beskriver gruppen.", {"avsnitt 6.3"}},
      {"När det gäller insats 7:2 och kapitel 4 är det oklart.", {"insats 7:2", "kapitel 4"}},
      {"Avsnittet \u201DTrygghet i vardagen\u201D saknar mål.", {"Trygghet i vardagen"}},
      {"Det gäller 40 procent av invånarna.", {}},
  };
  for (const auto& [sentence, refs] : rows) {
    CAPTURE(sentence);
    CHECK(rk::section_mentions(sentence) == refs);
  }
}

TEST_CASE("JSON: the issue's shape") {
  rk::Document doc = document_of({{"", {"Nämnden tillstyrker förslaget. Avsnitt 4 saknar mål."}}});
  auto json = rk::to_json(rk::analyse_response(doc));
  std::ostringstream out;
  json->stringify(out);
  auto parsed = Poco::JSON::Parser().parse(out.str()).extract<Poco::JSON::Object::Ptr>();
  CHECK(parsed->getObject("decision")->getValue<std::string>("stance") == "tillstyrker");
  CHECK(parsed->getObject("decision")->getObject("evidence")->getValue<std::string>("passage") ==
        "doc:p1");
  CHECK(parsed->getObject("respondent")->has("category"));
  auto statements = parsed->getArray("statements");
  REQUIRE(statements->size() == 2);
  auto second = statements->getObject(1);
  CHECK(second->getValue<std::string>("stance") == "critical");
  CHECK(second->getValue<std::string>("cue") == "saknar");
  CHECK(second->getArray("sections")->getElement<std::string>(0) == "avsnitt 4");
  CHECK(statements->getObject(0)->get("cue").isEmpty());
}

TEST_CASE("corpus: decisions, respondents and statement stances against the truth") {
  const fs::path corpus = fs::path(RK_SOURCE_DIR) / "corpus";
  if (!fs::exists(corpus / "expected/responses.json")) {
    MESSAGE("no corpus: skipped");
    return;
  }
  std::ifstream in(corpus / "expected/responses.json");
  auto truth = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
  std::map<std::string, rk::ResponseAnalysis> analysed;
  std::map<std::string, bool> done_files;
  auto expected_docs = truth->getArray("documents");
  for (std::size_t i = 0; i < expected_docs->size(); ++i) {
    std::string file = expected_docs->getObject(i)->getValue<std::string>("file");
    if (done_files[file]) continue;
    done_files[file] = true;
    for (const rk::Document& doc : documents_of(corpus / file))
      analysed[doc.id] = rk::analyse_response(doc);
  }
  int decisions = 0, categories = 0, responses = 0;
  for (std::size_t i = 0; i < expected_docs->size(); ++i) {
    auto e = expected_docs->getObject(i);
    if (e->isNull("decision") || !e->has("decision")) continue;
    std::string id = e->getValue<std::string>("id");
    REQUIRE(analysed.count(id) == 1);
    const rk::ResponseAnalysis& a = analysed[id];
    ++responses;
    std::string want = e->getValue<std::string>("decision");
    std::string want_category = e->getObject("respondent")->getValue<std::string>("category");
    if (a.decision.stance == want) ++decisions;
    if (a.respondent.category == want_category) ++categories;
    MESSAGE(id << ": decision " << a.decision.stance << " (truth " << want << "), "
               << a.respondent.name << " -> " << a.respondent.category << " (truth "
               << want_category << ")");
  }
  CHECK(responses == 14);
  CHECK(decisions >= 13);
  CHECK(categories >= 12);

  auto statements = truth->getArray("statements");
  int found = 0, agree = 0;
  for (std::size_t i = 0; i < statements->size(); ++i) {
    auto e = statements->getObject(i);
    std::string quote = rk::collapse_space(e->getValue<std::string>("quote"));
    const rk::Statement* hit = nullptr;
    for (const rk::Statement& s : analysed[e->getValue<std::string>("response")].statements)
      if (s.text.find(quote) != std::string::npos || quote.find(s.text) != std::string::npos) {
        hit = &s;
        break;
      }
    if (!hit) {
      MESSAGE("not found as a statement: " << quote);
      continue;
    }
    ++found;
    if (hit->stance == e->getValue<std::string>("stance"))
      ++agree;
    else
      MESSAGE("stance " << hit->stance << " (cue " << hit->cue << "), truth "
                        << e->getValue<std::string>("stance") << ": " << hit->text);
  }
  MESSAGE("statements found " << found << "/" << statements->size() << ", stance agrees " << agree
                              << "/" << statements->size());
  CHECK(found >= 85);
  CHECK(agree >= 86);
}

TEST_CASE("real responses: decision distribution in the council bundles") {
  const fs::path shared = fs::path(RK_SHARED_DIR) / "realdata";
  if (!fs::exists(shared)) {
    MESSAGE("no ../shared/realdata: skipped");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& dir : {shared / "goteborg-kf", shared / "goteborg"})
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.path().extension() == ".txt" && e.path().filename() != "SOURCES.md")
        files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::map<std::string, int> distribution;
  int responses = 0, shown = 0;
  for (const fs::path& file : files) {
    std::vector<rk::Document> docs;
    try {
      docs = documents_of(file);
    } catch (const std::exception&) {
      continue;
    }
    for (const rk::Document& doc : docs) {
      if (doc.kind != "response") continue;
      ++responses;
      rk::ResponseAnalysis a = rk::analyse_response(doc);
      ++distribution[a.decision.stance];
      if (shown++ % 7 == 0 && shown < 140)
        MESSAGE(file.filename().string()
                << " | " << a.respondent.name << " (" << a.respondent.category << ") | "
                << a.decision.stance << " | " << a.decision.evidence.text.substr(0, 160));
    }
  }
  std::ostringstream out;
  for (const auto& [stance, n] : distribution) out << stance << "=" << n << " ";
  MESSAGE("real responses: " << responses << "; decisions: " << out.str());
  CHECK(responses > 0);
}
