// The store: manifest parsing, document structure, and the pipeline's
// incremental behaviour (unchanged, changed, removed, broken files) on small
// files written by the test.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/core/records.hh"
#include "indexer/core/schema.hh"
#include "indexer/store/database.hh"
#include "indexer/store/manifest.hh"
#include "indexer/store/pipeline.hh"
#include "indexer/store/structure.hh"
#include "query/consult.hh"
#include "query/library.hh"
#include "query/search.hh"
#include "temp_index.hh"

namespace fs = std::filesystem;
using namespace rk;

namespace {

using test::TempDir;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

IndexSummary index(const fs::path& db, const fs::path& dir, std::string* errors = nullptr) {
  IndexOptions opt;
  opt.db = db.string();
  opt.inputs = {dir};
  opt.threads = 2;
  std::ostringstream err;
  auto s = run_index(opt, err);
  if (errors) *errors = err.str();
  return s;
}

const char* kPolicy =
    "Policy för informationssäkerhet i Testby kommun\n\n"
    "1 Syfte\n\n"
    "Policyn anger hur kommunens information skyddas. Informationssäkerhetsarbetet\n"
    "leds av kommunstyrelsen.\n\n"
    "2 Ansvar\n\n"
    "Varje nämnd ansvarar för informationssäkerheten i sin verksamhet.\n";

const char* kResponse =
    "Stadsdelsnämnden Norr\n\nYttrande över Policy för informationssäkerhet i Testby kommun\n\n"
    "Sammanfattning\n\nNämnden tillstyrker förslaget men saknar en beskrivning av hur\n"
    "leverantörer ska följa policyn.\n";

}  // namespace

TEST_CASE("manifest: a valid manifest overrides fields of the named files and parts") {
  const std::string text =
      "# overrides\n"
      "[a/policy.txt]\n"
      "id = it-policy\n"
      "kind = policy   # inline comment\n"
      "date = 2026-01-31\n"
      "aliases = IT-policyn; policyn\n"
      "[bundle.txt#2]\n"
      "kind = response\n";
  Manifest m = Manifest::parse(text, "/corpus/manifest.ini");
  REQUIRE(m.entries().size() == 2);
  Document d;
  d.id = "policy";
  m.apply("/corpus/a/policy.txt", 0, d);
  CHECK(d.id == "it-policy");
  CHECK(d.kind == "policy");
  CHECK(d.date == "2026-01-31");
  CHECK(d.aliases == std::vector<std::string>{"IT-policyn", "policyn"});
  CHECK(d.manifest_fields.size() == 4);
  Document part2;
  part2.kind = "other";
  m.apply("/corpus/bundle.txt", 2, part2);
  CHECK(part2.kind == "response");
  Document part3;
  part3.kind = "other";
  m.apply("/corpus/bundle.txt", 3, part3);
  CHECK(part3.kind == "other");
}

