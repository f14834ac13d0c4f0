// The local web interface (`remisskoll serve`): Swedish HTML pages over the
// index, rendered from the same format-1 JSON as the CLI through templates/,
// and that JSON itself under /api/. Ids in a URL are only ever looked up in
// the index, never used as paths.
#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "indexer/terms/terms.hh"

namespace rk {

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  // The access token: required to bind to anything but loopback; when set,
  // every request must carry it (see check_access in server.cpp).
  std::string token;
  unsigned threads = 16;         // connections served at once (slow clients hold one each)
  unsigned header_seconds = 10;  // to send a whole request header (slowloris)
  terms::TermBank termbank;
  // Personal data replaced by placeholders in every page, answer and download
  // (indexer/privacy); search snippets never show a personnummer anyway.
  bool redact = false;
};

// One answer: status, type, body; `filename` makes it a download.
struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string filename;
  std::vector<std::pair<std::string, std::string>> headers;  // Location, Set-Cookie...
};

// Answers one GET request for `uri` (path and query string as sent).
WebResponse handle_request(const ServeOptions& opt, const std::string& uri);

// Whether two secrets are equal, in a time that does not depend on where
// they differ: compares SHA-256 digests of both, every byte.
bool same_secret(const std::string& a, const std::string& b);

// Refuses (UsageError, in Swedish, naming the fix) to serve an address other
// than loopback without a token.
void require_token_off_loopback(const ServeOptions& opt);

class HeaderDeadlines;

// Poco's HTTP server answering with handle_request, started on construction;
// throws UsageError for a non-loopback address without a token.
class WebServer {
 public:
  explicit WebServer(const ServeOptions& opt);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  unsigned short port() const;  // the bound port (useful when asked for 0)

 private:
  ServeOptions opt_;
  std::unique_ptr<HeaderDeadlines> deadlines_;
  std::unique_ptr<Poco::ThreadPool> threads_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  std::unique_ptr<Poco::Net::TCPServer> server_;
};

}  // namespace rk
