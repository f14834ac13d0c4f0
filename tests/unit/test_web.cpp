// The web interface over HTTP and the reports: a server on an ephemeral port
// over the sample corpus plus a hostile document, fetched with Poco's client.
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "indexer/core/error.hh"
#include "query/consult.hh"
#include "query/render.hh"
#include "query/report.hh"
#include "query/server.hh"
#include "temp_index.hh"

namespace fs = std::filesystem;
using namespace rk;

namespace {

// The corpus and one policy whose title is markup, indexed once.
struct Fixture {
  test::TempDir input;
  std::unique_ptr<test::IndexedTree> tree;
  std::unique_ptr<WebServer> server;
  Fixture() {
    fs::copy(fs::path(RK_SOURCE_DIR) / "corpus", input.path / "corpus",
             fs::copy_options::recursive);
    std::ofstream(input.path / "corpus" / "program" / "skript.txt")
        << "<script>alert(1)</script> Policy för skript & citat\n\n"
           "Policyn gäller <b>alla</b> nämnder och anger hur skriptfrågor hanteras.\n";
    tree = std::make_unique<test::IndexedTree>(input.path / "corpus");
    ServeOptions opt;
    opt.db = (tree->tmp.path / "db").string();
    opt.port = 0;
    server = std::make_unique<WebServer>(opt);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

struct Got {
  int status;
  std::string type, body, disposition;
};

Got get(const std::string& uri) {
  Poco::Net::HTTPClientSession session("127.0.0.1", fixture().server->port());
  Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_GET, uri,
                             Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  std::istream& in = session.receiveResponse(resp);
  Got g{resp.getStatus(), resp.getContentType(), "", resp.get("Content-Disposition", "")};
  Poco::StreamCopier::copyToString(in, g.body);
  return g;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("pages: status, type and content") {
  struct Case {
    std::string uri;
    int status;
    std::string type, must_hold;
  };
  const Case cases[] = {
      {"/", 200, "text/html", "Dokument i indexet"},
      {"/?q=posom", 200, "text/html", "<mark>Posom</mark>"},
      {"/?q=posom&sida=2", 200, "text/html", "rel=\"prev\""},
      {"/?q=posom+typ%3Aprogram", 200, "text/html", "aria-current=\"true\""},
      {"/doc/trygghetsprogram-2027", 200, "text/html", "class=\"passage"},
      {"/doc/trygghetsprogram-2027", 200, "text/html", "<mark class=\"ref ref-"},
      {"/doc/remissvar-socialnamnden", 200, "text/html", "badge stance-critical"},
      {"/program/trygghetsprogram-2027", 200, "text/html", "Sammanställning av remissvar"},
      {"/program/trygghetsprogram-2027", 200, "text/html", "class=\"gap\""},
      {"/refs", 200, "text/html", "<svg"},
      {"/refs", 200, "text/html", "/doc/informationssakerhetspolicy"},
      {"/terms", 200, "text/html", "Posom"},
      {"/style.css", 200, "text/css", ":focus-visible"},
      {"/api/search?q=posom", 200, "application/json", "\"hits\""},
      {"/api/doc/posom-riktlinje", 200, "application/json", "\"sections\""},
      {"/api/refs", 200, "application/json", "\"findings\""},
      {"/api/terms", 200, "application/json", "\"concepts\""},
      {"/api/compile?program=trygghetsprogram-2027", 200, "application/json", "\"responses\""},
      {"/api/gaps?program=trygghetsprogram-2027", 200, "application/json", "\"gaps\""},
      {"/doc/finns-inte", 404, "text/html", "Det finns inget dokument"},
      {"/program/remissvar-socialnamnden", 404, "text/html", "inget styrande dokument"},
      {"/doc/..%2F..%2Fetc%2Fpasswd", 404, "text/html", "Hittades inte"},
      {"/finns/inte", 404, "text/html", "Sidan /finns/inte finns inte"},
      {"/?q=posom&sida=noll", 400, "text/html", "Sidnumret ska vara"},
      {"/api/search", 400, "application/json", "Parametern"},
      {"/api/gaps?program=finns-inte", 404, "application/json", "\"error\""},
      {"/report/trygghetsprogram-2027?format=pdf", 400, "text/html", "Rapporten finns som"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.uri);
    const Got g = get(c.uri);
    CHECK(g.status == c.status);
    CHECK(contains(g.type, c.type));
    CHECK(contains(g.body, c.must_hold));
  }
}

TEST_CASE("document text is escaped everywhere it is shown") {
  const std::string home = get("/").body;
  CHECK_FALSE(contains(home, "<script>alert"));
  CHECK(contains(home, "&lt;script&gt;alert(1)&lt;/script&gt; Policy för skript &amp; citat"));
  const Got hits = get("/?q=skriptfr%C3%A5gor");
  CHECK_FALSE(contains(hits.body, "<script>"));
  CHECK_FALSE(contains(hits.body, "<b>alla</b>"));
  CHECK(contains(hits.body, "&lt;b&gt;alla&lt;/b&gt;"));
  CHECK(contains(hits.body, "<mark>"));
  const Got query = get("/?q=%22%3E%3Cscript%3Ex");
  CHECK_FALSE(contains(query.body, "<script>x"));
  CHECK(contains(query.body, "value=\"&quot;&gt;&lt;script&gt;x\""));
}

TEST_CASE("downloads: report and compilation in every format") {
  struct Case {
    std::string uri, type, starts_with;
  };
  const Case cases[] = {
      {"/report/trygghetsprogram-2027?format=html", "text/html", "<!DOCTYPE html>"},
      {"/report/trygghetsprogram-2027?format=md", "text/markdown", "# Bristrapport"},
      {"/report/trygghetsprogram-2027?format=json", "application/json", "{"},
      {"/report/trygghetsprogram-2027?format=docx", "wordprocessingml", "PK"},
      {"/compilation/trygghetsprogram-2027?format=html", "text/html", "<!DOCTYPE html>"},
      {"/compilation/trygghetsprogram-2027?format=docx", "wordprocessingml", "PK"},
      {"/compilation/trygghetsprogram-2027?format=csv", "text/csv", "Remissinstans;"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.uri);
    const Got g = get(c.uri);
    CHECK(g.status == 200);
    CHECK(contains(g.type, c.type));
    CHECK(g.body.rfind(c.starts_with, 0) == 0);
    CHECK(contains(g.disposition, "attachment"));
  }
}

TEST_CASE("the gap report: summary first, then findings with quotes and where they stand") {
  auto db = fixture().tree->db();
  auto report = gap_report(db, "trygghetsprogram-2027", {});
  const std::string html = render_report(report, "html");
  CHECK(html.find("Sammanfattning") < html.find("Brister som remissvaren pekar på"));
  CHECK(contains(html, "@page { size: A4"));
  CHECK(contains(html, "break-before: page"));
  CHECK_FALSE(contains(html, "<link"));  // one self-contained file
  const std::string md = render_report(report, "md");
  CHECK(contains(md, "| Remissinstans | Beslut | Kommentar |"));
  CHECK(contains(md, "avsnitt ”"));
  // The planted gap (violence in close relationships) is absent from the draft.
  CHECK(contains(md, "våld i nära relationer – saknas"));
  CHECK_THROWS_AS(render_report(report, "pdf"), UsageError);
  const std::string table =
      render_compilation(compile_program(db, "trygghetsprogram-2027"), "html");
  CHECK(contains(table, "<th scope=\"col\">Remissinstans</th>"));
  CHECK(contains(table, "href=\"#svar-1\""));
  CHECK(contains(table, "id=\"svar-1\""));
}

TEST_CASE("snippets and marks: text escaped, only <mark> survives") {
  struct Case {
    std::string in, out;
  };
  const Case snippets[] = {
      {"a <mark>b</mark> c", "a <mark>b</mark> c"},
      {"&lt;script&gt; <mark>x</mark>", "&lt;script&gt; <mark>x</mark>"},
      {"<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"},
      {"<mark><img src=x></mark>", "<mark>&lt;img src=x&gt;</mark>"},
      {"R&amp;D", "R&amp;D"},
  };
  for (const auto& c : snippets) CHECK(safe_snippet(c.in) == c.out);
  CHECK(mark_text("a <b> Posom",
                  find_marks("a <b> Posom", "Posom", Mark{0, 0, "ref", "/doc/x", "t"})) ==
        "a &lt;b&gt; <a href=\"/doc/x\"><mark class=\"ref\" title=\"t\">Posom</mark></a>");
  CHECK(markdown_escape("a|b *c*") == "a\\|b \\*c\\*");
}
