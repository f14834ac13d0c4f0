#include "indexer/store/record.hh"

#include <Poco/JSON/Array.h>

#include <array>
#include <map>
#include <set>
#include <string_view>

#include "indexer/analysis/swedish.hh"
#include "indexer/consult/compilation.hh"
#include "indexer/consult/consult.hh"
#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "indexer/privacy/privacy.hh"
#include "indexer/refs/refs.hh"

namespace rk {

namespace s = schema;

std::string id_term(const std::string& id) { return bounded_term(s::prefix::id, id); }

std::string file_term(const std::string& file_key) {
  return bounded_term(s::prefix::file, file_key);
}

bool set_link_terms(Xapian::Document& rec, std::string_view prefix,
                    const std::set<std::string>& ids) {
  std::set<std::string> want, have;
  for (const auto& id : ids)
    if (!id.empty()) want.insert(bounded_term(prefix, id));
  const std::string p(prefix);
  auto t = rec.termlist_begin();
  for (t.skip_to(p); t != rec.termlist_end(); ++t) {
    const std::string term = *t;
    if (term.compare(0, p.size(), p) != 0) break;
    have.insert(term);
  }
  if (have == want) return false;
  for (const auto& term : have)
    if (!want.count(term)) rec.remove_term(term);
  for (const auto& term : want)
    if (!have.count(term)) rec.add_boolean_term(term);
  return true;
}

std::string date_value(const std::string& iso) {
  std::string v;
  for (char c : iso) {
    if (c != '-') v += c;
  }
  return v;
}

std::string iso_date(const std::string& value) {
  std::string out = value;
  if (out.size() >= 6) out.insert(4, "-");
  if (out.size() >= 9) out.insert(7, "-");
  return out;
}

namespace {

// Terms and values every record of a document carries, for filters and facets.
void add_common(Xapian::Document& rec, const Document& doc, const std::string& file_key) {
  rec.add_boolean_term(bounded_term(s::prefix::doc, doc.id));
  rec.add_boolean_term(bounded_term(s::prefix::kind, doc.kind));
  if (!doc.author.empty())
    rec.add_boolean_term(bounded_term(s::prefix::author, name_key(doc.author)));
  const std::string year = year_of(doc.date);
  if (!year.empty()) rec.add_boolean_term(std::string(s::prefix::year) + year);
  rec.add_boolean_term(file_term(file_key));
  rec.add_value(s::kSlotDocId, doc.id);
  rec.add_value(s::kSlotTitle, doc.title);
  rec.add_value(s::kSlotKind, doc.kind);
  if (!doc.author.empty()) rec.add_value(s::kSlotAuthor, doc.author);
  if (!doc.date.empty()) rec.add_value(s::kSlotDate, date_value(doc.date));
  if (!year.empty()) rec.add_value(s::kSlotYear, year);
}

int passage_count(const Document& doc) {
  int n = 0;
  for (const auto& sec : doc.sections) n += static_cast<int>(sec.passages.size());
  return n;
}

// The sections and which passages they hold, so that show can rebuild them.
Poco::JSON::Array::Ptr outline(const Document& doc) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  for (const auto& sec : doc.sections) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("heading", sec.heading);
    o->set("level", sec.level);
    o->set("page", sec.page);
    o->set("line", sec.line);
    o->set("first", sec.passages.empty() ? 0 : sec.passages.front().ordinal);
    o->set("count", static_cast<int>(sec.passages.size()));
    out->add(o);
  }
  return out;
}

// Every mention ends in (or, for an alias, refers back to) a word for a kind
// of document or a law (indexer/refs/internal.hh document_head, laws). Most
// passages contain none, and find_mentions is the indexer's costliest step:
// a byte search skips them. ASCII case folding suffices: the cues are ASCII
// apart from "för-" in "förordning", which "rordning" avoids.
bool may_name_a_document(std::string_view text) {
  static constexpr std::array<std::string_view, 8> kCues{"program",  "plan", "polic",    "riktlinj",
                                                         "strategi", "lag",  "rordning", "balk"};
  std::string folded(text);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (auto cue : kCues)
    if (folded.find(cue) != std::string::npos) return true;
  return false;
}

// The documents and laws a passage names: in its data for the writer's
// resolution (indexer/store/references.cpp), as XR terms to find them fast.
void add_mentions(Xapian::Document& rec, Poco::JSON::Object::Ptr& data, const Passage& p) {
  if (!may_name_a_document(p.text)) return;
  const auto mentions = find_mentions(p.text, p.kind == BlockKind::list_item);
  if (mentions.empty()) return;
  Poco::JSON::Array::Ptr arr = new Poco::JSON::Array;
  for (const auto& m : mentions) {
    arr->add(to_json(m));
    rec.add_boolean_term(bounded_term(s::prefix::reference, name_key(m.text)));
  }
  data->set("mentions", arr);
}

