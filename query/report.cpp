#include "query/report.hh"

#include <Poco/JSON/Array.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/core/records.hh"
#include "query/consult.hh"
#include "query/library.hh"
#include "query/output.hh"
#include "query/refs.hh"
#include "query/render.hh"
#include "query/terms.hh"

namespace rk {

namespace {

using Obj = Poco::JSON::Object;
using Arr = Poco::JSON::Array;

Obj::Ptr object() { return new Obj(Poco::JSON_PRESERVE_KEY_ORDER); }

Arr::Ptr array_of(const Obj::Ptr& obj, const std::string& key) {
  auto a = obj ? obj->getArray(key) : nullptr;
  return a ? a : Arr::Ptr(new Arr);
}

// Where a quote stands: its document's title, its section and page, looked
// up once per passage.
class Locator {
 public:
  explicit Locator(const Xapian::Database& db) : db_(db) {}

  void locate(Obj::Ptr quote) {
    const std::string id = json_text(quote, "passage");
    if (id.empty()) return;
    auto p = load_passage(db_, id);
    if (!p) return;
    quote->set("page", json_text(*p, "page"));
    quote->set("section", json_text(*p, "section"));
    const std::string doc = json_text(*p, "doc");
    quote->set("doc", doc);
    quote->set("doc_title", title(doc));
  }

  std::string title(const std::string& doc) {
    auto it = titles_.find(doc);
    if (it != titles_.end()) return it->second;
    auto d = load_document(db_, doc);
    return titles_[doc] = d ? json_text(*d, "title") : doc;
  }

 private:
  const Xapian::Database& db_;
  std::map<std::string, std::string> titles_;
};

void label(Obj::Ptr obj, const std::string& key) {
  obj->set(key + "_label", swedish_label(json_text(obj, key)));
}

Arr::Ptr gaps_view(const Obj::Ptr& gaps, Locator& where) {
  auto list = array_of(gaps, "gaps");
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto g = list->getObject(static_cast<unsigned>(i));
    label(g, "coverage");
    if (!json_text(g, "revision").empty()) label(g, "revision");
    g->set("absent", json_text(g, "coverage") == "absent");
    auto raised = array_of(g, "raised_by");
    for (std::size_t j = 0; j < raised->size(); ++j) {
      auto q = raised->getObject(static_cast<unsigned>(j));
      label(q, "stance");
      where.locate(q);
    }
    for (const char* key : {"program_passages", "closest_passages", "revision_passages"}) {
      auto ps = array_of(g, key);
      for (std::size_t j = 0; j < ps->size(); ++j)
        where.locate(ps->getObject(static_cast<unsigned>(j)));
    }
  }
  return list;
}

Arr::Ptr references_view(const RefsReport& refs, Locator& where) {
  Arr::Ptr out = new Arr;
  for (const auto& f : refs.findings) {
    auto v = object();
    v->set("type", f.type);
    v->set("type_label", swedish_label(f.type));
    v->set("target", f.target);
    v->set("target_title", f.target.empty() ? f.text : where.title(f.target));
    v->set("score", f.score);
    Arr::Ptr evidence = new Arr;
    for (const auto& e : f.evidence) {
      auto q = object();
      q->set("passage", e.passage);
      q->set("text", e.text);
      where.locate(q);
      evidence->add(q);
    }
    v->set("evidence", evidence);
    out->add(v);
  }
  return out;
}

Arr::Ptr terms_view(const terms::Report& report, const std::string& program, Locator& where) {
  Arr::Ptr out = new Arr;
  for (const auto& f : report.findings) {
    if (std::find(f.docs.begin(), f.docs.end(), program) == f.docs.end()) continue;
    auto v = object();
    v->set("type", f.type);
    v->set("type_label", swedish_label(f.type));
    v->set("concept", f.concept_name);
    v->set("detail", f.detail);
    Arr::Ptr docs = new Arr;
    for (const auto& d : f.docs) docs->add(where.title(d));
    v->set("docs", docs);
    Arr::Ptr evidence = new Arr;
    for (const auto& e : f.evidence) {
      auto q = object();
      q->set("passage", e.passage);
      q->set("text", e.text);
      where.locate(q);
      evidence->add(q);
    }
    v->set("evidence", evidence);
    out->add(v);
  }
  return out;
}

// The compilation's rows with Swedish labels and an anchor for their quotes.
Arr::Ptr responses_view(const Obj::Ptr& compiled, Locator& where) {
  auto list = array_of(compiled, "responses");
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto r = list->getObject(static_cast<unsigned>(i));
    label(r, "decision");
    label(r, "category");
    r->set("anchor", "svar-" + std::to_string(i + 1));
    r->set("number", static_cast<int>(i + 1));
    if (r->isObject("evidence")) where.locate(r->getObject("evidence"));
    auto statements = array_of(r, "statements");
    for (std::size_t j = 0; j < statements->size(); ++j) {
      auto s = statements->getObject(static_cast<unsigned>(j));
      label(s, "stance");
      where.locate(s);
    }
  }
  return list;
}

Arr::Ptr topics_with(const Arr::Ptr& gaps, const std::string& coverage) {
  Arr::Ptr out = new Arr;
  for (std::size_t i = 0; i < gaps->size(); ++i) {
    auto g = gaps->getObject(static_cast<unsigned>(i));
    if (json_text(g, "coverage") == coverage) out->add(json_text(g, "topic"));
  }
  return out;
}

