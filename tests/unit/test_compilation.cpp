// The office's account of the consultation: decision cells, body names,
// compilation tables in their three shapes (aligned, flattened, passages),
// the office's prose and its traps; then the sample corpus against its
// truth, and the real council bundles: how often the office's account agrees
// with the responses' own decisions.
#include <doctest/doctest.h>

#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/bundle/bundle.hh"
#include "indexer/consult/compilation.hh"
#include "indexer/consult/consult.hh"
#include "indexer/core/text.hh"
#include "indexer/normalise/normalise.hh"
#include "indexer/readers/reader.hh"
#include "indexer/store/structure.hh"

namespace fs = std::filesystem;

namespace {

// One document with the source lines it was built from, as the pipeline
// builds it.
struct Loaded {
  rk::Document doc;
  std::string layout;  // its own lines of the source text; empty for structured formats
};

std::string lines_between(const std::string& text, int first, int last) {
  std::istringstream in(text);
  std::string line, out;
  for (int n = 1; std::getline(in, line); ++n)
    if (n >= first && n <= last) out += line + "\n";
  return out;
}

std::vector<Loaded> load(const fs::path& path) {
  rk::ReadResult read = rk::read_document(path);
  std::vector<rk::Block> blocks =
      read.layout_text ? rk::normalise_layout_text(read.text) : read.blocks;
  auto parts = rk::split_documents(blocks, read, path.filename().string());
  std::vector<Loaded> out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    Loaded l;
    l.doc.id = rk::default_doc_id(path.stem().string(), parts.size() > 1 ? int(i) + 1 : 0);
    l.doc.title = parts[i].title;
    l.doc.kind = parts[i].kind;
    l.doc.author = parts[i].author;
    l.doc.line_start = parts[i].line_start;
    l.doc.line_end = parts[i].line_end;
    rk::build_sections(parts[i], l.doc);
    if (read.layout_text)
      l.layout = lines_between(read.text, parts[i].line_start, parts[i].line_end);
    out.push_back(std::move(l));
  }
  return out;
}

// A document built from layout text alone (lines numbered from 1).
Loaded from_layout(const std::string& text, const std::string& kind) {
  rk::DocumentPart part;
  part.kind = kind;
  part.blocks = rk::normalise_layout_text(text);
  Loaded l;
  l.doc.id = "doc";
  l.doc.kind = kind;
  rk::build_sections(part, l.doc);
  l.layout = text;
  return l;
}

rk::Document from_passages(const std::vector<std::string>& passages, const std::string& kind) {
  rk::Document doc;
  doc.id = "doc";
  doc.kind = kind;
  rk::Section section;
  int n = 0;
  for (const std::string& text : passages) {
    rk::Passage p;
    p.ordinal = ++n;
    p.id = "doc:p" + std::to_string(n);
    p.text = text;
    section.passages.push_back(p);
  }
  doc.sections.push_back(section);
  return doc;
}

struct Want {
  std::string group, respondent, decision, decision_text, comment;
};

void check_rows(const std::vector<rk::CompilationRow>& got, const std::vector<Want>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i].group == want[i].group);
    CHECK(got[i].respondent == want[i].respondent);
    CHECK(got[i].decision == want[i].decision);
    CHECK(got[i].decision_text == want[i].decision_text);
    CHECK(got[i].comment == want[i].comment);
  }
}

}  // namespace

TEST_CASE("decision cells: the column's words, read from the first") {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Tillstyrker", "tillstyrker"},
      {"Tillstyrker med ändringar", "tillstyrker_delvis"},
      {"Tillstyrker med", "tillstyrker_delvis"},
      {"Delvis tillstyrker", "tillstyrker_delvis"},
      {"Avstyrker", "avstyrker"},
      {"Inga synpunkter", "inga_synpunkter"},
      {"Lämnar utan erinran", "inga_synpunkter"},
      {"Avstår", "avstar"},
      {"Avstår från att ta ställning.", "ej_angiven"},
      {"Ej ställningstagande", "ej_angiven"},
      {"Anses besvarad", "ej_angiven"},
      {"Nämnden tillstyrker", ""},  // prose, not a cell
      {"Översänder förvaltningens tjänsteutlåtande", ""},
  };
  for (const auto& [cell, decision] : rows) {
    CAPTURE(cell);
    CHECK(rk::table_decision(cell) == decision);
  }
}

