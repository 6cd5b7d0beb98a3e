// Database: writer serialisation, per-thread readers, migrations, backup.
#include "core/database.h"

#include <atomic>
#include <filesystem>

#include "core/resources.h"
#include "core/tlog_entry_limit.h"

namespace samrad {

namespace fs = std::filesystem;

Result<std::shared_ptr<Database>> Database::Open(const std::string& dir, bool create) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (!create) return Status(Code::kUnavailable, "data folder " + dir + " does not exist");
    fs::create_directories(dir, ec);
    if (ec) return Status(Code::kUnavailable, "cannot create data folder " + dir + ": " + ec.message());
  }
  static std::atomic<uint64_t> next_id{1};
  std::shared_ptr<Database> d(new Database(dir));
  d->id_ = next_id++;
  try {
    if (!create && !fs::exists(d->path())) {
      return Status(Code::kUnavailable, dir + " holds no samrad.db (run 'samrad serve' once)");
    }
    d->writer_ = db::Connection::Open(d->path(), create);
    d->Migrate();
  } catch (const db::DbError& e) {
    return Status(Code::kUnavailable, std::string("database: ") + e.what());
  }
  return d;
}

void Database::Migrate() {
  auto& c = *writer_;
  int current = 0;
  {
    auto& st = c.Prepare("PRAGMA user_version");
    if (st.Step()) current = static_cast<int>(st.Int(0));
    st.Reset();
  }
  int previous = 0;  // the scripts come sorted by file name, so by number
  for (const auto& [path, sql] : resources::All()) {
    if (!path.starts_with("schemas/sql/")) continue;
    int number = std::stoi(std::string(path.substr(12, 4)));
    if (number == previous) {
      // One of the two would never run on databases past that number.
      throw db::DbError(SQLITE_ERROR, "two migrations are numbered " + std::to_string(number));
    }
    previous = number;
    if (number <= current) continue;
    c.Exec("BEGIN IMMEDIATE");
    try {
      c.Exec(std::string(sql));
      c.Exec("PRAGMA user_version=" + std::to_string(number));
      c.Exec("COMMIT");
    } catch (...) {
      c.Exec("ROLLBACK");
      throw;
    }
    current = number;
  }
}

int Database::SchemaVersion() {
  std::lock_guard lock(write_mu_);
  auto& st = writer_->Prepare("PRAGMA user_version");
  int v = st.Step() ? static_cast<int>(st.Int(0)) : 0;
  st.Reset();
  return v;
}

namespace {
Status FromDbError(const db::DbError& e) {
  if (e.constraint()) return Status(Code::kConflict, "conflicts with existing data");
  // A change whose log entry would pass the entry limit is the client's to
  // shorten: 422 at the field that takes the most bytes.
  if (auto* entry = dynamic_cast<const tlog::EntryTooLarge*>(&e)) return entry->status();
  if ((e.code() & 0xff) == SQLITE_TOOBIG) return Status(Code::kTooLarge, std::string("too large: ") + e.what());
  return Status(Code::kInternal, std::string("database: ") + e.what());
}
}  // namespace

// Group commit: every writer queues its job; when no batch is running, one
// of the waiting writers takes all queued jobs and runs them in one
// transaction, each inside its own savepoint, and commits once. A job's
// failure rolls back only its savepoint. With several writers waiting, one
// fsync makes many writes durable; each caller still returns only after its
// write is committed and the commit callbacks have run. The writers of a
// batch are released together once it is committed, not one after another
// through the write lock, so none of them waits for the next batch.
Status Database::Write(const std::function<Status(db::Connection&)>& fn) {
  WriteJob job;
  job.fn = &fn;
  std::unique_lock q(queue_mu_);
  queue_.push_back(&job);
  done_cv_.wait(q, [&] { return job.done || !leading_; });
  if (job.done) return job.status;
  leading_ = true;
  std::vector<WriteJob*> batch;
  batch.swap(queue_);
  q.unlock();
  bool committed = false;
  try {
    std::lock_guard lock(write_mu_);
    committed = RunBatch(batch);
  } catch (const std::exception& e) {
    // Statements of the batch itself failed: nothing of it is committed, and
    // the next batch must still find a leader.
    for (auto* j : batch) j->status = Status(Code::kInternal, std::string("database: ") + e.what());
    std::lock_guard lock(write_mu_);
    try {
      writer_->Exec("ROLLBACK");
    } catch (...) {
    }
  }
  if (committed) {
    for (auto& f : on_commit_) f();
  }
  q.lock();
  for (auto* j : batch) j->done = true;
  leading_ = false;
  q.unlock();
  done_cv_.notify_all();
  return job.status;
}

