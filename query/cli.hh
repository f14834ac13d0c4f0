// The command line: a small argument parser shared by the subcommands, and
// the exit codes they return (documented in docs/commands.md).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace rk::cli {

enum Exit : int {
  kOk = 0,
  kSomeFilesFailed = 1,  // index: at least one file could not be read
  kUsage = 2,            // bad arguments, bad manifest, bad query
  kDatabase = 3,         // the index cannot be opened or written
  kNotFound = 4,         // show: no such document
};

// Parsed arguments: options that take a value, flags, and positionals.
class Args {
 public:
  // `valued` lists options that take a value ("--db"); `flags` the others.
  // Throws UsageError for an unknown option or a missing value.
  Args(const std::vector<std::string>& argv, const std::set<std::string>& valued,
       const std::set<std::string>& flags);

  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::string value(const std::string& name, const std::string& fallback = {}) const;
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  unsigned number(const std::string& name, unsigned fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }
  std::string db() const;  // --db, $REMISSKOLL_DB or ./remisskoll.db

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positional_;
};

using Command = int (*)(const std::vector<std::string>& argv);

int cmd_index(const std::vector<std::string>& argv);
int cmd_compact(const std::vector<std::string>& argv);
int cmd_docs(const std::vector<std::string>& argv);
int cmd_show(const std::vector<std::string>& argv);
int cmd_search(const std::vector<std::string>& argv);
int cmd_refs(const std::vector<std::string>& argv);
int cmd_terms(const std::vector<std::string>& argv);
int cmd_compile(const std::vector<std::string>& argv);
int cmd_gaps(const std::vector<std::string>& argv);
int cmd_serve(const std::vector<std::string>& argv);
int cmd_report(const std::vector<std::string>& argv);

}  // namespace rk::cli
