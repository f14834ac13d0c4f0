#include "query/server.hh"

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "indexer/core/error.hh"
#include "indexer/core/model.hh"
#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "indexer/privacy/privacy.hh"
#include "indexer/store/database.hh"
#include "indexer/store/record.hh"
#include "query/consult.hh"
#include "query/library.hh"
#include "query/output.hh"
#include "query/refs.hh"
#include "query/render.hh"
#include "query/report.hh"
#include "query/search.hh"
#include "query/terms.hh"

namespace rk {

namespace {

using Obj = Poco::JSON::Object;
using Arr = Poco::JSON::Array;
using Params = std::map<std::string, std::string>;

constexpr unsigned kHitsPerPage = 10;

// A request the user got wrong: answered 400 with this Swedish message.
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// No document (or program) with the id asked for: answered 404.
struct NotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Obj::Ptr object() { return new Obj(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string url_encode(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "/?#&=+;:\"'<>%", out);
  return out;
}

std::string doc_href(const std::string& id) { return "/doc/" + url_encode(id); }

WebResponse html_page(const std::string& tmpl, const Obj::Ptr& model, int status = 200) {
  WebResponse r;
  r.status = status;
  r.body = render(tmpl, model);
  return r;
}

WebResponse json_response(const Obj::Ptr& obj) {
  WebResponse r;
  r.content_type = "application/json; charset=utf-8";
  std::ostringstream out;
  print_json(out, obj);
  r.body = out.str();
  return r;
}

WebResponse error_page(int status, const std::string& title, const std::string& message) {
  auto m = object();
  m->set("page_title", title);
  m->set("status", status);
  m->set("message", message);
  return html_page("error.html", m, status);
}

Obj::Ptr require_document(const Xapian::Database& db, const std::string& id) {
  auto doc = load_document(db, id);
  if (!doc) throw NotFound("Det finns inget dokument med id ”" + id + "” i indexet.");
  return *doc;
}

unsigned page_number(const Params& params) {
  auto it = params.find("sida");
  if (it == params.end() || it->second.empty()) return 1;
  try {
    std::size_t used = 0;
    const long n = std::stol(it->second, &used);
    if (used == it->second.size() && n >= 1 && n <= 10000) return static_cast<unsigned>(n);
  } catch (const std::exception&) {
  }
  throw BadRequest("Sidnumret ska vara ett heltal från 1 till 10000, inte ”" + it->second + "”.");
}

std::string param(const Params& params, const std::string& key) {
  auto it = params.find(key);
  return it == params.end() ? std::string() : it->second;
}

// ---- search -------------------------------------------------------------

std::string search_href(const std::string& q, unsigned page = 1) {
  std::string href = "/?q=" + url_encode(q);
  if (page > 1) href += "&sida=" + std::to_string(page);
  return href;
}

// A facet value as the filter the query language takes (quoted when it has spaces).
std::string facet_filter(const std::string& field, const std::string& value) {
  const std::string prefix = field == "kind" ? "typ:" : field == "author" ? "av:" : "år:";
  return value.find(' ') == std::string::npos ? prefix + value : prefix + "\"" + value + "\"";
}

Arr::Ptr facets_view(const SearchResult& res, const std::string& q) {
  static const std::map<std::string, std::string> kLabels = {
      {"kind", "Typ"}, {"author", "Avsändare"}, {"year", "År"}};
  Arr::Ptr out = new Arr;
  for (const auto& [field, counts] : res.facets) {
    if (counts.empty()) continue;
    auto f = object();
    f->set("label", kLabels.count(field) ? kLabels.at(field) : field);
    Arr::Ptr values = new Arr;
    for (const auto& [value, n] : counts) {
      auto v = object();
      const std::string filter = facet_filter(field, value);
      v->set("label", field == "kind" ? swedish_label(value) : value);
      v->set("count", static_cast<Poco::UInt64>(n));
      v->set("active", q.find(filter) != std::string::npos);
      v->set("href", search_href(q + " " + filter));
      values->add(v);
    }
    f->set("values", values);
    out->add(f);
  }
  return out;
}

// The landing page's list: the newest documents first, from the values every
// record carries (no record is parsed: a 1 GB corpus holds 131,000
// documents), at most kListedDocuments of them; a search finds the others.
constexpr std::size_t kListedDocuments = 500;

Poco::JSON::Object::Ptr documents_view(const Xapian::Database& db) {
  struct Listed {
    std::string date, title, id, kind, author;
  };
  std::vector<Listed> all;
  const std::string type = std::string(schema::prefix::type) + std::string(schema::kTypeDocument);
  for (auto it = db.postlist_begin(type); it != db.postlist_end(type); ++it) {
    const Xapian::Document rec = db.get_document(*it);
    std::string title = rec.get_value(schema::kSlotTitle);
    if (title.empty()) title = top_level_text(rec.get_data(), "title");  // indexed before the slot
    all.push_back({rec.get_value(schema::kSlotDate), title, rec.get_value(schema::kSlotDocId),
                   rec.get_value(schema::kSlotKind), rec.get_value(schema::kSlotAuthor)});
  }
  const std::size_t shown = std::min(all.size(), kListedDocuments);
  auto newest = [](const Listed& a, const Listed& b) {
    return std::tie(b.date, a.title, a.id) < std::tie(a.date, b.title, b.id);
  };
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(shown), all.end(),
                    newest);
  Arr::Ptr list = new Arr;
  for (std::size_t i = 0; i < shown; ++i) {
    const Listed& d = all[i];
    auto v = object();
    v->set("href", doc_href(d.id));
    v->set("title", d.title);
    v->set("kind_label", swedish_label(d.kind));
    v->set("date", iso_date(d.date));
    v->set("author", d.author);
    if (is_steering_kind(d.kind)) v->set("program_href", "/program/" + url_encode(d.id));
    list->add(v);
  }
  auto out = object();
  out->set("rows", list);
  out->set("total", static_cast<Poco::UInt64>(all.size()));
  if (shown < all.size())
    out->set("limited", "Visar de " + std::to_string(shown) + " senaste av " +
                            std::to_string(all.size()) +
                            " dokumenten. Sök eller filtrera (till exempel typ:program) för "
                            "att hitta de andra.");
  return out;
}

WebResponse search_page(const Xapian::Database& db, const ServeOptions& opt, const Params& params) {
  const std::string q = param(params, "q");
  const unsigned page = page_number(params);
  auto m = object();
  m->set("page_title", q.empty() ? "Sök" : "Sök: " + q);
  m->set("q", q);
  if (q.find_first_not_of(" \t") == std::string::npos) {
    auto listed = documents_view(db);
    m->set("documents", listed->getArray("rows"));
    if (listed->has("limited"))
      m->set("documents_limited", listed->getValue<std::string>("limited"));
    return html_page("search.html", m);
  }
  SearchRequest req;
  req.query = q;
  req.offset = (page - 1) * kHitsPerPage;
  req.limit = kHitsPerPage;
  req.remote = has_remote_shards(opt.db);
  SearchResult res;
  try {
    res = search(db, req);
  } catch (const UsageError& e) {
    throw BadRequest(std::string("Frågan kunde inte tolkas: ") + e.what());
  }
  auto json = search_json(res);
  Arr::Ptr hits = new Arr;
  for (const auto& h : res.hits) {
    auto v = object();
    v->set("href", doc_href(h.doc) + "#" + url_encode(h.passage));
    v->set("title", h.title);
    v->set("kind_label", swedish_label(h.kind));
    v->set("section", h.section);
    v->set("page", h.page);
    v->set("line_start", h.line_start);
    v->set("snippet_html", safe_snippet(h.snippet));
    hits->add(v);
  }
  m->set("has_query", true);
  m->set("total", static_cast<Poco::UInt64>(res.total));
  m->set("hits", hits);
  m->set("from", res.hits.empty() ? 0 : req.offset + 1);
  m->set("to", req.offset + static_cast<unsigned>(res.hits.size()));
  m->set("facets", facets_view(res, q));
  if (!res.ignored.empty()) m->set("ignored_note", ignored_words_note(res.ignored));
  if (res.facets_counted < res.total)
    m->set("facets_note",
           "Räknat bland de första " + std::to_string(res.facets_counted) + " träffarna.");
  if (page > 1) m->set("prev_href", search_href(q, page - 1));
  if (req.offset + res.hits.size() < res.total) m->set("next_href", search_href(q, page + 1));
  return html_page("search.html", m);
}

// ---- document -----------------------------------------------------------

// The references found on each passage: marks linking to their target.
struct PassageRef {
  std::string needle;
  Mark style;
};

std::map<std::string, std::vector<PassageRef>> passage_refs(const RefsReport& refs,
                                                            const Xapian::Database& db) {
  std::map<std::string, std::string> titles;
  for (const auto& d : refs.documents) titles[d.id] = d.title;
  std::map<std::string, std::vector<PassageRef>> out;
  for (const auto& r : refs.references) {
    Mark m;
    m.css_class = "ref ref-" + r.status;
    std::string title = swedish_label(r.status);
    if (!r.target.empty()) {
      m.href = doc_href(r.target);
      auto target = titles.count(r.target) ? titles.at(r.target) : std::string();
      if (target.empty()) {
        if (auto d = load_document(db, r.target)) target = json_text(*d, "title");
      }
      title += ": " + (target.empty() ? r.target : target);
    }
    m.title = title;
    out[r.passage].push_back({r.target_text, m});
  }
  return out;
}

std::string passage_html(const std::string& text, const std::vector<PassageRef>& refs) {
  std::vector<Mark> marks;
  for (const auto& r : refs) {
    auto found = find_marks(text, r.needle, r.style);
    marks.insert(marks.end(), found.begin(), found.end());
  }
  return mark_text(text, marks);
}

// A response's statements by passage, as the page lists them under it.
std::map<std::string, Arr::Ptr> statements_by_passage(const Obj::Ptr& doc) {
  std::map<std::string, Arr::Ptr> out;
  auto statements = doc->getArray("statements");
  for (std::size_t i = 0; statements && i < statements->size(); ++i) {
    auto s = statements->getObject(static_cast<unsigned>(i));
    auto v = object();
    const std::string stance = json_text(s, "stance");
    if (stance == "neutral") continue;  // the passage's text says it already
    v->set("stance", stance);
    v->set("stance_label", swedish_label(stance));
    v->set("cue", json_text(s, "cue"));
    v->set("text_html",
           mark_text(json_text(s, "text"), find_marks(json_text(s, "text"), json_text(s, "cue"),
                                                      Mark{0, 0, "cue", "", ""})));
    auto& list = out[json_text(s, "passage")];
    if (!list) list = new Arr;
    list->add(v);
  }
  return out;
}

Arr::Ptr sections_view(const Obj::Ptr& doc,
                       const std::map<std::string, std::vector<PassageRef>>& refs) {
  auto statements = statements_by_passage(doc);
  Arr::Ptr out = new Arr;
  auto sections = doc->getArray("sections");
  for (std::size_t i = 0; sections && i < sections->size(); ++i) {
    auto sec = sections->getObject(static_cast<unsigned>(i));
    auto v = object();
    v->set("heading", json_text(sec, "heading"));
    v->set("page", json_text(sec, "page"));
    v->set("level", std::min(6, std::max(2, sec->optValue<int>("level", 1) + 1)));
    Arr::Ptr ps = new Arr;
    auto passages = sec->getArray("passages");
    for (std::size_t j = 0; passages && j < passages->size(); ++j) {
      auto p = passages->getObject(static_cast<unsigned>(j));
      const std::string id = json_text(p, "id");
      auto pv = object();
      pv->set("id", id);
      pv->set("page", json_text(p, "page"));
      pv->set("line_start", json_text(p, "line_start"));
      pv->set("line_end", json_text(p, "line_end"));
      pv->set("list_item", json_text(p, "kind") == "list_item");
      auto found = refs.find(id);
      pv->set("html",
              passage_html(json_text(p, "text"),
                           found == refs.end() ? std::vector<PassageRef>{} : found->second));
      if (statements.count(id)) pv->set("statements", statements.at(id));
      ps->add(pv);
    }
    v->set("passages", ps);
    out->add(v);
  }
  return out;
}

// The fields every page about one document shows in its header.
Obj::Ptr document_header(const Obj::Ptr& doc) {
  auto m = object();
  const std::string id = json_text(doc, "id");
  m->set("id", id);
  m->set("title", json_text(doc, "title"));
  m->set("page_title", json_text(doc, "title"));
  m->set("kind_label", swedish_label(json_text(doc, "kind")));
  m->set("author", json_text(doc, "author"));
  m->set("date", json_text(doc, "date"));
  m->set("doc_href", doc_href(id));
  if (is_steering_kind(json_text(doc, "kind")))
    m->set("program_href", "/program/" + url_encode(id));
  for (const char* link : {"responds_to", "replaces"}) {
    const std::string target = json_text(doc, link);
    if (target.empty()) continue;
    auto l = object();
    l->set("href", doc_href(target));
    l->set("title", json_text(doc, std::string(link) + "_title").empty()
                        ? target
                        : json_text(doc, std::string(link) + "_title"));
    m->set(link, l);
  }
  if (doc->has("respondent") && doc->isObject("respondent")) {
    auto r = doc->getObject("respondent");
    auto v = object();
    v->set("name", json_text(r, "name"));
    v->set("category_label", swedish_label(json_text(r, "category")));
    m->set("respondent", v);
  }
  if (doc->has("decision") && doc->isObject("decision")) {
    auto d = doc->getObject("decision");
    auto v = object();
    v->set("stance_label", swedish_label(json_text(d, "stance")));
    if (d->isObject("evidence")) {
      auto e = d->getObject("evidence");
      v->set("text", json_text(e, "text"));
      v->set("href", "#" + url_encode(json_text(e, "passage")));
    }
    m->set("decision", v);
  }
  return m;
}

// The document's own references as stored at index time, with their
// targets' titles: all the page needs, without build_refs_report's pass over
// every document record (seconds over thousands of council bundles).
RefsReport own_references(const Xapian::Database& db, const Obj::Ptr& doc) {
  RefsReport report;
  std::set<std::string> targets;
  auto refs = doc->getArray("references");
  for (std::size_t i = 0; refs && i < refs->size(); ++i) {
    Reference r = reference_from_json(refs->getObject(static_cast<unsigned>(i)));
    if (!r.target.empty() && targets.insert(r.target).second) {
      if (auto target = load_document(db, r.target))
        report.documents.push_back(
            {r.target, json_text(*target, "title"), json_text(*target, "kind")});
    }
    report.references.push_back(std::move(r));
  }
  return report;
}

WebResponse document_page(const Xapian::Database& db, const std::string& id) {
  auto doc = require_document(db, id);
  auto m = document_header(doc);
  const RefsReport refs = own_references(db, doc);
  m->set("sections", sections_view(doc, passage_refs(refs, db)));
  m->set("reference_count", static_cast<Poco::UInt64>(refs.references.size()));
  return html_page("doc.html", m);
}

WebResponse program_page(const Xapian::Database& db, const ServeOptions& opt,
                         const std::string& id) {
  auto doc = require_document(db, id);
  if (!is_steering_kind(json_text(doc, "kind")))
    throw NotFound(
        "”" + json_text(doc, "title") +
        "” är inget styrande dokument (program, plan, policy, riktlinje eller strategi).");
  auto m = document_header(doc);
  m->set("report", gap_report(db, id, opt.termbank));
  Arr::Ptr downloads = new Arr;
  const std::pair<const char*, const char*> kDownloads[] = {
      {"/report/", "Bristrapport"}, {"/compilation/", "Sammanställning av remissvar"}};
  for (const auto& [base, label] : kDownloads) {
    auto d = object();
    d->set("label", label);
    Arr::Ptr formats = new Arr;
    const bool report = std::string(base) == "/report/";
    for (const char* format : report ? std::vector<const char*>{"html", "docx", "md", "json"}
                                     : std::vector<const char*>{"html", "docx", "csv"}) {
      auto f = object();
      f->set("format", format);
      f->set("href", std::string(base) + url_encode(id) + "?format=" + format);
      formats->add(f);
    }
    d->set("formats", formats);
    downloads->add(d);
  }
  m->set("downloads", downloads);
  return html_page("program.html", m);
}

// ---- reference graph and terminology -------------------------------------

// Graphviz's dot as a filter: DOT in, SVG out.
std::string run_dot(const std::string& dot) {
  Poco::Pipe in, out;
  Poco::ProcessHandle ph = Poco::Process::launch("dot", {"-Tsvg"}, &in, &out, nullptr);
  Poco::PipeOutputStream to(in);
  to << dot;
  to.close();
  Poco::PipeInputStream from(out);
  std::string svg;
  Poco::StreamCopier::copyToString(from, svg);
  if (ph.wait() != 0) throw std::runtime_error("dot misslyckades");
  const auto start = svg.find("<svg");  // drop the XML prolog and doctype inside HTML
  return start == std::string::npos ? svg : svg.substr(start);
}

// The CLI's graph, each document node linking to its page.
std::string refs_svg(const RefsReport& report) {
  std::ostringstream dot;
  print_refs_dot(dot, report);
  std::string text = dot.str();
  auto quote = [](const std::string& v) {
    std::string q = "\"";
    for (char c : v) q += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return q + "\"";
  };
  std::string links;
  for (const auto& d : report.documents)
    links += "  " + quote(d.id) + " [URL=" + quote(doc_href(d.id)) + ", tooltip=" + quote(d.title) +
             ", target=\"_top\"];\n";
  text.insert(text.rfind('}'), links);
  return run_dot(text);
}

WebResponse refs_page(const Xapian::Database& db) {
  const RefsReport report = build_refs_report(db);
  std::map<std::string, std::string> titles;
  for (const auto& d : report.documents) titles[d.id] = d.title;
  auto m = object();
  m->set("page_title", "Hänvisningar");
  try {
    m->set("svg", refs_svg(report));
  } catch (const std::exception&) {
    m->set("no_graph", "Grafen kan inte ritas: programmet dot (Graphviz) saknas.");
  }
  Arr::Ptr findings = new Arr;
  for (const auto& f : report.findings) {
    auto v = object();
    v->set("type_label", swedish_label(f.type));
    v->set("doc_href", doc_href(f.doc));
    v->set("doc_title", titles.count(f.doc) ? titles.at(f.doc) : f.doc);
    if (!f.target.empty()) {
      v->set("target_href", doc_href(f.target));
      v->set("target_title", titles.count(f.target) ? titles.at(f.target) : f.target);
    }
    v->set("text", f.text);
    v->set("score", f.type == "missing_reference"
                        ? Poco::Dynamic::Var(std::to_string(f.score).substr(0, 4))
                        : Poco::Dynamic::Var());
    findings->add(v);
  }
  m->set("findings", findings);
  return html_page("refs.html", m);
}

WebResponse terms_page(const Xapian::Database& db, const ServeOptions& opt) {
  auto json = terms_json(terms::analyse(passages_for_terms(db), opt.termbank));
  auto m = object();
  m->set("page_title", "Terminologi");
  auto findings = json->getArray("findings");
  for (std::size_t i = 0; findings && i < findings->size(); ++i) {
    auto f = findings->getObject(static_cast<unsigned>(i));
    f->set("type_label", swedish_label(json_text(f, "type")));
  }
  m->set("concepts", json->get("concepts"));
  m->set("findings", json->get("findings"));
  return html_page("terms.html", m);
}

// ---- downloads and API ----------------------------------------------------

WebResponse download(const std::string& body, const std::string& type, const std::string& name) {
  WebResponse r;
  r.body = body;
  r.content_type = type;
  r.filename = name;
  return r;
}

std::string content_type_of(const std::string& format) {
  if (format == "html") return "text/html; charset=utf-8";
  if (format == "md") return "text/markdown; charset=utf-8";
  if (format == "json") return "application/json; charset=utf-8";
  if (format == "csv") return "text/csv; charset=utf-8";
  return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
}

WebResponse report_download(const Xapian::Database& db, const ServeOptions& opt,
                            const std::string& id, const std::string& format) {
  require_document(db, id);
  if (format != "html" && format != "md" && format != "json" && format != "docx")
    throw BadRequest("Rapporten finns som html, docx, md och json, inte ”" + format + "”.");
  const auto report = gap_report(db, id, opt.termbank);
  if (opt.redact) redact_model(report);  // the DOCX is a zip: redact_body cannot reach it
  return download(render_report(report, format), content_type_of(format),
                  "bristrapport-" + id + "." + format);
}

WebResponse compilation_download(const Xapian::Database& db, const ServeOptions& opt,
                                 const std::string& id, const std::string& format) {
  require_document(db, id);
  if (format != "html" && format != "docx" && format != "csv")
    throw BadRequest("Sammanställningen finns som html, docx och csv, inte ”" + format + "”.");
  auto compiled = compile_program(db, id);
  if (opt.redact) redact_model(compiled);
  return download(
      format == "csv" ? compilation_csv(compiled) : render_compilation(compiled, format),
      content_type_of(format), "sammanstallning-" + id + "." + format);
}

std::string required(const Params& params, const std::string& key) {
  const std::string v = param(params, key);
  if (v.empty()) throw BadRequest("Parametern ”" + key + "” saknas.");
  return v;
}

WebResponse api(const Xapian::Database& db, const ServeOptions& opt, const std::string& what,
                const Params& params) {
  if (what == "search") {
    SearchRequest req;
    req.query = required(params, "q");
    req.remote = has_remote_shards(opt.db);
    try {
      if (params.count("offset"))
        req.offset = static_cast<unsigned>(std::stoul(params.at("offset")));
      if (params.count("limit"))
        req.limit = std::min(1000u, static_cast<unsigned>(std::stoul(params.at("limit"))));
    } catch (const std::exception&) {
      throw BadRequest("offset och limit ska vara heltal.");
    }
    try {
      return json_response(search_json(search(db, req)));
    } catch (const UsageError& e) {
      throw BadRequest(std::string("Frågan kunde inte tolkas: ") + e.what());
    }
  }
  if (what.rfind("doc/", 0) == 0) {
    auto out = format1();
    out->set("document", require_document(db, what.substr(4)));
    return json_response(out);
  }
  const std::string doc = param(params, "doc");
  if (!doc.empty()) require_document(db, doc);
  if (what == "refs") return json_response(refs_json(build_refs_report(db, doc)));
  if (what == "terms")
    return json_response(terms_json(terms::analyse(passages_for_terms(db, doc), opt.termbank)));
  if (what == "compile" || what == "gaps") {
    const std::string program = required(params, "program");
    require_document(db, program);
    return json_response(what == "compile" ? compile_program(db, program)
                                           : program_gaps(db, program));
  }
  throw NotFound("Det finns inget API som heter /api/" + what + ".");
}

WebResponse stylesheet() {
  WebResponse r;
  r.content_type = "text/css; charset=utf-8";
  r.body = render("style.css", object());
  return r;
}

// One database per server thread, reopened for each request to see the last
// commit: a Xapian::Database must not be used by two threads at once, and
// opening one per request costs more than a small search (and, over remote
// shards, a connection to every shard).
Xapian::Database thread_database(const std::string& path) {
  thread_local std::map<std::string, Xapian::Database> open;
  auto it = open.find(path);
  if (it != open.end()) {
    try {
      it->second.reopen();
      return it->second;
    } catch (const Xapian::Error&) {
      open.erase(it);  // replaced or gone: open it afresh (and say so if it is gone)
    }
  }
  return open.emplace(path, open_readonly(path)).first->second;
}

WebResponse route(const ServeOptions& opt, const std::string& path, const Params& params) {
  if (path == "/style.css") return stylesheet();
  Xapian::Database db = thread_database(opt.db);
  if (path == "/") return search_page(db, opt, params);
  if (path.rfind("/doc/", 0) == 0) return document_page(db, path.substr(5));
  if (path.rfind("/program/", 0) == 0) return program_page(db, opt, path.substr(9));
  if (path == "/refs") return refs_page(db);
  if (path == "/terms") return terms_page(db, opt);
  if (path.rfind("/report/", 0) == 0)
    return report_download(db, opt, path.substr(8), param(params, "format"));
  if (path.rfind("/compilation/", 0) == 0)
    return compilation_download(db, opt, path.substr(13), param(params, "format"));
  if (path.rfind("/api/", 0) == 0) return api(db, opt, path.substr(5), params);
  throw NotFound("Sidan " + path + " finns inte.");
}

bool is_api(const std::string& path) { return path.rfind("/api/", 0) == 0; }

// With --redact, every page and answer in text (HTML, JSON, Markdown, CSV)
// has its personal data replaced, whatever part of the page shows it; a
// placeholder holds no markup. Downloads in DOCX are redacted as models.
WebResponse redact_body(const ServeOptions& opt, WebResponse r) {
  const bool text =
      r.content_type.rfind("text/", 0) == 0 || r.content_type.rfind("application/json", 0) == 0;
  if (opt.redact && text && r.content_type.rfind("text/css", 0) != 0)
    r.body = privacy::redact(r.body);
  return r;
}

WebResponse api_error(int status, const std::string& message) {
  auto out = format1();
  out->set("error", message);
  auto r = json_response(out);
  r.status = status;
  return r;
}

// ---- what a request may carry ---------------------------------------------

constexpr std::size_t kMaxParameters = 50;   // the pages take at most four
constexpr std::size_t kMaxQueryChars = 400;  // a search, not a document

std::size_t utf8_chars(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A decoded path or parameter must be text: an encoded NUL or a lone %e4
// (Latin-1 "ä") is never part of an id, and must not reach the index.
void check_text(const std::string& s) {
  if (valid_utf8(s) != s)
    throw BadRequest(
        "Adressen är inte giltig UTF-8 (till exempel ett ensamt %e4). "
        "Skriv å, ä och ö som %C3%A5, %C3%A4 och %C3%B6.");
  const bool control = std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
  });
  if (control) throw BadRequest("Adressen innehåller ett otillåtet styrtecken (till exempel %00).");
}

Params checked_params(const std::string& path, const Poco::URI::QueryParameters& query) {
  check_text(path);
  if (query.size() > kMaxParameters)
    throw BadRequest("Adressen har " + std::to_string(query.size()) + " parametrar; högst " +
                     std::to_string(kMaxParameters) + " tas emot.");
  Params params;
  for (const auto& [key, value] : query) {
    check_text(key);
    check_text(value);
    params[key] = value;
  }
  if (utf8_chars(param(params, "q")) > kMaxQueryChars)
    throw BadRequest("Frågan är för lång: högst " + std::to_string(kMaxQueryChars) + " tecken.");
  return params;
}

// ---- access token ------------------------------------------------------------

constexpr const char* kTokenCookie = "remisskoll_nyckel";

// The cookie holds a digest of the token: cookie-safe whatever characters
// the token has, and never the token itself.
std::string cookie_value(const std::string& token) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update("remisskoll-cookie:" + token);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

std::string bearer_token(const Poco::Net::HTTPServerRequest& req) {
  const std::string auth = req.get("Authorization", "");
  const std::string scheme = "Bearer ";
  if (auth.size() <= scheme.size() || Poco::icompare(auth, 0, scheme.size(), scheme) != 0)
    return {};
  return auth.substr(scheme.size());
}

std::string token_cookie(const Poco::Net::HTTPServerRequest& req) {
  Poco::Net::NameValueCollection cookies;
  req.getCookies(cookies);
  return cookies.get(kTokenCookie, "");
}

// A ?token= in the address, and the address without it (to redirect to).
struct QueryToken {
  std::string token, rest;
};

std::optional<QueryToken> query_token(const std::string& uri) {
  try {
    Poco::URI parsed(uri);
    auto query = parsed.getQueryParameters();
    auto it = std::find_if(query.begin(), query.end(),
                           [](const auto& kv) { return kv.first == "token"; });
    if (it == query.end()) return std::nullopt;
    QueryToken out{it->second, ""};
    query.erase(it);
    parsed.setQueryParameters(query);
    out.rest = parsed.getPathEtc();
    return out;
  } catch (const Poco::Exception&) {
    return std::nullopt;  // not a valid address: handle_request says so once admitted
  }
}

WebResponse unauthorised(const std::string& uri) {
  const std::string message =
      "Den här Remisskoll-servern kräver en åtkomstnyckel. Öppna adressen en gång med "
      "?token=NYCKEL (webbläsaren minns den sedan) eller skicka rubriken "
      "”Authorization: Bearer NYCKEL”. Nyckeln får du av den som startade servern.";
  WebResponse r =
      is_api(uri) ? api_error(401, message) : error_page(401, "Åtkomstnyckel krävs", message);
  r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"Remisskoll\"");
  return r;
}

