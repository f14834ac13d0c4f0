// HTML through libxml2's forgiving HTML parser: the page's own text as
// blocks, without navigation, scripts and page furniture.
#include <algorithm>
#include <cctype>
#include <set>

#include <libxml/encoding.h>

#include "indexer/core/error.hh"
#include "indexer/readers/internal.hh"

namespace rk::detail {
namespace {

enum class Role { skip, heading, row, leaf, item, container, line_break, inline_text };

Role role_of(const xmlNode* el) {
  static const std::set<std::string_view> skipped = {"script",   "style", "nav",  "header",
                                                     "footer",   "aside", "form", "noscript",
                                                     "template", "head"};
  static const std::set<std::string_view> leaves = {
      "p", "dt", "dd", "pre", "caption", "figcaption", "summary", "address", "legend"};
  static const std::set<std::string_view> containers = {
      "html",  "body",   "div",     "section",  "article", "main",  "blockquote", "center",
      "ul",    "ol",     "dl",      "menu",     "dir",     "table", "thead",      "tbody",
      "tfoot", "figure", "details", "fieldset", "hr",      "td",    "th"};
  const std::string_view name = local_name(el);
  if (skipped.contains(name) || attribute(el, "role") == "navigation") return Role::skip;
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return Role::heading;
  if (name == "tr") return Role::row;
  if (name == "li") return Role::item;
  if (name == "br") return Role::line_break;
  if (leaves.contains(name)) return Role::leaf;
  if (containers.contains(name)) return Role::container;
  return Role::inline_text;
}

// All text below `node`, with a space wherever a block or a line break
// separates words; skipped elements contribute nothing.
void gather(const xmlNode* node, std::string& out) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_TEXT_NODE && c->content != nullptr) {
      out += reinterpret_cast<const char*>(c->content);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    const Role role = role_of(c);
    if (role == Role::skip) continue;
    if (role != Role::inline_text) out += ' ';
    gather(c, out);
    if (role != Role::inline_text) out += ' ';
  }
}

std::string gathered(const xmlNode* node) {
  std::string text;
  gather(node, text);
  return text;
}

// A text node records the line where it ends; its start is that line less
// the line breaks it holds.
int text_first_line(const xmlNode* text) {
  const std::string_view content = reinterpret_cast<const char*>(text->content);
  const auto breaks = static_cast<int>(std::count(content.begin(), content.end(), '\n'));
  return std::max(1, first_line(text) - breaks);
}

class HtmlWalker {
 public:
  explicit HtmlWalker(ReadResult& result) : result_(result) {}

