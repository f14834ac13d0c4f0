// Personal data detection. Identity numbers are from the Swedish tax
// agency's test series (serial numbers 98x, as in its example 811218-9876)
// or are made invalid on purpose; never real ones.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "indexer/privacy/privacy.hh"

using rk::privacy::Kind;

namespace {

struct Found {
  std::string text;
  Kind kind;
  bool operator==(const Found&) const = default;
};

std::vector<Found> found(const std::string& text) {
  std::vector<Found> out;
  for (const auto& span : rk::privacy::find_personal_data(text))
    out.push_back({text.substr(span.begin, span.end - span.begin), span.kind});
  return out;
}

}  // namespace

TEST_CASE("identity numbers: shapes, check digit, date, samordningsnummer") {
  const struct {
    const char* text;
    bool valid;
    Kind kind;
  } cases[] = {
      {"811218-9876", true, Kind::personnummer},       {"8112189876", true, Kind::personnummer},
      {"19811218-9876", true, Kind::personnummer},     {"198112189876", true, Kind::personnummer},
      {"811218+9876", true, Kind::personnummer},        // over 100 years old
      {"811278-9873", true, Kind::samordningsnummer},   // day 18 + 60
      {"811218-9875", false, Kind::personnummer},       // wrong check digit
      {"811318-9875", false, Kind::personnummer},       // month 13, check digit right
      {"811292-9875", false, Kind::samordningsnummer},  // day 32 + 60
      {"811218-987", false, Kind::personnummer},        // too short
      {"811218 9876", false, Kind::personnummer},       // not one of the shapes
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    Kind kind = Kind::email;
    CHECK(rk::privacy::is_identity_number(c.text, &kind) == c.valid);
    if (c.valid) CHECK(kind == c.kind);
  }
}

TEST_CASE("find_personal_data: numbers, phones and addresses in running text") {
  const struct {
    std::string text;
    std::vector<Found> expected;
  } cases[] = {
      {"Sökande: 19811218-9876, Storgatan 1.", {{"19811218-9876", Kind::personnummer}}},
      {"samordningsnummer 811278-9873.", {{"811278-9873", Kind::samordningsnummer}}},
      {"Kontakt: 031-365 00 00 eller 070-123 45 67.",
       {{"031-365 00 00", Kind::phone}, {"070-123 45 67", Kind::phone}}},
      {"Ring 08-123 456 78 eller +46 (0)31 365 00 00.",
       {{"08-123 456 78", Kind::phone}, {"+46 (0)31 365 00 00", Kind::phone}}},
      {"Mobil +46701234567.", {{"+46701234567", Kind::phone}}},
      {"Handläggare: anna.andersson@stadshuset.testby.se.",
       {{"anna.andersson@stadshuset.testby.se", Kind::email}}},
      {"Skriv till registrator@testby.se eller ring 031 - 365 00 00.",
       {{"registrator@testby.se", Kind::email}, {"031 - 365 00 00", Kind::phone}}},
      // Not personal data: dates, years, case numbers, amounts, wrong check digits.
      {"Beslut 2023-05-02 i ärende KS-2023-0123, 12 345 000 kronor.", {}},
      {"Programmet gäller 2019-2022 och ersätter SFS 2018:218.", {}},
      {"Order 1234567890123 och 811218-9875.", {}},
      {"Tabell 0 5 10 15 och kod 0,5.", {}},
      {"Tid 00 01 02 03 04 05 06, källa (den 05 09 2022), 1 025 000 000 kronor.", {}},
      {"E-post: ingen@, @testby.se och a@b.", {}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(found(c.text) == c.expected);
  }
}

TEST_CASE("redact: each span becomes its kind in brackets, the rest stays") {
  const struct {
    const char* text;
    const char* redacted;
  } cases[] = {
      {"Anna (811218-9876) nås på 031-365 00 00 och anna@testby.se.",
       "Anna ([personnummer]) nås på [telefonnummer] och [e-post]."},
      {"Samordningsnummer 811278-9873 saknas.", "Samordningsnummer [samordningsnummer] saknas."},
      {"Inget att dölja här.", "Inget att dölja här."},
      {"", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(std::string(c.text));
    CHECK(rk::privacy::redact(c.text) == c.redacted);
  }
}
