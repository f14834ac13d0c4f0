// The rows of the office's compilation table and the decisions it states in
// prose. A table arrives in one of three shapes: aligned columns (each cell
// where its heading is, long cells wrapped onto the next lines), flattened
// (pdftotext joined the rows into long lines; cells are runs of text between
// runs of spaces) or as passages (structured formats, or no layout). The
// first is read column by column, the others as a stream of cells in which a
// capitalised decision word ("Avstyrker") marks where a row starts.
#include "indexer/consult/compilation.hh"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

#include "indexer/consult/consult.hh"
#include "indexer/consult/cues.hh"
#include "indexer/core/text.hh"

namespace rk {

namespace {

using consult::CueList;
using consult::CueMatch;
using consult::Word;
using consult::words_of;

constexpr std::size_t kColumnSlack = 2;    // characters a cell may sit off its column
constexpr std::size_t kMaxNameWords = 10;  // a body's name, with a group heading before it
constexpr std::size_t kProseWords = 20;    // a cell this long that starts a sentence is prose
constexpr int kPageGrace = 6;              // lines after a page break before a row must come

const CueList& cues(std::string_view name) { return CueList::embedded(name); }

bool upper_initial(std::string_view s) {
  if (s.empty()) return false;
  auto c = static_cast<unsigned char>(s[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // UTF-8 upper-case Latin-1 letters are C3 80..C3 9E (À..Þ, with Å Ä Ö).
  return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) <= 0x9E;
}

std::string_view trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\f");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\f") - b + 1);
}

// The longest cue with `label` (any label when empty) that matches from word `at`.
CueMatch longest_at(const CueList& list, const std::vector<Word>& words, std::size_t at,
                    std::string_view label = {}) {
  CueMatch best;
  for (const CueMatch& m : list.find_at(words, at))
    if ((label.empty() || m.cue->label == label) && (!best.cue || m.length() > best.length()))
      best = m;
  return best;
}

// Does one cue with `label` cover all the words of `text`?
bool whole(std::string_view list, std::string_view text, std::string_view label) {
  auto words = words_of(text);
  CueMatch m = longest_at(cues(list), words, 0, label);
  return m.cue && m.last + 1 == words.size();
}

// Joins a wrapped line to the text before it, mending a word broken at the
// line end ("stadsdelsnämn-" + "dernas") but not a suspended hyphen
// ("Miljö-" + "och klimatnämnden").
void append(std::string& to, std::string_view more) {
  more = trim(more);
  if (more.empty()) return;
  if (to.empty()) {
    to = std::string(more);
    return;
  }
  auto first = words_of(more);
  bool joins = to.back() == '-' && !upper_initial(more) && !first.empty() &&
               first[0].text != "och" && first[0].text != "eller" && first[0].text != "samt";
  if (joins)
    to.pop_back();
  else
    to += ' ';
  to += more;
}

// A name cut where its cell wrapped ("Äldre samt vård-", "Inköps- och").
bool dangling(std::string_view name) {
  name = trim(name);
  if (name.empty()) return false;
  auto words = words_of(name);
  return name.back() == '-' || (!words.empty() && words.back().end == name.size() &&
                                (words.back().text == "och" || words.back().text == "samt"));
}

// --- rows under construction -------------------------------------------------

class RowBuilder {
 public:
  std::vector<CompilationRow> rows;

  // A name cell, perhaps with its group heading in front ("Övriga Kriminalvården").
  void start(std::string_view name, const std::string& passage) {
    name = trim(name);
    auto words = words_of(name);
    CueMatch g = longest_at(cues("compilation_table"), words, 0, "group");
    if (g.cue && g.last + 1 < words.size()) {
      group_ = std::string(trim(name.substr(0, words[g.last].end)));
      name = trim(name.substr(words[g.last + 1].begin));
    }
    CompilationRow row;
    row.group = group_;
    row.respondent = std::string(name);
    row.passage = passage;
    rows.push_back(std::move(row));
  }
  void set_group(std::string_view heading) { group_ = std::string(trim(heading)); }
  bool open() const { return !rows.empty(); }
  CompilationRow& last() { return rows.back(); }

