// A temporary directory, and a tree indexed into a database inside one: the
// fixture of the end-to-end tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "indexer/store/database.hh"
#include "indexer/store/pipeline.hh"

namespace rk::test {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rk-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

// Indexes `input` once into a fresh database; keeps the summary and what
// the indexer said on its error stream.
struct IndexedTree {
  TempDir tmp;
  IndexSummary summary;
  std::string errors;
  explicit IndexedTree(const std::filesystem::path& input) {
    IndexOptions opt;
    opt.db = (tmp.path / "db").string();
    opt.inputs = {input};
    std::ostringstream err;
    summary = run_index(opt, err);
    errors = err.str();
  }
  Xapian::Database db() const { return open_readonly((tmp.path / "db").string()); }
};

}  // namespace rk::test
