// PDF through poppler-cpp: the text layer of every page, in layout order,
// pages separated by form feeds, for the normaliser to turn into blocks.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <ctime>
#include <memory>
#include <mutex>

#include "indexer/core/error.hh"
#include "indexer/readers/internal.hh"

namespace rk::detail {
namespace {

// poppler reports every oddity of a damaged file on stderr; the reasons we
// act on come from its return values instead.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

std::string iso_date(time_t when) {
  if (when == static_cast<time_t>(-1) || when == 0) return {};
  std::tm parts{};
  if (gmtime_r(&when, &parts) == nullptr) return {};
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts);
  return buffer;
}

bool has_visible_text(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f") != std::string_view::npos;
}

// physical_layout keeps the lines of a page as they stand (like `pdftotext
// -layout`), which is what the normaliser expects and keeps table columns.
std::string page_text(const poppler::document& doc, int index) {
  const std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (page == nullptr) return {};
  std::string text = utf8(page->text(page->page_rect(), poppler::page::physical_layout));
  std::erase(text, '\f');  // page breaks are ours to place
  std::erase(text, '\r');
  return text;
}

}  // namespace

ReadResult read_pdf(std::string_view bytes) {
  silence_poppler();
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) throw InputError("PDF-filen är för stor");
  const std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (doc == nullptr) throw InputError("kan inte läsas: PDF-filen är trasig");
  if (doc->is_locked()) throw InputError("kan inte läsas: PDF-filen är krypterad");

  ReadResult result;
  result.format = "pdf";
  result.encoding = "UTF-8";
  result.layout_text = true;
  result.title = collapse_whitespace(utf8(doc->info_key("Title")));
  result.author = collapse_whitespace(utf8(doc->info_key("Author")));
  result.date = iso_date(doc->info_date_t("CreationDate"));
  if (doc->is_encrypted()) result.warnings.push_back("PDF-filen är krypterad men går att läsa");

  bool any_text = false;
  for (int i = 0; i < doc->pages(); ++i) {
    if (i > 0) result.text += '\f';
    const std::string text = page_text(*doc, i);
    any_text = any_text || has_visible_text(text);
    result.text += text;
  }
  if (!any_text) throw InputError("PDF-filen saknar textlager (skannad?)");
  return result;
}

}  // namespace rk::detail
