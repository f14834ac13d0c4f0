// Safe libxml2 plumbing shared by the HTML, DOCX, ODT and XML readers, and
// the generic XML reader itself.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <mutex>

#include "indexer/core/error.hh"
#include "indexer/readers/internal.hh"

namespace rk::detail {
namespace {

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Routes libxml2's messages to this object instead of stderr while it lives.
// libxml2 is built with threads, so the handlers are per thread: two readers
// on two threads do not see each other's messages.
class ErrorCapture {
 public:
  ErrorCapture()
      : old_structured_(xmlStructuredError),
        old_structured_ctx_(xmlStructuredErrorContext),
        old_generic_(xmlGenericError),
        old_generic_ctx_(xmlGenericErrorContext) {
    xmlSetStructuredErrorFunc(this, &ErrorCapture::on_error);
    xmlSetGenericErrorFunc(this, &ErrorCapture::on_generic);
  }
  ~ErrorCapture() {
    xmlSetStructuredErrorFunc(old_structured_ctx_, old_structured_);
    xmlSetGenericErrorFunc(old_generic_ctx_, old_generic_);
  }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // The first error worth showing, e.g. "rad 3: Opening and ending tag mismatch".
  const std::string& first() const { return first_; }

 private:
  static void on_error(void* self, xmlErrorPtr error) {
    auto* capture = static_cast<ErrorCapture*>(self);
    if (error == nullptr || error->level < XML_ERR_ERROR || !capture->first_.empty()) return;
    std::string message = error->message != nullptr ? error->message : "okänt fel";
    while (!message.empty() && std::isspace(static_cast<unsigned char>(message.back())))
      message.pop_back();
    capture->first_ = "rad " + std::to_string(error->line) + ": " + message;
  }
  static void on_generic(void*, const char*, ...) {}

  xmlStructuredErrorFunc old_structured_;
  void* old_structured_ctx_;
  xmlGenericErrorFunc old_generic_;
  void* old_generic_ctx_;
  std::string first_;
};

bool declares_entities(const xmlDoc* doc) {
  if (doc->intSubset == nullptr) return false;
  for (const xmlNode* n = doc->intSubset->children; n != nullptr; n = n->next)
    if (n->type == XML_ENTITY_DECL) return true;
  return false;
}

int checked_size(std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw InputError("filen är för stor för XML-tolken");
  return static_cast<int>(bytes.size());
}

std::string depth_reason(int max_depth) {
  return "för djupt nästlad (mer än " + std::to_string(max_depth) + " nivåer)";
}

}  // namespace

XmlDocPtr parse_xml(std::string_view bytes, const ReadLimits& limits, std::string_view what) {
  init_libxml();
  ErrorCapture capture;
  // No XML_PARSE_NOENT, DTDLOAD or HUGE: entities stay unexpanded, nothing
  // is fetched, and libxml2 keeps its own depth and amplification limits.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  XmlDocPtr doc(xmlReadMemory(bytes.data(), checked_size(bytes), nullptr, nullptr, options));
  if (doc == nullptr) {
    // libxml2 stops at its own depth limit before our walk could.
    if (capture.first().find("Excessive depth") != std::string::npos)
      throw InputError(
          std::string(what) + " är " +
          depth_reason(std::min(limits.max_xml_depth, static_cast<int>(xmlParserMaxDepth))));
    if (capture.first().find("entity") != std::string::npos)
      throw InputError(std::string(what) + " har entiteter som inte går att lösa upp (" +
                       capture.first() + ")");
    throw InputError("ogiltig XML i " + std::string(what) + " (" + capture.first() + ")");
  }
  if (declares_entities(doc.get()))
    throw InputError(std::string(what) +
                     " deklarerar egna entiteter i DOCTYPE, vilket inte tillåts");
  check_depth(xmlDocGetRootElement(doc.get()), limits.max_xml_depth);
  return doc;
}

XmlDocPtr parse_html(std::string_view bytes, const std::string& encoding,
                     const ReadLimits& limits) {
  init_libxml();
  ErrorCapture capture;
  const int options =
      HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER;
  XmlDocPtr doc(
      htmlReadMemory(bytes.data(), checked_size(bytes), nullptr, encoding.c_str(), options));
  if (doc == nullptr) throw InputError("ogiltig HTML (" + capture.first() + ")");
  check_depth(xmlDocGetRootElement(doc.get()), limits.max_xml_depth);
  return doc;
}

// Iterative, because the tree may be deeper than the stack allows.
void check_depth(const xmlNode* root, int max_depth) {
  if (root == nullptr) return;
  const xmlNode* stop = root->parent;
  const xmlNode* node = root;
  int depth = 1;
  while (true) {
    if (node->type == XML_ELEMENT_NODE && depth > max_depth)
      throw InputError("dokumentet är " + depth_reason(max_depth));
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      ++depth;
      continue;
    }
    while (node->next == nullptr) {
      node = node->parent;
      --depth;
      if (node == nullptr || node == stop) return;
    }
    node = node->next;
  }
}

