// remisskoll show [--db DIR] [--json] [--redact] ID: one document, section
// by section, its personal data marked (or, with --redact, replaced).
#include <Poco/JSON/Array.h>

#include <iostream>
#include <map>
#include <utility>
#include <vector>

#include "indexer/core/error.hh"
#include "indexer/core/records.hh"
#include "indexer/privacy/privacy.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/library.hh"
#include "query/output.hh"
#include "query/render.hh"

namespace rk::cli {

namespace {

// The spans the indexer stored (indexer/store/record.cpp), by passage id.
std::map<std::string, std::vector<privacy::Span>> spans_by_passage(
    const Poco::JSON::Array::Ptr& stored) {
  std::map<std::string, std::vector<privacy::Span>> out;
  for (std::size_t i = 0; i < stored->size(); ++i) {
    auto o = stored->getObject(static_cast<unsigned>(i));
    const auto kind = privacy::kind_from_code(json_text(o, "kind"));
    if (!kind) continue;
    out[json_text(o, "passage")].push_back(
        {o->getValue<std::size_t>("begin"), o->getValue<std::size_t>("end"), *kind});
  }
  return out;
}

// Each span of a passage's text written as ⟦kind: text⟧, for the terminal.
void mark_personal_data(const Poco::JSON::Object::Ptr& doc) {
  const auto spans = spans_by_passage(doc->getArray("personal_data"));
  auto sections = doc->getArray("sections");
  for (std::size_t i = 0; sections && i < sections->size(); ++i) {
    auto ps = sections->getObject(static_cast<unsigned>(i))->getArray("passages");
    for (std::size_t j = 0; ps && j < ps->size(); ++j) {
      auto p = ps->getObject(static_cast<unsigned>(j));
      auto found = spans.find(json_text(p, "id"));
      if (found == spans.end()) continue;
      p->set("text", privacy::rewrite(json_text(p, "text"), found->second,
                                      [](const privacy::Span& s, std::string_view bytes) {
                                        return "⟦" + std::string(privacy::kind_name(s.kind)) +
                                               ": " + std::string(bytes) + "⟧";
                                      }));
    }
  }
}

// "Personuppgifter: 3 (personnummer 1, e-post 2)" after the text, if any.
void print_personal_data_summary(std::ostream& out, const Poco::JSON::Array::Ptr& stored) {
  std::map<std::string, int> counts;
  std::size_t total = 0;
  for (const auto& [passage, spans] : spans_by_passage(stored)) {
    total += spans.size();
    for (const auto& s : spans) ++counts[std::string(privacy::kind_name(s.kind))];
  }
  if (total == 0) return;
  out << "\nPersonuppgifter: " << total;
  const char* sep = " (";
  for (const auto& [kind, n] : counts) out << std::exchange(sep, ", ") << kind << " " << n;
  out << ")\n";
}

}  // namespace

int cmd_show(const std::vector<std::string>& argv) {
  Args args(argv, {"--db"}, {"--json", "--redact"});
  if (args.positional().size() != 1) throw UsageError("ange ett dokument-id: remisskoll show ID");
  const std::string id = args.positional().front();
  Xapian::Database db = open_readonly(args.db());
  auto doc = load_document(db, id);
  if (!doc) {
    std::cerr << "remisskoll: inget dokument med id '" << id << "' (se 'remisskoll docs')\n";
    return kNotFound;
  }
  // An index written before personal data was detected has no spans.
  if (!(*doc)->isArray("personal_data"))
    (*doc)->set("personal_data", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  if (args.flag("--redact"))
    redact_model(*doc);
  else if (!args.flag("--json"))
    mark_personal_data(*doc);
  if (args.flag("--json")) {
    auto out = format1();
    out->set("document", *doc);
    print_json(std::cout, out);
  } else {
    print_document(std::cout, *doc);
    print_personal_data_summary(std::cout, (*doc)->getArray("personal_data"));
  }
  return kOk;
}

}  // namespace rk::cli
