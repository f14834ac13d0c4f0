// remisskoll report --program ID --format html|md|json|docx --out FILE [--termbank FILE]:
// the gap report for one program, to attach to a staff report.
#include <fstream>
#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/library.hh"
#include "query/report.hh"

namespace rk::cli {

int cmd_report(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--program", "--format", "--out", "--termbank"}, {});
  if (!args.positional().empty()) throw UsageError("report tar inga argument; använd --program ID");
  const std::string program = args.value("--program");
  const std::string out = args.value("--out");
  const std::string format = args.value("--format", "html");
  if (program.empty()) throw UsageError("ange programmet: --program ID");
  if (out.empty()) throw UsageError("ange filen att skriva: --out FIL");
  if (format != "html" && format != "md" && format != "json" && format != "docx")
    throw UsageError("--format ska vara html, md, json eller docx, inte '" + format + "'");
  const terms::TermBank bank = load_termbank(args.value("--termbank"));
  Xapian::Database db = open_readonly(args.db());
  if (!load_document(db, program)) {
    std::cerr << "remisskoll: inget dokument med id '" << program << "' (se 'remisskoll docs')\n";
    return kNotFound;
  }
  const std::string bytes = render_report(gap_report(db, program, bank), format);
  std::ofstream file(out, std::ios::binary);
  if (!(file << bytes) || !file.flush()) throw UsageError("kan inte skriva " + out);
  std::cerr << "Skrev " << out << " (" << bytes.size() << " byte)\n";
  return kOk;
}

}  // namespace rk::cli
