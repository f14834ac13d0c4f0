// The local web interface (`remisskoll serve`): Swedish HTML pages over the
// index, rendered from the same format-1 JSON as the CLI through templates/,
// and that JSON itself under /api/. Ids in a URL are only ever looked up in
// the index, never used as paths.
#pragma once

#include <Poco/Net/HTTPServer.h>

#include <memory>
#include <string>

#include "indexer/terms/terms.hh"

namespace rk {

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  terms::TermBank termbank;
};

// One answer: status, type, body; `filename` makes it a download.
struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string filename;
};

// Answers one GET request for `uri` (path and query string as sent).
WebResponse handle_request(const ServeOptions& opt, const std::string& uri);

// Poco's HTTP server answering with handle_request, started on construction.
class WebServer {
 public:
  explicit WebServer(const ServeOptions& opt);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  unsigned short port() const;  // the bound port (useful when asked for 0)

 private:
  ServeOptions opt_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace rk