  std::vector<CompilationRow> finish() {
    for (CompilationRow& row : rows) {
      std::string decision = table_decision(row.decision_text);
      row.decision = decision.empty() ? "ej_angiven" : decision;
    }
    return std::move(rows);
  }

 private:
  std::string group_;
};

// The passage a source line belongs to.
class PassageAt {
 public:
  explicit PassageAt(const Document& doc) {
    for (const Section& s : doc.sections)
      for (const Passage& p : s.passages) passages_.push_back(&p);
  }
  std::string at(int line) const {
    const Passage* best = passages_.empty() ? nullptr : passages_.front();
    for (const Passage* p : passages_) {
      if (p->line_start > 0 && p->line_start <= line) best = p;
      if (p->line_start <= line && line <= p->line_end) return p->id;
    }
    return best ? best->id : std::string();
  }

 private:
  std::vector<const Passage*> passages_;
};

// --- layout lines and cells --------------------------------------------------

struct Cell {
  std::string text;
  std::size_t column = 0;  // in characters, not bytes
};

struct SourceLine {
  std::vector<Cell> cells;
  int number = 0;
  bool new_page = false;
};

std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Cells are separated by a tab or by two spaces or more.
std::vector<Cell> cells_of(std::string_view line) {
  std::vector<Cell> out;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ' || line[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && line[j] != '\t' &&
           !(line[j] == ' ' && j + 1 < line.size() && (line[j + 1] == ' ' || line[j + 1] == '\t')))
      ++j;
    out.push_back({std::string(trim(line.substr(i, j - i))), characters(line.substr(0, i))});
    i = j;
  }
  return out;
}

std::vector<SourceLine> lines_of(std::string_view layout, int first_number) {
  std::vector<SourceLine> out;
  int number = first_number;
  for (std::size_t pos = 0; pos <= layout.size(); ++number) {
    std::size_t end = std::min(layout.find('\n', pos), layout.size());
    std::string line(layout.substr(pos, end - pos));
    SourceLine sl;
    sl.number = number;
    sl.new_page = line.find('\f') != std::string::npos;
    std::erase_if(line, [](char c) { return c == '\f' || c == '\r'; });
    sl.cells = cells_of(line);
    out.push_back(std::move(sl));
    pos = end + 1;
  }
  return out;
}

// --- the header ----------------------------------------------------------------

// Where a name heading followed by a decision heading starts a text
// ("Remissinstans Beslut Kommentar Förskolenämnden ..."): the byte offset
// just after the headings, or npos.
std::size_t after_header(std::string_view text) {
  auto words = words_of(text);
  const CueList& frame = cues("compilation_table");
  CueMatch name = longest_at(frame, words, 0, "name");
  if (!name.cue || name.last + 1 >= words.size()) return std::string_view::npos;
  CueMatch decision = longest_at(frame, words, name.last + 1, "decision");
  if (!decision.cue) return std::string_view::npos;
  std::size_t last = decision.last;
  if (CueMatch comment = longest_at(frame, words, last + 1, "comment"); comment.cue)
    last = comment.last;
  return words[last].end;
}

// Column starts when the header line holds each heading in a cell of its
// own: name, decision and (optional) comment.
std::optional<std::vector<std::size_t>> header_columns(const SourceLine& line) {
  const auto& c = line.cells;
  if (c.size() < 2 || !whole("compilation_table", c[0].text, "name") ||
      !whole("compilation_table", c[1].text, "decision"))
    return std::nullopt;
  std::vector<std::size_t> columns{c[0].column, c[1].column};
  if (c.size() == 3 && whole("compilation_table", c[2].text, "comment"))
    columns.push_back(c[2].column);
  else if (c.size() > 2)
    return std::nullopt;
  return columns;
}

// --- aligned columns -------------------------------------------------------------

// The column a cell sits in, or npos when it sits between columns.
std::size_t column_of(const Cell& cell, const std::vector<std::size_t>& columns) {
  for (std::size_t k = columns.size(); k-- > 0;) {
    std::size_t start = columns[k];
    if (cell.column + kColumnSlack >= start && cell.column <= start + kColumnSlack) return k;
  }
  return std::string_view::npos;
}

bool aligned(const SourceLine& line, const std::vector<std::size_t>& columns) {
  return std::all_of(line.cells.begin(), line.cells.end(), [&](const Cell& c) {
    return column_of(c, columns) != std::string_view::npos;
  });
}