// With a token, a request carries it in the Authorization header or the
// cookie; a ?token= is traded once for the cookie by a redirect, so that
// it leaves the address bar and the history. Nothing when admitted.
std::optional<WebResponse> check_access(const ServeOptions& opt,
                                        const Poco::Net::HTTPServerRequest& req) {
  if (opt.token.empty()) return std::nullopt;
  if (same_secret(bearer_token(req), opt.token) ||
      same_secret(token_cookie(req), cookie_value(opt.token)))
    return std::nullopt;
  const auto given = query_token(req.getURI());
  if (!given || !same_secret(given->token, opt.token)) return unauthorised(req.getURI());
  WebResponse r;
  r.status = 303;
  r.body = "Åtkomstnyckeln är sparad.";
  r.content_type = "text/plain; charset=utf-8";
  r.headers.emplace_back("Location", given->rest);
  r.headers.emplace_back("Set-Cookie", std::string(kTokenCookie) + "=" + cookie_value(opt.token) +
                                           "; Path=/; HttpOnly; SameSite=Strict");
  return r;
}

// ---- the connection: body, headers, slow clients ----------------------------

constexpr Poco::Int64 kMaxBody = 64 * 1024;

// The pages take no request body. A large or unbounded one is refused
// before anything else; a small one is never read, so the connection
// closes after the answer (its bytes must not be taken for a request).
bool has_body(const Poco::Net::HTTPServerRequest& req) {
  return req.getChunkedTransferEncoding() || req.getContentLength64() > 0;
}

