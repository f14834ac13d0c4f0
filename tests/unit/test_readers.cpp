// Readers: format detection, decoding, structure from each format, and the
// refusals that keep hostile files out. Every archive and PDF is built in
// memory here, so the tests need no tools and write nothing to disk.
#include <Poco/Checksum.h>
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>
#include <vector>

#include "indexer/core/error.hh"
#include "indexer/readers/reader.hh"

namespace {

using rk::BlockKind;
using Entries = std::vector<std::pair<std::string, std::string>>;

// ------------------------------------------------------------ builders

std::string make_zip(const Entries& entries) {
  std::ostringstream out;
  Poco::Zip::Compress zip(out, true);
  for (const auto& [name, content] : entries) {
    std::istringstream in(content);
    const auto method =
        name == "mimetype" ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE;
    zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX), method);
  }
  zip.close();
  return out.str();
}

void put32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::string le(std::uint32_t v, int bytes) {
  std::string s;
  for (int i = 0; i < bytes; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}

// A one-entry stored zip with any name: Poco refuses to write "../evil".
std::string raw_zip(const std::string& name, const std::string& content) {
  Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
  crc.update(content);
  const auto size = static_cast<std::uint32_t>(content.size());
  const auto name_size = static_cast<std::uint32_t>(name.size());
  const std::string common = le(0, 2) + le(0, 2) + le(0, 2) + le(0, 2) + le(crc.checksum(), 4) +
                             le(size, 4) + le(size, 4) + le(name_size, 2) + le(0, 2);
  const std::string local = "PK\x03\x04" + le(20, 2) + common + name + content;
  const std::string central = std::string("PK\x01\x02") + le(20, 2) + le(20, 2) + common +
                              le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(0, 4) + name;
  const std::string end = std::string("PK\x05\x06") + le(0, 2) + le(0, 2) + le(1, 2) + le(1, 2) +
                          le(static_cast<std::uint32_t>(central.size()), 4) +
                          le(static_cast<std::uint32_t>(local.size()), 4) + le(0, 2);
  return local + central + end;
}

// An endless run of zeros, so a zip bomb can be built without holding it.
class ZeroBuffer : public std::streambuf {
 public:
  explicit ZeroBuffer(std::size_t size) : left_(size), zeros_(64 * 1024, '\0') {}

 protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    const std::size_t n = std::min(left_, zeros_.size());
    left_ -= n;
    setg(zeros_.data(), zeros_.data(), zeros_.data() + n);
    return 0;
  }

 private:
  std::size_t left_;
  std::string zeros_;
};

std::string zeros_zip(const std::string& name, std::size_t size) {
  std::ostringstream out;
  Poco::Zip::Compress zip(out, true);
  ZeroBuffer zeros(size);
  std::istream in(&zeros);
  zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX),
              Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_SUPERFAST);
  zip.close();
  return out.str();
}

const char* const kWordNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string word_document(const std::string& body) {
  return std::string("<?xml version=\"1.0\"?><w:document ") + kWordNs + "><w:body>" + body +
         "</w:body></w:document>";
}

std::string word_paragraph(const std::string& text, const std::string& ppr = "") {
  return "<w:p><w:pPr>" + ppr + "</w:pPr><w:r><w:t xml:space=\"preserve\">" + text +
         "</w:t></w:r></w:p>";
}

std::string docx(const std::string& body, Entries extra = {}) {
  Entries entries = {{"[Content_Types].xml", "<Types/>"},
                     {"word/document.xml", word_document(body)}};
  entries.insert(entries.end(), extra.begin(), extra.end());
  return make_zip(entries);
}

const char* const kOdfNs =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"";

