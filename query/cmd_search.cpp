// remisskoll search [--db DIR] [--limit N] [--offset N] [--json] [--explain] QUERY...
#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/output.hh"
#include "query/search.hh"

namespace rk::cli {

int cmd_search(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--limit", "--offset"}, {"--json", "--explain"});
  std::string query;
  for (const auto& p : args.positional()) query += (query.empty() ? "" : " ") + p;
  if (query.empty()) throw UsageError("ange en fråga: remisskoll search ORD...");
  Xapian::Database db = open_readonly(args.db());
  SearchRequest req;
  req.query = query;
  req.limit = args.number("--limit", 10);
  req.offset = args.number("--offset", 0);
  SearchResult res = search(db, req);
  if (args.flag("--explain")) {
    std::cerr << "Tolkad fråga: " << res.parsed << "\n";
    for (const auto& line : explain_query(query)) std::cerr << "  " << line << "\n";
  }
  if (args.flag("--json")) {
    auto out = search_json(res);
    if (args.flag("--explain")) out->set("parsed", res.parsed);
    print_json(std::cout, out);
  } else {
    print_search(std::cout, res, req);
  }
  return kOk;
}

}  // namespace rk::cli
