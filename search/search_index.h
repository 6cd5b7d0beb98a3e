// Search as the rest of the program sees it: the source registry, the live
// writer (started by `samrad serve` only), searching, health and rebuilds.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/database.h"
#include "search/indexer.h"
#include "search/search_request.h"
#include "search/searcher.h"
#include "search/source_registry.h"

namespace samrad::search {

struct IndexHealth {
  std::string state;  // ok, catching_up, missing, error
  int64_t indexed_seq = 0;
  int64_t log_head = 0;
  std::string error;
};

class SearchIndex {
 public:
  SearchIndex(std::string data_dir, std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);
  ~SearchIndex();

  // Register sources here before StartWriter or Rebuild.
  SourceRegistry& sources() { return *sources_; }

  // Starts the single writer thread and wakes it on every commit. Call once,
  // before serving. Errors as Indexer::Start.
  Status StartWriter();
  void StopWriter();

  // See Searcher::Search. Thread-safe.
  Result<SearchResult> Search(const SearchRequest& r) const { return searcher_.Search(r); }

  // How far the index is behind the log. Thread-safe.
  IndexHealth Health() const;
  // The last log seq the live writer has committed to the index (0 without
  // a writer): moves whenever search answers may change. Thread-safe.
  int64_t WrittenSeq() const { return indexer_ ? indexer_->last_seq() : 0; }

  // Rebuilds aside and swaps in; see RebuildIndex.
  Result<int64_t> Rebuild(const std::function<void(int64_t, int64_t)>& progress);

 private:
  std::string data_dir_;
  std::shared_ptr<Database> db_;
  std::shared_ptr<SourceRegistry> sources_;
  Searcher searcher_;
  std::shared_ptr<Indexer> indexer_;
};

}  // namespace samrad::search
