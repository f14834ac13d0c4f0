// Terminology: acronym alignment, spelling variants, TBX, and the whole
// discovery run on corpus/ against corpus/expected.
#include <Poco/JSON/Parser.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "indexer/core/error.hh"
#include "indexer/core/text.hh"
#include "indexer/store/synonyms.hh"
#include "indexer/terms/terms.hh"
#include "query/search.hh"
#include "query/terms.hh"
#include "tests/unit/temp_index.hh"

using namespace rk;
using namespace rk::terms;

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("acronym alignment: syllable acronyms and negatives") {
  struct Case {
    const char* acronym;
    const char* before;
    const char* expansion;  // "" when nothing may align
  };
  const Case cases[] = {
      {"Posom", "stadens arbete med psykiskt och socialt omhändertagande",
       "psykiskt och socialt omhändertagande"},
      {"RSA", "ska staden göra en risk- och sårbarhetsanalys", "risk- och sårbarhetsanalys"},
      {"MSB", "enligt Myndigheten för samhällsskydd och beredskap",
       "Myndigheten för samhällsskydd och beredskap"},
      {"CSG", "stadens central samverkansgrupp", "central samverkansgrupp"},
      {"Brå", "enligt Brottsförebyggande rådet", "Brottsförebyggande rådet"},
      {"LEH", "enligt lagen om kommunernas beredskap", ""},
      {"RSA", "staden ska göra en analys", ""},
      {"Bilaga", "se förvaltningens beslut", ""},
      {"KD", "yrkande av Ann Knudtzon", ""},
      {"BO", "enligt Barnombudsmannen", "Barnombudsmannen"},
      {"SSPF", "samverkan inom skola-socialtjänst-polis-fritid", "skola-socialtjänst-polis-fritid"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.acronym);
    const auto got = align_acronym(c.acronym, c.before);
    if (*c.expansion == '\0')
      CHECK_FALSE(got.has_value());
    else
      CHECK(got.value_or("") == c.expansion);
  }
}

