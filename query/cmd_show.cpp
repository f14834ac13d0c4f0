// remisskoll show [--db DIR] [--json] ID: one document, section by section.
#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/library.hh"
#include "query/output.hh"

namespace rk::cli {

int cmd_show(const std::vector<std::string>& argv) {
  Args args(argv, {"--db"}, {"--json"});
  if (args.positional().size() != 1) throw UsageError("ange ett dokument-id: remisskoll show ID");
  const std::string id = args.positional().front();
  Xapian::Database db = open_readonly(args.db());
  auto doc = load_document(db, id);
  if (!doc) {
    std::cerr << "remisskoll: inget dokument med id '" << id << "' (se 'remisskoll docs')\n";
    return kNotFound;
  }
  if (args.flag("--json")) {
    auto out = format1();
    out->set("document", *doc);
    print_json(std::cout, out);
  } else {
    print_document(std::cout, *doc);
  }
  return kOk;
}

}  // namespace rk::cli
