// remisskoll: one binary, one subcommand per task (like notmuch and mu).
// The write side (index) lives in indexer/, the read side in query/.
#include <xapian.h>

#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "indexer/core/error.hh"
#include "query/cli.hh"

namespace {

const char* const kUsage = R"(Användning: remisskoll KOMMANDO [FLAGGOR]

Kommandon:
  index  [--db DIR] [--manifest FIL] [--threads N] [--quiet] SÖKVÄG...
         Läser in program, policyer, remissvar och handlingar i indexet.
  compact [--db DIR] [--quiet]
         Skriver om indexet kompakt: en tredjedel mindre, snabbare sökningar.
  docs   [--db DIR] [--json]
         Listar dokumenten i indexet.
  show   [--db DIR] [--json] ID
         Visar ett dokument med avsnitt, sidor och rader.
  search [--db DIR] [--limit N] [--offset N] [--linked ID] [--json] [--explain] FRÅGA
         Söker i alla avsnitt. Filter: typ:program av:socialnämnden dok:ID år:2027,
         titel:ORD (dokument vars titel matchar), fraser "...", OR, NOT, ord*.
  refs   [--db DIR] [--doc ID] [--json|--dot|--svg]
         Hänvisningar mellan dokumenten och fynd: saknade, ersatta, okända.
  terms  [--db DIR] [--doc ID] [--json] [--tbx FIL] [--termbank FIL]
         Samma begrepp under olika namn: förkortningar, stavningsvarianter, avrådda termer.
  compile --program ID [--db DIR] [--json|--csv|--format html|docx --out FIL]
         Sammanställning av remissvaren: remissinstans, beslut, synpunkter, likalydande svar.
  gaps   --program ID [--db DIR] [--json]
         Luckor: vad remissvaren tar upp som programmet saknar eller bara nämner.
  report --program ID --format html|md|json|docx --out FIL [--db DIR]
         Bristrapport att bifoga ett tjänsteutlåtande: sammanfattning, brister med citat.
  serve  [--db DIR] [--port N] [--bind ADRESS]
         Webbgränssnittet på http://127.0.0.1:8080/: sök, dokument, program, hänvisningar.

Indexet ligger i --db, annars $REMISSKOLL_DB, annars ./remisskoll.db.
Se docs/commands.md för JSON-formaten och slutstatus.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace rk;
  const std::map<std::string, cli::Command> commands = {
      {"index", cli::cmd_index},     {"docs", cli::cmd_docs},       {"show", cli::cmd_show},
      {"search", cli::cmd_search},   {"refs", cli::cmd_refs},       {"terms", cli::cmd_terms},
      {"compile", cli::cmd_compile}, {"gaps", cli::cmd_gaps},       {"serve", cli::cmd_serve},
      {"report", cli::cmd_report},   {"compact", cli::cmd_compact},
  };
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help") ||
      !std::strcmp(argv[1], "-h")) {
    std::cout << kUsage;
    return argc < 2 ? cli::kUsage : cli::kOk;
  }
  if (!std::strcmp(argv[1], "--version")) {
    std::cout << "remisskoll 0.1 (Xapian " << Xapian::version_string() << ")\n";
    return cli::kOk;
  }
  auto cmd = commands.find(argv[1]);
  if (cmd == commands.end()) {
    std::cerr << "remisskoll: okänt kommando '" << argv[1] << "'\n\n" << kUsage;
    return cli::kUsage;
  }
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    // A reader that overlaps a writer's commits may find the revision it
    // opened gone (Xapian::DatabaseModifiedError): it starts again on the
    // latest commit, which it sees whole. The commands print only once they
    // have read everything, so nothing is printed twice.
    for (int attempt = 1;; ++attempt) {
      try {
        return cmd->second(args);
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == 3 || cmd->first == "index" || cmd->first == "compact" ||
            cmd->first == "serve")
          throw;
      }
    }
  } catch (const UsageError& e) {
    std::cerr << "remisskoll " << argv[1] << ": " << e.what() << "\n";
    return cli::kUsage;
  } catch (const DatabaseError& e) {
    std::cerr << "remisskoll " << argv[1] << ": " << e.what() << "\n";
    if (!e.hint().empty()) std::cerr << "  tips: " << e.hint() << "\n";
    return cli::kDatabase;
  } catch (const Xapian::Error& e) {
    std::cerr << "remisskoll " << argv[1] << ": indexfel: " << e.get_description() << "\n";
    return cli::kDatabase;
  }
}
