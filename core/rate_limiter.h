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
  // True when key has used up its events in the window (nothing recorded).
  bool Exhausted(const std::string& key, int64_t now) { return RetryAfter(key, now) > 0; }
  // Records one event for key whatever the count (a failure that happened).
  void Record(const std::string& key, int64_t now);
  // Seconds until key may act again (0 when it may now).
  int RetryAfter(const std::string& key, int64_t now);
  // Changes the number of events allowed per window (configuration).
  void SetMax(int max_events);

 private:
  void Trim(std::deque<int64_t>& q, int64_t now) const;
  void ForgetIdle(int64_t now);
  int max_;
  int window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> hits_;
};

}  // namespace samrad
