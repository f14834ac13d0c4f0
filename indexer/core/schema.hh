// The index schema, declared once and shared by the indexer and the query
// side. Every term prefix, value slot and metadata key lives here.
//
// Records: each document and each passage is one Xapian document.
//   Q<id>            unique id (document id, or passage id "<doc>:p<N>")
//   XTdocument | XTpassage   record type (boolean)
//   XD<doc id>       the document a record belongs to (boolean; also on the document)
//   XK<kind>         document kind: program, policy, response ... (boolean)
//   A<author>        issuing body, as a slug (boolean)
//   Y<yyyy>          year of the document's date (boolean)
//   XF<file key>     the source file (boolean): removing a file removes its records
//   XB<block kind>   passage kind: paragraph, list_item (boolean)
//   XR<mention key>  a passage names a document or law: name_key of the text
//                    as written (boolean; indexer/refs find_mentions)
//   XP<kind>         the record holds personal data of this kind: personnummer,
//                    samordningsnummer, phone, email (boolean; on the passage
//                    and on its document; indexer/privacy kind_code)
//   XA<doc id>       a document answers (responds_to) this one (boolean; on
//                    the document record, written by resolution)
//   XV<doc id>       a document replaces this one (boolean; likewise)
//   XG<doc id>       a document's resolved references name this one (boolean;
//                    likewise): who answers, replaces or names a document is
//                    a posting list, not a scan of every record
//   (no prefix)      passage text, positional; Z<stem> stemmed (Swedish analysis)
//   S / ZS           document title (on the document record only; a title
//                    query filters passages by their documents' XD terms)
// Values: see Slot. Data: the record as JSON (see indexer/core/records.hh);
// a passage's data carries its "mentions", a document's its resolved
// "references" (indexer/store/references.hh, written after every run), and
// one with personal data its "personal_data": [{"kind","passage","begin",
// "end"}], byte offsets into the passage's text.
// Metadata: "schema" = kSchemaVersion; "file:" + file key = FileState;
// kLinkTermsKey = "1" once resolution has written the XA/XV/XG terms (an
// index from before them is resolved again on the next run, and read by
// scanning the records until then).
#pragma once

#include <array>
#include <string_view>

namespace rk::schema {

inline constexpr int kSchemaVersion = 1;
inline constexpr std::string_view kSchemaKey = "remisskoll:schema";
inline constexpr std::string_view kFileKeyPrefix = "remisskoll:file:";
inline constexpr std::string_view kLinkTermsKey = "remisskoll:link-terms";

namespace prefix {
inline constexpr std::string_view id = "Q";
inline constexpr std::string_view type = "XT";
inline constexpr std::string_view doc = "XD";
inline constexpr std::string_view kind = "XK";
inline constexpr std::string_view author = "A";
inline constexpr std::string_view year = "Y";
inline constexpr std::string_view file = "XF";
inline constexpr std::string_view block = "XB";
inline constexpr std::string_view reference = "XR";
inline constexpr std::string_view personal_data = "XP";
inline constexpr std::string_view title = "S";
inline constexpr std::string_view answers = "XA";
inline constexpr std::string_view replaces = "XV";
inline constexpr std::string_view cites = "XG";
}  // namespace prefix

inline constexpr std::string_view kTypeDocument = "document";
inline constexpr std::string_view kTypePassage = "passage";

// Value slots (sortable where it matters).
enum Slot : unsigned {
  kSlotDate = 0,       // "yyyymmdd" string, sorts as text
  kSlotPage = 1,       // sortable_serialise(page)
  kSlotOrdinal = 2,    // sortable_serialise(passage ordinal)
  kSlotDocId = 3,      // document id (collapse key, facets)
  kSlotKind = 4,       // document kind (facet)
  kSlotAuthor = 5,     // author as written (facet)
  kSlotYear = 6,       // "yyyy" (facet)
  kSlotLineStart = 7,  // sortable_serialise(line_start)
  kSlotTitle = 8,      // the document's title, on every record: no record parsed for it
};

// A user's query prefix and the index prefix it maps to (boolean filters).
struct FilterField {
  std::string_view user;
  std::string_view prefix;
};
inline constexpr std::array<FilterField, 5> kFilterFields{{
    {"typ", prefix::kind},
    {"av", prefix::author},
    {"dok", prefix::doc},
    {"år", prefix::year},
    {"personuppgift", prefix::personal_data},
}};

// "titel:" keeps the passages of documents whose title matches.
inline constexpr FilterField kTitleField{"titel", prefix::title};

// Xapian limits terms to 245 bytes; long boolean values are hashed.
inline constexpr std::size_t kMaxTermBytes = 240;

}  // namespace rk::schema
