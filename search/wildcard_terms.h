// Trailing wildcards (cykel*) expanded by Samråd itself into the indexed
// terms they stand for, so that snippets can mark the words they matched:
// Xapian's own wildcard query carries no terms a snippet can look for.
#pragma once

#include <xapian.h>

#include <string>

namespace samrad::search {

// The query field the rewritten wildcards use.
inline constexpr const char* kWildcardField = "samradwildcard";
// Terms a wildcard expands to at most: the most frequent, as Xapian's own
// WILDCARD_LIMIT_MOST_FREQUENT picks them.
inline constexpr size_t kMaxWildcardTerms = 64;

// q with every unprefixed word followed by * outside quotes ("cykel*",
// "-cykel*", "(cykel*") written as kWildcardField:word; everything else,
// including title:cykel* and phrases, unchanged. Thread-safe.
std::string WildcardsAsField(const std::string& q);

// Turns the word of a rewritten wildcard into a synonym query of the
// indexed terms starting with its lower-cased form (under the stemmed-text
// prefix), as Xapian's wildcard would match; a word that starts no term
// matches nothing. One per parser.
class WildcardExpander : public Xapian::FieldProcessor {
 public:
  explicit WildcardExpander(Xapian::Database db) : db_(std::move(db)) {}
  Xapian::Query operator()(const std::string& word) override;

 private:
  Xapian::Database db_;
};

}  // namespace samrad::search
