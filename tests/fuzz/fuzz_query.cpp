// libFuzzer target: a whole search (the QueryParser set up as `search`
// sets it up, filters, snippets, facets) over the sample corpus's responses,
// indexed once into a temporary database when the fuzzer starts.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "indexer/store/database.hh"
#include "indexer/store/pipeline.hh"
#include "query/search.hh"
#include "tests/fuzz/fuzz.hh"

namespace {

std::string temp_dir;

void remove_temp_dir() { std::filesystem::remove_all(temp_dir); }

const Xapian::Database& corpus_db() {
  static const Xapian::Database db = [] {
    temp_dir = (std::filesystem::temp_directory_path() / "rk-fuzz-XXXXXX").string();
    if (mkdtemp(temp_dir.data()) == nullptr) std::abort();
    std::atexit(remove_temp_dir);
    rk::IndexOptions options;
    options.db = temp_dir + "/db";
    options.inputs = {std::filesystem::path(RK_SOURCE_DIR) / "corpus/remissvar"};
    options.threads = 1;
    std::ostringstream errors;
    rk::run_index(options, errors);
    return rk::open_readonly(options.db);
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  rk::SearchRequest request;
  request.query = std::string(rk::fuzz::as_text(data, size));
  request.limit = 5;
  try {
    const rk::SearchResult result = rk::search(corpus_db(), request);
    (void)result;
    const auto explained = rk::explain_query(request.query);
    (void)explained;
  } catch (const rk::UsageError&) {
  }
  return 0;
}