TEST_CASE("acronym pairs in both orders") {
  struct Case {
    const char* text;
    const char* acronym;
    const char* expansion;
  };
  const Case cases[] = {
      {"Stadens arbete med psykiskt och socialt omhändertagande (Posom) regleras.", "Posom",
       "psykiskt och socialt omhändertagande"},
      {"Den arbetsmodell som Brå (Brottsförebyggande rådet) har tagit fram.", "Brå",
       "Brottsförebyggande rådet"},
      {"Staden ska ta fram en risk- och sårbarhetsanalys (RSA) enligt LEH.", "RSA",
       "risk- och sårbarhetsanalys"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const auto pairs = find_acronym_pairs(c.text);
    REQUIRE(pairs.size() == 1);
    CHECK(pairs[0].acronym == c.acronym);
    CHECK(pairs[0].expansion == c.expansion);
  }
  CHECK(find_acronym_pairs("Nämnden (se bilaga 2) tillstyrker.").empty());
  CHECK(find_acronym_pairs("enligt beslut (Bilaga) och protokoll").empty());
}

TEST_CASE("spelling keys: case, hyphen and space, never letters") {
  struct Case {
    const char* a;
    const char* b;
    bool same;
  };
  const Case cases[] = {
      {"Posom-grupp", "POSOM-grupp", true},
      {"Posom-grupp", "Posomgrupp", true},
      {"Posom-grupp", "Posom grupp", true},
      {"säkerhetssamordnare", "säkerhetsskyddssamordnare", false},
      {"krisledningsnämnd", "krisledningsgrupp", false},
      {"får", "far", false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.a);
    CHECK((spelling_key(c.a) == spelling_key(c.b)) == c.same);
  }
}

TEST_CASE("orthographic discovery groups spellings and keeps the traps apart") {
  const std::vector<PassageText> passages = {
      {"a:p1", "a", "Stadens Posom-grupp leds av en samordnare. Säkerhetssamordnaren deltar."},
      {"a:p2", "a", "Posomgruppen samverkar med regionen och säkerhetsskyddssamordnaren."},
      {"b:p1", "b", "POSOM-gruppen aktiveras av säkerhetssamordnare."},
      {"c:p1", "c", "Här övar vår Posom grupp varje år med säkerhetsskyddssamordnare."},
  };
  const Report r = analyse(passages, {});
  const FoundConcept* posom = nullptr;
  for (const auto& c : r.concepts) {
    std::set<std::string> keys;
    for (const auto& v : c.variants) keys.insert(spelling_key(v.form).substr(0, 8));
    if (c.source == "orthographic") CHECK(keys.size() == 1);  // never two words in one group
    if (c.source == "orthographic" && spelling_key(c.preferred).rfind("posomgrupp", 0) == 0)
      posom = &c;
  }
  REQUIRE(posom != nullptr);
  std::set<std::string> forms;
  for (const auto& v : posom->variants) forms.insert(v.form);
  CHECK(forms ==
        std::set<std::string>{"Posom-grupp", "Posomgruppen", "POSOM-gruppen", "Posom grupp"});
  bool mixed_a = false;
  for (const auto& f : r.findings)
    mixed_a |= f.type == "mixed_in_document" && f.docs == std::vector<std::string>{"a"};
  CHECK(mixed_a);
}

TEST_CASE("TBX round trip") {
  TermBank bank;
  bank.concepts.push_back({"posom-grupp",
                           {{"Posom-grupp", Status::preferred, ""},
                            {"krisstödsgrupp", Status::admitted, "lokalt namn"},
                            {"krisgrupp", Status::deprecated, "förväxlas"}},
                           "Stadens krisstöd",
                           Review::accepted,
                           "compound"});
  const TermBank back = read_tbx(write_tbx(bank));
  REQUIRE(back.concepts.size() == 1);
  CHECK(back.concepts[0].id == "posom-grupp");
  CHECK(back.concepts[0].review == Review::accepted);
  CHECK(back.concepts[0].origin == "compound");
  CHECK(back.concepts[0].note == "Stadens krisstöd");
  REQUIRE(back.concepts[0].terms.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(back.concepts[0].terms[i].form == bank.concepts[0].terms[i].form);
    CHECK(back.concepts[0].terms[i].status == bank.concepts[0].terms[i].status);
    CHECK(back.concepts[0].terms[i].note == bank.concepts[0].terms[i].note);
  }
}

TEST_CASE("hostile and broken TBX is refused") {
  const char* cases[] = {
      R"(<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<tbx><text><body><conceptEntry><langSec xml:lang="sv"><termSec><term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>)",
      R"(<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><tbx>&b;</tbx>)",
      "<tbx><text>",
      "<html><body>inte tbx</body></html>",
  };
  for (const char* c : cases) {
    CAPTURE(c);
    CHECK_THROWS_AS(read_tbx(c), InputError);
  }
}

TEST_CASE("the corpus's term bank is TBX and is not indexed as a document") {
  const auto bank = read_tbx(slurp(std::filesystem::path(RK_SOURCE_DIR) / "corpus/termbank.tbx"));
  CHECK(bank.concepts.size() >= 5);
  rk::test::IndexedTree tree(std::filesystem::path(RK_SOURCE_DIR) / "corpus");
  for (const auto& p : passages_for_terms(tree.db()))
    CHECK(p.doc.find("termbank") == std::string::npos);
}

namespace {

// A reported form stands for an expected one when it is the same spelling
// (the first letter's case aside), possibly inflected.
bool same_form(const std::string& reported, const std::string& expected) {
  auto fold_first = [](std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
    return s;
  };
  return fold_first(reported).rfind(fold_first(expected), 0) == 0;
}

int found_in(const FoundConcept& c, const std::vector<std::string>& expected) {
  int n = 0;
  for (const auto& e : expected)
    for (const auto& v : c.variants)
      if (same_form(v.form, e)) {
        ++n;
        break;
      }
  return n;
}

struct Score {
  int concepts = 0, concepts_found = 0, variants = 0, variants_found = 0;
};

// For each expected concept: the reported concept holding most of its
// variants; found when it holds at least two (so it is grouped, not listed).
Score score(const Report& r, const std::vector<std::vector<std::string>>& expected) {
  Score s;
  for (const auto& forms : expected) {
    int best = 0;
    for (const auto& c : r.concepts) best = std::max(best, found_in(c, forms));
    ++s.concepts;
    s.concepts_found += best >= 2 ? 1 : 0;
    s.variants += static_cast<int>(forms.size());
    s.variants_found += best;
  }
  return s;
}

std::vector<std::vector<std::string>> expected_concepts(const std::filesystem::path& dir) {
  std::vector<std::vector<std::string>> out;
  Poco::JSON::Parser parser;
  auto docs = parser.parse(slurp(dir / "documents.json")).extract<Poco::JSON::Object::Ptr>();
  auto terms = docs->getArray("terminology");
  for (std::size_t i = 0; terms && i < terms->size(); ++i) {
    std::vector<std::string> forms;
    auto vs = terms->getObject(static_cast<unsigned>(i))->getArray("variants");
    for (std::size_t k = 0; k < vs->size(); ++k)
      forms.push_back(vs->getObject(static_cast<unsigned>(k))->getValue<std::string>("form"));
    out.push_back(forms);
  }
  Poco::JSON::Parser parser2;
  auto resp = parser2.parse(slurp(dir / "responses.json")).extract<Poco::JSON::Object::Ptr>();
  auto rterms = resp->getArray("terminology");
  for (std::size_t i = 0; rterms && i < rterms->size(); ++i) {
    auto t = rterms->getObject(static_cast<unsigned>(i));
    if (t->getValue<std::string>("concept") != "posom_group") continue;
    std::vector<std::string> forms;
    for (const auto& [form, why] : *t->getObject("forms")) forms.push_back(form);
    out.push_back(forms);
  }
  return out;
}

bool groups_both(const Report& r, const std::string& a, const std::string& b) {
  for (const auto& c : r.concepts) {
    if (c.source == "compound" || c.source == "distributional") continue;
    if (found_in(c, {a}) && found_in(c, {b})) return true;
  }
  return false;
}

bool has_finding(const Report& r, const std::string& type, const std::string& doc) {
  for (const auto& f : r.findings)
    if (f.type == type && std::find(f.docs.begin(), f.docs.end(), doc) != f.docs.end()) return true;
  return false;
}

}  // namespace

TEST_CASE("end to end on corpus/: planted terminology found, traps apart") {
  const std::filesystem::path src(RK_SOURCE_DIR);
  rk::test::IndexedTree tree(src / "corpus");
  const auto passages = passages_for_terms(tree.db());
  REQUIRE(passages.size() > 100);
  const auto expected = expected_concepts(src / "corpus/expected");
  REQUIRE(expected.size() >= 10);

  const Report found = analyse(passages, {});
  const Score bare = score(found, expected);
  MESSAGE("utan termbank: " << bare.concepts_found << "/" << bare.concepts << " begrepp, "
                            << bare.variants_found << "/" << bare.variants << " varianter");
  const Report banked = analyse(passages, read_tbx(slurp(src / "corpus/termbank.tbx")));
  const Score with = score(banked, expected);
  MESSAGE("med termbank: " << with.concepts_found << "/" << with.concepts << " begrepp, "
                           << with.variants_found << "/" << with.variants << " varianter");
  CHECK(bare.concepts_found >= 5);   // measured 6/10
  CHECK(bare.variants_found >= 15);  // measured 16/33
  CHECK(with.concepts_found >= 6);   // measured 7/10
  CHECK(with.variants_found >= 19);  // measured 20/33

  for (const Report* r : {&found, &banked}) {
    CHECK_FALSE(groups_both(*r, "säkerhetssamordnare", "säkerhetsskyddssamordnare"));
    CHECK_FALSE(groups_both(*r, "krisledningsnämnd", "krisledningsgrupp"));
    CHECK_FALSE(groups_both(*r, "säkerhetssamordnare", "informationssäkerhetssamordnare"));
  }
  for (const char* doc :
       {"trygghetsprogram-2027", "trygghetsprogram-2027-reviderat", "posom-riktlinje"})
    CHECK_MESSAGE(has_finding(banked, "mixed_in_document", doc), doc);
  CHECK(has_finding(banked, "deprecated_term", "remissvar-raddningstjansten"));
  CHECK(has_finding(banked, "deprecated_term", "sakerhetsprogram-2019"));
  CHECK(has_finding(banked, "several_names", "remissvar-sdn-vastra-asen"));
  CHECK(has_finding(found, "mixed_in_document", "posom-riktlinje"));
  // The local name is offered as a candidate with its evidence, not merged.
  bool candidate = false;
  for (const auto& c : found.concepts)
    candidate |= c.source == "compound" && found_in(c, {"krisstödsgrupp"}) &&
                 found_in(c, {"Posom-grupp"}) &&
                 c.reason.find("krisstödsgrupp") != std::string::npos;
  CHECK(candidate);
  for (const auto& f : found.findings) CHECK(f.concept_name.find("krisstöd") == std::string::npos);
}

// --- Reviewer decisions kept in TBX ---

namespace {

const std::vector<PassageText> kReviewPassages = {
    {"a:p1", "a", "Stadens Posom-grupp samordnar krisstöd efter olyckor och bränder."},
    {"a:p3", "a", "Stadens Posomgrupp samordnar krisstöd efter olyckor och bränder."},
    {"a:p2", "a", "Brå (Brottsförebyggande rådet) följer upp arbetet. Brå publicerar statistik."},
    {"b:p1", "b", "POSOM-gruppen samordnar krisstöd efter olyckor och bränder i stadsdelen."},
    {"c:p1", "c", "Krisstödsgruppen samordnar krisstöd efter olyckor och bränder i stadsdelen."},
    {"d:p1", "d", "Samverkansgruppen beslutar om budget och lokaler för förvaltningen."},
    {"d:p2", "d", "Nämnden fastställer budget och lokaler för skolan."},
    {"d:p3", "d", "Förvaltningen redovisar budget och lokaler till nämnden."},
};

const FoundConcept* concept_with(const Report& r, const std::string& source,
                                 const std::string& form) {
  for (const auto& c : r.concepts)
    if (c.source == source)
      for (const auto& v : c.variants)
        if (lower(v.form).find(form) != std::string::npos) return &c;
  return nullptr;
}

// The exported candidates with a verdict on the one proposed by `origin`.
TermBank judge(TermBank bank, const std::string& origin, Review verdict) {
  for (auto& c : bank.concepts)
    if (c.origin == origin) c.review = verdict;
  return read_tbx(write_tbx(bank));
}

}  // namespace

TEST_CASE("reviewer decisions round-trip through TBX and are respected") {
  const Report first = analyse(kReviewPassages, {});
  REQUIRE(concept_with(first, "compound", "krisstöd") != nullptr);
  REQUIRE(concept_with(first, "acronym", "brå") != nullptr);
  REQUIRE(concept_with(first, "orthographic", "posom") != nullptr);

  // Exported for review: every discovered grouping a candidate, with its origin.
  const TermBank exported = read_tbx(write_tbx(candidates_as_bank(first)));
  REQUIRE(exported.concepts.size() == first.concepts.size());
  for (const auto& c : exported.concepts) {
    CHECK(c.review == Review::candidate);
    CHECK_FALSE(c.origin.empty());
  }
  // Unjudged candidates change nothing when the file is read back.
  CHECK(analyse(kReviewPassages, exported).concepts.size() == first.concepts.size());

  struct Case {
    const char* origin;
    Review verdict;
    const char* form;
  };
  const Case cases[] = {{"compound", Review::rejected, "krisstöd"},
                        {"acronym", Review::accepted, "brå"},
                        {"orthographic", Review::rejected, "posom"}};
  for (const auto& c : cases) {
    CAPTURE(c.origin);
    const TermBank reviewed = judge(exported, c.origin, c.verdict);
    const Report next = analyse(kReviewPassages, reviewed);
    CHECK(concept_with(next, c.origin, c.form) == nullptr);  // never reported again as found
    if (c.verdict == Review::accepted) {
      CHECK(concept_with(next, "termbank", c.form) != nullptr);  // a term-bank concept now
    } else {
      for (const auto& f : next.findings)
        CHECK(lower(f.concept_name).find(c.form) == std::string::npos);
    }
    // A rejected compound candidate does not hide the spellings it was built on.
    if (std::string(c.origin) == "compound")
      CHECK(concept_with(next, "orthographic", "posom") != nullptr);
    // Exporting again keeps the verdict beside the remaining candidates.
    int kept = 0;
    for (const auto& k : read_tbx(write_tbx(candidates_as_bank(next, reviewed))).concepts)
      kept += k.review == c.verdict && k.origin == c.origin ? 1 : 0;
    CHECK(kept == 1);
  }
}

// --- Query-time synonyms ---

TEST_CASE("synonym keys and values are the analyser's terms") {
  TermBank bank;
  bank.concepts.push_back({"posom-grupp",
                           {{"Posom-grupp", Status::preferred, ""},
                            {"krisstödsgrupp", Status::admitted, ""},
                            {"krisgrupp", Status::deprecated, ""}},
                           "",
                           Review::none,
                           ""});
  bank.concepts.push_back(
      {"bra",
       {{"Brottsförebyggande rådet", Status::preferred, ""}, {"Brå", Status::admitted, ""}},
       "",
       Review::none,
       ""});
  bank.concepts.push_back({"x",
                           {{"säkerhetssamordnare", Status::preferred, ""},
                            {"säkerhetsskyddssamordnare", Status::admitted, ""}},
                           "",
                           Review::rejected,
                           "orthographic"});
  const SynonymTable table = synonyms_of(bank);
  struct Case {
    const char* key;
    const char* value;  // "" when the key must not exist
  };
  const Case cases[] = {
      {"krisstödsgrupp", "Zposomgrupp"},
      {"Zkrisstödsgrupp", "Zposomgrupp"},
      {"posomgrupp", "Zkrisstödsgrupp"},
      {"Zposomgrupp", "Zkrisstödsgrupp"},
      {"posom grupp", "Zposomgrupp"},
      {"brottsförebyggande rådet", "Zbrå"},
      {"krisgrupp", ""},
      {"Zkrisgrupp", ""},
      {"säkerhetssamordnare", ""},
      {"Zsäkerhetsskyddssamordnar", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.key);
    auto it = table.find(c.key);
    if (*c.value == '\0') {
      CHECK(it == table.end());
    } else {
      REQUIRE(it != table.end());
      CHECK(it->second.count(c.value) == 1);
      CHECK(it->second.count("Zkrisgrupp") == 0);  // deprecated: never a synonym
    }
  }
}

namespace {

void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

std::string posom_bank(const char* krisstod_status) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="sv"><text><body>
<conceptEntry id="posom-grupp"><langSec xml:lang="sv">
<termSec><term>Posom-grupp</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>krisstödsgrupp</term><termNote type="administrativeStatus">)") +
         krisstod_status + R"(</termNote></termSec>
</langSec></conceptEntry></body></text></tbx>)";
}

