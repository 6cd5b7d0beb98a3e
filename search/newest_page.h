// A page of a query's matches newest first, read from the date buckets
// (date_buckets.h): Xapian 1.4 sorts by a value by reading the value of
// every match (about 65 ms for a million documents), so the newest buckets
// are visited one by one, and only buckets with few matches are sorted.
#pragma once

#include <xapian.h>

#include <functional>

namespace samrad::search {

// Buckets with at most this many matches are sorted by date directly;
// larger ones are split into their child buckets first.
inline constexpr Xapian::doccount kSortDirectlyAtMost = 4096;

// Hands take the matches of query in [offset, offset + limit) of the order
// that Enquire::set_sort_by_value_then_relevance(kSlotDate, true) with
// weight gives (date, then weight, both descending, then docid), as one or
// more MSets in that order. Needs an index whose documents all carry their
// date buckets. May throw Xapian::Error.
void NewestPage(const Xapian::Database& db, const Xapian::Query& query, const Xapian::Weight& weight,
                Xapian::doccount offset, Xapian::doccount limit,
                const std::function<void(const Xapian::MSet&)>& take,
                Xapian::doccount sort_directly_at_most = kSortDirectlyAtMost);

}  // namespace samrad::search
