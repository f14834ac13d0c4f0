#include "indexer/bundle/opening.hh"

#include "indexer/bundle/cues.hh"
#include "indexer/bundle/text.hh"

namespace rk::bundle {
namespace {

const std::string& text_of(const std::vector<Block>& blocks, std::size_t i) {
  static const std::string none;
  return i < blocks.size() ? blocks[i].text : none;
}

// A line that sits above a document's header and belongs to it.
bool is_prefix_line(std::string_view text) {
  // Very short lines are extraction debris ("no", a page number); an
  // appendix label glued to its first paragraph is the previous document's.
  if (is_appendix_label(text) && text.size() > 80) return false;
  return trim(text).size() <= 3 || is_first_page_marker(text) || is_appendix_label(text) ||
         is_body_line(text);
}

// Lines that, just above a header, say that a new document begins here.
bool is_boundary_line(std::string_view text) {
  return is_first_page_marker(text) || is_appendix_label(text) || is_end_of_document(text);
}

// A date in the header itself or on the line below it ("2024-11-05  Nr 13").
std::string header_date(const std::vector<Block>& blocks, std::size_t cue) {
  FoundDate own = find_date(std::string_view(text_of(blocks, cue)).substr(0, 200));
  if (own.found()) return own.iso;
  FoundDate below = find_date(std::string_view(text_of(blocks, cue + 1)).substr(0, 40));
  return below.found() && below.position <= 2 ? below.iso : std::string();
}

// Moves `opening.begin` up over the short lines that head the document.
void take_prefix(const std::vector<Block>& blocks, std::size_t floor, Opening& opening) {
  std::size_t begin = opening.cue;
  bool body_taken = false;
  while (begin > floor && opening.cue - begin < 3) {
    const std::string& above = text_of(blocks, begin - 1);
    if (!is_prefix_line(above)) break;
    if (is_body_line(above) && !is_first_page_marker(above) && !is_appendix_label(above)) {
      if (body_taken) break;
      body_taken = true;
      if (opening.author.empty()) opening.author = std::string(trim(above));
    }
    --begin;
  }
  opening.begin = begin;
}

std::optional<Opening> header_opening(const std::vector<Block>& blocks, std::size_t i,
                                      std::size_t floor, const HeaderCue& cue) {
  const std::string& text = text_of(blocks, i);
  const std::string& above = i > floor ? text_of(blocks, i - 1) : std::string();
  Opening opening{i, i, cue.kind, cue.author, header_date(blocks, i), "", cue.cover};
  bool body_above = i > floor && is_body_line(above);
  bool boundary_above = i > floor && is_boundary_line(above);
  if (cue.kind == "compilation") {
    // A heading, not a sentence that mentions a compilation.
    bool table_below =
        lower(text_of(blocks, i + 1).substr(0, 80)).find("remissinstans") != std::string::npos;
    if (text.size() > 100 || !(table_below || boundary_above)) return std::nullopt;
  } else if (!cue.cover && !cue.author.size() && !body_above && !boundary_above &&
             opening.date.empty()) {
    return std::nullopt;
  }
  take_prefix(blocks, floor, opening);
  return opening;
}

std::optional<Opening> title_opening(const std::vector<Block>& blocks, std::size_t i,
                                     std::size_t floor, std::string_view title) {
  bool confirmed = i > floor && is_boundary_line(text_of(blocks, i - 1));
  for (std::size_t k = i + 1; k <= i + 3 && k < blocks.size() && !confirmed; ++k)
    confirmed = is_steering_furniture(blocks[k].text);
  if (!confirmed) return std::nullopt;
  Opening opening{i, i, steering_kind(title), "", "", cut_title(title), false};
  take_prefix(blocks, floor, opening);
  opening.author.clear();  // a line above a steering title is not its author
  return opening;
}

// "Bilaga 4, Sammanställning av remissvar", or "Bilaga 2" above a header.
std::optional<Opening> appendix_opening(const std::vector<Block>& blocks, std::size_t i,
                                        const std::string& rest) {
  if (!rest.empty() && blocks[i].text.size() <= 120) {
    if (auto cue = header_cue(rest)) {
      Opening opening{i, i, cue->kind, cue->author, header_date(blocks, i), "", false};
      return opening;
    }
    if (is_steering_title(rest))
      return Opening{i, i, steering_kind(rest), "", "", cut_title(rest), false};
  }
  if (!rest.empty() && word_count(rest) > 6) return std::nullopt;
  for (std::size_t k = i + 1; k <= i + 3 && k < blocks.size(); ++k) {
    if (auto inner = opening_at(blocks, k, i)) {
      inner->begin = i;
      return inner;
    }
    if (!is_prefix_line(blocks[k].text)) break;
  }
  return Opening{i, i, "", "", "", "", false};
}

}  // namespace

std::optional<Opening> opening_at(const std::vector<Block>& blocks, std::size_t i,
                                  std::size_t floor) {
  const std::string& text = blocks[i].text;
  std::string rest;
  if (is_appendix_label(text, &rest)) return appendix_opening(blocks, i, rest);
  if (auto cue = header_cue(text)) return header_opening(blocks, i, floor, *cue);
  if (is_steering_title(text)) return title_opening(blocks, i, floor, text);
  return std::nullopt;
}

}  // namespace rk::bundle
