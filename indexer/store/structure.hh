// From the blocks of one logical document to the stored structure:
// sections (by heading) holding passages (paragraphs, list items), each
// passage with its stable id, page and source lines.
#pragma once

#include <string>

#include "indexer/core/model.hh"

namespace rk {

// Builds sections and passages; passage ids are "<doc_id>:p<ordinal>".
void build_sections(const DocumentPart& part, Document& doc);

// Re-numbers passage ids after the document's id changed (manifest, clash).
void renumber_passages(Document& doc);

// The id a file (and part) gets when the manifest gives none.
std::string default_doc_id(const std::string& file_stem, int part);

}  // namespace rk