// Most lines after the header that hold two cells or more keep to its
// columns: the table was not flattened. (A line of one cell fits any
// column at the margin, prose included.)
bool keeps_columns(const std::vector<SourceLine>& lines, std::size_t header,
                   const std::vector<std::size_t>& columns) {
  int seen = 0, fit = 0;
  for (std::size_t i = header + 1; i < lines.size() && seen < 12; ++i) {
    if (lines[i].cells.size() < 2) continue;
    ++seen;
    if (aligned(lines[i], columns)) ++fit;
  }
  return seen >= 2 && fit * 10 >= seen * 7;
}

std::vector<CompilationRow> read_columns(const std::vector<SourceLine>& lines, std::size_t header,
                                         const std::vector<std::size_t>& columns,
                                         const PassageAt& passages) {
  RowBuilder rows;
  int grace = 0;  // lines left after a page break to find the table again
  for (std::size_t i = header + 1; i < lines.size(); ++i) {
    const SourceLine& line = lines[i];
    if (line.new_page) grace = kPageGrace;
    if (line.cells.empty()) continue;
    if (!aligned(line, columns)) {
      if (grace-- > 0) continue;
      break;
    }
    std::string cell[3];
    for (const Cell& c : line.cells) append(cell[column_of(c, columns)], c.text);
    const std::string &name = cell[0], &decision = cell[1], &comment = cell[2];
    if (decision.empty() && comment.empty() && whole("compilation_table", name, "group")) {
      rows.set_group(name);
      grace = 0;
      continue;
    }
    bool with_decision =
        !name.empty() && upper_initial(decision) && !table_decision(decision).empty();
    // A row the office gave no decision: a new name beside a new sentence.
    bool without = rows.open() && decision.empty() && upper_initial(name) &&
                   upper_initial(comment) && !rows.last().comment.empty() &&
                   rows.last().comment.back() == '.';
    if (with_decision || without) {
      rows.start(name, passages.at(line.number));
      grace = 0;
    } else if (grace > 0 || !rows.open()) {
      continue;  // a running header or footer
    } else {
      append(rows.last().respondent, name);
    }
    append(rows.last().decision_text, decision);
    append(rows.last().comment, comment);
  }
  return rows.finish();
}

// --- a stream of cells -----------------------------------------------------------

struct Piece {
  std::string text;
  std::string passage;
};

// The decision cue a cell starts with when it is a decision cell
// ("Tillstyrker", "Avstår från att ta ställning."); none for prose.
CueMatch decision_cell(const std::string& text, const std::vector<Word>& words, std::size_t at) {
  if (at >= words.size() || !upper_initial(std::string_view(text).substr(words[at].begin)))
    return {};
  return longest_at(cues("compilation_decisions"), words, at);
}

// Start of the name at the end of a cell: the text after its last sentence
// ("... till anhöriga. Socialnämnd Hisingen"), when that is short and
// capitalised. npos when there is none.
std::size_t name_tail(std::string_view text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (std::string_view(".?!:;").find(text[i]) != std::string_view::npos && text[i + 1] == ' ')
      start = i + 2;
  start = text.find_first_not_of(' ', start);
  if (start == std::string_view::npos) return start;
  std::string_view tail = trim(text.substr(start));
  auto words = words_of(tail);
  if (!upper_initial(tail) || tail.back() == '.' || words.size() > kMaxNameWords)
    return std::string_view::npos;
  // "Yrkande SD", "Omröstning", "Bilaga 3": parts of a protocol, not bodies.
  if (!cues("regions").find_at(words, 0).empty()) return std::string_view::npos;
  return start;
}

bool prose(std::string_view text) {
  return upper_initial(text) && words_of(text).size() >= kProseWords;
}

// The office's own text begins ("Remissinstansernas överväganden ...",
// "Bedömning ur ekonomisk dimension ...").
bool section_opening(std::string_view text) {
  auto words = words_of(text);
  const CueList& prose = cues("compilation_prose");
  return longest_at(prose, words, 0, "open").cue || longest_at(prose, words, 0, "close").cue;
}

class StreamReader {
 public:
  explicit StreamReader(std::vector<Piece> pieces) : pieces_(std::move(pieces)) {}

