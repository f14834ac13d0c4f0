// Bundle splitting and metadata inference: synthetic Swedish snippets
// (positives and traps) and the ground truth of four real council cases.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/bundle/bundle.hh"
#include "indexer/bundle/text.hh"
#include "indexer/normalise/normalise.hh"

namespace fs = std::filesystem;

namespace {

// One paragraph block per non-empty line, pages counted at '\f': the
// simplest block source, independent of the normaliser's choices.
std::vector<rk::Block> line_blocks(std::string_view text) {
  std::vector<rk::Block> blocks;
  int line = 1, page = 1;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string content;
    for (char c : text.substr(pos, end - pos)) {
      if (c == '\f')
        ++page;
      else
        content += c;
    }
    std::string collapsed = rk::collapse_space(content);
    if (!collapsed.empty()) {
      rk::Block block;
      block.text = collapsed;
      block.page = page;
      block.line_start = block.line_end = line;
      blocks.push_back(block);
    }
    ++line;
    pos = end + 1;
  }
  return blocks;
}

std::vector<rk::DocumentPart> split(std::string_view text, std::string_view file_name = "") {
  return rk::split_documents(line_blocks(text), rk::ReadResult{}, file_name);
}

rk::DocumentPart single(std::string_view text, std::string_view file_name = "") {
  rk::DocumentPart part;
  part.blocks = line_blocks(text);
  rk::infer_metadata(part, file_name);
  return part;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("dates as Swedish documents write them") {
  struct Case {
    const char* text;
    const char* iso;
  };
  const Case cases[] = {
      {"Utfärdat 2023-04-26", "2023-04-26"},
      {"tjänsteutlåtande den 26 april 2023 och föreslår", "2023-04-26"},
      {"Göteborg den 8 februari 2023 Göteborgs kommunstyrelse", "2023-02-08"},
      {"Tid: 16 oktober 2025 kl 08:30", "2025-10-16"},
      {"Säkerhetsprogram 2009–2012", ""},
      {"Diarienummer 1370/21", ""},
      {"2023-13-40 är inget datum", ""},
  };
  for (const auto& c : cases) {
    std::string text = c.text;
    CAPTURE(text);
    CHECK(rk::bundle::find_date(c.text).iso == c.iso);
  }
}

TEST_CASE("kind, title, author and date of single documents") {
  struct Case {
    const char* name;
    const char* text;
    const char* file_name;
    const char* kind;
    const char* title;
    const char* author;
    const char* date;
  };
  const Case cases[] = {
      {"committee response",
       "Socialnämnden Nordväst\n\nYttrande över remiss av förslag till Trygghetsprogram "
       "2027\n\nDatum: 2026-03-12\n\nNämnden tillstyrker förslaget med följande synpunkter.\n",
       "", "response", "Yttrande över remiss av förslag till Trygghetsprogram 2027",
       "Socialnämnden Nordväst", "2026-03-12"},
      {"staff report",
       "Stadsledningskontoret\n\nTjänsteutlåtande Utfärdat 2026-02-01 Diarienummer 0042/26\n\n"
       "Förslag till nytt trygghetsprogram Förslag till beslut I kommunstyrelsen:\n",
       "", "staff_report", "Förslag till nytt trygghetsprogram", "Stadsledningskontoret",
       "2026-02-01"},
      {"trap: a staff report that quotes a compilation",
       "Stadsledningskontoret\n\nTjänsteutlåtande Utfärdat 2026-02-01\n\nRevidering av "
       "riktlinje för krisstöd\n\nRemissvaren redovisas i Sammanställning av remissvar, "
       "bilaga 3.\n\nSammanställning av remissvar finns hos kontoret.\n",
       "", "staff_report", "Revidering av riktlinje för krisstöd", "Stadsledningskontoret",
       "2026-02-01"},
      {"steering document title",
       "Lunds kommuns riktlinje för krisstöd\n\nDokumentnamn: Riktlinje för krisstöd\n\n"
       "Inledning Riktlinjen beskriver ...\n",
       "", "guideline", "Lunds kommuns riktlinje för krisstöd", "Lunds kommun", ""},
      {"trap: an appendix that is a plan",
       "Bilaga 1\n\nHandlingsplan för trygga skolor 2026–2028\n\nInnehåll\n\nInledning\n", "",
       "plan", "Handlingsplan för trygga skolor 2026–2028", "", ""},
      {"party statement",
       "Kommunstyrelsen\n\nYrkande V, S och MP\n\n2026-01-07 Ärende 12\n\nYrkande angående – "
       "Trygghetsprogram 2027\n\nFörslag till beslut I kommunstyrelsen:\n",
       "", "statement", "Yrkande angående – Trygghetsprogram 2027", "V, S och MP", "2026-01-07"},
      {"protocol extract of a remiss order",
       "Kommunstyrelsen\n\nUtdrag ur protokoll Sammanträdesdatum: 2025-06-15\n\nRemittering "
       "av förslag till Trygghetsprogram 2027 § 530, 1107/25\n\nBeslut Enligt förslag.\n",
       "", "decision", "Remittering av förslag till Trygghetsprogram 2027", "Kommunstyrelsen",
       "2025-06-15"},
      {"committee protocol answering a remiss",
       "Miljönämnden\n\nProtokollsutdrag Sammanträdesdatum: 2025-09-24\n\nYttrande över "
       "förslag till dagvattenpolicy § 172, N609-2350/24\n\nBeslut Nämnden tillstyrker.\n",
       "", "response", "Yttrande över förslag till dagvattenpolicy", "Miljönämnden", "2025-09-24"},
      {"union minutes",
       "Sida 1 av 2\n\nCentral Samverkansgrupp Protokoll 10/23 Sammanträdesdatum 2023-05-25\n\n"
       "§ 5 Samverkan före beslut\n",
       "", "minutes", "Central Samverkansgrupp Protokoll 10/23", "Central Samverkansgrupp",
       "2023-05-25"},
      {"motion",
       "Motion av Anna Andersson (L) om fler trygghetsvärdar Förslag till beslut i "
       "kommunfullmäktige: ...\n",
       "", "motion", "Motion av Anna Andersson (L) om fler trygghetsvärdar", "Anna Andersson (L)",
       ""},
      {"compilation", "Bilaga 4, Sammanställning av remissvar\n\nRemissinstans Beslut Kommentar\n",
       "", "compilation", "Sammanställning av remissvar", "", ""},
      {"file name hint when the text says nothing",
       "Vi har tagit del av förslaget och har inga synpunkter.\n", "remissvar-brf.txt", "response",
       "Vi har tagit del av förslaget och har inga synpunkter.", "", ""},
  };
  for (const auto& c : cases) {
    std::string name = c.name;
    CAPTURE(name);
    auto part = single(c.text, c.file_name);
    CHECK(part.kind == c.kind);
    CHECK(part.title == c.title);
    CHECK(part.author == c.author);
    CHECK(part.date == c.date);
  }
}

TEST_CASE("responds_to and replaces as written") {
  auto response = single(
      "Trafiknämnden\n\nSvar på remiss - Göteborgs Stads dagvattenpolicy Förslag till beslut\n");
  CHECK(response.kind == "response");
  CHECK(response.responds_to_title == "Göteborgs Stads dagvattenpolicy");

  auto proposal = split(
      "Kommunfullmäktige\n\nHandling 2026 nr 3\n\nTrygghetsprogram 2027\n\n"
      "Kommunstyrelsens förslag Kommunstyrelsen föreslår att kommunfullmäktige beslutar: 1. "
      "Trygghetsprogram 2027 antas. 2. Säkerhetsprogram 2009–2012, antaget av "
      "kommunfullmäktige 2009-05-14 § 5, upphör att gälla.\n\nGöteborg den 8 januari 2026\n\n"
      "Bilaga 1\n\nTrygghetsprogram 2027\n\nInnehåll\n\nInledning Programmet ...\n");
  REQUIRE(proposal.size() == 2);
  CHECK(proposal[0].kind == "decision");
  CHECK(proposal[0].author == "Kommunstyrelsen");
  CHECK(proposal[0].date == "2026-01-08");
  CHECK(proposal[1].kind == "program");
  CHECK(proposal[1].replaces_title == "Säkerhetsprogram 2009–2012");

  auto own = single(
      "Krisstödsplan 2026\n\nInnehåll\n\nPlanen ersätter Krisstödsplan 2019, "
      "antagen 2019.\n");
  CHECK(own.replaces_title == "Krisstödsplan 2019");
}

TEST_CASE("splitting a synthetic bundle") {
  const char* bundle =
      "Kommunfullmäktige\n"                                                          // 1
      "Handling 2026 nr 12\n"                                                        // 2
      "Trygghetsprogram 2027\n"                                                      // 3
      "Kommunstyrelsens förslag Kommunstyrelsen tillstyrker förslaget.\n"            // 4
      "Göteborg den 8 januari 2026 Göteborgs kommunstyrelse\n"                       // 5
      "Kommunstyrelsen\n"                                                            // 6
      "Yrkande SD\n"                                                                 // 7
      "2026-01-05\n"                                                                 // 8
      "Yrkande angående – Trygghetsprogram 2027\n"                                   // 9
      "Stadsledningskontoret\n"                                                      // 10
      "Tjänsteutlåtande Utfärdat 2025-11-02\n"                                       // 11
      "Trygghetsprogram 2027 Förslag till beslut I kommunfullmäktige:\n"             // 12
      "Remissinstanserna tillstyrker, se Sammanställning av remissvar, bilaga 2.\n"  // 13
      "Yrkande SD\n"                                                   // 14 (table row)
      "Vid protokollet Sekreterare Anna Berg\n"                        // 15
      "Socialnämnden Centrum\n"                                        // 16
      "Utdrag ur protokoll Sammanträdesdatum: 2025-09-24\n"            // 17
      "Yttrande över remiss av Trygghetsprogram 2027 § 12, N1-1/25\n"  // 18
      "Beslut Nämnden tillstyrker förslaget.\n"                        // 19
      "Socialnämnden Centrum\n"                                        // 20 (page 2)
      "Utdrag ur protokoll Sammanträdesdatum: 2025-09-24\n"            // 21
      "Dag för justering 2025-09-24\n"                                 // 22
      "Bilaga 2, Sammanställning av remissvar\n"                       // 23
      "Remissinstans Beslut Kommentar\n"                               // 24
      "Socialnämnden Centrum Tillstyrker Bra.\n"                       // 25
      "Bilaga 3\n"                                                     // 26
      "Göteborgs Stads trygghetsprogram 2027\n"                        // 27
      "Dokumentnamn: Göteborgs Stads trygghetsprogram 2027\n"          // 28
      "Inledning Programmet ...\n"                                     // 29
      "Bilaga 1\n"                                                     // 30 (its own)
      "Begrepp och definitioner\n";                                    // 31
  struct Expected {
    int line;
    const char* kind;
    const char* author;
  };
  const Expected expected[] = {
      {1, "decision", "Kommunstyrelsen"},
      {6, "statement", "SD"},
      {10, "staff_report", "Stadsledningskontoret"},
      {16, "response", "Socialnämnden Centrum"},
      {23, "compilation", ""},
      {26, "program", "Göteborgs Stad"},
  };
  auto parts = split(bundle);
  REQUIRE(parts.size() == std::size(expected));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    CAPTURE(i);
    CHECK(parts[i].line_start == expected[i].line);
    CHECK(parts[i].kind == expected[i].kind);
    CHECK(parts[i].author == expected[i].author);
  }
  CHECK(parts[3].responds_to_title == "remiss av Trygghetsprogram 2027");
  CHECK(parts.back().line_end == 31);
}

