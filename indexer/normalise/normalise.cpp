// Layout text to blocks in linear passes: split lines and pages, mark page
// furniture (page numbers, running headers and footers), count the
// vocabulary, group lines into drafts (paragraphs, list items, headings),
// then finish each draft (whitespace, reflowed hyphens, glued headings,
// headings recognised by what follows them).
#include <algorithm>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "indexer/core/text.hh"
#include "indexer/normalise/internal.hh"
#include "indexer/normalise/normalise.hh"

namespace rk {

using namespace normalise_internal;

namespace {

struct SourceLine {
  std::string_view text;  // trimmed, without '\f'
  int number = 0;
  int page = 1;
  bool blank = false;
  bool furniture = false;    // removed from the text
  bool page_marker = false;  // held a page number: a page edge is near
};

// Lines this long are not headers, footers or headings.
constexpr std::size_t kMaxFurnitureBytes = 160;
// How many text lines at a page edge can be running headers or footers.
constexpr int kEdgeDepth = 4;

bool has_gap(std::string_view trimmed) { return trimmed.find("   ") != std::string_view::npos; }

bool is_separator(std::string_view line) {
  int marks = 0;
  for (std::size_t pos = 0; pos < line.size();) {
    unsigned cp = next_code_point(line, pos);
    bool mark = cp == '-' || cp == '_' || cp == '=' || cp == '.' || cp == '*' || cp == 0x2026 ||
                cp == 0x2013 || cp == 0x2014 || cp == 0xB7;
    if (!mark && cp != ' ') return false;
    marks += mark ? 1 : 0;
  }
  return marks >= 3;
}

// Splits `clean` (sanitised; '\f' bytes are blanked in place) into lines.
std::vector<SourceLine> split_lines(std::string& clean, int& pages) {
  std::vector<SourceLine> lines;
  int page = 1;
  std::size_t begin = 0;
  while (begin < clean.size()) {
    std::size_t end = clean.find('\n', begin);
    if (end == std::string::npos) end = clean.size();
    SourceLine line;
    line.number = static_cast<int>(lines.size()) + 1;
    bool content_seen = false;
    for (std::size_t i = begin; i < end; ++i) {
      if (clean[i] == '\f') {
        ++page;
        clean[i] = ' ';
        if (!content_seen) line.page = page;
      } else if (clean[i] != ' ' && !content_seen) {
        content_seen = true;
        line.page = page;
      }
    }
    if (!content_seen) line.page = page;
    line.text = trim(std::string_view(clean).substr(begin, end - begin));
    line.blank = line.text.empty();
    if (!line.blank) pages = line.page;
    lines.push_back(line);
    begin = end + 1;
  }
  return lines;
}

// Page numbers, "Sida N av M" lines and page numbers glued to a line's end.
void mark_page_numbers(std::vector<SourceLine>& lines, std::deque<std::string>& rewritten) {
  for (SourceLine& line : lines) {
    if (line.blank) continue;
    if (is_page_number_line(line.text)) {
      line.furniture = line.page_marker = true;
      continue;
    }
    std::string copy;
    if (line.text.find("Sida ") != std::string_view::npos) copy = line.text;
    if (!copy.empty() && strip_page_of_tokens(copy)) {
      line.page_marker = true;
      line.furniture = line.text.size() <= kMaxFurnitureBytes;
      rewritten.push_back(std::move(copy));
      line.text = trim(rewritten.back());
      continue;
    }
    if (strip_trailing_page_number(line.text)) line.page_marker = true;
  }
}

// Text lines within kEdgeDepth of a page start, page end or page marker. A
// line that lost a glued page number is itself at an edge.
std::vector<bool> page_edges(const std::vector<SourceLine>& lines) {
  std::vector<bool> edge(lines.size(), false);
  auto walk = [&](std::size_t from, bool forward) {
    int page = lines[from].page, seen = 0;
    for (std::size_t i = from; i < lines.size() && seen < kEdgeDepth && lines[i].page == page;
         i = forward ? i + 1 : i - 1) {
      if (!lines[i].blank && !lines[i].page_marker) {
        edge[i] = true;
        ++seen;
      }
      if (i == 0 && !forward) break;
    }
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    bool page_start = i == 0 || lines[i].page != lines[i - 1].page;
    if (page_start) walk(i, true);
    if (page_start && i > 0) walk(i - 1, false);
    if (lines[i].page_marker) {
      edge[i] = !lines[i].furniture;
      if (i > 0) walk(i - 1, false);
      if (i + 1 < lines.size()) walk(i + 1, true);
    }
  }
  if (!lines.empty()) walk(lines.size() - 1, false);
  return edge;
}

// Running headers and footers: the same line, digits aside, at the edge of
// at least 3 pages, or of 30% of the pages when there are few.
void mark_running_lines(std::vector<SourceLine>& lines, int pages) {
  std::vector<bool> edge = page_edges(lines);
  std::unordered_map<std::string, int> count;
  int markers = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    markers += lines[i].page_marker ? 1 : 0;
    if (edge[i] && !lines[i].furniture && lines[i].text.size() <= kMaxFurnitureBytes) {
      ++count[furniture_key(lines[i].text)];
    }
  }
  int edges = std::max(pages, markers + 1);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!edge[i] || lines[i].furniture || lines[i].text.size() > kMaxFurnitureBytes) continue;
    if (is_known_heading(lines[i].text)) continue;  // "Propositionsordning" on every page
    int n = count[furniture_key(lines[i].text)];
    if (n >= 3 || (n >= 2 && edges >= 2 && 10 * n >= 3 * edges)) lines[i].furniture = true;
  }
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A block being assembled from source lines.
struct Draft {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;
  std::string text;
  int page = 1;
  int first = 0;
  int last = 0;
  int line_count = 0;
  bool column_gap = false;  // a source line had a run of spaces: a flattened table
};

