// DOCX and ODT: zip packages of XML. The package is read in memory only,
// with every entry's name, size and compression ratio checked, and the
// inflated bytes counted as they come (headers can lie).
#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <streambuf>
#include <vector>

#include "indexer/core/error.hh"
#include "indexer/readers/internal.hh"

namespace rk::detail {
namespace {

// A seekable read-only stream over bytes we already hold, so that the zip
// is never copied or written anywhere.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // never written through: get area only
    setg(begin, begin, begin + bytes.size());
  }

 protected:
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    off_type base = 0;
    if (dir == std::ios_base::cur) base = gptr() - eback();
    if (dir == std::ios_base::end) base = egptr() - eback();
    return seekpos(pos_type(base + off), std::ios_base::in);
  }
  pos_type seekpos(pos_type pos, std::ios_base::openmode) override {
    if (pos < 0 || pos > egptr() - eback()) return pos_type(off_type(-1));
    setg(eback(), eback() + off_type(pos), egptr());
    return pos;
  }
};

// Entries smaller than this cannot amplify enough to matter, and small
// padded parts of real documents may compress extremely well.
constexpr std::uint64_t kRatioCheckFloor = 1u << 20;

bool unsafe_entry_name(const std::string& name) {
  if (name.empty() || name[0] == '/' || name[0] == '\\') return true;
  if (name.size() > 1 && name[1] == ':') return true;  // C:\...
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find_first_of("/\\", start), name.size());
    if (name.compare(start, end - start, "..") == 0 && end - start == 2) return true;
    start = end + 1;
  }
  return false;
}

std::string ratio_reason(const std::string& name, std::uint64_t unpacked, std::uint64_t packed) {
  return "zip-bomb: " + name + " packas upp " +
         std::to_string(unpacked / std::max<std::uint64_t>(packed, 1)) +
         " gånger större än den packade storleken";
}

class ZipPackage {
 public:
  ZipPackage(std::string_view bytes, const ReadLimits& limits)
      : buffer_(bytes), stream_(&buffer_), limits_(limits) {
    open(bytes);
    check_entries();
  }

  // The entry's bytes, or nothing when the package has no such entry.
  std::optional<std::string> read(const std::string& name) {
    const auto found = std::find_if(archive_->fileInfoBegin(), archive_->fileInfoEnd(),
                                    [&](const auto& entry) { return entry.first == name; });
    const auto header = archive_->findHeader(name);
    if (found == archive_->fileInfoEnd() || header == archive_->headerEnd()) return std::nullopt;
    try {
      stream_.clear();
      Poco::Zip::ZipInputStream in(stream_, header->second, true);
      return inflate(in, name, found->second.getUncompressedSize(),
                     found->second.getCompressedSize());
    } catch (const Poco::Exception& e) {
      throw InputError("trasigt zip-arkiv: " + name + " går inte att packa upp (" + e.message() +
                       ")");
    }
  }

 private:
  void open(std::string_view bytes) {
    // Poco reads anything without a local header as an empty archive.
    if (!bytes.starts_with("PK\x03\x04")) throw InputError("inte ett giltigt zip-arkiv");
    try {
      archive_ = std::make_unique<Poco::Zip::ZipArchive>(stream_);
    } catch (const Poco::Exception& e) {
      // Poco refuses "../" and absolute names while parsing; say which.
      const std::string message = e.message();
      if (message.find("Illegal entry name") != std::string::npos)
        throw InputError("otillåten sökväg i zip-arkivet (" +
                         message.substr(message.find("name") + 5) + ")");
      throw InputError("inte ett giltigt zip-arkiv");
    }
  }

