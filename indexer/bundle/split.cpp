// Splitting a council bundle at the openings of its documents. A header that
// repeats on every page of a protocol extract (same body, type and date) is
// the same document; an appendix label inside a steering document is that
// document's own appendix.
#include <regex>
#include <set>

#include "indexer/bundle/bundle.hh"
#include "indexer/bundle/cues.hh"
#include "indexer/bundle/opening.hh"
#include "indexer/bundle/text.hh"

namespace rk {
namespace {

using namespace rk::bundle;

bool continues(const Opening& next, const Opening& current) {
  if (next.kind != current.kind || next.cover) return false;
  if (is_steering_kind(next.kind)) return lower(next.title) == lower(current.title);
  return !next.date.empty() && next.date == current.date && next.author == current.author;
}

// The first opening among the first blocks: it sets what the first part is.
Opening first_opening(const std::vector<Block>& blocks) {
  for (std::size_t i = 0; i < std::min(blocks.size(), std::size_t{4}); ++i)
    if (auto opening = opening_at(blocks, i, 0)) return *opening;
  return Opening{};
}

std::vector<std::size_t> part_starts(const std::vector<Block>& blocks) {
  std::vector<std::size_t> starts{0};
  Opening current = first_opening(blocks);
  std::size_t header_end = current.cue + kHeaderWindow;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    if (i <= header_end) continue;
    auto next = opening_at(blocks, i, starts.back() + 1);
    if (!next) continue;
    // An unlabelled appendix of a steering document is part of it.
    bool own_appendix = next->kind.empty() && is_steering_kind(current.kind);
    if (own_appendix || continues(*next, current)) {
      i = next->cue;
      continue;
    }
    starts.push_back(next->begin);
    current = *next;
    header_end = next->cue + kHeaderWindow;
    i = next->cue;
  }
  return starts;
}

DocumentPart make_part(const std::vector<Block>& blocks, std::size_t begin, std::size_t end) {
  DocumentPart part;
  part.blocks.assign(blocks.begin() + static_cast<std::ptrdiff_t>(begin),
                     blocks.begin() + static_cast<std::ptrdiff_t>(end));
  part.line_start = part.blocks.front().line_start;
  part.line_end = part.blocks.back().line_end;
  return part;
}

// A proposal or staff report says which old document the new one replaces;
// the new one is the last steering document that is not the old one.
void propagate_replaces(std::vector<DocumentPart>& parts) {
  std::string replaced;
  for (const auto& part : parts)
    if (!is_steering_kind(part.kind) && !part.replaces_title.empty()) {
      replaced = part.replaces_title;
      break;
    }
  if (replaced.empty()) return;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!is_steering_kind(it->kind)) continue;
    if (lower(it->title).find(lower(replaced)) != std::string::npos) continue;
    if (it->replaces_title.empty()) it->replaces_title = replaced;
    return;
  }
}

// What a council case file opens with: the cover ("Handling 2023 nr 149"),
// the address to the council or the executive board's proposal.
bool opens_as_council_case(const std::vector<Block>& blocks) {
  for (std::size_t i = 0; i < std::min(blocks.size(), std::size_t{6}); ++i) {
    const std::string& text = blocks[i].text;
    auto cue = header_cue(text);
    if ((cue && cue->cover) || starts_with_word(text, "kommunstyrelsens förslag")) return true;
    if (std::regex_search(text.substr(0, 60), std::regex(R"(^Till \S+ kommunfullmäktige)")))
      return true;
  }
  return false;
}

// A committee and its office are one body: "Socialnämnden" and
// "Socialförvaltningen" both fold to "social".
std::string body_stem(std::string_view author) {
  static const std::regex suffix_re(R"((nämnden|förvaltningen|förvaltning|nämnd)\b)");
  static const std::regex city_re(R"(^\S+ (stad|kommun)\s+)");
  std::string folded = std::regex_replace(lower(author), city_re, "");
  return std::regex_replace(folded, suffix_re, "");
}

// Metadata titles are often a short label ("Riktlinje Posom") for the title
// the text gives in full: every word of the label is in the text's title.
bool abbreviates(std::string_view label, std::string_view title) {
  std::string full = lower(title);
  std::size_t pos = 0;
  std::string words = lower(label);
  while (pos < words.size()) {
    auto end = std::min(words.find(' ', pos), words.size());
    if (end > pos && full.find(words.substr(pos, end - pos)) == std::string::npos) return false;
    pos = end + 1;
  }
  return !full.empty();
}

// A bundle opens as a council case or holds documents of several bodies. A
// committee's staff report with its protocol extract, or minutes whose header
// repeats on every page, are one document.
bool is_bundle(const std::vector<Block>& blocks, const std::vector<DocumentPart>& parts) {
  if (parts.size() < 2) return false;
  if (opens_as_council_case(blocks)) return true;
  // Signature lines can pass for an author; only names of bodies count.
  std::set<std::string> bodies;
  for (const auto& part : parts)
    if (names_body(part.author)) bodies.insert(body_stem(part.author));
  return bodies.size() > 1;
}

}  // namespace

std::vector<DocumentPart> split_documents(const std::vector<Block>& blocks,
                                          const ReadResult& file_meta, std::string_view file_name) {
  std::vector<DocumentPart> parts;
  if (blocks.empty()) return parts;
  auto starts = part_starts(blocks);
  starts.push_back(blocks.size());
  // A bundle's file name describes the bundle, not its parts.
  std::string_view hint = starts.size() == 2 ? file_name : std::string_view();
  for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
    parts.push_back(make_part(blocks, starts[k], starts[k + 1]));
    infer_metadata(parts.back(), hint);
  }
  if (parts.size() > 1 && !is_bundle(blocks, parts)) {
    parts.assign(1, make_part(blocks, 0, blocks.size()));
    infer_metadata(parts.front(), file_name);
  }
  if (parts.size() == 1) {
    auto& only = parts.front();
    if (!file_meta.title.empty() && !abbreviates(file_meta.title, only.title))
      only.title = file_meta.title;
    // A file's creator is whoever saved it; the text's own body wins.
    if (!file_meta.author.empty() && only.author.empty()) only.author = file_meta.author;
    if (!file_meta.date.empty()) only.date = file_meta.date;
    // A web page's title: "Remissvar: X | Site name".
    if (only.kind == "response" && only.responds_to_title.empty())
      only.responds_to_title = response_subject(only.title.substr(0, only.title.find(" | ")));
  }
  propagate_replaces(parts);
  return parts;
}

}  // namespace rk
