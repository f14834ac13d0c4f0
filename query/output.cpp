#include "query/output.hh"
#include "indexer/core/records.hh"

#include <Poco/JSON/Array.h>
#include <unistd.h>

#include <iomanip>

namespace rk {

namespace {

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

Poco::JSON::Object::Ptr format1() {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("format", 1);
  return o;
}

void print_json(std::ostream& out, const Poco::JSON::Object::Ptr& obj) {
  obj->stringify(out, 2);
  out << "\n";
}

Poco::JSON::Object::Ptr search_json(const SearchResult& res) {
  auto out = format1();
  out->set("total", static_cast<Poco::UInt64>(res.total));
  Poco::JSON::Array::Ptr hits = new Poco::JSON::Array;
  for (const auto& h : res.hits) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("doc", h.doc);
    o->set("passage", h.passage);
    o->set("score", h.score);
    o->set("percent", h.percent);
    o->set("page", h.page);
    o->set("line_start", h.line_start);
    o->set("line_end", h.line_end);
    o->set("title", h.title);
    o->set("kind", h.kind);
    o->set("section", h.section);
    o->set("text", h.text);
    o->set("snippet", h.snippet);
    hits->add(o);
  }
  out->set("hits", hits);
  Poco::JSON::Object::Ptr facets = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [field, counts] : res.facets) {
    Poco::JSON::Object::Ptr f = new Poco::JSON::Object;
    for (const auto& [value, n] : counts) f->set(value, static_cast<Poco::UInt64>(n));
    facets->set(field, f);
  }
  out->set("facets", facets);
  out->set("facets_counted", static_cast<Poco::UInt64>(res.facets_counted));
  Poco::JSON::Array::Ptr ignored = new Poco::JSON::Array;
  for (const auto& w : res.ignored) ignored->add(w);
  out->set("ignored_words", ignored);
  return out;
}

void print_document_line(std::ostream& out, const Poco::JSON::Object::Ptr& d) {
  out << std::left << std::setw(34) << json_text(d, "id") << " " << std::setw(12)
      << json_text(d, "kind") << " " << std::setw(10) << json_text(d, "date") << "  "
      << json_text(d, "title") << "\n";
}

void print_document(std::ostream& out, const Poco::JSON::Object::Ptr& d) {
  out << json_text(d, "title") << "\n";
  out << "  id: " << json_text(d, "id") << "   typ: " << json_text(d, "kind")
      << "   datum: " << json_text(d, "date") << "\n";
  if (!json_text(d, "author").empty()) out << "  avsändare: " << json_text(d, "author") << "\n";
  if (!json_text(d, "responds_to").empty())
    out << "  svarar på: " << json_text(d, "responds_to") << "\n";
  if (!json_text(d, "replaces").empty()) out << "  ersätter: " << json_text(d, "replaces") << "\n";
  auto src = d->getObject("source");
  out << "  källa: " << json_text(src, "path") << " rad " << json_text(src, "line_start") << "–"
      << json_text(src, "line_end") << "\n";
  auto sections = d->getArray("sections");
  for (std::size_t i = 0; sections && i < sections->size(); ++i) {
    auto sec = sections->getObject(static_cast<unsigned>(i));
    const std::string heading = json_text(sec, "heading");
    out << "\n" << (heading.empty() ? "(utan rubrik)" : heading) << "\n";
    auto ps = sec->getArray("passages");
    for (std::size_t j = 0; ps && j < ps->size(); ++j) {
      auto p = ps->getObject(static_cast<unsigned>(j));
      out << "  [" << json_text(p, "id") << ", s. " << json_text(p, "page") << ", rad "
          << json_text(p, "line_start") << "–" << json_text(p, "line_end") << "] "
          << (json_text(p, "kind") == "list_item" ? "• " : "") << json_text(p, "text") << "\n";
    }
  }
}

std::string snippet_to_terminal(const std::string& html, bool colour) {
  std::string s = html;
  replace_all(s, "<mark>", colour ? "\x1b[1m" : "[");
  replace_all(s, "</mark>", colour ? "\x1b[0m" : "]");
  replace_all(s, "&lt;", "<");
  replace_all(s, "&gt;", ">");
  replace_all(s, "&quot;", "\"");
  replace_all(s, "&#39;", "'");
  replace_all(s, "&amp;", "&");
  return s;
}

void print_search(std::ostream& out, const SearchResult& res, const SearchRequest& req) {
  const bool colour = &out == &std::cout && isatty(1);
  out << "Ungefär " << res.total << " träffar";
  if (!res.hits.empty()) out << ", visar " << req.offset + 1 << "–" << req.offset + res.hits.size();
  out << "\n";
  if (!res.ignored.empty()) out << ignored_words_note(res.ignored) << "\n";
  unsigned rank = req.offset;
  for (const auto& h : res.hits) {
    out << "\n" << ++rank << ". " << h.title << " [" << h.kind << "]\n";
    out << "   " << h.passage << ", s. " << h.page << ", rad " << h.line_start << "–" << h.line_end;
    if (!h.section.empty()) out << ", " << h.section;
    out << "\n   " << snippet_to_terminal(h.snippet, colour) << "\n";
  }
  for (const auto& [field, counts] : res.facets) {
    if (counts.empty()) continue;
    out << "\n" << (field == "kind" ? "Typ" : field == "author" ? "Avsändare" : "År") << ":";
    for (const auto& [value, n] : counts) out << "  " << value << " (" << n << ")";
    out << "\n";
  }
  if (res.facets_counted < res.total)
    out << "(Typ, avsändare och år räknade bland de första " << res.facets_counted
        << " träffarna.)\n";
}

}  // namespace rk
