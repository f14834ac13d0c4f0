// The web interface over HTTP and the reports: a server on an ephemeral port
// over the sample corpus plus a hostile document (tests/browser/hostile-policy.txt,
// shared with the browser test), fetched with Poco's client or, for hostile
// requests, with raw bytes over a socket.
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

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
    fs::copy(fs::path(RK_SOURCE_DIR) / "tests" / "browser" / "hostile-policy.txt",
             input.path / "corpus" / "program" / "hostile-policy.txt");
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
      {"/?q=posom+och+krisst%C3%B6d", 200, "text/html", "Vanliga ord som inte söktes: och."},
      {"/api/search?q=posom+och+krisst%C3%B6d", 200, "application/json",
       "\"ignored_words\": [\n    \"och\""},
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

TEST_CASE("landing page: every document, newest first, from the records' values") {
  const std::string home = get("/").body;
  CHECK(contains(home, "href=\"/doc/trygghetsprogram-2027\""));
  CHECK(contains(home, "href=\"/program/trygghetsprogram-2027\""));
  CHECK_FALSE(contains(home, "Visar de "));  // fewer than the page's limit
  std::vector<std::string> dates;
  static const std::regex date_cell(R"(<td>(\d{4}-\d{2}-\d{2})</td>)");
  for (std::sregex_iterator it(home.begin(), home.end(), date_cell), end; it != end; ++it)
    dates.push_back((*it)[1]);
  REQUIRE(dates.size() >= 5);
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
}

