// End-to-end on real documents: the Göteborg council cases and all 839 real
// council bundles in ../shared/realdata. Nothing may crash or be refused, the
// bundles must split, and Swedish searches (inflection, compounds, suspended
// hyphens, words broken across lines, phrases, filters) must find the case
// that holds the text. Skipped when ../shared/realdata is absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "indexer/store/database.hh"
#include "indexer/store/pipeline.hh"
#include "query/library.hh"
#include "query/search.hh"
#include "temp_index.hh"

namespace fs = std::filesystem;
using namespace rk;

namespace {

const fs::path kReal = fs::path(RK_SHARED_DIR) / "realdata";

const test::IndexedTree& goteborg() {
  static test::IndexedTree indexed(kReal / "goteborg");
  return indexed;
}

// The case folders (goteborg-<case>/) whose documents a query hits.
std::set<std::string> hit_cases(const Xapian::Database& db, const std::string& query) {
  SearchRequest req;
  req.query = query;
  req.limit = 2000;
  std::map<std::string, std::string> doc_path;
  for (const auto& d : list_documents(db)) {
    doc_path[d->getValue<std::string>("id")] =
        d->getObject("source")->getValue<std::string>("path");
  }
  std::set<std::string> cases;
  for (const auto& h : search(db, req).hits) {
    const fs::path p = doc_path[h.doc];
    cases.insert(p.parent_path().filename().string());
  }
  return cases;
}

}  // namespace

TEST_CASE("realdata: the Göteborg cases index with no error, and their bundles split") {
  if (!fs::exists(kReal)) {
    MESSAGE("skipped: " << kReal << " is missing");
    return;
  }
  const auto& g = goteborg();
  CHECK_MESSAGE(g.errors == "", g.errors);
  CHECK(g.summary.failed == 0);
  CHECK(g.summary.indexed == g.summary.files);
  std::map<std::string, int> parts_per_bundle;
  for (const auto& d : list_documents(g.db())) {
    const fs::path p = d->getObject("source")->getValue<std::string>("path");
    if (p.filename() == "00-kf-handling-full.txt")
      ++parts_per_bundle[p.parent_path().filename().string()];
  }
  CHECK(parts_per_bundle.size() == 18);
  for (const auto& [bundle, parts] : parts_per_bundle) {
    CAPTURE(bundle);
    CHECK(parts >= 2);
  }
}

TEST_CASE("realdata: twenty Swedish search probes find the case that holds the text") {
  if (!fs::exists(kReal)) return;
  const auto db = goteborg().db();
  struct Probe {
    const char* query;
    const char* case_folder;
    const char* what;
  };
  const Probe probes[] = {
      {"dagvattenpolicy", "goteborg-dagvattenpolicy-2023", "definite form: dagvattenpolicyn"},
      {"krigsorganisation", "goteborg-hojd-beredskap-riktlinje-2023",
       "definite: krigsorganisationen"},
      {"policy", "goteborg-sakerhets-beredskapspolicy-2026", "compound head: beredskapspolicyn"},
      {"policy", "goteborg-dagvattenpolicy-2023", "compound head: dagvattenpolicyn"},
      {"beredskapspolicy", "goteborg-sakerhets-beredskapspolicy-2026", "compound"},
      {"säkerhetspolicy", "goteborg-sakerhets-beredskapspolicy-2026",
       "suspended hyphen: säkerhets- och beredskapspolicy"},
      {"inköpsförvaltningen", "goteborg-motion-valfardsbrott-plan-2026",
       "suspended hyphen: inköps- och upphandlingsförvaltningen"},
      {"idrottsnämnden", "goteborg-program-idrottspolitiskt-2023",
       "suspended hyphen: idrotts- och föreningsnämnden"},
      {"stadsutvecklingsprocesser", "goteborg-plan-kulturprogrammet-2023",
       "word broken across a line: stadsutvecklings- processer"},
      {"avhoppare", "goteborg-avhoppare-riktlinje-2023", "compound modifier: avhopparverksamhet"},
      {"plan", "goteborg-sarskilt-utsatta-omraden-handlingsplan-2023",
       "compound head: handlingsplanen"},
      {"\"hedersrelaterat våld\"", "goteborg-plan-hedersrelaterat-vald-2026", "phrase"},
      {"sårbarhetsanalyser", "goteborg-civil-beredskap-plan-2024", "plural of sårbarhetsanalys"},
      {"detekteringssystemet", "goteborg-motion-detektering-skjutningar-2025", "definite form"},
      {"välfärdsbrott", "goteborg-motion-valfardsbrott-plan-2026",
       "compound: välfärdsbrottslighet"},
      {"hemlöshet", "goteborg-plan-mot-hemloshet-2025", "definite: hemlösheten"},
      {"rasism", "goteborg-plan-mot-rasism-2026", "definite: rasismen"},
      {"destinationsutveckling", "goteborg-program-destinationsutveckling-2023", "compound"},
      {"\"judisk profil\"", "goteborg-motion-sakerhet-judiska-verksamheter-2023", "phrase"},
      {"\"idrottspolitiska programmet\"", "goteborg-program-idrottspolitiskt-2023",
       "phrase, definite"},
      {"krigsorganisation typ:guideline", "goteborg-hojd-beredskap-riktlinje-2023", "kind filter"},
  };
  int found = 0;
  for (const auto& p : probes) {
    const std::string query = p.query;
    CAPTURE(query);
    const auto cases = hit_cases(db, p.query);
    if (cases.count(p.case_folder)) {
      ++found;
    } else {
      MESSAGE("probe missed: " << query << " (" << std::string(p.what) << ")");
    }
    CHECK(cases.count(p.case_folder) == 1);
  }
  MESSAGE("real-text search probes: " << found << "/" << std::size(probes));
}

TEST_CASE("realdata: all 839 council bundles index without a crash or a refusal") {
  const fs::path kf = kReal / "goteborg-kf";
  if (!fs::exists(kf)) return;
  test::IndexedTree all(kf);
  CHECK(all.errors == "");
  CHECK(all.summary.files == 839);
  CHECK(all.summary.failed == 0);
  CHECK(all.summary.documents >= 839);
  MESSAGE("goteborg-kf: " << all.summary.documents << " documents, " << all.summary.passages
                          << " passages in " << all.summary.seconds << " s");
  const auto db = all.db();
  std::map<std::string, int> kinds;
  for (const auto& d : list_documents(db)) ++kinds[d->getValue<std::string>("kind")];
  for (const auto& [kind, n] : kinds) MESSAGE(kind << ": " << n);
  CHECK(kinds["response"] > 100);
  CHECK(kinds["staff_report"] > 100);
  SearchRequest req;
  req.query = "tillstyrker typ:response";
  CHECK(search(db, req).total > 100);
}
