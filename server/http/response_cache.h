// A small cache of rendered read responses, valid while the database has
// committed nothing since they were made (DataVersion). Used for
// hot public reads such as the first page of a long comment thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "server/http/message.h"

namespace samrad::server {

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_entries = 512) : max_(max_entries) {}

  // The response stored for key at this version, if any. Thread-safe.
  std::optional<ApiResponse> Get(const std::string& key, uint64_t version) const;
  // Stores a cacheable 200 (its ETag computed once, its body shared by every
  // hit, a large body also compressed once) and returns it as stored. The
  // version must be read before the response's data was, so an entry is
  // never older than its version. Thread-safe.
  ApiResponse Put(const std::string& key, uint64_t version, ApiResponse resp);

 private:
  struct Entry {
    uint64_t version;
    ApiResponse resp;
  };
  size_t max_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace samrad::server
