// A version number of the data folder's database that moves whenever anyone
// has committed to it: this process's writer, another `samrad` process or
// the sqlite3 tool. Caches of what was read tag their entries with it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/database.h"

namespace samrad {

class DataVersion {
 public:
  explicit DataVersion(std::shared_ptr<Database> db);

  // The current version: asks SQLite (PRAGMA data_version) on this thread's
  // own connection whether any other connection has committed since this
  // thread last asked, and moves the shared version when one has. It asks
  // only when the WAL index header (WalIndexHeader, a read from shared
  // memory) has changed since the last time, as every commit changes it;
  // otherwise the answer is the shared version as it is. Read it
  // before reading the data a cache entry is made of: an entry is then never
  // newer than its tag says, and any commit that finished before a call is
  // seen by that call. Thread-safe.
  uint64_t Current();

 private:
  std::shared_ptr<Database> db_;
  std::atomic<uint64_t> version_{1};
  uint64_t id_;
};

}  // namespace samrad
