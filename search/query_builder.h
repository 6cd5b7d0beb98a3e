// Turns the text a person typed into a Xapian query: language detection,
// field prefixes, phrases, boolean operators, wildcards, and a plain-term
// fallback for text the parser cannot read.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "search/wildcard_expansion.h"

namespace samrad::search {

// The languages to stem the query in: the requested one, else the detected
// one (å/ä/ö or Swedish function words: sv; English function words: en),
// else both (each document is stemmed in its own language, so an ambiguous
// query is stemmed both ways and either may match).
std::vector<std::string> QueryLanguages(const std::string& q, const std::optional<std::string>& lang);

struct ParsedQuery {
  Xapian::Query query;
  // A wildcard of the query matches more stems than kMaxWildcardExpansion,
  // so only the most frequent of them were searched for.
  bool wildcard_limited = false;
  // Short wildcards beside words (BeginningIndexed), which query checks
  // per match: lead is query without that check, for a match in order of
  // relevance with BeginningsCheck(checked_beginnings) as its decider.
  std::vector<std::string> checked_beginnings;
  Xapian::Query lead;
};

// Parses q (non-empty, valid UTF-8) against db (for wildcards and spelling).
// A query of nothing but wildcards carries no weight: ranking thousands of
// expanded stems' matches took over half a second at a million items, and
// unweighted the matcher stops as soon as it has counted enough.
// With expansion (and the identity of db's folder), a query of plain words
// and trailing-* words only has its wildcards expanded by expansion, which
// remembers the most frequent stems of a short one, and they select
// without weight: the words rank ("a* kommun" ranks by kommun). Other
// syntax with wildcards is left to Xapian's own expansion. With beginnings
// (db's documents carry kSlotBeginnings), such a wildcard of up to
// kIndexedBeginningChars characters beside words is checked in the value
// of each of the words' matches: every word that begins so is found, and
// none is left out for being rare.
// Never throws for user text: a QueryParserError falls back to plain terms.
// May throw Xapian::Error for database trouble.
ParsedQuery BuildQuery(const std::string& q, const std::vector<std::string>& languages,
                       const Xapian::Database& db, WildcardExpansion* expansion = nullptr,
                       uint64_t index_identity = 0, bool beginnings = false);

// The plain words of q and the beginnings of its trailing-* words (lower
// case, without the *), when q holds nothing else: no operators, quotes,
// fields or signs. Pure.
struct PlainWildcards {
  std::string words;                  // the other words, space-separated
  std::vector<std::string> prefixes;  // "Cykel*" gives "cykel"
};
std::optional<PlainWildcards> SplitPlainWildcards(const std::string& q);

// True when q has words, and every one (operators aside) is a function
// word of one of languages. Asked when a query found nothing: function
// words are not indexed. Pure.
bool OnlyStopWords(const std::string& q, const std::vector<std::string>& languages);

// True when q has words and every one (operators and function words aside)
// is indexed, stemmed in one of languages: a query that then finds nothing
// needs other words, not other spellings, and the costly spelling lookup
// (about 15 ms at 100,000 items) is spared. One lookup per word and
// language. May throw Xapian::Error.
bool EveryWordIndexed(const std::string& q, const std::vector<std::string>& languages, const Xapian::Database& db);

// The spelling-corrected query text, empty when there is nothing to correct.
// Costly (a spelling lookup per word): ask only when a query found nothing.
std::string CorrectedQuery(const std::string& q, const Xapian::Database& db);

}  // namespace samrad::search
