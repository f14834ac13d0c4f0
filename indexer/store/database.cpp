#include "indexer/store/database.hh"

#include <fcntl.h>
#include <stdio.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "indexer/core/error.hh"
#include "indexer/core/schema.hh"

namespace rk {

namespace {

void check_schema(const Xapian::Database& db, const std::string& path) {
  const std::string found = db.get_metadata(std::string(schema::kSchemaKey));
  const std::string want = std::to_string(schema::kSchemaVersion);
  if (found == want) return;
  if (found.empty() && db.get_doccount() == 0) return;  // new, empty database
  throw DatabaseError("indexet i " + path + " har schemaversion " +
                          (found.empty() ? "okänd" : found) +
                          ", den här versionen av remisskoll "
                          "kräver " +
                          want,
                      "bygg om indexet: ta bort " + path + " och kör 'remisskoll index' igen");
}

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  return total;
}

}  // namespace

std::string default_db_path() {
  if (const char* env = std::getenv("REMISSKOLL_DB"); env && *env) return env;
  return "remisskoll.db";
}

Xapian::WritableDatabase open_writable(const std::string& path) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    check_schema(db, path);
    if (db.get_metadata(std::string(schema::kSchemaKey)).empty()) {
      db.set_metadata(std::string(schema::kSchemaKey), std::to_string(schema::kSchemaVersion));
    }
    return db;
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseError("indexet i " + path + " skrivs av en annan process",
                        "vänta tills den andra indexeringen är klar och försök igen");
  } catch (const Xapian::DatabaseError& e) {
    throw DatabaseError("indexet i " + path + " kan inte öppnas för skrivning: " + e.get_msg(),
                        "kontrollera sökvägen och behörigheterna");
  }
}

Xapian::Database open_readonly(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw DatabaseError("det finns inget index i " + path,
                        "skapa det med 'remisskoll index --db " + path + " KATALOG'");
  }
  try {
    Xapian::Database db(path);
    check_schema(db, path);
    return db;
  } catch (const Xapian::DatabaseError& e) {
    throw DatabaseError("indexet i " + path + " kan inte öppnas: " + e.get_msg(),
                        "är det ett remisskoll-index? skapa det med 'remisskoll index'");
  } catch (const Xapian::NetworkError& e) {
    throw DatabaseError("fjärrindexet i " + path + " svarar inte: " + e.get_msg(),
                        "kontrollera att xapian-tcpsrv körs för varje del");
  }
}

namespace {

bool stub_lists_remote(const std::filesystem::path& path, int depth) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path stub = path;
  if (fs::is_directory(stub, ec)) stub /= "XAPIANDB";
  if (depth > 8 || !fs::is_regular_file(stub, ec)) return false;
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string type;
    if (!(words >> type) || type[0] == '#') continue;
    if (type == "remote") return true;
    // "auto PATH", "glass PATH", "chert PATH" or a bare PATH: a database,
    // perhaps another stub; a relative path is relative to this stub.
    std::string target = line;
    if (type == "auto" || type == "glass" || type == "chert") {
      std::getline(words >> std::ws, target);
    }
    const fs::path next =
        fs::path(target).is_absolute() ? fs::path(target) : stub.parent_path() / target;
    if (stub_lists_remote(next, depth + 1)) return true;
  }
  return false;
}

}  // namespace

bool has_remote_shards(const std::string& path) { return stub_lists_remote(path, 0); }

CompactSummary compact_index(const std::string& path) {
  namespace fs = std::filesystem;
  const auto t0 = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    throw DatabaseError(fs::exists(path, ec)
                            ? path +
                                  " är ingen indexkatalog (en stubbfil för delade index "
                                  "komprimeras del för del, på varje maskin)"
                            : "det finns inget index i " + path,
                        "ange indexets katalog med --db");
  }
  const fs::path dir = fs::canonical(path, ec);  // no symlink, no trailing slash
  // Next to the index, so that the swap is a rename on one file system.
  const fs::path out = dir.string() + ".compact";
  CompactSummary sum;
  sum.bytes_before = directory_bytes(dir);
  // An index it is, of this schema (open_writable would make one of any
  // folder); the write lock then keeps `index` out until the new index is
  // in place.
  open_readonly(path);
  Xapian::WritableDatabase db = open_writable(path);
  fs::remove_all(out, ec);  // left by an interrupted run
  try {
    db.compact(out.string(), Xapian::DBCOMPACT_MULTIPASS);
  } catch (const Xapian::Error& e) {
    fs::remove_all(out, ec);
    throw DatabaseError("indexet i " + path + " kunde inte komprimeras: " + e.get_msg(),
                        "kontrollera att det finns plats på disken (det behövs lika mycket "
                        "till som indexet tar)");
  }
  // One atomic exchange: at no moment is there no index at `path`. Where the
  // file system cannot exchange, two renames, the old index kept until the
  // new one is in place.
  if (renameat2(AT_FDCWD, out.c_str(), AT_FDCWD, dir.c_str(), RENAME_EXCHANGE) != 0) {
    const fs::path old = dir.string() + ".old";
    fs::remove_all(old, ec);
    fs::rename(dir, old, ec);
    if (!ec) fs::rename(out, dir, ec);
    if (ec) {
      throw DatabaseError(
          "det komprimerade indexet kunde inte ersätta " + path + ": " + ec.message(),
          "det gamla indexet finns kvar i " + old.string() + " eller " + path);
    }
    fs::rename(old, out, ec);
  }
  db.close();
  fs::remove_all(out, ec);
  sum.bytes_after = directory_bytes(dir);
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace rk
