// Splitting text into words by Xapian's Unicode rules, shared by the query
// builder (language detection) and the index (spelling data).
#pragma once

#include <string>
#include <vector>

namespace samrad::search {

// The words of text in order (runs of word characters), lower-cased unless
// lower is false. Thread-safe.
std::vector<std::string> Words(const std::string& text, bool lower = true);

// Whether ch opens or closes a phrase for the query parser: " and the
// typographic quotes.
inline bool IsQuote(unsigned ch) { return ch == '"' || ch == 0x201C || ch == 0x201D; }

}  // namespace samrad::search
