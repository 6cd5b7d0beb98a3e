// In-memory sliding-window rate limits keyed by a string (an account, an
// address). Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace samrad {

class RateLimiter {
 public:
  RateLimiter(int max_events, int window_seconds) : max_(max_events), window_(window_seconds) {}
  // Records one event for key at time now; false when the key is over its
  // limit (the event is then not recorded).
  bool Allow(const std::string& key, int64_t now);
  // Seconds until key may act again (0 when it may now).
  int RetryAfter(const std::string& key, int64_t now);

 private:
  void Trim(std::deque<int64_t>& q, int64_t now) const;
  int max_;
  int window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> hits_;
};

}  // namespace samrad
