// Table-driven tests of the normaliser: dehyphenation, page furniture,
// bullets, pages and line ranges, headings, robustness, and invariants on
// the real Göteborg council bundles (read at run time, never copied).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "indexer/core/text.hh"
#include "indexer/normalise/normalise.hh"

namespace {

using rk::Block;
using rk::BlockKind;

std::string all_text(const std::vector<Block>& blocks) {
  std::string out;
  for (const Block& b : blocks) out += b.text + "\n";
  return out;
}

// Words as runs of ASCII letters and non-ASCII bytes (å, ä, ö are UTF-8).
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalpha(u)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(word);
  return words;
}

// "säker- hetsprogram" pairs in a block: the word before a "- " and the
// letters after it.
std::vector<std::string> dangling_joins(std::string_view text) {
  std::vector<std::string> joins;
  for (std::size_t hit = text.find("- "); hit != std::string_view::npos;
       hit = text.find("- ", hit + 1)) {
    std::vector<std::string> left =
        words_of(text.substr(hit > 64 ? hit - 64 : 0, std::min<std::size_t>(hit, 64)));
    std::vector<std::string> right = words_of(text.substr(hit + 2, 64));
    bool glued =
        hit > 0 && text[hit - 1] != ' ' && !std::isdigit(static_cast<unsigned char>(text[hit - 1]));
    if (!glued || left.empty() || right.empty() ||
        text.substr(hit + 2, right[0].size()) != right[0])
      continue;
    joins.push_back(left.back() + right.front());
  }
  return joins;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("line-end hyphens are joined, kept or suspended using the document's words") {
  struct Case {
    const char* input;     // the first paragraph holds the break
    const char* expected;  // the text of that paragraph
  };
  const Case cases[] = {
      // joined: the joined word occurs elsewhere
      {"Ett nytt säker-\nhetsprogram antas.\n\nSäkerhetsprogram gäller.",
       "Ett nytt säkerhetsprogram antas."},
      // joined: the parts are not both words of their own
      {"Det är funge-\nrande.", "Det är fungerande."},
      // suspended hyphens
      {"Ett trygghets-\noch säkerhetsprogram.", "Ett trygghets- och säkerhetsprogram."},
      {"Alla risk-\neller sårbarhetsanalyser.", "Alla risk- eller sårbarhetsanalyser."},
      {"Stöd för psykiskt-\noch socialt omhändertagande.",
       "Stöd för psykiskt- och socialt omhändertagande."},
      {"Både bredd-\nsom elitidrott.", "Både bredd- som elitidrott."},
      {"Se avsnitt 3-\nrespektive 4.", "Se avsnitt 3- respektive 4."},
      // real hyphenated words: the hyphenated form occurs elsewhere
      {"En Posom-\ngrupp finns.\n\nVarje Posom-grupp leds.", "En Posom-grupp finns."},
      // acronyms and digits keep the hyphen and join without a space
      {"Kontakta GS-\nIT i tid.", "Kontakta GS-IT i tid."},
      {"Planen gäller 2023-\n2026 i staden.", "Planen gäller 2023-2026 i staden."},
      {"Beslutad 2012-06-\n07 av nämnden.", "Beslutad 2012-06-07 av nämnden."},
      {"Under 2030-\ntalet ska det ske.", "Under 2030-talet ska det ske."},
      // both parts are words and the compound is unseen: a real compound
      {"Om miljö-\npåverkan.\n\nMiljö och påverkan.", "Om miljö-påverkan."},
      // a capital after the break: "Stor-Göteborg"
      {"I Stor-\nGöteborg bor många.", "I Stor-Göteborg bor många."},
      // a dash with a space before it is not a break
      {"Detta -\nockså.", "Detta - också."},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.input));
    auto blocks = rk::normalise_layout_text(c.input);
    REQUIRE(!blocks.empty());
    CHECK(blocks[0].text == c.expected);
  }
}

