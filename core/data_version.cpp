// DataVersion: PRAGMA data_version on one connection per thread, asked only
// when the WAL index header has changed since it was last asked.
#include "core/data_version.h"

#include <optional>
#include <unordered_map>

#include "core/sqlite.h"
#include "core/wal_index_header.h"

namespace samrad {

namespace {
std::atomic<uint64_t> next_id{1};

struct Probe {
  std::unique_ptr<db::Connection> conn;
  db::Statement* version = nullptr;  // PRAGMA data_version, prepared once
  int64_t seen = -1;
  // The WAL index header as it was just before the last PRAGMA: while it is
  // still the same, no commit has finished since, and the PRAGMA would say so.
  WalIndexHeader wal;
  std::optional<WalIndexHeader::Bytes> header;
};
}  // namespace

DataVersion::DataVersion(std::shared_ptr<Database> db) : db_(std::move(db)), id_(next_id++) {}

uint64_t DataVersion::Current() {
  // Keyed by this object's id, never its address, so that a DataVersion made
  // later at the same address starts with a connection of its own.
  thread_local std::unordered_map<uint64_t, Probe> probes;
  Probe& probe = probes[id_];
  std::optional<WalIndexHeader::Bytes> header = probe.wal.Read();
  if (header && header == probe.header) return version_.load(std::memory_order_acquire);
  try {
    if (!probe.conn) {
      probe.conn = db::Connection::Open(db_->path(), false);
      probe.version = &probe.conn->Prepare("PRAGMA data_version");
    }
    int64_t now = probe.version->Step() ? probe.version->Int(0) : -1;
    probe.version->Reset();
    // The first PRAGMA opens the WAL; the header is trusted from the next one on.
    if (!probe.wal.attached()) probe.wal = WalIndexHeader::Of(probe.conn->raw());
    probe.header = header;
    if (now != probe.seen) {
      probe.seen = now;
      return version_.fetch_add(1, std::memory_order_acq_rel) + 1;
    }
  } catch (const db::DbError&) {
    // Unreadable now: a version of its own, so nothing cached is used.
    probe.version = nullptr;
    probe.wal = WalIndexHeader();
    probe.header.reset();
    probe.conn.reset();
    probe.seen = -1;
    return version_.fetch_add(1, std::memory_order_acq_rel) + 1;
  }
  return version_.load(std::memory_order_acquire);
}

}  // namespace samrad
