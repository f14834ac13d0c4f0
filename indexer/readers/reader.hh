// Readers turn a file's bytes into text or blocks. They never touch Xapian,
// never resolve XML external entities and never use the network. Every
// problem that makes a file unusable is thrown as rk::InputError with a
// reason a person understands ("not a zip archive", "zip bomb: ...").
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "indexer/core/model.hh"

namespace rk {

struct ReadLimits {
  std::size_t max_file_bytes = 256u << 20;      // larger files are refused
  std::size_t max_unpacked_bytes = 256u << 20;  // total for one zip (DOCX/ODT)
  std::size_t max_compression_ratio = 200;      // per zip entry
  int max_xml_depth = 256;                      // deeper nesting is refused
};

// The format a file would be read as, from its name and first bytes:
// "text", "html", "docx", "odt", "pdf", "xml", or "" when we do not read it
// (images, archives we do not know, editor backups).
std::string detect_format(const std::filesystem::path& path, std::string_view head);

// Reads one file. Throws InputError when the file cannot be used.
ReadResult read_document(const std::filesystem::path& path, const ReadLimits& limits = {});

// Same, from bytes in memory; `name` gives the extension. For tests and fuzzing.
ReadResult read_bytes(std::string_view bytes, std::string_view name, const ReadLimits& limits = {});

// Bytes in an unknown 8-bit or UTF-8 encoding to UTF-8. Valid UTF-8 stays as
// it is; UTF-8 with a few stray bytes keeps its valid sequences and reads the
// stray bytes as Windows-1252 ("UTF-8 och windows-1252"); anything else is
// Windows-1252 (a superset of Latin-1 in the printable range). `encoding`
// receives the name of what was detected.
std::string to_utf8(std::string_view bytes, std::string* encoding = nullptr);

}  // namespace rk
