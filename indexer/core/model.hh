// The domain model shared by every stage of the indexer and by the query side.
// Stages hand each other these plain values; none of them knows Xapian,
// libxml2 or poppler types.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rk {

// What a block of text is in its document.
enum class BlockKind { heading, paragraph, list_item };

const char* to_string(BlockKind kind);

// program, plan, policy, guideline or strategy: a document that governs.
bool is_steering_kind(std::string_view kind);

// One unit of text as a reader or the normaliser found it: a heading, a
// paragraph or a list item, with where it came from in the source file so
// that a finding built on it can be checked by a person.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;       // heading level 1..6; 0 when unknown
  std::string text;    // UTF-8, whitespace collapsed, artefacts removed
  int page = 1;        // 1-based page (form feeds in text, pages in PDF)
  int line_start = 0;  // 1-based first line in the source file; 0 = unknown
  int line_end = 0;    // 1-based last line in the source file; 0 = unknown
};

// What a reader returns. Layout text (plain text files, PDF text, text from
// a format with no structure) still needs the normaliser; structured formats
// (HTML, DOCX, ODT, XML) give blocks directly.
struct ReadResult {
  std::string format;                 // text | html | docx | odt | pdf | xml
  std::string encoding;               // the source encoding, e.g. UTF-8, windows-1252
  std::string title;                  // from the file's own metadata, if any
  std::string author;                 // from the file's own metadata, if any
  std::string date;                   // ISO yyyy-mm-dd from the file's metadata, if any
  bool layout_text = false;           // true: `text` holds lines to normalise
  std::string text;                   // UTF-8 with '\n' lines and '\f' page breaks
  std::vector<Block> blocks;          // when !layout_text
  std::vector<std::string> warnings;  // non-fatal problems worth a line
};

// The kinds of document we tell apart (issue 2's list; JSON values as is).
// program | plan | policy | guideline | strategy | motion | staff_report |
// response | compilation | decision | minutes | statement | other

// One logical document: a whole file, or one part of a council bundle.
struct DocumentPart {
  std::string title;
  std::string kind = "other";
  std::string author;             // the issuing body
  std::string date;               // ISO yyyy-mm-dd or empty
  std::string responds_to_title;  // what a response answers, as written
  std::string replaces_title;     // what a new version replaces, as written
  std::vector<Block> blocks;
  int line_start = 0;  // 1-based, in the source file
  int line_end = 0;
};

struct Passage {
  std::string id;   // "<doc id>:p<ordinal>", stable while the file is unchanged
  int ordinal = 0;  // 1-based within the document
  BlockKind kind = BlockKind::paragraph;
  std::string text;
  int page = 1;
  int line_start = 0;
  int line_end = 0;
};

struct Section {
  std::string heading;  // empty for text before the first heading
  int level = 0;
  int page = 1;
  int line = 0;  // line of the heading in the source file
  std::vector<Passage> passages;
};

// A document as it is stored and shown.
struct Document {
  std::string id;
  std::string title;
  std::string kind = "other";
  std::string author;
  std::string date;
  std::string responds_to;  // document id once resolved, else empty
  std::string replaces;     // document id once resolved, else empty
  std::string responds_to_title;
  std::string replaces_title;
  std::vector<std::string> aliases;          // other names (manifest), for references
  std::vector<std::string> manifest_fields;  // fields the manifest set (never re-inferred)
  std::string source_path;                   // as given on the command line, relative if it was
  std::string format;
  int part = 0;  // 0 for a whole file, 1.. for parts of a bundle
  int line_start = 0;
  int line_end = 0;
  std::vector<Section> sections;
  // The document's own lines of layout text (runs of spaces kept), for the
  // readers of tables (indexer/consult/compilation.hh). Kept only for
  // compilations and staff reports, never stored.
  std::string layout;
};

}  // namespace rk
