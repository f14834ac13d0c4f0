// Format detection and dispatch to the reader for each format.
#include "indexer/readers/reader.hh"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>

#include "indexer/core/error.hh"
#include "indexer/readers/internal.hh"

namespace rk {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string format_from_extension(const std::filesystem::path& path) {
  static const std::map<std::string, std::string> by_extension = {
      {".txt", "text"},  {".text", "text"}, {".html", "html"}, {".htm", "html"}, {".xhtml", "html"},
      {".docx", "docx"}, {".odt", "odt"},   {".pdf", "pdf"},   {".xml", "xml"}};
  const auto it = by_extension.find(lower(path.extension().string()));
  return it != by_extension.end() ? it->second : "";
}

// A zip's first entries tell an OpenDocument text (its "mimetype" entry comes
// first, uncompressed) from an Office Open XML package.
std::string sniff_zip(std::string_view head, const std::string& by_extension) {
  if (head.find("application/vnd.oasis.opendocument.text") != std::string_view::npos) return "odt";
  if (head.find("[Content_Types].xml") != std::string_view::npos ||
      head.find("word/") != std::string_view::npos)
    return "docx";
  return by_extension;
}

std::string_view skip_bom_and_space(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front())))
    head.remove_prefix(1);
  return head;
}

std::string read_file(const std::filesystem::path& path, const ReadLimits& limits) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw InputError("kan inte läsas: " + error.message());
  if (size > limits.max_file_bytes)
    throw InputError("filen är för stor (" + detail::human_size(size) + ", gränsen är " +
                     detail::human_size(limits.max_file_bytes) + ")");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("kan inte öppnas");
  std::string bytes(size, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return bytes;
}

}  // namespace

std::string detect_format(const std::filesystem::path& path, std::string_view head) {
  const std::string by_extension = format_from_extension(path);
  if (by_extension.empty()) return "";
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "pdf";
  if (head.starts_with("PK\x03\x04")) return sniff_zip(head, by_extension);
  const std::string start = lower(skip_bom_and_space(head).substr(0, 512));
  if (start.starts_with("<!doctype html") || start.starts_with("<html")) return "html";
  if (start.starts_with("<?xml"))
    return by_extension == "html" || start.find("<html") != std::string::npos ? "html" : "xml";
  return by_extension;
}

ReadResult read_bytes(std::string_view bytes, std::string_view name, const ReadLimits& limits) {
  if (bytes.size() > limits.max_file_bytes)
    throw InputError("filen är för stor (" + detail::human_size(bytes.size()) + ", gränsen är " +
                     detail::human_size(limits.max_file_bytes) + ")");
  if (bytes.empty()) throw InputError("filen är tom");
  const std::string format = detect_format(std::filesystem::path(name), bytes.substr(0, 4096));
  if (format == "text") return detail::read_text(bytes);
  if (format == "html") return detail::read_html(bytes, limits);
  if (format == "docx") return detail::read_docx(bytes, limits);
  if (format == "odt") return detail::read_odt(bytes, limits);
  if (format == "pdf") return detail::read_pdf(bytes);
  if (format == "xml") return detail::read_xml(bytes, limits);
  throw InputError("filformatet stöds inte");
}

ReadResult read_document(const std::filesystem::path& path, const ReadLimits& limits) {
  const std::string bytes = read_file(path, limits);
  return read_bytes(bytes, path.filename().string(), limits);
}

}  // namespace rk
