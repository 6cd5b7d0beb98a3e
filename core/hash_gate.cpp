// HashGate: a counting semaphore with a deadline.
#include "core/hash_gate.h"

namespace samrad {

HashGate::Pass::Pass(HashGate& gate) : gate_(gate) {
  std::unique_lock lock(gate_.mu_);
  held_ = gate_.cv_.wait_for(lock, gate_.max_wait_, [&] { return gate_.free_ > 0; });
  if (held_) --gate_.free_;
}

HashGate::Pass::~Pass() {
  if (!held_) return;
  {
    std::lock_guard lock(gate_.mu_);
    ++gate_.free_;
  }
  gate_.cv_.notify_one();
}

}  // namespace samrad
