// Swedish analysis: stems, compound splits, suspended hyphens, agreement
// with Xapian's TermGenerator, and matching through a configured QueryParser.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/analysis/swedish.hh"

namespace {

using Positions = std::map<std::string, std::vector<Xapian::termpos>>;

const rk::SwedishAnalyzer& sv() { return rk::SwedishAnalyzer::get(); }

Xapian::Document analysed(const std::string& text, Xapian::termpos first = 1) {
  Xapian::Document doc;
  Xapian::termpos pos = first;
  sv().index_text(doc, text, "", pos);
  return doc;
}

// The positional (non-Z) terms of a document with their positions.
Positions positional_terms(const Xapian::Document& doc) {
  Positions out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if ((*t)[0] == 'Z') continue;
    auto& list = out[*t];
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) list.push_back(*p);
  }
  return out;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
  return out;
}

// What Xapian's own TermGenerator makes of `text` (no stemmer).
Positions xapian_terms(const std::string& text, Xapian::termpos* last = nullptr) {
  Xapian::TermGenerator generator;
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(text);
  if (last) *last = generator.get_termpos();
  return positional_terms(doc);
}

}  // namespace

TEST_CASE("definite and plural forms stem like the base form") {
  const std::vector<std::vector<std::string>> groups = {
      {"program", "programmet", "programmen", "programmets"},
      {"policy", "policyn", "policyer", "policys", "policyerna"},
      {"strategi", "strategin", "strategier", "strategierna"},
      {"riktlinje", "riktlinjen", "riktlinjer", "riktlinjerna"},
      {"nämnd", "nämnden", "nämnder", "nämnderna"},
      {"analys", "analysen", "analyser", "analyserna"},
      {"plan", "planen", "planer", "planerna"},
      {"handlingsplan", "handlingsplanen", "handlingsplaner"},
      {"informationssäkerhetspolicy", "informationssäkerhetspolicyn"},
      {"trygghetsprogram", "trygghetsprogrammet"},
  };
  for (const auto& group : groups) {
    for (const auto& word : group) {
      CAPTURE(word);
      CHECK(sv().stem(word) == sv().stem(group.front()));
    }
  }
}

TEST_CASE("å, ä and ö are letters of their own") {
  const std::vector<std::pair<std::string, std::string>> different = {
      {"får", "far"}, {"för", "for"}, {"här", "har"}, {"lån", "lan"}, {"mål", "mal"}};
  for (const auto& [a, b] : different) {
    CAPTURE(a);
    CHECK(sv().stem(a) != sv().stem(b));
  }
}

TEST_CASE("compound splits") {
  using Parts = std::vector<std::string>;
  const std::vector<std::pair<std::string, Parts>> cases = {
      {"informationssäkerhetspolicyn", {"informations", "säkerhets", "policyn"}},
      {"handlingsplanen", {"handlings", "planen"}},
      {"säkerhetsprogram", {"säkerhets", "program"}},
      {"trygghetsprogrammet", {"trygghets", "programmet"}},
      {"krisledningsnämnd", {"kris", "lednings", "nämnd"}},
      {"brottsförebyggande", {"brotts", "förebyggande"}},
      {"sårbarhetsanalyser", {"sårbarhets", "analyser"}},
      {"kommunstyrelsen", {"kommun", "styrelsen"}},
      {"beredskapsfrågor", {"beredskaps", "frågor"}},
      // Not compounds, or lexicalised words that must stay whole.
      {"beredskap", {"beredskap"}},
      {"verksamhet", {"verksamhet"}},
      {"riktlinjen", {"riktlinjen"}},
      {"genomförande", {"genomförande"}},
      {"framtiden", {"framtiden"}},
      {"motsvarande", {"motsvarande"}},
      {"program", {"program"}},
      {"planen", {"planen"}},
      {"göteborg", {"göteborg"}},
      {"posomgrupp", {"posomgrupp"}},
  };
  for (const auto& [word, parts] : cases) {
    CAPTURE(word);
    CHECK(sv().compound_parts(word) == parts);
  }
}

TEST_CASE("compounds add the stems of their parts and spans") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"informationssäkerhetspolicyn",
       {"policy", "säkerhetspolicy", "informationssäkerhet", "säkerhet", "information"}},
      {"handlingsplanen", {"plan", "handling", "handlingsplan"}},
      {"krisledningsnämnden", {"nämnd", "krisledning", "ledning", "kris"}},
  };
  for (const auto& [word, queries] : cases) {
    auto terms = terms_of(analysed(word));
    for (const auto& query : queries) {
      CAPTURE(word);
      CAPTURE(query);
      CHECK(terms.count("Z" + sv().stem(query)) == 1);
    }
  }
}

