// RenderWorker: one render per key, a bounded queue, a few waiting places,
// failures reach the waiters and leave nothing in the cache.
#define BOOST_TEST_MODULE render_worker
#include <boost/test/unit_test.hpp>
#include <future>

#include "server/report/render_worker.h"

using samrad::report::RenderCache;
using samrad::report::RenderWorker;
using namespace std::chrono_literals;

namespace {
// A render that runs until the test opens it.
struct Gate {
  std::promise<void> open;
  std::shared_future<void> opened = open.get_future().share();
  std::function<std::string()> Make(std::string value) {
    return [f = opened, value] {
      f.wait();
      return value;
    };
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_second_request_for_a_key_joins_the_render_in_progress) {
  RenderCache cache(1 << 20);
  Gate gate;
  int makes = 0;
  {
    RenderWorker worker(cache, 4, 2);
    auto first = worker.Submit("pdf:1", [&] {
      ++makes;
      return gate.Make("PDF")();
    });
    auto second = worker.Submit("pdf:1", [&] {
      ++makes;
      return std::string("other");
    });
    BOOST_REQUIRE(first);
    BOOST_TEST(first == second);
    BOOST_TEST(!first->Wait(0ms));  // still held at the gate
    gate.open.set_value();
    auto made = first->Wait(1h);
    BOOST_REQUIRE(made);
    BOOST_TEST(*made == "PDF");
    BOOST_TEST(*second->Wait(1h) == "PDF");
  }
  BOOST_TEST(makes == 1);
  BOOST_REQUIRE(cache.Find("pdf:1"));
  BOOST_TEST(*cache.Find("pdf:1") == "PDF");
}

BOOST_AUTO_TEST_CASE(a_full_queue_refuses_new_keys_but_not_queued_ones) {
  RenderCache cache(1 << 20);
  Gate gate;
  RenderWorker worker(cache, 1, 2);
  auto running = worker.Submit("a", gate.Make("A"));
  BOOST_REQUIRE(running);
  // The running render has left the queue once it waits at the gate; the
  // queue then takes one more.
  std::shared_ptr<RenderWorker::Job> queued;
  for (int i = 0; i < 2000 && !queued; ++i) {
    queued = worker.Submit("b", gate.Make("B"));
    if (!queued) std::this_thread::sleep_for(5ms);
  }
  BOOST_REQUIRE(queued);
  auto refused = worker.Submit("c", gate.Make("C"));
  BOOST_TEST(!refused);
  BOOST_TEST(worker.Submit("b", gate.Make("other")) == queued);
  BOOST_TEST(worker.RetryAfterSeconds() >= 1);
  gate.open.set_value();
  BOOST_TEST(*running->Wait(1h) == "A");
  BOOST_TEST(*queued->Wait(1h) == "B");
}

BOOST_AUTO_TEST_CASE(waiting_places_are_counted_and_given_back) {
  RenderCache cache(1 << 20);
  RenderWorker worker(cache, 4, 2);
  auto one = worker.Wait();
  auto two = worker.Wait();
  BOOST_TEST(one);
  BOOST_TEST(two);
  BOOST_TEST(!worker.Wait());
  one.reset();
  BOOST_TEST(worker.Wait());
}

BOOST_AUTO_TEST_CASE(a_failed_render_reaches_its_waiters_and_is_not_kept) {
  RenderCache cache(1 << 20);
  RenderWorker worker(cache, 4, 2);
  auto job = worker.Submit("bad", []() -> std::string { throw std::runtime_error("cairo: out of memory"); });
  BOOST_REQUIRE(job);
  BOOST_CHECK_THROW(job->Wait(1h), std::runtime_error);
  BOOST_TEST(!cache.Find("bad"));
  // The key may be asked for again, and then renders anew.
  auto again = worker.Submit("bad", [] { return std::string("ok"); });
  BOOST_REQUIRE(again);
  BOOST_TEST(*again->Wait(1h) == "ok");
}

BOOST_AUTO_TEST_CASE(stopping_drops_the_queue_and_tells_its_waiters) {
  RenderCache cache(1 << 20);
  Gate gate;
  std::shared_ptr<RenderWorker::Job> first, second;
  std::thread opener;
  {
    RenderWorker worker(cache, 4, 2);
    first = worker.Submit("a", gate.Make("A"));
    second = worker.Submit("b", [] { return std::string("B"); });
    // Opens the gate from another thread while the destructor drops the queue.
    opener = std::thread([&] { gate.open.set_value(); });
  }
  opener.join();
  // Each either ran before the stop or was dropped with an error that its
  // waiters get at once: never a hang, nothing kept for a dropped one.
  for (auto [job, key, value] : {std::tuple{first, "a", "A"}, {second, "b", "B"}}) {
    try {
      BOOST_TEST(*job->Wait(1h) == value);
    } catch (const std::runtime_error& e) {
      BOOST_TEST(std::string(e.what()).find("stopping") != std::string::npos);
      BOOST_TEST(!cache.Find(key));
    }
  }
}
