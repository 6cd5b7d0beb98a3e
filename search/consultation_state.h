// The state of a consultation in the index that follows the clock: worked
// out at query time from its dates (opens, closes and, when a decision lets
// it run to its closing date, decided), both for facets and for filters.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>

namespace samrad::search {

// upcoming, open, closed or decided at time now; the same order of rules as
// samrad::ConsultationState (decided from decided_at on). Pure.
std::string DatedState(int64_t opens, int64_t closes, std::optional<int64_t> decided, int64_t now);

// Documents in state s at time now: those indexed with s as a fixed state,
// or date-driven ones whose dates put them in s (see index_schema.h).
Xapian::Query StateQuery(const std::string& s, int64_t now);

}  // namespace samrad::search