std::string odt(const std::string& text, const std::string& automatic_styles = "",
                const std::string& meta = "") {
  const std::string content = std::string("<?xml version=\"1.0\"?><office:document-content ") +
                              kOdfNs + "><office:automatic-styles>" + automatic_styles +
                              "</office:automatic-styles><office:body><office:text>" + text +
                              "</office:text></office:body></office:document-content>";
  const std::string styles =
      std::string("<office:document-styles ") + kOdfNs +
      "><office:styles><style:style style:name=\"Heading_20_2\" "
      "style:parent-style-name=\"Heading\" style:default-outline-level=\"2\"/>"
      "</office:styles></office:document-styles>";
  const std::string meta_xml = std::string("<office:document-meta ") + kOdfNs + "><office:meta>" +
                               meta + "</office:meta></office:document-meta>";
  return make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                   {"content.xml", content},
                   {"styles.xml", styles},
                   {"meta.xml", meta_xml}});
}

// A minimal PDF with one text line per '\n' of each page, Helvetica in
// WinAnsi so that Latin-1 bytes are Swedish letters. `encrypt` adds a
// Standard security handler whose password is not empty.
std::string make_pdf(const std::vector<std::string>& pages, bool encrypt = false) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Title (Trygghetsprogram) /Author (Stadsledningskontoret) "
      "/CreationDate (D:20230502120000Z) >>"};
  std::string kids;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::size_t page_object = objects.size() + 1;
    kids += std::to_string(page_object) + " 0 R ";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
        "<< /F1 3 0 R >> >> /Contents " +
        std::to_string(page_object + 1) + " 0 R >>");
    std::string stream;
    std::istringstream lines(pages[i]);
    int y = 760;
    for (std::string line; std::getline(lines, line); y -= 20)
      stream += "BT /F1 12 Tf 72 " + std::to_string(y) + " Td (" + line + ") Tj ET\n";
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream +
                      "endstream");
  }
  objects[1] =
      "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  if (encrypt)
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + std::string(64, 'a') +
                      "> /U <" + std::string(64, 'b') + "> >>");
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R /Info 4 0 R";
  if (encrypt)
    pdf += " /Encrypt " + std::to_string(objects.size()) + " 0 R /ID [<" + std::string(32, 'c') +
           "> <" + std::string(32, 'c') + ">]";
  pdf += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

std::string deep_xml(int depth, const std::string& tag = "a") {
  std::string xml;
  for (int i = 0; i < depth; ++i) xml += "<" + tag + ">";
  xml += "x";
  for (int i = 0; i < depth; ++i) xml += "</" + tag + ">";
  return xml;
}

const char* const kBillionLaughs =
    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
    "]><lolz>&lol9;</lolz>";

const char* const kXxe =
    "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
    "<r><p>&xxe;</p></r>";

struct Expected {
  BlockKind kind;
  int level;
  std::string text;
};

void check_blocks(const rk::ReadResult& result, const std::vector<Expected>& expected) {
  REQUIRE(result.blocks.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(result.blocks[i].text == expected[i].text);
    CHECK(result.blocks[i].kind == expected[i].kind);
    CHECK(result.blocks[i].level == expected[i].level);
  }
}

std::string reason_of(const std::string& bytes, const std::string& name,
                      const rk::ReadLimits& limits = {}) {
  try {
    rk::read_bytes(bytes, name, limits);
  } catch (const rk::InputError& e) {
    return e.what();
  }
  return "(read without error)";
}

}  // namespace

// ------------------------------------------------------------ detection