TEST_CASE("body names: ways of writing one body") {
  struct Row {
    std::string a, b;
    bool same;
  };
  const std::vector<Row> rows = {
      {"Direktionen för Räddningstjänsten Norrvik", "Räddningstjänsten Norrvik", true},
      {"Räddningstjänsten Norrvik (direktionen)", "Direktionen för Räddningstjänsten Norrvik",
       true},
      {"Socialnämnd Centrum", "Socialnämnden Centrum", true},
      {"Vision (CSG 2026-10-29)", "Vision", true},
      {"Vision (i central samverkansgrupp)", "Vision (CSG 2026-10-29)", true},
      {"Kommunala pensionärsrådet", "Pensionärsrådet", true},
      {"Göteborgs Stads idrotts- och föreningsnämnd", "Idrotts- och föreningsnämnden", true},
      {"Göteborg Stads socialnämnden Sydväst", "Socialnämnd Sydväst", true},
      {"Brottsofferjouren", "Brottsofferjouren Norrvik", true},
      {"Äldre samt vård-", "Äldre samt vård- och omsorgsnämnden", true},
      {"utbildningsnämnden", "Utbildningsnämnden", true},
      {"Socialnämnden Centrum", "Socialförvaltningen Centrum", false},
      {"Socialnämnd Centrum", "Socialnämnd Sydväst", false},
      {"Grundskolenämnden", "Grundskoleförvaltningen", false},
      {"Rådet för funktionshinderfrågor", "Rådet", false},
      {"Norrvik Energi AB", "Norrviks Hamn AB", false},
      {"", "Vision", false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.a);
    CAPTURE(row.b);
    CHECK(rk::same_body(row.a, row.b) == row.same);
    CHECK(rk::same_body(row.b, row.a) == row.same);
  }
}

TEST_CASE("collective rows name each body they cover") {
  rk::CompilationRow all_districts{"",  "Samtliga stadsdelsnämnder", "tillstyrker", "", "", "",
                                   true};
  rk::CompilationRow both{"", "Båda socialnämnderna", "avstyrker", "", "", "", true};
  rk::CompilationRow everyone{"", "Samtliga remissinstanser", "tillstyrker", "", "", "", true};
  CHECK(rk::names_body(all_districts, "Stadsdelsnämnden Norra Hamnen"));
  CHECK_FALSE(rk::names_body(all_districts, "Socialnämnden"));
  CHECK(rk::names_body(both, "Socialnämnden Nordost"));
  CHECK(rk::names_body(both, "Socialnämnd Sydväst"));
  CHECK_FALSE(rk::names_body(both, "Förvaltnings AB Framtiden"));
  CHECK(rk::names_body(everyone, "Vision"));
  rk::CompilationRow one{"", "Socialnämnd Centrum", "tillstyrker", "", "", "", false};
  CHECK(rk::names_body(one, "Socialnämnden Centrum"));
  CHECK_FALSE(rk::names_body(one, "Socialnämnden Nordost"));
}

TEST_CASE("tables: aligned columns with wrapped cells and groups") {
  const std::string layout =
      "Sammanställning av remissvar                                      3 (4)\n"
      "\n"
      "Remissinstans          Beslut             Kommentar\n"
      "\n"
      "Nämnder och styrelser\n"
      "Stadsdelsnämnden       Tillstyrker med    Saknar mål för äldre.\n"
      "Södra Dalen            ändringar          Ansvaret bör förtydligas.\n"
      "Idrotts- och           Avstyrker          Finansieringen är inte\n"
      "föreningsnämnden                          klarlagd.\n"
      "Kulturnämnden          Inga synpunkter\n"
      "\n"
      "Övriga\n"
      "Föreningen Trygg       Avstår\n"
      "\fBilaga 3\n"
      "Protokollsutdrag från nämnden, sammanträde den 4 maj                  4 (4)\n";
  Loaded l = from_layout(layout, "compilation");
  auto rows = rk::parse_compilation(l.doc, l.layout);
  check_rows(
      rows,
      {
          {"Nämnder och styrelser", "Stadsdelsnämnden Södra Dalen", "tillstyrker_delvis",
           "Tillstyrker med ändringar", "Saknar mål för äldre. Ansvaret bör förtydligas."},
          {"Nämnder och styrelser", "Idrotts- och föreningsnämnden", "avstyrker", "Avstyrker",
           "Finansieringen är inte klarlagd."},
          {"Nämnder och styrelser", "Kulturnämnden", "inga_synpunkter", "Inga synpunkter", ""},
          {"Övriga", "Föreningen Trygg", "avstar", "Avstår", ""},
      });
  REQUIRE_FALSE(rows[0].passage.empty());
  CHECK(rows[0].passage.rfind("doc:p", 0) == 0);
}

