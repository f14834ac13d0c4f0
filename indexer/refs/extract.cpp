// Finding mentions of documents and laws in one passage.
#include <algorithm>
#include <cctype>

#include "indexer/core/text.hh"
#include "indexer/refs/internal.hh"
#include "indexer/refs/refs.hh"

namespace rk {

namespace {

using refs::Token;
using Tokens = std::vector<Token>;

using Words = std::set<std::string, std::less<>>;

// Words that may open the tail of a title: "Plan för ...", "Handlingsplan mot ...".
const Words kTailStart{"för", "mot", "om", "vid", "inom", "kring"};

// Words that end a title's tail: clause words and the verbs that follow a name.
const Words kTailStop{
    "som",           "vars",        "där",          "när",          "då",
    "nedan",         "samt",        "men",          "eftersom",     "också",
    "även",          "inte",        "ej",           "enligt",       "respektive",
    "vilket",        "vilken",      "vilka",        "medan",        "dock",
    "bland",         "är",          "var",          "blir",         "blev",
    "har",           "hade",        "ska",          "skall",        "kan",
    "kunde",         "får",         "fick",         "måste",        "bör",
    "borde",         "gäller",      "gällde",       "beskriver",    "beskrivs",
    "anger",         "anges",       "innebär",      "antogs",       "antagen",
    "antagits",      "antog",       "beslutades",   "beslutade",    "beslutat",
    "beslutats",     "utgår",       "trädde",       "träder",       "hänvisar",
    "ersätter",      "ersätts",     "kompletterar", "kompletteras", "konkretiserar",
    "konkretiseras", "styr",        "styrs",        "omfattar",     "omfattas",
    "reglerar",      "regleras",    "saknar",       "nämner",       "nämns",
    "tas",           "togs",        "tar",          "ger",          "visar",
    "behöver",       "finns",       "fanns",        "följer",       "följs",
    "pekar",         "lyfter",      "bygger",       "ligger",       "redovisas",
    "utvecklas",     "förlängde",   "förlängts",    "tillämpas",    "motsvarar",
    "utgör",         "innehåller",  "handlar",      "syftar",       "avser",
    "tydliggör",     "kräver",      "stödjer",      "leder",        "bidrar",
    "gör",           "våra",        "vår",          "vårt",         "deras",
    "dess",          "framgår",     "kommer",       "arbetar",      "bedömer",
    "anser",         "menar",       "föreslår",     "föreslås",     "välkomnar",
    "instämmer",     "tillstyrker", "avstyrker",    "pågår",        "skulle",
    "inkluderar",    "utifrån",     "genom",        "fram",         "förhåller"};

// After "och" a title goes on only with a word that coordinates inside it
// ("psykiskt och socialt", "inför och vid"), never with one that starts a
// new phrase ("och av", "och från").
const Words kNotAfterAnd{"av",    "från",   "med",   "till",   "på",    "den",     "det",   "de",
                         "dess",  "en",     "ett",   "att",    "som",   "har",     "ska",   "är",
                         "andra", "övriga", "dels",  "även",   "också", "inte",    "i",     "för",
                         "hur",   "vad",    "sedan", "enligt", "genom", "utifrån", "därmed"};

// Words that cannot begin a title's content: "planen för hur ...".
const Words kNotContent{
    "hur",         "vad",       "att",    "när",      "var",      "vem",           "vilka",
    "sin",         "sina",      "sitt",   "varje",    "alla",     "hela",          "denna",
    "detta",       "dessa",     "nästa",  "samma",    "den",      "det",           "de",
    "en",          "ett",       "er",     "dag",      "dagen",    "dagens",        "kvällen",
    "veckan",      "året",      "helgen", "mötet",    "perioden", "eftermiddagen", "förmiddagen",
    "stunden",     "antagande", "beslut", "kännedom", "yttrande", "remiss",        "godkännande",
    "genomförande"};

// Adjectives that say when, not what: "det tidigare programmet" is a pronoun.
const Words kNotTopical{
    "gällande",     "nuvarande",  "kommande",    "föregående",  "efterföljande",
    "motsvarande",  "liknande",   "följande",    "ovanstående", "nedanstående",
    "övergripande", "omfattande", "styrande",    "ovannämnda",  "ifrågavarande",
    "avseende",     "angående",   "utgående",    "tillhörande", "tvärgående",
    "innevarande",  "rörande",    "beträffande", "pågående",    "hittillsvarande"};

// First parts of compounds that name a kind of plan, not one document:
// "handlingsplanen", "åtgärdsplan" stand for whatever plan the text is about.
const Words kGenericModifiers{"handling",  "åtgärd",         "aktivitet", "verksamhet",
                              "bemanning", "implementering", "kategori",  "genomförande",
                              "projekt",   "arbets"};

// Words a name may carry that do not say which document it is.
const Words kVague{
    "ny",       "nya",    "nytt", "tidigare", "gemensam", "gemensamma",        "viktigaste",
    "allra",    "första", "egen", "egna",     "samlade",  "stadsövergripande", "befintliga",
    "aktuella", "senaste"};

// Swedish laws by their usual abbreviation.
const Words kLawAbbreviations{"LEH", "LSO", "OSL", "SoL", "LSS", "PBL", "LOU",
                              "LUF", "LVU", "LVM", "HSL", "BrB", "LOV"};

// Words ending in "lagen" that are not laws.
const std::vector<std::string> kNotLaws{"förslagen",  "inslagen",   "anslagen",   "avslagen",
                                        "utslagen",   "påslagen",   "omslagen",   "beslagen",
                                        "tillslagen", "överslagen", "underlagen", "upplagen",
                                        "bolagen",    "förlagen",   "föreslagen"};

const std::vector<std::string> kRelationCues{"i enlighet med",
                                             "enligt",
                                             "kompletterar",
                                             "kompletteras",
                                             "ersätter",
                                             "ersätts",
                                             "ersatt",
                                             "utgår från",
                                             "utgå från",
                                             "läsas tillsammans med",
                                             "tillämpas tillsammans med",
                                             "se även",
                                             "beskrivs närmare i",
                                             "framgår av",
                                             "regleras i",
                                             "konkretiserar",
                                             "konkretiseras",
                                             "bygger på",
                                             "styrs av",
                                             "styrts av",
                                             "förhåller sig till",
                                             "i linje med",
                                             "hänvisar till",
                                             "följer av",
                                             "stämma överens",
                                             "samordnas med",
                                             "kopplad till",
                                             "tar sin utgångspunkt i",
                                             "ligger till grund",
                                             "gäller före",
                                             "tillsammans med"};

// What the scanner found before overlaps are settled.
struct Candidate {
  std::size_t first = 0, last = 0;  // token range, inclusive
  Mention mention;
  std::string head;  // document type for antecedents; empty for laws
  int priority = 0;  // law and alias 3, title and short 2, pronoun 1
};

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool is_dash(const Token& t) { return t.text == "-" || t.text == "–" || t.text == "—"; }

bool is_content(const Token& t) {
  return t.word && !t.number && !refs::is_function_word(t.lower) && !kNotContent.count(t.lower);
}

// A year or a year range at `i` ("2019–2022", "2019-2022", "2023–"), or
// "från 2011". Returns the index after it, or `i`.
std::size_t parse_years(const Tokens& t, std::size_t i, std::string& years) {
  if (i < t.size() && t[i].lower == "från" && i + 1 < t.size() && refs::is_year(t[i + 1])) {
    years = t[i + 1].text;
    return i + 2;
  }
  if (i >= t.size() || !refs::is_year(t[i])) return i;
  years = t[i].text;
  if (i + 1 < t.size() && is_dash(t[i + 1]) && t[i + 1].begin == t[i].end) {
    if (i + 2 < t.size() && refs::is_year(t[i + 2])) {
      years += "–" + t[i + 2].text;
      return i + 3;
    }
    if (i + 2 >= t.size() || !t[i + 2].number) {
      years += "–";
      return i + 2;
    }
  }
  return i + 1;
}

// "(2018:585)" or "(SFS 2018:585)" at `i`. Returns the index after it, or `i`.
std::size_t parse_sfs(const Tokens& t, std::size_t i, std::string& sfs) {
  std::size_t j = i;
  if (j >= t.size() || t[j].text != "(") return i;
  ++j;
  if (j < t.size() && t[j].text == "SFS") ++j;
  if (j + 3 >= t.size() || !refs::is_year(t[j]) || t[j + 1].text != ":" || !t[j + 2].number ||
      t[j + 3].text != ")")
    return i;
  sfs = t[j].text + ":" + t[j + 2].text;
  return j + 4;
}

// A short parenthesised name right after a title: "(Posom)", "(LEH)".
std::size_t parse_acronym(const Tokens& t, std::size_t i) {
  if (i + 2 < t.size() && t[i].text == "(" && t[i + 1].word && t[i + 1].capital &&
      !t[i + 1].number && t[i + 1].text.size() <= 12 && t[i + 2].text == ")")
    return i + 3;
  return i;
}

// Passive and supine verb forms end a name: "... händelser beslutas av".
bool looks_like_verb(std::string_view w) {
  return (w.size() >= 5 && ends_with(w, "as")) ||
         (w.size() >= 6 && (ends_with(w, "ats") || ends_with(w, "its")));
}

bool starts_other_name(const Token& t) {
  if (auto h = refs::document_head(t.lower)) return true;
  return ends_with(t.lower, "lagen") || t.lower == "lag";
}

// Words after "i" that start a phrase of their own: "i kraft", "i enlighet med".
const Words kNotAfterI{"kraft",  "synnerhet", "enlighet", "samband", "princip",
                       "första", "huvudsak",  "den",      "det",     "dag"};

// A capital letter inside a title's tail is a proper name after a
// preposition or another name ("för Göteborg", "i Västra Götaland");
// anywhere else it starts the next sentence or heading glued on ("... mot
// rasism Beslutad av").
bool capital_fits(const Tokens& t, std::size_t j) {
  static const Words kBefore{"i", "för", "mot", "om", "av", "till", "med", "vid", "inom"};
  return (kBefore.count(t[j - 1].lower) || t[j - 1].capital) && is_content(t[j]) &&
         !starts_other_name(t[j]);
}

// The tail of a title from `i`: "för civil beredskap", "om skydd mot olyckor".
// Returns the index after its last content word, or `i` when there is none.
// A named document's tail may open with an article or "att" ("Göteborgs
// Stads program för en jämlik stad"); a pronoun's may not ("planen för hur").
std::size_t parse_tail(const Tokens& t, std::size_t i, bool named = false) {
  // A capital "Inom" starts the next heading or sentence, not a tail.
  if (i + 1 >= t.size() || t[i].capital || !kTailStart.count(t[i].lower)) return i;
  const bool opener =
      named && i + 2 < t.size() &&
      (t[i + 1].lower == "en" || t[i + 1].lower == "ett" || t[i + 1].lower == "att") &&
      t[i + 2].word && !t[i + 2].number;
  if (!is_content(t[i + 1]) && !opener) return i;
  std::size_t end = i;
  for (std::size_t j = i, n = 0; j < t.size() && n < 16; ++j, ++n) {
    const Token& w = t[j];
    if (!w.word || w.number || kTailStop.count(w.lower) || looks_like_verb(w.lower)) break;
    // "... för Götalands län Göteborgs Stads program ...": another name starts.
    if (j > i + 1 && w.capital && j + 1 < t.size() &&
        (t[j + 1].lower == "stads" || t[j + 1].lower == "kommuns"))
      break;
    if (j > i + 1 && w.capital && !capital_fits(t, j)) break;
    if (w.lower == "i" && j + 1 < t.size() && kNotAfterI.count(t[j + 1].lower)) break;
    if (w.lower == "inom" && j + 1 < t.size() && t[j + 1].lower == "ramen") break;
    if (w.lower == "från" && j + 1 < t.size() && refs::is_year(t[j + 1])) break;
    // "för att inga områden" goes on; "strategin mot hemlöshet att det ..." does not.
    if (w.lower == "att" && j > i && !kTailStart.count(t[j - 1].lower)) break;
    if (w.lower == "och" || w.lower == "eller") {
      const bool goes_on = j + 1 < t.size() && t[j + 1].word && !t[j + 1].capital &&
                           !kNotAfterAnd.count(t[j + 1].lower) && !starts_other_name(t[j + 1]);
      if (!goes_on) break;
    }
    if (!refs::is_function_word(w.lower)) end = j + 1;
  }
  return end;
}

// Years and an acronym after a name; `end` moves past what was taken.
void parse_trailer(const Tokens& t, std::size_t& end, std::string& years) {
  end = parse_years(t, end, years);
  end = parse_acronym(t, end);
}

// A name says which document it is: some content word beyond the document
// type, a generic first part ("handlingsplan") and vague adjectives ("nya").
bool names_something(std::string_view name) {
  static const Words kHeads{"program", "plan", "policy", "riktlinje", "strategi"};
  for (const auto& w : refs::name_words(name))
    if (!kHeads.count(w) && !kGenericModifiers.count(w) && !kVague.count(w)) return true;
  return false;
}

Mention make_mention(std::string_view text, const Tokens& t, std::size_t first, std::size_t end,
                     const char* kind) {
  Mention m;
  m.offset = t[first].begin;
  m.length = t[end - 1].end - m.offset;
  m.text = std::string(text.substr(m.offset, m.length));
  m.kind = kind;
  return m;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text), t_(refs::tokenize(text)) {}