TEST_CASE("a file that is not a bundle is one part; the file's metadata wins") {
  rk::ReadResult meta;
  meta.title = "Program för trygghet";
  meta.date = "2026-01-01";
  auto parts = rk::split_documents(line_blocks("Trygghetsprogram 2027\n\nInnehåll\n\nText.\n"),
                                   meta, "trygghetsprogram-2027.txt");
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].kind == "program");
  CHECK(parts[0].title == "Program för trygghet");
  CHECK(parts[0].date == "2026-01-01");
  CHECK(rk::split_documents({}, meta, "x.txt").empty());
}

TEST_CASE("a file that is not a council bundle is one document") {
  struct Case {
    const char* name;
    const char* text;
    std::size_t parts;
    const char* kind;
    const char* author;
    const char* date;
  };
  const Case cases[] = {
      {"staff report and the same committee's protocol extract",
       "Kulturförvaltningen\nTjänsteutlåtande Utfärdat 2025-03-01\nYttrande över förslag till "
       "biblioteksplan\nFörslag till beslut Kulturnämnden tillstyrker förslaget.\nVid "
       "protokollet\nKulturnämnden\nProtokollsutdrag Sammanträdesdatum 2025-03-20\nYttrande över "
       "förslag till biblioteksplan\nBeslut Nämnden tillstyrker förslaget.\n",
       1, "response", "Kulturnämnden", "2025-03-20"},
      {"protocol extract printed before the staff report",
       "Kulturnämnden\nProtokollsutdrag Sammanträdesdatum 2025-03-20\n§ 14 Diarienummer KN "
       "2025/12\nYttrande över förslag till biblioteksplan\nBeslut Kulturnämnden tillstyrker "
       "förslaget.\nJusteras\nKulturförvaltningen\nTjänsteutlåtande Utfärdat 2025-03-01\n"
       "Yttrande över förslag till biblioteksplan\n",
       1, "response", "Kulturnämnden", "2025-03-20"},
      {"minutes whose page header repeats without its date",
       "Samverkansgrupp Väst Protokoll 3/2025 Sammanträdesdatum 2025-04-02\n§ 1 Remiss av "
       "förslag till Biblioteksplan 2026\nSida 1 av 2\nSamverkansgrupp Väst Protokoll 3/2025\n"
       "Dialogen antecknas.\n",
       1, "minutes", "Samverkansgrupp Väst", "2025-04-02"},
      {"trap: documents of two different bodies stay apart",
       "Kulturnämnden\nProtokollsutdrag Sammanträdesdatum 2025-03-20\nYttrande över plan\n"
       "Beslut Nämnden tillstyrker förslaget.\nJusteras\nIdrottsnämnden\nProtokollsutdrag "
       "Sammanträdesdatum 2025-03-22\nYttrande över plan\nBeslut Nämnden avstyrker förslaget.\n",
       2, "response", "Kulturnämnden", "2025-03-20"},
  };
  for (const auto& c : cases) {
    std::string name = c.name;
    CAPTURE(name);
    auto parts = split(c.text);
    REQUIRE(parts.size() == c.parts);
    CHECK(parts[0].kind == c.kind);
    CHECK(parts[0].author == c.author);
    CHECK(parts[0].date == c.date);
  }
}

