// Shared by the readers, not part of the stage's interface: one reader per
// format and the safe libxml2 plumbing they all use.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

#include "indexer/readers/reader.hh"

namespace rk::detail {

// --- one reader per format; each fills a ReadResult or throws InputError ---
ReadResult read_text(std::string_view bytes);
ReadResult read_html(std::string_view bytes, const ReadLimits& limits);
ReadResult read_docx(std::string_view bytes, const ReadLimits& limits);
ReadResult read_odt(std::string_view bytes, const ReadLimits& limits);
ReadResult read_pdf(std::string_view bytes);
ReadResult read_xml(std::string_view bytes, const ReadLimits& limits);

// True when the bytes look like a binary file rather than text.
bool looks_binary(std::string_view bytes);

// "12 byte" / "300,0 MB": sizes in messages for people.
std::string human_size(std::size_t bytes);

// --- libxml2 ---
struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocFree>;

// Parses XML with no network, no entity substitution, no DTD loading and
// libxml2's size and amplification limits left on. Refuses documents that
// declare entities and documents nested deeper than limits.max_xml_depth.
// `what` names the part in messages ("word/document.xml").
XmlDocPtr parse_xml(std::string_view bytes, const ReadLimits& limits, std::string_view what);

// Parses HTML in `encoding` leniently; refuses nesting deeper than the limit.
XmlDocPtr parse_html(std::string_view bytes, const std::string& encoding, const ReadLimits& limits);

// Throws InputError when an element is nested deeper than max_depth.
void check_depth(const xmlNode* root, int max_depth);

// The element's local name ("p" for <w:p>); empty for non-elements.
std::string_view local_name(const xmlNode* node);
bool is_element(const xmlNode* node, std::string_view name);
// Attribute by local name, ignoring its namespace; empty when absent.
std::string attribute(const xmlNode* node, std::string_view name);
// The first child element with this local name, or nullptr.
const xmlNode* child_element(const xmlNode* node, std::string_view name);
// All text below `node` (xmlNodeGetContent), whitespace collapsed.
std::string subtree_text(const xmlNode* node);

// 1-based source lines covered by a node: its own line and the largest line
// of any node below it (libxml2 records a text node's last line).
int first_line(const xmlNode* node);
int last_line(const xmlNode* node);

// --- text helpers ---
// Runs of whitespace (including NBSP) to one space, trimmed.
std::string collapse_whitespace(std::string_view text);
// "2023-05-02T10:00:00Z" -> "2023-05-02"; "" when it does not start with a date.
std::string iso_date_prefix(std::string_view text);
// Longer paragraphs are cut at a space into several: a file of one huge line
// or one huge text node would otherwise be one passage of any size.
inline constexpr std::size_t kMaxParagraphBytes = 32 * 1024;
// Where to cut `text` to keep at most `limit` bytes: after the last space or
// tab, else before a UTF-8 character; text.size() when it fits.
std::size_t paragraph_cut(std::string_view text, std::size_t limit);
// Appends a block unless its text is empty after collapsing whitespace;
// cuts paragraphs longer than kMaxParagraphBytes.
void add_block(ReadResult& result, BlockKind kind, int level, std::string_view text,
               int line_start = 0, int line_end = 0);

}  // namespace rk::detail