TEST_CASE("manifest: errors name the file and the line") {
  struct Case {
    std::string text;
    std::string where;
    std::string reason;
  };
  const Case cases[] = {
      {"[a.txt]\nkind = pamflett\n", "m.ini:2:", "okänd dokumenttyp"},
      {"[a.txt]\ndate = 2026-13-01\n", "m.ini:2:", "ogiltigt datum"},
      {"[a.txt]\ncolour = blue\n", "m.ini:2:", "okänd nyckel"},
      {"kind = policy\n", "m.ini:1:", "före första"},
      {"[a.txt]\n\njust words\n", "m.ini:3:", "nyckel = värde"},
      {"[a.txt#x]\n", "m.ini:1:", "delnumret"},
      {"[a.txt]\nid = Stora Bokstäver\n", "m.ini:2:", "ogiltigt id"},
      {"[a.txt\n", "m.ini:1:", "rubriken"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    try {
      Manifest::parse(c.text, "m.ini");
      FAIL("no error");
    } catch (const UsageError& e) {
      const std::string msg = e.what();
      CHECK(msg.rfind(c.where, 0) == 0);
      CHECK(msg.find(c.reason) != std::string::npos);
    }
  }
}

TEST_CASE("structure: headings open sections, passages get ids, pages and lines") {
  DocumentPart part;
  part.blocks = {
      {BlockKind::paragraph, 0, "Inledande text.", 1, 1, 1},
      {BlockKind::heading, 1, "1 Syfte", 1, 3, 3},
      {BlockKind::paragraph, 0, "Första stycket.", 1, 5, 6},
      {BlockKind::list_item, 0, "En punkt.", 2, 8, 8},
      {BlockKind::heading, 1, "2 Tom rubrik", 2, 10, 10},
  };
  Document doc;
  doc.id = "prog";
  build_sections(part, doc);
  REQUIRE(doc.sections.size() == 3);
  CHECK(doc.sections[0].heading.empty());
  CHECK(doc.sections[1].heading == "1 Syfte");
  REQUIRE(doc.sections[1].passages.size() == 2);
  CHECK(doc.sections[1].passages[0].id == "prog:p2");
  CHECK(doc.sections[1].passages[1].kind == BlockKind::list_item);
  CHECK(doc.sections[1].passages[1].page == 2);
  CHECK(doc.sections[1].passages[0].line_start == 5);
  CHECK(doc.sections[1].passages[0].line_end == 6);
  CHECK(doc.sections[2].passages.empty());
  CHECK(default_doc_id("Remissvar Östra Åsen", 0) == "remissvar-ostra-asen");
  CHECK(default_doc_id("handling-2027-nr-41", 3) == "handling-2027-nr-41.03");
}

TEST_CASE("pipeline: indexes, skips unchanged, re-indexes changed, removes deleted") {
  TempDir tmp;
  const fs::path corpus = tmp.path / "corpus", db = tmp.path / "db";
  write(corpus / "policy.txt", kPolicy);
  write(corpus / "svar" / "remissvar-norr.txt", kResponse);
  write(corpus / ".hidden.txt", "ska inte läsas");

  auto first = index(db, corpus);
  CHECK(first.files == 2);
  CHECK(first.indexed == 2);
  CHECK(first.failed == 0);
  CHECK(first.passages >= 4);
  {
    Xapian::Database x = open_readonly(db.string());
    auto docs = list_documents(x);
    REQUIRE(docs.size() == 2);
    CHECK(docs[0]->getValue<std::string>("id") == "policy");
    auto shown = load_document(x, "policy");
    REQUIRE(shown);
    CHECK((*shown)->getArray("sections")->size() >= 2);
    SearchRequest req;
    req.query = "informationssäkerheten";
    CHECK(search(x, req).total >= 1);
  }

  auto second = index(db, corpus);
  CHECK(second.indexed == 0);
  CHECK(second.unchanged == 2);

  write(corpus / "policy.txt",
        std::string(kPolicy) + "\n3 Uppföljning\n\nPolicyn följs upp årligen.\n");
  auto third = index(db, corpus);
  CHECK(third.indexed == 1);
  CHECK(third.unchanged == 1);
  {
    Xapian::Database x = open_readonly(db.string());
    SearchRequest req;
    req.query = "årligen";
    CHECK(search(x, req).total == 1);
    CHECK(list_documents(x).size() == 2);  // no duplicates
  }

  fs::remove(corpus / "svar" / "remissvar-norr.txt");
  auto fourth = index(db, corpus);
  CHECK(fourth.removed == 1);
  Xapian::Database x = open_readonly(db.string());
  CHECK(list_documents(x).size() == 1);
  SearchRequest req;
  req.query = "leverantörer";
  CHECK(search(x, req).total == 0);
}

TEST_CASE("pipeline: files of the same name get ids qualified by their folders, not numbers") {
  // Case folders repeat across towns: one folder does not always tell two
  // files apart, and a number would depend on the order the files came in.
  TempDir tmp;
  const fs::path corpus = tmp.path / "corpus", db = tmp.path / "db";
  for (const char* town : {"kommun-a", "kommun-b", "kommun-c"})
    write(corpus / town / "svar" / "remissvar.txt", kResponse);
  std::string errors;
  auto s = index(db, corpus, &errors);
  CHECK(s.indexed == 3);
  CHECK(errors.find("används redan") == std::string::npos);
  std::set<std::string> ids;
  {
    Xapian::Database x = open_readonly(db.string());
    for (const auto& d : list_documents(x)) ids.insert(d->getValue<std::string>("id"));
  }
  CHECK(ids == std::set<std::string>{"remissvar", "svar-remissvar", "kommun-c-svar-remissvar"});

  // Re-indexing a changed file keeps its id.
  write(corpus / "kommun-c" / "svar" / "remissvar.txt",
        std::string(kResponse) + "\nNämnden vill se en tidplan.\n");
  s = index(db, corpus, &errors);
  CHECK(s.indexed == 1);
  Xapian::Database x = open_readonly(db.string());
  SearchRequest req;
  req.query = "tidplan";
  auto hits = search(x, req);
  REQUIRE(hits.hits.size() == 1);
  CHECK(hits.hits[0].doc == "kommun-c-svar-remissvar");
  CHECK(load_document(x, "kommun-c-svar-remissvar"));
}

TEST_CASE("links: who answers a document is a posting list, and an older index gets the terms") {
  TempDir tmp;
  const fs::path corpus = tmp.path / "corpus", db = tmp.path / "db";
  write(corpus / "policy.txt", kPolicy);
  write(corpus / "svar" / "remissvar-norr.txt", kResponse);
  index(db, corpus);
  auto compiled_ids = [&] {
    Xapian::Database x = open_readonly(db.string());
    std::vector<std::string> ids;
    auto responses = compile_program(x, "policy")->getArray("responses");
    for (std::size_t i = 0; responses && i < responses->size(); ++i)
      ids.push_back(responses->getObject(static_cast<unsigned>(i))->getValue<std::string>("doc"));
    return ids;
  };
  const std::vector<std::string> want{"remissvar-norr"};
  {
    Xapian::Database x = open_readonly(db.string());
    CHECK(has_link_terms(x));
    CHECK(x.get_termfreq("XApolicy") == 1);
    auto answering = documents_with(x, {"XApolicy"});
    REQUIRE(answering.size() == 1);
    CHECK(answering[0]->getValue<std::string>("id") == "remissvar-norr");
  }
  CHECK(compiled_ids() == want);

  // An index from before the terms: they and the metadata are gone. The
  // query side scans the records and finds the same; the next run (nothing
  // changed) resolves again and writes them back.
  {
    Xapian::WritableDatabase w = open_writable(db.string());
    w.set_metadata(std::string(schema::kLinkTermsKey), "");
    for (Xapian::PostingIterator it = w.postlist_begin("XApolicy");
         it != w.postlist_end("XApolicy"); ++it) {
      Xapian::Document rec = w.get_document(*it);
      rec.remove_term("XApolicy");
      w.replace_document(*it, rec);
    }
    w.commit();
  }
  {
    Xapian::Database x = open_readonly(db.string());
    CHECK_FALSE(has_link_terms(x));
    CHECK(x.get_termfreq("XApolicy") == 0);
  }
  CHECK(compiled_ids() == want);
  auto again = index(db, corpus);
  CHECK(again.indexed == 0);
  Xapian::Database x = open_readonly(db.string());
  CHECK(has_link_terms(x));
  CHECK(x.get_termfreq("XApolicy") == 1);
  CHECK(compiled_ids() == want);
}

TEST_CASE("pipeline: a broken file is reported by name, the rest is indexed, nothing is lost") {
  TempDir tmp;
  const fs::path corpus = tmp.path / "corpus", db = tmp.path / "db";
  write(corpus / "policy.txt", kPolicy);
  write(corpus / "tom.txt", "");
  write(corpus / "trasig.docx", "det här är ingen zip-fil");
  std::string errors;
  auto s = index(db, corpus, &errors);
  CHECK(s.indexed == 1);
  CHECK(s.failed == 2);
  CHECK(errors.find("tom.txt: ") != std::string::npos);
  CHECK(errors.find("trasig.docx: ") != std::string::npos);

  // A file that was indexed and then breaks keeps what was indexed.
  write(corpus / "policy.txt",
        std::string("\x00\x01\x02\x03 binary junk", 17) + std::string(4000, '\x01'));
  s = index(db, corpus, &errors);
  CHECK(s.failed == 3);
  Xapian::Database x = open_readonly(db.string());
  CHECK(list_documents(x).size() == 1);
}

TEST_CASE("database: another schema version and a second writer get clear messages") {
  TempDir tmp;
  const std::string db = (tmp.path / "db").string();
  {
    Xapian::WritableDatabase w(db, Xapian::DB_CREATE_OR_OPEN);
    w.set_metadata("remisskoll:schema", "999");
    w.add_document(Xapian::Document());
    w.commit();
  }
  try {
    open_readonly(db);
    FAIL("opened a database of another schema");
  } catch (const DatabaseError& e) {
    CHECK(std::string(e.what()).find("schemaversion 999") != std::string::npos);
    CHECK(e.hint().find("index") != std::string::npos);
  }
  const std::string db2 = (tmp.path / "db2").string();
  Xapian::WritableDatabase first = open_writable(db2);
  try {
    open_writable(db2);
    FAIL("two writers");
  } catch (const DatabaseError& e) {
    CHECK(std::string(e.what()).find("skrivs av en annan process") != std::string::npos);
  }
}

TEST_CASE("compact: the index is rewritten in place and keeps its documents and file states") {
  TempDir tmp;
  const fs::path corpus = tmp.path / "corpus", db = tmp.path / "db";
  write(corpus / "policy.txt", kPolicy);
  write(corpus / "svar" / "remissvar-norr.txt", kResponse);
  REQUIRE(index(db, corpus).indexed == 2);
  // Indexing the response again leaves old revisions and half-full blocks.
  write(corpus / "svar" / "remissvar-norr.txt", std::string(kResponse) + "\nTillägg.\n");
  REQUIRE(index(db, corpus).indexed == 1);
  Xapian::Database before = open_readonly(db.string());
  SearchRequest req;
  req.query = "leverantörer";
  const auto hits_before = search(before, req).hits;
  REQUIRE(hits_before.size() == 1);

  const CompactSummary s = compact_index(db.string());
  CHECK(s.bytes_after > 0);
  CHECK(s.bytes_after < s.bytes_before);
  CHECK(!fs::exists(tmp.path / "db.compact"));
  CHECK(!fs::exists(tmp.path / "db.old"));
  // A reader opened before goes on reading its revision.
  CHECK(search(before, req).hits.size() == 1);

  Xapian::Database after = open_readonly(db.string());
  CHECK(after.get_doccount() == before.get_doccount());
  const auto hits_after = search(after, req).hits;
  REQUIRE(hits_after.size() == 1);
  CHECK(hits_after[0].passage == hits_before[0].passage);
  CHECK(after.get_metadata(std::string(schema::kLinkTermsKey)) == "1");
  // The file states came along: nothing is indexed again.
  const auto again = index(db, corpus);
  CHECK(again.indexed == 0);
  CHECK(again.unchanged == 2);

  // No index, and an index another process writes: clear messages.
  CHECK_THROWS_AS(compact_index((tmp.path / "none").string()), DatabaseError);
  // A folder that is not an index is left as it is.
  write(tmp.path / "notes" / "a.txt", "anteckning");
  CHECK_THROWS_AS(compact_index((tmp.path / "notes").string()), DatabaseError);
  CHECK(!fs::exists(tmp.path / "notes" / "iamglass"));
  Xapian::WritableDatabase writer = open_writable(db.string());
  try {
    compact_index(db.string());
    FAIL("compacted an index another process writes");
  } catch (const DatabaseError& e) {
    CHECK(std::string(e.what()).find("skrivs av en annan process") != std::string::npos);
  }
  CHECK(!fs::exists(tmp.path / "db.compact"));
}

TEST_CASE("records: top-level fields are read without parsing the record") {
  const std::string json =
      R"({"id":"a","outline":[{"title":"inner","x":[1,{"y":"]"}]}],"title":"Plan \"för\" \u00e4ldre",)"
      R"("references":[{"target":"b","passage":"a:p1"}],"replaces":null,"n":12,)"
      R"("manifest_fields":["responds_to"], "last" : "end"})";
  CHECK(rk::top_level_text(json, "title") == "Plan \"för\" äldre");  // not the nested one
  CHECK(rk::top_level_text(json, "id") == "a");
  CHECK(rk::top_level_text(json, "last") == "end");
  CHECK(rk::top_level_text(json, "replaces").empty());
  CHECK(rk::top_level_text(json, "missing").empty());
  CHECK(rk::top_level_raw(json, "references").value() == R"([{"target":"b","passage":"a:p1"}])");
  CHECK(rk::top_level_raw(json, "outline").value() == R"([{"title":"inner","x":[1,{"y":"]"}]}])");
  CHECK(rk::top_level_raw(json, "replaces").value() == "null");
  CHECK(rk::top_level_raw(json, "n").value() == "12");
  CHECK(rk::top_level_raw(json, "manifest_fields").value() == R"(["responds_to"])");
  CHECK_FALSE(rk::top_level_raw(json, "y").has_value());  // nested keys are not top level
  CHECK_FALSE(rk::top_level_raw(json, "missing").has_value());
  // What the stored record holds is what stringify writes.
  auto obj = rk::parse_json_object(json);
  CHECK(rk::top_level_raw(rk::to_json_string(obj), "references").value() ==
        R"([{"passage":"a:p1","target":"b"}])");
}