  void container(const xmlNode* el, BlockKind kind) {
    for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) {
        append(reinterpret_cast<const char*>(c->content), text_first_line(c), first_line(c));
      } else if (c->type == XML_ELEMENT_NODE) {
        element(c, kind);
      }
    }
    flush(kind);
  }

 private:
  void element(const xmlNode* el, BlockKind kind) {
    switch (role_of(el)) {
      case Role::skip:
        return;
      case Role::inline_text:
        append(gathered(el), first_line(el), last_line(el));
        return;
      case Role::line_break:
        append(" ", 0, 0);
        return;
      case Role::heading:
        flush(kind);
        add_block(result_, BlockKind::heading, local_name(el)[1] - '0', gathered(el),
                  first_line(el), last_line(el));
        return;
      case Role::row:
        flush(kind);
        row(el);
        return;
      case Role::leaf:
        flush(kind);
        add_block(result_, kind, 0, gathered(el), first_line(el), last_line(el));
        return;
      case Role::item:
        flush(kind);
        container(el, BlockKind::list_item);
        return;
      case Role::container:
        flush(kind);
        container(el, kind);
        return;
    }
  }

  // One block per table row: a compilation table stays one line per respondent.
  void row(const xmlNode* tr) {
    std::string text;
    bool any = false;
    for (const xmlNode* c = tr->children; c != nullptr; c = c->next) {
      if (!is_element(c, "td") && !is_element(c, "th")) continue;
      const std::string cell = collapse_whitespace(gathered(c));
      if (any) text += " | ";
      text += cell;
      any = true;
    }
    if (text.find_first_not_of(" |") == std::string::npos) return;
    add_block(result_, BlockKind::paragraph, 0, text, first_line(tr), last_line(tr));
  }

  void append(std::string_view text, int line_start, int line_end) {
    if (collapse_whitespace(text).empty()) {
      if (!pending_.empty()) pending_ += ' ';
      return;
    }
    if (pending_first_ == 0) pending_first_ = line_start;
    pending_last_ = std::max(pending_last_, line_end);
    pending_ += text;
  }

  void flush(BlockKind kind) {
    add_block(result_, kind, 0, pending_, pending_first_, pending_last_);
    pending_.clear();
    pending_first_ = pending_last_ = 0;
  }

  ReadResult& result_;
  std::string pending_;
  int pending_first_ = 0;
  int pending_last_ = 0;
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The charset a <meta> tag declares in the first bytes, lower case; "" if none.
std::string declared_charset(std::string_view bytes) {
  const std::string head = lower(bytes.substr(0, 4096));
  for (std::size_t at = head.find("charset"); at != std::string::npos;
       at = head.find("charset", at + 1)) {
    const std::size_t tag = head.rfind('<', at);
    if (tag == std::string::npos || head.compare(tag, 5, "<meta") != 0) continue;
    std::size_t i = at + 7;
    while (i < head.size() && (std::isspace(static_cast<unsigned char>(head[i])) ||
                               head[i] == '=' || head[i] == '"' || head[i] == '\''))
      ++i;
    std::size_t end = i;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                                 head[end] == '-' || head[end] == '_' || head[end] == ':'))
      ++end;
    if (end > i) return head.substr(i, end - i);
  }
  return {};
}

// What to hand the parser and in which encoding. Declared Latin-1 is really
// Windows-1252 (browsers agree), and our own fallback handles it and UTF-8;
// any other charset libxml2 knows it converts itself.
struct HtmlInput {
  std::string bytes;
  std::string parser_encoding = "UTF-8";
};

HtmlInput decode_html(std::string_view bytes, std::string& encoding) {
  static const std::set<std::string_view> ours = {"iso-8859-1", "latin1",       "us-ascii", "ascii",
                                                  "cp1252",     "windows-1252", "utf-8",    "utf8"};
  const std::string charset = declared_charset(bytes);
  if (charset.empty() || ours.contains(charset)) return {to_utf8(bytes, &encoding)};
  xmlCharEncodingHandler* handler = xmlFindCharEncodingHandler(charset.c_str());
  if (handler == nullptr) return {to_utf8(bytes, &encoding)};
  xmlCharEncCloseFunc(handler);
  encoding = charset;
  return {std::string(bytes), charset};
}

void read_head(const xmlNode* html, ReadResult& result) {
  const xmlNode* head = child_element(html, "head");
  if (head == nullptr) return;
  if (const xmlNode* title = child_element(head, "title")) result.title = subtree_text(title);
  for (const xmlNode* c = head->children; c != nullptr; c = c->next) {
    if (!is_element(c, "meta")) continue;
    const std::string name = lower(attribute(c, "name"));
    const std::string content = collapse_whitespace(attribute(c, "content"));
    if (name == "author" && result.author.empty()) result.author = content;
    if ((name == "dc.date" || name == "dcterms.date" || name == "dcterms.created" ||
         name == "date") &&
        result.date.empty())
      result.date = iso_date_prefix(content);
  }
}

}  // namespace

ReadResult read_html(std::string_view bytes, const ReadLimits& limits) {
  ReadResult result;
  result.format = "html";
  const HtmlInput input = decode_html(bytes, result.encoding);
  const XmlDocPtr doc = parse_html(input.bytes, input.parser_encoding, limits);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) throw InputError("HTML-filen innehåller ingen text");
  read_head(root, result);
  HtmlWalker(result).container(root, BlockKind::paragraph);
  if (result.blocks.empty() && result.title.empty())
    throw InputError("HTML-filen innehåller ingen text");
  return result;
}

}  // namespace rk::detail
