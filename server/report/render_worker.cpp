// RenderWorker implementation.
#include "server/report/render_worker.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace samrad::report {

namespace {
// For tests that need a render in progress for as long as they look:
// with SAMRAD_TEST_RENDER_GATE=FILE each render starts once FILE exists.
void WaitForGate(const bool& stopping, std::mutex& mu) {
  static const char* gate = std::getenv("SAMRAD_TEST_RENDER_GATE");
  if (!gate || !*gate) return;
  for (;;) {
    {
      std::lock_guard lock(mu);
      if (stopping) return;
    }
    if (std::filesystem::exists(gate)) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}
}  // namespace

std::shared_ptr<const std::string> RenderWorker::Job::Wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  if (!cv_.wait_for(lock, timeout, [this] { return done_; })) return nullptr;
  if (!value_) throw std::runtime_error("render: " + error_);
  return value_;
}

RenderWorker::RenderWorker(RenderCache& cache, size_t max_queued, int max_waiting)
    : cache_(cache), max_queued_(max_queued), max_waiting_(max_waiting), thread_([this] { Loop(); }) {}

RenderWorker::~RenderWorker() {
  std::deque<std::shared_ptr<Job>> dropped;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    dropped.swap(queue_);
  }
  cv_.notify_all();
  for (auto& job : dropped) {
    std::lock_guard lock(job->mu_);
    job->done_ = true;
    job->error_ = "the server is stopping";
    job->cv_.notify_all();
  }
  thread_.join();
}

std::shared_ptr<RenderWorker::Job> RenderWorker::Submit(const std::string& key, std::function<std::string()> make) {
  std::lock_guard lock(mu_);
  if (auto it = pending_.find(key); it != pending_.end()) return it->second;
  if (stopping_ || queue_.size() >= max_queued_) return nullptr;
  auto job = std::make_shared<Job>();
  job->key_ = key;
  job->make_ = std::move(make);
  pending_[key] = job;
  queue_.push_back(job);
  cv_.notify_one();
  return job;
}

RenderWorker::Place RenderWorker::Wait() {
  std::lock_guard lock(mu_);
  if (waiting_ >= max_waiting_) return nullptr;
  ++waiting_;
  return Place(static_cast<void*>(this), [](void* self) {
    auto* w = static_cast<RenderWorker*>(self);
    std::lock_guard lock(w->mu_);
    --w->waiting_;
  });
}

int RenderWorker::RetryAfterSeconds() const {
  std::lock_guard lock(mu_);
  double left = last_render_.count() * static_cast<double>(queue_.size());
  if (running_) {
    std::chrono::duration<double> ran = std::chrono::steady_clock::now() - running_since_;
    left += std::max(last_render_.count() - ran.count(), 1.0);
  }
  return std::max(1, static_cast<int>(std::ceil(left)));
}

void RenderWorker::Loop() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      running_ = true;
      running_since_ = std::chrono::steady_clock::now();
    }
    WaitForGate(stopping_, mu_);
    std::shared_ptr<const std::string> value;
    std::string error;
    try {
      value = cache_.GetOrMake(job->key_, job->make_);
    } catch (const std::exception& e) {
      error = e.what();
    }
    {
      std::lock_guard lock(mu_);
      running_ = false;
      last_render_ = std::chrono::steady_clock::now() - running_since_;
      pending_.erase(job->key_);
    }
    std::lock_guard lock(job->mu_);
    job->done_ = true;
    job->value_ = std::move(value);
    job->error_ = std::move(error);
    job->make_ = nullptr;  // what it captured (a request) goes now
    job->cv_.notify_all();
  }
}

}  // namespace samrad::report
