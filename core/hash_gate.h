// A bound on concurrent password hashes: each argon2id run takes 64 MiB and
// a write thread, so only a few run at once and the rest are turned away
// soon (503) instead of starving unrelated writes. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace samrad {

class HashGate {
 public:
  HashGate(int slots, std::chrono::milliseconds max_wait) : free_(slots), max_wait_(max_wait) {}

  // Holds one slot for its lifetime; ok() is false when none became free in
  // time (the caller then answers kUnavailable).
  class Pass {
   public:
    explicit Pass(HashGate& gate);
    ~Pass();
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    bool ok() const { return held_; }

   private:
    HashGate& gate_;
    bool held_ = false;
  };

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int free_;
  std::chrono::milliseconds max_wait_;
};

}  // namespace samrad
