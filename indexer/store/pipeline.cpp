#include "indexer/store/pipeline.hh"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>

#include "indexer/bundle/bundle.hh"
#include "indexer/core/error.hh"
#include "indexer/core/schema.hh"
#include "indexer/core/text.hh"
#include "indexer/normalise/normalise.hh"
#include "indexer/store/database.hh"
#include "indexer/store/links.hh"
#include "indexer/store/manifest.hh"
#include "indexer/store/record.hh"
#include "indexer/store/references.hh"
#include "indexer/store/structure.hh"
#include "indexer/store/synonyms.hh"

namespace fs = std::filesystem;

namespace rk {

namespace {

// Lines first..last (1-based; first 0 means 1, last 0 means to the end) of a
// layout text.
std::string source_lines(const std::string& text, int first, int last) {
  if (first <= 0) first = 1;
  std::size_t begin = 0;
  for (int line = 1; line < first && begin != std::string::npos; ++line) {
    begin = text.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos) return {};
  std::size_t end = begin;
  for (int line = first; last <= 0 || line <= last; ++line) {
    end = text.find('\n', end);
    if (end == std::string::npos) break;
    ++end;
  }
  return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

using Clock = std::chrono::steady_clock;

struct FileEntry {
  fs::path abs;         // absolute, lexically normal
  std::string display;  // as the user would write it
  std::string key;      // sha1 of the absolute path
  std::uintmax_t size = 0;
  long long mtime = 0;  // nanoseconds since the file clock's epoch
};

// What the index remembers of a file: enough to skip it when unchanged.
struct FileState {
  std::string hash;
  std::uintmax_t size = 0;
  long long mtime = 0;
  std::string path;

  std::string encode() const {
    return hash + " " + std::to_string(size) + " " + std::to_string(mtime) + " " + path;
  }
  static FileState decode(const std::string& s) {
    FileState st;
    std::istringstream in(s);
    in >> st.hash >> st.size >> st.mtime;
    std::getline(in >> std::ws, st.path);
    return st;
  }
};

struct ParsedFile {
  bool unchanged = false;  // same content as indexed: only the state is updated
  std::string error;
  std::string hash;
  std::size_t bytes = 0;
  std::vector<Document> docs;
  std::vector<std::vector<Xapian::Document>> records;
};

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

bool is_manifest(const fs::path& p) { return p.filename() == "manifest.ini"; }

FileEntry make_entry(const fs::path& p, const std::string& display) {
  FileEntry e;
  e.abs = fs::absolute(p).lexically_normal();
  e.display = display;
  e.key = sha1_hex(e.abs.string());
  std::error_code ec;
  e.size = fs::file_size(p, ec);
  auto t = fs::last_write_time(p, ec);
  e.mtime = ec ? 0 : static_cast<long long>(t.time_since_epoch().count());
  return e;
}

// Every readable file under the inputs, sorted, hidden files and folders skipped.
std::vector<FileEntry> collect_files(const std::vector<fs::path>& inputs, std::ostream& err,
                                     std::size_t& failed) {
  std::vector<FileEntry> files;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (fs::is_regular_file(input, ec)) {
      files.push_back(make_entry(input, input.string()));
      continue;
    }
    if (!fs::is_directory(input, ec)) {
      err << input.string() << ": finns inte eller är ingen fil eller katalog\n";
      ++failed;
      continue;
    }
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const auto& p = it->path();
      if (hidden(p)) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(ec) || is_manifest(p)) continue;
      if (detect_format(p, {}).empty()) continue;
      files.push_back(make_entry(p, p.string()));
    }
  }
  std::sort(files.begin(), files.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.abs < b.abs; });
  files.erase(std::unique(files.begin(), files.end(),
                          [](const FileEntry& a, const FileEntry& b) { return a.abs == b.abs; }),
              files.end());
  return files;
}