TEST_CASE("suspended hyphens") {
  struct Case {
    std::string text;
    std::vector<std::pair<std::string, Xapian::termpos>> expected;  // term, position
    std::vector<std::string> absent;
  };
  const std::vector<Case> cases = {
      {"trygghets- och säkerhetsprogram", {{"trygghetsprogram", 1}}, {}},
      {"risk- och sårbarhetsanalyser", {{"riskanalyser", 1}}, {}},
      {"trygghets-, säkerhets- och beredskapsfrågor",
       {{"trygghetsfrågor", 1}, {"säkerhetsfrågor", 2}},
       {}},
      {"informations- eller cybersäkerhet", {{"informationssäkerhet", 1}}, {}},
      // Not coordinated compounds.
      {"psykiskt- och socialt omhändertagande", {}, {"psykisktsocialt", "psykisktomhändertagande"}},
      {"trygghets- och säkerhet", {}, {"trygghetssäkerhet"}},
      {"säker-\nhetsprogram", {}, {"säkerhetsprogram", "säkerprogram"}},
      {"trygghets- men säkerhetsprogram", {}, {"trygghetsprogram"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto positions = positional_terms(analysed(c.text));
    for (const auto& [term, pos] : c.expected) {
      CAPTURE(term);
      REQUIRE(positions.count(term) == 1);
      CHECK(positions[term] == std::vector<Xapian::termpos>{pos});
    }
    for (const auto& term : c.absent) {
      CAPTURE(term);
      CHECK(positions.count(term) == 0);
    }
  }
}

TEST_CASE("hyphenated words keep Xapian's positions and add the joined form") {
  auto positions = positional_terms(analysed("Posom-grupp i GS-IT"));
  CHECK(positions["posom"] == std::vector<Xapian::termpos>{1});
  CHECK(positions["grupp"] == std::vector<Xapian::termpos>{2});
  CHECK(positions["posomgrupp"] == std::vector<Xapian::termpos>{1});
  CHECK(positions["gsit"] == std::vector<Xapian::termpos>{4});
  // Numbers are not joined.
  CHECK(positional_terms(analysed("2023-2026")).count("20232026") == 0);
}

TEST_CASE("positional terms are the ones TermGenerator makes") {
  // Texts without hyphens: exactly the same terms and positions.
  const std::vector<std::string> same = {
      "Kommunfullmäktige antog Informationssäkerhetspolicyn den 12 juni.",
      "AT&T, M&S och U.N. skrev C++ och C# men inte fish+chips.",
      "Nämndens beslut: 3,5 miljoner kr; 1.000 st. Don't l'ami ÅÄÖ åäö é ü.",
      "Ord\u200bmed nollbredd och ’apostrof’ samt x_y och ½ och 5a.",
      std::string(70, 'a') + " lång",
  };
  for (const auto& text : same) {
    CAPTURE(text);
    Xapian::termpos last = 0;
    auto expected = xapian_terms(text, &last);
    Xapian::termpos pos = 1;
    Xapian::Document doc;
    sv().index_text(doc, text, "", pos);
    CHECK(positional_terms(doc) == expected);
    CHECK(pos == last + 1);
  }
}

TEST_CASE("positional terms agree with TermGenerator on real documents") {
  const std::filesystem::path dir = std::filesystem::path(RK_SHARED_DIR) / "realdata/goteborg-kf";
  if (!std::filesystem::exists(dir)) {
    MESSAGE("skipped: " << dir << " not found");
    return;
  }
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt" || ++files > 5) continue;
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str().substr(0, 100000);
    CAPTURE(entry.path());
    Xapian::termpos last = 0;
    auto expected = xapian_terms(text, &last);
    Xapian::termpos pos = 1;
    auto ours = positional_terms([&] {
      Xapian::Document doc;
      sv().index_text(doc, text, "", pos);
      return doc;
    }());
    CHECK(pos == last + 1);
    // Ours adds joined and expanded forms; every Xapian term is there as is.
    for (const auto& [term, positions] : expected) {
      CAPTURE(term);
      REQUIRE(ours.count(term) == 1);
      for (auto p : positions) {
        CHECK(std::binary_search(ours[term].begin(), ours[term].end(), p));
      }
    }
  }
}

TEST_CASE("queries find what the text says") {
  const std::vector<std::string> texts = {
      "Förslaget till informationssäkerhetspolicyn remitteras.",      // 1
      "Nämnden antog handlingsplanen för våren.",                     // 2
      "Stadens trygghets- och säkerhetsprogram beskriver ansvaret.",  // 3
      "Ett program för äldre.",                                       // 4
      "Båten far över sjön.",                                         // 5
      "Kommunen har en Posom-grupp.",                                 // 6
      "Krisledningsnämnden sammanträder vid behov.",                  // 7
      "Risk- och sårbarhetsanalyser görs varje år.",                  // 8
  };
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (const auto& text : texts) {
    Xapian::Document doc;
    Xapian::termpos pos = 1;
    sv().index_text(doc, text, "", pos);
    db.add_document(doc);
  }
  Xapian::QueryParser parser;
  sv().configure(parser);
  parser.set_database(db);
  auto matches = [&](const std::string& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query(query));
    std::set<Xapian::docid> ids;
    for (auto m : enquire.get_mset(0, 100)) ids.insert(m);
    return ids;
  };
  const std::vector<std::pair<std::string, std::set<Xapian::docid>>> cases = {
      {"policy", {1}},
      {"säkerhetspolicy", {1}},
      {"informationssäkerhet", {1}},
      {"plan", {2}},
      {"handlingsplan", {2}},
      {"trygghetsprogram", {3}},
      {"säkerhetsprogrammet", {3}},
      {"programmet", {3, 4}},
      {"får", {}},
      {"far", {5}},
      {"\"antog handlingsplanen\"", {2}},
      {"\"handlingsplanen antog\"", {}},
      {"Posomgrupp", {6}},
      {"posomgrupp", {6}},
      {"Posom-grupp", {6}},
      {"nämnd", {2, 7}},
      {"krisledning", {7}},
      {"riskanalys", {8}},
      {"sårbarhetsanalys", {8}},
  };
  for (const auto& [query, expected] : cases) {
    CAPTURE(query);
    CHECK(matches(query) == expected);
  }
}

TEST_CASE("explain_word gives the analysis in one line") {
  std::string line = sv().explain_word("Informationssäkerhetspolicyn");
  CHECK(line.find("informationssäkerhetspolicyn -> stem informationssäkerhetspolicy") == 0);
  CHECK(line.find("parts informations|säkerhets|policyn") != std::string::npos);
  CHECK(line.find(" Zpolicy") != std::string::npos);
  CHECK(line.find('\n') == std::string::npos);
}
