// Splitting a council bundle at the openings of its documents. A header that
// repeats on every page of a protocol extract (same body, type and date) is
// the same document; an appendix label inside a steering document is that
// document's own appendix.
#include "indexer/bundle/bundle.hh"
#include "indexer/bundle/cues.hh"
#include "indexer/bundle/opening.hh"
#include "indexer/bundle/text.hh"

namespace rk {
namespace {

using namespace rk::bundle;

bool continues(const Opening& next, const Opening& current) {
  if (next.kind != current.kind || next.cover) return false;
  if (is_steering(next.kind)) return lower(next.title) == lower(current.title);
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
    bool own_appendix = next->kind.empty() && is_steering(current.kind);
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
    if (!is_steering(part.kind) && !part.replaces_title.empty()) {
      replaced = part.replaces_title;
      break;
    }
  if (replaced.empty()) return;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    if (!is_steering(it->kind)) continue;
    if (lower(it->title).find(lower(replaced)) != std::string::npos) continue;
    if (it->replaces_title.empty()) it->replaces_title = replaced;
    return;
  }
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
  if (parts.size() == 1) {
    auto& only = parts.front();
    if (!file_meta.title.empty()) only.title = file_meta.title;
    if (!file_meta.author.empty()) only.author = file_meta.author;
    if (!file_meta.date.empty()) only.date = file_meta.date;
  }
  propagate_replaces(parts);
  return parts;
}

}  // namespace rk