  std::vector<Candidate> scan() {
    for (std::size_t i = 0; i < t_.size(); ++i) {
      if (!t_[i].word) continue;
      law_phrase(i);
      law_compound(i);
      law_abbreviation(i);
      alias(i);
      owner_title(i);
      head_phrase(i);
    }
    return std::move(found_);
  }

  const Tokens& tokens() const { return t_; }

 private:
  void add(std::size_t first, std::size_t end, Mention m, std::string head, int priority) {
    found_.push_back(Candidate{first, end - 1, std::move(m), std::move(head), priority});
  }

  // "lag (2003:778) om skydd mot olyckor", "lagen om kommuners ansvar ...".
  void law_phrase(std::size_t i) {
    const std::string& w = t_[i].lower;
    if (w != "lag" && w != "lagen" && w != "förordning" && w != "förordningen") return;
    std::string sfs;
    std::size_t j = parse_sfs(t_, i + 1, sfs);
    const std::size_t tail = parse_tail(t_, j);
    if (tail == j && sfs.empty()) return;
    std::size_t end = parse_acronym(t_, tail);
    Mention m = make_mention(text_, t_, i, end, "law");
    m.law_sfs = sfs;
    add(i, end, std::move(m), "", 3);
  }

  // "säkerhetsskyddslagen (2018:585)", "offentlighets- och sekretesslagen", "miljöbalken".
  void law_compound(std::size_t i) {
    const std::string& w = t_[i].lower;
    const bool lagen = (ends_with(w, "lagen") || ends_with(w, "lagens")) && w.size() > 8;
    const bool balken = ends_with(w, "balken") && w.size() > 7;
    const bool indefinite =
        (ends_with(w, "lag") || ends_with(w, "förordning") || ends_with(w, "förordningen")) &&
        w.size() > 6;
    if (!lagen && !balken && !indefinite) return;
    for (const auto& not_law : kNotLaws)
      if (ends_with(w, not_law) || ends_with(w, not_law + "s")) return;
    std::string sfs;
    std::size_t end = parse_sfs(t_, i + 1, sfs);
    if (!lagen && !balken && sfs.empty()) return;
    std::size_t first = i;
    if (i >= 2 && (t_[i - 1].lower == "och" || t_[i - 1].lower == "eller") &&
        ends_with(t_[i - 2].text, "-"))
      first = i - 2;
    Mention m = make_mention(text_, t_, first, end, "law");
    m.law_sfs = sfs;
    add(first, end, std::move(m), "", 3);
  }

