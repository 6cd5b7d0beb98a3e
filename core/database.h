// The data folder's SQLite database: one serialised writer connection, one
// reader connection per thread, and numbered migrations from schemas/sql/.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/sqlite.h"
#include "core/status.h"

namespace samrad {

class Database {
 public:
  // Opens DIR/samrad.db, creating the folder and file when create is true,
  // and applies pending migrations. Errors: kUnavailable when the folder or
  // file cannot be used.
  static Result<std::shared_ptr<Database>> Open(const std::string& dir, bool create);

  // Runs fn inside a write transaction and returns once its changes are
  // committed (durable: synchronous=FULL). A non-OK result, or a thrown
  // DbError (kInternal; a constraint violation kConflict), undoes fn's
  // changes only. Thread-safe: writers are serialised, and concurrent writers
  // share one commit (group commit). fn must not call Write itself.
  Status Write(const std::function<Status(db::Connection&)>& fn);

  // Runs fn on this thread's reader connection inside one read transaction,
  // so all its queries see one snapshot. Thread-safe.
  Status Read(const std::function<Status(db::Connection&)>& fn);

  // Called after every committed write (the search indexer and feed caches
  // wake up on it). Register before serving; the callbacks must be quick.
  void OnCommit(std::function<void()> fn) { on_commit_.push_back(std::move(fn)); }

  // Online, consistent copy to a file (SQLite backup API). Thread-safe.
  Status Backup(const std::string& to_file);

  // How many transactions have committed since opening: a cheap version
  // number for caches of what was read. Thread-safe.
  uint64_t CommitCount() const { return commits_.load(std::memory_order_acquire); }

  const std::string& dir() const { return dir_; }
  std::string path() const { return dir_ + "/samrad.db"; }
  // The schema version (number of the last applied migration).
  int SchemaVersion();

 private:
  explicit Database(std::string dir) : dir_(std::move(dir)) {}
  struct WriteJob {
    const std::function<Status(db::Connection&)>* fn = nullptr;
    Status status;
    bool done = false;
  };
  // Runs the jobs in one transaction and sets their statuses; true when
  // something was committed.
  bool RunBatch(const std::vector<WriteJob*>& batch);
  void Migrate();
  db::Connection& Reader();

  std::string dir_;
  std::mutex write_mu_;
  std::mutex queue_mu_;  // guards queue_, leading_ and every WriteJob::done
  std::condition_variable done_cv_;
  bool leading_ = false;  // a writer is running a batch
  std::atomic<uint64_t> commits_{0};
  std::vector<WriteJob*> queue_;
  std::unique_ptr<db::Connection> writer_;
  std::mutex readers_mu_;
  std::unordered_map<std::thread::id, std::unique_ptr<db::Connection>> readers_;
  std::vector<std::function<void()>> on_commit_;
  uint64_t id_ = 0;
};

}  // namespace samrad
