// Search latency: 100 Swedish queries of the kinds users type (single words,
// compounds, phrases, filters typ:/år:/av:/titel:, boolean operators) through
// rk::search, as the CLI and the server run them (first page of 10 hits with
// snippets and facets). One warm-up round, then ROUNDS timed rounds; prints
// p50, p99 and max in milliseconds and the slowest queries.
//
//   search_bench --db PATH [--rounds N] [--slowest N] [--facet-check N] [--query Q]...
//
// --query (repeatable) times these queries instead of the built-in ones.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "indexer/store/database.hh"
#include "query/search.hh"

namespace {

// Written for the goteborg-kf council bundles and the generated corpus:
// subjects a council handles, in the words its documents use.
const std::vector<std::string> kBuiltIn = {
    // single words
    "trygghet",
    "budget",
    "förskola",
    "hemtjänst",
    "hemlöshet",
    "upphandling",
    "detaljplan",
    "kollektivtrafik",
    "cykel",
    "parkering",
    "klimat",
    "avfall",
    "dagvatten",
    "skyfall",
    "räddningstjänst",
    "jämställdhet",
    "tillgänglighet",
    "digitalisering",
    "revision",
    "årsredovisning",
    "arvoden",
    "borgen",
    "markanvisning",
    "idrott",
    "bibliotek",
    "turism",
    "pandemin",
    "motion",
    "interpellation",
    "reservation",
    // compounds, whole and in parts
    "bostadsförsörjning",
    "klimatomställning",
    "barnkonventionen",
    "äldreomsorgen",
    "informationssäkerhet",
    "säkerhetspolicy",
    "förskoleplatser",
    "energieffektivisering",
    "solceller",
    "laddinfrastruktur",
    "föreningsbidrag",
    "skolskjuts",
    "stadsutveckling",
    "brottsförebyggande",
    "ägardirektiv",
    "bolagsordning",
    "investeringsbudget",
    "socialtjänsten",
    "miljöprogram",
    "översiktsplan",
    // phrases
    "\"civil beredskap\"",
    "\"våld i nära relationer\"",
    "\"ekonomiskt bistånd\"",
    "\"mänskliga rättigheter\"",
    "\"barnets bästa\"",
    "\"personer med funktionsnedsättning\"",
    "\"hållbar utveckling\"",
    "\"kommunfullmäktige beslutar\"",
    "\"yrkande från\"",
    "\"ärendets beredning\"",
    // several words
    "trygghet i offentlig miljö",
    "nya bostäder i centrala lägen",
    "elever i grundskolan",
    "kostnader för försörjningsstöd",
    "utsläpp av växthusgaser",
    "ökad samverkan mellan nämnderna",
    "lokaler för förskola",
    "barn och unga",
    "äldre personer boende",
    "stadens bolag",
    // filters
    "typ:program klimat",
    "typ:motion cykel",
    "typ:policy",
    "typ:plan trygghet",
    "typ:response synpunkter",
    "år:2021 budget",
    "år:2019 skola",
    "år:2022 typ:motion",
    "av:kommunstyrelsen upphandling",
    "av:socialnämnden hemlöshet",
    "av:stadsledningskontoret investeringar",
    "titel:budget",
    "titel:\"detaljplan\" bostäder",
    "år:2020 pandemin",
    "typ:staff_report ekonomi",
    // boolean operators, wildcards
    "förskola OR skola",
    "trafik -parkering",
    "miljö AND klimat",
    "bostäder NOT detaljplan",
    "klimat*",
    "äldre* omsorg",
    "+budget +underskott",
    "kultur OR idrott OR fritid",
    "cykelbana OR cykelväg",
    "(skola OR förskola) lokaler",
    "bostad* typ:motion",
    "hemlös* år:2020",
    "jämställd* integration",
    "energi* solceller",
    "trafiksäkerhet skola",
};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

int usage() {
  std::fprintf(stderr,
               "användning: search_bench --db INDEX [--rounds N] [--slowest N] "
               "[--facet-check N] [--query FRÅGA]...\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  int rounds = 5, slowest = 5;
  rk::SearchRequest base;  // the defaults of the CLI and the server
  std::vector<std::string> queries;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string opt = argv[i];
    if (opt == "--db")
      db_path = argv[i + 1];
    else if (opt == "--rounds")
      rounds = std::max(1, std::atoi(argv[i + 1]));
    else if (opt == "--slowest")
      slowest = std::max(0, std::atoi(argv[i + 1]));
    else if (opt == "--query")
      queries.push_back(argv[i + 1]);
    else if (opt == "--facet-check")
      base.facet_check = static_cast<Xapian::doccount>(std::max(1, std::atoi(argv[i + 1])));
    else
      return usage();
  }
  if (db_path.empty() || argc % 2 == 0) return usage();
  if (queries.empty()) queries = kBuiltIn;
  try {
    const Xapian::Database db = rk::open_readonly(db_path);
    base.remote = rk::has_remote_shards(db_path);
    std::vector<double> all;
    std::vector<double> worst(queries.size(), 0);  // per query: its slowest round
    std::size_t hits = 0;
    for (int round = 0; round <= rounds; ++round) {  // round 0 warms the caches
      for (std::size_t q = 0; q < queries.size(); ++q) {
        const auto t0 = std::chrono::steady_clock::now();
        rk::SearchRequest req = base;
        req.query = queries[q];
        const rk::SearchResult res = rk::search(db, req);
        const double ms = ms_since(t0);
        if (round == 0) {
          hits += res.hits.empty() ? 0 : 1;
          continue;
        }
        all.push_back(ms);
        worst[q] = std::max(worst[q], ms);
      }
    }
    std::printf(
        "search: %zu queries (%zu with hits), %d rounds warm, %u documents: "
        "p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
        queries.size(), hits, rounds, db.get_doccount(), percentile(all, 0.5),
        percentile(all, 0.99), *std::max_element(all.begin(), all.end()));
    std::vector<std::size_t> order(queries.size());
    for (std::size_t q = 0; q < order.size(); ++q) order[q] = q;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return worst[a] > worst[b]; });
    for (std::size_t i = 0; i < order.size() && i < static_cast<std::size_t>(slowest); ++i)
      std::printf("  %.1f ms  %s\n", worst[order[i]], queries[order[i]].c_str());
  } catch (const std::exception& e) {  // DatabaseError, UsageError
    std::fprintf(stderr, "search_bench: %s\n", e.what());
    return 3;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "search_bench: %s\n", e.get_description().c_str());
    return 3;
  }
  return 0;
}
