// Rendering: one result model (the format-1 JSON the CLI prints), many
// renderings through the logic-less Mustache templates in templates/.
// The templates are compiled into the binary (query/embed_templates.cmake);
// $REMISSKOLL_TEMPLATES may name a folder whose files take precedence, so
// that a template can be edited without rebuilding.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rk {

// The templates compiled in, by file name (generated source).
const std::map<std::string, std::string_view>& embedded_templates();

// Renders templates/<name> with `model`. Every {{value}} is escaped for the
// template's language: HTML entities for .html, .css and .xml, backslashes
// for .md. Files whose names start with "_" are partials ({{>_top.html}}).
// Throws std::runtime_error for an unknown or malformed template.
std::string render(const std::string& name, const Poco::JSON::Object::Ptr& model);

std::string html_escape(std::string_view text);
std::string markdown_escape(std::string_view text);

// A search snippet (HTML with <mark>) rebuilt from its text: whatever else it
// holds is escaped, so only <mark> and </mark> survive as markup.
std::string safe_snippet(const std::string& snippet_html);

// A span of a plain text to mark, in bytes.
struct Mark {
  std::size_t begin = 0, end = 0;
  std::string css_class;  // class of the <mark>
  std::string href;       // wraps the mark in a link when set
  std::string title;      // the mark's tooltip
};

// The text escaped, then the spans marked (overlapping spans: the first wins).
std::string mark_text(const std::string& text, std::vector<Mark> marks);

// Every occurrence of `needle` in `text` (case as written), as marks.
std::vector<Mark> find_marks(const std::string& text, const std::string& needle, const Mark& style);

// Replaces the personal data (indexer/privacy redact) in every string of
// the model but its ids and links: what `--redact` does to the models of
// show, report, compile and the server's downloads before they are rendered.
void redact_model(Poco::JSON::Object::Ptr model);

// Swedish labels for the model's codes (kinds, stances, decisions, coverage,
// finding types); the code itself when it has none.
std::string swedish_label(const std::string& code);

}  // namespace rk