  std::vector<CompilationRow> read() {
    for (i_ = 0; i_ < pieces_.size(); ++i_) {
      const Piece& p = pieces_[i_];
      auto words = words_of(p.text);
      if (words.empty()) continue;
      if (!pending_.empty() && decision_cell(p.text, words, 0).cue) {
        take_decision(p, words, 0);
        continue;
      }
      if (whole("compilation_table", p.text, "group")) {
        rows_.set_group(p.text);
        continue;
      }
      if (!read_cell(p, words)) break;
    }
    return rows_.finish();
  }

 private:
  // A decision cell at word `at`; the name before it is pending.
  void take_decision(const Piece& p, const std::vector<Word>& words, std::size_t at) {
    CueMatch m = decision_cell(p.text, words, at);
    rows_.start(pending_, p.passage);
    pending_.clear();
    std::string_view rest = trim(std::string_view(p.text).substr(words[m.last].end));
    std::size_t stop = words[m.last].end;
    // "Avstår från att ta ställning." keeps its full stop.
    if (!rest.empty() && rest.front() == '.') {
      ++stop;
      rest = trim(rest.substr(1));
    }
    rows_.last().decision_text =
        std::string(trim(std::string_view(p.text).substr(words[at].begin, stop - words[at].begin)));
    // "Inköps- och | Avstyrker upphandlingsnämnden": the name wrapped past its column.
    if (!rest.empty() && !upper_initial(rest) && dangling(rows_.last().respondent)) {
      auto rw = words_of(rest);
      append(rows_.last().respondent, rest.substr(0, rw.front().end));
      rest = trim(rest.substr(rw.front().end));
    }
    append(rows_.last().comment, rest);
    fresh_ = true;
  }

  // A cell that is not a decision: comment text, perhaps ending with the next
  // row's name, or holding whole rows when the passages are the cells.
  // False when prose follows the table.
  bool read_cell(const Piece& p, const std::vector<Word>& words) {
    if (auto inner = inner_decision(p.text, words)) {
      comment(std::string_view(p.text).substr(0, inner->first));
      pending_ = std::string(trim(std::string_view(p.text).substr(
          inner->first, words[inner->second].begin - inner->first)));
      Piece rest{p.text, p.passage};
      take_decision(rest, words, inner->second);
      return true;
    }
    if (prose(p.text) && rows_.open() && (!fresh_ || section_opening(p.text))) return false;
    std::size_t tail = name_tail(p.text);
    const Piece* next = i_ + 1 < pieces_.size() ? &pieces_[i_ + 1] : nullptr;
    if (tail != std::string_view::npos && next) {
      auto next_words = words_of(next->text);
      if (decision_cell(next->text, next_words, 0).cue) {
        comment(std::string_view(p.text).substr(0, tail));
        pending_ = std::string(trim(std::string_view(p.text).substr(tail)));
        return true;
      }
      // A row the office gave no decision: a name, then its comment.
      if (next_words.size() >= 8 && upper_initial(next->text) && !section_opening(next->text) &&
          (rows_.open() || tail == 0)) {
        comment(std::string_view(p.text).substr(0, tail));
        rows_.start(std::string_view(p.text).substr(tail), p.passage);
        fresh_ = true;
        return true;
      }
    }
    comment(p.text);
    return true;
  }

  // A decision word inside a cell, after a name: "Grundskolenämnden Avstår
  // från att ta ställning." -> (where the name starts, the decision's word).
  std::optional<std::pair<std::size_t, std::size_t>> inner_decision(
      const std::string& text, const std::vector<Word>& words) const {
    std::size_t sentence = 0;  // first word of the current sentence
    for (std::size_t k = 1; k < words.size(); ++k) {
      std::string_view gap =
          std::string_view(text).substr(words[k - 1].end, words[k].begin - words[k - 1].end);
      if (gap.find_first_of(".?!:;") != std::string_view::npos) sentence = k;
      if (k == sentence || k - sentence > kMaxNameWords || !decision_cell(text, words, k).cue)
        continue;
      if (upper_initial(std::string_view(text).substr(words[sentence].begin)) &&
          cues("regions").find_at(words, sentence).empty())
        return std::make_pair(words[sentence].begin, k);
    }
    return std::nullopt;
  }

