// remisskoll search [--db DIR] [--limit N] [--offset N] [--linked ID] [--json] [--explain] QUERY...
#include <Poco/JSON/Array.h>

#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/output.hh"
#include "query/refs.hh"
#include "query/search.hh"

namespace rk::cli {

namespace {

Poco::JSON::Object::Ptr linked_json(const std::string& id,
                                    const std::vector<LinkedDocument>& linked) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("doc", id);
  Poco::JSON::Array::Ptr docs = new Poco::JSON::Array;
  for (const auto& d : linked) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", d.id);
    o->set("steps", d.steps);
    docs->add(o);
  }
  out->set("docs", docs);
  return out;
}

void print_linked(std::ostream& out, const std::vector<LinkedDocument>& linked) {
  out << "Söker i " << linked.front().id << " och " << linked.size() - 1 << " länkade dokument:\n";
  for (std::size_t i = 1; i < linked.size(); ++i)
    out << "  " << linked[i].id << " (" << linked[i].steps << " steg)\n";
  out << "\n";
}

}  // namespace

int cmd_search(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--limit", "--offset", "--linked"}, {"--json", "--explain", "--redact"});
  std::string query;
  for (const auto& p : args.positional()) query += (query.empty() ? "" : " ") + p;
  if (query.empty()) throw UsageError("ange en fråga: remisskoll search ORD...");
  Xapian::Database db = open_readonly(args.db());
  SearchRequest req;
  req.query = query;
  req.limit = args.number("--limit", 10);
  req.offset = args.number("--offset", 0);
  req.redact = args.flag("--redact");
  req.remote = has_remote_shards(args.db());
  std::vector<LinkedDocument> linked;
  if (args.has("--linked")) {
    const std::string id = args.value("--linked");
    linked = linked_documents(db, id);
    if (linked.empty()) {
      std::cerr << "remisskoll: inget dokument med id '" << id << "' (se 'remisskoll docs')\n";
      return kNotFound;
    }
    for (const auto& d : linked) req.documents.push_back(d.id);
  }
  SearchResult res = search(db, req);
  if (args.flag("--explain")) {
    std::cerr << "Tolkad fråga: " << res.parsed << "\n";
    for (const auto& line : explain_query(query)) std::cerr << "  " << line << "\n";
  }
  if (args.flag("--json")) {
    auto out = search_json(res);
    if (args.flag("--explain")) out->set("parsed", res.parsed);
    if (!linked.empty()) out->set("linked", linked_json(args.value("--linked"), linked));
    print_json(std::cout, out);
  } else {
    if (!linked.empty()) print_linked(std::cout, linked);
    print_search(std::cout, res, req);
  }
  return kOk;
}

}  // namespace rk::cli
