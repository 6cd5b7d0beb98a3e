// WalIndexHeader: the first region of the WAL index through the VFS's own
// mapping (xShmMap without extending), read the way SQLite's readers read
// it: the first copy, a barrier, the second copy, equal or not trusted.
#include "core/wal_index_header.h"

#include <sqlite3.h>

#include <atomic>

namespace samrad {

namespace {
// The size of a WAL index region (WALINDEX_PGSZ in SQLite's wal.c).
constexpr int kRegionBytes = 32768;
// Header layout (WalIndexHdr): the isInit byte follows iVersion, unused and iChange.
constexpr size_t kIsInit = 12;

WalIndexHeader::Bytes Copy(const volatile unsigned char* from) {
  WalIndexHeader::Bytes out;
  for (size_t i = 0; i < out.size(); ++i) out[i] = from[i];
  return out;
}
}  // namespace

WalIndexHeader WalIndexHeader::Of(sqlite3* db) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
      !file->pMethods || file->pMethods->iVersion < 2 || !file->pMethods->xShmMap) {
    return {};
  }
  void volatile* region = nullptr;
  if (file->pMethods->xShmMap(file, 0, kRegionBytes, 0, &region) != SQLITE_OK || !region) return {};
  return WalIndexHeader(static_cast<const volatile unsigned char*>(region));
}

std::optional<WalIndexHeader::Bytes> WalIndexHeader::Read() const {
  if (!shm_) return std::nullopt;
  Bytes first = Copy(shm_);
  std::atomic_thread_fence(std::memory_order_seq_cst);
  Bytes second = Copy(shm_ + first.size());
  if (first != second || first[kIsInit] == 0) return std::nullopt;
  return first;
}

}  // namespace samrad