TEST_CASE("hyphens left mid-line by a reflowing extractor join only on evidence") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"Ett säker- hetsprogram.\n\nSäkerhetsprogram.", "Ett säkerhetsprogram."},
      {"Risk- och sårbarhetsanalys.", "Risk- och sårbarhetsanalys."},
      {"Vården kan vård- förebyggas.", "Vården kan vård- förebyggas."},  // no evidence: untouched
      {"En Posom-grupp finns.", "En Posom-grupp finns."},                // already correct
      {"Inom ANDTS- förebyggande arbete.", "Inom ANDTS-förebyggande arbete."},
      {"Se Posom- grupp.\n\nVarje Posom-grupp leds.", "Se Posom-grupp."},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.input));
    auto blocks = rk::normalise_layout_text(c.input);
    REQUIRE(!blocks.empty());
    CHECK(blocks[0].text == c.expected);
  }
}

TEST_CASE("decide_hyphen_break follows the vocabulary") {
  rk::Vocabulary vocabulary(
      "säkerhetsprogram Posom-grupp miljö påverkan säker- hetsprogram2 vård "
      "trygghets-\nsäkerhet");
  struct Case {
    const char* before;
    const char* after;
    bool line_end;
    rk::HyphenBreak expected;
  };
  const Case cases[] = {
      {"ett säker", "hetsprogram antas", true, rk::HyphenBreak::join},
      {"ett säker", "hetsprogram antas", false, rk::HyphenBreak::join},
      {"trygghets", "och säkerhet", true, rk::HyphenBreak::keep},
      {"en Posom", "grupp", true, rk::HyphenBreak::hyphen},
      {"GS", "IT", true, rk::HyphenBreak::hyphen},
      {"2023", "2026", true, rk::HyphenBreak::hyphen},
      {"om miljö", "påverkan", true, rk::HyphenBreak::hyphen},
      {"om miljö", "påverkan", false, rk::HyphenBreak::keep},
      {"funge", "rande", true, rk::HyphenBreak::join},
      {"funge", "rande", false, rk::HyphenBreak::keep},
      {"slut.", "ny", true, rk::HyphenBreak::keep},
  };
  for (const Case& c : cases) {
    CAPTURE(c.before);
    CAPTURE(c.after);
    CHECK(rk::decide_hyphen_break(vocabulary, c.before, c.after, c.line_end) == c.expected);
  }
  // The fragments of a break are not evidence of their own.
  CHECK(vocabulary.word("säker") == 0);
  CHECK(vocabulary.word("hetsprogram2") == 0);
  CHECK(vocabulary.word("säkerhet") == 0);
  CHECK(vocabulary.word("vård") == 1);
  CHECK(vocabulary.hyphenated("posom-grupp") == 1);
}

TEST_CASE("page-number lines") {
  struct Case {
    const char* line;
    bool expected;
  };
  const Case cases[] = {
      {"12", true},           {"3 (14)", true},           {"4(12)", true},
      {"Sida 1 av 2", true},  {"  Sida 10 av 13 ", true}, {"- 7 -", true},
      {"Sida 3 av 2", false}, {"3 (2021)", false},        {"12 (108) kr", false},
      {"Sida", false},        {"2023-08-18", false},      {"Kapitel 3", false},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.line));
    CHECK(rk::is_page_number_line(c.line) == c.expected);
  }
}