TEST_CASE("tables: flattened into long lines, rows without a decision") {
  // As pdftotext leaves a table whose rows ran into each other: cells are
  // separated by runs of spaces, a row's name ends the cell before it.
  const std::string layout =
      "Bilaga 2, Sammanställning av remissvar\n"
      "\n"
      "Remissinstans        Beslut           Kommentar\n"
      "\n"
      "Nämnder och styrelser Socialnämnd Öst        Tillstyrker        Nämnden ser ett behov av "
      "riktlinjen och vill att ansvaret förtydligas. Socialnämnd Väst       Avstyrker       "
      "Nämnden bedömer att riktlinjen inte går att tillämpa som den är skriven i dag. Övriga "
      "Tullverket         Anger att samråd bör ske med myndigheten när en person är "
      "frihetsberövad och att uppföljningen ska omfatta hotbilden.\n"
      "\n"
      "Inköps- och            Avstyrker upphandlingsnämnden\n";
  Loaded l = from_layout(layout, "compilation");
  auto rows = rk::parse_compilation(l.doc, l.layout);
  check_rows(
      rows, {
                {"Nämnder och styrelser", "Socialnämnd Öst", "tillstyrker", "Tillstyrker",
                 "Nämnden ser ett behov av riktlinjen och vill att ansvaret förtydligas."},
                {"Nämnder och styrelser", "Socialnämnd Väst", "avstyrker", "Avstyrker",
                 "Nämnden bedömer att riktlinjen inte går att tillämpa som den är skriven i dag."},
                {"Övriga", "Tullverket", "ej_angiven", "",
                 "Anger att samråd bör ske med myndigheten när en person är frihetsberövad och att "
                 "uppföljningen ska omfatta hotbilden."},
                {"Övriga", "Inköps- och upphandlingsnämnden", "avstyrker", "Avstyrker", ""},
            });
}

TEST_CASE("tables: inside a staff report, ending where the prose begins") {
  const std::string layout =
      "Remissinstanser Motionen har remitterats till två nämnder.\n"
      "\n"
      "Remissinstans                  Beslut Grundskolenämnden              Avstyrker\n"
      "\n"
      "Översänder förvaltningens tjänsteutlåtande som eget yttrande.\n"
      "\n"
      "Yrkande SD\n"
      "\n"
      "Förvaltnings AB Framtiden      Anses besvarad\n"
      "\n"
      "Remissinstansernas överväganden Grundskolenämnden avstyrker motionen med hänvisning till "
      "pågående arbete på området och menar att frågan redan hanteras i befintliga forum.\n";
  Loaded l = from_layout(layout, "staff_report");
  check_rows(rk::parse_compilation(l.doc, l.layout),
             {
                 {"", "Grundskolenämnden", "avstyrker", "Avstyrker",
                  "Översänder förvaltningens tjänsteutlåtande som eget yttrande. Yrkande SD"},
                 {"", "Förvaltnings AB Framtiden", "ej_angiven", "Anses besvarad", ""},
             });
  // A staff report without the header has no table.
  Loaded prose = from_layout("Grundskolenämnden Avstyrker\n\nText.\n", "staff_report");
  CHECK(rk::parse_compilation(prose.doc, prose.layout).empty());
}

TEST_CASE("tables: from passages when there is no layout") {
  rk::Document doc =
      from_passages({"Sammanställning av remissvar", "Remissinstans Beslut Kommentar",
                     "Socialnämnd Öst Tillstyrker Nämnden välkomnar förslaget.",
                     "Grundskolenämnden Avstår från att ta ställning. Nämnden "
                     "bedömer att regelverket inte medger extra ersättning."},
                    "compilation");
  check_rows(
      rk::parse_compilation(doc, ""),
      {
          {"", "Socialnämnd Öst", "tillstyrker", "Tillstyrker", "Nämnden välkomnar förslaget."},
          {"", "Grundskolenämnden", "ej_angiven", "Avstår från att ta ställning.",
           "Nämnden bedömer att regelverket inte medger extra ersättning."},
      });
  auto rows = rk::parse_compilation(doc, "");
  CHECK(rows[0].passage == "doc:p3");
  CHECK(rows[1].passage == "doc:p4");
}