TEST_CASE("what a protocol extract, a letter and a title say") {
  struct Case {
    const char* name;
    const char* text;
    const char* kind;
    const char* title;
    const char* author;
    const char* responds_to;
  };
  const Case cases[] = {
      {"no objections to a remiss is a response",
       "Fritidsnämnden\nProtokollsutdrag Sammanträdesdatum 2025-05-05\n§ 31 Diarienummer FN "
       "2025/0077\nRemiss av förslag till Idrottsplan 2026–2029\nBeslut Fritidsnämnden har inga "
       "synpunkter på förslaget.\n",
       "response", "Remiss av förslag till Idrottsplan 2026–2029", "Fritidsnämnden",
       "Idrottsplan 2026–2029"},
      {"trap: an extract ordering a remiss stays a decision",
       "Kommunstyrelsen\nUtdrag ur protokoll Sammanträdesdatum: 2025-06-15\nRemittering av "
       "förslag till Idrottsplan 2026 § 530, 1107/25\nBeslut Enligt förslag.\n",
       "decision", "Remittering av förslag till Idrottsplan 2026", "Kommunstyrelsen", ""},
      {"a council paragraph that adopts is a decision",
       "Kommunfullmäktige Protokoll 2026-02-12\n§ 40 KS 2025/00311\nIdrottsplan 2026–2029\n"
       "Beslut Kommunfullmäktige beslutar enligt kommunstyrelsens förslag.\n",
       "decision", "Idrottsplan 2026–2029", "Kommunfullmäktige", ""},
      {"a company letter that declines",
       "Bilaga 5\nStrandens Fastigheter AB\nStrandens Fastigheter AB 2025-05-02 Kajen 3, 123 45 "
       "Orten\nAngående remiss av förslag till idrottsplan\nStrandens Fastigheter AB avstår från "
       "att yttra sig.\n",
       "response", "Angående remiss av förslag till idrottsplan", "Strandens Fastigheter AB",
       "förslag till idrottsplan"},
      {"a title in capitals is set in sentence case",
       "PLAN FÖR IDROTT OCH FRILUFTSLIV 2026\nInnehåll\nInledning\n", "plan",
       "Plan för idrott och friluftsliv 2026", "", ""},
  };
  for (const auto& c : cases) {
    std::string name = c.name;
    CAPTURE(name);
    auto part = single(c.text);
    CHECK(part.kind == c.kind);
    CHECK(part.title == c.title);
    CHECK(part.author == c.author);
    CHECK(part.responds_to_title == c.responds_to);
  }
}

