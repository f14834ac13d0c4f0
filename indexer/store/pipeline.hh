// The indexing pipeline: walk -> read -> normalise -> split -> analyse (on
// worker threads) -> store (one writer, commits in batches by bytes) ->
// resolve links between documents.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "indexer/readers/reader.hh"

namespace rk {

struct IndexOptions {
  std::string db;
  std::optional<std::filesystem::path> manifest;
  std::vector<std::filesystem::path> inputs;
  unsigned threads = 0;                 // 0: one per core
  std::size_t batch_bytes = 16u << 20;  // commit after this many source bytes
  bool progress = false;                // a progress line on stderr
  ReadLimits limits;
  std::vector<std::filesystem::path> termbanks;  // TBX beyond the *.tbx under the inputs
  // [shards] --shard K/N: only the files whose key falls in shard K (1..N) are
  // stored, with the ids a full index would give them; shards = 0 stores all.
  unsigned shard = 0, shards = 0;
  // [shards] --links-from STUB: links and references are resolved against the
  // documents of this database (every shard), not only those of `db`.
  std::string links_from;
};

struct IndexSummary {
  std::size_t files = 0;      // files found
  std::size_t indexed = 0;    // files (re)indexed
  std::size_t unchanged = 0;  // skipped: same size, time or content
  std::size_t removed = 0;    // files gone since the last run
  std::size_t failed = 0;     // files that could not be read
  std::size_t documents = 0;  // documents written in this run
  std::size_t passages = 0;   // passages written in this run
  std::size_t bytes = 0;      // source bytes read
  std::size_t resolved = 0;   // responds_to / replaces links resolved
  std::size_t synonyms = 0;   // synonym keys written from the term banks
  double seconds = 0;
};

// Runs one indexing job. Problems with single files are reported on `err`
// as "FILE: reason" and counted; problems with the database or the manifest
// throw (DatabaseError, UsageError) before anything is written.
IndexSummary run_index(const IndexOptions& options, std::ostream& err);

}  // namespace rk
