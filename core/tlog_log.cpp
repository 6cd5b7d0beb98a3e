// Checkpoint signing.
#include "core/tlog_log.h"

#include <iostream>

#include "core/thread_name.h"
#include "core/tlog_store.h"

namespace samrad::tlog {

Result<std::optional<StoredCheckpoint>> TransparencyLog::SignIfGrown() {
  std::optional<StoredCheckpoint> made;
  Status s = db_->Write([&](db::Connection& c) {
    made.reset();
    int64_t size = TreeStore::Size(c);
    auto latest = CheckpointStore::Latest(c);
    if (latest && latest->size >= size) return Status::Ok();
    Checkpoint cp{key_.name(), size, RootHash(TreeStore::Reader(c), size)};
    StoredCheckpoint stored{size, cp.root, key_.SignNote(cp.Text()), FormatTime(clock_->Now()), {}};
    CheckpointStore::Insert(c, stored);
    made = std::move(stored);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return made;
}

void TransparencyLog::Start() {
  stop_ = false;
  // The first checkpoint before anyone can ask for it.
  if (auto made = SignIfGrown(); made.ok() && made.value() && on_signed_) on_signed_(*made.value());
  thread_ = std::thread([this] { Run(); });
  NameThread(thread_.native_handle(), "tlog");
}

void TransparencyLog::Stop() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void TransparencyLog::Run() {
  std::unique_lock lock(mu_);
  for (bool last = false; !last;) {
    last = stop_;
    lock.unlock();
    auto made = SignIfGrown();
    if (!made.ok()) {
      std::cerr << "samrad: cannot sign a checkpoint: " << made.status().message() << std::endl;
    } else if (made.value() && on_signed_) {
      on_signed_(*made.value());
    }
    lock.lock();
    if (!last) cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
  }
}

}  // namespace samrad::tlog
