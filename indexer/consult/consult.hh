// Consultation analysis of one response (remissvar): who answers (the
// respondent and its category), what the body decided (with the sentence
// that says so) and what it says, sentence by sentence, with a stance and the
// cue it rests on. Pure text analysis over a stored Document: no Xapian.
// The cue lists are data files (consult/cues/*.txt) compiled into the binary.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <vector>

#include "indexer/core/model.hh"

namespace rk {

// A sentence of a document, located by its passage.
struct Evidence {
  std::string passage;  // passage id, "<doc id>:p<n>"
  std::string text;
};

// category: district_committee | specialist_committee | company | council |
// union | organisation.
struct Respondent {
  std::string name;
  std::string category = "organisation";
};

// stance: tillstyrker | avstyrker | tillstyrker_delvis | inga_synpunkter |
// avstar | ej_angiven. `proposed` is the office's proposal when the
// committee decided otherwise or alone stated one (empty otherwise).
struct Decision {
  std::string stance = "ej_angiven";
  Evidence evidence;
  std::string proposed_stance;
  Evidence proposed_evidence;
};

// stance: positive | critical | proposal | question | neutral.
struct Statement {
  std::string passage;
  std::string text;
  std::string stance = "neutral";
  std::string cue;                    // the cue as written in the cue list; empty when neutral
  std::vector<std::string> sections;  // "avsnitt 6.3", "insats 7:2", a quoted heading
  bool quoted = false;                // program text quoted by the respondent
  bool negated = false;               // the cue is negated ("saknar inte")
  bool hedged = false;                // softened ("inte helt", "möjligen")
};

struct ResponseAnalysis {
  Respondent respondent;
  Decision decision;
  std::vector<Statement> statements;
};

ResponseAnalysis analyse_response(const Document& doc);

// {"respondent":{"name","category"},"decision":{"stance","evidence":{"passage",
// "text"},"proposed"?},"statements":[{"passage","text","stance","cue","sections",
// "quoted","negated","hedged"}]}; cue is null for a neutral statement.
Poco::JSON::Object::Ptr to_json(const ResponseAnalysis& analysis);

// The steps, for tests and other stages.

struct Sentence {
  std::string text;
  bool quoted = false;  // mostly inside quotation marks
};

// Splits a passage into sentences, keeping abbreviations ("bl.a.", "t.ex."),
// numbers ("6.3", list numbers "1.") and quotations together.
std::vector<Sentence> split_sentences(std::string_view passage);

struct StanceCue {
  std::string stance = "neutral";
  std::string cue;
  bool negated = false;
  bool hedged = false;
};

// The stance of one sentence of a response and the cue it rests on.
StanceCue classify_sentence(std::string_view sentence);

// The decision a sentence states, or empty when it states none (the traps:
// "inga synpunkter på avsnitt 4", a party's motion, "ska tillstyrkas eller
// avstyrkas").
std::string decision_in_sentence(std::string_view sentence);

// The category of a body from its name; empty when no rule matches.
std::string respondent_category(std::string_view name);

// Parts of the program a sentence names: "avsnitt 6.3", "insats 7:2", and
// short quoted headings.
std::vector<std::string> section_mentions(std::string_view sentence);

}  // namespace rk
