// Database: writer serialisation, per-thread readers, migrations, backup.
#include "core/database.h"

#include <atomic>
#include <filesystem>

#include "core/resources.h"

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
  for (const auto& [path, sql] : resources::All()) {
    if (!path.starts_with("schemas/sql/")) continue;
    int number = std::stoi(std::string(path.substr(12, 4)));
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

Status Database::Write(const std::function<Status(db::Connection&)>& fn) {
  PendingWrite me{&fn, Status::Ok()};
  std::unique_lock lock(queue_mu_);
  queue_.push_back(&me);
  // Leader/follower: whoever finds no batch running takes everything queued
  // and commits it at once; the others wait for their result.
  while (!me.done) {
    if (leader_active_) {
      queue_cv_.wait(lock);
      continue;
    }
    leader_active_ = true;
    std::vector<PendingWrite*> batch;
    batch.swap(queue_);
    lock.unlock();
    RunBatch(batch);
    lock.lock();
    for (auto* p : batch) p->done = true;
    leader_active_ = false;
    queue_cv_.notify_all();
  }
  return me.result;
}

namespace {
Status FromDbError(const db::DbError& e) {
  return e.constraint() ? Status(Code::kConflict, "conflicts with existing data")
                        : Status(Code::kInternal, std::string("database: ") + e.what());
}
}  // namespace

void Database::RunBatch(const std::vector<PendingWrite*>& batch) {
  bool any_ok = false;
  {
    std::lock_guard lock(write_mu_);
    auto& c = *writer_;
    try {
      c.Exec("BEGIN IMMEDIATE");
    } catch (const db::DbError& e) {
      for (auto* p : batch) p->result = Status(Code::kUnavailable, std::string("database busy: ") + e.what());
      return;
    }
    // Broken: the shared transaction can no longer be trusted (a savepoint
    // could not be undone, or SQLite rolled everything back after an I/O
    // error), so nothing of the batch is committed.
    bool broken = false;
    for (auto* p : batch) {
      if (broken) {
        p->result = Status(Code::kUnavailable, "database: the write could not be completed; retry");
        continue;
      }
      try {
        c.Exec("SAVEPOINT one_write");
        try {
          p->result = (*p->fn)(c);
        } catch (const db::DbError& e) {
          p->result = FromDbError(e);
        } catch (const std::exception& e) {
          p->result = Status(Code::kInternal, e.what());
        }
        c.ResetAll();
        if (!p->result.ok()) c.Exec("ROLLBACK TO one_write");
        c.Exec("RELEASE one_write");
        any_ok = any_ok || p->result.ok();
      } catch (const db::DbError& e) {
        p->result = FromDbError(e);
        broken = true;
      }
      broken = broken || sqlite3_get_autocommit(c.raw()) != 0;
    }
    try {
      if (broken) throw db::DbError(SQLITE_ABORT, "a write of the batch failed");
      c.Exec("COMMIT");
      commits_.fetch_add(1, std::memory_order_release);
    } catch (const db::DbError& e) {
      try {
        c.ResetAll();
        c.Exec("ROLLBACK");
      } catch (...) {
      }
      for (auto* p : batch) {
        if (p->result.ok()) p->result = Status(Code::kUnavailable, std::string("database: ") + e.what());
      }
      any_ok = false;
    }
  }
  if (any_ok) {
    for (auto& f : on_commit_) f();
  }
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