TEST_CASE("office prose: bodies and their decisions, and the traps") {
  struct Row {
    std::string sentence;
    std::vector<std::pair<std::string, std::string>> rows;  // respondent, decision
  };
  const std::vector<Row> rows = {
      {"Grundskolenämnden och utbildningsnämnden avstyrker motionen med hänvisning till "
       "pågående arbete.",
       {{"Grundskolenämnden", "avstyrker"}, {"utbildningsnämnden", "avstyrker"}}},
      {"Socialnämnd Sydväst tillstyrker förslaget.", {{"Socialnämnd Sydväst", "tillstyrker"}}},
      {"Samtliga stadsdelsnämnder tillstyrker förslaget.",
       {{"Samtliga stadsdelsnämnder", "tillstyrker"}}},
      {"Miljö- och klimatnämnden och Norrvik Energi AB avstyrker förslaget.",
       {{"Miljö- och klimatnämnden", "avstyrker"}, {"Norrvik Energi AB", "avstyrker"}}},
      {"Äldre samt vård- och omsorgsnämnden tillstyrker motionen.",
       {{"Äldre samt vård- och omsorgsnämnden", "tillstyrker"}}},
      {"Räddningstjänsten Storgöteborg (RSG), som föreslogs delta, avstyrker med motiveringen "
       "att förbundet inte kan ingå.",
       {{"Räddningstjänsten Storgöteborg (RSG)", "avstyrker"}}},
      {"Av de svarande har 40 tillstyrkt, varav en nämnd (grundskolenämnden) tillstyrker "
       "förslaget under förutsättning att budgeten utökas.",
       {{"grundskolenämnden", "tillstyrker_delvis"}}},
      {"Socialnämnden Hisingen tar inte ställning till förslaget.",
       {{"Socialnämnden Hisingen", "ej_angiven"}}},
      {"Idrottsnämnden har, i samband med beslutet att avstyrka motionen, inte yttrat sig.",
       {{"Idrottsnämnden", "avstyrker"}}},
      {"Kulturnämnden tillstyrker medan fastighetsnämnden avstyrker förslaget.",
       {{"Kulturnämnden", "tillstyrker"}, {"fastighetsnämnden", "avstyrker"}}},
      // Traps.
      {"Lena Ferm (SD) yrkar att motionen ska tillstyrkas.", {}},
      {"Stadsledningskontoret föreslår att motionen avstyrks.", {}},
      {"Ordföranden ställer proposition på att tillstyrka respektive avstyrka motionen.", {}},
      {"Då en klar majoritet tillstyrker remissen går kontoret vidare.", {}},
      {"Flera nämnder tillstyrker förslaget.", {}},
      {"Grundskolenämnden Avstyrker", {}},  // a table row, read by parse_compilation
      {"Socialnämnden anser att våld i nära relationer saknas.", {}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.sentence);
    rk::Document doc =
        from_passages({"Remissinstansernas överväganden", row.sentence}, "staff_report");
    std::vector<std::pair<std::string, std::string>> got;
    for (const auto& r : rk::office_summary(doc)) {
      got.emplace_back(r.respondent, r.decision);
      CHECK(r.comment == row.sentence);
      CHECK(r.passage == "doc:p2");
    }
    CHECK(got == row.rows);
  }
}

TEST_CASE("office prose: only where the office reports the responses") {
  rk::Document doc = from_passages(
      {"Kommunstyrelsens förslag Kommunstyrelsen tillstyrker stadsledningskontorets förslag.",
       "Socialnämnden tillstyrker förslaget.",
       "Remissinstansernas synpunkter Brottsofferjouren avstyrker förslaget. Jouren saknar "
       "ett avsnitt om våld i nära relationer.",
       "Socialnämnd Öst avstyrker förslaget.",
       "Stadsdelsnämnden Väst pekar på brister i finansieringen. Nämnden avstyrker därför.",
       "Brottsofferjouren saknar mål. Nämnden tillstyrker.",
       "Stadsledningskontorets bedömning Kontoret delar bedömningen.",
       "Kulturnämnden avstyrker förslaget."},
      "staff_report");
  auto rows = rk::office_summary(doc);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].respondent == "Brottsofferjouren");
  CHECK(rows[0].decision == "avstyrker");
  CHECK(rows[0].decision_text == "avstyrker");
  CHECK(rows[1].respondent == "Socialnämnd Öst");
  CHECK(rows[1].passage == "doc:p4");
  // "Nämnden" points back to the nämnd named just before, not to the jour.
  CHECK(rows[2].respondent == "Stadsdelsnämnden Väst");
  CHECK(rows[2].decision == "avstyrker");
  CHECK(rows[2].passage == "doc:p5");
}

