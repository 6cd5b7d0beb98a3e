// The transparency log over the event log: signs C2SP checkpoints of the
// Merkle tree with the log key, at most once a second while the log grows
// and once more when stopped, and keeps every one of them.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.h"
#include "core/database.h"
#include "core/tlog_checkpoint.h"
#include "core/tlog_key.h"

namespace samrad::tlog {

class TransparencyLog {
 public:
  TransparencyLog(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, SigningKey key)
      : db_(std::move(db)), clock_(std::move(clock)), key_(std::move(key)) {}
  ~TransparencyLog() { Stop(); }

  const SigningKey& key() const { return key_; }
  const std::string& origin() const { return key_.name(); }
  // With witnesses, /tlog/checkpoint serves the latest cosigned checkpoint
  // (the latest of all until one is cosigned). Set before serving.
  void set_witnessed(bool on) { witnessed_ = on; }
  bool witnessed() const { return witnessed_; }

  // Signs and stores a checkpoint of the whole tree when it has grown since
  // the latest one (or there is none). Returns it, or nullopt when nothing
  // changed. Errors: the write's status. Thread-safe.
  Result<std::optional<StoredCheckpoint>> SignIfGrown();

  // Called on the signing thread with every new checkpoint (witnesses).
  // Set before Start.
  void OnSigned(std::function<void(const StoredCheckpoint&)> fn) { on_signed_ = std::move(fn); }
  // Signs a checkpoint now when there is none of the whole tree, then
  // starts the thread that signs once a second while the log grows; Stop
  // signs a last checkpoint and joins it.
  void Start();
  void Stop();

 private:
  void Run();

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  SigningKey key_;
  std::function<void(const StoredCheckpoint&)> on_signed_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool witnessed_ = false;
  std::thread thread_;
};

}  // namespace samrad::tlog
