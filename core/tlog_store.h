// The stored Merkle tree of the event log (table tlog_nodes): appending a
// leaf in the caller's transaction, reading subtree hashes, tiles and roots,
// and building the tree of an existing log.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/database.h"
#include "core/tlog_tree.h"

namespace samrad::tlog {

class TreeStore {
 public:
  // Stores leaf `index` (its entry bytes) and the subtrees it completes,
  // inside the caller's write transaction; O(log n). When the stored tree is
  // shorter than index (a log from before the tree), the missing leaves are
  // built first from `events`. Throws db::DbError.
  static void AppendLeaf(db::Connection& c, int64_t index, std::string_view entry);
  // Number of leaves stored.
  static int64_t Size(db::Connection& c);
  // Reads stored subtree hashes on this connection (throws db::DbError with
  // SQLITE_NOTFOUND when one is missing).
  static NodeReader Reader(db::Connection& c);
  // The concatenated hashes of level `level`, indexes [first, first+count);
  // empty when any is missing.
  static std::string Hashes(db::Connection& c, int level, int64_t first, int64_t count);
  // Builds the leaves for events the tree lacks, in one transaction, calling
  // progress(done, total) now and then. Errors: the write's status.
  static Status CatchUp(Database& db, const std::function<void(int64_t, int64_t)>& progress = nullptr);

 private:
  // Appends the leaves for events (size, upto] from `events`.
  static void Build(db::Connection& c, int64_t size, int64_t upto,
                    const std::function<void(int64_t, int64_t)>& progress);
};

}  // namespace samrad::tlog
