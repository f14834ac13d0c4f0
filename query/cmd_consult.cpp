// remisskoll compile --program ID [--json|--csv] and remisskoll gaps --program
// ID [--json]: the consultation analyses of query/consult.hh on the command line.
// --redact replaces the personal data in what they print.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/core/records.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/consult.hh"
#include "query/library.hh"
#include "query/output.hh"
#include "query/render.hh"
#include "query/report.hh"

namespace rk::cli {

namespace {

const std::map<std::string, std::string>& decision_words() {
  static const std::map<std::string, std::string> words = {
      {"tillstyrker", "tillstyrker"}, {"tillstyrker_delvis", "tillstyrker delvis"},
      {"avstyrker", "avstyrker"},     {"inga_synpunkter", "inga synpunkter"},
      {"avstar", "avstår"},           {"ej_angiven", "beslut ej angivet"}};
  return words;
}

const std::map<std::string, std::string>& coverage_words() {
  static const std::map<std::string, std::string> words = {
      {"absent", "saknas i programmet"},
      {"mentioned", "nämns men utvecklas inte"},
      {"developed", "behandlas i programmet"}};
  return words;
}

std::string word_for(const std::map<std::string, std::string>& words, const std::string& key) {
  auto it = words.find(key);
  return it == words.end() ? key : it->second;
}

// Reads --program and checks that it names a document.
std::optional<std::string> program_arg(const Args& args, const Xapian::Database& db) {
  const std::string id = args.value("--program");
  if (id.empty()) throw UsageError("ange programmet med --program ID (se 'remisskoll docs')");
  if (!load_document(db, id)) {
    std::cerr << "remisskoll: inget dokument med id '" << id << "' (se 'remisskoll docs')\n";
    return std::nullopt;
  }
  return id;
}

Poco::JSON::Object::Ptr at(const Poco::JSON::Array::Ptr& a, std::size_t i) {
  return a->getObject(static_cast<unsigned>(i));
}

void print_compilation(std::ostream& out, const Poco::JSON::Object::Ptr& c) {
  auto responses = c->getArray("responses");
  out << "Sammanställning av remissvar: " << json_text(c, "title") << " ("
      << json_text(c, "program") << ")\n"
      << responses->size() << " remissvar\n\n";
  for (std::size_t i = 0; i < responses->size(); ++i) {
    auto r = at(responses, i);
    out << json_text(r, "respondent") << " [" << json_text(r, "doc")
        << "]: " << word_for(decision_words(), json_text(r, "decision")) << "\n";
    if (auto ev = r->getObject("evidence"))
      out << "  beslut: \"" << json_text(ev, "text") << "\" (" << json_text(ev, "passage") << ")\n";
    auto st = r->getArray("statements");
    for (std::size_t j = 0; j < st->size(); ++j) {
      auto s = at(st, j);
      const std::string stance = json_text(s, "stance");
      if (stance != "critical" && stance != "proposal") continue;
      out << "  - " << (stance == "critical" ? "kritik" : "förslag") << ": " << json_text(s, "text")
          << " (" << json_text(s, "passage");
      auto secs = s->getArray("sections");
      if (secs && secs->size() > 0) out << "; avsnitt " << secs->getElement<std::string>(0);
      out << ")\n";
    }
  }
  auto groups = c->getArray("groups");
  for (std::size_t i = 0; groups && i < groups->size(); ++i) {
    auto g = at(groups, i);
    out << "\nLikalydande svar: " << json_text(g, "first_respondent") << " ("
        << json_text(g, "first") << ")";
    auto joined = g->getArray("joined");
    for (std::size_t j = 0; j < joined->size(); ++j)
      out << (j ? ", " : " och ") << json_text(at(joined, j), "respondent");
    out << ": " << json_text(g, "shared_sentences") << " identiska meningar, likhet "
        << json_text(g, "similarity") << "\n";
  }
}

void print_gaps(std::ostream& out, const Poco::JSON::Object::Ptr& g) {
  auto gaps = g->getArray("gaps");
  out << "Luckor i " << json_text(g, "title") << " (" << json_text(g, "program") << "), enligt "
      << json_text(g, "responses") << " remissvar\n";
  if (!json_text(g, "revision").empty())
    out << "Reviderad version: " << json_text(g, "revision") << "\n";
  for (std::size_t i = 0; i < gaps->size(); ++i) {
    auto gap = at(gaps, i);
    out << "\n"
        << i + 1 << ". " << json_text(gap, "topic") << ": "
        << word_for(coverage_words(), json_text(gap, "coverage")) << " ("
        << json_text(gap, "bodies") << " remissinstanser, poäng " << json_text(gap, "score") << ")";
    const std::string rev = json_text(gap, "revision");
    if (!rev.empty())
      out << (rev == "taken_up" ? ", omhändertagen i revideringen" : ", inte omhändertagen");
    out << "\n";
    auto raised = gap->getArray("raised_by");
    for (std::size_t j = 0; j < raised->size(); ++j) {
      auto r = at(raised, j);
      out << "  " << json_text(r, "respondent") << ": \"" << json_text(r, "text") << "\" ("
          << json_text(r, "passage") << ")\n";
    }
    auto ps = gap->getArray("program_passages");
    for (std::size_t j = 0; j < ps->size() && j < 3; ++j) {
      auto p = at(ps, j);
      out << "  programmet, " << json_text(p, "heading") << " s. " << json_text(p, "page") << ": \""
          << json_text(p, "text") << "\"\n";
    }
  }
  auto claims = g->getArray("claims");
  if (claims && claims->size() > 0) out << "\nPåståenden i remissvaren, prövade mot programmet:\n";
  for (std::size_t i = 0; claims && i < claims->size(); ++i) {
    auto c = at(claims, i);
    auto s = c->getObject("statement");
    out << "  " << (json_text(c, "verdict") == "confirmed" ? "stämmer" : "stämmer inte") << ": "
        << json_text(s, "respondent") << ", \"" << json_text(s, "text") << "\" ("
        << json_text(s, "passage") << ")\n";
  }
}

}  // namespace

int cmd_compile(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--program", "--format", "--out"}, {"--json", "--csv", "--redact"});
  if (!args.positional().empty())
    throw UsageError("compile tar inga argument; använd --program ID");
  std::string format = args.value("--format", args.flag("--json")  ? "json"
                                              : args.flag("--csv") ? "csv"
                                                                   : "text");
  if (args.flag("--json") + args.flag("--csv") + args.has("--format") > 1)
    throw UsageError("välj en av --json, --csv och --format");
  if (format != "text" && format != "json" && format != "csv" && format != "html" &&
      format != "docx")
    throw UsageError("okänt format '" + format + "' (text, json, csv, html, docx)");
  if (format == "docx" && !args.has("--out")) throw UsageError("--format docx kräver --out FIL");
  Xapian::Database db = open_readonly(args.db());
  auto id = program_arg(args, db);
  if (!id) return kNotFound;
  const auto compiled = compile_program(db, *id);
  if (args.flag("--redact")) redact_model(compiled);
  std::ostringstream out;
  if (format == "json")
    print_json(out, compiled);
  else if (format == "csv")
    out << compilation_csv(compiled);
  else if (format == "html" || format == "docx")
    out << render_compilation(compiled, format);
  else
    print_compilation(out, compiled);
  if (!args.has("--out")) {
    std::cout << out.str();
    return kOk;
  }
  std::ofstream file(args.value("--out"), std::ios::binary);
  file << out.str();
  if (!file.flush()) throw UsageError("kunde inte skriva " + args.value("--out"));
  return kOk;
}

int cmd_gaps(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--program"}, {"--json", "--redact"});
  if (!args.positional().empty()) throw UsageError("gaps tar inga argument; använd --program ID");
  Xapian::Database db = open_readonly(args.db());
  auto id = program_arg(args, db);
  if (!id) return kNotFound;
  const auto gaps = program_gaps(db, *id);
  if (args.flag("--redact")) redact_model(gaps);
  if (args.flag("--json"))
    print_json(std::cout, gaps);
  else
    print_gaps(std::cout, gaps);
  return kOk;
}

}  // namespace rk::cli
