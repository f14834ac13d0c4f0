// remisskoll report --program ID --format html|md|json|docx --out FILE [--termbank FILE]
// [--redact]: the gap report for one program, to attach to a staff report;
// with --redact, its personal data replaced by placeholders.
#include <fstream>
#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/library.hh"
#include "query/render.hh"
#include "query/report.hh"

namespace rk::cli {

int cmd_report(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--program", "--format", "--out", "--termbank"}, {"--redact"});
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
  const auto report = gap_report(db, program, bank);
  if (args.flag("--redact")) redact_model(report);
  const std::string bytes = render_report(report, format);
  std::ofstream file(out, std::ios::binary);
  if (!(file << bytes) || !file.flush()) throw UsageError("kan inte skriva " + out);
  std::cerr << "Skrev " << out << " (" << bytes.size() << " byte)\n";
  return kOk;
}

}  // namespace rk::cli
