// Nested time buckets of a document's date, as boolean terms: "XBa" and the
// date's first 3 hex digits (of 9, seconds since 1970: buckets of about 194
// days), "XBb" and 5 digits (18 hours), "XBc" and 7 (256 seconds), "XBd"
// and all 9 (one second). A bucket's children are the terms beginning with
// the next level's letter and its digits, and digits sort as dates do, so
// the newest matches of a query are found by reading the newest buckets'
// posting lists (see newest_page.h) instead of the date of every match.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace samrad::search {

inline constexpr const char* kPrefixDateBucket = "XB";
inline constexpr int kDateBucketLevels = 4;

// The kDateBucketLevels terms of a date (epoch seconds; dates before 1970
// and after the year 4147 fall in the first and the last bucket). Pure.
std::vector<std::string> DateBucketTerms(int64_t date);

// The prefix that every child bucket of term carries; empty for the
// finest level. Pure.
std::string DateBucketChildren(const std::string& term);

// The prefix of the coarsest level's terms.
std::string DateBucketTop();

}  // namespace samrad::search
