#include "query/library.hh"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>

#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"

namespace rk {

namespace s = schema;

namespace {

std::optional<Xapian::Document> record_by_id(const Xapian::Database& db, const std::string& id) {
  const std::string term = bounded_term(s::prefix::id, id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return std::nullopt;
  return db.get_document(*it);
}

}  // namespace

namespace {

Poco::JSON::Object::Ptr listed_fields(const Xapian::Document& rec, bool keep_all = false) {
  auto obj = parse_json_object(rec.get_data());
  if (keep_all) return obj;
  obj->remove("outline");
  obj->remove("statements");  // show ID gives them; the listing stays short
  obj->remove("rows");
  return obj;
}

void sort_listing(std::vector<Poco::JSON::Object::Ptr>& out) {
  auto key = [](const Poco::JSON::Object::Ptr& o) {
    auto src = o->getObject("source");
    return std::make_pair(src->getValue<std::string>("path"), src->getValue<int>("part"));
  };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
}

}  // namespace

std::vector<Poco::JSON::Object::Ptr> list_documents(const Xapian::Database& db) {
  const std::string type = std::string(s::prefix::type) + std::string(s::kTypeDocument);
  std::vector<Poco::JSON::Object::Ptr> out;
  for (auto it = db.postlist_begin(type); it != db.postlist_end(type); ++it)
    out.push_back(listed_fields(db.get_document(*it)));
  sort_listing(out);
  return out;
}

bool has_link_terms(const Xapian::Database& db) {
  return db.get_metadata(std::string(s::kLinkTermsKey)) == "1";
}

std::vector<Poco::JSON::Object::Ptr> documents_with(const Xapian::Database& db,
                                                    const std::vector<std::string>& terms) {
  if (!has_link_terms(db)) return list_documents(db);
  return documents_matching(db, terms);
}

std::vector<Poco::JSON::Object::Ptr> documents_matching(const Xapian::Database& db,
                                                        const std::vector<std::string>& terms,
                                                        bool keep_all) {
  const std::string type = std::string(s::prefix::type) + std::string(s::kTypeDocument);
  Xapian::Enquire enq(db);
  enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                              Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                              Xapian::Query(type)));
  enq.set_weighting_scheme(Xapian::BoolWeight());
  std::vector<Poco::JSON::Object::Ptr> out;
  Xapian::MSet all = enq.get_mset(0, db.get_doccount());
  for (auto it = all.begin(); it != all.end(); ++it)
    out.push_back(listed_fields(it.get_document(), keep_all));
  sort_listing(out);
  return out;
}

std::optional<Poco::JSON::Object::Ptr> load_document(const Xapian::Database& db,
                                                     const std::string& id) {
  auto rec = record_by_id(db, id);
  if (!rec) return std::nullopt;
  auto doc = parse_json_object(rec->get_data());
  if (!doc->has("outline")) return std::nullopt;  // a passage id, not a document

  std::map<int, Poco::JSON::Object::Ptr> passages;
  const std::string doc_term = bounded_term(s::prefix::doc, id);
  const std::string passage_type = std::string(s::prefix::type) + std::string(s::kTypePassage);
  Xapian::Enquire enq(db);
  enq.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(doc_term),
                              Xapian::Query(passage_type)));
  enq.set_docid_order(Xapian::Enquire::ASCENDING);
  enq.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet all = enq.get_mset(0, db.get_doccount());
  for (auto it = all.begin(); it != all.end(); ++it) {
    auto p = parse_json_object(it.get_document().get_data());
    passages[p->getValue<int>("ordinal")] = p;
  }

  Poco::JSON::Array::Ptr sections = new Poco::JSON::Array;
  auto outline = doc->getArray("outline");
  for (std::size_t i = 0; outline && i < outline->size(); ++i) {
    auto o = outline->getObject(static_cast<unsigned>(i));
    Poco::JSON::Object::Ptr sec = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    sec->set("heading", o->get("heading"));
    sec->set("level", o->get("level"));
    sec->set("page", o->get("page"));
    sec->set("line", o->get("line"));
    Poco::JSON::Array::Ptr ps = new Poco::JSON::Array;
    const int first = o->getValue<int>("first");
    const int count = o->getValue<int>("count");
    for (int n = first; n < first + count; ++n) {
      auto found = passages.find(n);
      if (found == passages.end()) continue;
      auto p = found->second;
      Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
      for (const char* k : {"id", "page", "line_start", "line_end", "kind", "text"})
        out->set(k, p->get(k));
      ps->add(out);
    }
    sec->set("passages", ps);
    sections->add(sec);
  }
  doc->remove("outline");
  doc->set("sections", sections);
  return doc;
}

std::optional<Poco::JSON::Object::Ptr> load_passage(const Xapian::Database& db,
                                                    const std::string& id) {
  auto rec = record_by_id(db, id);
  if (!rec) return std::nullopt;
  auto obj = parse_json_object(rec->get_data());
  if (obj->has("outline")) return std::nullopt;
  return obj;
}

}  // namespace rk
