#include "query/render.hh"

#include "indexer/privacy/privacy.hh"

#include <Poco/JSON/Array.h>
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace rk {

namespace mu = kainjow::mustache;

namespace {

mu::data to_data(const Poco::Dynamic::Var& v);

mu::data object_data(const Poco::JSON::Object::Ptr& obj) {
  mu::data out{mu::data::type::object};
  for (const auto& [key, value] : *obj) {
    out.set(key, to_data(value));
    // Mustache cannot ask whether a list is empty around the list: has_KEY can.
    if (value.type() == typeid(Poco::JSON::Array::Ptr))
      out.set("has_" + key, mu::data{value.extract<Poco::JSON::Array::Ptr>()->size() > 0});
  }
  return out;
}

// JSON to Mustache: null, false and "" are falsy, an empty list renders nothing,
// numbers and strings are text; a list KEY comes with a boolean has_KEY.
mu::data to_data(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return mu::data{false};
  if (v.type() == typeid(Poco::JSON::Object::Ptr))
    return object_data(v.extract<Poco::JSON::Object::Ptr>());
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
    mu::data list{mu::data::type::list};
    for (const auto& item : *v.extract<Poco::JSON::Array::Ptr>()) list.push_back(to_data(item));
    return list;
  }
  if (v.type() == typeid(bool)) return mu::data{v.extract<bool>()};
  const std::string text = v.convert<std::string>();
  return text.empty() ? mu::data{false} : mu::data{text};
}

// A template edited in $REMISSKOLL_TEMPLATES wins over the compiled-in copy.
std::string template_text(const std::string& name) {
  if (const char* dir = std::getenv("REMISSKOLL_TEMPLATES"); dir && *dir) {
    std::ifstream in(std::filesystem::path(dir) / name, std::ios::binary);
    if (in) {
      std::ostringstream s;
      s << in.rdbuf();
      return s.str();
    }
  }
  const auto& all = embedded_templates();
  auto it = all.find(name);
  if (it == all.end()) throw std::runtime_error("okänd mall: " + name);
  return std::string(it->second);
}

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The entities a snippet may carry (Xapian's and ours), back to characters.
std::string html_unescape(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""},
      {"&#39;", "'"}, {"&apos;", "'"}, {"&amp;", "&"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool replaced = false;
    for (const auto& [entity, ch] : kEntities) {
      if (s.substr(i, entity.size()) == entity) {
        out += ch;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += s[i++];
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Markdown's punctuation and the HTML it would pass through, escaped with a
// backslash; newlines become spaces so a value never breaks a table row.
std::string markdown_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string render(const std::string& name, const Poco::JSON::Object::Ptr& model) {
  mu::mustache tmpl{template_text(name)};
  if (!tmpl.is_valid()) throw std::runtime_error("mallen " + name + ": " + tmpl.error_message());
  if (ends_with(name, ".md"))
    tmpl.set_custom_escape([](const std::string& s) { return markdown_escape(s); });
  else
    tmpl.set_custom_escape([](const std::string& s) { return html_escape(s); });
  mu::data data = object_data(model);
  for (const auto& [partial, text] : embedded_templates()) {
    if (partial.front() != '_') continue;
    data.set(partial, mu::partial{[partial = partial] { return template_text(partial); }});
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::runtime_error("mallen " + name + ": " + tmpl.error_message());
  return out;
}

std::string safe_snippet(const std::string& snippet_html) {
  static const std::string kOpen = "<mark>", kClose = "</mark>";
  std::string out;
  bool marked = false;
  for (std::size_t pos = 0; pos < snippet_html.size();) {
    const std::string& tag = marked ? kClose : kOpen;
    std::size_t next = snippet_html.find(tag, pos);
    if (next == std::string::npos) next = snippet_html.size();
    std::string text =
        html_escape(html_unescape(std::string_view(snippet_html).substr(pos, next - pos)));
    out += marked && !text.empty() ? kOpen + text + kClose : text;
    if (next == snippet_html.size()) break;
    pos = next + tag.size();
    marked = !marked;
  }
  return out;
}

std::string mark_text(const std::string& text, std::vector<Mark> marks) {
  std::stable_sort(marks.begin(), marks.end(),
                   [](const Mark& a, const Mark& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t pos = 0;
  for (const auto& m : marks) {
    if (m.begin < pos || m.end <= m.begin || m.end > text.size()) continue;
    out += html_escape(std::string_view(text).substr(pos, m.begin - pos));
    std::string open = "<mark";
    if (!m.css_class.empty()) open += " class=\"" + html_escape(m.css_class) + "\"";
    if (!m.title.empty()) open += " title=\"" + html_escape(m.title) + "\"";
    std::string inner = open + ">" +
                        html_escape(std::string_view(text).substr(m.begin, m.end - m.begin)) +
                        "</mark>";
    out += m.href.empty() ? inner : "<a href=\"" + html_escape(m.href) + "\">" + inner + "</a>";
    pos = m.end;
  }
  out += html_escape(std::string_view(text).substr(pos));
  return out;
}

std::vector<Mark> find_marks(const std::string& text, const std::string& needle,
                             const Mark& style) {
  std::vector<Mark> out;
  if (needle.empty()) return out;
  for (std::size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + needle.size())) {
    Mark m = style;
    m.begin = pos;
    m.end = pos + needle.size();
    out.push_back(m);
  }
  return out;
}

namespace {

// Keys whose strings are ids or links: left as they are, so that a redacted
// report still links to its sources. Ids are made of file names, in which
// a number never starts a token (indexer/privacy starts_token).
bool names_an_id(const std::string& key) {
  static const std::set<std::string> kIds = {
      "id",       "doc",      "passage", "program", "response", "target", "responds_to",
      "replaces", "revision", "first",   "joined",  "anchor",   "format"};
  return kIds.count(key) > 0 || key.ends_with("href");
}

Poco::Dynamic::Var redacted(const Poco::Dynamic::Var& value);

void redact_array(Poco::JSON::Array::Ptr array) {
  const std::vector<Poco::Dynamic::Var> values(array->begin(), array->end());
  array->clear();
  for (const auto& v : values) array->add(redacted(v));
}

Poco::Dynamic::Var redacted(const Poco::Dynamic::Var& value) {
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    redact_model(value.extract<Poco::JSON::Object::Ptr>());
  } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    redact_array(value.extract<Poco::JSON::Array::Ptr>());
  } else if (value.isString()) {
    return privacy::redact(value.extract<std::string>());
  }
  return value;
}

}  // namespace

void redact_model(Poco::JSON::Object::Ptr model) {
  if (!model) return;
  for (const auto& key : model->getNames())
    if (!names_an_id(key)) model->set(key, redacted(model->get(key)));
}

std::string swedish_label(const std::string& code) {
  static const std::map<std::string, std::string> kLabels = {
      // document kinds
      {"program", "program"},
      {"plan", "plan"},
      {"policy", "policy"},
      {"guideline", "riktlinje"},
      {"strategy", "strategi"},
      {"motion", "motion"},
      {"staff_report", "tjänsteutlåtande"},
      {"response", "remissvar"},
      {"compilation", "sammanställning"},
      {"decision", "beslut"},
      {"minutes", "protokoll"},
      {"statement", "yttrande"},
      {"other", "övrigt"},
      // decisions
      {"tillstyrker", "tillstyrker"},
      {"avstyrker", "avstyrker"},
      {"tillstyrker_delvis", "tillstyrker delvis"},
      {"inga_synpunkter", "inga synpunkter"},
      {"avstar", "avstår"},
      {"ej_angiven", "ej angivet"},
      // stances
      {"positive", "positiv"},
      {"critical", "kritisk"},
      {"proposal", "förslag"},
      {"question", "fråga"},
      {"neutral", "neutral"},
      // coverage and revision
      {"absent", "saknas"},
      {"mentioned", "nämns"},
      {"developed", "utvecklat"},
      {"taken_up", "tillgodosett i revideringen"},
      {"not_taken_up", "inte tillgodosett"},
      // respondent categories
      {"district_committee", "stadsdelsnämnd"},
      {"specialist_committee", "facknämnd"},
      {"company", "bolag"},
      {"council", "råd"},
      {"union", "fackförbund"},
      {"organisation", "organisation"},
      // findings
      {"missing_reference", "saknad hänvisning"},
      {"mention_only", "nämns endast"},
      {"unresolved", "okänd hänvisning"},
      {"superseded", "ersatt dokument"},
      {"resolved", "hänvisning"},
      {"several_names", "flera namn"},
      {"mixed_in_document", "blandade namn i samma dokument"},
      {"deprecated_term", "avrådd term"},
  };
  auto it = kLabels.find(code);
  return it == kLabels.end() ? code : it->second;
}

}  // namespace rk
