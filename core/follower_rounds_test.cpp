// FollowerRounds: a wake starts a round, wakes before it are answered by it,
// the spacing holds a round back from the last one, and a stop ends it all.
// A wait that should not end is ended by a stop from another thread, so it
// shows as a false round instead of a hung test.
#define BOOST_TEST_MODULE follower_rounds
#include <boost/test/unit_test.hpp>

#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include "core/follower_rounds.h"

using samrad::FollowerRounds;
using namespace std::chrono_literals;

namespace {
constexpr auto kNever = std::chrono::hours(24);

// Stops rounds after `after` unless destroyed first.
class StopLater {
 public:
  StopLater(FollowerRounds& rounds, std::chrono::milliseconds after)
      : thread_([&rounds, after](std::stop_token stop) {
          std::mutex mu;
          std::condition_variable_any cv;
          std::unique_lock lock(mu);
          cv.wait_for(lock, stop, after, [] { return false; });
          if (!stop.stop_requested()) rounds.Stop();
        }) {}

 private:
  std::jthread thread_;
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_wake_starts_a_round_without_waiting_for_the_poll_interval) {
  FollowerRounds rounds;
  StopLater guard(rounds, 60s);
  rounds.Wake();
  BOOST_TEST(rounds.NextRound(kNever, kNever));  // the first round has no last one to keep apart from
}

BOOST_AUTO_TEST_CASE(the_poll_interval_starts_a_round_without_a_wake) {
  FollowerRounds rounds;
  StopLater guard(rounds, 60s);
  BOOST_TEST(rounds.NextRound(1ms, 0ms));
}

BOOST_AUTO_TEST_CASE(wakes_before_a_round_are_all_answered_by_it) {
  FollowerRounds rounds;
  rounds.Wake();
  rounds.Wake();
  rounds.Wake();
  {
    StopLater guard(rounds, 60s);
    BOOST_REQUIRE(rounds.NextRound(kNever, 0ms));
  }
  rounds.RoundDone();
  // No wake is left over: the next wait lasts until the stop.
  StopLater stop(rounds, 50ms);
  BOOST_TEST(!rounds.NextRound(kNever, 0ms));
}

BOOST_AUTO_TEST_CASE(a_wake_soon_after_a_round_waits_out_the_spacing) {
  FollowerRounds rounds;
  rounds.RoundDone();
  rounds.Wake();
  // Held back by the spacing until the stop ends the wait.
  StopLater stop(rounds, 50ms);
  BOOST_TEST(!rounds.NextRound(kNever, kNever));
  BOOST_TEST(rounds.Stopped());
}

BOOST_AUTO_TEST_CASE(a_wake_after_the_spacing_starts_a_round) {
  FollowerRounds rounds;
  rounds.RoundDone();
  rounds.Wake();
  StopLater guard(rounds, 60s);
  BOOST_TEST(rounds.NextRound(kNever, 0ms));
}

BOOST_AUTO_TEST_CASE(a_stop_ends_the_wait_of_another_thread_and_every_later_one) {
  FollowerRounds rounds;
  bool round = true;
  std::thread follower([&] { round = rounds.NextRound(kNever, kNever); });
  rounds.Stop();
  follower.join();
  BOOST_TEST(!round);
  rounds.Wake();
  BOOST_TEST(!rounds.NextRound(kNever, 0ms));
  rounds.Stop();  // idempotent
  BOOST_TEST(rounds.Stopped());
}