  void check_entries() const {
    std::uint64_t total = 0;
    for (auto it = archive_->fileInfoBegin(); it != archive_->fileInfoEnd(); ++it) {
      const Poco::Zip::ZipFileInfo& entry = it->second;
      if (unsafe_entry_name(it->first))
        throw InputError("otillåten sökväg i zip-arkivet: " + it->first);
      if (entry.isEncrypted()) throw InputError("zip-arkivet är krypterat");
      const std::uint64_t unpacked = entry.getUncompressedSize();
      if (unpacked >= kRatioCheckFloor &&
          unpacked / std::max<std::uint64_t>(entry.getCompressedSize(), 1) >
              limits_.max_compression_ratio)
        throw InputError(ratio_reason(it->first, unpacked, entry.getCompressedSize()));
      total += unpacked;
    }
    if (total > limits_.max_unpacked_bytes) throw InputError(total_reason(total));
  }

  std::string total_reason(std::uint64_t total) const {
    return "zip-bomb: packas upp till " + human_size(total) + " (gränsen är " +
           human_size(limits_.max_unpacked_bytes) + ")";
  }

  std::string inflate(std::istream& in, const std::string& name, std::uint64_t declared,
                      std::uint64_t packed) {
    std::string out;
    char chunk[64 * 1024];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
      const auto got = static_cast<std::size_t>(in.gcount());
      out.append(chunk, got);
      unpacked_ += got;
      if (out.size() > declared)
        throw InputError("zip-bomb: " + name + " är större än arkivet uppger");
      if (unpacked_ > limits_.max_unpacked_bytes) throw InputError(total_reason(unpacked_));
      if (out.size() >= kRatioCheckFloor &&
          out.size() / std::max<std::uint64_t>(packed, 1) > limits_.max_compression_ratio)
        throw InputError(ratio_reason(name, out.size(), packed));
    }
    return out;
  }

  ViewBuffer buffer_;
  std::istream stream_;
  ReadLimits limits_;
  std::unique_ptr<Poco::Zip::ZipArchive> archive_;
  std::size_t unpacked_ = 0;
};

// --------------------------------------------------------------- shared

std::string squeeze(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != ' ' && c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Heading 2", "heading2", "Rubrik 3", "Heading_20_2" -> 2; "Title", "Rubrik",
// "Heading" -> 1; anything else -> 0.
int heading_level_of_style(std::string_view style) {
  std::string name = squeeze(style);
  if (const auto at = name.find("20");
      at != std::string::npos && name.starts_with("heading") && at == 7)
    name.erase(at, 2);  // ODF writes spaces in style names as "_20_"
  if (name == "title" || name == "rubrik" || name == "heading") return 1;
  for (const std::string_view prefix : {"heading", "rubrik"}) {
    if (!name.starts_with(prefix) || name.size() != prefix.size() + 1) continue;
    const char digit = name.back();
    if (digit >= '1' && digit <= '9') return std::min(digit - '0', 6);
  }
  return 0;
}

std::string joined_row(const std::vector<std::string>& cells) {
  std::string text;
  for (std::size_t i = 0; i < cells.size(); ++i) text += (i > 0 ? " | " : "") + cells[i];
  return text.find_first_not_of(" |") == std::string::npos ? std::string() : text;
}

// --------------------------------------------------------------- DOCX

struct ParagraphStyle {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;
};

struct WordStyle {
  std::string name, based_on;
  int outline_level = 0;  // 1-based; 0 = none
  bool numbered = false;
};

// styleId -> what its paragraphs are, following w:basedOn so that a house
// style built on "Heading 1" is a heading too.
std::map<std::string, ParagraphStyle> word_styles(const xmlNode* root) {
  std::map<std::string, WordStyle> raw;
  for (const xmlNode* s = root != nullptr ? root->children : nullptr; s != nullptr; s = s->next) {
    if (!is_element(s, "style") || attribute(s, "type") != "paragraph") continue;
    WordStyle style;
    style.name = attribute(child_element(s, "name"), "val");
    style.based_on = attribute(child_element(s, "basedOn"), "val");
    const xmlNode* ppr = child_element(s, "pPr");
    if (const xmlNode* outline = child_element(ppr, "outlineLvl"))
      style.outline_level = std::atoi(attribute(outline, "val").c_str()) + 1;
    style.numbered = child_element(ppr, "numPr") != nullptr;
    raw[attribute(s, "styleId")] = style;
  }
  std::map<std::string, ParagraphStyle> styles;
  for (const auto& [id, first] : raw) {
    ParagraphStyle result;
    const WordStyle* style = &first;
    std::string style_id = id;
    for (int hops = 0; style != nullptr && hops < 10; ++hops) {
      int level = heading_level_of_style(style->name);
      if (level == 0) level = heading_level_of_style(style_id);
      if (level == 0 && style->outline_level >= 1 && style->outline_level <= 9)
        level = std::min(style->outline_level, 6);
      if (level > 0) {
        result = {BlockKind::heading, level};
        break;
      }
      if (style->numbered || squeeze(style->name).find("list") != std::string::npos)
        result.kind = BlockKind::list_item;
      const auto parent = raw.find(style->based_on);
      style_id = style->based_on;
      style = parent != raw.end() && !style->based_on.empty() ? &parent->second : nullptr;
    }
    styles[id] = result;
  }
  return styles;
}

// A paragraph's visible text: runs, tabs and breaks, without deleted text,
// field codes or the fallback copy of alternate content.
void word_text(const xmlNode* node, std::string& out) {
  for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
    const std::string_view name = local_name(c);
    if (name.empty() || name == "delText" || name == "instrText" || name == "Fallback" ||
        name == "del" || name == "pPr" || name == "rPr")
      continue;
    if (name == "t") {
      xmlChar* text = xmlNodeGetContent(c);
      out += reinterpret_cast<const char*>(text);
      xmlFree(text);
    } else if (name == "tab" || name == "br" || name == "cr" || name == "p") {
      out += ' ';
    } else if (name == "noBreakHyphen") {
      out += '-';
    }
    word_text(c, out);
  }
}

