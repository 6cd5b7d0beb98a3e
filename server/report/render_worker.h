// One thread that renders reports one at a time from a short queue, so a
// long render (a big PDF) never holds the server's I/O or stream threads;
// what it makes goes into a RenderCache. Requests wait for a render in a
// few waiting places only, so they can never fill the stream threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "server/report/render_cache.h"

namespace samrad::report {

class RenderWorker {
 public:
  // A render asked for: done once made (or failed). Thread-safe.
  class Job {
   public:
    // The render, once made within timeout; null when it is not made by
    // then. Throws std::runtime_error when the render failed or was dropped.
    std::shared_ptr<const std::string> Wait(std::chrono::milliseconds timeout);

   private:
    friend class RenderWorker;
    std::mutex mu_;
    std::condition_variable cv_;
    bool done_ = false;
    std::string error_;
    std::shared_ptr<const std::string> value_;
    std::string key_;
    std::function<std::string()> make_;
  };

  // A waiting place; the place is free again when the last copy goes.
  using Place = std::shared_ptr<void>;

  RenderWorker(RenderCache& cache, size_t max_queued, int max_waiting);
  // Drops the queued jobs (their waiters get an error), lets the running
  // render end, and joins the thread.
  ~RenderWorker();

  // The job that makes key's render: the one already queued or running, or
  // a new one at the end of the queue; null when the queue is full.
  // make runs on the worker thread. Thread-safe.
  std::shared_ptr<Job> Submit(const std::string& key, std::function<std::string()> make);
  // One of the max_waiting places for a request that waits for a render;
  // null when all are taken. Thread-safe.
  Place Wait();
  // When to ask again, in whole seconds (at least 1): the queued and
  // running renders at the pace of the last one. Thread-safe.
  int RetryAfterSeconds() const;

 private:
  void Loop();

  RenderCache& cache_;
  const size_t max_queued_;
  const int max_waiting_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::unordered_map<std::string, std::shared_ptr<Job>> pending_;  // queued or running, by key
  std::chrono::steady_clock::time_point running_since_{};
  bool running_ = false;
  std::chrono::duration<double> last_render_{1.0};
  int waiting_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace samrad::report
