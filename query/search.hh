// Search: the user's query is parsed (Swedish analysis, filters typ:, av:,
// dok:, år:, personuppgift:, titel:, phrases, boolean operators) into a
// Xapian query over passages; results carry snippets and facets. A hit's
// text and snippet never show a personnummer or samordningsnummer.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace rk {

struct ParseOptions {
  // False: no query parts that only a local index can run (remote shards).
  bool local = true;
  // titel: keeps the passages of the documents whose title matches: up to
  // this many documents as the OR of their document terms (each a B-tree
  // cursor), beyond it by the document id each record holds as a value
  // (one lookup per candidate; a scan of the values when alone).
  Xapian::doccount title_terms_max = 1000;
};

struct SearchRequest {
  std::string query;
  unsigned offset = 0;
  unsigned limit = 10;
  std::vector<std::string> documents;  // when set: only these documents' passages (--linked)
  bool redact = false;  // also phone numbers and e-mail addresses (identity numbers: always)
  // The facets count every match up to this many, at least this many beyond
  // (SearchResult::facets_counted). 10,000 checked matches, three value
  // streams each, were half the time of a search over the 1 GB corpus.
  Xapian::doccount facet_check = 2000;
  ParseOptions parse;  // how titel: is run
  // The index has remote shards (has_remote_shards): snippets leave out the
  // background model, which asks every shard for the frequency of every
  // word of every hit, one round trip each (about 500 for a page of 10).
  bool remote = false;
};

struct Hit {
  std::string doc, passage, title, kind, section, text, snippet;
  double score = 0;
  int percent = 0;
  int page = 0, line_start = 0, line_end = 0;
};

struct SearchResult {
  Xapian::doccount total = 0;  // estimated number of matching passages
  std::vector<Hit> hits;
  std::map<std::string, std::map<std::string, Xapian::doccount>> facets;  // field -> value -> count
  // The matches the facets counted: every match when there are at most
  // SearchRequest::facet_check, else the first ones checked (at least that
  // many, in index order).
  Xapian::doccount facets_counted = 0;
  std::string parsed;  // Xapian's description of the parsed query
  // Function words left out of the query ("och", "för"), in query order,
  // each once; a phrase or + keeps them.
  std::vector<std::string> ignored;
};

// Parses the query as the search would (for --explain and tests); the
// function words it left out go to `ignored` when given.
Xapian::Query parse_query(const Xapian::Database& db, const std::string& text,
                          std::vector<std::string>* ignored = nullptr,
                          const ParseOptions& options = {});

// Runs a search; throws UsageError for a query that cannot be parsed.
SearchResult search(const Xapian::Database& db, const SearchRequest& req);

// The sentence that tells a user which words were left out and how to keep
// them (text output and web page).
std::string ignored_words_note(const std::vector<std::string>& ignored);

// How each word of a query is analysed, one line per word.
std::vector<std::string> explain_query(const std::string& text);

}  // namespace rk