std::string word_text(const xmlNode* node) {
  std::string text;
  word_text(node, text);
  return text;
}

class DocxWalker {
 public:
  DocxWalker(ReadResult& result, const std::map<std::string, ParagraphStyle>& styles)
      : result_(result), styles_(styles) {}

  void walk(const xmlNode* parent) {
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
      const std::string_view name = local_name(c);
      if (name == "p") {
        paragraph(c);
      } else if (name == "tbl") {
        table(c);
      } else if (name == "sdt") {
        if (const xmlNode* content = child_element(c, "sdtContent")) walk(content);
      } else if (name == "customXml" || name == "ins") {
        walk(c);
      }
    }
  }

 private:
  void paragraph(const xmlNode* p) {
    const xmlNode* ppr = child_element(p, "pPr");
    ParagraphStyle style;
    if (const auto it = styles_.find(attribute(child_element(ppr, "pStyle"), "val"));
        it != styles_.end())
      style = it->second;
    if (const xmlNode* outline = child_element(ppr, "outlineLvl");
        outline && style.kind != BlockKind::heading) {
      const int level = std::atoi(attribute(outline, "val").c_str()) + 1;
      if (level >= 1 && level <= 9) style = {BlockKind::heading, std::min(level, 6)};
    }
    if (style.kind == BlockKind::paragraph && child_element(ppr, "numPr") != nullptr)
      style.kind = BlockKind::list_item;
    add_block(result_, style.kind, style.level, word_text(p));
  }

  void table(const xmlNode* tbl) {
    for (const xmlNode* tr = tbl->children; tr != nullptr; tr = tr->next) {
      if (!is_element(tr, "tr")) continue;
      std::vector<std::string> cells;
      for (const xmlNode* tc = tr->children; tc != nullptr; tc = tc->next)
        if (is_element(tc, "tc")) cells.push_back(collapse_whitespace(word_text(tc)));
      add_block(result_, BlockKind::paragraph, 0, joined_row(cells));
    }
  }

  ReadResult& result_;
  const std::map<std::string, ParagraphStyle>& styles_;
};

