#include "indexer/store/references.hh"

#include <Poco/JSON/Array.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/refs/refs.hh"
#include "indexer/store/record.hh"

namespace rk {

namespace s = schema;

namespace {

Mention mention_from_json(const Poco::JSON::Object::Ptr& o) {
  Mention m;
  m.text = json_text(o, "text");
  m.kind = json_text(o, "kind");
  m.years = json_text(o, "years");
  m.law_sfs = json_text(o, "sfs");
  m.in_list = o->optValue<bool>("in_list", false);
  m.relation = o->optValue<bool>("relation", false);
  m.relation_cue = json_text(o, "relation_cue");
  m.antecedent = json_text(o, "antecedent");
  return m;
}

struct PassageMentions {
  std::string passage;
  std::vector<Mention> mentions;
};

// Every passage that carries a mention, by document, in passage order. The
// XR terms find them without reading the passages that name nothing.
std::map<std::string, std::vector<PassageMentions>> stored_mentions(const Xapian::Database& db) {
  std::map<Xapian::docid, bool> with_mentions;
  const std::string prefix(s::prefix::reference);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) with_mentions[*p] = true;
  std::map<std::string, std::vector<PassageMentions>> out;
  for (const auto& [did, _] : with_mentions) {
    auto obj = parse_json_object(db.get_document(did).get_data());
    auto arr = obj->getArray("mentions");
    if (!arr) continue;
    PassageMentions pm{json_text(obj, "id"), {}};
    for (std::size_t i = 0; i < arr->size(); ++i)
      pm.mentions.push_back(mention_from_json(arr->getObject(static_cast<unsigned>(i))));
    out[json_text(obj, "doc")].push_back(std::move(pm));
  }
  return out;
}

Poco::JSON::Object::Ptr reference_json(const std::string& from, const std::string& passage,
                                       const Mention& m, const Resolution& r) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("from", from);
  o->set("passage", passage);
  // A pronoun or alias stands for the name it refers back to.
  const bool stands_for = (m.kind == "pronoun" || m.kind == "alias") && !m.antecedent.empty();
  o->set("target_text", stands_for ? m.antecedent : m.text);
  o->set("target", r.target.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.target));
  o->set("status", r.status);
  if (m.kind == "law") o->set("kind", "law");
  o->set("written", m.text);
  o->set("mention", m.kind);
  o->set("in_list", m.in_list);
  o->set("relation", m.relation);
  return o;
}

bool is_reference_target(const std::string& kind) {
  return is_steering_kind(kind) || kind == "motion";
}

std::string stringify(const Poco::JSON::Array::Ptr& arr) {
  std::ostringstream out;
  arr->stringify(out);
  return out.str();
}

}  // namespace

std::size_t resolve_references(Xapian::WritableDatabase& db, const Xapian::Database& targets) {
  const std::string type = std::string(s::prefix::type) + std::string(s::kTypeDocument);
  std::map<std::string, Xapian::docid> record_of;
  for (auto it = db.postlist_begin(type); it != db.postlist_end(type); ++it)
    record_of[db.get_document(*it).get_value(s::kSlotDocId)] = *it;
  std::vector<KnownDocument> known;
  for (auto it = targets.postlist_begin(type); it != targets.postlist_end(type); ++it) {
    // Only steering documents are targets of references: resolution compares
    // each name with every target, and a corpus holds far more responses,
    // staff reports and decisions than programs and policies. The kind is a
    // value: the others' records (up to 700 KB of JSON) are not parsed.
    const Xapian::Document rec = targets.get_document(*it);
    if (!is_reference_target(rec.get_value(s::kSlotKind))) continue;
    Document d = document_from_json(parse_json_object(rec.get_data()));
    known.push_back({d.id, d.title, d.kind, d.date, d.aliases, d.replaces});
  }
  const auto mentions = stored_mentions(targets);
  // Two passes: an alias one document defines resolves in every other.
  KnownIndex index(known);
  for (const auto& [doc, passages] : mentions)
    for (const auto& pm : passages) learn_aliases(pm.mentions, known, index, doc);

  std::size_t total = 0;
  for (const auto& [doc, did] : record_of) {
    Poco::JSON::Array::Ptr refs = new Poco::JSON::Array;
    // resolve compares a name with every title, and a document repeats its
    // names ("programmet", the same law): each is resolved once. The context
    // matters (a short form prefers the document itself), so the cache is
    // per document.
    std::map<std::string, Resolution> resolved;
    // &doc = doc: clang before 16 cannot capture a structured binding.
    auto resolution = [&, &doc = doc](const Mention& m) {
      const std::string key = m.kind + '\n' + m.text + '\n' + m.antecedent;
      auto cached = resolved.find(key);
      if (cached == resolved.end()) cached = resolved.emplace(key, resolve(m, index, doc)).first;
      return cached->second;
    };
    if (auto found = mentions.find(doc); found != mentions.end()) {
      for (const auto& pm : found->second)
        for (const auto& m : pm.mentions) {
          const Resolution r = resolution(m);
          if (r.target == doc) continue;  // a document naming itself
          refs->add(reference_json(doc, pm.passage, m, r));
        }
    }
    total += refs->size();
    Xapian::Document rec = db.get_document(did);
    // Compared as text: parsing a bundle's record (up to 700 KB) only to find
    // its references unchanged was most of a re-run's time.
    const std::string data = rec.get_data();
    std::set<std::string> cited;
    for (std::size_t i = 0; i < refs->size(); ++i)
      cited.insert(json_text(refs->getObject(static_cast<unsigned>(i)), "target"));
    const bool terms_changed = set_link_terms(rec, s::prefix::cites, cited);
    const auto old = top_level_raw(data, "references");
    const bool data_same = old && *old == stringify(refs);
    if (data_same && !terms_changed) continue;
    if (!data_same) {
      auto obj = parse_json_object(data);
      obj->set("references", refs);
      rec.set_data(to_json_string(obj));
    }
    db.replace_document(did, rec);
  }
  return total;
}

}  // namespace rk
