// Exponential back-off after failed sign-ins, keyed by (account, address):
// a guesser is slowed down without locking the account's owner out, who
// signs in from another address as usual. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace samrad {

class LoginBackoff {
 public:
  // free_failures pass without delay; each later one doubles the wait,
  // starting at base_seconds and never above max_seconds.
  LoginBackoff(int free_failures, int base_seconds, int max_seconds)
      : free_(free_failures), base_(base_seconds), max_(max_seconds) {}

  // Seconds key must still wait before its next attempt (0: it may try now).
  int RetryAfter(const std::string& key, int64_t now);
  // A wrong password for key at time now.
  void Fail(const std::string& key, int64_t now);
  // The right password: key starts afresh.
  void Succeed(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    int64_t last = 0;
  };
  int WaitAfter(int failures) const;
  int free_;
  int base_;
  int max_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace samrad
