// Respondent, decision and statements of one response, from the cue lists.
#include "indexer/consult/consult.hh"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <optional>

#include "indexer/consult/cues.hh"
#include "indexer/core/text.hh"

namespace rk {

namespace {

using consult::CueList;
using consult::CueMatch;
using consult::Word;
using consult::words_of;

const CueList& cues(std::string_view name) { return CueList::embedded(name); }

bool is_negation(const std::vector<Word>& words, std::size_t i) {
  return i < words.size() && CueList::embedded("negation", false).contains_word(words[i].text);
}

// A negation right before the cue ("inte positiv till", "är inte positiv")
// or right after its verb ("saknar inte", "behöver inte"), unless the cue
// holds one itself ("framgår inte").
bool negated(const std::vector<Word>& words, const CueMatch& m) {
  for (std::size_t i = m.first; i <= m.last; ++i)
    if (is_negation(words, i)) return false;
  bool before = (m.first >= 1 && is_negation(words, m.first - 1)) ||
                (m.first >= 2 && is_negation(words, m.first - 2));
  return before || is_negation(words, m.last + 1);
}

bool after_contrast(const std::vector<Word>& words, const CueMatch& m) {
  const CueList& contrast = CueList::embedded("contrast", false);
  for (std::size_t i = 0; i < m.first; ++i)
    if (contrast.contains_word(words[i].text)) return true;
  return false;
}

std::size_t concrete_words(const CueMatch& m) {
  return static_cast<std::size_t>(std::count_if(m.cue->pattern.begin(), m.cue->pattern.end(),
                                                [](const std::string& t) { return t != "..."; }));
}

// A cue inside a longer one ("utvecklas inte" in "nämns men utvecklas inte")
// is not a cue of its own, even after the contrast the longer one holds.
bool covered(const CueMatch& m, const std::vector<CueMatch>& all) {
  for (const CueMatch& o : all) {
    if (o.first <= m.first && o.last >= m.last && concrete_words(o) > concrete_words(m))
      return true;
  }
  return false;
}

std::string flipped(const std::string& stance) {
  for (const auto& cue : cues("flips").cues())
    if (cue.label == stance) return cue.phrase;
  return stance;
}

// The first cue in the list's own order that matches anywhere.
const consult::Cue* first_in_order(const CueList& list, const std::vector<Word>& words) {
  const consult::Cue* best = nullptr;
  for (const CueMatch& m : list.find_all(words))
    if (!best || m.cue < best) best = m.cue;
  return best;
}

std::string role_of_line(std::string_view line) {
  auto words = words_of(line);
  CueMatch best;
  for (const CueMatch& m : cues("regions").find_at(words, 0))
    if (!best.cue || m.length() > best.length()) best = m;
  return best.cue ? best.cue->label : std::string();
}

bool short_line(std::string_view text) { return words_of(text).size() <= 8; }

// The name inside a letterhead line: "Norrviks stad Rådet för X Synpunkter
// från sammanträde" -> "Rådet för X".
std::string name_in_line(std::string_view line) {
  auto words = words_of(line);
  std::size_t begin = 0, end = line.size();
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (const auto& cue : cues("letterhead").cues()) {
      if (cue.phrase != words[i].text) continue;
      if (cue.label == "after" && i + 1 < words.size() && begin == 0) begin = words[i + 1].begin;
      if (cue.label == "end" && i > 0 && words[i].begin > begin)
        end = std::min(end, words[i].begin);
    }
  }
  return collapse_space(line.substr(begin, end > begin ? end - begin : line.size() - begin));
}

Respondent find_respondent(const Document& doc) {
  std::vector<std::string> candidates{doc.author};
  for (const Section& s : doc.sections) {
    if (!s.heading.empty() && words_of(s.heading).size() <= 16) candidates.push_back(s.heading);
    for (const Passage& p : s.passages)
      if (p.ordinal <= 12 && words_of(p.text).size() <= 16) candidates.push_back(p.text);
  }
  for (std::string& c : candidates) c = name_in_line(c);
  std::optional<Respondent> organisation;
  // A name on a line of its own first; a body named inside a sentence last.
  for (std::size_t max_words : {std::size_t{8}, std::size_t{16}}) {
    for (const std::string& name : candidates) {
      std::string category = respondent_category(name);
      if (category.empty() || words_of(name).size() > max_words) continue;
      if (category != "organisation") return {name, category};
      if (!organisation) organisation = Respondent{name, category};
    }
  }
  if (organisation) return *organisation;
  return {doc.author.empty() ? doc.title : doc.author, "organisation"};
}

struct DecisionFinder {
  std::string region = "neutral";
  std::optional<std::pair<std::string, Evidence>> decided, neutral, proposed, undecided;

  void line(std::string_view text) {
    if (std::string role = role_of_line(text); !role.empty()) region = role;
  }

  void sentence(const std::string& passage, const std::string& text) {
    std::string stance = decision_in_sentence(text);
    if (stance.empty()) return;
    const consult::Cue* role_cue = cues("roles").longest(words_of(text)).cue;
    std::string role = role_cue ? role_cue->label : region;
    if (role == "party") return;  // a party's motion or statement
    auto& slot = stance == "ej_angiven" ? undecided
                 : role == "decision"   ? decided
                 : role == "proposal"   ? proposed
                 : role == "neutral"    ? neutral
                                        : undecided;
    if (!slot) slot = {stance, Evidence{passage, text}};
  }