TEST_CASE("running headers and footers are removed") {
  struct Case {
    std::string input;
    std::vector<std::string> gone;  // must not occur in any block
    std::vector<std::string> kept;  // must occur in some block
  };
  const std::string kBody[] = {"Planen ska följas upp varje år.", "Nämnderna ansvarar för arbetet.",
                               "Stycke om finansiering."};
  std::string paged;
  for (int page = 1; page <= 3; ++page) {
    if (page > 1) paged += "\f";
    paged += "Göteborgs Stad Kommunstyrelsen, tjänsteutlåtande\n\n" + kBody[page - 1] +
             "\n\nGöteborgs Stad Kommunfullmäktige, protokoll\n\n" + std::to_string(page) +
             " (3)\n";
  }
  std::string unpaged;
  for (int page = 1; page <= 3; ++page) {
    unpaged += "Sida " + std::to_string(page) +
               " av 3 STYRELSEN FÖR BOLAGET\n\nSammanträde: 2024-08-0" + std::to_string(page) +
               " Dnr 24-0309\n\n" + kBody[page - 1] + "\n\n";
  }
  const Case cases[] = {
      {paged,
       {"tjänsteutlåtande", "protokoll", "(3)"},
       {"Planen ska följas upp varje år.", "Stycke om finansiering."}},
      {unpaged, {"Sida", "STYRELSEN", "Sammanträde"}, {"Nämnderna ansvarar för arbetet."}},
      // a page number glued to the end of a text line
      {"Givet att det är den enda 3(12)\n\nNästa stycke.",
       {"3(12)"},
       {"Givet att det är den enda"}},
      // a body line repeated away from page edges stays
      {"Inledning text.\n\nA.\n\nB.\n\nC.\n\nD.\n\nKommunstyrelsen\n\nE.\n\nF.\n\nG.\n\nH.\n\n"
       "Kommunstyrelsen\n\nI.\n\nJ.\n\nK.\n\nL.\n\nKommunstyrelsen\n\nM.\n\nN.\n\nO.\n\nP.",
       {},
       {"Kommunstyrelsen"}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.input));
    std::string text = all_text(rk::normalise_layout_text(c.input));
    for (const std::string& g : c.gone) CHECK(text.find(g) == std::string::npos);
    for (const std::string& k : c.kept) CHECK(text.find(k) != std::string::npos);
  }
}

TEST_CASE("pages and line ranges") {
  const char* text =
      "Första stycket\nfortsätter här.\n\n\fAndra sidan\n\nTredje\nstycket.\n\f\nFjärde sidan.";
  auto blocks = rk::normalise_layout_text(text);
  struct Expect {
    const char* text;
    int page, first, last;
  };
  const Expect expected[] = {
      {"Första stycket fortsätter här.", 1, 1, 2},
      {"Andra sidan", 2, 4, 4},
      {"Tredje stycket.", 2, 6, 7},
      {"Fjärde sidan.", 3, 9, 9},
  };
  REQUIRE(blocks.size() == std::size(expected));
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    CAPTURE(i);
    CHECK(blocks[i].text == expected[i].text);
    CHECK(blocks[i].page == expected[i].page);
    CHECK(blocks[i].line_start == expected[i].first);
    CHECK(blocks[i].line_end == expected[i].last);
  }
}

TEST_CASE("bullets and enumerations become list items") {
  struct Case {
    const char* input;
    std::vector<std::string> items;  // list items in order
  };
  const Case cases[] = {
      {"\xEF\x82\xB7 stadens arbete\n\xEF\x82\xB7 skolans arbete",
       {"stadens arbete", "skolans arbete"}},
      {"• första punkten\n  som fortsätter\n• andra", {"första punkten som fortsätter", "andra"}},
      {"\xEF\x82\xA7 en\n– två\n- tre\n* fyra\no fem", {"en", "två", "tre", "fyra", "fem"}},
      {"1. Redovisningen antecknas.\n2. Policyn upphör att gälla.",
       {"1. Redovisningen antecknas.", "2. Policyn upphör att gälla."}},
      {"a) förtydliga värdet\nb) förtydliga ansvaret",
       {"a) förtydliga värdet", "b) förtydliga ansvaret"}},
      // bullets glued on one line by the extractor
      {"Insatser: •    PM Bergbesiktning 2016 •    Utlåtande block",
       {"PM Bergbesiktning 2016", "Utlåtande block"}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.input));
    std::vector<std::string> items;
    for (const Block& b : rk::normalise_layout_text(c.input)) {
      if (b.kind == BlockKind::list_item) items.push_back(b.text);
    }
    CHECK(items == c.items);
  }
  // Not bullets: a hyphen inside a word, a year, "o" as part of a word.
  for (const char* text : {"-talet var svårt.", "2023 var ett år.", "om detta"}) {
    CAPTURE(text);
    auto blocks = rk::normalise_layout_text(text);
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].kind == BlockKind::paragraph);
  }
}