TEST_CASE("detect_format: extension, confirmed or overridden by the first bytes") {
  const std::string odt_head = "PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text";
  const std::string docx_head = "PK\x03\x04....[Content_Types].xml";
  const struct {
    const char* name;
    std::string head;
    const char* format;
  } cases[] = {
      {"a.txt", "Hej", "text"},
      {"A.TXT", "Hej", "text"},
      {"notes.md", "# Hej", ""},  // project notes (README.md) are not documents
      {"a.htm", "<p>x", "html"},
      {"a.xhtml", "<?xml version=\"1.0\"?><html>", "html"},
      {"a.xml", "<?xml version=\"1.0\"?><doc/>", "xml"},
      {"a.txt", "\xEF\xBB\xBF  <!DOCTYPE HTML><html>", "html"},
      {"a.txt", "%PDF-1.7\n", "pdf"},
      {"a.pdf", "%PDF-1.4", "pdf"},
      {"a.docx", docx_head, "docx"},
      {"a.docx", odt_head, "odt"},
      {"a.odt", odt_head, "odt"},
      {"a.odt", docx_head, "docx"},
      {"a.docx", "not a zip", "docx"},
      {"a.jpg", "%PDF-1.4", ""},
      {"a.doc~", "x", ""},
      {"README", "x", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CAPTURE(c.head);
    CHECK(rk::detect_format(c.name, c.head) == c.format);
  }
}

// ------------------------------------------------------------ text

TEST_CASE("to_utf8: UTF-8 stays, anything else is Windows-1252") {
  const struct {
    std::string bytes;
    const char* utf8;
    const char* encoding;
  } cases[] = {
      {"s\xe4kerhet", "säkerhet", "windows-1252"},
      {"\x93"
       "citat\x94 \x96 "
       "f\xf6r",
       "“citat” – för", "windows-1252"},
      {"säkerhet", "säkerhet", "UTF-8"},
      {"plain", "plain", "UTF-8"},
      {"\xed\xa0\x80", "í\xc2\xa0€", "windows-1252"},  // a UTF-16 surrogate is not UTF-8
  };
  for (const auto& c : cases) {
    CAPTURE(c.bytes);
    std::string encoding;
    CHECK(rk::to_utf8(c.bytes, &encoding) == c.utf8);
    CHECK(encoding == c.encoding);
  }
}

TEST_CASE("plain text: BOM, line ends and encoding; layout text for the normaliser") {
  const struct {
    std::string bytes;
    const char* text;
    const char* encoding;
  } cases[] = {
      {"\xEF\xBB\xBFRubrik\r\nText\r\n", "Rubrik\nText\n", "UTF-8"},
      {"a\rb\r\rc", "a\nb\n\nc", "UTF-8"},
      {"Sida 1\fSida 2", "Sida 1\fSida 2", "UTF-8"},
      {"Informationss\xe4kerhet\r\n", "Informationssäkerhet\n", "windows-1252"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.bytes);
    const rk::ReadResult result = rk::read_bytes(c.bytes, "a.txt");
    CHECK(result.format == "text");
    CHECK(result.layout_text);
    CHECK(result.blocks.empty());
    CHECK(result.text == c.text);
    CHECK(result.encoding == c.encoding);
  }
}

// ------------------------------------------------------------ refusals

TEST_CASE("refusals: unusable and hostile files give a short reason") {
  rk::ReadLimits small;
  small.max_file_bytes = 10;
  rk::ReadLimits shallow;
  shallow.max_xml_depth = 4;
  rk::ReadLimits little_unpacked;
  little_unpacked.max_unpacked_bytes = 1000;

  std::string lying = make_zip(
      {{"word/document.xml", word_document(word_paragraph(std::string(200 * 1024, 'x')))}});
  put32(lying, 22, 100);                             // local header: uncompressed size
  put32(lying, lying.find("PK\x01\x02") + 24, 100);  // central directory: the same

  std::string junk(4000, '\x01');
  junk += "some text";

  const struct {
    const char* what;
    std::string bytes;
    const char* name;
    rk::ReadLimits limits;
    const char* reason;
  } cases[] = {
      {"empty", "", "a.txt", {}, "filen är tom"},
      {"too large", "0123456789ab", "a.txt", small, "för stor (12 byte, gränsen är 10 byte)"},
      {"NUL bytes", std::string("text\0more", 9), "a.txt", {}, "binärt innehåll"},
      {"control characters", junk, "a.txt", {}, "binärt innehåll"},
      {"unknown format", "data", "a.jpg", {}, "stöds inte"},
      {"not a zip", "Det här är ingen zip-fil.", "a.docx", {}, "inte ett giltigt zip-arkiv"},
      {"zip without document",
       make_zip({{"x.xml", "<x/>"}}),
       "a.docx",
       {},
       "word/document.xml saknas"},
      {"parent directory", raw_zip("../evil", "x"), "a.docx", {}, "otillåten sökväg"},
      {"nested parent", raw_zip("word/../../evil", "x"), "a.docx", {}, "otillåten sökväg"},
      {"absolute path", raw_zip("/etc/evil", "x"), "a.docx", {}, "otillåten sökväg"},
      {"ratio", zeros_zip("word/document.xml", 4u << 20), "a.docx", {}, "zip-bomb"},
      {"total", docx(word_paragraph(std::string(2000, 'y'))), "a.docx", little_unpacked,
       "zip-bomb: packas upp till"},
      {"declared size exceeded", lying, "a.docx", {}, "större än arkivet uppger"},
      {"XXE in XML", kXxe, "a.xml", {}, "entiteter"},
      {"XXE in DOCX", make_zip({{"word/document.xml", kXxe}}), "a.docx", {}, "entiteter"},
      {"billion laughs", kBillionLaughs, "a.xml", {}, "entiteter"},
      {"deep XML", deep_xml(10000), "a.xml", {}, "djupt nästlad"},
      {"deeper than the limit", deep_xml(5), "a.xml", shallow, "mer än 4 nivåer"},
      {"deep HTML", deep_xml(10000, "div"), "a.html", {}, "djupt nästlad"},
      {"deep DOCX",
       make_zip({{"word/document.xml", deep_xml(10000)}}),
       "a.docx",
       {},
       "djupt nästlad"},
      {"malformed XML", "<a><b></a>", "a.xml", {}, "ogiltig XML"},
      {"encrypted PDF", make_pdf({"Hemligt"}, true), "a.pdf", {}, "PDF-filen är krypterad"},
      {"PDF without text", make_pdf({""}), "a.pdf", {}, "saknar textlager"},
      {"broken PDF", "%PDF-1.4\ngarbage", "a.pdf", {}, "PDF-filen är trasig"},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.what));
    const std::string reason = reason_of(c.bytes, c.name, c.limits);
    CHECK_MESSAGE(reason.find(c.reason) != std::string::npos, reason);
  }
}