  void comment(std::string_view text) {
    if (trim(text).empty()) return;
    if (rows_.open()) append(rows_.last().comment, text);
    fresh_ = false;
  }

  std::vector<Piece> pieces_;
  std::size_t i_ = 0;
  RowBuilder rows_;
  std::string pending_;
  bool fresh_ = false;  // the last cell started a row
};

// The cells from the header on, the headings themselves left out.
std::vector<Piece> pieces_from(std::vector<Piece> all, bool need_header) {
  for (std::size_t i = 0; i < all.size(); ++i) {
    std::string joined = all[i].text;
    if (i + 1 < all.size()) joined += " " + all[i + 1].text;
    if (i + 2 < all.size()) joined += " " + all[i + 2].text;
    std::size_t after = after_header(joined);
    if (after == std::string_view::npos) continue;
    // Drop the cells the headings took up, keep what follows them.
    std::vector<Piece> out;
    std::size_t used = 0;
    for (std::size_t k = i; k < all.size(); ++k) {
      std::size_t len = all[k].text.size();
      if (used + len <= after) {
        used += len + 1;
        continue;
      }
      Piece p = all[k];
      if (used < after) p.text = std::string(trim(std::string_view(p.text).substr(after - used)));
      used = after;
      out.push_back(std::move(p));
    }
    return out;
  }
  return need_header ? std::vector<Piece>{} : all;
}

std::vector<Piece> layout_pieces(const std::vector<SourceLine>& lines, const PassageAt& passages) {
  std::vector<Piece> out;
  for (const SourceLine& line : lines)
    for (const Cell& c : line.cells) out.push_back({c.text, passages.at(line.number)});
  return out;
}

std::vector<Piece> passage_pieces(const Document& doc) {
  std::vector<Piece> out;
  for (const Section& s : doc.sections) {
    if (!s.heading.empty()) out.push_back({s.heading, s.passages.empty() ? "" : s.passages[0].id});
    for (const Passage& p : s.passages) out.push_back({p.text, p.id});
  }
  return out;
}

// --- body names ------------------------------------------------------------------

// A body's name reduced to what identifies it: lower case, without the
// city's name, "Direktionen för", qualifiers, parenthesised additions and
// definite endings; `upper` tells which words were capitalised.
struct BodyKey {
  std::vector<std::string> words;
  std::vector<bool> upper;
  bool truncated = false;  // cut where its cell wrapped
};

std::string without_parentheses(std::string_view name) {
  std::string out;
  int depth = 0;
  for (char c : name) {
    if (c == '(') ++depth;
    if (depth == 0) out += c;
    if (c == ')' && depth > 0) --depth;
  }
  return out;
}

std::string base_form(std::string word) {
  for (const auto& cue : cues("body_names").cues()) {
    if (cue.label != "form" || cue.pattern.size() != 2) continue;
    const std::string& ending = cue.pattern[0];
    if (word.size() >= ending.size() && word.ends_with(ending))
      return word.substr(0, word.size() - ending.size()) + cue.pattern[1];
  }
  return word;
}

BodyKey body_key(std::string_view name) {
  std::string text = without_parentheses(name);
  BodyKey key;
  key.truncated = dangling(text);
  auto words = words_of(text);
  const CueList& names = cues("body_names");
  std::size_t from = 0;
  if (words.size() > 2 && longest_at(names, words, 1, "owner").cue) from = 2;
  if (CueMatch lead = longest_at(names, words, from, "lead");
      lead.cue && lead.last + 1 < words.size())
    from = lead.last + 1;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (longest_at(names, words, i, "qualifier").cue && i + 1 < words.size()) continue;
    key.words.push_back(base_form(words[i].text));
    key.upper.push_back(upper_initial(std::string_view(text).substr(words[i].begin)));
  }
  if (key.truncated && !key.words.empty() &&
      (key.words.back() == "och" || key.words.back() == "samt")) {
    key.words.pop_back();
    key.upper.pop_back();
  }
  return key;
}