TEST_CASE("JSON: the issue's shape") {
  rk::CompilationRow row{"Bolag", "Norrvik Energi AB", "tillstyrker", "Tillstyrker", "Bra.",
                         "d:p3"};
  std::ostringstream out;
  rk::to_json(std::vector<rk::CompilationRow>{row})->stringify(out);
  auto parsed = Poco::JSON::Parser().parse(out.str()).extract<Poco::JSON::Array::Ptr>();
  REQUIRE(parsed->size() == 1);
  auto o = parsed->getObject(0);
  CHECK(o->getValue<std::string>("group") == "Bolag");
  CHECK(o->getValue<std::string>("respondent") == "Norrvik Energi AB");
  CHECK(o->getValue<std::string>("decision") == "tillstyrker");
  CHECK(o->getValue<std::string>("decision_text") == "Tillstyrker");
  CHECK(o->getValue<std::string>("comment") == "Bra.");
  CHECK(o->getValue<std::string>("passage") == "d:p3");
}

TEST_CASE("corpus: the compilation against the truth, and its one discrepancy") {
  const fs::path corpus = fs::path(RK_SOURCE_DIR) / "corpus";
  if (!fs::exists(corpus / "expected/responses.json")) {
    MESSAGE("no corpus: skipped");
    return;
  }
  std::ifstream in(corpus / "expected/responses.json");
  auto truth = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
  auto compilation = truth->getObject("compilation");
  std::map<std::string, Loaded> docs;
  std::set<std::string> files;
  auto documents = truth->getArray("documents");
  for (std::size_t i = 0; i < documents->size(); ++i)
    files.insert(documents->getObject(i)->getValue<std::string>("file"));
  for (const std::string& file : files)
    for (Loaded& l : load(corpus / file)) docs[l.doc.id] = std::move(l);

  const Loaded& table = docs.at(compilation->getValue<std::string>("document"));
  REQUIRE(table.doc.kind == "compilation");
  auto rows = rk::parse_compilation(table.doc, table.layout);
  // The office's words as the vocabulary reads them.
  const std::map<std::string, std::string> decision_of = {
      {"Tillstyrker", "tillstyrker"}, {"Tillstyrker med", "tillstyrker_delvis"},
      {"Avstyrker", "avstyrker"},     {"Inga synpunkter", "inga_synpunkter"},
      {"Avstår", "avstar"},           {"Ej ställningstagande", "ej_angiven"}};
  auto expected = compilation->getArray("rows");
  REQUIRE(rows.size() == expected->size());
  CHECK(rows.size() == 14);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto e = expected->getObject(i);
    CAPTURE(e->getValue<std::string>("Remissinstans"));
    CHECK(rows[i].group == e->getValue<std::string>("group"));
    CHECK(rows[i].respondent == e->getValue<std::string>("Remissinstans"));
    CHECK(rows[i].decision == decision_of.at(e->getValue<std::string>("Beslut")));
    CHECK(rows[i].decision_text.rfind(e->getValue<std::string>("Beslut"), 0) == 0);
    CHECK(rows[i].comment == rk::collapse_space(e->getValue<std::string>("Kommentar")));
  }

  // Each row against the response of its body.
  std::vector<rk::ResponseAnalysis> responses;
  for (const auto& [id, l] : docs)
    if (l.doc.kind == "response") responses.push_back(rk::analyse_response(l.doc));
  int matched = 0;
  std::vector<std::string> discrepancies;
  for (const rk::CompilationRow& row : rows) {
    for (const rk::ResponseAnalysis& a : responses) {
      if (!rk::names_body(row, a.respondent.name)) continue;
      ++matched;
      if (a.decision.stance != row.decision) discrepancies.push_back(row.respondent);
      break;
    }
  }
  // Vision's row finds no response: Vision spoke in the central
  // samverkansgrupp, whose protocol is the response.
  CHECK(matched == 13);
  CHECK(discrepancies == std::vector<std::string>{"Utbildningsnämnden"});

  // The staff report's prose agrees with the table where it states a decision.
  const Loaded& report = docs.at("handling-2027-nr-41.03");
  auto prose = rk::office_summary(report.doc);
  CHECK(prose.size() >= 2);
  for (const rk::CompilationRow& p : prose) {
    CAPTURE(p.respondent);
    bool agrees = false;
    for (const rk::CompilationRow& row : rows)
      if (rk::same_body(p.respondent, row.respondent)) agrees = p.decision == row.decision;
    CHECK(agrees);
  }
}

