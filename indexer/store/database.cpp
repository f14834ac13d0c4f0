#include "indexer/store/database.hh"

#include <cstdlib>

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

}  // namespace rk