// The stem a collective plural names its bodies by ("socialnämnderna" ->
// "socialnämnd"); "*" for every body; empty when the name is no plural.
std::string collective_stem(std::string_view name) {
  auto words = words_of(name);
  const CueList& prose = cues("compilation_prose");
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (longest_at(prose, words, i, "everyone").cue) return "*";
    if (!longest_at(prose, words, i, "collective").cue) continue;
    std::string w = words[i].text;
    for (std::string_view ending : {"erna", "er"})
      if (w.ends_with(ending)) return w.substr(0, w.size() - ending.size());
    return w;
  }
  return {};
}

// --- the office's prose ---------------------------------------------------------

bool has_label_at(const CueList& list, const std::vector<Word>& words, std::size_t at,
                  std::string_view label) {
  return longest_at(list, words, at, label).cue != nullptr;
}

// The decision cues of a sentence in order, a longer cue winning over those
// it overlaps ("tillstyrker förslaget under förutsättning" over "tillstyrker").
std::vector<CueMatch> decision_cues(const std::vector<Word>& words) {
  std::vector<CueMatch> found, all;
  for (const CueMatch& m : cues("decisions").find_all(words))
    if (m.cue->label != "none") found.push_back(m);
  // A cue whose gap runs over the start of another of several words
  // ("tillstyrkt, varav en nämnd (X) tillstyrker förslaget under
  // förutsättning") belongs to neither body alone.
  for (const CueMatch& m : found)
    if (std::none_of(found.begin(), found.end(), [&](const CueMatch& o) {
          return o.length() > 1 && m.first < o.first && o.first <= m.last;
        }))
      all.push_back(m);
  std::stable_sort(all.begin(), all.end(),
                   [](const CueMatch& a, const CueMatch& b) { return a.length() > b.length(); });
  std::vector<CueMatch> kept;
  for (const CueMatch& m : all)
    if (std::none_of(kept.begin(), kept.end(),
                     [&](const CueMatch& k) { return m.first <= k.last && k.first <= m.last; }))
      kept.push_back(m);
  std::sort(kept.begin(), kept.end(),
            [](const CueMatch& a, const CueMatch& b) { return a.first < b.first; });
  return kept;
}

// A word that can carry a body's name: a committee in any case
// ("utbildningsnämnden"), other bodies capitalised ("Vision", "Higab AB").
bool name_head(std::string_view text, const Word& w) {
  const CueList& prose = cues("compilation_prose");
  std::vector<Word> one{w};
  for (std::string_view label : {"office", "anaphor", "generic"})
    if (has_label_at(prose, one, 0, label)) return false;
  std::string category = respondent_category(w.text);
  if (category.empty()) return false;
  bool committee = category == "district_committee" || category == "specialist_committee" ||
                   category == "council";
  return committee || upper_initial(text.substr(w.begin));
}

struct Mention {
  std::size_t first = 0, last = 0;  // word indices
  bool collective = false;
};

// Widens a name to the left: "Miljö- och klimatnämnden", "Äldre samt vård-
// och omsorgsnämnden", "Norrvik Energi AB", "Båda socialnämnderna".
std::size_t name_start(std::string_view text, const std::vector<Word>& words, std::size_t head,
                       std::size_t floor, bool collective) {
  const CueList& prose = cues("compilation_prose");
  std::size_t start = head;
  auto joiner = [&](std::size_t i) { return words[i].text == "och" || words[i].text == "samt"; };
  while (start >= floor + 2 && joiner(start - 1) && text.substr(words[start - 2].end, 1) == "-")
    start -= 2;
  if (start < head && start >= floor + 2 && words[start - 1].text == "samt" &&
      upper_initial(text.substr(words[start - 2].begin)))
    start -= 2;
  while (start > floor && upper_initial(text.substr(words[start - 1].begin)) &&
         !has_label_at(prose, words, start - 1, "all") &&
         !has_label_at(prose, words, start - 1, "some") &&
         !has_label_at(prose, words, start - 1, "office") &&
         !has_label_at(prose, words, start - 1, "open") &&
         respondent_category(words[start - 1].text).empty())
    --start;
  if (collective && start > floor && has_label_at(prose, words, start - 1, "all")) --start;
  return start;
}