TEST_CASE("document text is escaped everywhere it is shown") {
  const std::string home = get("/").body;
  CHECK_FALSE(contains(home, "<script>window"));
  CHECK(contains(home, "Policy för skript &amp; citat &lt;script&gt;window.__pwned"));
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

// ---- hostile markup -----------------------------------------------------------

TEST_CASE("a document carrying script, onerror and javascript: is only ever text") {
  const char* pages[] = {"/",
                         "/?q=skriptfr%C3%A5gor",
                         "/?q=posom",
                         "/doc/hostile-policy",
                         "/program/hostile-policy",
                         "/refs",
                         "/terms"};
  for (const char* uri : pages) {
    CAPTURE(uri);
    const Got g = get(uri);
    CHECK(g.status == 200);
    for (const char* raw :
         {"<script", "<img", "<svg onload", "href=\"javascript:", "<a href=\"javascript"})
      CHECK_FALSE(contains(g.body, raw));
  }
  const std::string doc = get("/doc/hostile-policy").body;
  CHECK(contains(doc, "&lt;img src=&quot;x&quot; onerror=&quot;window.__pwned"));
  CHECK(contains(doc, "&lt;a href=&quot;javascript:window.__pwned"));
  CHECK(contains(get("/refs").body, "&lt;script&gt;window.__pwned"));  // the graph's tooltip
}

// ---- raw requests ---------------------------------------------------------------

struct Raw {
  int status = 0;  // 0: the server closed the connection without an answer
  std::string head, body;
};

// Sends `bytes` exactly as given and reads the answer until the server closes
// the connection (or 10 s pass).
Raw raw_request(unsigned short port, const std::string& bytes) {
  Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", port));
  s.setReceiveTimeout(Poco::Timespan(10, 0));
  std::string in;
  try {
    s.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    char buf[8192];
    for (int n; (n = s.receiveBytes(buf, sizeof buf)) > 0;)
      in.append(buf, static_cast<std::size_t>(n));
  } catch (const Poco::Net::ConnectionResetException&) {
    // the server may close before it has read everything it refused
  }
  Raw r;
  const auto end = in.find("\r\n\r\n");
  r.head = in.substr(0, end);
  r.body = end == std::string::npos ? "" : in.substr(end + 4);
  if (in.rfind("HTTP/1.", 0) == 0) r.status = std::stoi(in.substr(9, 3));
  return r;
}

Raw raw_get(const std::string& target, const std::string& headers = "") {
  return raw_request(
      fixture().server->port(),
      "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n\r\n");
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("hostile request targets: 404 or 400 in Swedish, never a file outside the index") {
  struct Case {
    std::string target;
    int status;
    std::string must_hold;
  };
  std::string params = "/?q=posom";
  for (int i = 0; i < 1500; ++i) params += "&p" + std::to_string(i) + "=1";  // 12 kB
  const Case cases[] = {
      {"/static/../../etc/passwd", 404, "finns inte"},
      {"/static/..%2f..%2f..%2fetc%2fpasswd", 404, "finns inte"},
      {"/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404, "finns inte"},
      {"/doc/..%2F..%2F..%2Fetc%2Fpasswd", 404, "Det finns inget dokument"},
      {"/style.css/../../../etc/passwd", 404, "finns inte"},
      {"/doc/%00", 400, "styrtecken"},
      {"/style.css%00.txt", 400, "styrtecken"},
      {"/?q=posom%00", 400, "styrtecken"},
      {"/?q=%zz", 400, "hexadecimala"},
      {"/doc/%zz", 400, "hexadecimala"},
      {"/?q=%", 400, "hexadecimala"},
      {"/?q=%e4", 400, "UTF-8"},
      {"/doc/%e4", 400, "UTF-8"},
      {"/?q=%C3%28", 400, "UTF-8"},
      {"/api/search?q=%e4", 400, "\"error\""},
      {"/?q=" + repeat("%C3%A4", 401), 400, "högst 400 tecken"},
      {"/?q=" + repeat("%C3%A4", 400), 200, "Sök:"},
      {"/api/search?q=" + repeat("a", 401), 400, "högst 400 tecken"},
      {params, 400, "parametrar"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.target.substr(0, 80));
    const Raw r = raw_get(c.target);
    CHECK(r.status == c.status);
    CHECK(contains(r.body, c.must_hold));
    CHECK_FALSE(contains(r.body, "root:"));
  }
}

TEST_CASE("oversized and malformed requests: 400, 405 or 413, and the server goes on") {
  const unsigned short port = fixture().server->port();
  std::string many_headers;
  for (int i = 0; i < 150; ++i) many_headers += "X-H" + std::to_string(i) + ": 1\r\n";
  struct Case {
    std::string what, bytes;
    int status;
  };
  const std::string host = "Host: 127.0.0.1\r\nConnection: close\r\n";
  const Case cases[] = {
      {"request line over 16 kB",
       "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n" + host + "\r\n", 400},
      {"header value over 8 kB",
       "GET / HTTP/1.1\r\n" + host + "X-Big: " + std::string(10000, 'b') + "\r\n\r\n", 400},
      {"header name over 256 bytes",
       "GET / HTTP/1.1\r\n" + host + std::string(300, 'n') + ": 1\r\n\r\n", 400},
      {"150 header fields", "GET / HTTP/1.1\r\n" + host + many_headers + "\r\n", 400},
      {"not HTTP", "HELLO THERE\r\n\r\n", 400},
      {"method name over 32 bytes", std::string(40, 'G') + " / HTTP/1.1\r\n" + host + "\r\n", 400},
      {"a 10 MB body announced",
       "POST / HTTP/1.1\r\n" + host + "Content-Length: 10000000\r\n\r\nxx", 413},
      {"a chunked body",
       "GET / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
       413},
      {"a small POST", "POST / HTTP/1.1\r\n" + host + "Content-Length: 3\r\n\r\nq=a", 405},
      {"PUT", "PUT /doc/x HTTP/1.1\r\n" + host + "\r\n", 405},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    CHECK(raw_request(port, c.bytes).status == c.status);
  }
  CHECK(raw_get("/").status == 200);
}

TEST_CASE("security headers on every answer") {
  for (const char* target : {"/", "/doc/finns-inte", "/api/search?q=posom", "/style.css"}) {
    CAPTURE(target);
    const Raw r = raw_get(target);
    CHECK(contains(r.head, "Content-Security-Policy: default-src 'self'; script-src 'none'"));
    CHECK(contains(r.head, "X-Content-Type-Options: nosniff"));
    CHECK(contains(r.head, "Referrer-Policy: no-referrer"));
    CHECK(contains(r.head, "X-Frame-Options: DENY"));
  }
}

// ---- slow clients ---------------------------------------------------------------

// A second server on the same index whose clients get 2 s for a request header.
WebServer& impatient_server() {
  static WebServer server([] {
    ServeOptions opt;
    opt.db = (fixture().tree->tmp.path / "db").string();
    opt.port = 0;
    opt.header_seconds = 2;
    return opt;
  }());
  return server;
}

// True once the server has closed the connection (a read gives 0 or fails).
bool closed_by_server(Poco::Net::StreamSocket& s) {
  try {
    if (!s.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) return false;
    char c;
    return s.receiveBytes(&c, 1) <= 0;
  } catch (const Poco::Exception&) {
    return true;
  }
}

TEST_CASE("slowloris: slow clients are cut off while the others are served") {
  using namespace std::chrono;
  WebServer& server = impatient_server();
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 6; ++i) {
    slow.emplace_back(Poco::Net::SocketAddress("127.0.0.1", server.port()));
    slow.back().sendBytes("GET / HTTP/1.1\r\n", 16);
  }
  Poco::Net::StreamSocket idle(Poco::Net::SocketAddress("127.0.0.1", server.port()));
  const auto start = steady_clock::now();
  bool served = false;
  std::vector<bool> cut(slow.size(), false);
  // Bounded waits, no timed assertions: without the watchdog the slow clients
  // (a byte every half second) are never cut within the 15 s.
  while (steady_clock::now() - start < seconds(15)) {
    std::this_thread::sleep_for(milliseconds(500));
    for (std::size_t i = 0; i < slow.size(); ++i) {
      if (cut[i]) continue;
      cut[i] = closed_by_server(slow[i]);
      try {
        if (!cut[i]) slow[i].sendBytes("X", 1);  // one header byte every half second
      } catch (const Poco::Exception&) {
        cut[i] = true;
      }
    }
    if (!served)  // while the slow ones hang, an ordinary request is answered
      served = raw_request(server.port(),
                           "GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                   .status == 200;
    if (std::all_of(cut.begin(), cut.end(), [](bool b) { return b; })) break;
  }
  CHECK(served);
  for (std::size_t i = 0; i < slow.size(); ++i) CHECK(cut[i]);
  // A connection that never says anything goes too (the watchdog looks at it
  // on its own round, so give it a few more).
  bool idle_cut = closed_by_server(idle);
  for (int i = 0; i < 40 && !idle_cut; ++i) {
    std::this_thread::sleep_for(milliseconds(250));
    idle_cut = closed_by_server(idle);
  }
  CHECK(idle_cut);
}

// ---- access token -----------------------------------------------------------------

TEST_CASE("same_secret compares whole secrets") {
  struct Case {
    std::string a, b;
    bool same;
  };
  const Case cases[] = {
      {"0123456789abcdef", "0123456789abcdef", true},
      {"0123456789abcdef", "0123456789abcdeF", false},
      {"0123456789abcdef", "1123456789abcdef", false},
      {"0123456789abcdef", "0123456789abcde", false},
      {"0123456789abcdef", "0123456789abcdef0", false},
      {"0123456789abcdef", "", false},
      {"", "", true},
      {std::string("a\0b", 3), std::string("a\0c", 3), false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.a);
    CAPTURE(c.b);
    CHECK(same_secret(c.a, c.b) == c.same);
  }
}

TEST_CASE("binding beyond loopback needs a token") {
  struct Case {
    std::string bind, token;
    bool allowed;
  };
  const Case cases[] = {
      {"127.0.0.1", "", true},     {"127.0.0.2", "", true}, {"::1", "", true},
      {"localhost", "", true},     {"0.0.0.0", "", false},  {"::", "", false},
      {"192.168.1.10", "", false}, {"10.0.0.5", "", false}, {"0.0.0.0", "0123456789abcdef", true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.bind);
    ServeOptions opt;
    opt.bind = c.bind;
    opt.token = c.token;
    if (c.allowed) {
      CHECK_NOTHROW(require_token_off_loopback(opt));
    } else {
      try {
        require_token_off_loopback(opt);
        FAIL("allowed without a token");
      } catch (const UsageError& e) {
        CHECK(contains(e.what(), "--token-file"));
        CHECK(contains(e.what(), "REMISSKOLL_TOKEN"));
      }
    }
  }
  ServeOptions opt;
  opt.db = (fixture().tree->tmp.path / "db").string();
  opt.bind = "0.0.0.0";
  opt.port = 0;
  CHECK_THROWS_AS(WebServer{opt}, UsageError);
}

TEST_CASE("with a token, every request carries it") {
  const std::string token = "rätt-nyckel-0123456789";
  ServeOptions opt;
  opt.db = (fixture().tree->tmp.path / "db").string();
  opt.port = 0;
  opt.token = token;
  WebServer server(opt);
  auto send = [&](const std::string& target, const std::string& headers = "") {
    return raw_request(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers +
                                          "Connection: close\r\n\r\n");
  };
  const std::string good = "r%C3%A4tt-nyckel-0123456789";
  struct Case {
    std::string target, headers;
    int status;
    std::string must_hold;
  };
  const Case cases[] = {
      {"/", "", 401, "kräver en åtkomstnyckel"},
      {"/", "", 401, "WWW-Authenticate: Bearer"},
      {"/api/search?q=posom", "", 401, "\"error\""},
      {"/", "Authorization: Bearer " + token + "\r\n", 200, "Dokument i indexet"},
      {"/", "Authorization: bearer " + token + "\r\n", 200, "Dokument i indexet"},
      {"/", "Authorization: Bearer " + token + "x\r\n", 401, "åtkomstnyckel"},
      {"/", "Authorization: Basic " + token + "\r\n", 401, "åtkomstnyckel"},
      {"/", "Cookie: remisskoll_nyckel=" + token + "\r\n", 401, "åtkomstnyckel"},
      {"/?token=fel-nyckel-0123456789", "", 401, "åtkomstnyckel"},
      {"/?token=" + good, "", 303, "Location: /\r\n"},
      {"/?q=posom&token=" + good + "&sida=1", "", 303, "Location: /?q=posom&sida=1\r\n"},
      {"/?token=" + good, "", 303, "HttpOnly; SameSite=Strict"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.target);
    CAPTURE(c.headers);
    const Raw r = send(c.target, c.headers);
    CHECK(r.status == c.status);
    CHECK(contains(r.head + "\r\n" + r.body, c.must_hold));
  }
  // The cookie the redirect sets opens the pages.
  const Raw redirect = send("/?token=" + good);
  const auto from = redirect.head.find("Set-Cookie: ") + 12;
  const std::string cookie = redirect.head.substr(from, redirect.head.find(';', from) - from);
  CHECK_FALSE(contains(cookie, token));
  CHECK(send("/doc/trygghetsprogram-2027", "Cookie: " + cookie + "\r\n").status == 200);
  CHECK(send("/doc/trygghetsprogram-2027", "Cookie: " + cookie + "0\r\n").status == 401);
}