  // "LEH", also with a footnote mark glued on ("LEH1").
  void law_abbreviation(std::size_t i) {
    const std::string& w = t_[i].text;
    const std::size_t letters = w.find_last_not_of("0123456789") + 1;
    if (letters == 0 || !kLawAbbreviations.count(std::string_view(w).substr(0, letters))) return;
    Mention m = make_mention(text_, t_, i, i + 1, "law");
    m.length = letters;
    m.text = w.substr(0, letters);
    add(i, i + 1, std::move(m), "", 3);
  }

  // "nedan kallad leverantörsriktlinjen", "(nedan kallat programmet)".
  void alias(std::size_t i) {
    static const Words kCalled{"kallad",  "kallat",  "kallade", "kallas",
                               "benämnd", "benämnt", "benämns"};
    if (t_[i].lower != "nedan" && t_[i].lower != "hädanefter") return;
    std::size_t j = i + 1;
    const bool bracketed = i > 0 && t_[i - 1].text == "(";
    if (j < t_.size() && kCalled.count(t_[j].lower))
      ++j;
    else if (!bracketed)
      return;  // "se nedan", "beskrivs nedan i avsnitt 3"
    std::size_t end = j;
    while (end < t_.size() && end < j + 3 && t_[end].word && !t_[end].number &&
           !kTailStop.count(t_[end].lower) && t_[end].lower != "och")
      ++end;
    if (end == j) return;
    Mention m = make_mention(text_, t_, j, end, "alias");
    const auto h = refs::document_head(t_[end - 1].lower);
    add(j, end, std::move(m), h ? h->head : "", 3);
  }