std::vector<Manifest> load_manifests(const IndexOptions& options) {
  std::vector<Manifest> out;
  if (options.manifest) out.push_back(Manifest::load(*options.manifest));
  for (const auto& input : options.inputs) {
    std::error_code ec;
    const fs::path candidate = input / "manifest.ini";
    if (fs::is_directory(input, ec) && fs::is_regular_file(candidate, ec)) {
      if (options.manifest && fs::equivalent(candidate, *options.manifest, ec)) continue;
      out.push_back(Manifest::load(candidate));
    }
  }
  return out;
}

std::string read_all(const fs::path& p, std::uintmax_t limit) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError("filen kan inte öppnas (borttagen eller saknar behörighet)");
  std::string bytes;
  std::ostringstream buf;
  buf << in.rdbuf();
  bytes = buf.str();
  if (bytes.size() > limit) {
    throw InputError("filen är större än gränsen " + std::to_string(limit >> 20) + " MB");
  }
  return bytes;
}

// read -> normalise -> split -> structure -> manifest -> records. Runs on a worker.
ParsedFile parse_file(const FileEntry& file, const std::string& known_hash,
                      const std::vector<Manifest>& manifests, const ReadLimits& limits) {
  ParsedFile out;
  try {
    if (file.size > limits.max_file_bytes) {
      throw InputError("filen är " + std::to_string(file.size >> 20) + " MB, gränsen är " +
                       std::to_string(limits.max_file_bytes >> 20) + " MB");
    }
    const std::string bytes = read_all(file.abs, limits.max_file_bytes);
    out.bytes = bytes.size();
    out.hash = sha1_hex(bytes);
    if (out.hash == known_hash) {
      out.unchanged = true;
      return out;
    }
    ReadResult read = read_bytes(bytes, file.abs.filename().string(), limits);
    std::vector<Block> blocks =
        read.layout_text ? normalise_layout_text(read.text) : std::move(read.blocks);
    std::vector<DocumentPart> parts = split_documents(blocks, read, file.abs.filename().string());
    const bool bundle = parts.size() > 1;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const int part_no = bundle ? static_cast<int>(i) + 1 : 0;
      DocumentPart& part = parts[i];
      Document doc;
      doc.id = default_doc_id(file.abs.stem().string(), part_no);
      doc.title = part.title;
      doc.kind = part.kind;
      doc.author = part.author;
      doc.date = part.date;
      doc.responds_to_title = part.responds_to_title;
      doc.replaces_title = part.replaces_title;
      doc.source_path = file.display;
      doc.format = read.format;
      doc.part = part_no;
      doc.line_start = part.line_start;
      doc.line_end = part.line_end;
      build_sections(part, doc);
      for (const auto& m : manifests) m.apply(file.abs, part_no, doc);
      if (read.layout_text && (doc.kind == "compilation" || doc.kind == "staff_report"))
        doc.layout = source_lines(read.text, doc.line_start, doc.line_end);
      renumber_passages(doc);
      out.records.push_back(make_records(doc, file.key));
      out.docs.push_back(std::move(doc));
    }
    if (out.docs.empty()) throw InputError("ingen text hittades i filen");
  } catch (const InputError& e) {
    out.error = e.what();
  } catch (const std::bad_alloc&) {
    out.error = "för lite minne för att läsa filen";
  } catch (const std::exception& e) {
    out.error = std::string("oväntat fel: ") + e.what();
  }
  return out;
}

// Hands out files to workers in order, keeps at most `window` results waiting
// for the writer so that memory stays bounded whatever the corpus size.
class OrderedWork {
 public:
  OrderedWork(std::size_t count, std::size_t window) : results_(count), window_(window) {}