class DraftBuilder {
 public:
  DraftBuilder(const Vocabulary& vocabulary, const std::unordered_set<std::string>& names,
               NormaliseStats& stats, std::size_t wrap_width)
      : vocabulary_(vocabulary), names_(names), stats_(stats), wrap_width_(wrap_width) {}

  void blank() { flush(); }

  void line(const SourceLine& line) {
    std::vector<std::string_view> pieces = split_glued_bullets(line.text);
    for (std::string_view piece : pieces) add_piece(piece, line);
    // In text wrapped at a width (PDF text with no blank lines between
    // paragraphs), a sentence that ends well short of the width ends its paragraph.
    if (wrap_width_ > 0 && current_ && ends_sentence(line.text) &&
        code_points(line.text) * 4 < wrap_width_ * 3) {
      flush();
    }
  }

  std::vector<Draft> finish() {
    flush();
    return std::move(drafts_);
  }

 private:
  void add_piece(std::string_view piece, const SourceLine& line) {
    if (int level = standalone_heading_level(piece);
        level > 0 && may_interrupt(piece) && !starts_glued_paragraph(piece)) {
      flush();
      start(BlockKind::heading, level, without_label(piece), line);
      flush();
      return;
    }
    if (int marker = list_marker(piece); marker >= 0) {
      flush();
      start(BlockKind::list_item, 0, piece.substr(static_cast<std::size_t>(marker)), line);
      return;
    }
    if (!current_) {
      start(BlockKind::paragraph, 0, piece, line);
      return;
    }
    append(piece, line);
  }

  // "3.2 Jämställdhet Kvinnor och män upplever" is the first line of a
  // paragraph with its heading glued on, split off when the paragraph ends.
  bool starts_glued_paragraph(std::string_view piece) const {
    std::size_t begin = 0, end = 0;
    return glued_numbered_heading(piece, names_, false, begin, end) > 0;
  }

  // A heading line ends a running paragraph only where a sentence ended, so
  // that "12 Procent ..." wrapped inside a sentence stays in it; a known
  // staff-report heading on a line of its own always does.
  bool may_interrupt(std::string_view piece) const {
    if (!current_ || current_->text.empty() || is_known_heading(piece)) return true;
    char last = current_->text.back();
    return last == '.' || last == ':' || last == '!' || last == '?';
  }

  static bool ends_sentence(std::string_view text) {
    return !text.empty() && std::string_view(".!?:").find(text.back()) != std::string_view::npos;
  }

  void start(BlockKind kind, int level, std::string_view text, const SourceLine& line) {
    current_ = Draft{kind,        level, std::string(text), line.page, line.number,
                     line.number, 1,     has_gap(text)};
  }

  void append(std::string_view piece, const SourceLine& line) {
    std::string& text = current_->text;
    bool hyphen_break = text.size() >= 2 && text.back() == '-' && text[text.size() - 2] != ' ';
    HyphenBreak decision = HyphenBreak::keep;
    if (hyphen_break) {
      decision = decide_hyphen_break(vocabulary_, std::string_view(text).substr(0, text.size() - 1),
                                     piece, true);
    }
    if (hyphen_break && decision == HyphenBreak::join) {
      text.pop_back();
      ++stats_.joins;
    } else if (hyphen_break && decision == HyphenBreak::hyphen) {
      ++stats_.kept_hyphens;
    } else {
      stats_.kept_hyphens += hyphen_break ? 1 : 0;
      text += ' ';
    }
    text += piece;
    current_->column_gap = current_->column_gap || has_gap(piece);
    current_->last = line.number;
    ++current_->line_count;
  }

  void flush() {
    if (current_) drafts_.push_back(std::move(*current_));
    current_.reset();
  }

  const Vocabulary& vocabulary_;
  const std::unordered_set<std::string>& names_;
  NormaliseStats& stats_;
  std::size_t wrap_width_;  // 0: the text is not wrapped at a width
  std::optional<Draft> current_;
  std::vector<Draft> drafts_;
};