std::string_view local_name(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
  return reinterpret_cast<const char*>(node->name);
}

bool is_element(const xmlNode* node, std::string_view name) { return local_name(node) == name; }

std::string attribute(const xmlNode* node, std::string_view name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (reinterpret_cast<const char*>(a->name) != name) continue;
    xmlChar* value = xmlNodeListGetString(node->doc, a->children, 1);
    std::string result = value != nullptr ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return result;
  }
  return {};
}

const xmlNode* child_element(const xmlNode* node, std::string_view name) {
  if (node == nullptr) return nullptr;
  for (const xmlNode* c = node->children; c != nullptr; c = c->next)
    if (is_element(c, name)) return c;
  return nullptr;
}

std::string subtree_text(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content != nullptr ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return collapse_whitespace(text);
}

int first_line(const xmlNode* node) {
  const long line = xmlGetLineNo(node);
  return line > 0 && line < INT_MAX ? static_cast<int>(line) : 0;
}

int last_line(const xmlNode* node) {
  int last = first_line(node);
  for (const xmlNode* c = node->children; c != nullptr; c = c->next)
    last = std::max(last, last_line(c));
  return last;
}

}  // namespace rk::detail

// ---------------------------------------------------------------- generic XML
namespace rk::detail {
namespace {

bool has_direct_text(const xmlNode* el) {
  for (const xmlNode* c = el->children; c != nullptr; c = c->next) {
    if (c->type != XML_TEXT_NODE || c->content == nullptr) continue;
    if (!collapse_whitespace(reinterpret_cast<const char*>(c->content)).empty()) return true;
  }
  return false;
}

bool has_child_elements(const xmlNode* el) {
  for (const xmlNode* c = el->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return true;
  return false;
}

// "title", "rubrik2", "heading", "h3", "head" -> level (1 when no digit); 0 otherwise.
int heading_level(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t end = lower.size();
  while (end > 0 && std::isdigit(static_cast<unsigned char>(lower[end - 1]))) --end;
  const std::string base = lower.substr(0, end);
  const bool digits = end < lower.size();
  if (base == "title" || base == "head" || base == "heading" || base == "rubrik" ||
      (base == "h" && digits)) {
    const int level = digits ? std::atoi(lower.c_str() + end) : 1;
    return level >= 1 && level <= 6 ? level : 1;
  }
  return 0;
}

// A block is an element with mixed content or with text only; elements that
// hold only elements are walked into.
void collect_xml_blocks(const xmlNode* el, ReadResult& result) {
  if (has_direct_text(el) || !has_child_elements(el)) {
    const int level = heading_level(local_name(el));
    const std::string text = subtree_text(el);
    if (level > 0 && result.title.empty() && local_name(el) == "title") result.title = text;
    add_block(result, level > 0 ? BlockKind::heading : BlockKind::paragraph, level, text,
              first_line(el), last_line(el));
    return;
  }
  for (const xmlNode* c = el->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE) collect_xml_blocks(c, result);
}

}  // namespace

ReadResult read_xml(std::string_view bytes, const ReadLimits& limits) {
  const XmlDocPtr doc = parse_xml(bytes, limits, "XML-filen");
  ReadResult result;
  result.format = "xml";
  result.encoding =
      doc->encoding != nullptr ? reinterpret_cast<const char*>(doc->encoding) : "UTF-8";
  if (const xmlNode* root = xmlDocGetRootElement(doc.get())) collect_xml_blocks(root, result);
  if (result.blocks.empty()) throw InputError("XML-filen innehåller ingen text");
  return result;
}

}  // namespace rk::detail