  // Worker side: the next index to parse, or false when done.
  bool take(std::size_t& index) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return next_ < results_.size() ? next_ < consumed_ + window_ : true; });
    if (next_ >= results_.size()) return false;
    index = next_++;
    return true;
  }
  void put(std::size_t index, ParsedFile result) {
    {
      std::lock_guard lock(mutex_);
      results_[index] = std::move(result);
      ready_.push_back(index);
    }
    done_.notify_all();
  }
  // Writer side: waits for result `index` and takes it.
  ParsedFile get(std::size_t index) {
    std::unique_lock lock(mutex_);
    done_.wait(lock,
               [&] { return std::find(ready_.begin(), ready_.end(), index) != ready_.end(); });
    ready_.erase(std::find(ready_.begin(), ready_.end(), index));
    ParsedFile r = std::move(results_[index]);
    results_[index] = ParsedFile{};
    consumed_ = index + 1;
    lock.unlock();
    room_.notify_all();
    return r;
  }

 private:
  std::mutex mutex_;
  std::condition_variable room_, done_;
  std::vector<ParsedFile> results_;
  std::vector<std::size_t> ready_;
  std::size_t next_ = 0, consumed_ = 0, window_;
};

class Progress {
 public:
  Progress(bool on, std::size_t files, std::uintmax_t bytes, std::ostream& err)
      : on_(on), files_(files), bytes_(bytes), err_(err), start_(Clock::now()) {}
  void update(std::size_t done, std::uintmax_t bytes_done) {
    if (!on_) return;
    auto now = Clock::now();
    if (now - last_ < std::chrono::milliseconds(200) && done != files_) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? static_cast<double>(bytes_done) / secs : 0;
    double eta = rate > 0 ? static_cast<double>(bytes_ - bytes_done) / rate : 0;
    char line[160];
    std::snprintf(line, sizeof line, "\r%zu/%zu filer  %.1f MB/s  klart om %.0f s   ", done, files_,
                  rate / 1e6, eta);
    err_ << line << std::flush;
  }
  void finish() {
    if (on_) err_ << "\r" << std::string(60, ' ') << "\r" << std::flush;
  }

 private:
  bool on_;
  std::size_t files_;
  std::uintmax_t bytes_;
  std::ostream& err_;
  Clock::time_point start_, last_{};
};

// Which file (key) owns a document id in the database, if any.
std::string owner_of(Xapian::WritableDatabase& db, const std::string& doc_id) {
  const std::string term = id_term(doc_id);
  auto it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) return {};
  Xapian::Document rec = db.get_document(*it);
  auto t = rec.termlist_begin();
  t.skip_to(std::string(schema::prefix::file));
  if (t == rec.termlist_end()) return {};
  std::string found = *t;
  if (found.rfind(schema::prefix::file, 0) != 0) return {};
  return found.substr(schema::prefix::file.size());
}

// Gives a document a fresh id when another file already holds it: first the
// id qualified by the file's folder (real cases reuse file names such as
// 00-kf-handling-full.txt in every folder), then a number, with a warning.
void make_id_unique(Xapian::WritableDatabase& db, Document& doc, const FileEntry& file,
                    std::map<std::string, std::string>& claimed,
                    std::vector<Xapian::Document>& records, std::ostream& err) {
  const std::string& file_key = file.key;
  auto taken = [&](const std::string& id) {
    if (auto it = claimed.find(id); it != claimed.end()) return it->second != file_key;
    std::string owner = owner_of(db, id);
    return !owner.empty() && owner != file_key;
  };
  if (!taken(doc.id)) {
    claimed[doc.id] = file_key;
    return;
  }
  // Qualified by the folder, then by its parent and so on: the same id
  // whatever order the files come in. Case folders repeat across towns
  // ("kommun-001/handling-2024-nr-143-remissvar/remissvar-011.txt" and the
  // same under kommun-002), so one folder is not always enough.
  const std::string base = doc.id;
  std::string qualified = base;
  bool found = false;
  int levels = 0;
  for (fs::path dir = file.abs.parent_path(); !found && levels < 4 && dir.has_relative_path();
       dir = dir.parent_path(), ++levels) {
    const std::string folder = slug(dir.filename().string());
    if (folder.empty()) continue;
    qualified = folder + "-" + qualified;
    found = !taken(qualified);
  }
  if (found) {
    doc.id = qualified;
  } else {
    int n = 2;
    while (taken(base + "-" + std::to_string(n))) ++n;
    doc.id = base + "-" + std::to_string(n);
    err << doc.source_path << ": id '" << base << "' används redan av en annan fil, får id '"
        << doc.id << "'\n";
  }
  claimed[doc.id] = file_key;
  renumber_passages(doc);
  records = make_records(doc, file_key);
}

