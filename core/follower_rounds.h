// The rounds of a thread that follows something (the event log, a queue):
// woken by Wake(), regardless once per poll interval, never sooner than an
// interval after its last round, and told to stop.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace samrad {

class FollowerRounds {
 public:
  using Clock = std::chrono::steady_clock;

  // Asks for a round now. Wakes that come before the round begins are all
  // answered by it. Cheap and thread-safe.
  void Wake();
  // Ends the wait in NextRound, and every later one. Idempotent; thread-safe.
  void Stop();
  // True once Stop() was called. Thread-safe.
  bool Stopped() const;

  // For the following thread: waits for a Wake() or for poll to pass, then
  // until spacing has passed since the last RoundDone() (wakes meanwhile
  // join this round). True when the round is to begin; false once stopped.
  bool NextRound(Clock::duration poll, Clock::duration spacing);
  // Marks the end of a round, from which NextRound's spacing counts. Only
  // the following thread calls it.
  void RoundDone() { last_round_ = Clock::now(); }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stop_ = false;
  Clock::time_point last_round_ = Clock::time_point::min();
};

}  // namespace samrad