std::optional<WebResponse> refuse(const ServeOptions& opt,
                                  const Poco::Net::HTTPServerRequest& req) {
  if (req.getChunkedTransferEncoding() || req.getContentLength64() > kMaxBody)
    return error_page(413, "För stor begäran",
                      "Sidorna läses med GET och tar inte emot innehåll över 64 kB.");
  return check_access(opt, req);
}

// No page needs a script, a frame or another origin: a text that got past
// the escaping still could neither run nor send anything away.
void set_security_headers(Poco::Net::HTTPServerResponse& resp) {
  resp.set("Content-Security-Policy",
           "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
           "form-action 'self'; frame-ancestors 'none'");
  resp.set("X-Content-Type-Options", "nosniff");
  resp.set("Referrer-Policy", "no-referrer");
  resp.set("X-Frame-Options", "DENY");
}

}  // namespace

WebResponse handle_request(const ServeOptions& opt, const std::string& uri) {
  std::string path;
  Poco::URI::QueryParameters query;
  try {
    Poco::URI parsed(uri);
    path = parsed.getPath();
    query = parsed.getQueryParameters();
  } catch (const Poco::Exception&) {
    return error_page(400, "Felaktig adress",
                      "Adressen kunde inte tolkas: ett % ska följas av två hexadecimala "
                      "siffror (till exempel %C3%A4 för ä).");
  }
  try {
    const Params params = checked_params(path, query);
    return redact_body(opt, route(opt, path, params));
  } catch (const BadRequest& e) {
    return is_api(path) ? api_error(400, e.what()) : error_page(400, "Felaktig fråga", e.what());
  } catch (const NotFound& e) {
    return is_api(path) ? api_error(404, e.what()) : error_page(404, "Hittades inte", e.what());
  } catch (const InputError& e) {
    return is_api(path) ? api_error(404, e.what()) : error_page(404, "Hittades inte", e.what());
  } catch (const DatabaseError& e) {
    return error_page(503, "Indexet kan inte öppnas", std::string(e.what()) + " " + e.hint());
  }
}

