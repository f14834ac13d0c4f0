// The floor of one writer: copies every record of an existing index (terms,
// positions, values, data) into memory, then times adding them to a fresh
// database the way `remisskoll index` does (one transaction per source file,
// a commit every --batch records), with no reading, splitting or analysis.
// Options leave parts of the records out, to see what each costs.
//
//   writer_bench --db INDEX --out DIR [--limit N] [--batch N]
//                [--no-positions] [--no-values] [--no-data] [--no-stems]
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

struct Options {
  std::string db, out;
  std::size_t limit = 0, batch = 25000;
  bool positions = true, values = true, data = true, stems = true;
};

int usage() {
  std::fprintf(stderr,
               "usage: writer_bench --db INDEX --out DIR [--limit N] [--batch N] "
               "[--no-positions] [--no-values] [--no-data] [--no-stems]\n");
  return 2;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--db")
      o.db = next();
    else if (a == "--out")
      o.out = next();
    else if (a == "--limit")
      o.limit = std::strtoul(next().c_str(), nullptr, 10);
    else if (a == "--batch")
      o.batch = std::strtoul(next().c_str(), nullptr, 10);
    else if (a == "--no-positions")
      o.positions = false;
    else if (a == "--no-values")
      o.values = false;
    else if (a == "--no-data")
      o.data = false;
    else if (a == "--no-stems")
      o.stems = false;
    else
      return usage();
  }
  if (o.db.empty() || o.out.empty()) return usage();
  if (std::filesystem::exists(o.out)) {
    std::fprintf(stderr, "writer_bench: %s exists; give a new folder\n", o.out.c_str());
    return 2;
  }
  try {
    Xapian::Database src(o.db);
    std::vector<Xapian::Document> docs;
    std::vector<std::string> files;  // the XF term: one transaction per source file
    std::size_t terms = 0, positions = 0, bytes = 0;
    for (auto it = src.postlist_begin(""); it != src.postlist_end(""); ++it) {
      const Xapian::Document in = src.get_document(*it);
      Xapian::Document out;
      std::string file;
      for (auto t = in.termlist_begin(); t != in.termlist_end(); ++t) {
        const std::string term = *t;
        if (term.rfind("XF", 0) == 0) file = term;
        if (!o.stems && term[0] == 'Z') continue;
        const Xapian::termcount count = t.positionlist_count();
        if (count > 0 && o.positions) {
          for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p, ++positions)
            out.add_posting(term, *p, 0);
          out.add_term(term, t.get_wdf() - count);
        } else {
          out.add_term(term, t.get_wdf());
        }
        ++terms;
      }
      if (o.values)
        for (auto v = in.values_begin(); v != in.values_end(); ++v)
          out.add_value(v.get_valueno(), *v);
      if (o.data) {
        out.set_data(in.get_data());
        bytes += in.get_data().size();
      }
      docs.push_back(std::move(out));
      files.push_back(file);
      if (o.limit && docs.size() >= o.limit) break;
    }
    std::printf("%zu records, %zu terms, %zu positions, %.1f MB of data\n", docs.size(), terms,
                positions, static_cast<double>(bytes) / 1e6);

    const auto start = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db(o.out, Xapian::DB_CREATE);
    std::string current;
    std::size_t since_commit = 0;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (files[i] != current || i == 0) {
        if (i > 0) db.commit_transaction();
        if (since_commit >= o.batch) {
          db.commit();
          since_commit = 0;
        }
        db.begin_transaction(false);
        current = files[i];
      }
      db.add_document(docs[i]);
      ++since_commit;
    }
    if (!docs.empty()) db.commit_transaction();
    db.commit();
    const double secs = seconds_since(start);
    std::printf("added and committed in %.2f s: %.3f ms a record\n", secs,
                docs.empty() ? 0.0 : 1000 * secs / static_cast<double>(docs.size()));
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "writer_bench: %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