// Footnotes and endnotes carry references; each becomes a paragraph at the end.
void word_notes(const xmlNode* root, ReadResult& result) {
  for (const xmlNode* note = root != nullptr ? root->children : nullptr; note != nullptr;
       note = note->next) {
    const std::string type = attribute(note, "type");
    if (!is_element(note, "footnote") && !is_element(note, "endnote")) continue;
    if (!type.empty() && type != "normal") continue;  // separators
    add_block(result, BlockKind::paragraph, 0, word_text(note));
  }
}

void docx_properties(const xmlNode* root, ReadResult& result) {
  for (const xmlNode* c = root != nullptr ? root->children : nullptr; c != nullptr; c = c->next) {
    const std::string_view name = local_name(c);
    if (name == "title") result.title = subtree_text(c);
    if (name == "creator") result.author = subtree_text(c);
    if (name == "created") result.date = iso_date_prefix(subtree_text(c));
  }
}

const xmlNode* root_of(const XmlDocPtr& doc) { return xmlDocGetRootElement(doc.get()); }

}  // namespace

ReadResult read_docx(std::string_view bytes, const ReadLimits& limits) {
  ZipPackage zip(bytes, limits);
  const auto document = zip.read("word/document.xml");
  if (!document) throw InputError("inte en Word-fil: word/document.xml saknas");
  std::map<std::string, ParagraphStyle> styles;
  if (const auto xml = zip.read("word/styles.xml"))
    styles = word_styles(root_of(parse_xml(*xml, limits, "word/styles.xml")));

  ReadResult result;
  result.format = "docx";
  result.encoding = "UTF-8";
  const XmlDocPtr doc = parse_xml(*document, limits, "word/document.xml");
  if (const xmlNode* body = child_element(root_of(doc), "body"))
    DocxWalker(result, styles).walk(body);
  for (const char* part : {"word/footnotes.xml", "word/endnotes.xml"})
    if (const auto xml = zip.read(part)) word_notes(root_of(parse_xml(*xml, limits, part)), result);
  if (const auto xml = zip.read("docProps/core.xml"))
    docx_properties(root_of(parse_xml(*xml, limits, "docProps/core.xml")), result);
  return result;
}

// ---------------------------------------------------------------- ODT
namespace {

struct OdfStyle {
  std::string parent;
  int outline_level = 0;
};

void odf_styles(const xmlNode* container, std::map<std::string, OdfStyle>& styles) {
  for (const xmlNode* s = container != nullptr ? container->children : nullptr; s != nullptr;
       s = s->next) {
    if (!is_element(s, "style")) continue;
    OdfStyle style;
    style.parent = attribute(s, "parent-style-name");
    style.outline_level = std::atoi(attribute(s, "default-outline-level").c_str());
    styles[attribute(s, "name")] = style;
  }
}

class OdtWalker {
 public:
  OdtWalker(ReadResult& result, const std::map<std::string, OdfStyle>& styles)
      : result_(result), styles_(styles) {}

  void walk(const xmlNode* parent, BlockKind kind) {
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
      const std::string_view name = local_name(c);
      if (name == "h") {
        const int level = std::atoi(attribute(c, "outline-level").c_str());
        paragraph(c, BlockKind::heading, std::clamp(level, 1, 6));
      } else if (name == "p") {
        const int level = style_heading_level(attribute(c, "style-name"));
        paragraph(c, level > 0 ? BlockKind::heading : kind, level);
      } else if (name == "list-item" || name == "list-header") {
        walk(c, BlockKind::list_item);
      } else if (name == "table-row") {
        row(c);
      } else if (name == "list" || name == "section" || name == "table" || name == "table-rows" ||
                 name == "table-header-rows" || name == "table-row-group") {
        walk(c, kind);
      }
    }
  }

