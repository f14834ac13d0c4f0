// remisskoll index [--db DIR] [--manifest FILE] [--termbank FILE] [--threads N] [--quiet]
//                  [--shard K/N [--links-from STUB]] PATH...
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/pipeline.hh"
#include "query/cli.hh"

namespace rk::cli {

namespace {

void print_summary(const IndexSummary& s, std::ostream& out) {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f",
                s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0.0);
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", s.seconds);
  out << "Klart på " << secs << " s: " << s.files << " filer, " << s.indexed << " indexerade ("
      << s.documents << " dokument, " << s.passages << " avsnitt, " << rate << " MB/s), "
      << s.unchanged << " oförändrade, " << s.removed << " borttagna, " << s.failed
      << " kunde inte läsas.\n";
}

// [shards] "K/N" with 1 <= K <= N.
void parse_shard(const std::string& text, IndexOptions& opt) {
  unsigned k = 0, n = 0;
  char slash = 0, rest = 0;
  if (std::sscanf(text.c_str(), "%u%c%u%c", &k, &slash, &n, &rest) != 3 || slash != '/' || k < 1 ||
      k > n)
    throw UsageError("--shard ska vara K/N med 1 <= K <= N, till exempel 1/4 (fick '" + text +
                     "')");
  opt.shard = k;
  opt.shards = n;
}

}  // namespace

int cmd_index(const std::vector<std::string>& argv) {
  Args args(
      argv,
      {"--db", "--manifest", "--threads", "--batch-mb", "--termbank", "--shard", "--links-from"},
      {"--quiet", "--progress"});
  if (args.positional().empty())
    throw UsageError("ange filer eller kataloger: remisskoll index KATALOG...");
  IndexOptions opt;
  opt.db = args.db();
  if (args.has("--manifest")) opt.manifest = args.value("--manifest");
  if (args.has("--termbank")) {
    const std::filesystem::path bank = args.value("--termbank");
    if (!std::filesystem::is_regular_file(bank))
      throw UsageError("termbanken " + bank.string() + " finns inte");
    opt.termbanks.push_back(bank);
  }
  if (args.has("--shard")) parse_shard(args.value("--shard"), opt);  // [shards]
  opt.links_from = args.value("--links-from");                       // [shards]
  for (const auto& p : args.positional()) opt.inputs.emplace_back(p);
  opt.threads = args.number("--threads", 0);
  opt.batch_bytes = static_cast<std::size_t>(args.number("--batch-mb", 16)) << 20;
  opt.progress = args.flag("--progress") || (!args.flag("--quiet") && isatty(2));
  IndexSummary s = run_index(opt, std::cerr);
  if (!args.flag("--quiet")) print_summary(s, std::cerr);
  return s.failed > 0 ? kSomeFilesFailed : kOk;
}

}  // namespace rk::cli
