// Metadata of one document from its own text: the header tells the kind,
// the line above it the issuing body, labelled dates the date, and the first
// substantive line after it the title.
#include <algorithm>
#include <cctype>
#include <regex>

#include "indexer/bundle/bundle.hh"
#include "indexer/bundle/cues.hh"
#include "indexer/bundle/text.hh"

namespace rk {
namespace {

using namespace rk::bundle;

// How far into a document its header may reach.
constexpr std::size_t kHeaderBlocks = 8;

// The first cue of a document: a header, an appendix label's header, or a
// steering title.
struct Lead {
  std::size_t index = 0;
  std::string kind;
  std::string text;  // the cue text (the part after an appendix label)
  HeaderCue cue;
  bool header = false;
};

std::optional<Lead> find_lead(const std::vector<Block>& blocks) {
  for (std::size_t i = 0; i < std::min(blocks.size(), kHeaderBlocks); ++i) {
    std::string text = blocks[i].text;
    std::string rest;
    if (is_appendix_label(text, &rest)) {
      if (rest.empty()) continue;
      text = rest;
    }
    if (auto cue = header_cue(text)) return Lead{i, cue->kind, text, *cue, true};
    if (is_steering_title(text)) return Lead{i, steering_kind(text), text, {}, false};
  }
  return std::nullopt;
}

bool is_field_line(std::string_view text) {
  static const std::regex field_re(
      R"(^(Ärende|Nr\b|Handläggare|Diarienummer|Dnr|Sida|Sammanträdesdatum|Till \S+ kommunfullmäktige|Reviderad|Datum|Utfärdat|Kommunstyrelsen och kommunfullmäktige))",
      std::regex::icase);
  std::string start(text.substr(0, 80));
  FoundDate date = find_date(start);
  return std::regex_search(start, field_re) || (date.found() && date.position <= 2) ||
         is_first_page_marker(text) || is_appendix_label(text) || !parties(text).empty() ||
         word_count(text) < 2;
}

// "§ 973, 1370/21" after a paragraph title; "§ 668 Ärendenummer X" before it.
std::string strip_paragraph(std::string_view text) {
  static const std::regex lead_re(
      R"(^§ ?\d+\s+((Ärendenummer|Diarienummer|Dnr)\s*\S+\s+)?(\S+/\d+\s+)?)");
  std::string value(text);
  std::smatch m;
  if (std::regex_search(value, m, lead_re)) value = m.suffix();
  return cut_title(value);
}

// A title is never a case number, a date, an address or a bare body name:
// those are the furniture of letterheads and protocol paragraphs.
bool is_title_like(std::string_view text) {
  static const std::regex furniture_re(
      R"(^((Diarienummer|Dnr|Ärendenummer)\b|[A-ZÅÄÖ]{0,4}[ -]?\d[\d -]*[/-]\d+$)|\b\d{3} \d{2} [A-ZÅÄÖ])");
  std::string value(text.substr(0, 120));
  return !value.empty() && !std::regex_search(value, furniture_re) && !find_date(value).found() &&
         !(is_body_line(value) && names_body(value));
}

std::string title_after(const std::vector<Block>& blocks, std::size_t cue) {
  for (std::size_t i = cue + 1; i < std::min(blocks.size(), cue + 6); ++i) {
    const std::string& text = blocks[i].text;
    if (is_field_line(text) || is_end_of_document(text)) continue;
    if (starts_with_word(text, "förslag till beslut")) continue;
    auto cue = header_cue(text);
    if (cue && (word_count(cue->rest) < 3 || !parties(cue->rest).empty())) continue;
    std::string title = strip_paragraph(text);
    if (is_title_like(title)) return title;
  }
  return {};
}

std::string find_title(const std::vector<Block>& blocks, const Lead& lead) {
  const std::string& kind = lead.kind;
  if (!lead.header || kind == "compilation" || kind == "motion" || kind == "response")
    return cut_title(lead.text);
  if (kind == "minutes" && !lead.cue.author.empty()) {
    static const std::regex number_re(R"(^(.*?Protokoll\S*\s+(nr\s+)?[\d/]+))");
    std::smatch m;
    std::string text = lead.text;
    if (std::regex_search(text, m, number_re)) return m[1].str();
  }
  if (kind == "statement" && word_count(lead.cue.rest) > 3 && parties(lead.cue.rest).empty())
    return cut_title(lead.text);
  return title_after(blocks, lead.index);
}

std::string labelled_date(const std::vector<Block>& blocks) {
  static const std::regex label_re(
      R"((Utfärdat|Datum|Sammanträdesdatum|Daterad|Beslutsdatum|Mötesdatum|Beslutad|Remissversion|Version)[:\s]+)",
      std::regex::icase);
  for (std::size_t i = 0; i < std::min(blocks.size(), kHeaderBlocks); ++i) {
    std::string start = blocks[i].text.substr(0, 300);
    for (std::sregex_iterator it(start.begin(), start.end(), label_re), end; it != end; ++it) {
      auto after = static_cast<std::size_t>(it->position(0) + it->length(0));
      FoundDate date = find_date(std::string_view(start).substr(after, 40));
      if (date.found() && date.position <= 2) return date.iso;
    }
  }
  return {};
}

std::string find_part_date(const std::vector<Block>& blocks) {
  if (auto date = labelled_date(blocks); !date.empty()) return date;
  for (std::size_t i = 0; i < std::min(blocks.size(), kHeaderBlocks); ++i) {
    FoundDate date = find_date(std::string_view(blocks[i].text).substr(0, 60));
    if (date.found() && date.position <= 2) return date.iso;
  }
  // The signature of a proposal: "Göteborg den 23 augusti 2023", a short
  // line; "Sedan den 1 januari 2020 gäller ..." is a sentence.
  static const std::regex place_re(R"(^[A-ZÅÄÖ]\S+ den \d{1,2} [a-zåäö]+ \d{4})");
  for (const auto& block : blocks)
    if (block.text.size() <= 90 && std::regex_search(block.text.substr(0, 60), place_re))
      return find_date(block.text).iso;
  for (std::size_t i = 0; i < std::min(blocks.size(), std::size_t{3}); ++i)
    if (FoundDate date = find_date(blocks[i].text); date.found()) return date.iso;
  return {};
}

std::string clean_body(std::string_view body) {
  static const std::regex city_re(R"(^[A-ZÅÄÖ]\S+ (Stad|kommun),?\s+(?=\S))");
  return std::regex_replace(collapse_space(body), city_re, "");
}

std::string body_before(const std::vector<Block>& blocks, std::size_t cue) {
  for (std::size_t i = cue; i-- > 0;) {
    if (is_body_line(blocks[i].text)) return clean_body(blocks[i].text);
    if (!is_field_line(blocks[i].text)) break;
  }
  return {};
}

std::string owner_of(std::string_view title) {
  static const std::regex owner_re(R"(^([A-ZÅÄÖ]\S*)s (Stads|stads|kommuns|Kommuns|regions) )");
  std::string text(title);
  std::smatch m;
  if (!std::regex_search(text, m, owner_re)) return {};
  std::string body = m[2].str();
  return m[1].str() + "s " + body.substr(0, body.size() - 1);
}

// "Beslutad av kommunstyrelsen 2025-10-08", "Antagen av kommunfullmäktige":
// the adopting body, capitalised, from the first lines of a document.
std::string adopting_body(const std::vector<Block>& blocks) {
  static const std::regex adopted(
      R"((?:^|\s)(?:[Bb]eslutad|[Aa]ntagen|[Aa]ntaget|[Aa]ntogs|[Ff]astställd) av ((?:[A-ZÅÄÖa-zåäö-]+ )?[a-zåäö-]*(?:fullmäktige|styrelsen|nämnden|direktionen)))");
  for (std::size_t i = 0; i < blocks.size() && i < 12; ++i) {
    std::smatch m;
    if (!std::regex_search(blocks[i].text, m, adopted)) continue;
    std::string body = m[1].str();
    if (!body.empty() && body[0] >= 'a' && body[0] <= 'z')
      body[0] = static_cast<char>(body[0] - 'a' + 'A');
    return body;
  }
  return {};
}

std::string motion_authors(std::string_view text) {
  static const std::regex authors_re(R"(^Motion (av|från) (.+?) om )");
  std::string value(text.substr(0, 300));
  std::smatch m;
  return std::regex_search(value, m, authors_re) ? m[2].str() : std::string();
}

std::string find_author(const std::vector<Block>& blocks, const Lead& lead) {
  if (lead.kind == "statement") {
    if (auto who = parties(lead.cue.rest); !who.empty()) return who;
  }
  if (!lead.cue.author.empty()) return lead.cue.author;
  if (lead.kind == "motion") return motion_authors(lead.text);
  if (!lead.header) {
    if (auto owner = owner_of(lead.text); !owner.empty()) return owner;
  }
  return body_before(blocks, lead.index);
}

// A council case cover: the executive board's proposal, or a motion.
void infer_cover(DocumentPart& part, const Lead& lead) {
  const auto& blocks = part.blocks;
  part.kind = "decision";
  part.title = title_after(blocks, lead.index);
  for (std::size_t i = lead.index + 1; i < std::min(blocks.size(), lead.index + 4); ++i) {
    if (auto cue = header_cue(blocks[i].text); cue && cue->kind == "motion") {
      part.kind = "motion";
      part.title = cut_title(blocks[i].text);
      part.author = motion_authors(blocks[i].text);
      return;
    }
    if (blocks[i].text.find("styrelsens förslag") != std::string::npos && part.author.empty())
      part.author = blocks[i].text.substr(0, blocks[i].text.find("s förslag"));
  }
}

std::string kind_from_file_name(std::string_view file_name) {
  std::string name = lower(file_name);
  auto has = [&](std::string_view word) { return name.find(word) != std::string::npos; };
  if (has("remissvar") || has("yttrande")) return "response";
  if (has("sammanstallning") || has("sammanställning")) return "compilation";
  if (has("tjansteutlatande") || has("tjänsteutlåtande")) return "staff_report";
  if (has("protokoll")) return "decision";
  if (has("motion")) return "motion";
  for (auto [word, kind] : {std::pair{"riktlinje", "guideline"}, std::pair{"policy", "policy"},
                            std::pair{"strategi", "strategy"}, std::pair{"program", "program"},
                            std::pair{"plan", "plan"}})
    if (has(word)) return kind;
  return {};
}

// What a response answers, from its title ("Yttrande över X" -> X).
void infer_response(DocumentPart& part) {
  std::string subject = response_subject(part.title);
  if (subject.empty()) return;
  if (part.kind == "staff_report" || part.kind == "decision" || part.kind == "other")
    part.kind = "response";
  if (part.kind == "response") part.responds_to_title = subject;
}

std::string part_text(const std::vector<Block>& blocks) {
  std::string text;
  for (const auto& block : blocks) text += block.text + "\n";
  return text;
}

// "2. Göteborgs Stads policy för X, antagen ..., upphör att gälla" and
// "Programmet ersätter Säkerhetsprogram 2009–2012": the title as written.
std::string find_replaced(const std::vector<Block>& blocks) {
  static const std::regex ends_re(R"( (upphör|upphöra|upphävs) att gälla| upphävs\b)");
  static const std::regex replaces_re(
      R"((^|[.:;\n]\s*)((Detta|Denna|Det|Den) )?(\S+) ersätter (tidigare |den |det |nuvarande |den nuvarande |det tidigare )?([^.,;\n]+))");
  static const std::regex title_start_re(
      R"([A-ZÅÄÖ]\S*s (Stads|stads|kommuns) |\b\S*(policy|policyn|riktlinje|riktlinjen|riktlinjer|program|programmet|plan|planen|strategi|strategin)\b)");
  std::string text = part_text(blocks);
  for (std::sregex_iterator it(text.begin(), text.end(), ends_re), end; it != end; ++it) {
    auto stop = static_cast<std::size_t>(it->position(0));
    auto start = text.find_last_of(".:;\n", stop);
    std::string clause = text.substr(start == std::string::npos ? 0 : start + 1,
                                     stop - (start == std::string::npos ? 0 : start + 1));
    std::smatch m;
    if (!std::regex_search(clause, m, title_start_re)) continue;
    std::string title = clause.substr(static_cast<std::size_t>(m.position(0)));
    title = title.substr(0, std::min(title.find(','), title.find(" ska ")));
    return std::string(trim(title));
  }
  std::smatch m;
  if (std::regex_search(text, m, replaces_re)) {
    std::string subject = m[4].str();
    std::string title = m[6].str();
    title = title.substr(0, title.find(" som "));
    bool own =
        lower(subject).find("dokument") != std::string::npos || !steering_kind(subject).empty();
    if (own && !steering_kind(title).empty()) return std::string(trim(title));
  }
  return {};
}

// The decision paragraph of a protocol extract: "Beslut Nämnden tillstyrker ...".
std::string decision_text(const std::vector<Block>& blocks) {
  for (std::size_t i = 0; i < std::min(blocks.size(), std::size_t{16}); ++i)
    if (starts_with_word(blocks[i].text, "beslut")) return blocks[i].text;
  return {};
}

// A decision that answers a remiss: it supports, rejects, has no objection
// or declines, or sends the office's report as the body's answer.
bool answers_remiss(std::string_view decision) {
  static const std::regex answer_re(
      R"(\b(tillstyrker|avstyrker)( delvis)? (förslaget|remissen)|inga synpunkter|utan erinran|\bavstår\b|som sitt yttrande)");
  return std::regex_search(std::string(decision), answer_re);
}

// A council's protocol paragraph that adopts something is a decision.
bool adopts(std::string_view decision) {
  static const std::regex adopt_re(R"(^Beslut\s+\S+ beslutar\b|\bantas\b)");
  return std::regex_search(std::string(decision), adopt_re);
}

// Who answers a remiss is who decides it: "Stadsdelsnämnden Östra Kvarnby
// tillstyrker förslaget", "Norrvik Energi AB tillstyrker". Generic subjects
// ("Nämnden", "Förvaltningen") do not name the body.
std::string deciding_body(const std::vector<Block>& blocks) {
  static const std::regex subject_re(
      R"((^|[.:] )(Beslut |[Ff]örslag till beslut )?([A-ZÅÄÖ][^\s.:;,]*(?: (?:och|för|i|[a-zåäö-]+(?:nämnden|förvaltningen|rådet|styrelsen)|[A-ZÅÄÖ][^\s.:;,]*)){0,6}) (tillstyrker|avstyrker|har inga synpunkter|avstår)\b)");
  static const std::regex generic_re(
      R"(^(Nämnden|Förvaltningen|Bolaget|Rådet|Styrelsen|Direktionen|Vi|Kontoret|Ordföranden)$)");
  for (const auto& block : blocks) {
    const std::string& text = block.text;
    for (std::sregex_iterator it(text.begin(), text.end(), subject_re), end; it != end; ++it) {
      std::string subject = (*it)[3].str();
      if (!std::regex_match(subject, generic_re)) return subject;
    }
  }
  return {};
}

// What a response answers when its title does not say: "Remiss av förslag
// till X", "yttra sig över förslaget till X".
std::string remiss_subject(const std::vector<Block>& blocks) {
  static const std::regex subject_re(
      R"(([Rr]emiss(en)? (av|över)|[Rr]emiss:|yttra sig över|synpunkter på) (förslag(et)? till )?([A-ZÅÄÖ][^.;:]+))");
  for (std::size_t i = 0; i < std::min(blocks.size(), std::size_t{16}); ++i) {
    std::smatch m;
    if (std::regex_search(blocks[i].text, m, subject_re)) return cut_title(m[6].str());
  }
  return {};
}

// A title set in capitals ("PLAN FÖR CIVIL BEREDSKAP") is written in normal
// case elsewhere in the text, or else in sentence case.
std::string normal_case(const std::vector<Block>& blocks, const std::string& title) {
  std::string folded = lower(title);
  bool capitals = folded != title && std::none_of(title.begin(), title.end(),
                                                  [](char c) { return c >= 'a' && c <= 'z'; });
  if (!capitals) return title;
  for (const auto& block : blocks) {
    auto at = lower(block.text).find(folded);
    if (at != std::string::npos && block.text.compare(at, title.size(), title) != 0)
      return block.text.substr(at, title.size());
  }
  std::size_t first = folded.find_first_not_of(" \t");
  if (first != std::string::npos && std::isalpha(static_cast<unsigned char>(folded[first])))
    folded[first] = static_cast<char>(std::toupper(static_cast<unsigned char>(folded[first])));
  else if (folded.compare(first, 2, "å") == 0 || folded.compare(first, 2, "ä") == 0 ||
           folded.compare(first, 2, "ö") == 0)
    folded[first + 1] = static_cast<char>(folded[first + 1] - 0x20);
  return folded;
}

// The kind the decision paragraph and the file name settle.
void settle_kind(DocumentPart& part, const std::optional<Lead>& lead, std::string_view file_name) {
  std::string decision = decision_text(part.blocks);
  bool extract = lead && lead->header && !lead->cue.cover;
  if (part.kind == "decision" && extract && answers_remiss(decision)) part.kind = "response";
  if (part.kind == "minutes" && extract && !lead->cue.author.empty() && adopts(decision)) {
    part.kind = "decision";
    part.title = title_after(part.blocks, lead->index);
  }
  // A file named as a response is one, whatever genre carries it (a union's
  // minutes, a protocol extract).
  bool named = kind_from_file_name(file_name) == "response";
  if (named && (part.kind == "minutes" || part.kind == "decision" || part.kind == "staff_report"))
    part.kind = "response";
}

// A response names its respondent and what it answers, and is dated by the
// meeting that decided it rather than by the office's report.
void complete_response(DocumentPart& part) {
  if (part.kind != "response") return;
  static const std::regex meeting_re(R"(Sammanträdesdatum[:\s]+)");
  for (const auto& block : part.blocks) {
    std::smatch m;
    if (!std::regex_search(block.text, m, meeting_re)) continue;
    auto after = static_cast<std::size_t>(m.position(0) + m.length(0));
    FoundDate date = find_date(std::string_view(block.text).substr(after, 40));
    if (date.found() && date.position == 0) part.date = date.iso;
    break;
  }
  if (auto body = deciding_body(part.blocks); !body.empty()) part.author = body;
  if (part.responds_to_title.empty()) part.responds_to_title = remiss_subject(part.blocks);
}

// A letter without a header: the subject line ("Angående remiss av X") is
// its title, the letterhead its author.
void infer_letter(DocumentPart& part, std::string_view file_name) {
  const auto& blocks = part.blocks;
  std::string hinted = kind_from_file_name(file_name);
  part.kind = hinted.empty() ? "other" : hinted;
  for (std::size_t i = 0; i < std::min(blocks.size(), kHeaderBlocks) && part.title.empty(); ++i) {
    const std::string& text = blocks[i].text;
    bool subject_line = text.size() <= 160 && !remiss_subject({blocks[i]}).empty();
    if (!response_subject(text).empty() || subject_line) part.title = cut_title(text);
  }
  for (std::size_t i = 0; i < blocks.size() && part.title.empty(); ++i)
    if (!is_field_line(blocks[i].text) && !is_body_line(blocks[i].text) &&
        is_title_like(blocks[i].text))
      part.title = cut_title(blocks[i].text);
  for (std::size_t i = 0; i < std::min(blocks.size(), std::size_t{3}); ++i) {
    if (is_appendix_label(blocks[i].text)) continue;
    if (is_body_line(blocks[i].text)) part.author = clean_body(blocks[i].text);
    break;
  }
}

}  // namespace

void infer_metadata(DocumentPart& part, std::string_view file_name) {
  const auto& blocks = part.blocks;
  auto lead = find_lead(blocks);
  if (lead && lead->cue.cover) {
    infer_cover(part, *lead);
  } else if (lead) {
    part.kind = lead->kind;
    part.title = find_title(blocks, *lead);
    part.author = find_author(blocks, *lead);
  } else {
    infer_letter(part, file_name);
  }
  if (part.author.empty() && !blocks.empty() && is_body_line(blocks.front().text))
    part.author = clean_body(blocks.front().text);
  part.date = find_part_date(blocks);
  part.title = normal_case(blocks, collapse_space(part.title));
  part.author = collapse_space(part.author);
  settle_kind(part, lead, file_name);
  infer_response(part);
  complete_response(part);
  // A steering document names who adopted it ("Beslutad av kommunstyrelsen");
  // that body is its author, and a title is never an author.
  if (auto adopter = adopting_body(blocks);
      !adopter.empty() && (is_steering_kind(part.kind) || part.kind == "other"))
    part.author = adopter;
  if (part.author == part.title) part.author.clear();
  // Union consultation ("samverkan före beslut", MBL) is minutes, whoever keeps them.
  if (part.kind == "decision" && (starts_with_word(part.title, "samverkan") ||
                                  lower(part.author).find("samverkan") != std::string::npos))
    part.kind = "minutes";
  if (is_steering_kind(part.kind) || part.kind == "decision" || part.kind == "staff_report")
    part.replaces_title = find_replaced(blocks);
}

}  // namespace rk
