// A temporary directory, a tree indexed into a database inside one, and the
// written-down truth: the fixtures of the end-to-end tests.
#pragma once

#include <unistd.h>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
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

// A JSON file of written-down truth (corpus/expected/*.json).
inline Poco::JSON::Object::Ptr load_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  Poco::JSON::Parser parser;
  return parser.parse(s.str()).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace rk::test
