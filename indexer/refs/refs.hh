// References between steering documents: find the places where a passage
// names another document or a law, and resolve each name against the
// documents we know. Pure text work: no Xapian, no files. The store keeps
// the mentions of each passage; the query side judges them (missing
// reference, mention only, unresolved, superseded).
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rk {

// One place where a passage names a document or a law.
struct Mention {
  std::string text;  // as written, e.g. "Norrviks stads plan för civil beredskap 2025–2028"
  std::size_t offset = 0;    // byte offset of `text` in the passage
  std::size_t length = 0;    // byte length of `text`
  std::string kind;          // title | short | law | alias | pronoun
  std::string years;         // "2019–2022" (en dash) or "2011" if written; else empty
  std::string law_sfs;       // "2018:585" when a law's SFS number is written
  bool in_list = false;      // a bare item of an enumeration (bullet, "följande ...: A, B och C")
  bool relation = false;     // the sentence says how the documents relate
  std::string relation_cue;  // the words that said it ("ersätter", "i enlighet med", ...)
  std::string antecedent;    // alias and pronoun: the text of the mention they stand for
};

// Every mention in one passage, in text order, none overlapping. A pronoun
// ("planen", "policyn") is reported only when an earlier mention in the same
// passage with the same document type gives it an antecedent. `list_item`
// says that the passage is an item of a list (Block::kind == list_item).
std::vector<Mention> find_mentions(std::string_view passage_text, bool list_item = false);

// A document a mention may point to.
struct KnownDocument {
  std::string id, title, kind, date;  // date ISO yyyy-mm-dd or empty
  std::vector<std::string> aliases;   // other names: manifest, or learnt from the text
  std::string replaces;               // id of the document this one replaces, or empty
};

struct Resolution {
  std::string target;  // document id, or empty
  std::string status;  // resolved | unresolved | superseded
  double score = 0;    // 0..1: how sure the match is
};

// Resolves one mention. Laws are never documents of the corpus: they are
// unresolved with an empty target. A target that another known document
// replaces is superseded, unless the context document is that newer version
// (or a later one): a program may well name what it replaces.
Resolution resolve(const Mention& mention, const std::vector<KnownDocument>& known,
                   const std::string& context_doc_id);

// The known documents by name, word, id and predecessor: resolving many
// mentions against thousands of documents compares each name only with the
// documents that share a word or a name with it (the others score 0), not
// with all of them. Refers to `known`, which must outlive it; learn_aliases
// keeps it up to date.
struct KnownIndex {
  explicit KnownIndex(const std::vector<KnownDocument>& known);
  void add_alias(std::size_t document, const std::string& alias);

  const std::vector<KnownDocument>& known;
  using Positions = std::vector<std::size_t>;              // into known, ascending
  std::unordered_map<std::string, Positions> by_name;      // normal titles and aliases
  std::unordered_map<std::string, Positions> by_title;     // normal titles
  std::unordered_map<std::string, Positions> by_word;      // name words of titles and aliases
  std::unordered_map<std::string, std::size_t> by_id;      // first document with the id
  std::unordered_map<std::string, Positions> replaced_by;  // id -> the documents replacing it

  // The best score of a mention over `known` and the documents that reach it:
  // they do not depend on the document the mention is in, and a corpus
  // repeats its names ("översiktsplanen" in thousands of documents), each of
  // which is compared with every document that shares a word with it. Kept
  // until add_alias changes what a name can match.
  struct Best {
    double score = 0;
    Positions at;  // ascending
  };
  mutable std::unordered_map<std::string, Best> best_of;
};

// Same result as resolve(mention, index.known, context_doc_id).
Resolution resolve(const Mention& mention, const KnownIndex& index,
                   const std::string& context_doc_id);

// Adds the aliases that a document defines for another ("Riktlinje för ...,
// nedan kallad leverantörsriktlinjen") to the document the antecedent resolves
// to, so that later passages that use only the alias resolve too.
void learn_aliases(const std::vector<Mention>& mentions, std::vector<KnownDocument>& known,
                   const std::string& context_doc_id);
// The same, keeping `index` (made over `known`) up to date.
void learn_aliases(const std::vector<Mention>& mentions, std::vector<KnownDocument>& known,
                   KnownIndex& index, const std::string& context_doc_id);

Poco::JSON::Object::Ptr to_json(const Mention& mention);
Poco::JSON::Object::Ptr to_json(const Resolution& resolution);

}  // namespace rk