  // "Norrviks stads brottsförebyggande program 2025–2028", "stadens upphandlingspolicy".
  void owner_title(std::size_t i) {
    static const Words kOwnerNoun{"stads", "kommuns", "regions"};
    static const Words kOwnerSelf{"stadens", "kommunens", "regionens"};
    std::size_t j = i;
    bool proper = false;
    if (t_[i].capital && !t_[i].number && i + 1 < t_.size() && kOwnerNoun.count(t_[i + 1].lower)) {
      proper = true;
      j = i + 2;
    } else if (kOwnerSelf.count(t_[i].lower)) {
      j = i + 1;
    } else {
      return;
    }
    std::size_t k = j;
    while (k < t_.size() && k < j + 5 && t_[k].word && !t_[k].capital &&
           !refs::document_head(t_[k].lower) &&
           (t_[k].lower == "och" || ends_with(t_[k].lower, "a") || ends_with(t_[k].lower, "e")))
      ++k;
    if (k >= t_.size()) return;
    const auto h = refs::document_head(t_[k].lower);
    if (!h || h->plural) return;
    std::string years;
    std::size_t end = parse_tail(t_, k + 1, proper);
    const bool tail = end > k + 1;
    parse_trailer(t_, end, years);
    const bool named = proper || tail || !years.empty();
    Mention m = make_mention(text_, t_, i, end, named ? "title" : "short");
    if (!names_something(m.text)) return;  // "stadens plan", "Göteborgs Stads handlingsplan"
    m.years = years;
    add(i, end, std::move(m), h->head, 2);
  }

