// The header of a database's WAL index: the few bytes in the shared memory
// file (-shm) that SQLite rewrites, under a changed counter, at the end of
// every commit to a database in WAL mode, by any connection of any process,
// and that every reader compares to know whether its page cache still holds.
// Reading it is a load from memory, where asking SQLite (PRAGMA
// data_version) starts and ends a read transaction with its locks.
#pragma once

#include <array>
#include <optional>

struct sqlite3;

namespace samrad {

class WalIndexHeader {
 public:
  using Bytes = std::array<unsigned char, 48>;

  WalIndexHeader() = default;
  // The header of db's main database as db maps it: none when db has no WAL
  // index mapped (not in WAL mode, or no read on db yet). Valid while db
  // stays open in WAL mode; use it on db's thread only.
  static WalIndexHeader Of(sqlite3* db);

  bool attached() const { return shm_ != nullptr; }
  // A consistent copy of the header now: none when not attached,
  // uninitialised, or half-written by a commit that is finishing (its two
  // copies differ). A commit that has finished has changed the header (its
  // counter moves), so a header read equal to an earlier one means that no
  // commit finished in between.
  std::optional<Bytes> Read() const;

 private:
  explicit WalIndexHeader(const volatile unsigned char* shm) : shm_(shm) {}
  const volatile unsigned char* shm_ = nullptr;
};

}  // namespace samrad
