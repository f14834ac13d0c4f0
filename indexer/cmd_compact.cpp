// remisskoll compact [--db DIR] [--quiet]
#include <cstdio>
#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"

namespace rk::cli {

namespace {

std::string megabytes(std::uintmax_t bytes) {
  char out[32];
  std::snprintf(out, sizeof out, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return out;
}

}  // namespace

int cmd_compact(const std::vector<std::string>& argv) {
  Args args(argv, {"--db"}, {"--quiet"});
  if (!args.positional().empty())
    throw UsageError("compact tar inga sökvägar, bara --db: remisskoll compact --db KATALOG");
  const CompactSummary s = compact_index(args.db());
  if (!args.flag("--quiet")) {
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.2f", s.seconds);
    std::cerr << "Komprimerat på " << secs << " s: " << megabytes(s.bytes_before) << " till "
              << megabytes(s.bytes_after) << ".\n";
  }
  return kOk;
}

}  // namespace rk::cli