  // Where a phrase around the head word at `i` starts: topical adjectives
  // ("Brottsförebyggande programmet") and a suspended compound part
  // ("Trygghets- och säkerhetsprogram").
  std::size_t phrase_start(std::size_t i, bool& adjectives) const {
    std::size_t s = i;
    if (i >= 2 && (t_[i - 1].lower == "och" || t_[i - 1].lower == "eller") &&
        ends_with(t_[i - 2].text, "-"))
      return i - 2;
    while (s > 0 && t_[s - 1].word && !t_[s - 1].number) {
      // "våldsbejakande Riktlinjen": the capital starts the next heading.
      if (t_[s].capital && !t_[s - 1].capital) break;
      const std::string& w = t_[s - 1].lower;
      const bool topical = w.size() >= 7 &&
                           (ends_with(w, "ande") || ends_with(w, "ende") || ends_with(w, "iska") ||
                            ends_with(w, "ska")) &&
                           !kNotTopical.count(w);
      const bool joined = w == "och" && s >= 2 && s < i && adjectives;
      if (!topical && !joined) break;
      if (topical) adjectives = true;
      --s;
    }
    if (s < i && t_[s].lower == "och") ++s;
    return s;
  }

  // A word that opens a sentence, a heading or a list item.
  bool sentence_start(std::size_t i) const {
    static const Words kInline{",", "”", "\"", "(", "’"};
    return i == 0 || t_[i - 1].number || (!t_[i - 1].word && !kInline.count(t_[i - 1].text));
  }

