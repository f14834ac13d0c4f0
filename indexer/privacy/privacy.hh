// Personal data in text: personnummer and samordningsnummer (with their
// Luhn check digit and a real date), Swedish phone numbers and e-mail
// addresses. A pure module: text in, spans out; no Xapian, no files.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rk::privacy {

enum class Kind { personnummer, samordningsnummer, phone, email };

// A byte range [begin, end) of the text and what it holds.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  Kind kind = Kind::personnummer;
  bool operator==(const Span&) const = default;
};

// "personnummer", "samordningsnummer", "telefonnummer", "e-post": the
// Swedish names, also the placeholders of redact().
std::string_view kind_name(Kind kind);

// "personnummer", "samordningsnummer", "phone", "email": the codes of the
// index (JSON "kind", the XP terms a query filters by).
std::string_view kind_code(Kind kind);
std::optional<Kind> kind_from_code(std::string_view code);

// A personnummer or samordningsnummer: never shown in a search snippet.
bool is_identity(Kind kind);

// Every span of personal data, in text order, not overlapping.
std::vector<Span> find_personal_data(std::string_view text);

// The text with each span replaced by what `replace` makes of it (the span
// and its bytes). Spans out of range or overlapping an earlier one are
// skipped: they may come from a stored record of another text.
std::string rewrite(std::string_view text, const std::vector<Span>& spans,
                    const std::function<std::string(const Span&, std::string_view)>& replace);

// The text with each span replaced by "[" + kind_name + "]".
std::string redact(std::string_view text);

// As redact(), but only personnummer and samordningsnummer.
std::string redact_identity_numbers(std::string_view text);

// True for YYMMDD[-+]NNNC or YYYYMMDD[-+]NNNC (separator optional) whose
// date exists (day + 60 for a samordningsnummer) and whose check digit is
// right; `kind` receives which of the two it is.
bool is_identity_number(std::string_view text, Kind* kind = nullptr);

}  // namespace rk::privacy
