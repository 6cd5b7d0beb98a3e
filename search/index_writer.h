// The one writable Xapian database: applies log events through the source
// registry and records the last applied sequence number in its metadata.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/event_log.h"
#include "core/status.h"
#include "search/source_registry.h"

namespace samrad::search {

class IndexWriter {
 public:
  // Opens (creating when missing) the index folder. aside: the folder is a
  // rebuild nobody reads yet, so commits skip fsync and update in place
  // (DB_NO_SYNC | DB_DANGEROUS); the caller syncs the folder (SyncFolder)
  // before swapping it in. Errors: kUnavailable when it cannot be opened,
  // e.g. another process holds the write lock.
  static Result<std::unique_ptr<IndexWriter>> Open(const std::string& dir,
                                                   const SourceRegistry* sources, bool aside = false);

  // The sequence number of the last event applied (0 for a new index).
  int64_t last_seq() const { return last_seq_; }

  // Resolves and applies events (in seq order) and commits once, storing the
  // last applied seq. When a source fails transiently, applies and commits the
  // events before it and returns its Status; the caller retries from
  // last_seq(). Events of a subject seen again later in the batch are resolved
  // once. Not thread-safe: one caller at a time.
  Status Apply(const std::vector<Event>& events);

  // Reads up to batch events after last_seq() from the log and applies them;
  // returns how many were read (0 when caught up).
  Result<size_t> ApplyNext(Database& db, int batch);

  Xapian::WritableDatabase& xapian() { return db_; }

 private:
  IndexWriter(Xapian::WritableDatabase db, const SourceRegistry* sources);

  Xapian::WritableDatabase db_;
  const SourceRegistry* sources_;
  int64_t last_seq_ = 0;
};

}  // namespace samrad::search