bool same_secret(const std::string& a, const std::string& b) {
  auto digest = [](const std::string& s) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(s);
    return sha.digest();
  };
  const auto da = digest(a), db = digest(b);
  unsigned char differ = 0;
  for (std::size_t i = 0; i < da.size(); ++i) differ |= static_cast<unsigned char>(da[i] ^ db[i]);
  return differ == 0;
}

void require_token_off_loopback(const ServeOptions& opt) {
  Poco::Net::SocketAddress where;
  try {
    where = Poco::Net::SocketAddress(opt.bind, opt.port);
  } catch (const Poco::Exception&) {
    throw UsageError("--bind: adressen ”" + opt.bind + "” kan inte tolkas.");
  }
  if (!opt.token.empty() || where.host().isLoopback()) return;
  throw UsageError("Remisskoll lyssnar på " + opt.bind +
                   ", som andra datorer når, bara med en åtkomstnyckel: lägg nyckeln "
                   "(minst 16 tecken) i en fil och ange --token-file FIL, eller sätt "
                   "miljövariabeln REMISSKOLL_TOKEN. Utan nyckel: utelämna --bind "
                   "(127.0.0.1, bara den här datorn).");
}

// Poco's timeouts bound each read, not a request: a client that sends a
// header byte every few seconds would hold a thread for ever (slowloris).
// This shuts down a connection that has not sent a whole request header
// within the limit of connecting or of its previous answer.
class HeaderDeadlines {
 public:
  explicit HeaderDeadlines(unsigned seconds) : limit_(std::chrono::seconds(seconds)) {
    thread_ = std::thread([this] { watch(); });
  }
  ~HeaderDeadlines() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }
  HeaderDeadlines(const HeaderDeadlines&) = delete;
  HeaderDeadlines& operator=(const HeaderDeadlines&) = delete;

  void open(const Poco::Net::StreamSocket& socket, const std::string& client) {
    std::lock_guard lock(mutex_);
    clients_[client] = {socket, Clock::now() + limit_};
    wake_.notify_one();
  }
  void answering(const std::string& client) { set(client, Clock::time_point::max()); }
  void answered(const std::string& client) { set(client, Clock::now() + limit_); }
  void close(const std::string& client) {
    std::lock_guard lock(mutex_);
    clients_.erase(client);
  }

 private:
  using Clock = std::chrono::steady_clock;
  struct Client {
    Poco::Net::StreamSocket socket;  // keeps the descriptor from being reused
    Clock::time_point deadline;
  };

  void set(const std::string& client, Clock::time_point deadline) {
    std::lock_guard lock(mutex_);
    auto it = clients_.find(client);
    if (it != clients_.end()) it->second.deadline = deadline;
    wake_.notify_one();
  }

  void watch() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      auto next = Clock::time_point::max();
      for (auto& [client, c] : clients_) {
        if (c.deadline <= Clock::now()) {
          try {
            c.socket.shutdown();  // the blocked read returns; Poco ends the connection
          } catch (const Poco::Exception&) {
          }
          c.deadline = Clock::time_point::max();
        }
        next = std::min(next, c.deadline);
      }
      if (next == Clock::time_point::max())
        wake_.wait(lock);
      else
        wake_.wait_until(lock, next);
    }
  }

  const Clock::duration limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<std::string, Client> clients_;  // by the client's address and port
  std::thread thread_;
};