  Decision result() const {
    Decision d;
    for (const auto* found : {&decided, &neutral, &proposed, &undecided}) {
      if (!*found) continue;
      d.stance = (*found)->first;
      d.evidence = (*found)->second;
      break;
    }
    if (proposed && proposed->first != d.stance) {
      d.proposed_stance = proposed->first;
      d.proposed_evidence = proposed->second;
    }
    return d;
  }
};

Decision find_decision(const Document& doc) {
  DecisionFinder finder;
  for (const Section& s : doc.sections) {
    if (!s.heading.empty()) finder.line(s.heading);
    for (const Passage& p : s.passages) {
      if (short_line(p.text)) finder.line(p.text);
      for (const Sentence& sentence : split_sentences(p.text))
        if (!sentence.quoted) finder.sentence(p.id, sentence.text);
    }
  }
  return finder.result();
}

Poco::JSON::Object::Ptr evidence_json(const Evidence& e) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
  out->set("passage", e.passage);
  out->set("text", e.text);
  return out;
}

}  // namespace

StanceCue classify_sentence(std::string_view sentence) {
  StanceCue out;
  auto words = words_of(sentence);
  auto matches = cues("statements").find_all(words);
  std::optional<CueMatch> best;
  auto rank = [&](const CueMatch& m) {
    return std::make_tuple(after_contrast(words, m), concrete_words(m),
                           -static_cast<long>(m.last - m.first), -static_cast<long>(m.first));
  };
  for (const CueMatch& m : matches)
    if (!covered(m, matches) && (!best || rank(m) > rank(*best))) best = m;
  if (best) {
    out.cue = best->cue->phrase;
    out.negated = negated(words, *best);
    out.stance = out.negated ? flipped(best->cue->label) : best->cue->label;
  }
  std::string_view trimmed = sentence.substr(0, sentence.find_last_not_of(" \u201D\")") + 1);
  if (!trimmed.empty() && trimmed.back() == '?' && out.stance != "question") {
    out.stance = "question";
    out.cue = "?";
  }
  out.hedged = !CueList::embedded("hedges", false).find_all(words).empty();
  return out;
}

std::string decision_in_sentence(std::string_view sentence) {
  auto words = words_of(sentence);
  auto matches = cues("decisions").find_all(words);
  CueMatch best;
  for (const CueMatch& m : matches) {
    if (m.cue->label == "none") return {};
    if (!best.cue || m.length() > best.length()) best = m;
  }
  return best.cue ? best.cue->label : std::string();
}

std::string respondent_category(std::string_view name) {
  const consult::Cue* cue = first_in_order(cues("respondents"), words_of(name));
  return cue ? cue->label : std::string();
}

namespace {

// "Förvaltningen föreslår att:" or an unfinished "... föreslår att".
bool leads_into_list(const std::string& text) {
  if (text.ends_with(':')) return true;
  auto words = words_of(text);
  return !words.empty() && words.back().text == "att" && words.back().end == text.size();
}

Statement statement_of(const Passage& p, const Sentence& sentence) {
  Statement st;
  st.passage = p.id;
  st.text = sentence.text;
  st.quoted = sentence.quoted;
  st.sections = section_mentions(sentence.text);
  if (st.quoted) return st;
  StanceCue c = classify_sentence(sentence.text);
  st.stance = c.stance;
  st.cue = c.cue;
  st.negated = c.negated;
  st.hedged = c.hedged;
  return st;
}

}  // namespace

ResponseAnalysis analyse_response(const Document& doc) {
  ResponseAnalysis out;
  out.respondent = find_respondent(doc);
  out.decision = find_decision(doc);
  // The items of a list speak with the sentence that leads into it
  // ("Förvaltningen föreslår att:" followed by bullets).
  std::optional<Statement> lead_in;
  for (const Section& s : doc.sections) {
    for (const Passage& p : s.passages) {
      if (p.kind != BlockKind::list_item) lead_in.reset();
      for (const Sentence& sentence : split_sentences(p.text)) {
        Statement st = statement_of(p, sentence);
        if (lead_in && st.stance == "neutral" && !st.quoted) {
          st.stance = lead_in->stance;
          st.cue = lead_in->cue;
        }
        out.statements.push_back(std::move(st));
      }
      const Statement& last = out.statements.empty() ? Statement{} : out.statements.back();
      if (p.kind != BlockKind::list_item && last.passage == p.id && last.stance != "neutral" &&
          leads_into_list(last.text))
        lead_in = last;
    }
  }
  return out;
}

Poco::JSON::Object::Ptr to_json(const ResponseAnalysis& a) {
  Poco::JSON::Object::Ptr respondent = new Poco::JSON::Object;
  respondent->set("name", a.respondent.name);
  respondent->set("category", a.respondent.category);

  Poco::JSON::Object::Ptr decision = new Poco::JSON::Object;
  decision->set("stance", a.decision.stance);
  decision->set("evidence", a.decision.evidence.text.empty()
                                ? Poco::Dynamic::Var()
                                : Poco::Dynamic::Var(evidence_json(a.decision.evidence)));
  if (!a.decision.proposed_stance.empty()) {
    Poco::JSON::Object::Ptr proposed = new Poco::JSON::Object;
    proposed->set("stance", a.decision.proposed_stance);
    proposed->set("evidence", evidence_json(a.decision.proposed_evidence));
    decision->set("proposed", proposed);
  }

  Poco::JSON::Array::Ptr statements = new Poco::JSON::Array;
  for (const Statement& s : a.statements) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("passage", s.passage);
    o->set("text", s.text);
    o->set("stance", s.stance);
    o->set("cue", s.cue.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(s.cue));
    Poco::JSON::Array::Ptr sections = new Poco::JSON::Array;
    for (const std::string& ref : s.sections) sections->add(ref);
    o->set("sections", sections);
    o->set("quoted", s.quoted);
    o->set("negated", s.negated);
    o->set("hedged", s.hedged);
    statements->add(o);
  }

  Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
  out->set("respondent", respondent);
  out->set("decision", decision);
  out->set("statements", statements);
  return out;
}

}  // namespace rk