bool Database::RunBatch(const std::vector<WriteJob*>& batch) {
  auto& c = *writer_;
  try {
    c.Exec("BEGIN IMMEDIATE");
  } catch (const db::DbError& e) {
    for (auto* j : batch) j->status = Status(Code::kUnavailable, std::string("database busy: ") + e.what());
    return false;
  }
  bool any_ok = false;
  for (auto* j : batch) {
    c.Prepare("SAVEPOINT job").Run();
    try {
      j->status = (*j->fn)(c);
    } catch (const db::DbError& e) {
      j->status = FromDbError(e);
    } catch (const std::exception& e) {
      j->status = Status(Code::kInternal, e.what());
    }
    c.ResetAll();
    if (!j->status.ok()) c.Prepare("ROLLBACK TO job").Run();
    c.Prepare("RELEASE job").Run();
    any_ok = any_ok || j->status.ok();
  }
  try {
    c.Exec(any_ok ? "COMMIT" : "ROLLBACK");
  } catch (const db::DbError& e) {
    try {
      c.Exec("ROLLBACK");
    } catch (...) {
    }
    for (auto* j : batch) {
      if (j->status.ok()) j->status = FromDbError(e);
    }
    return false;
  }
  if (any_ok) commits_.fetch_add(1, std::memory_order_release);
  return any_ok;
}

db::Connection& Database::Reader() {
  // A per-thread cache in front of the shared map, keyed by database id so
  // that a database opened later at the same address never reuses it.
  thread_local std::unordered_map<uint64_t, db::Connection*> cache;
  auto it = cache.find(id_);
  if (it != cache.end()) return *it->second;
  std::lock_guard lock(readers_mu_);
  auto& slot = readers_[std::this_thread::get_id()];
  if (!slot) slot = db::Connection::Open(path(), false);
  cache[id_] = slot.get();
  return *slot;
}

Status Database::Read(const std::function<Status(db::Connection&)>& fn) {
  try {
    auto& c = Reader();
    c.Exec("BEGIN");
    Status s;
    try {
      s = fn(c);
    } catch (...) {
      c.ResetAll();
      c.Exec("ROLLBACK");
      throw;
    }
    c.ResetAll();
    c.Exec("COMMIT");
    return s;
  } catch (const db::DbError& e) {
    return Status(Code::kInternal, std::string("database: ") + e.what());
  }
}

Status Database::Backup(const std::string& to_file) {
  sqlite3* dest = nullptr;
  if (sqlite3_open(to_file.c_str(), &dest) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    return Status(Code::kUnavailable, "cannot open " + to_file + ": " + msg);
  }
  Status result;
  {
    auto src = db::Connection::Open(path(), false);
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", src->raw(), "main");
    if (!b) {
      result = Status(Code::kInternal, std::string("backup: ") + sqlite3_errmsg(dest));
    } else {
      int rc;
      do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
      } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      sqlite3_backup_finish(b);
      if (rc != SQLITE_DONE) result = Status(Code::kInternal, std::string("backup: ") + sqlite3_errstr(rc));
    }
  }
  sqlite3_close(dest);
  return result;
}

}  // namespace samrad
