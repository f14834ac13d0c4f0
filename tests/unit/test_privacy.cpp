// Personal data: detection, and its use end to end (index, show, search,
// compile, report, serve). Identity numbers are from the Swedish tax
// agency's test series (serial numbers 98x, as in its example 811218-9876)
// or are made invalid on purpose; never real ones. Phone numbers and
// addresses are invented.
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/privacy/privacy.hh"
#include "query/cli.hh"
#include "query/search.hh"
#include "query/server.hh"
#include "temp_index.hh"

using rk::privacy::Kind;

namespace {

struct Found {
  std::string text;
  Kind kind;
  bool operator==(const Found&) const = default;
};

std::vector<Found> found(const std::string& text) {
  std::vector<Found> out;
  for (const auto& span : rk::privacy::find_personal_data(text))
    out.push_back({text.substr(span.begin, span.end - span.begin), span.kind});
  return out;
}

}  // namespace

TEST_CASE("identity numbers: shapes, check digit, date, samordningsnummer") {
  const struct {
    const char* text;
    bool valid;
    Kind kind;
  } cases[] = {
      {"811218-9876", true, Kind::personnummer},       {"8112189876", true, Kind::personnummer},
      {"19811218-9876", true, Kind::personnummer},     {"198112189876", true, Kind::personnummer},
      {"811218+9876", true, Kind::personnummer},        // over 100 years old
      {"811278-9873", true, Kind::samordningsnummer},   // day 18 + 60
      {"811218-9875", false, Kind::personnummer},       // wrong check digit
      {"811318-9875", false, Kind::personnummer},       // month 13, check digit right
      {"811292-9875", false, Kind::samordningsnummer},  // day 32 + 60
      {"811218-987", false, Kind::personnummer},        // too short
      {"811218 9876", false, Kind::personnummer},       // not one of the shapes
      {"19121212-1212", true, Kind::personnummer},      // the tax agency's "Tolvan"
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    Kind kind = Kind::email;
    CHECK(rk::privacy::is_identity_number(c.text, &kind) == c.valid);
    if (c.valid) CHECK(kind == c.kind);
  }
}

