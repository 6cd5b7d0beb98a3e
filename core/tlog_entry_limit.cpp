// Refusing changes whose log entry would not fit.
#include "core/tlog_entry_limit.h"

#include <sqlite3.h>

#include <cstdio>

namespace samrad::tlog {

namespace {
constexpr const char* kPrefix = "does not fit the public log: it takes ";
}  // namespace

FieldError EntryTooLargeError(const std::string& field, size_t bytes, size_t limit) {
  return {field, kPrefix + std::to_string(bytes) + " bytes, and at most " + std::to_string(limit) + " bytes fit"};
}

std::optional<EntrySize> EntryTooLargeSizes(const std::string& message) {
  if (!message.starts_with(kPrefix)) return std::nullopt;
  unsigned long long bytes = 0, limit = 0;
  if (std::sscanf(message.c_str() + std::char_traits<char>::length(kPrefix), "%llu bytes, and at most %llu", &bytes,
                  &limit) != 2) {
    return std::nullopt;
  }
  return EntrySize{static_cast<size_t>(bytes), static_cast<size_t>(limit)};
}

std::string LargestField(const nlohmann::json& payload) {
  std::string path;
  const nlohmann::json* at = &payload;
  for (int depth = 0; depth < 2 && at->is_object() && !at->empty(); ++depth) {
    size_t total = at->dump().size(), best = 0;
    std::string key;
    for (const auto& [k, v] : at->items()) {
      size_t n = v.dump().size();
      if (n > best) best = n, key = k;
    }
    path += "/" + key;
    at = &(*at)[key];
    if (best * 2 <= total) break;
  }
  return path;
}

EntryTooLarge::EntryTooLarge(const nlohmann::json& payload, size_t bytes, size_t limit)
    : db::DbError(SQLITE_TOOBIG, "a log entry may hold at most " + std::to_string(limit) + " bytes"),
      status_(Code::kInvalidArgument, "the change does not fit one entry of the public log",
              {EntryTooLargeError(LargestField(payload), bytes, limit)}) {}

}  // namespace samrad::tlog
