// TBX (ISO 30042) read and write with libxml2. Reads both TBX 2019
// (conceptEntry/langSec/termSec) and the older TBX 2008 (termEntry/langSet/
// tig); writes TBX 2019 in the TBX-Basic dialect.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include <climits>
#include <memory>
#include <string>

#include "indexer/core/error.hh"
#include "indexer/core/text.hh"
#include "indexer/terms/terms.hh"

namespace rk::terms {
namespace {

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

std::string_view local(const xmlNode* n) {
  return n->name != nullptr ? reinterpret_cast<const char*>(n->name) : "";
}

bool named(const xmlNode* n, std::initializer_list<std::string_view> names) {
  if (n->type != XML_ELEMENT_NODE) return false;
  for (auto name : names)
    if (local(n) == name) return true;
  return false;
}

std::string text_of(const xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c != nullptr ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return collapse_space(s);
}

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

bool declares_entities(const xmlDoc* doc) {
  if (doc->intSubset == nullptr) return false;
  for (const xmlNode* n = doc->intSubset->children; n != nullptr; n = n->next)
    if (n->type == XML_ENTITY_DECL) return true;
  return false;
}

// No XML_PARSE_NOENT or DTDLOAD: entities are never expanded nor fetched,
// and a file that declares any is refused outright.
DocPtr parse_safely(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw InputError("termbanken är för stor");
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  DocPtr doc(
      xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options));
  if (doc == nullptr) throw InputError("termbanken är inte giltig XML");
  if (declares_entities(doc.get()))
    throw InputError("termbanken deklarerar entiteter i DOCTYPE, vilket inte tillåts");
  return doc;
}

Status status_from(const std::string& value) {
  if (value.rfind("preferred", 0) == 0) return Status::preferred;
  if (value.rfind("deprecated", 0) == 0 || value.rfind("superseded", 0) == 0)
    return Status::deprecated;
  return Status::admitted;
}

Review review_from(const std::string& value) {
  if (value == "accepted") return Review::accepted;
  if (value == "rejected") return Review::rejected;
  return Review::candidate;  // "candidate" or anything not yet a verdict
}

Term read_term(const xmlNode* sec) {
  Term t;
  for (const xmlNode* c = sec->children; c != nullptr; c = c->next) {
    if (named(c, {"term"})) t.form = text_of(c);
    if (named(c, {"termNote", "termGrp"}) && attr(c, "type") == "administrativeStatus")
      t.status = status_from(text_of(c));
    if (named(c, {"note"})) t.note = text_of(c);
  }
  return t;
}

// Swedish terms only: the corpus and its term bank are Swedish.
void read_lang(const xmlNode* lang, Concept& c) {
  if (attr(lang, "lang") != "sv" && !attr(lang, "lang").empty()) return;
  for (const xmlNode* s = lang->children; s != nullptr; s = s->next)
    if (named(s, {"termSec", "tig", "ntig"})) {
      Term t = read_term(s);
      if (!t.form.empty()) c.terms.push_back(std::move(t));
    }
}

void walk(const xmlNode* n, TermBank& bank) {
  for (; n != nullptr; n = n->next) {
    if (!named(n, {"conceptEntry", "termEntry"})) {
      walk(n->children, bank);
      continue;
    }
    Concept c;
    c.id = attr(n, "id");
    for (const xmlNode* k = n->children; k != nullptr; k = k->next) {
      if (named(k, {"langSec", "langSet"})) read_lang(k, c);
      if (named(k, {"note", "descrip"})) c.note = text_of(k);
      if (named(k, {"admin"}) && attr(k, "type") == "reviewStatus")
        c.review = review_from(text_of(k));
      if (named(k, {"admin"}) && attr(k, "type") == "origin") c.origin = text_of(k);
    }
    if (!c.terms.empty()) bank.concepts.push_back(std::move(c));
  }
}

xmlNode* add(xmlNode* parent, const char* name, const std::string& text = {}) {
  return xmlNewTextChild(parent, nullptr, reinterpret_cast<const xmlChar*>(name),
                         text.empty() ? nullptr : reinterpret_cast<const xmlChar*>(text.c_str()));
}

void set(xmlNode* n, const char* name, const std::string& value) {
  xmlSetProp(n, reinterpret_cast<const xmlChar*>(name),
             reinterpret_cast<const xmlChar*>(value.c_str()));
}

}  // namespace

std::string_view status_name(Status s) {
  switch (s) {
    case Status::preferred:
      return "preferredTerm-admn-sts";
    case Status::deprecated:
      return "deprecatedTerm-admn-sts";
    case Status::admitted:
      break;
  }
  return "admittedTerm-admn-sts";
}

std::string_view review_name(Review r) {
  switch (r) {
    case Review::candidate:
      return "candidate";
    case Review::accepted:
      return "accepted";
    case Review::rejected:
      return "rejected";
    case Review::none:
      break;
  }
  return "";
}

bool in_force(const Concept& c) { return c.review == Review::none || c.review == Review::accepted; }

TermBank read_tbx(std::string_view bytes) {
  DocPtr doc = parse_safely(bytes);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || !named(root, {"tbx", "martif"}))
    throw InputError("termbanken är inte TBX (rotelementet ska vara <tbx>)");
  TermBank bank;
  walk(root->children, bank);
  return bank;
}

std::string write_tbx(const TermBank& bank) {
  DocPtr doc(xmlNewDoc(reinterpret_cast<const xmlChar*>("1.0")));
  xmlNode* root = xmlNewNode(nullptr, reinterpret_cast<const xmlChar*>("tbx"));
  xmlDocSetRootElement(doc.get(), root);
  xmlNewNs(root, reinterpret_cast<const xmlChar*>("urn:iso:std:iso:30042:ed-2"), nullptr);
  set(root, "type", "TBX-Basic");
  set(root, "style", "dca");
  xmlNodeSetLang(root, reinterpret_cast<const xmlChar*>("sv"));
  add(add(add(add(root, "tbxHeader"), "fileDesc"), "sourceDesc"), "p", "remisskoll");
  xmlNode* body = add(add(root, "text"), "body");
  int n = 0;
  for (const Concept& c : bank.concepts) {
    xmlNode* entry = add(body, "conceptEntry");
    set(entry, "id", c.id.empty() ? "c" + std::to_string(++n) : c.id);
    if (c.review != Review::none)
      set(add(entry, "admin", std::string(review_name(c.review))), "type", "reviewStatus");
    if (!c.origin.empty()) set(add(entry, "admin", c.origin), "type", "origin");
    if (!c.note.empty()) add(entry, "note", c.note);
    xmlNode* lang = add(entry, "langSec");
    xmlNodeSetLang(lang, reinterpret_cast<const xmlChar*>("sv"));
    for (const Term& t : c.terms) {
      xmlNode* sec = add(lang, "termSec");
      add(sec, "term", t.form);
      set(add(sec, "termNote", std::string(status_name(t.status))), "type", "administrativeStatus");
      if (!t.note.empty()) add(sec, "note", t.note);
    }
  }
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpFormatMemoryEnc(doc.get(), &out, &size, "UTF-8", 1);
  std::string s(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
  return s;
}

}  // namespace rk::terms