std::set<std::string> docs_found(const std::string& db, const std::string& query) {
  SearchRequest req;
  req.query = query;
  req.limit = 100;
  std::set<std::string> docs;
  for (const auto& h : search(open_readonly(db), req).hits) docs.insert(h.doc);
  return docs;
}

}  // namespace

TEST_CASE("a search for one accepted name finds the others, only while the term bank says so") {
  rk::test::TempDir tmp;
  const auto tree = tmp.path / "tree";
  std::filesystem::create_directories(tree);
  write_file(tree / "posom.txt", "Posom-gruppen samlas när en allvarlig händelse har inträffat.\n");
  write_file(tree / "lokal.txt", "Krisstödsgruppen i stadsdelen stöder drabbade invånare.\n");
  IndexOptions opt;
  opt.db = (tmp.path / "db").string();
  opt.inputs = {tree};
  const std::set<std::string> both{"lokal", "posom"}, local{"lokal"}, posom{"posom"};
  struct Step {
    const char* bank;  // the term bank in the tree; nullptr: none
    std::set<std::string> krisstod, posomgrupp;
  };
  const Step steps[] = {
      {nullptr, local, posom},                    // no term bank: each name finds itself
      {"admittedTerm-admn-sts", both, both},      // auto-found tree/termbank.tbx
      {"deprecatedTerm-admn-sts", local, posom},  // replaced, not accumulated
      {"admittedTerm-admn-sts", both, both},
      {nullptr, local, posom},  // the file removed: its synonyms go with it
  };
  for (const auto& s : steps) {
    CAPTURE(s.bank);
    if (s.bank != nullptr)
      write_file(tree / "termbank.tbx", posom_bank(s.bank));
    else
      std::filesystem::remove(tree / "termbank.tbx");
    std::ostringstream err;
    run_index(opt, err);
    CHECK(err.str().empty());
    CHECK(docs_found(opt.db, "krisstödsgrupp") == s.krisstod);
    CHECK(docs_found(opt.db, "krisstödsgruppen") == s.krisstod);
    CHECK(docs_found(opt.db, "posomgrupp") == s.posomgrupp);
  }
}

TEST_CASE("index --termbank: a named term bank is remembered, a broken one reported") {
  rk::test::TempDir tmp;
  const auto tree = tmp.path / "tree";
  std::filesystem::create_directories(tree);
  write_file(tree / "posom.txt", "Posom-gruppen samlas när en allvarlig händelse har inträffat.\n");
  write_file(tmp.path / "bank.tbx", posom_bank("admittedTerm-admn-sts"));
  write_file(tmp.path / "broken.tbx", "<tbx><text>");
  IndexOptions opt;
  opt.db = (tmp.path / "db").string();
  opt.inputs = {tree};
  opt.termbanks = {tmp.path / "bank.tbx"};
  std::ostringstream err;
  run_index(opt, err);
  CHECK(docs_found(opt.db, "krisstödsgrupp") == std::set<std::string>{"posom"});
  opt.termbanks = {tmp.path / "broken.tbx"};  // the next run names another file
  const IndexSummary s = run_index(opt, err);
  CHECK(s.failed == 1);
  CHECK(err.str().find("broken.tbx") != std::string::npos);
  CHECK(docs_found(opt.db, "krisstödsgrupp") == std::set<std::string>{"posom"});
  CHECK(recorded_termbanks(open_readonly(opt.db)).size() == 2);
}