namespace {

// Poco's HTTP connection, on the clock from its first byte to its last.
class GuardedConnection : public Poco::Net::HTTPServerConnection {
 public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, HeaderDeadlines& deadlines)
      : HTTPServerConnection(socket, params, handlers), deadlines_(deadlines) {}
  void run() override {
    const std::string client = socket().peerAddress().toString();
    deadlines_.open(socket(), client);
    struct Close {
      HeaderDeadlines& d;
      const std::string& c;
      ~Close() { d.close(c); }
    } close{deadlines_, client};
    HTTPServerConnection::run();
  }

 private:
  HeaderDeadlines& deadlines_;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers, HeaderDeadlines& deadlines)
      : params_(params), handlers_(handlers), deadlines_(deadlines) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new GuardedConnection(socket, params_, handlers_, deadlines_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  HeaderDeadlines& deadlines_;
};

// Stops the connection's header clock while a request is answered.
class OnTheClock : public Poco::Net::HTTPRequestHandler {
 public:
  OnTheClock(Poco::Net::HTTPRequestHandler* inner, HeaderDeadlines& deadlines, std::string client)
      : inner_(inner), deadlines_(deadlines), client_(std::move(client)) {
    deadlines_.answering(client_);
  }
  ~OnTheClock() override { deadlines_.answered(client_); }
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    inner_->handleRequest(req, resp);
  }

 private:
  std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
  HeaderDeadlines& deadlines_;
  std::string client_;
};

}  // namespace

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(const ServeOptions& opt) : opt_(opt) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req,
                     Poco::Net::HTTPServerResponse& resp) override {
    WebResponse r;
    if (auto refused = refuse(opt_, req)) {
      r = *refused;
    } else if (req.getMethod() != "GET" && req.getMethod() != "HEAD") {
      r = error_page(405, "Metoden stöds inte", "Sidorna läses med GET.");
    } else {
      try {
        r = handle_request(opt_, req.getURI());
      } catch (const std::exception& e) {
        std::cerr << "remisskoll serve: " << req.getURI() << ": " << e.what() << "\n";
        r = error_page(500, "Internt fel", "Något gick fel när sidan skulle skapas.");
      }
    }
    resp.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    resp.setContentType(r.content_type);
    set_security_headers(resp);
    for (const auto& [name, value] : r.headers) resp.set(name, value);
    if (has_body(req)) resp.setKeepAlive(false);
    if (!r.filename.empty())
      resp.set("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
    resp.setContentLength(static_cast<std::streamsize>(r.body.size()));
    auto& out = resp.send();
    if (req.getMethod() != "HEAD")
      out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
  }

 private:
  const ServeOptions& opt_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  HandlerFactory(const ServeOptions& opt, HeaderDeadlines& deadlines)
      : opt_(opt), deadlines_(deadlines) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& req) override {
    return new OnTheClock(new Handler(opt_), deadlines_, req.clientAddress().toString());
  }
  // Shuts every open connection down (the event Poco's HTTPServer fires).
  void stop_connections() {
    const bool abort_current = true;
    serverStopped(this, abort_current);
  }

 private:
  const ServeOptions& opt_;
  HeaderDeadlines& deadlines_;
};

}  // namespace