 private:
  // A paragraph style counts as a heading when it or a style it derives
  // from is named like one ("Heading", "Heading_20_2", "Title", "Rubrik").
  int style_heading_level(std::string name) const {
    for (int hops = 0; !name.empty() && hops < 10; ++hops) {
      const auto it = styles_.find(name);
      const int level = heading_level_of_style(name);
      if (level > 0) {
        const int outline = it != styles_.end() ? it->second.outline_level : 0;
        return outline >= 1 && outline <= 6 ? outline : level;
      }
      if (it == styles_.end()) return 0;
      name = it->second.parent;
    }
    return 0;
  }

  // Text of a paragraph; its notes go to `notes` instead of into the text.
  void text(const xmlNode* node, std::string& out, std::vector<std::string>& notes) const {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) {
        out += reinterpret_cast<const char*>(c->content);
        continue;
      }
      const std::string_view name = local_name(c);
      if (name == "note") {
        notes.push_back(subtree_text(child_element(c, "note-body")));
      } else if (name == "s" || name == "tab" || name == "line-break" || name == "p" ||
                 name == "h") {
        out += ' ';
        text(c, out, notes);
      } else if (!name.empty() && name != "annotation" && name != "note-citation") {
        text(c, out, notes);
      }
    }
  }

  void paragraph(const xmlNode* p, BlockKind kind, int level) {
    std::string body;
    std::vector<std::string> notes;
    text(p, body, notes);
    add_block(result_, kind, level, body);
    for (const std::string& note : notes) add_block(result_, BlockKind::paragraph, 0, note);
  }

  void row(const xmlNode* tr) {
    std::vector<std::string> cells;
    for (const xmlNode* c = tr->children; c != nullptr; c = c->next) {
      if (!is_element(c, "table-cell")) continue;
      std::string cell;
      std::vector<std::string> notes;
      text(c, cell, notes);
      cells.push_back(collapse_whitespace(cell));
    }
    add_block(result_, BlockKind::paragraph, 0, joined_row(cells));
  }

  ReadResult& result_;
  const std::map<std::string, OdfStyle>& styles_;
};

void odt_properties(const xmlNode* root, ReadResult& result) {
  const xmlNode* meta = child_element(root, "meta");
  for (const xmlNode* c = meta != nullptr ? meta->children : nullptr; c != nullptr; c = c->next) {
    const std::string_view name = local_name(c);
    if (name == "title") result.title = subtree_text(c);
    if (name == "creator" || (name == "initial-creator" && result.author.empty()))
      result.author = subtree_text(c);
    if (name == "date" || (name == "creation-date" && result.date.empty()))
      result.date = iso_date_prefix(subtree_text(c));
  }
}

}  // namespace

ReadResult read_odt(std::string_view bytes, const ReadLimits& limits) {
  ZipPackage zip(bytes, limits);
  const auto content = zip.read("content.xml");
  if (!content) throw InputError("inte en OpenDocument-fil: content.xml saknas");
  std::map<std::string, OdfStyle> styles;
  if (const auto xml = zip.read("styles.xml")) {
    const XmlDocPtr doc = parse_xml(*xml, limits, "styles.xml");
    odf_styles(child_element(root_of(doc), "styles"), styles);
  }
  const XmlDocPtr doc = parse_xml(*content, limits, "content.xml");
  odf_styles(child_element(root_of(doc), "automatic-styles"), styles);

  ReadResult result;
  result.format = "odt";
  result.encoding = "UTF-8";
  if (const xmlNode* text = child_element(child_element(root_of(doc), "body"), "text"))
    OdtWalker(result, styles).walk(text, BlockKind::paragraph);
  if (const auto xml = zip.read("meta.xml"))
    odt_properties(root_of(parse_xml(*xml, limits, "meta.xml")), result);
  return result;
}

}  // namespace rk::detail
