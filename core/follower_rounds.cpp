// FollowerRounds: two flags under one mutex and a condition variable.
#include "core/follower_rounds.h"

namespace samrad {

void FollowerRounds::Wake() {
  {
    std::lock_guard lock(mu_);
    // Already woken: the thread is about to look, or waits out its spacing;
    // a notification would only wake it in vain.
    if (woken_) return;
    woken_ = true;
  }
  cv_.notify_one();
}

void FollowerRounds::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
}

bool FollowerRounds::Stopped() const {
  std::lock_guard lock(mu_);
  return stop_;
}

bool FollowerRounds::NextRound(Clock::duration poll, Clock::duration spacing) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, poll, [this] { return woken_ || stop_; });
  if (stop_) return false;
  // Woken sooner than the spacing: let more work gather (a stop still ends
  // the wait).
  if (last_round_ != Clock::time_point::min()) {
    cv_.wait_until(lock, last_round_ + spacing, [this] { return stop_; });
    if (stop_) return false;
  }
  woken_ = false;
  return true;
}

}  // namespace samrad