TEST_CASE("find_personal_data: numbers, phones and addresses in running text") {
  const struct {
    std::string text;
    std::vector<Found> expected;
  } cases[] = {
      {"Sökande: 19811218-9876, Storgatan 1.", {{"19811218-9876", Kind::personnummer}}},
      {"samordningsnummer 811278-9873.", {{"811278-9873", Kind::samordningsnummer}}},
      {"Kontakt: 031-365 00 00 eller 070-123 45 67.",
       {{"031-365 00 00", Kind::phone}, {"070-123 45 67", Kind::phone}}},
      {"Ring 08-123 456 78 eller +46 (0)31 365 00 00.",
       {{"08-123 456 78", Kind::phone}, {"+46 (0)31 365 00 00", Kind::phone}}},
      {"Mobil +46701234567.", {{"+46701234567", Kind::phone}}},
      {"Handläggare: anna.andersson@stadshuset.testby.se.",
       {{"anna.andersson@stadshuset.testby.se", Kind::email}}},
      {"Skriv till registrator@testby.se eller ring 031 - 365 00 00.",
       {{"registrator@testby.se", Kind::email}, {"031 - 365 00 00", Kind::phone}}},
      // Not personal data: dates, years, case numbers, amounts, wrong check digits.
      {"Beslut 2023-05-02 i ärende KS-2023-0123, 12 345 000 kronor.", {}},
      {"Programmet gäller 2019-2022 och ersätter SFS 2018:218.", {}},
      {"Order 1234567890123 och 811218-9875.", {}},
      {"Tabell 0 5 10 15 och kod 0,5.", {}},
      {"Tid 00 01 02 03 04 05 06, källa (den 05 09 2022), 1 025 000 000 kronor.", {}},
      {"E-post: ingen@, @testby.se och a@b.", {}},
      // Shapes seen in real council bundles (numbers invented): a mobile number
      // without separators that would also be a valid personnummer, the
      // subscriber number in one group, spaced hyphens and dashes.
      {"Mobil 0701234569.", {{"0701234569", Kind::phone}}},
      {"Personnummer 070123-4569.", {{"070123-4569", Kind::personnummer}}},
      {"Telefon 031-3650000 eller 0300-123456.",
       {{"031-3650000", Kind::phone}, {"0300-123456", Kind::phone}}},
      {"Ring 031- 3650000, 031\u2013365 00 00 eller 0303 -12 34 56.",
       {{"031- 3650000", Kind::phone},
        {"031\u2013365 00 00", Kind::phone},
        {"0303 -12 34 56", Kind::phone}}},
      // A UUID, digits glued to letters in a broken text layer, a decimal.
      {"BankID refno: 01234567-abcd-4ef0, 0123456789\u00e9 och 031.12345678.", {}},
      {"Felkod \u00e9012345678 och 0312345678\u00ff.", {}},
      {"Telefon: 031-365 00 47/031-365 00 36.",
       {{"031-365 00 47", Kind::phone}, {"031-365 00 36", Kind::phone}}},
      {"Diarienummer 0133-24 2025-06-16; halter 0,012 23000 och 0,015 61000 mg/l.", {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(found(c.text) == c.expected);
  }
}

TEST_CASE("redact: each span becomes its kind in brackets, the rest stays") {
  const struct {
    const char* text;
    const char* redacted;
  } cases[] = {
      {"Anna (811218-9876) nås på 031-365 00 00 och anna@testby.se.",
       "Anna ([personnummer]) nås på [telefonnummer] och [e-post]."},
      {"Samordningsnummer 811278-9873 saknas.", "Samordningsnummer [samordningsnummer] saknas."},
      {"Inget att dölja här.", "Inget att dölja här."},
      {"", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(rk::privacy::redact(c.text) == c.redacted);
  }
}

// ---- end to end: index, show, search, compile, report, serve -------------

namespace {

namespace fs = std::filesystem;

// A program and a response to it, invented, carrying a personnummer and a
// samordningsnummer from the test series, a phone number and an address.
struct Corpus {
  rk::test::TempDir input;
  std::unique_ptr<rk::test::IndexedTree> tree;
  std::string db;
  Corpus() {
    fs::create_directories(input.path / "program");
    fs::create_directories(input.path / "remissvar");
    std::ofstream(input.path / "manifest.ini") << "[program/testprogram.txt]\n"
                                                  "id = testprogram\n"
                                                  "title = Trygghetsprogram för Testby 2030\n"
                                                  "kind = program\n"
                                                  "author = Kommunstyrelsen\n"
                                                  "date = 2029-09-15\n\n"
                                                  "[remissvar/svar-testnamnden.txt]\n"
                                                  "id = svar-testnamnden\n"
                                                  "kind = response\n"
                                                  "author = Testnämnden\n"
                                                  "date = 2029-10-20\n"
                                                  "responds_to = testprogram\n";
    std::ofstream(input.path / "program" / "testprogram.txt")
        << "Trygghetsprogram för Testby 2030\n\n1. Inledning\n\n"
           "Programmet beskriver hur Testby stad arbetar med trygghet, krisstöd och samverkan\n"
           "mellan förvaltningarna under perioden 2030-2033.\n\n2. Kontakt\n\n"
           "Frågor om programmet besvaras av handläggaren Anna Testsson, telefon 031-365 00 00,\n"
           "e-post anna.testsson@testby.se. Programmet beslutades 2029-09-15 i ärende "
           "KS-2029-0123.\n";
    std::ofstream(input.path / "remissvar" / "svar-testnamnden.txt")
        << "Testnämnden\nYttrande över Trygghetsprogram för Testby 2030\n\n"
           "Nämndens beslut\n\nTestnämnden tillstyrker förslaget med följande synpunkter.\n\n"
           "Synpunkter\n\n"
           "Programmet saknar en beskrivning av hemtjänstbiståndet för den enskilde med\n"
           "personnummer 19811218-9876, som har påtalat bristen i en skrivelse till nämnden.\n\n"
           "Programmet saknar också stöd för personer med samordningsnummer, till exempel\n"
           "811278-9873, som ännu inte är folkbokförda i Testby.\n\n"
           "Nämnden föreslår att kontaktuppgifterna kompletteras; synpunkter kan lämnas till\n"
           "registrator.testnamnden@testby.se eller 031-366 12 34.\n";
    tree = std::make_unique<rk::test::IndexedTree>(input.path);
    db = (tree->tmp.path / "db").string();
  }
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

// What a command printed on standard output, and its exit status.
struct Printed {
  int status;
  std::string out;
};

Printed run(rk::cli::Command command, std::vector<std::string> argv) {
  std::ostringstream out, err;  // err: "Skrev FIL" and the like, not checked
  struct Restore {
    std::ostream& stream;
    std::streambuf* old;
    ~Restore() { stream.rdbuf(old); }
  } restore_out{std::cout, std::cout.rdbuf(out.rdbuf())},
      restore_err{std::cerr, std::cerr.rdbuf(err.rdbuf())};
  argv.insert(argv.begin(), {"--db", corpus().db});
  const int status = command(argv);
  return {status, out.str()};
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

const std::vector<std::string> kAllNumbers = {"19811218-9876", "811278-9873", "031-366 12 34",
                                              "registrator.testnamnden@testby.se"};
const std::vector<std::string> kIdentityDigits = {"19811218", "9876", "811278", "9873"};

}  // namespace

TEST_CASE("index: each passage's personal data stored with its kind and byte offsets") {
  const auto shown = run(rk::cli::cmd_show, {"--json", "svar-testnamnden"});
  REQUIRE(shown.status == 0);
  Poco::JSON::Parser parser;
  auto doc = parser.parse(shown.out).extract<Poco::JSON::Object::Ptr>()->getObject("document");
  std::map<std::string, std::string> texts;
  auto sections = doc->getArray("sections");
  for (std::size_t i = 0; i < sections->size(); ++i) {
    auto ps = sections->getObject(static_cast<unsigned>(i))->getArray("passages");
    for (std::size_t j = 0; j < ps->size(); ++j) {
      auto p = ps->getObject(static_cast<unsigned>(j));
      texts[p->getValue<std::string>("id")] = p->getValue<std::string>("text");
    }
  }
  struct Stored {
    std::string kind, passage, text;
    bool operator==(const Stored&) const = default;
  };
  std::vector<Stored> stored;
  auto spans = doc->getArray("personal_data");
  REQUIRE(spans);
  for (std::size_t i = 0; i < spans->size(); ++i) {
    auto s = spans->getObject(static_cast<unsigned>(i));
    const std::string passage = s->getValue<std::string>("passage");
    const auto begin = s->getValue<std::size_t>("begin"), end = s->getValue<std::size_t>("end");
    REQUIRE(end <= texts[passage].size());
    stored.push_back(
        {s->getValue<std::string>("kind"), passage, texts[passage].substr(begin, end - begin)});
  }
  const std::vector<Stored> expected = {
      {"personnummer", "svar-testnamnden:p3", "19811218-9876"},
      {"samordningsnummer", "svar-testnamnden:p4", "811278-9873"},
      {"email", "svar-testnamnden:p5", "registrator.testnamnden@testby.se"},
      {"phone", "svar-testnamnden:p5", "031-366 12 34"},
  };
  CHECK(stored == expected);
}

TEST_CASE("show: marks personal data in the text; --redact replaces it") {
  const struct {
    std::vector<std::string> argv;
    std::vector<std::string> present, absent;
  } cases[] = {
      {{"svar-testnamnden"},
       {"⟦personnummer: 19811218-9876⟧", "⟦samordningsnummer: 811278-9873⟧",
        "⟦telefonnummer: 031-366 12 34⟧", "⟦e-post: registrator.testnamnden@testby.se⟧",
        "Personuppgifter: 4"},
       {}},
      {{"--redact", "svar-testnamnden"},
       {"[personnummer]", "[samordningsnummer]", "[telefonnummer]", "[e-post]"},
       kAllNumbers},
      {{"--redact", "--json", "svar-testnamnden"},
       {"[personnummer]", "\"personal_data\"", "\"begin\""},
       kAllNumbers},
      {{"--json", "testprogram"}, {"\"kind\": \"phone\"", "\"kind\": \"email\""}, {"⟦"}},
  };
  for (const auto& c : cases) {
    CAPTURE(joined(c.argv));
    const auto shown = run(rk::cli::cmd_show, c.argv);
    CHECK(shown.status == 0);
    for (const auto& p : c.present) CHECK_MESSAGE(contains(shown.out, p), p);
    for (const auto& a : c.absent) CHECK_MESSAGE(!contains(shown.out, a), a);
  }
}

TEST_CASE("search: a hit never shows an identity number; personuppgift: filters") {
  const auto db = corpus().tree->db();
  const struct {
    std::string query;
    std::vector<std::string> passages;
    std::string shown;  // in the snippet
  } cases[] = {
      {"hemtjänstbiståndet", {"svar-testnamnden:p3"}, "[personnummer]"},
      {"folkbokförda", {"svar-testnamnden:p4"}, "[samordningsnummer]"},
      {"19811218", {"svar-testnamnden:p3"}, "[personnummer]"},           // found, not shown
      {"kontaktuppgifterna", {"svar-testnamnden:p5"}, "031-366 12 34"},  // phones are shown
      {"personuppgift:personnummer", {"svar-testnamnden:p3"}, "[personnummer]"},
      {"personuppgift:phone", {"svar-testnamnden:p5", "testprogram:p3"}, ""},
      {"personuppgift:email typ:program", {"testprogram:p3"}, "anna.testsson@testby.se"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    rk::SearchRequest req;
    req.query = c.query;
    const auto res = rk::search(db, req);
    std::vector<std::string> passages;
    for (const auto& h : res.hits) {
      passages.push_back(h.passage);
      for (const auto& d : kIdentityDigits) {
        CHECK_MESSAGE(!contains(h.snippet, d), d);
        CHECK_MESSAGE(!contains(h.text, d), d);
      }
    }
    std::sort(passages.begin(), passages.end());
    CHECK(passages == c.passages);
    if (!res.hits.empty()) CHECK(contains(res.hits.front().snippet, c.shown));
  }
}

TEST_CASE("search --redact: phone numbers and e-mail addresses are replaced too") {
  const auto db = corpus().tree->db();
  const struct {
    std::string query;
    std::string shown, hidden;  // in the first hit's snippet and text
  } cases[] = {
      {"kontaktuppgifterna", "[telefonnummer]", "031-366 12 34"},
      {"personuppgift:email typ:program", "[e-post]", "anna.testsson@testby.se"},
      {"hemtjänstbiståndet", "[personnummer]", "19811218"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    rk::SearchRequest req;
    req.query = c.query;
    req.redact = true;
    const auto res = rk::search(db, req);
    REQUIRE(!res.hits.empty());
    CHECK(contains(res.hits.front().snippet, c.shown));
    CHECK(!contains(res.hits.front().snippet, c.hidden));
    CHECK(!contains(res.hits.front().text, c.hidden));
  }
}

TEST_CASE("compile and report: --redact replaces personal data, without it all is shown") {
  rk::test::TempDir out;
  const std::string report = (out.path / "rapport").string();
  const struct {
    rk::cli::Command command;
    std::vector<std::string> argv;
    bool redacted;
    std::string file;  // read the output from here, not from stdout
  } cases[] = {
      {rk::cli::cmd_compile, {"--program", "testprogram"}, false, ""},
      {rk::cli::cmd_compile, {"--program", "testprogram", "--redact"}, true, ""},
      {rk::cli::cmd_compile, {"--program", "testprogram", "--json", "--redact"}, true, ""},
      {rk::cli::cmd_compile, {"--program", "testprogram", "--csv", "--redact"}, true, ""},
      {rk::cli::cmd_compile,
       {"--program", "testprogram", "--format", "html", "--redact"},
       true,
       ""},
      {rk::cli::cmd_report,
       {"--program", "testprogram", "--format", "json", "--out", report + ".json"},
       false,
       report + ".json"},
      {rk::cli::cmd_report,
       {"--program", "testprogram", "--format", "json", "--out", report + "-r.json", "--redact"},
       true,
       report + "-r.json"},
      {rk::cli::cmd_report,
       {"--program", "testprogram", "--format", "html", "--out", report + ".html", "--redact"},
       true,
       report + ".html"},
  };
  for (const auto& c : cases) {
    CAPTURE(joined(c.argv));
    const auto printed = run(c.command, c.argv);
    CHECK(printed.status == 0);
    const std::string text = c.file.empty() ? printed.out : read_file(c.file);
    if (c.redacted) {
      for (const auto& n : kAllNumbers) CHECK_MESSAGE(!contains(text, n), n);
      CHECK(contains(text, "[personnummer]"));
    } else {
      for (const auto& n : kAllNumbers) CHECK_MESSAGE(contains(text, n), n);
    }
  }
}

TEST_CASE("serve --redact: pages, answers and downloads in text carry no personal data") {
  rk::ServeOptions plain;
  plain.db = corpus().db;
  rk::ServeOptions redacting = plain;
  redacting.redact = true;
  const struct {
    std::string uri, placeholder;
  } cases[] = {
      {"/doc/svar-testnamnden", "[telefonnummer]"},
      {"/program/testprogram", "[telefonnummer]"},
      {"/?q=kontaktuppgifterna", "[telefonnummer]"},
      {"/api/doc/svar-testnamnden", "[telefonnummer]"},
      {"/api/compile?program=testprogram", "[telefonnummer]"},
      {"/compilation/testprogram?format=csv", "[telefonnummer]"},
      {"/report/testprogram?format=md", "\\[telefonnummer\\]"},  // Markdown escapes brackets
  };
  for (const auto& [uri, placeholder] : cases) {
    CAPTURE(uri);
    const auto r = rk::handle_request(redacting, uri);
    CHECK(r.status == 200);
    for (const auto& n : kAllNumbers) CHECK_MESSAGE(!contains(r.body, n), n);
    CHECK(contains(r.body, placeholder));
    CHECK(contains(rk::handle_request(plain, uri).body, "031-366 12 34"));
  }
}
