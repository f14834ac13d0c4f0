// Shared by extraction and resolution: tokens and the Swedish words that
// name a kind of steering document.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rk::refs {

// A word (letters, digits, inner hyphens; a trailing hyphen when it is a
// suspended compound part, "Trygghets-") or one punctuation character.
struct Token {
  std::size_t begin = 0, end = 0;  // bytes in the passage
  std::string text;
  std::string lower;
  bool word = false;
  bool capital = false;  // starts with an upper-case letter
  bool number = false;   // digits only
};

std::vector<Token> tokenize(std::string_view text);

// "program", "plan", "policy", "riktlinje" or "strategi" at the end of a
// word, with the inflection the word has.
struct Head {
  std::string head;      // the document type, base form
  std::string modifier;  // the compound's first part, lower case, linking s and hyphen removed
  bool definite = false;
  bool plural = false;
};

std::optional<Head> document_head(std::string_view lower_word);

// "säkerhets" -> "säkerhet"; "Posom-" -> "posom"; other words as they are.
std::string compound_stem(std::string_view lower_part);

// A four-digit year 1900..2099.
bool is_year(const Token& token);

// Words that a title's tail may contain but never ends with.
bool is_function_word(std::string_view lower_word);

// The content words of a name, lower case, compounds split into modifier and
// head; years, function words and the owner ("Norrviks stads", "i Norrviks
// stad") left out: what two names are compared by.
std::set<std::string> name_words(std::string_view name);

// The document type of a name: its first word with a document head
// ("plan" for "Plan för kulturprogrammet"); empty when it has none.
std::string head_of(std::string_view name);

// The owner a name gives, lower case without its genitive: "norrvik" for
// "Norrviks stads plan ..." and "Plan ... i Norrviks stad"; else empty
// ("stadens plan" is the reader's own city).
std::string owner_in(std::string_view name);

// "2019-2022", "2019 – 2022" -> "2019–2022"; the first year range or year in
// `text`, or empty.
std::string years_in(std::string_view text);

}  // namespace rk::refs
