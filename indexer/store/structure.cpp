#include "indexer/store/structure.hh"

#include <cstdio>

#include "indexer/core/text.hh"

namespace rk {

void build_sections(const DocumentPart& part, Document& doc) {
  doc.sections.clear();
  doc.sections.emplace_back();  // text before the first heading
  int ordinal = 0;
  for (const Block& b : part.blocks) {
    if (b.text.empty()) continue;
    if (b.kind == BlockKind::heading) {
      Section s;
      s.heading = b.text;
      s.level = b.level;
      s.page = b.page;
      s.line = b.line_start;
      doc.sections.push_back(std::move(s));
      continue;
    }
    Passage p;
    p.ordinal = ++ordinal;
    p.kind = b.kind;
    p.text = b.text;
    p.page = b.page;
    p.line_start = b.line_start;
    p.line_end = b.line_end;
    doc.sections.back().passages.push_back(std::move(p));
  }
  if (doc.sections.front().passages.empty()) doc.sections.erase(doc.sections.begin());
  renumber_passages(doc);
}

void renumber_passages(Document& doc) {
  for (auto& s : doc.sections) {
    for (auto& p : s.passages) p.id = doc.id + ":p" + std::to_string(p.ordinal);
  }
}

std::string default_doc_id(const std::string& file_stem, int part) {
  std::string id = slug(file_stem);
  if (id.empty()) id = "dokument";
  if (part > 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%02d", part);
    id += buf;
  }
  return id;
}

}  // namespace rk