TEST_CASE("refusals: 300 MB of zeros in a DOCX is a zip bomb, refused without inflating") {
  const std::string bomb = zeros_zip("word/document.xml", 300u << 20);
  CHECK(bomb.size() < 2u << 20);
  const std::string reason = reason_of(bomb, "bomb.docx");
  CHECK_MESSAGE(reason.find("zip-bomb") != std::string::npos, reason);
}

TEST_CASE("XXE never leaks a local file, in any format") {
  const struct {
    std::string bytes;
    const char* name;
  } cases[] = {
      {kXxe, "a.xml"},
      {"<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><p>&xxe;</p>", "a.html"},
      {make_zip({{"word/document.xml", kXxe}}), "a.docx"},
      {make_zip({{"content.xml", kXxe}}), "a.odt"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    try {
      const rk::ReadResult result = rk::read_bytes(c.bytes, c.name);
      for (const auto& block : result.blocks) CHECK(block.text.find("root:") == std::string::npos);
    } catch (const rk::InputError&) {
      // refusing is as good as not leaking
    }
  }
}

// ------------------------------------------------------------ HTML

TEST_CASE("HTML: blocks, page furniture dropped, tables by row") {
  const struct {
    const char* what;
    std::string html;
    std::vector<Expected> blocks;
  } cases[] = {
      {"headings and paragraphs",
       "<html><body><h1>Trygghets-  program</h1><p>Staden  <b>ska</b>\n arbeta.</p>"
       "<h3>Mål</h3><p>Ett</p></body></html>",
       {{BlockKind::heading, 1, "Trygghets- program"},
        {BlockKind::paragraph, 0, "Staden ska arbeta."},
        {BlockKind::heading, 3, "Mål"},
        {BlockKind::paragraph, 0, "Ett"}}},
      {"furniture dropped",
       "<body><header>Sidhuvud</header><nav>Meny</nav><div role=\"navigation\">Länkar</div>"
       "<script>var x = 1;</script><style>p{}</style><main><p>Innehåll</p></main>"
       "<aside>Puff</aside><form>Sök</form><noscript>JS</noscript><footer>Sidfot</footer></body>",
       {{BlockKind::paragraph, 0, "Innehåll"}}},
      {"lists, nested lists and definitions",
       "<ul><li>Ett<ul><li>Ett a</li></ul></li><li><p>Två</p></li></ul><dl><dt>Posom</dt>"
       "<dd>Psykiskt och socialt omhändertagande</dd></dl>",
       {{BlockKind::list_item, 0, "Ett"},
        {BlockKind::list_item, 0, "Ett a"},
        {BlockKind::list_item, 0, "Två"},
        {BlockKind::paragraph, 0, "Posom"},
        {BlockKind::paragraph, 0, "Psykiskt och socialt omhändertagande"}}},
      {"table rows",
       "<table><tr><th>Remissinstans</th><th>Beslut</th></tr>"
       "<tr><td>Socialnämnd "
       "Centrum</td><td>Tillstyrker</td></tr><tr><td></td><td></td></tr></table>",
       {{BlockKind::paragraph, 0, "Remissinstans | Beslut"},
        {BlockKind::paragraph, 0, "Socialnämnd Centrum | Tillstyrker"}}},
      {"div text outside other blocks, blockquote and pre",
       "<div>Lös text<p>Stycke</p>mer lös text</div><blockquote>Citat</blockquote><pre>a\n  "
       "b</pre>",
       {{BlockKind::paragraph, 0, "Lös text"},
        {BlockKind::paragraph, 0, "Stycke"},
        {BlockKind::paragraph, 0, "mer lös text"},
        {BlockKind::paragraph, 0, "Citat"},
        {BlockKind::paragraph, 0, "a b"}}},
      {"line breaks separate words",
       "<p>rad ett<br>rad&nbsp;två</p>",
       {{BlockKind::paragraph, 0, "rad ett rad två"}}},
      {"Windows-1252 without a declaration",
       "<p>S\xe4kerhet</p>",
       {{BlockKind::paragraph, 0, "Säkerhet"}}},
      {"a charset libxml2 converts",
       "<head><meta charset=\"iso-8859-15\"></head><p>100 \xa4</p>",
       {{BlockKind::paragraph, 0, "100 €"}}},
      {"charset declared in meta",
       "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head>"
       "<p>\x93S\xe4ker\x94</p>",
       {{BlockKind::paragraph, 0, "“Säker”"}}},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.what));
    const rk::ReadResult result = rk::read_bytes(c.html, "a.html");
    CHECK(result.format == "html");
    CHECK_FALSE(result.layout_text);
    check_blocks(result, c.blocks);
  }
}

