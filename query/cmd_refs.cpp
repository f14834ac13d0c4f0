// remisskoll refs [--db DIR] [--doc ID] [--json|--dot|--svg]: references
// between documents and the findings on them (query/refs.hh).
#include <cstdio>
#include <iostream>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/library.hh"
#include "query/output.hh"
#include "query/refs.hh"

namespace rk::cli {

namespace {

// The DOT graph through Graphviz's dot, SVG on standard output.
int print_svg(const std::string& dot) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    std::cerr << "remisskoll refs: programmet 'dot' saknas; installera Graphviz (paketet graphviz)"
                 " eller använd --dot\n";
    return kUsage;
  }
  FILE* pipe = popen("dot -Tsvg", "w");
  if (!pipe) throw UsageError("kunde inte starta 'dot'");
  std::fwrite(dot.data(), 1, dot.size(), pipe);
  return pclose(pipe) == 0 ? kOk : kUsage;
}

}  // namespace

int cmd_refs(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--doc"}, {"--json", "--dot", "--svg"});
  if (!args.positional().empty()) throw UsageError("refs tar inga argument; använd --doc ID");
  if (args.flag("--json") + args.flag("--dot") + args.flag("--svg") > 1)
    throw UsageError("välj en av --json, --dot och --svg");
  Xapian::Database db = open_readonly(args.db());
  const std::string doc = args.value("--doc");
  if (!doc.empty() && !load_document(db, doc)) {
    std::cerr << "remisskoll: inget dokument med id '" << doc << "' (se 'remisskoll docs')\n";
    return kNotFound;
  }
  const RefsReport report = build_refs_report(db, doc);
  if (args.flag("--json")) {
    print_json(std::cout, refs_json(report));
  } else if (args.flag("--dot")) {
    print_refs_dot(std::cout, report);
  } else if (args.flag("--svg")) {
    std::ostringstream dot;
    print_refs_dot(dot, report);
    std::cout.flush();
    return print_svg(dot.str());
  } else {
    print_refs(std::cout, report);
  }
  return kOk;
}

}  // namespace rk::cli