  void head_phrase(std::size_t i) {
    const auto h = refs::document_head(t_[i].lower);
    if (!h || h->plural) return;
    bool adjectives = false;
    const std::size_t s = phrase_start(i, adjectives);
    // "planen inom området", "programmet vid årets slut": a definite form
    // takes a title's tail only with "för", "mot" or "om".
    static const Words kDefiniteTailStart{"för", "mot", "om"};
    const bool may_have_tail =
        !h->definite || (i + 1 < t_.size() && kDefiniteTailStart.count(t_[i + 1].lower));
    std::size_t end = may_have_tail ? parse_tail(t_, i + 1, t_[s].capital && !h->definite) : i + 1;
    const bool tail = end > i + 1;
    if (!tail && i + 1 < t_.size() && kTailStart.count(t_[i + 1].lower) && i + 2 < t_.size() &&
        kNotContent.count(t_[i + 2].lower) && t_[i + 2].lower != "hur" && t_[i + 2].lower != "att")
      return;  // "programmet för dagen": a program of another kind
    std::string years;
    parse_trailer(t_, end, years);
    const bool compound = (!h->modifier.empty() && !kGenericModifiers.count(h->modifier)) || s < i;
    // "Backaplan", "Mariaplan" inside a sentence are places, not plans.
    const bool place = h->head == "plan" && !h->definite && s == i && !sentence_start(i);
    const char* kind = nullptr;
    if (h->definite) {
      kind = (compound || adjectives || tail || !years.empty()) ? "short" : "pronoun";
    } else if (tail || !years.empty()) {
      kind = (t_[s].capital || compound) ? "title" : nullptr;
    } else if (t_[s].capital && compound && !place) {
      kind = "short";
    }
    if (!kind) return;
    Mention m = make_mention(text_, t_, s, end, kind);
    if (m.kind != "pronoun" && !names_something(m.text)) return;
    // "sin beredskapsplan för höjd beredskap", "en plan för ...": a kind of
    // document each body keeps, not one document.
    static const Words kGeneric{"sin",  "sitt",  "sina", "egen", "eget",
                                "egna", "varje", "en",   "ett"};
    if (!h->definite && !t_[s].capital && s > 0 && kGeneric.count(t_[s - 1].lower)) return;
    m.years = years;
    add(s, end, std::move(m), h->head, std::string_view(kind) == "pronoun" ? 1 : 2);
  }

  std::string_view text_;
  Tokens t_;
  std::vector<Candidate> found_;
};

// Keeps the strongest of overlapping candidates (priority, then length).
std::vector<Candidate> settle(std::vector<Candidate> found) {
  std::stable_sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.mention.length > b.mention.length;
  });
  std::vector<Candidate> kept;
  for (auto& c : found) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Candidate& k) {
      return c.first <= k.last && k.first <= c.last;
    });
    if (!overlaps) kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Candidate& a, const Candidate& b) { return a.first < b.first; });
  return kept;
}

// Aliases and pronouns stand for the nearest earlier name; a pronoun only for
// one of the same document type. Pronouns with nothing to stand for go.
std::vector<Candidate> link_antecedents(std::vector<Candidate> found) {
  std::vector<Candidate> out;
  for (auto& c : found) {
    const std::string& kind = c.mention.kind;
    if (kind == "alias" || kind == "pronoun") {
      for (auto k = out.rbegin(); k != out.rend(); ++k) {
        if (k->mention.kind == "pronoun" || (kind == "pronoun" && k->head != c.head)) continue;
        if (kind == "alias" && k->mention.kind == "alias") continue;
        c.mention.antecedent =
            k->mention.antecedent.empty() ? k->mention.text : k->mention.antecedent;
        if (c.head.empty()) c.head = k->head;
        break;
      }
      if (c.mention.antecedent.empty()) continue;
    }
    out.push_back(std::move(c));
  }
  return out;
}

bool is_sentence_end(std::string_view text, std::size_t pos) {
  const char c = text[pos];
  if (c != '.' && c != '?' && c != '!')
    return pos + 1 < text.size() && c == '\n' && text[pos + 1] == '\n';
  return pos + 1 >= text.size() || text[pos + 1] == ' ' || text[pos + 1] == '\n';
}