TEST_CASE("dates and metadata titles") {
  auto draft = single(
      "Idrottsplan 2026–2029\nRemissversion 2025-09-01\nInnehåll\nSedan den 1 januari 2020 "
      "gäller en ny lag som påverkar planen.\n");
  CHECK(draft.date == "2025-09-01");
  auto prose = single(
      "Idrottsplan 2026–2029\nInnehåll\nInledning\nSedan den 1 januari 2020 gäller en ny lag som "
      "kommunens idrottsföreningar "
      "och skolor ska följa.\n");
  CHECK(prose.date == "");

  rk::ReadResult meta;
  meta.title = "Riktlinje Idrott";
  auto parts = rk::split_documents(
      line_blocks("Riktlinje för idrott och friluftsliv (Idrott)\nInnehåll\nText.\n"), meta,
      "riktlinje.odt");
  REQUIRE(parts.size() == 1);
  CHECK(parts[0].title == "Riktlinje för idrott och friluftsliv (Idrott)");
}

namespace {

struct TruePart {
  std::string file;
  int line = 0;
  std::set<std::string> kinds;
};

// SOURCES.md describes kinds in free text; this maps them to ours. A part
// that holds the case cover ("KS förslag", "Handling ...") may open with the
// board's proposal, which we call a decision.
std::set<std::string> our_kinds(const std::string& title, const std::string& description) {
  std::set<std::string> kinds;
  auto has = [](const std::string& s, const char* word) {
    return s.find(word) != std::string::npos;
  };
  if (has(description, "cover") || has(title, "Handling")) kinds.insert("decision");
  if (has(description, "tjänsteutlåtande")) kinds.insert("staff_report");
  if (has(description, "union") || has(description, "minutes")) kinds.insert("minutes");
  if (has(description, "compilation of responses") && kinds.empty()) kinds.insert("compilation");
  if (has(description, "decision")) kinds.insert("decision");
  if (has(description, "guideline")) kinds.insert("guideline");
  if (has(description, "policy")) kinds.insert("policy");
  if (has(description, "program/plan")) kinds.insert({"program", "plan"});
  return kinds;
}

// Character offsets (code points) to 1-based line numbers.
int line_of(const std::string& text, std::size_t offset) {
  std::size_t chars = 0;
  int line = 1;
  for (unsigned char c : text) {
    if ((c & 0xC0) == 0x80) continue;
    if (chars++ == offset) break;
    if (c == '\n') ++line;
  }
  return line;
}

std::vector<TruePart> ground_truth(const fs::path& folder, const std::string& text) {
  static const std::regex row_re(
      R"(^\|\s*(0[1-9][^|]*?)\s*\|([^|]*)\|([^|]*)\|\s*(\d+)(?:–|-)(\d+))");
  std::vector<TruePart> parts;
  std::ifstream in(folder / "SOURCES.md");
  std::string row;
  std::smatch m;
  while (std::getline(in, row)) {
    if (!std::regex_search(row, m, row_re)) continue;
    parts.push_back({m[1].str(), line_of(text, std::stoul(m[4].str())), our_kinds(m[2], m[3])});
  }
  return parts;
}

struct Score {
  int found = 0;
  int total = 0;
};

Score evaluate(bool with_normaliser) {
  constexpr int kTolerance = 15;
  const char* cases[] = {"goteborg-avhoppare-riktlinje-2023",
                         "goteborg-hojd-beredskap-riktlinje-2023",
                         "goteborg-sakerhets-beredskapspolicy-2026",
                         "goteborg-sarskilt-utsatta-omraden-handlingsplan-2023"};
  Score score;
  for (const char* name : cases) {
    fs::path folder = fs::path(RK_SHARED_DIR) / "realdata/goteborg" / name;
    std::string text = read(folder / "00-kf-handling-full.txt");
    auto blocks = with_normaliser ? rk::normalise_layout_text(text) : line_blocks(text);
    auto parts = rk::split_documents(blocks, rk::ReadResult{}, "00-kf-handling-full.txt");
    for (const auto& truth : ground_truth(folder, text)) {
      ++score.total;
      bool found = false;
      for (const auto& part : parts)
        found |=
            std::abs(part.line_start - truth.line) <= kTolerance && truth.kinds.count(part.kind);
      score.found += found;
      std::string where = std::string(name) + "/" + truth.file;
      if (!found) MESSAGE("not found: ", where, " at line ", truth.line);
    }
  }
  return score;
}

}  // namespace