Obj::Ptr summary_view(const Obj::Ptr& report, const Obj::Ptr& compiled) {
  auto s = object();
  auto gaps = array_of(report, "gaps");
  s->set("gaps", static_cast<int>(gaps->size()));
  s->set("absent", topics_with(gaps, "absent"));
  s->set("mentioned", topics_with(gaps, "mentioned"));
  Arr::Ptr missing = new Arr;
  auto refs = array_of(report, "references");
  for (std::size_t i = 0; i < refs->size(); ++i) {
    auto r = refs->getObject(static_cast<unsigned>(i));
    missing->add(json_text(r, "type_label") + ": " + json_text(r, "target_title"));
  }
  s->set("references", missing);
  Arr::Ptr diverging = new Arr;
  auto terms = array_of(report, "terms");
  for (std::size_t i = 0; i < terms->size(); ++i) {
    auto t = terms->getObject(static_cast<unsigned>(i));
    diverging->add(json_text(t, "concept") + " (" + json_text(t, "type_label") + ")");
  }
  s->set("terms", diverging);
  Arr::Ptr decisions = new Arr;
  auto counts = compiled->getObject("decisions");
  for (const auto& [code, n] : counts ? *counts : Obj()) {
    if (n.convert<int>() == 0) continue;
    auto d = object();
    d->set("label", swedish_label(code));
    d->set("count", n.convert<int>());
    decisions->add(d);
  }
  s->set("decisions", decisions);
  s->set("responses", static_cast<int>(array_of(compiled, "responses")->size()));
  return s;
}

// The parts of a DOCX besides its document.xml (ECMA-376, the minimum Word
// and LibreOffice open).
constexpr const char* kContentTypes = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>)";
constexpr const char* kPackageRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>)";
constexpr const char* kDocumentRels = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";

}  // namespace

terms::TermBank load_termbank(const std::string& path_given) {
  std::string path = path_given;
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

Poco::JSON::Object::Ptr gap_report(const Xapian::Database& db, const std::string& program_id,
                                   const terms::TermBank& bank) {
  auto doc = load_document(db, program_id);
  if (!doc) throw InputError("inget dokument med id '" + program_id + "'");
  Locator where(db);
  auto out = format1();
  auto program = object();
  for (const char* k : {"id", "title", "kind", "author", "date"})
    program->set(k, json_text(*doc, k));
  program->set("kind_label", swedish_label(json_text(*doc, "kind")));
  out->set("program", program);
  auto gaps = program_gaps(db, program_id);
  if (!json_text(gaps, "revision").empty()) {
    auto rev = object();
    rev->set("id", json_text(gaps, "revision"));
    rev->set("title", where.title(json_text(gaps, "revision")));
    out->set("revision", rev);
  }
  auto compiled = compile_program(db, program_id);
  out->set("gaps", gaps_view(gaps, where));
  out->set("claims", array_of(gaps, "claims"));
  out->set("references", references_view(build_refs_report(db, program_id), where));
  out->set("terms",
           terms_view(terms::analyse(passages_for_terms(db, program_id), bank), program_id, where));
  out->set("responses", responses_view(compiled, where));
  out->set("groups", array_of(compiled, "groups"));
  out->set("summary", summary_view(out, compiled));
  return out;
}

std::string docx_package(const std::string& document_xml) {
  std::ostringstream zip;
  Poco::Zip::Compress c(zip, true);
  const std::pair<std::string, std::string> parts[] = {
      {"[Content_Types].xml", kContentTypes},
      {"_rels/.rels", kPackageRels},
      {"word/_rels/document.xml.rels", kDocumentRels},
      {"word/styles.xml", render("docx-styles.xml", object())},
      {"word/document.xml", document_xml},
  };
  for (const auto& [name, text] : parts) {
    std::istringstream in(text);
    c.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX),
              Poco::Zip::ZipCommon::CM_DEFLATE);
  }
  c.close();
  return zip.str();
}

std::string render_report(const Poco::JSON::Object::Ptr& report, const std::string& format) {
  if (format == "json") {
    std::ostringstream out;
    print_json(out, report);
    return out.str();
  }
  if (format == "html") return render("report.html", report);
  if (format == "md") return render("report.md", report);
  if (format == "docx") return docx_package(render("report.docx.xml", report));
  throw UsageError("okänt format '" + format + "': välj html, md, json eller docx");
}

std::string render_compilation(const Poco::JSON::Object::Ptr& compiled, const std::string& format) {
  auto model = object();
  model->set("program", compiled->get("program"));
  model->set("title", compiled->get("title"));
  auto list = array_of(compiled, "responses");
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto r = list->getObject(static_cast<unsigned>(i));
    label(r, "decision");
    label(r, "category");
    r->set("anchor", "svar-" + std::to_string(i + 1));
    r->set("number", static_cast<int>(i + 1));
    auto statements = array_of(r, "statements");
    for (std::size_t j = 0; j < statements->size(); ++j)
      label(statements->getObject(static_cast<unsigned>(j)), "stance");
  }
  model->set("responses", list);
  if (format == "html") return render("compilation.html", model);
  if (format == "docx") return docx_package(render("compilation.docx.xml", model));
  throw UsageError("okänt format '" + format + "': välj html, docx eller csv");
}

}  // namespace rk
