// remisskoll serve [--db DIR] [--port N] [--bind ADDR] [--termbank FILE]:
// the web interface on this machine (127.0.0.1 unless told otherwise).
#include <signal.h>

#include <iostream>

#include "indexer/core/error.hh"
#include "indexer/store/database.hh"
#include "query/cli.hh"
#include "query/report.hh"
#include "query/server.hh"

namespace rk::cli {

int cmd_serve(const std::vector<std::string>& argv) {
  Args args(argv, {"--db", "--port", "--bind", "--termbank"}, {});
  if (!args.positional().empty()) throw UsageError("serve tar inga argument");
  ServeOptions opt;
  opt.db = args.db();
  opt.bind = args.value("--bind", opt.bind);
  const unsigned port = args.number("--port", opt.port);
  if (port > 65535) throw UsageError("--port ska vara högst 65535");
  opt.port = static_cast<unsigned short>(port);
  opt.termbank = load_termbank(args.value("--termbank"));
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
  int sig = 0;
  sigwait(&stop, &sig);
  std::cout << "Avslutar.\n";
  return kOk;
}

}  // namespace rk::cli
