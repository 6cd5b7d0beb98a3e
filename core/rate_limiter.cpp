// Sliding-window rate limiter.
#include "core/rate_limiter.h"

namespace samrad {

void RateLimiter::Trim(std::deque<int64_t>& q, int64_t now) const {
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
}

bool RateLimiter::Allow(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  if (hits_.size() > 100000) {
    // Forget idle keys so that many distinct addresses cannot grow memory.
    for (auto it = hits_.begin(); it != hits_.end();) {
      Trim(it->second, now);
      it = it->second.empty() ? hits_.erase(it) : std::next(it);
    }
  }
  auto& q = hits_[key];
  Trim(q, now);
  if (static_cast<int>(q.size()) >= max_) return false;
  q.push_back(now);
  return true;
}

int RateLimiter::RetryAfter(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = hits_.find(key);
  if (it == hits_.end()) return 0;
  Trim(it->second, now);
  if (static_cast<int>(it->second.size()) < max_) return 0;
  return static_cast<int>(it->second.front() + window_ - now);
}

}  // namespace samrad