TEST_CASE("standalone headings") {
  struct Case {
    const char* line;
    int level;
  };
  const Case cases[] = {
      {"1 Inledning", 1},
      {"3.2 Jämställdhet", 2},
      {"6.1 Risk- och sårbarhetsanalys", 2},
      {"6.1.3. Uppföljning av mål", 3},
      {"Bilaga 2", 1},
      {"Bilaga 3: Sammanställning av remissvar", 1},
      {"Sammanfattning", 2},
      {"Förvaltningens förslag till beslut", 2},
      {"Förslag till beslut:", 2},
      {"ÄRENDETS BEREDNING", 2},
      {"STYRELSEN FÖR BOLAGET", 1},
      {"Jonas Attenius", 0},
      {"1. Redovisningen antecknas.", 0},
      {"12 (108)", 0},
      {"2023-08-18", 0},
      {"26 Avsiktsförklaring om bostäder, 2019", 0},
      {"3 Ökad gymnasiebehörighet     Andel     5 (2021)", 0},
      {"100 Personer i boende", 0},
      {"3 Nej-röster: Anna Andersson (M)", 0},
      {"Bilaga 2 Ärende: 14", 0},
      {"GS-IT", 0},
      {"Sammanfattningsvis är planen bra.", 0},
      // colon numbering of insatser, with or without their label
      {"7:1 Lokala lägesbilder", 2},
      {"Insats 4:2 Stärkt samverkan i skolan", 2},
      {"Åtgärd 2:10 Ny belysning i parker", 2},
      {"2:3 Sittplats ska finnas i entrén.", 0},  // a numbered rule, a sentence
      {"13:05 Lunch", 0},                         // a time of day
      {"2018:585 Lagen", 0},                      // an SFS number
      // table of contents lines with dot leaders
      {"1 Inledning ............ 3", 0},
      {"2.1 Bakgrund \xE2\x80\xA6\xE2\x80\xA6 4", 0},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.line));
    CHECK(rk::standalone_heading_level(c.line) == c.level);
  }
}

