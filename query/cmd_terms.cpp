// remisskoll terms [--db DIR] [--doc ID] [--json] [--tbx FILE] [--termbank FILE]:
// one concept under several names, with the term bank's verdict.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/core/text.hh"
#include "indexer/store/database.hh"
#include "indexer/store/synonyms.hh"
#include "query/cli.hh"
#include "query/output.hh"
#include "query/terms.hh"

namespace rk::cli {
namespace {

// --termbank, else the term banks the index was built with (indexer/store/
// synonyms.hh), else ./termbank.tbx when there is one, else no term bank.
terms::TermBank load_termbank(const Args& args, const Xapian::Database& db) {
  std::vector<std::filesystem::path> files;
  if (args.has("--termbank"))
    files.push_back(args.value("--termbank"));
  else
    files = recorded_termbanks(db);
  if (files.empty() && std::filesystem::exists("termbank.tbx")) files.push_back("termbank.tbx");
  for (const auto& f : files)
    if (!std::filesystem::is_regular_file(f))
      throw UsageError("kan inte läsa termbanken " + f.string());
  std::ostringstream err;
  std::size_t failed = 0;
  terms::TermBank bank = load_termbanks(files, err, failed);
  if (failed > 0) throw UsageError(collapse_space(err.str()));
  return bank;
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
  Xapian::Database db = open_readonly(args.db());
  const terms::TermBank bank = load_termbank(args, db);
  const terms::Report report = terms::analyse(passages_for_terms(db, args.value("--doc")), bank);
  if (args.has("--tbx")) {
    std::ofstream tbx(args.value("--tbx"), std::ios::binary);
    if (!(tbx << terms::write_tbx(terms::candidates_as_bank(report, bank))))
      throw UsageError("kan inte skriva " + args.value("--tbx"));
  }
  if (args.flag("--json"))
    print_json(std::cout, terms_json(report));
  else
    print_report(std::cout, report);
  return kOk;
}

}  // namespace rk::cli
