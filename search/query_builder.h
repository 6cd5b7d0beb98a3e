// Turns the text a person typed into a Xapian query: language detection,
// field prefixes, phrases, boolean operators, wildcards, and a plain-term
// fallback for text the parser cannot read.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

namespace samrad::search {

// The languages to stem the query in: the requested one, else the detected
// one (å/ä/ö or Swedish function words: sv; English function words: en),
// else both (each document is stemmed in its own language, so an ambiguous
// query is stemmed both ways and either may match).
std::vector<std::string> QueryLanguages(const std::string& q, const std::optional<std::string>& lang);

// How many stems a trailing * expands to, at most: the most frequent ones.
inline constexpr unsigned kMaxWildcardExpansion = 64;

struct ParsedQuery {
  Xapian::Query query;
  // A wildcard of the query matches more stems than kMaxWildcardExpansion,
  // so only the most frequent of them were searched for.
  bool wildcard_limited = false;
};

// Parses q (non-empty, valid UTF-8) against db (for wildcards and spelling).
// A query of nothing but wildcards carries no weight: ranking thousands of
// expanded stems' matches took over half a second at a million items, and
// unweighted the matcher stops as soon as it has counted enough.
// Never throws for user text: a QueryParserError falls back to plain terms.
// May throw Xapian::Error for database trouble.
ParsedQuery BuildQuery(const std::string& q, const std::vector<std::string>& languages,
                       const Xapian::Database& db);

// True when q has words, and every one (operators aside) is a function
// word of one of languages. Asked when a query found nothing: function
// words are not indexed. Pure.
bool OnlyStopWords(const std::string& q, const std::vector<std::string>& languages);

// The spelling-corrected query text, empty when there is nothing to correct.
// Costly (a spelling lookup per word): ask only when a query found nothing.
std::string CorrectedQuery(const std::string& q, const Xapian::Database& db);

}  // namespace samrad::search