// The personal data in a document's passages (indexer/privacy): the spans
// for the document's data, so that show can mark them, and the kinds each
// passage holds, so that a query can filter by them.
struct PersonalData {
  Poco::JSON::Array::Ptr spans = new Poco::JSON::Array;  // {"kind","passage","begin","end"}
  std::map<std::string, std::set<std::string>> kinds;    // passage id -> kind codes
};

PersonalData personal_data(const Document& doc) {
  PersonalData out;
  for (const auto& sec : doc.sections) {
    for (const auto& p : sec.passages) {
      for (const auto& span : privacy::find_personal_data(p.text)) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("kind", std::string(privacy::kind_code(span.kind)));
        o->set("passage", p.id);
        o->set("begin", static_cast<Poco::UInt64>(span.begin));
        o->set("end", static_cast<Poco::UInt64>(span.end));
        out.spans->add(o);
        out.kinds[p.id].insert(std::string(privacy::kind_code(span.kind)));
      }
    }
  }
  return out;
}

void add_personal_data_terms(Xapian::Document& rec, const std::set<std::string>& kinds) {
  for (const auto& kind : kinds) rec.add_boolean_term(std::string(s::prefix::personal_data) + kind);
}

}  // namespace

std::vector<Xapian::Document> make_records(const Document& doc, const std::string& file_key) {
  const auto& analyzer = SwedishAnalyzer::get();
  std::vector<Xapian::Document> out;
  out.reserve(static_cast<std::size_t>(passage_count(doc)) + 1);

  Xapian::Document d;
  d.add_boolean_term(id_term(doc.id));
  d.add_boolean_term(std::string(s::prefix::type) + std::string(s::kTypeDocument));
  add_common(d, doc, file_key);
  Xapian::termpos pos = 1;
  analyzer.index_text(d, doc.title, std::string(s::prefix::title), pos);
  auto fields = document_fields(doc, passage_count(doc));
  if (doc.kind == "response") {
    auto analysis = to_json(analyse_response(doc));
    for (const auto& [key, value] : *analysis) fields->set(key, value);
  }
  // The office's own account of the responses: its table, and for a staff
  // report also what its prose says each body decided.
  if (doc.kind == "compilation" || doc.kind == "staff_report") {
    auto rows = parse_compilation(doc, doc.layout);
    if (doc.kind == "staff_report") {
      auto prose = office_summary(doc);
      rows.insert(rows.end(), prose.begin(), prose.end());
    }
    if (!rows.empty() || doc.kind == "compilation") fields->set("rows", to_json(rows));
  }
  fields->set("outline", outline(doc));
  // Resolved after every run (indexer/store/references.cpp), which rewrites
  // only the records whose references changed: none is the common case.
  fields->set("references", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  const PersonalData personal = personal_data(doc);
  if (personal.spans->size() > 0) {
    fields->set("personal_data", personal.spans);
    std::set<std::string> all;
    for (const auto& [passage, kinds] : personal.kinds) all.insert(kinds.begin(), kinds.end());
    add_personal_data_terms(d, all);
  }
  d.set_data(to_json_string(fields));
  out.push_back(std::move(d));

  for (const auto& sec : doc.sections) {
    for (const auto& p : sec.passages) {
      Xapian::Document r;
      r.add_boolean_term(id_term(p.id));
      r.add_boolean_term(std::string(s::prefix::type) + std::string(s::kTypePassage));
      r.add_boolean_term(std::string(s::prefix::block) + to_string(p.kind));
      add_common(r, doc, file_key);
      r.add_value(s::kSlotPage, Xapian::sortable_serialise(p.page));
      r.add_value(s::kSlotOrdinal, Xapian::sortable_serialise(p.ordinal));
      r.add_value(s::kSlotLineStart, Xapian::sortable_serialise(p.line_start));
      Xapian::termpos text_pos = 1;
      analyzer.index_text(r, p.text, "", text_pos);
      auto data = passage_json(p, doc.id, sec.heading);
      add_mentions(r, data, p);
      if (auto found = personal.kinds.find(p.id); found != personal.kinds.end())
        add_personal_data_terms(r, found->second);
      r.set_data(to_json_string(data));
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace rk