TEST_CASE("HTML: metadata and source lines") {
  const std::string html =
      "<html><head><title>Säkerhetsprogram</title>\n"               // 1
      "<meta name=\"Author\" content=\"Stadsledningskontoret\">\n"  // 2
      "<meta name=\"DC.date\" content=\"2023-05-02T10:00\"></head>\n"
      "<body>\n"                                              // 4
      "<h2>Inledning</h2>\n"                                  // 5
      "<p>Första\nstycket\nslutar här.</p>\n"                 // 6-8
      "<table>\n<tr><td>A</td>\n<td>B</td></tr>\n</table>\n"  // 9-12
      "</body></html>\n";
  const rk::ReadResult result = rk::read_bytes(html, "a.html");
  CHECK(result.title == "Säkerhetsprogram");
  CHECK(result.author == "Stadsledningskontoret");
  CHECK(result.date == "2023-05-02");
  CHECK(result.encoding == "UTF-8");
  const struct { int start, end; } lines[] = {{5, 5}, {6, 8}, {10, 11}};
  REQUIRE(result.blocks.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(result.blocks[i].text);
    CHECK(result.blocks[i].line_start == lines[i].start);
    CHECK(result.blocks[i].line_end == lines[i].end);
  }
}

// ------------------------------------------------------------ DOCX

