// The live index's single writer thread: tails the event log, applies new
// events in batches, and picks up an index swapped in by `samrad reindex`.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "core/database.h"
#include "core/follower_rounds.h"
#include "search/index_writer.h"
#include "search/source_registry.h"

namespace samrad::search {

class Indexer {
 public:
  Indexer(std::string data_dir, std::shared_ptr<Database> db,
          std::shared_ptr<const SourceRegistry> sources);
  ~Indexer();

  // Opens DATA/index (creating it) and starts the thread, which first catches
  // up with everything logged since the last indexed seq. Errors:
  // kUnavailable when the index cannot be opened for writing (another
  // process, e.g. a second `samrad serve`, holds it).
  Status Start();
  // Asks the thread to look at the log now (hooked to Database::OnCommit).
  // Cheap and thread-safe.
  void Wake();
  // Stops the thread after its current batch, and a format rebuild between
  // two pages (its unfinished folder is removed); a rebuild already in its
  // final merge (seconds at a million documents) is waited for. Idempotent.
  void Stop();

  // The last seq committed to the index. Thread-safe.
  int64_t last_seq() const { return last_seq_.load(); }
  // The last error of the writer, empty when the last round went well.
  std::string last_error() const;

 private:
  void Run();
  // Starts rebuilding the index aside, on rebuild_, when it was written in
  // another format (by an older build): terms of another layout would not
  // match. The writer thread goes on meanwhile.
  void RebuildIfOtherFormat();
  void CatchUp();
  bool ReopenIfSwapped();

  std::string data_dir_;
  std::shared_ptr<Database> db_;
  std::shared_ptr<const SourceRegistry> sources_;
  std::unique_ptr<IndexWriter> writer_;
  uint64_t identity_ = 0;
  std::atomic<int64_t> last_seq_{0};
  FollowerRounds rounds_;
  mutable std::mutex mu_;  // guards error_
  std::string error_;
  std::thread thread_;
  std::jthread rebuild_;
};

// Builds a complete index in DATA/index.new and swaps it in (see
// SwapInNewIndex). When every source has a bulk reader, the documents are
// read in bulk (progress(documents, 0) as it goes) and only events logged
// meanwhile are replayed; otherwise the whole log is replayed
// (progress(done_seq, head_seq)).
// Safe while a server runs: the server keeps serving the old index, then
// switches to the new one and catches up on events logged meanwhile.
// Returns the number of documents in the new index. Errors: kUnavailable
// when another rebuild is running (RebuildLock) or stop was requested (the
// unfinished index.new is removed), kInternal; the live index is untouched
// by any error.
Result<int64_t> RebuildIndex(const std::string& data_dir, Database& db, const SourceRegistry& sources,
                             const std::function<void(int64_t, int64_t)>& progress, std::stop_token stop = {});

}  // namespace samrad::search