namespace {

// The office's documents of a bundle: each staff report or compilation with
// the parts the splitter cut off it (its table's "Yrkande SD" and
// "Omröstning" lines start parts of their own, taken for party statements).
std::vector<Loaded> office_documents(const fs::path& bundle, const std::vector<Loaded>& parts) {
  rk::ReadResult read = rk::read_document(bundle);
  std::vector<Loaded> out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& kind = parts[i].doc.kind;
    if (kind != "staff_report" && kind != "compilation") continue;
    std::size_t last = i;
    while (last + 1 < parts.size() && parts[last + 1].doc.kind == "statement") ++last;
    Loaded l = from_layout(
        lines_between(read.text, parts[i].doc.line_start, parts[last].doc.line_end), kind);
    l.doc.id = parts[i].doc.id;
    rk::renumber_passages(l.doc);
    out.push_back(std::move(l));
    i = last;
  }
  return out;
}

struct Agreement {
  int rows = 0, matched = 0, agreeing = 0;
};

}  // namespace

TEST_CASE("real bundles: the office's account against the responses' own decisions") {
  const fs::path root = fs::path(RK_SHARED_DIR) / "realdata" / "goteborg";
  if (!fs::exists(root)) {
    MESSAGE("no ../shared/realdata: skipped");
    return;
  }
  std::vector<fs::path> cases;
  for (const auto& e : fs::directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (name.rfind("goteborg-motion-", 0) == 0 ||
        name == "goteborg-hojd-beredskap-riktlinje-2023" ||
        name == "goteborg-avhoppare-riktlinje-2023")
      cases.push_back(e.path());
  }
  std::sort(cases.begin(), cases.end());
  Agreement total;
  int table_rows = 0, prose_rows = 0;
  for (const fs::path& dir : cases) {
    const fs::path bundle = dir / "00-kf-handling-full.txt";
    auto parts = load(bundle);
    std::vector<rk::ResponseAnalysis> responses;
    for (const Loaded& l : parts)
      if (l.doc.kind == "response") responses.push_back(rk::analyse_response(l.doc));
    Agreement a;
    for (const Loaded& office : office_documents(bundle, parts)) {
      auto rows = rk::parse_compilation(office.doc, office.layout);
      table_rows += static_cast<int>(rows.size());
      auto prose = rk::office_summary(office.doc);
      prose_rows += static_cast<int>(prose.size());
      rows.insert(rows.end(), prose.begin(), prose.end());
      for (const rk::CompilationRow& row : rows) {
        ++a.rows;

        // The body's protocol first: a response that states a decision.
        const rk::ResponseAnalysis* match = nullptr;
        for (const rk::ResponseAnalysis& r : responses)
          if (rk::names_body(row, r.respondent.name) &&
              (!match ||
               (match->decision.stance == "ej_angiven" && r.decision.stance != "ej_angiven")))
            match = &r;
        if (!match) continue;
        ++a.matched;
        if (match->decision.stance == row.decision)
          ++a.agreeing;
        else
          MESSAGE(dir.filename().string()
                  << ": office says " << row.respondent << " " << row.decision << " ("
                  << row.decision_text << "), the response of " << match->respondent.name
                  << " says " << match->decision.stance << ": "
                  << match->decision.evidence.text.substr(0, 200));
      }
    }
    MESSAGE(dir.filename().string()
            << ": rows " << a.rows << ", matched " << a.matched << ", agreeing " << a.agreeing
            << " (responses " << responses.size() << ")");
    total.rows += a.rows;
    total.matched += a.matched;
    total.agreeing += a.agreeing;
  }
  double agreement = total.matched ? double(total.agreeing) / total.matched : 0.0;
  MESSAGE("total: rows " << total.rows << " (table " << table_rows << ", prose " << prose_rows
                         << "), matched " << total.matched << ", agreeing " << total.agreeing
                         << ", agreement " << agreement);
  // Measured 2026 on these seven cases: rows 36 (table 28, prose 8),
  // matched 19, agreeing 18 (0.947). The one disagreement is Remisskoll's:
  // Grundskolenämnden "avstår från att ta ställning" (judiska verksamheter),
  // which analyse_response reads as tillstyrker from the vote on a party's
  // motion.
  CHECK(cases.size() == 7);
  CHECK(total.rows >= 34);
  CHECK(table_rows >= 26);
  CHECK(prose_rows >= 7);
  CHECK(total.matched >= 18);
  CHECK(agreement >= 0.89);
}
