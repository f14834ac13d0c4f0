// remisskoll terms [--db DIR] [--doc ID] [--json] [--tbx FILE] [--termbank FILE]:
// one concept under several names, with the term bank's verdict.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/output.hh"
#include "query/terms.hh"

namespace rk::cli {
namespace {

// --termbank, else ./termbank.tbx when there is one, else no term bank.
terms::TermBank load_termbank(const Args& args) {
  std::string path = args.value("--termbank");
  if (path.empty() && std::filesystem::exists("termbank.tbx")) path = "termbank.tbx";
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("kan inte läsa termbanken " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  try {
    return terms::read_tbx(bytes.str());
  } catch (const InputError& e) {
    throw UsageError(path + ": " + e.what());
  }
}

const char* finding_label(const std::string& type) {
  if (type == "several_names") return "flera namn";
  if (type == "mixed_in_document") return "blandade namn i samma dokument";
  return "avrådd term";
}

void print_report(std::ostream& out, const terms::Report& r) {
  out << "Begrepp (" << r.concepts.size() << "):\n";
  for (const auto& c : r.concepts) {
    out << "  " << c.preferred << " [" << c.source << "]: " << c.reason << "\n";
    for (const auto& v : c.variants) {
      out << "      " << v.form << " ×" << v.count << " i";
      for (const auto& d : v.docs) out << " " << d;
      out << "\n";
    }
  }
  out << "Fynd (" << r.findings.size() << "):\n";
  for (const auto& f : r.findings) {
    out << "  " << finding_label(f.type) << ": " << f.concept_name;
    if (!f.detail.empty()) out << " (" << f.detail << ")";
    out << "\n";
    for (const auto& e : f.evidence) out << "      " << e.passage << ": " << e.text << "\n";
  }
}

}  // namespace

int cmd_terms(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--doc", "--tbx", "--termbank"}, {"--json"});
  const terms::TermBank bank = load_termbank(args);
  Xapian::Database db = open_readonly(args.db());
  const terms::Report report = terms::analyse(passages_for_terms(db, args.value("--doc")), bank);
  if (args.has("--tbx")) {
    std::ofstream tbx(args.value("--tbx"), std::ios::binary);
    if (!(tbx << terms::write_tbx(terms::candidates_as_bank(report))))
      throw UsageError("kan inte skriva " + args.value("--tbx"));
  }
  if (args.flag("--json"))
    print_json(std::cout, terms_json(report));
  else
    print_report(std::cout, report);
  return kOk;
}

}  // namespace rk::cli
