// Feeds the terminology module from the index and renders its report.
#include "query/terms.hh"

#include <Poco/JSON/Array.h>

#include <set>

#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "query/library.hh"

namespace rk {
namespace {

namespace s = schema;

std::string field(const Poco::JSON::Object::Ptr& o, const char* name) {
  return o->has(name) && !o->isNull(name) ? o->getValue<std::string>(name) : std::string();
}

std::set<std::string> circle_of(const Xapian::Database& db, const std::string& id) {
  std::set<std::string> ids{id};
  const std::vector<std::string> terms{bounded_term(s::prefix::id, id),
                                       bounded_term(s::prefix::answers, id),
                                       bounded_term(s::prefix::replaces, id)};
  for (const auto& d : documents_with(db, terms)) {
    const std::string me = field(d, "id");
    const std::string to = field(d, "responds_to"), old = field(d, "replaces");
    if (me == id) ids.insert({to, old});
    if (to == id || old == id) ids.insert(me);
  }
  ids.erase("");
  return ids;
}

Poco::JSON::Array::Ptr strings(const std::vector<std::string>& v) {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (const auto& s : v) a->add(s);
  return a;
}

Poco::JSON::Object::Ptr concept_json(const terms::FoundConcept& c) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("preferred", c.preferred);
  o->set("source", c.source);
  Poco::JSON::Array::Ptr vs = new Poco::JSON::Array;
  for (const auto& v : c.variants) {
    Poco::JSON::Object::Ptr vo = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    vo->set("form", v.form);
    vo->set("count", v.count);
    vo->set("docs", strings(v.docs));
    vs->add(vo);
  }
  o->set("variants", vs);
  o->set("reason", c.reason);
  if (!c.deprecated.empty()) o->set("deprecated", strings(c.deprecated));
  return o;
}

Poco::JSON::Object::Ptr finding_json(const terms::Finding& f) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("type", f.type);
  o->set("concept", f.concept_name);
  o->set("docs", strings(f.docs));
  Poco::JSON::Array::Ptr ev = new Poco::JSON::Array;
  for (const auto& e : f.evidence) {
    Poco::JSON::Object::Ptr eo = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    eo->set("passage", e.passage);
    eo->set("text", e.text);
    ev->add(eo);
  }
  o->set("evidence", ev);
  if (!f.detail.empty()) o->set("detail", f.detail);
  return o;
}

}  // namespace

std::vector<terms::PassageText> passages_for_terms(const Xapian::Database& db,
                                                   const std::string& doc) {
  const std::string type = std::string(s::prefix::type) + std::string(s::kTypePassage);
  Xapian::Query q(type);
  if (!doc.empty()) {
    std::vector<Xapian::Query> docs;
    for (const auto& id : circle_of(db, doc)) docs.emplace_back(bounded_term(s::prefix::doc, id));
    q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                      Xapian::Query(Xapian::Query::OP_OR, docs.begin(), docs.end()));
  }
  Xapian::Enquire enq(db);
  enq.set_query(q);
  enq.set_docid_order(Xapian::Enquire::ASCENDING);
  enq.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<terms::PassageText> out;
  Xapian::MSet all = enq.get_mset(0, db.get_doccount());
  for (auto it = all.begin(); it != all.end(); ++it) {
    auto p = parse_json_object(it.get_document().get_data());
    out.push_back({field(p, "id"), field(p, "doc"), field(p, "text")});
  }
  return out;
}

Poco::JSON::Object::Ptr terms_json(const terms::Report& report) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("format", 1);
  Poco::JSON::Array::Ptr cs = new Poco::JSON::Array, fs = new Poco::JSON::Array;
  for (const auto& c : report.concepts) cs->add(concept_json(c));
  for (const auto& f : report.findings) fs->add(finding_json(f));
  o->set("concepts", cs);
  o->set("findings", fs);
  return o;
}

}  // namespace rk