TEST_CASE("DOCX: styles to headings and lists, tables, footnotes, properties") {
  const std::string styles =
      std::string("<w:styles ") + kWordNs +
      ">"
      "<w:style w:type=\"paragraph\" w:styleId=\"Rubrik1\"><w:name w:val=\"heading 1\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Rubrik2\"><w:name w:val=\"Rubrik 2\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Egen\"><w:name w:val=\"Min rubrik\"/>"
      "<w:basedOn w:val=\"Rubrik2\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Liststycke\"><w:name w:val=\"List "
      "Paragraph\"/></w:style>"
      "</w:styles>";
  const std::string footnotes = std::string("<w:footnotes ") + kWordNs +
                                ">"
                                "<w:footnote w:type=\"separator\" "
                                "w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
                                "<w:footnote w:id=\"1\"><w:p><w:r><w:t>Se Riktlinje för krisstöd "
                                "2020.</w:t></w:r></w:p></w:footnote>"
                                "</w:footnotes>";
  const std::string core =
      "<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">"
      "<dc:title>Program för trygghet</dc:title><dc:creator>Anna Andersson</dc:creator>"
      "<dcterms:created>2023-05-02T10:00:00Z</dcterms:created></cp:coreProperties>";
  const std::string body =
      word_paragraph("Program för trygghet", "<w:pStyle w:val=\"Title\"/>") +
      word_paragraph("Inledning", "<w:pStyle w:val=\"Rubrik1\"/>") +
      "<w:p><w:r><w:t>Staden</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">ska "
      "</w:t></w:r><w:del><w:r><w:delText>inte</w:delText></w:r></w:del><w:r><w:t>arbeta</w:t>"
      "<w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t>.</w:t></w:r></w:p>" +
      word_paragraph("Mål", "<w:pStyle w:val=\"Rubrik2\"/>") +
      word_paragraph("Egen rubrik", "<w:pStyle w:val=\"Egen\"/>") +
      word_paragraph("Punkt ett",
                     "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>") +
      word_paragraph("Punkt två", "<w:pStyle w:val=\"Liststycke\"/>") +
      word_paragraph("Dold struktur", "<w:outlineLvl w:val=\"2\"/>") + "<w:tbl><w:tr><w:tc>" +
      word_paragraph("Remissinstans") + "</w:tc><w:tc>" + word_paragraph("Beslut") +
      "</w:tc></w:tr><w:tr><w:tc>" + word_paragraph("Miljönämnden") + "</w:tc><w:tc>" +
      word_paragraph("Tillstyrker") + word_paragraph("delvis") + "</w:tc></w:tr></w:tbl>" +
      "<w:sdt><w:sdtContent>" + word_paragraph("I innehållskontroll") + "</w:sdtContent></w:sdt>";
  const std::string bytes = docx(body, {{"word/styles.xml", styles},
                                        {"word/footnotes.xml", footnotes},
                                        {"docProps/core.xml", core}});
  const rk::ReadResult result = rk::read_bytes(bytes, "program.docx");
  CHECK(result.format == "docx");
  CHECK_FALSE(result.layout_text);
  CHECK(result.title == "Program för trygghet");
  CHECK(result.author == "Anna Andersson");
  CHECK(result.date == "2023-05-02");
  check_blocks(result, {{BlockKind::heading, 1, "Program för trygghet"},
                        {BlockKind::heading, 1, "Inledning"},
                        {BlockKind::paragraph, 0, "Staden ska arbeta."},
                        {BlockKind::heading, 2, "Mål"},
                        {BlockKind::heading, 2, "Egen rubrik"},
                        {BlockKind::list_item, 0, "Punkt ett"},
                        {BlockKind::list_item, 0, "Punkt två"},
                        {BlockKind::heading, 3, "Dold struktur"},
                        {BlockKind::paragraph, 0, "Remissinstans | Beslut"},
                        {BlockKind::paragraph, 0, "Miljönämnden | Tillstyrker delvis"},
                        {BlockKind::paragraph, 0, "I innehållskontroll"},
                        {BlockKind::paragraph, 0, "Se Riktlinje för krisstöd 2020."}});
}

