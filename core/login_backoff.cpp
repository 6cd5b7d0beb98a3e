// LoginBackoff: failure counts with an exponential wait.
#include "core/login_backoff.h"

#include <algorithm>

namespace samrad {

int LoginBackoff::WaitAfter(int failures) const {
  if (failures < free_) return 0;
  int doublings = std::min(failures - free_, 20);
  return static_cast<int>(std::min<int64_t>(static_cast<int64_t>(base_) << doublings, max_));
}

int LoginBackoff::RetryAfter(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  int64_t until = it->second.last + WaitAfter(it->second.failures);
  return until > now ? static_cast<int>(until - now) : 0;
}

void LoginBackoff::Fail(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  if (entries_.size() > 100000) {
    // Keys quiet for longer than the longest wait are forgotten, so that
    // many addresses cannot grow memory without bound.
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = it->second.last + 2 * max_ < now ? entries_.erase(it) : std::next(it);
    }
  }
  Entry& e = entries_[key];
  // A long quiet spell forgives old failures.
  if (e.last + 2 * max_ < now) e.failures = 0;
  ++e.failures;
  e.last = now;
}

void LoginBackoff::Succeed(const std::string& key) {
  std::lock_guard lock(mu_);
  entries_.erase(key);
}

}  // namespace samrad
