// remisskoll serve [--db DIR] [--port N] [--bind ADDR] [--termbank FILE] [--redact]:
// the web interface on this machine (127.0.0.1 unless told otherwise).
// [--token-file FILE] or $REMISSKOLL_TOKEN: the access token another address needs.
#include <signal.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/report.hh"
#include "query/server.hh"

namespace rk::cli {

namespace {

constexpr std::size_t kMinTokenChars = 16;

// The access token from --token-file or $REMISSKOLL_TOKEN, never from the
// command line itself: every user of the machine sees that in ps.
std::string load_token(const Args& args) {
  std::string token;
  if (args.has("--token-file")) {
    std::ifstream in(args.value("--token-file"));
    if (!in) throw UsageError("--token-file: ”" + args.value("--token-file") + "” kan inte läsas.");
    std::getline(in, token);
  } else if (const char* env = std::getenv("REMISSKOLL_TOKEN")) {
    token = env;
  } else {
    return {};
  }
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  token.erase(std::find_if_not(token.rbegin(), token.rend(), space).base(), token.end());
  token.erase(token.begin(), std::find_if_not(token.begin(), token.end(), space));
  if (token.size() < kMinTokenChars)
    throw UsageError(
        "Åtkomstnyckeln ska vara minst 16 tecken, till exempel: "
        "openssl rand -hex 16 > nyckel.txt");
  return token;
}

}  // namespace

int cmd_serve(const std::vector<std::string>& argv) {
  if (std::find(argv.begin(), argv.end(), "--token") != argv.end())
    throw UsageError(
        "Ange inte nyckeln på kommandoraden (den syns i ps): använd "
        "--token-file FIL eller miljövariabeln REMISSKOLL_TOKEN.");
  Args args(argv, {"--db", "--port", "--bind", "--termbank", "--token-file"}, {"--redact"});
  if (!args.positional().empty()) throw UsageError("serve tar inga argument");
  ServeOptions opt;
  opt.db = args.db();
  opt.bind = args.value("--bind", opt.bind);
  const unsigned port = args.number("--port", opt.port);
  if (port > 65535) throw UsageError("--port ska vara högst 65535");
  opt.port = static_cast<unsigned short>(port);
  opt.termbank = load_termbank(args.value("--termbank"));
  opt.redact = args.flag("--redact");
  opt.token = load_token(args);
  open_readonly(opt.db);  // say now, not on the first page, that the index is missing

  // Wait for Ctrl-C or a termination signal, then stop the server cleanly.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);  // before the server's threads start
  WebServer server(opt);
  std::cout << "Remisskoll på http://" << opt.bind << ":" << server.port()
            << "/ (avsluta med Ctrl-C)" << std::endl;
  if (!opt.token.empty())
    std::cout << "Åtkomstnyckel krävs: öppna sidan en gång med ?token=NYCKEL." << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  std::cout << "Avslutar.\n";
  return kOk;
}

}  // namespace rk::cli