// The sentence around [offset, offset + length).
std::string_view sentence_of(std::string_view text, std::size_t offset, std::size_t length) {
  std::size_t begin = offset;
  while (begin > 0 && !is_sentence_end(text, begin - 1)) --begin;
  std::size_t end = offset + length;
  while (end < text.size() && !is_sentence_end(text, end)) ++end;
  return text.substr(begin, end - begin);
}

bool word_at(std::string_view s, std::size_t pos, std::size_t len) {
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || (c & 0x80); };
  return (pos == 0 || !letter(s[pos - 1])) && (pos + len >= s.size() || !letter(s[pos + len]));
}

// A cue outside the mention itself, in the mention's sentence.
void mark_relation(std::string_view text, Mention& m) {
  const std::string_view sentence = sentence_of(text, m.offset, m.length);
  const std::size_t base = static_cast<std::size_t>(sentence.data() - text.data());
  const std::string low = rk::lower(sentence);
  if (low.size() != sentence.size()) return;  // offsets would not match
  for (const auto& cue : kRelationCues) {
    for (std::size_t p = low.find(cue); p != std::string::npos; p = low.find(cue, p + 1)) {
      const std::size_t at = base + p;
      const bool inside = at >= m.offset && at < m.offset + m.length;
      if (inside || !word_at(low, p, cue.size())) continue;
      m.relation = true;
      m.relation_cue = cue;
      return;
    }
  }
}

// True when [begin, end) holds nothing but the mentions and separators.
bool only_separators(std::string_view text, std::size_t begin, std::size_t end,
                     const std::vector<Candidate>& found) {
  std::size_t pos = begin;
  std::string rest;
  for (const auto& c : found) {
    const std::size_t b = c.mention.offset, e = b + c.mention.length;
    if (e <= begin || b >= end) continue;
    if (b > pos) rest.append(text.substr(pos, b - pos)).push_back(' ');
    pos = std::max(pos, e);
  }
  if (pos < end) rest.append(text.substr(pos, end - pos));
  for (const Token& t : refs::tokenize(rest)) {
    const bool separator =
        !t.word || t.number || t.lower == "och" || t.lower == "samt" || t.lower == "eller";
    if (!separator) return false;
  }
  return true;
}

void mark_list_items(std::string_view text, bool list_item, std::vector<Candidate>& found) {
  auto mark = [&](std::size_t begin, std::size_t end, std::size_t at_least) {
    std::size_t n = 0;
    for (const auto& c : found)
      if (c.mention.offset >= begin && c.mention.offset < end) ++n;
    if (n < at_least || !only_separators(text, begin, end, found)) return;
    for (auto& c : found)
      if (c.mention.offset >= begin && c.mention.offset < end) c.mention.in_list = true;
  };
  if (list_item) mark(0, text.size(), 1);
  // Bullets inside the passage: each item runs to the next bullet or line end.
  static const std::vector<std::string> kBullets{"\xEF\x82\xB7", "\xE2\x80\xA2", "\n- ", "\n– "};
  for (const auto& bullet : kBullets) {
    for (std::size_t p = text.find(bullet); p != std::string::npos; p = text.find(bullet, p + 1)) {
      std::size_t end = text.find('\n', p + bullet.size());
      for (const auto& other : kBullets) end = std::min(end, text.find(other, p + bullet.size()));
      mark(p + bullet.size(), std::min(end, text.size()), 1);
    }
  }
  // "följande styrdokument: A, B och C."
  for (std::size_t p = text.find(':'); p != std::string::npos; p = text.find(':', p + 1)) {
    std::size_t end = p + 1;
    while (end < text.size() && !is_sentence_end(text, end)) ++end;
    mark(p + 1, end, 2);
  }
}

}  // namespace

std::vector<Mention> find_mentions(std::string_view passage_text, bool list_item) {
  Scanner scanner(passage_text);
  // A passage of one word is a heading ("Åtgärdsplan"), not a reference.
  if (scanner.tokens().size() == 1 && !list_item) return {};
  std::vector<Candidate> found = link_antecedents(settle(scanner.scan()));
  mark_list_items(passage_text, list_item, found);
  std::vector<Mention> out;
  out.reserve(found.size());
  for (auto& c : found) {
    if (!c.mention.in_list) mark_relation(passage_text, c.mention);
    out.push_back(std::move(c.mention));
  }
  return out;
}

}  // namespace rk
