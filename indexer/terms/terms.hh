// Terminology: one concept under several names. A pure module: it gets the
// passages' texts and a term bank and finds acronym pairs, orthographic
// variants, suspended-hyphen and compound candidates, and the findings
// (several_names, mixed_in_document, deprecated_term). No Xapian, no files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rk::terms {

// --- Term bank (TBX, ISO 30042) ---
enum class Status { preferred, admitted, deprecated };

struct Term {
  std::string form;
  Status status = Status::admitted;
  std::string note;
};

// A terminologist's verdict on a grouping that discovery proposed, kept in
// the TBX as <admin type="reviewStatus"> on the conceptEntry. A concept
// without one is the term bank's own.
enum class Review { none, candidate, accepted, rejected };

struct Concept {
  std::string id;
  std::vector<Term> terms;
  std::string note;
  Review review = Review::none;
  std::string origin;  // the discovery source that proposed it (<admin type="origin">)
};

// The concepts that are in force: the term bank's own and accepted ones.
// A candidate awaits review; a rejected one only keeps discovery quiet.
bool in_force(const Concept& c);

struct TermBank {
  std::vector<Concept> concepts;
};

// Parses TBX safely (no network, no entities, no DTD). Throws InputError
// with a Swedish message when the file is not usable.
TermBank read_tbx(std::string_view bytes);
std::string write_tbx(const TermBank& bank);
std::string_view status_name(Status s);  // "preferredTerm-admn-sts" ...
std::string_view review_name(Review r);  // "candidate", "accepted", "rejected"; "" for none

// --- Discovery ---
struct PassageText {
  std::string id;   // "<doc>:p<N>"
  std::string doc;  // document id
  std::string text;
};

// A long form for `acronym` aligned letter by letter (Schwartz-Hearst,
// letters may come from inside words so that syllable acronyms like
// "Posom" work), taken as the shortest suffix of `words_before` that aligns.
std::optional<std::string> align_acronym(std::string_view acronym, std::string_view words_before);
// Whether `token` looks like an acronym: "RSA", "Posom", "Brå".
bool looks_like_acronym(std::string_view token);

struct AcronymPair {
  std::string acronym;
  std::string expansion;
  std::string written;  // as it stands in the text: "Brå (Brottsförebyggande rådet)"
};
// Both orders: "long form (ACR)" and "ACR (long form)".
std::vector<AcronymPair> find_acronym_pairs(std::string_view text);

// Lower case, hyphens and spaces removed: equal keys are spelling variants.
std::string spelling_key(std::string_view form);

struct Variant {
  std::string form;
  int count = 0;
  std::vector<std::string> docs;
};
struct Evidence {
  std::string passage;
  std::string text;
};
struct FoundConcept {
  std::string preferred;
  std::string source;  // termbank | acronym | orthographic | suspended | compound | distributional
  std::vector<Variant> variants;
  std::string reason;                   // why these were grouped, for the terminologist
  std::vector<std::string> deprecated;  // forms the term bank deprecates
};
struct Finding {
  std::string type;  // several_names | mixed_in_document | deprecated_term
  std::string concept_name;
  std::vector<std::string> docs;
  std::vector<Evidence> evidence;
  std::string detail;
};
struct Report {
  std::vector<FoundConcept> concepts;
  std::vector<Finding> findings;
};

Report analyse(const std::vector<PassageText>& passages, const TermBank& bank);

// Discovered (non-termbank) concepts as a term bank for review: the
// preferred form as preferredTerm, the others admitted, the reason as note,
// reviewStatus "candidate". The verdicts already in `bank` (accepted and
// rejected concepts) come first, so that a review file can be re-exported
// without losing them.
TermBank candidates_as_bank(const Report& report, const TermBank& bank = {});

}  // namespace rk::terms
