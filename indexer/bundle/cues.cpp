#include "indexer/bundle/cues.hh"

#include <array>
#include <cctype>
#include <regex>
#include <utility>

#include "indexer/bundle/text.hh"

namespace rk::bundle {
namespace {

// Headers look at the beginning of a block only; flattened page headers can
// make a block very long.
constexpr std::size_t kHead = 200;

std::string head(std::string_view text) { return std::string(text.substr(0, kHead)); }

struct Phrase {
  std::string_view words;  // lower case
  std::string_view kind;
};

// Order matters: longer phrases before their prefixes.
constexpr std::array<Phrase, 26> kHeaderPhrases = {{
    {"utdrag ur protokoll", "decision"},
    {"utdrag ur sammanträdesprotokoll", "decision"},
    {"protokollsutdrag", "decision"},
    {"tjänsteutlåtande", "staff_report"},
    {"tjänsteskrivelse", "staff_report"},
    {"sammanställning av remissvar", "compilation"},
    {"sammanställning av remissvaren", "compilation"},
    {"sammanställning av remissyttranden", "compilation"},
    {"sammanställning av inkomna remissvar", "compilation"},
    {"sammanställning av inkomna synpunkter", "compilation"},
    {"yttrande över", "response"},
    {"yttrande till", "response"},
    {"svar på remiss", "response"},
    {"remissvar", "response"},
    {"remissyttrande", "response"},
    {"tilläggsyrkande", "statement"},
    {"ändringsyrkande", "statement"},
    {"återremissyrkande", "statement"},
    {"yrkande", "statement"},
    {"yttrande", "statement"},
    {"särskilt yttrande", "statement"},
    {"motion av", "motion"},
    {"motion om", "motion"},
    {"motion från", "motion"},
    {"sammanträdesprotokoll", "minutes"},
    {"protokoll", "minutes"},
}};

std::string after(std::string_view text, std::size_t n) {
  return std::string(trim(text.substr(std::min(n, text.size())), " \t,:;.–-"));
}

}  // namespace

std::optional<HeaderCue> header_cue(std::string_view text) {
  static const std::regex cover_re(R"(^Handling \d{4} nr \d+\s*$)");
  // "Central Samverkansgrupp Protokoll 10/23": a body and its minutes.
  static const std::regex minutes_re(
      R"(^([A-ZÅÄÖ][^0-9:]{2,60}?) (Protokoll|Sammanträdesprotokoll|Mötesprotokoll) (nr )?\d)");
  std::string start = head(text);
  std::smatch m;
  // Cheap tests first: std::regex is slow and this runs on every block.
  if (start.rfind("Handling ", 0) == 0 && std::regex_search(start, m, cover_re))
    return HeaderCue{"decision", after(text, m.length(0)), "", true};
  for (const auto& phrase : kHeaderPhrases) {
    if (starts_with_word(start, phrase.words))
      return HeaderCue{std::string(phrase.kind), after(text, phrase.words.size()), "", false};
  }
  if (start.find("rotokoll") != std::string::npos && std::regex_search(start, m, minutes_re))
    return HeaderCue{"minutes", after(text, static_cast<std::size_t>(m.position(2))), m[1].str(),
                     false};
  return std::nullopt;
}

std::string steering_kind(std::string_view text) {
  static const std::array<std::pair<std::regex, std::string_view>, 5> kinds = {{
      {std::regex(R"(^\w*polic(y|yn|ies|yer|yerna)$)"), "policy"},
      {std::regex(R"(^\w*riktlinje(r|n|rna)?$)"), "guideline"},
      {std::regex(R"(^\w*plan(en|er|erna)?$)"), "plan"},
      {std::regex(R"(^\w*program(met|men)?$)"), "program"},
      {std::regex(R"(^\w*strategi(n|er|erna)?$)"), "strategy"},
  }};
  std::string folded = lower(head(text));
  std::size_t pos = 0;
  while (pos < folded.size()) {
    auto end = folded.find_first_of(" ,.;:()”\"", pos);
    if (end == std::string::npos) end = folded.size();
    std::string word = folded.substr(pos, end - pos);
    // \w does not match UTF-8 bytes; map them to a letter for the match.
    for (char& c : word)
      if (static_cast<unsigned char>(c) >= 0x80) c = 'a';
    for (const auto& [re, kind] : kinds)
      if (!word.empty() && std::regex_match(word, re)) return std::string(kind);
    pos = end + 1;
  }
  return {};
}

bool is_steering_title(std::string_view text) {
  // "Göteborgs Stads ...", "Lunds kommuns ...", or a title that opens with
  // the document type ("Riktlinje för ...", "Säkerhetsprogram 2009–2012").
  static const std::regex owner_re(R"(^[A-ZÅÄÖ]\S*s (Stads|stads|kommuns|Kommuns|läns|regions) )");
  if (text.empty() || text.size() > 160 || word_count(text) > 24) return false;
  char last = text.back();
  if (last == '.' || last == ':' || last == ',' || last == ';') return false;
  // A full date belongs to a report's title page, not to a steering title.
  if (find_date(text).found()) return false;
  std::string start = head(text);
  if (std::regex_search(start, owner_re)) return !steering_kind(text).empty();
  auto space = text.find(' ');
  return !steering_kind(text.substr(0, space)).empty() &&
         std::isupper(static_cast<unsigned char>(text[0]));
}

bool is_appendix_label(std::string_view text, std::string* rest) {
  static const std::regex label_re(R"(^Bilaga \d+[a-z]?(\s*[,.:–-]\s*|\s+|$))");
  std::string start = head(text);
  std::smatch m;
  if (!std::regex_search(start, m, label_re)) return false;
  if (rest) *rest = after(text, static_cast<std::size_t>(m.length(0)));
  return true;
}

bool is_first_page_marker(std::string_view text) {
  static const std::regex page_re(R"(^(Sida )?1 ?(av|\() ?\d+\)?$)");
  return std::regex_match(std::string(trim(text)), page_re);
}

bool is_end_of_document(std::string_view text) {
  static const std::regex end_re(
      R"(^(Vid protokollet|Justerande|Justeras|Ordförande\s+Justerande|Rätt utdraget|Dag för justering|Protokollsutdrag skickas|Expedieras|Detta dokument är elektroniskt signerat|Kopia/bekräftelse)|(…|\.\.\.\.|____))");
  static const std::regex title_re(
      R"(([Ss]tadsdirektör|[Ff]örvaltningsdirektör|[Dd]irektör|[Ss]ekreterare)\s*$)");
  std::string start = head(text);
  static constexpr std::string_view kFirst = "VJORDPEK";
  const bool may_end = (!start.empty() && kFirst.find(start[0]) != std::string_view::npos) ||
                       start.find("…") != std::string::npos ||
                       start.find("....") != std::string::npos ||
                       start.find("____") != std::string::npos;
  return (may_end && std::regex_search(start, end_re)) ||
         (text.size() < 120 &&
          (start.find("ör") != std::string::npos ||
           start.find("ekreterare") != std::string::npos) &&
          std::regex_search(start, title_re));
}

bool is_body_line(std::string_view text) {
  if (text.empty() || text.size() > 80 || word_count(text) > 9) return false;
  if (!std::isupper(static_cast<unsigned char>(text[0])) &&
      static_cast<unsigned char>(text[0]) < 0x80)
    return false;
  // Field lines ("Ärende nr: 2.1.9") carry a colon or a number; names do not.
  if (text.find_first_of(":;0123456789") != std::string_view::npos || text.back() == '.')
    return false;
  return !find_date(text).found() && !header_cue(text) && !is_appendix_label(text) &&
         !is_first_page_marker(text);
}

bool names_body(std::string_view text) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "nämnd", "förvaltning", "kontor", "styrelse", "direktion",
      "råd",   "grupp",       "bolag",  "förbund",  "fullmäktige"};
  const std::string low = lower(text);
  for (std::string_view w : kWords) {
    if (low.find(w) != std::string::npos) return true;
  }
  // "AB" as a word, in capitals (a company form).
  for (std::size_t at = text.find("AB"); at != std::string_view::npos;
       at = text.find("AB", at + 1)) {
    const bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const bool right =
        at + 2 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[at + 2]));
    if (left && right) return true;
  }
  return false;
}