// ------------------------------------------------------------ ODT

TEST_CASE("ODT: headings, heading styles, lists, tables, notes after their paragraph") {
  const std::string automatic =
      "<style:style style:name=\"P1\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Heading_20_2\"/>"
      "<style:style style:name=\"P2\" style:family=\"paragraph\" "
      "style:parent-style-name=\"Text_20_body\"/>";
  const std::string text =
      "<text:h text:outline-level=\"1\">Inledning</text:h>"
      "<text:p text:style-name=\"P2\">Staden<text:s/>ska<text:tab/>arbeta"
      "<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
      "<text:note-body><text:p>Se Krisplan 2019.</text:p></text:note-body></text:note>.</text:p>"
      "<text:p text:style-name=\"P1\">Genom automatisk stil</text:p>"
      "<text:list><text:list-item><text:p>Punkt ett</text:p>"
      "<text:list><text:list-item><text:p>Punkt ett a</text:p></text:list-item></text:list>"
      "</text:list-item></text:list>"
      "<table:table><table:table-row><table:table-cell><text:p>Remissinstans</text:p>"
      "</table:table-cell><table:table-cell><text:p>Beslut</text:p></table:table-cell>"
      "</table:table-row></table:table>"
      "<text:section><text:p>I sektion</text:p></text:section>";
  const std::string meta =
      "<dc:title>Krisplan</dc:title><dc:creator>Bo Berg</dc:creator>"
      "<dc:date>2024-01-15T09:00:00</dc:date>";
  const rk::ReadResult result = rk::read_bytes(odt(text, automatic, meta), "plan.odt");
  CHECK(result.format == "odt");
  CHECK(result.title == "Krisplan");
  CHECK(result.author == "Bo Berg");
  CHECK(result.date == "2024-01-15");
  check_blocks(result, {{BlockKind::heading, 1, "Inledning"},
                        {BlockKind::paragraph, 0, "Staden ska arbeta."},
                        {BlockKind::paragraph, 0, "Se Krisplan 2019."},
                        {BlockKind::heading, 2, "Genom automatisk stil"},
                        {BlockKind::list_item, 0, "Punkt ett"},
                        {BlockKind::list_item, 0, "Punkt ett a"},
                        {BlockKind::paragraph, 0, "Remissinstans | Beslut"},
                        {BlockKind::paragraph, 0, "I sektion"}});
}

// ------------------------------------------------------------ PDF

TEST_CASE("PDF: text of every page in layout order, pages split by form feeds") {
  const rk::ReadResult result = rk::read_bytes(
      make_pdf({"Trygghetsprogram\nS\xe4kerhet f\xf6r alla", "Sida tv\xe5"}), "a.pdf");
  CHECK(result.format == "pdf");
  CHECK(result.layout_text);
  CHECK(result.title == "Trygghetsprogram");
  CHECK(result.author == "Stadsledningskontoret");
  CHECK(result.date == "2023-05-02");
  const auto form_feed = result.text.find('\f');
  REQUIRE(form_feed != std::string::npos);
  CHECK(result.text.find('\f', form_feed + 1) == std::string::npos);
  const std::string first = result.text.substr(0, form_feed);
  CHECK(first.find("Trygghetsprogram") < first.find("Säkerhet för alla"));
  CHECK(first.find("Säkerhet för alla") != std::string::npos);
  CHECK(result.text.substr(form_feed).find("Sida två") != std::string::npos);
}