WebServer::WebServer(const ServeOptions& opt) : opt_(opt) {
  require_token_off_loopback(opt_);
  std::signal(SIGPIPE, SIG_IGN);  // a client hanging up mid-answer must not end the server
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(opt_.bind, opt_.port));
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  const int threads = static_cast<int>(std::max(2u, opt_.threads));
  params->setMaxThreads(threads);
  params->setTimeout(Poco::Timespan(opt_.header_seconds, 0));  // each read and write
  params->setKeepAliveTimeout(Poco::Timespan(opt_.header_seconds, 0));
  deadlines_ = std::make_unique<HeaderDeadlines>(opt_.header_seconds);
  threads_ = std::make_unique<Poco::ThreadPool>(2, threads);
  handlers_ = new HandlerFactory(opt_, *deadlines_);
  server_ = std::make_unique<Poco::Net::TCPServer>(
      new ConnectionFactory(params, handlers_, *deadlines_), *threads_, socket, params);
  server_->start();
}

// As Poco's HTTPServer::stopAll: stop accepting, shut the open connections
// down, then wait for their threads.
WebServer::~WebServer() {
  server_->stop();
  static_cast<HandlerFactory&>(*handlers_).stop_connections();
  threads_->joinAll();
}

unsigned short WebServer::port() const { return server_->port(); }

}  // namespace rk