// The bodies a sentence names before its decision word.
std::vector<Mention> mentions(std::string_view text, const std::vector<Word>& words,
                              std::size_t from, std::size_t until) {
  const CueList& prose = cues("compilation_prose");
  std::vector<Mention> out;
  for (std::size_t i = from; i < until; ++i) {
    bool collective =
        has_label_at(prose, words, i, "collective") || has_label_at(prose, words, i, "everyone");
    if (!collective && !name_head(text, words[i])) continue;
    Mention m;
    m.collective = collective;
    m.first = name_start(text, words, i, out.empty() ? from : out.back().last + 1, collective);
    m.last = i;
    // "flera nämnder", "varav en nämnd": which bodies is left open.
    if (m.first > from && has_label_at(prose, words, m.first - 1, "some")) continue;
    // District or place after the head: "Socialnämnd Sydväst", "(RSG)".
    while (!collective && m.last + 1 < until &&
           upper_initial(text.substr(words[m.last + 1].begin)) &&
           respondent_category(words[m.last + 1].text).empty())
      ++m.last;
    out.push_back(m);
    i = m.last;
  }
  return out;
}

std::string name_text(std::string_view text, const std::vector<Word>& words, const Mention& m) {
  std::size_t begin = words[m.first].begin, end = words[m.last].end;
  // "Räddningstjänsten Storgöteborg (RSG)" keeps its closing parenthesis.
  if (end < text.size() && text[end] == ')' &&
      text.substr(begin, end - begin).find('(') != std::string_view::npos)
    ++end;
  return std::string(text.substr(begin, end - begin));
}

// "Nämnden" at word i points back to the one body named before, when that
// body is a nämnd.
bool points_back(const std::vector<Word>& words, std::size_t i,
                 const std::vector<CompilationRow>& previous) {
  if (previous.size() != 1 || !has_label_at(cues("compilation_prose"), words, i, "anaphor"))
    return false;
  std::string head = base_form(words[i].text);
  auto key = body_key(previous[0].respondent).words;
  return std::any_of(key.begin(), key.end(),
                     [&](const std::string& w) { return w.ends_with(head); });
}

// A sentence that reports no body's decision: a vote, the office's own
// proposal, or a table row read as a sentence ("Grundskolenämnden Avstyrker").
bool not_a_report(std::string_view text, const std::vector<Word>& words,
                  const std::vector<CueMatch>& decisions) {
  for (const CueMatch& m : cues("compilation_prose").find_all(words)) {
    if (m.cue->label == "trap") return true;
    if (m.cue->label == "proposal" && m.first < decisions.front().first) return true;
  }
  return std::any_of(decisions.begin(), decisions.end(), [&](const CueMatch& m) {
    return m.first > 0 && upper_initial(text.substr(words[m.first].begin));
  });
}

// Rows of one sentence: each body with the decision word that follows it.
// `previous` holds the bodies the last decision named, for "Nämnden
// avstyrker ...".
std::vector<CompilationRow> sentence_rows(std::string_view text, const std::string& passage,
                                          std::vector<CompilationRow>& previous) {
  auto words = words_of(text);
  const CueList& prose = cues("compilation_prose");
  std::size_t from = 0;
  if (CueMatch open = longest_at(prose, words, 0, "open"); open.cue) from = open.last + 1;
  if (decision_in_sentence(text).empty()) {
    // "Nämnden" in the next sentence may point back to this one's subject.
    auto subjects = mentions(text, words, from, words.size());
    if (!subjects.empty() && subjects.front().first == from) {
      previous.assign(1, CompilationRow{});
      previous[0].respondent = name_text(text, words, subjects.front());
    }
    return {};
  }
  auto decisions = decision_cues(words);
  if (decisions.empty() || not_a_report(text, words, decisions)) return {};
  std::vector<CompilationRow> out;
  for (const CueMatch& d : decisions) {
    std::vector<CompilationRow> rows;
    for (const Mention& m : mentions(text, words, from, d.first)) {
      CompilationRow row;
      row.respondent = name_text(text, words, m);
      row.collective = m.collective;
      rows.push_back(std::move(row));
    }
    for (std::size_t i = from; rows.empty() && i < d.first; ++i)
      if (points_back(words, i, previous)) rows = previous;
    for (CompilationRow& row : rows) {
      row.decision = d.cue->label;
      row.decision_text =
          std::string(text.substr(words[d.first].begin, words[d.last].end - words[d.first].begin));
      row.comment = std::string(text);
      row.passage = passage;
    }
    if (!rows.empty()) previous = rows;
    out.insert(out.end(), rows.begin(), rows.end());
    from = d.last + 1;
  }
  return out;
}

}  // namespace

