// A few threads that produce streamed response bodies, so that a long
// download waits for the network without holding an I/O thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace samrad::server {

class StreamPool {
 public:
  // name: the threads' role as the system shows them (NameThread).
  StreamPool(int threads, const std::string& name);
  // Finishes the queued tasks, then joins the threads.
  ~StreamPool();
  // Queues a task. Thread-safe.
  void Run(std::function<void()> task);

 private:
  void Loop();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace samrad::server
