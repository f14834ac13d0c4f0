// References between documents and the judgements made on them: the model
// behind `remisskoll refs` (query/cmd_refs.cpp). The references are resolved
// at index time (indexer/store/references.cpp); the findings are computed
// here, missing_reference with Xapian's expand sets and BM25.
#pragma once

#include <Poco/JSON/Object.h>
#include <xapian.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace rk {

struct Reference {
  std::string from, passage, target_text, target;
  std::string status;   // resolved | unresolved | superseded
  std::string mention;  // as found: title | short | law | alias | pronoun
  bool law = false;
  bool in_list = false;   // a bare item of a list
  bool relation = false;  // the sentence says how the documents relate
};

// One entry of a document record's "references" (indexer/store/record.cpp).
Reference reference_from_json(const Poco::JSON::Object::Ptr& o);

struct Evidence {
  std::string passage, text;
};

struct Finding {
  std::string type;               // missing_reference | mention_only | unresolved | superseded
  std::string doc, target, text;  // text: the name as written (unresolved)
  double score = 0;
  std::vector<Evidence> evidence;
  std::vector<std::string> terms;  // missing_reference: the target's characteristic terms
};

struct DocumentNode {
  std::string id, title, kind;
};

struct RefsReport {
  std::vector<DocumentNode> documents;
  std::vector<Reference> references;
  std::vector<Finding> findings;
};

// A document near another in the reference graph: `steps` references away,
// in either direction (0 for the document itself).
struct LinkedDocument {
  std::string id;
  int steps = 0;
};

// The document `id` and every document it references or that references it,
// up to `max_steps` out, nearest first; empty when no document has that id.
// Only references that found their target (resolved or superseded) link.
std::vector<LinkedDocument> linked_documents(const Xapian::Database& db, const std::string& id,
                                             int max_steps = 2);

// All references and findings; with `doc`, only those from that document.
RefsReport build_refs_report(const Xapian::Database& db, const std::string& doc = {});

Poco::JSON::Object::Ptr refs_json(const RefsReport& report);
void print_refs(std::ostream& out, const RefsReport& report);
// Graphviz DOT: documents coloured by kind, references as edges, findings dashed.
void print_refs_dot(std::ostream& out, const RefsReport& report);

}  // namespace rk