TEST_CASE("headings found in context") {
  struct Case {
    std::string input;
    std::vector<std::string> headings;
  };
  const char* body = "Stadsledningskontoret har tagit fram ett förslag till ny plan för staden.";
  const Case cases[] = {
      // glued to the first sentence of its paragraph
      {"Sammanfattning Stadsledningskontoret har tagit fram ett förslag.", {"Sammanfattning"}},
      {"Förvaltningens förslag till beslut Nämnden tillstyrker förslaget i sin helhet.",
       {"Förvaltningens förslag till beslut"}},
      {"Bilagor 1. Protokollsutdrag 2. Remissvar från nämnderna", {"Bilagor"}},
      // a lower-case word after it: a sentence, not a heading
      {"Bedömning av kriterierna görs av nämnden varje år.", {}},
      // a short line before a paragraph of running text
      {std::string("Stadens arbete med avhoppare\n\n") + body, {"Stadens arbete med avhoppare"}},
      // a signature, a letterhead, a flattened table row, a date: not headings
      {std::string("Jonas Attenius\n\n") + body, {}},
      {std::string("Miljö- och klimatnämnden\n\n") + body, {}},
      {std::string("Idrotts- och föreningsnämnden          Avstyrker\n\n") + body, {}},
      {std::string("2023-08-18\n\n") + body, {}},
      // what a colon announced
      {std::string("Kommunstyrelsen föreslår att fullmäktige beslutar:\n\nMotionen bifalles\n\n") +
           body,
       {}},
      // a known heading inside wrapped text without blank lines
      {"§ 11 Redovisning av uppdrag\nBeslut\n\nEnligt kommunstyrelsens förslag.", {"Beslut"}},
      // a numbered heading right before its text
      {"3.2 Jämställdhet\nStaden ska arbeta för jämställdhet.", {"3.2 Jämställdhet"}},
      // numbered line inside a running sentence stays in it
      {"Under året ökade antalet med\n12 Procent av alla", {}},
      // a numbered heading glued to its first sentence
      {"4.2 Trygghet Boende i området känner sig tryggare än förr.", {"4.2 Trygghet"}},
      {"5.1 Skolan I skolan arbetar alla med trygghet varje dag.", {"5.1 Skolan"}},
      // a name the text capitalises mid-sentence belongs to the heading
      {"2.1 Samverkan med Kustbevakningen Staden och myndigheten ses varje år.\n\n"
       "Vi har samverkat med Kustbevakningen i hamnen sedan länge.",
       {"2.1 Samverkan med Kustbevakningen"}},
      {"Insats 1:4 Stöd i samverkan med Region Väst Staden ska ge stöd till de drabbade.\n\n"
       "Arbetet sker tillsammans med Region Väst och polisen varje år.",
       {"1:4 Stöd i samverkan med Region Väst"}},
      {"Åtgärd 3:2 Bättre belysning Parkerna ska få ny belysning under året.",
       {"3:2 Bättre belysning"}},
      // not glued headings: an agreement's clause, a footnote, running text
      {"1.2. Med Parterna avses kommunen och bolaget i detta avtal.", {}},
      {"2 Se Länsstyrelsens rapport om detta från i fjol.", {}},
      {"3.4 Arbetet ska följas upp varje år av nämnden.", {}},
      {"1 Lag (2020:100) om skydd för vatten i kommunerna.", {}},
      {"24 timmar. Anmälan ska göras inom ett dygn av den som upptäcker felet.", {}},
      {"3.1 Stöd Nämnden Fattar beslut.", {}},  // too short to be a sentence
      // a table of contents is not a row of headings; the body's headings are
      {std::string("Innehåll\n1 Inledning ............ 3\n2 Mål ............ 4\n\n"
                   "1 Inledning ............ 3\n\n\f1 Inledning\n\n") +
           body,
       {"1 Inledning"}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.input));
    std::vector<std::string> headings;
    for (const Block& b : rk::normalise_layout_text(c.input)) {
      if (b.kind == BlockKind::heading) headings.push_back(b.text);
    }
    CAPTURE(headings.size());
    CHECK(headings == c.headings);
  }
  auto blocks = rk::normalise_layout_text("Sammanfattning Stadsledningskontoret har tagit fram.");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[1].text == "Stadsledningskontoret har tagit fram.");
  CHECK(blocks[1].kind == BlockKind::paragraph);
  // A glued heading lies on the paragraph's first line; the paragraph keeps its range.
  blocks = rk::normalise_layout_text("\n3.2 Jämlikhet Alla ska kunna röra sig\nfritt i staden.");
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].text == "3.2 Jämlikhet");
  CHECK(blocks[0].line_start == 2);
  CHECK(blocks[0].line_end == 2);
  CHECK(blocks[1].text == "Alla ska kunna röra sig fritt i staden.");
  CHECK(blocks[1].line_end == 3);
}

TEST_CASE("whitespace, separators and odd bytes") {
  struct Case {
    std::string input;
    std::vector<std::string> texts;
  };
  const Case cases[] = {
      {"Remissinstans     Beslut      Kommentar", {"Remissinstans Beslut Kommentar"}},
      {"Första.\n----\nAndra.", {"Första.", "Andra."}},
      {"Tab\tmellan\r\nord", {"Tab mellan ord"}},
      {"Latin-1 \xE5tg\xE4rd", {"Latin-1 åtgärd"}},
      {"Mjuk\xC2\xAD"
       "bindestreck",
       {"Mjukbindestreck"}},
      {std::string("noll\0byte", 9), {"noll byte"}},
      {"\f\f\n\n", {}},
      {"", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.input));
    std::vector<std::string> texts;
    for (const Block& b : rk::normalise_layout_text(c.input)) texts.push_back(b.text);
    CHECK(texts == c.texts);
  }
}