TEST_CASE("database: a stub that lists a remote shard, directly or through another, is remote") {
  test::TempDir tmp;
  const auto p = tmp.path;
  std::filesystem::create_directories(p / "local");
  std::filesystem::create_directories(p / "stubdir");
  std::ofstream(p / "local.stub") << "# two local shards\nauto local\nglass " << (p / "x").string()
                                  << "\n";
  std::ofstream(p / "remote.stub") << "auto local\nremote localhost:33333\n";
  std::ofstream(p / "prog.stub") << "remote :xapian-progsrv " << (p / "local").string() << "\n";
  std::ofstream(p / "nested.stub") << "local.stub\nauto remote.stub\n";
  std::ofstream(p / "stubdir" / "XAPIANDB") << "auto ../remote.stub\n";
  std::ofstream(p / "loop.stub") << "loop.stub\n";
  CHECK_FALSE(has_remote_shards((p / "local").string()));
  CHECK_FALSE(has_remote_shards((p / "local.stub").string()));
  CHECK_FALSE(has_remote_shards((p / "missing").string()));
  CHECK_FALSE(has_remote_shards((p / "loop.stub").string()));  // ends, says no
  CHECK(has_remote_shards((p / "remote.stub").string()));
  CHECK(has_remote_shards((p / "prog.stub").string()));
  CHECK(has_remote_shards((p / "nested.stub").string()));
  CHECK(has_remote_shards((p / "stubdir").string()));
}
