// The log's entry limit as the client sees it: a change whose entry would
// pass kMaxEntryBytes (texts go into entries whole) is refused with 422 at
// the field that takes the most bytes, naming the size and the limit.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/sqlite.h"
#include "core/status.h"

namespace samrad::tlog {

// The field error: "does not fit the public log: it takes B bytes, and at
// most L bytes fit".
FieldError EntryTooLargeError(const std::string& field, size_t bytes, size_t limit);
// The bytes and limit of such an error's message; nullopt for any other.
struct EntrySize {
  size_t bytes = 0;
  size_t limit = 0;
};
std::optional<EntrySize> EntryTooLargeSizes(const std::string& message);

// The JSON pointer of the member that takes the most bytes, descending at
// most two levels, and into a member only while it takes more than half of
// its parent (so an amendment's "changes" names "/changes/body"). "" for an
// empty object.
std::string LargestField(const nlohmann::json& payload);

// What EventLog::Append throws for an entry over the limit (SQLITE_TOOBIG);
// Database::Write answers it with status().
class EntryTooLarge : public db::DbError {
 public:
  EntryTooLarge(const nlohmann::json& payload, size_t bytes, size_t limit);
  // kInvalidArgument with one EntryTooLargeError at LargestField(payload).
  const Status& status() const { return status_; }

 private:
  Status status_;
};

}  // namespace samrad::tlog