// The width text was wrapped at, when it was: most long lines end within a
// few characters of the same length (a PDF's text column). 0 otherwise, as in
// text with one paragraph per line.
std::size_t wrap_width(const std::vector<SourceLine>& lines) {
  std::vector<std::size_t> lengths;
  for (const auto& l : lines) {
    if (!l.blank && !l.furniture) lengths.push_back(code_points(l.text));
  }
  if (lengths.size() < 20) return 0;
  std::sort(lengths.begin(), lengths.end());
  const std::size_t width = lengths[lengths.size() * 9 / 10];
  if (width < 40 || width > 140) return 0;
  std::size_t near = 0;
  for (std::size_t n : lengths) near += (n * 100 >= width * 85 && n <= width + 3);
  return near * 10 >= lengths.size() * 4 ? width : 0;
}

Block make_block(BlockKind kind, int level, std::string text, const Draft& draft) {
  return Block{kind, level, std::move(text), draft.page, draft.first, draft.last};
}

bool is_body_paragraph(const std::vector<Draft>& drafts, std::size_t i) {
  return i < drafts.size() && drafts[i].kind == BlockKind::paragraph &&
         reads_like_body(drafts[i].text);
}

// Headings recognised by what follows them: a short single line before a
// paragraph of running text, and "1. Inledning" before one. A line after a
// colon ("... beslutar:" / "Motionen bifalles") is what the colon announced.
void promote_headings(std::vector<Draft>& drafts) {
  for (std::size_t i = 0; i + 1 < drafts.size(); ++i) {
    Draft& d = drafts[i];
    if (d.line_count != 1 || d.column_gap || !is_body_paragraph(drafts, i + 1)) continue;
    if (i > 0 && !drafts[i - 1].text.empty() && drafts[i - 1].text.back() == ':') continue;
    if (d.kind == BlockKind::paragraph && reads_like_heading(d.text)) {
      d.kind = BlockKind::heading;
      d.level = 2;
    } else if (d.kind == BlockKind::list_item && enumerated_heading_level(d.text) > 0) {
      d.kind = BlockKind::heading;
      d.level = enumerated_heading_level(d.text);
    }
  }
}

// A heading glued to the first sentence of a paragraph: a known one
// ("Sammanfattning Stadsledningskontoret har ...") or a numbered one ("3.2
// Jämställdhet Kvinnor och män ..."). Returns its level (0 for none) and
// where it lies in the text; the paragraph goes on after `end` + 1.
int glued_heading_of(std::string_view text, const std::unordered_set<std::string>& names,
                     std::size_t& begin, std::size_t& end) {
  begin = 0;
  if (int level = glued_heading(text, end)) return level;
  return glued_numbered_heading(text, names, true, begin, end);
}

std::vector<Block> finish_drafts(std::vector<Draft> drafts, const Vocabulary& vocabulary,
                                 const std::unordered_set<std::string>& names,
                                 NormaliseStats& stats) {
  for (Draft& d : drafts)
    d.text = join_reflowed_breaks(vocabulary, collapse_space(d.text), stats.joins);
  promote_headings(drafts);
  std::vector<Block> blocks;
  blocks.reserve(drafts.size());
  for (Draft& d : drafts) {
    if (d.text.empty()) continue;
    std::size_t begin = 0, end = 0;
    int level = d.kind == BlockKind::paragraph ? glued_heading_of(d.text, names, begin, end) : 0;
    if (level > 0) {
      Block heading = make_block(BlockKind::heading, level, d.text.substr(begin, end - begin), d);
      heading.line_end = heading.line_start;  // a glued heading is on the paragraph's first line
      blocks.push_back(std::move(heading));
      d.text.erase(0, end + 1);
    }
    blocks.push_back(make_block(d.kind, d.level, std::move(d.text), d));
  }
  return blocks;
}

void count_blocks(const std::vector<Block>& blocks, NormaliseStats& stats) {
  for (const Block& b : blocks) {
    stats.headings += b.kind == BlockKind::heading ? 1 : 0;
    stats.paragraphs += b.kind == BlockKind::paragraph ? 1 : 0;
    stats.list_items += b.kind == BlockKind::list_item ? 1 : 0;
  }
}

}  // namespace

std::vector<Block> normalise_layout_text(std::string_view text, NormaliseStats& stats) {
  stats = NormaliseStats{};
  std::string clean = sanitise(text);
  std::vector<SourceLine> lines = split_lines(clean, stats.pages);
  stats.lines = static_cast<int>(lines.size());
  std::deque<std::string> rewritten;
  mark_page_numbers(lines, rewritten);
  mark_running_lines(lines, stats.pages);
  Vocabulary vocabulary(clean);

  const std::unordered_set<std::string> names = capitalised_mid_sentence(clean);
  DraftBuilder builder(vocabulary, names, stats, wrap_width(lines));
  for (const SourceLine& line : lines) {
    if (line.blank || is_separator(line.text)) {
      builder.blank();
    } else if (line.furniture) {
      ++stats.furniture_lines;  // transparent: a paragraph may go on across a page
    } else if (!line.text.empty()) {
      builder.line(line);
    }
  }
  std::vector<Block> blocks = finish_drafts(builder.finish(), vocabulary, names, stats);
  count_blocks(blocks, stats);
  return blocks;
}

std::vector<Block> normalise_layout_text(std::string_view text) {
  NormaliseStats stats;
  return normalise_layout_text(text, stats);
}

}  // namespace rk
