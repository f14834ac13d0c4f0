// remisskoll docs [--db DIR] [--json]: the documents in the index.
#include <Poco/JSON/Array.h>

#include <iostream>

#include "indexer/core/records.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/library.hh"
#include "query/output.hh"

namespace rk::cli {

int cmd_docs(const std::vector<std::string>& argv) {
  Args args(argv, {"--db"}, {"--json"});
  Xapian::Database db = open_readonly(args.db());
  auto docs = list_documents(db);
  if (args.flag("--json")) {
    Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
    for (const auto& d : docs) arr->add(d);
    auto out = format1();
    out->set("documents", arr);
    print_json(std::cout, out);
    return kOk;
  }
  for (const auto& d : docs) print_document_line(std::cout, d);
  std::cout << docs.size() << " dokument\n";
  return kOk;
}

}  // namespace rk::cli