// ------------------------------------------------------------ XML

TEST_CASE("XML: text-bearing elements as blocks, heading-like names as headings") {
  const std::string xml =
      "<?xml version=\"1.0\"?>\n"                                  // 1
      "<dokument>\n"                                               // 2
      "<title>Dagvattenpolicy</title>\n"                           // 3
      "<avsnitt><rubrik2>Syfte</rubrik2>\n"                        // 4
      "<stycke>Policyn <em>ska</em>\nstyra.</stycke></avsnitt>\n"  // 5-6
      "<tom/>\n"
      "</dokument>\n";
  const rk::ReadResult result = rk::read_bytes(xml, "a.xml");
  CHECK(result.format == "xml");
  CHECK(result.title == "Dagvattenpolicy");
  check_blocks(result, {{BlockKind::heading, 1, "Dagvattenpolicy"},
                        {BlockKind::heading, 2, "Syfte"},
                        {BlockKind::paragraph, 0, "Policyn ska styra."}});
  CHECK(result.blocks[0].line_start == 3);
  CHECK(result.blocks[2].line_start == 5);
  CHECK(result.blocks[2].line_end == 6);
}

// ------------------------------------------------------------ threads

TEST_CASE("readers give the same results from several threads at once") {
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"<h1>Rubrik</h1><p>Text</p>", "a.html"}, {docx(word_paragraph("Stycke")), "a.docx"},
      {"<r><p>Text</p></r>", "a.xml"},          {"<a><b></a>", "bad.xml"},
      {make_pdf({"En sida"}), "a.pdf"},
  };
  auto digest = [&](std::size_t i) {
    try {
      const rk::ReadResult r = rk::read_bytes(inputs[i].first, inputs[i].second);
      std::string out = r.text;
      for (const auto& b : r.blocks) out += "|" + b.text;
      return out;
    } catch (const rk::InputError& e) {
      return std::string("error: ") + e.what();
    }
  };
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < inputs.size(); ++i) expected.push_back(digest(i));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round)
        for (std::size_t i = 0; i < inputs.size(); ++i)
          if (digest(i) != expected[i]) ++mismatches[t];
    });
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) CHECK(m == 0);
}

// ------------------------------------------------------------ real files

TEST_CASE("every file of the sample corpus reads without error") {
  const std::filesystem::path corpus = std::filesystem::path(RK_SOURCE_DIR) / "corpus";
  if (!std::filesystem::exists(corpus)) {
    MESSAGE("no corpus/ yet; skipped");
    return;
  }
  int read = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
    if (!entry.is_regular_file()) continue;
    std::string head(4096, '\0');
    std::ifstream in(entry.path(), std::ios::binary);
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (rk::detect_format(entry.path(), head).empty()) continue;
    CAPTURE(entry.path().string());
    CHECK_NOTHROW(rk::read_document(entry.path()));
    ++read;
  }
  MESSAGE("corpus files read: " << read);
}

TEST_CASE("real Göteborg case files read as UTF-8 layout text") {
  const std::filesystem::path root = std::filesystem::path(RK_SHARED_DIR) / "realdata" / "goteborg";
  if (!std::filesystem::exists(root)) {
    MESSAGE("no realdata; skipped");
    return;
  }
  int read = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".txt") continue;
    CAPTURE(entry.path().string());
    const rk::ReadResult result = rk::read_document(entry.path());
    CHECK(result.layout_text);
    CHECK(result.encoding == "UTF-8");
    CHECK(result.text.find('\r') == std::string::npos);
    CHECK_FALSE(result.text.empty());
    ++read;
  }
  CHECK(read > 0);
}
