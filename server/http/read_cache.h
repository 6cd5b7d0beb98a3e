// Answers to reads that are the same for everyone who asks the same way
// (signed-out pages, public JSON, feeds, searches), kept in memory while
// the data they were made from is unchanged: each entry carries the data
// version it was made at and is used only while that is still the current
// one, and for at most a second, for answers that follow the clock (a
// consultation closes at its time without any commit). Bounded in bytes.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http/message.h"

namespace samrad::server {

class ReadCache {
 public:
  // max_bytes 0 turns the cache off.
  explicit ReadCache(size_t max_bytes);

  struct Hit {
    ApiResponse resp;
    std::string route;  // the route it answered, for metrics
  };
  // The answer stored for key at this version, made less than a second
  // before now_ms (steady clock). Thread-safe.
  std::optional<Hit> Get(const std::string& key, uint64_t version, int64_t now_ms) const;
  // Stores an answer made at this version (read before its data was) in its
  // shared form (Shareable) and returns that form; answers of an older
  // version than the newest seen are returned without being stored. Entries
  // of older versions are dropped, and the least recently used ones when the
  // bytes would exceed the budget. Thread-safe.
  ApiResponse Put(const std::string& key, uint64_t version, int64_t now_ms, ApiResponse resp,
                  const std::string& route);

  size_t bytes() const;
  size_t max_bytes() const { return max_bytes_; }

 private:
  struct Entry {
    uint64_t version;
    int64_t made_ms;
    ApiResponse resp;
    std::string route;
    size_t bytes;
    mutable std::atomic<int64_t> used_ms;
  };
  void EvictFor(size_t incoming);  // with mu_ held

  size_t max_bytes_;
  mutable std::mutex mu_;
  // Shared so that a hit copies its answer after the lock is let go.
  std::unordered_map<std::string, std::shared_ptr<const Entry>> entries_;
  uint64_t newest_ = 0;
  size_t bytes_ = 0;
};

// The form of an answer that many requests share: its body stored once, an
// ETag hashed once when it is a cacheable read, and a compressible body of
// kMinGzipBytes or more also gzip-compressed once. Pure.
ApiResponse Shareable(ApiResponse resp);

}  // namespace samrad::server
