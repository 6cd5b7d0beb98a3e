// The fast path of `samrad reindex`: every current document read in pages
// through the bulk sources, indexed by one thread per core into small shards,
// then merged (Xapian compaction) into one index in a single pass.
#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/status.h"
#include "search/source_registry.h"

namespace samrad::search {

// Builds a new index in dir (which must not exist) holding every document the
// bulk sources return, with head recorded as the last applied log seq.
// Shards live beside dir while building and are removed afterwards. Nothing
// is synced to disk (see SyncFolder). progress(documents, 0) is called as it
// goes, one call at a time. Returns the number of documents. Errors: those of
// the sources, kInternal for index trouble, kUnavailable when stop was
// requested (looked at between pages; the shards are removed).
Result<int64_t> BuildFromBulk(const std::string& dir, const std::vector<BulkSource>& bulk, int64_t head,
                              const std::function<void(int64_t, int64_t)>& progress,
                              std::stop_token stop = {});

}  // namespace samrad::search