// [shards] A file's shard (1..N): its key is a sha1, so the first 32 bits
// spread the files evenly, and a file stays in its shard from run to run.
bool in_shard(const FileEntry& f, const IndexOptions& o) {
  if (o.shards <= 1) return true;
  return std::stoul(f.key.substr(0, 8), nullptr, 16) % o.shards + 1 == o.shard;
}

// [shards] Files of other shards named like a file to index ("00-kf-handling
// -full.txt" in every folder) are parsed but not stored: the writer claims
// their ids in the same order as a full index does, so the same file gets the
// same id whichever shard holds it. Returns which entries of `todo` they are.
std::vector<bool> add_id_witnesses(const std::vector<FileEntry>& files, const IndexOptions& o,
                                   std::vector<FileEntry>& todo, std::vector<std::string>& hashes) {
  if (o.shards <= 1 || todo.empty()) return std::vector<bool>(todo.size(), false);
  auto base = [](const FileEntry& f) { return default_doc_id(f.abs.stem().string(), 0); };
  std::set<std::string> bases;
  for (const auto& f : todo) bases.insert(base(f));
  std::vector<FileEntry> merged;
  std::vector<std::string> merged_hashes;
  std::vector<bool> witness;
  std::size_t t = 0;
  for (const auto& f : files) {  // both sorted by path: a merge
    const bool own = t < todo.size() && todo[t].abs == f.abs;
    if (!own && (in_shard(f, o) || !bases.count(base(f)))) continue;
    merged.push_back(f);
    merged_hashes.push_back(own ? hashes[t] : std::string());
    witness.push_back(!own);
    if (own) ++t;
  }
  todo = std::move(merged);
  hashes = std::move(merged_hashes);
  return witness;
}

void remove_file(Xapian::WritableDatabase& db, const std::string& key) {
  db.delete_document(file_term(key));
  db.set_metadata(std::string(schema::kFileKeyPrefix) + key, "");
}

// Files the index holds under the inputs that no longer exist.
std::vector<std::string> vanished_files(Xapian::WritableDatabase& db,
                                        const std::vector<fs::path>& inputs,
                                        const std::set<std::string>& present) {
  std::vector<fs::path> roots;
  for (const auto& in : inputs) roots.push_back(fs::absolute(in).lexically_normal());
  std::vector<std::string> gone;
  const std::string prefix(schema::kFileKeyPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const std::string key = (*it).substr(prefix.size());
    if (present.count(key)) continue;
    const FileState st = FileState::decode(db.get_metadata(*it));
    const std::string path = st.path;
    for (const auto& root : roots) {
      const std::string r = root.string();
      if (path == r || path.rfind(r + "/", 0) == 0) {
        std::error_code ec;
        if (!fs::exists(path, ec)) gone.push_back(key);
        break;
      }
    }
  }
  return gone;
}

}  // namespace

