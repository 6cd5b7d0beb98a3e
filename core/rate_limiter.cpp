// Sliding-window rate limiter.
#include "core/rate_limiter.h"

namespace samrad {

void RateLimiter::Trim(std::deque<int64_t>& q, int64_t now) const {
  while (!q.empty() && q.front() <= now - window_) q.pop_front();
}

void RateLimiter::ForgetIdle(int64_t now) {
  // Forget idle keys so that many distinct addresses cannot grow memory.
  if (hits_.size() <= 100000) return;
  for (auto it = hits_.begin(); it != hits_.end();) {
    Trim(it->second, now);
    it = it->second.empty() ? hits_.erase(it) : std::next(it);
  }
}

bool RateLimiter::Allow(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  ForgetIdle(now);
  auto& q = hits_[key];
  Trim(q, now);
  if (static_cast<int>(q.size()) >= max_) return false;
  q.push_back(now);
  return true;
}

void RateLimiter::Record(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  ForgetIdle(now);
  auto& q = hits_[key];
  Trim(q, now);
  q.push_back(now);
}

int RateLimiter::RetryAfter(const std::string& key, int64_t now) {
  std::lock_guard lock(mu_);
  auto it = hits_.find(key);
  if (it == hits_.end()) return 0;
  Trim(it->second, now);
  if (static_cast<int>(it->second.size()) < max_) return 0;
  // The oldest event that must leave the window before one more fits.
  auto& q = it->second;
  return static_cast<int>(q[q.size() - max_] + window_ - now);
}

void RateLimiter::SetMax(int max_events) {
  std::lock_guard lock(mu_);
  max_ = max_events;
}

}  // namespace samrad