TEST_CASE("large and hostile inputs are normalised into non-empty blocks") {
  using Clock = std::chrono::steady_clock;
  struct Case {
    const char* name;
    std::string input;
  };
  std::string words;
  for (int i = 0; i < 1'000'000; ++i) words += "ord- ";
  std::string breaks;
  for (int i = 0; i < 500'000; ++i) breaks += "ab-\n";
  const Case cases[] = {
      {"20 MB single line", std::string(20u << 20, 'x')},
      {"a million mid-line hyphens", words},
      {"half a million line-end hyphens", breaks},
      {"random bytes",
       [] {
         std::string s;
         unsigned x = 12345;
         for (int i = 0; i < 2'000'000; ++i) {
           x = x * 1103515245u + 12345u;
           s += static_cast<char>(x >> 16);
         }
         return s;
       }()},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    auto start = Clock::now();
    auto blocks = rk::normalise_layout_text(c.input);
    // Reported, not asserted (no timed assertions): a quadratic pass would
    // run into ctest's timeout instead.
    MESSAGE(c.name << ": " << std::chrono::duration<double>(Clock::now() - start).count() << " s");
    for (const Block& b : blocks) CHECK(!b.text.empty());
  }
}

TEST_CASE("real council bundles keep their invariants") {
  namespace fs = std::filesystem;
  fs::path root = fs::path(RK_SHARED_DIR) / "realdata" / "goteborg";
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: no " << root);
    return;
  }
  const std::regex page_of("Sida [0-9]+ av [0-9]+");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    fs::path file = entry.path() / "00-kf-handling-full.txt";
    if (!fs::exists(file)) continue;
    ++files;
    CAPTURE(file.string());
    std::string raw = read_file(file);
    int line_count = static_cast<int>(std::count(raw.begin(), raw.end(), '\n')) + 1;
    std::string lowered = rk::lower(raw);
    std::vector<std::string> raw_words = words_of(lowered);
    std::set<std::string> vocabulary(raw_words.begin(), raw_words.end());
    rk::NormaliseStats stats;
    auto blocks = rk::normalise_layout_text(raw, stats);
    MESSAGE(file.parent_path().filename().string()
            << ": " << blocks.size() << " blocks, " << stats.headings << " headings, "
            << stats.list_items << " list items, " << stats.joins << " joins, "
            << stats.furniture_lines << " furniture lines");
    CHECK(stats.headings > 0);
    int last_page = 1, last_line = 0;
    for (const Block& b : blocks) {
      CHECK(b.page >= last_page);
      CHECK(b.line_start >= last_line);
      CHECK(b.line_start <= b.line_end);
      CHECK(b.line_end <= line_count);
      CHECK(!b.text.empty());
      CHECK(!std::regex_search(b.text, page_of));
      last_page = b.page;
      last_line = b.line_start;
      for (const std::string& joined : dangling_joins(rk::lower(b.text))) {
        CAPTURE(joined);
        CHECK(vocabulary.count(joined) == 0);
      }
    }
  }
  CHECK(files > 0);
}

TEST_CASE(
    "wrapped text with no blank lines: a sentence ending short of the width ends a paragraph") {
  // A PDF's text column: lines wrapped near 60 characters, paragraphs not
  // separated by blank lines.
  std::string wrapped;
  for (int p = 0; p < 6; ++p) {
    wrapped += "Nämnden ska varje år redovisa hur arbetet med trygghet och\n";
    wrapped += "säkerhet har utvecklats i de egna verksamheterna och vilka\n";
    wrapped += "åtgärder som har genomförts under det gångna verksamhetsåret\n";
    wrapped += "för att nå programmets mål.\n";
  }
  auto blocks = rk::normalise_layout_text(wrapped);
  REQUIRE(blocks.size() == 6);
  for (const auto& b : blocks) {
    CHECK(b.kind == BlockKind::paragraph);
    CHECK(b.line_end - b.line_start == 3);
    CHECK(b.text.ends_with("programmets mål."));
  }

  // One paragraph per line (text reflowed by the extractor): nothing to split,
  // and a long line that ends a sentence mid-paragraph does not end it.
  std::string reflowed;
  for (int p = 0; p < 25; ++p) {
    reflowed += "Kort rad.\n";
    reflowed += std::string(p % 2 ? "Detta är en betydligt längre rad" : "En rad") +
                " som fortsätter på nästa rad\n";
    reflowed += "och slutar här.\n\n";
  }
  blocks = rk::normalise_layout_text(reflowed);
  CHECK(blocks.size() == 25);
}
