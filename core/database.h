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

  // Runs fn as one atomic write. Its changes are kept when fn returns OK and
  // undone otherwise; a thrown DbError becomes kInternal (a constraint
  // violation kConflict). Thread-safe: writers are serialised. Concurrent
  // writes are group-committed: each runs in its own savepoint of one shared
  // transaction, and Write returns only after that transaction is durably
  // committed, so an acknowledged write is never lost.
  Status Write(const std::function<Status(db::Connection&)>& fn);

  // Runs fn on this thread's reader connection inside one read transaction,
  // so all its queries see one snapshot. Thread-safe.
  Status Read(const std::function<Status(db::Connection&)>& fn);

  // Called after every committed write (the search indexer and feed caches
  // wake up on it). Register before serving; the callbacks must be quick.
  void OnCommit(std::function<void()> fn) { on_commit_.push_back(std::move(fn)); }

  // Online, consistent copy to a file (SQLite backup API). Thread-safe.
  Status Backup(const std::string& to_file);

  // How many write transactions this process has committed: a cheap version
  // for caches of rendered reads (a cache entry made at count N is valid
  // while the count stays N). Thread-safe.
  uint64_t CommitCount() const { return commits_.load(std::memory_order_acquire); }

  const std::string& dir() const { return dir_; }
  std::string path() const { return dir_ + "/samrad.db"; }
  // The schema version (number of the last applied migration).
  int SchemaVersion();

 private:
  explicit Database(std::string dir) : dir_(std::move(dir)) {}
  void Migrate();
  db::Connection& Reader();
  struct PendingWrite {
    const std::function<Status(db::Connection&)>* fn;
    Status result;
    bool done = false;
  };
  // Runs a batch of writes in one transaction (the group-commit leader).
  void RunBatch(const std::vector<PendingWrite*>& batch);

  std::string dir_;
  std::mutex write_mu_;
  std::unique_ptr<db::Connection> writer_;
  std::mutex readers_mu_;
  std::unordered_map<std::thread::id, std::unique_ptr<db::Connection>> readers_;
  std::vector<std::function<void()>> on_commit_;
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<PendingWrite*> queue_;
  bool leader_active_ = false;
  std::atomic<uint64_t> commits_{0};
  uint64_t id_ = 0;
};

}  // namespace samrad
