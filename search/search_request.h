// A search as asked for (GET /api/v1/search parameters) and its answer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace samrad::search {

// The longest query text accepted, in characters.
inline constexpr size_t kMaxQueryChars = 500;
inline constexpr int kMaxOffset = 10000;

struct SearchRequest {
  std::string q;                    // empty: browse everything that passes the filters
  std::vector<std::string> types;   // any of consultation, comment, decision, dataset
  std::vector<std::string> states;  // upcoming, open, closed, decided ...
  std::vector<std::string> outcomes;  // decisions' outcomes: approved, rejected ...
  std::vector<std::string> areas;
  std::optional<int64_t> from, to;  // inclusive epoch bounds on the document date
  std::optional<std::string> lang;  // sv or en; detected from q when absent
  std::string sort;                 // relevance or newest; default newest for empty q
  int limit = 20;
  int offset = 0;
  // When the query as typed finds nothing and a spelling suggestion does,
  // answer with the suggestion's matches (spelling=follow).
  bool follow_suggestion = false;
};

struct SearchHit {
  std::string type;
  int64_t id = 0;
  std::string title;    // plain text
  std::string snippet;  // HTML: escaped text with <mark> around hits
  std::string url;
  int64_t date = 0;
};

struct SearchResult {
  int64_t total = 0;
  std::vector<SearchHit> hits;
  // facet name (type, state, outcome, year, area) -> value -> number of
  // matching items; state counts consultations, outcome decisions
  std::map<std::string, std::map<std::string, int64_t>> facets;
  // True when total and facets are exact counts; false for many matches, when
  // both are estimates (facets scaled up from the first matches looked at).
  bool facets_exact = true;
  std::optional<std::string> suggestion;  // a corrected query ("did you mean")
  // True when hits, total and facets are the suggestion's (follow_suggestion).
  bool suggestion_followed = false;
  // True when the query held words but only function words ("och", "the"),
  // which are not indexed: it finds nothing, and says why.
  bool stop_words_only = false;
  // True when a wildcard ("a*") begins more words than are searched for at
  // once, so only the most frequent of them were (query_builder.h).
  bool wildcard_limited = false;
};

// Reads the query parameters. Errors: kMalformed (400) for text that is not
// UTF-8 or a query longer than kMaxQueryChars; kInvalidArgument (422) naming
// each bad parameter (unknown type, sort, lang or spelling, bad dates, limit,
// offset).
Result<SearchRequest> ParseSearchRequest(const std::map<std::string, std::string>& query);

// True when text is well-formed UTF-8 (no overlongs or surrogates).
bool IsValidUtf8(const std::string& text);

}  // namespace samrad::search