std::string table_decision(std::string_view cell) {
  auto words = words_of(cell);
  CueMatch m = longest_at(cues("compilation_decisions"), words, 0);
  return m.cue ? m.cue->label : std::string();
}

std::vector<CompilationRow> parse_compilation(const Document& doc, std::string_view layout) {
  const PassageAt passages(doc);
  const bool need_header = doc.kind != "compilation";
  if (!layout.empty()) {
    auto lines = lines_of(layout, doc.line_start > 0 ? doc.line_start : 1);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      auto columns = header_columns(lines[i]);
      if (columns && columns->size() == 3 && keeps_columns(lines, i, *columns))
        return read_columns(lines, i, *columns, passages);
    }
    return StreamReader(pieces_from(layout_pieces(lines, passages), need_header)).read();
  }
  return StreamReader(pieces_from(passage_pieces(doc), need_header)).read();
}

Poco::JSON::Array::Ptr to_json(const std::vector<CompilationRow>& rows) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
  for (const CompilationRow& r : rows) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("group", r.group);
    o->set("respondent", r.respondent);
    o->set("decision", r.decision);
    o->set("decision_text", r.decision_text);
    o->set("comment", r.comment);
    o->set("passage", r.passage);
    out->add(o);
  }
  return out;
}

std::vector<CompilationRow> office_summary(const Document& doc) {
  std::vector<CompilationRow> out;
  const CueList& prose = cues("compilation_prose");
  bool inside = false;
  auto region = [&](std::string_view text) {
    auto words = words_of(text);
    if (has_label_at(prose, words, 0, "open"))
      inside = true;
    else if (has_label_at(prose, words, 0, "close"))
      inside = false;
  };
  for (const Section& s : doc.sections) {
    if (!s.heading.empty()) region(s.heading);
    for (const Passage& p : s.passages) {
      region(p.text);
      if (!inside) continue;
      std::vector<CompilationRow> previous;
      for (const Sentence& sentence : split_sentences(p.text)) {
        if (sentence.quoted) continue;
        auto rows = sentence_rows(sentence.text, p.id, previous);
        out.insert(out.end(), rows.begin(), rows.end());
      }
    }
  }
  return out;
}

bool same_body(std::string_view a, std::string_view b) {
  // Each name's key once: compile compares every row of every compilation
  // with every response (44% of its time over 200 responses in a 1 GB corpus).
  thread_local std::unordered_map<std::string, BodyKey> keys;
  if (keys.size() > 100000) keys.clear();  // before the lookups: the references stay valid
  auto key_of = [&](std::string_view name) -> const BodyKey& {
    auto it = keys.find(std::string(name));
    if (it == keys.end()) it = keys.emplace(std::string(name), body_key(name)).first;
    return it->second;
  };
  const BodyKey* ka = &key_of(a);
  const BodyKey* kb = &key_of(b);
  if (ka->words.empty() || kb->words.empty()) return false;
  if (ka->words.size() > kb->words.size()) std::swap(ka, kb);
  if (!std::equal(ka->words.begin(), ka->words.end(), kb->words.begin())) {
    // "Äldre samt vård-" is the start of "Äldre samt vård- och omsorgsnämnden".
    std::size_t n = ka->words.size();
    return ka->truncated && std::equal(ka->words.begin(), ka->words.end() - 1, kb->words.begin()) &&
           kb->words[n - 1].starts_with(ka->words[n - 1]);
  }
  // The longer name adds a place: "Brottsofferjouren" = "Brottsofferjouren Norrvik".
  return ka->truncated || std::all_of(kb->upper.begin() + static_cast<long>(ka->words.size()),
                                      kb->upper.end(), [](bool up) { return up; });
}

bool names_body(const CompilationRow& row, std::string_view body) {
  if (!row.collective) return same_body(row.respondent, body);
  std::string stem = collective_stem(row.respondent);
  if (stem.empty()) return false;
  if (stem == "*") return true;
  BodyKey key = body_key(body);
  return std::any_of(key.words.begin(), key.words.end(),
                     [&](const std::string& w) { return w.ends_with(stem); });
}

}  // namespace rk
