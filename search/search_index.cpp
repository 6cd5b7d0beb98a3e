// SearchIndex: assembly of writer, readers and health.
#include "search/search_index.h"

namespace samrad::search {

SearchIndex::SearchIndex(std::string data_dir, std::shared_ptr<Database> db,
                         std::shared_ptr<Clock> clock)
    : data_dir_(std::move(data_dir)),
      db_(std::move(db)),
      sources_(std::make_shared<SourceRegistry>()),
      searcher_(data_dir_, std::move(clock)) {}

SearchIndex::~SearchIndex() { StopWriter(); }

Status SearchIndex::StartWriter() {
  auto indexer = std::make_shared<Indexer>(data_dir_, db_, sources_);
  if (Status s = indexer->Start(); !s.ok()) return s;
  indexer_ = indexer;
  // Opening a reader starts choosing the stems of short wildcards ahead.
  searcher_.IndexedSeq();
  std::weak_ptr<Indexer> weak = indexer;
  db_->OnCommit([weak] {
    if (auto i = weak.lock()) i->Wake();
  });
  return Status::Ok();
}

void SearchIndex::StopWriter() {
  if (indexer_) indexer_->Stop();
}

IndexHealth SearchIndex::Health() const {
  IndexHealth h;
  db_->Read([&](db::Connection& c) {
    h.log_head = EventLog::Head(c);
    return Status::Ok();
  });
  auto seq = searcher_.IndexedSeq();
  if (!seq) {
    h.state = "missing";
    return h;
  }
  h.indexed_seq = *seq;
  h.error = indexer_ ? indexer_->last_error() : "";
  h.state = !h.error.empty() ? "error" : h.indexed_seq >= h.log_head ? "ok" : "catching_up";
  return h;
}

Result<int64_t> SearchIndex::Rebuild(const std::function<void(int64_t, int64_t)>& progress) {
  return RebuildIndex(data_dir_, *db_, *sources_, progress);
}

}  // namespace samrad::search