TEST_CASE("real council bundles: parts of SOURCES.md found") {
  if (!fs::exists(fs::path(RK_SHARED_DIR) / "realdata/goteborg")) {
    MESSAGE("skipped: ", RK_SHARED_DIR, "/realdata/goteborg not found");
    return;
  }
  for (bool with_normaliser : {false, true}) {
    CAPTURE(with_normaliser);
    Score score = evaluate(with_normaliser);
    std::string source = with_normaliser ? "normalise_layout_text" : "line blocks";
    MESSAGE(source, ": parts found ", score.found, " / ", score.total);
    REQUIRE(score.total == 22);
    CHECK(score.found >= 20);
  }
}

TEST_CASE("infer_metadata: a steering document's author is the body that adopted it") {
  struct Case {
    std::vector<std::string> lines;
    std::string author;
  } cases[] = {
      {{"Riktlinje för bilpooler", "Beslutad av tekniska nämnden 2025-01-15, § 4",
        "Riktlinjen gäller för samtliga förvaltningar som använder stadens bilpool."},
       "Tekniska nämnden"},
      {{"Policy för arkivering", "Antagen av kommunfullmäktige 2022-03-10",
        "Policyn beskriver hur handlingar ska bevaras och gallras."},
       "Kommunfullmäktige"},
      {{"Stadens program för parker 2024–2028",
        "Programmet antogs av kommunfullmäktige den 12 maj 2024 och gäller för alla nämnder.",
        "Parkerna ska vara tillgängliga för alla."},
       "Kommunfullmäktige"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.lines.front());
    rk::DocumentPart part;
    int line = 1;
    for (const auto& text : c.lines) {
      part.blocks.push_back({rk::BlockKind::paragraph, 0, text, 1, line, line});
      ++line;
    }
    rk::infer_metadata(part, "dokument.txt");
    CHECK(part.author == c.author);
    CHECK(part.author != part.title);
  }
}
