// What one block says about where a document starts and what it is: the
// cues of the Swedish council genre (document-type headers, issuing bodies,
// steering-document titles, appendix labels, signatures). Each function looks
// at one block's text; the splitter and the inference combine them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rk::bundle {

// A header that announces a document type: "Tjänsteutlåtande", "Utdrag ur
// protokoll", "Yrkande", "Yttrande över ...", "Sammanställning av remissvar",
// "Motion av ...", "Handling 2023 nr 149", "... Protokoll 10/23".
struct HeaderCue {
  std::string kind;    // the kind the header announces
  std::string rest;    // the text after the cue words (title, parties)
  std::string author;  // a body named on the same line ("Central Samverkansgrupp")
  bool cover = false;  // a council case cover ("Handling 2023 nr 149")
};

std::optional<HeaderCue> header_cue(std::string_view text);

// The kind named by the first steering-document word in `text` (policy,
// riktlinje, plan, program, strategi and their compounds), or "".
std::string steering_kind(std::string_view text);

// A short line that reads as the title of a steering document:
// "Göteborgs Stads policy för ...", "Riktlinje för ...", "Säkerhetsprogram 2009–2012".
bool is_steering_title(std::string_view text);

// "Bilaga 4", "Bilaga 4, Sammanställning av remissvar", "Bilaga 1 – ...".
// On success `rest` holds the text after the label (may be empty).
bool is_appendix_label(std::string_view text, std::string* rest = nullptr);

// "Sida 1 av 5": the first page of a document.
bool is_first_page_marker(std::string_view text);

// A line that ends a document: signatures, "Vid protokollet", "Justerande",
// "Rätt utdraget intygar", signing lines of dots or underscores.
bool is_end_of_document(std::string_view text);

// A short line that can name an issuing body above a header.
bool is_body_line(std::string_view text);

// Whether `text` names an organisation: a committee, an office, a board, a
// company, a council or a union group ("Miljö- och klimatnämnden",
// "Norrvik Energi AB"), not a person or a phrase.
bool names_body(std::string_view text);

// The fixed fields that open a steering document ("Dokumentnamn:",
// "Beslutad av", "Göteborgs Stads styrsystem", "Innehåll").
bool is_steering_furniture(std::string_view text);

// For "Yttrande över X", "Svar på remiss - X", "Remissvar avseende X": X.
// Empty when `text` does not open with a response phrase.
std::string response_subject(std::string_view text);

// Party names or abbreviations that make up `text` ("V, S och MP",
// "Vänsterpartiet, Socialdemokraterna"), or "" when it is anything else.
std::string parties(std::string_view text);

// A heading glued to the first sentence of its paragraph: cut the title at
// the section word that follows it, at a "§" reference or at a length limit.
std::string cut_title(std::string_view text);

}  // namespace rk::bundle