bool is_steering_furniture(std::string_view text) {
  static const std::array<std::string_view, 9> fields = {
      "dokumentnamn", "dokumenttyp", "dokumentsort", "beslutad av",         "fastställd av",
      "antagen av",   "antaget av",  "innehåll",     "innehållsförteckning"};
  for (auto field : fields)
    if (starts_with_word(text, field)) return true;
  std::string start = lower(text.substr(0, 80));
  return start.find("styrsystem") != std::string::npos ||
         start.find("styrande dokument") != std::string::npos;
}

std::string response_subject(std::string_view text) {
  static const std::regex response_re(
      R"(^(Angående remiss( av)?|Yttrande över|Yttrande till \S+ över|Yttrande angående|Svar på remiss( gällande| av| om| angående)?|Remissvar( på| över| avseende| angående| gällande| om)?|Remissyttrande( över| angående| gällande)?)[\s:–-]+)",
      std::regex::icase);
  std::string start = head(text);
  std::smatch m;
  if (!std::regex_search(start, m, response_re)) return {};
  return cut_title(text.substr(static_cast<std::size_t>(m.length(0))));
}

std::string parties(std::string_view text) {
  static const std::regex party_re(
      R"(^((S|M|V|MP|L|C|KD|SD|D|Socialdemokraterna|Moderaterna|Vänsterpartiet|Miljöpartiet|Liberalerna|Centerpartiet|Kristdemokraterna|Sverigedemokraterna|Demokraterna)(,\s*|\s+och\s+|\s+|$))+)");
  std::string value(trim(text, " \t,"));
  std::smatch m;
  if (value.empty() || !std::regex_search(value, m, party_re)) return {};
  return std::string(trim(m.str(0), " \t,"));
}

std::string cut_title(std::string_view text) {
  // Section words that follow a glued heading in this genre.
  static const std::regex glue_re(
      R"( (Till [A-ZÅÄÖ]\S* kommunfullmäktige|Förslag till beslut|Sammanfattning|Beskrivning av ärendet|Ärendet|Bakgrund|Motionen|Yrkandet|Yttrandet|Beslut|Handlingar|Inledning|Syfte|Dokumentnamn|§ ?\d+)\b)");
  std::string value(trim(text, " \t–-:"));
  std::smatch m;
  if (std::regex_search(value, m, glue_re) && m.position(0) >= 8)
    value.resize(static_cast<std::size_t>(m.position(0)));
  if (value.size() > 200) {
    auto space = value.rfind(' ', 200);
    value.resize(space == std::string::npos ? 200 : space);
  }
  return std::string(trim(value, " \t,;:–-"));
}

}  // namespace rk::bundle