IndexSummary run_index(const IndexOptions& options, std::ostream& err) {
  const auto start = Clock::now();
  IndexSummary sum;
  const std::vector<Manifest> manifests = load_manifests(options);
  std::vector<FileEntry> files = collect_files(options.inputs, err, sum.failed);
  sum.files = files.size();

  Xapian::WritableDatabase db = open_writable(options.db);
  const std::string meta_prefix(schema::kFileKeyPrefix);

  // Unchanged by size and time: skip without reading (the cheap check).
  std::vector<FileEntry> todo;
  std::vector<std::string> known_hashes;
  std::set<std::string> present;
  for (const auto& f : files) {
    present.insert(f.key);
    if (!in_shard(f, options)) continue;  // [shards]
    const std::string stored = db.get_metadata(meta_prefix + f.key);
    if (!stored.empty()) {
      FileState st = FileState::decode(stored);
      if (st.size == f.size && st.mtime == f.mtime && st.path == f.abs.string()) {
        ++sum.unchanged;
        continue;
      }
      known_hashes.push_back(st.hash);
    } else {
      known_hashes.push_back({});
    }
    todo.push_back(f);
  }
  const std::vector<bool> witness = add_id_witnesses(files, options, todo, known_hashes);

  for (const auto& key : vanished_files(db, options.inputs, present)) {
    remove_file(db, key);
    ++sum.removed;
  }

  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  OrderedWork work(todo.size(), std::size_t{threads} * 4);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads && !todo.empty(); ++t) {
    workers.emplace_back([&] {
      std::size_t i;
      while (work.take(i))
        work.put(i, parse_file(todo[i], known_hashes[i], manifests, options.limits));
    });
  }

  std::uintmax_t total_bytes = 0;
  for (const auto& f : todo) total_bytes += f.size;
  Progress progress(options.progress, todo.size(), total_bytes, err);
  std::map<std::string, std::string> claimed;
  std::size_t batch = 0;
  std::uintmax_t done_bytes = 0;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    ParsedFile r = work.get(i);
    const FileEntry& f = todo[i];
    done_bytes += f.size;
    progress.update(i + 1, done_bytes);
    if (witness[i]) {  // [shards] another shard's file: its ids are claimed, nothing stored
      for (std::size_t d = 0; d < r.docs.size(); ++d)
        make_id_unique(db, r.docs[d], f, claimed, r.records[d], err);
      continue;
    }
    if (!r.error.empty()) {
      progress.finish();
      err << f.display << ": " << r.error << "\n";
      ++sum.failed;
      continue;  // what was indexed from this file before stays
    }
    FileState st{r.hash, f.size, f.mtime, f.abs.string()};
    if (r.unchanged) {
      db.set_metadata(meta_prefix + f.key, st.encode());
      ++sum.unchanged;
      continue;
    }
    // One file is one transaction: Xapian's own automatic commit (every
    // XAPIAN_FLUSH_THRESHOLD changes) never falls inside a file, so a kill
    // leaves each document whole or absent, never half its passages.
    db.begin_transaction(false);
    db.delete_document(file_term(f.key));
    for (std::size_t d = 0; d < r.docs.size(); ++d) {
      make_id_unique(db, r.docs[d], f, claimed, r.records[d], err);
      for (auto& rec : r.records[d]) {
        db.add_document(rec);
        ++sum.passages;
      }
      --sum.passages;  // the document record itself
      ++sum.documents;
    }
    db.set_metadata(meta_prefix + f.key, st.encode());
    db.commit_transaction();
    ++sum.indexed;
    sum.bytes += r.bytes;
    batch += r.bytes;
    if (batch >= options.batch_bytes) {
      db.commit();
      batch = 0;
    }
  }
  for (auto& w : workers) w.join();
  progress.finish();
  db.commit();
  // An index from before the link terms (schema.hh kLinkTermsKey) is
  // resolved once more, which writes them.
  const bool link_terms = db.get_metadata(std::string(schema::kLinkTermsKey)) == "1";
  if (sum.indexed > 0 || sum.removed > 0 || !options.links_from.empty() ||
      (!link_terms && db.get_doccount() > 0)) {
    // [shards] A shard alone resolves only among its own documents.
    const Xapian::Database targets =
        options.links_from.empty() ? Xapian::Database(db) : open_readonly(options.links_from);
    sum.resolved = resolve_links(db, targets);
    resolve_references(db, targets);
    db.set_metadata(std::string(schema::kLinkTermsKey), "1");
    db.commit();
  }
  // The term banks' names as query-time synonyms, rewritten on every run
  // so that an edited term bank takes effect (indexer/store/synonyms.hh).
  sum.synonyms = refresh_synonyms(db, options.inputs, options.termbanks, err, sum.failed);
  db.commit();
  sum.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return sum;
}

}  // namespace rk
