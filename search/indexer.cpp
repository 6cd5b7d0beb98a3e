// Indexer: the writer thread and the aside rebuild.
#include "search/indexer.h"

#include <chrono>
#include <filesystem>
#include <iostream>

#include "core/thread_name.h"
#include "search/bulk_build.h"
#include "search/compound_splitter.h"
#include "search/index_folder.h"
#include "search/index_schema.h"
#include "search/rebuild_lock.h"

namespace samrad::search {

namespace {
constexpr int kBatch = 1000;             // events per commit while live
constexpr int kRebuildBatch = 5000;      // events per commit while rebuilding
// At most one commit per interval: writes arriving together share a commit,
// and a write is still searchable well within a second.
constexpr auto kCommitInterval = std::chrono::milliseconds(100);
// While writes stream in (a round found this many events), rounds are spaced
// further apart: each Xapian commit syncs every table and rewrites the blocks
// it touched, a cost then shared by more documents, and a write is still
// searchable within about half a second.
constexpr int64_t kBusyRound = 100;
constexpr auto kBusyCommitInterval = std::chrono::milliseconds(400);
// Wake up regardless, for writes by other processes (the command line) and
// for an index swapped in by `samrad reindex`.
constexpr auto kPollInterval = std::chrono::milliseconds(500);
}  // namespace

Indexer::Indexer(std::string data_dir, std::shared_ptr<Database> db,
                 std::shared_ptr<const SourceRegistry> sources)
    : data_dir_(std::move(data_dir)), db_(std::move(db)), sources_(std::move(sources)) {}

Indexer::~Indexer() { Stop(); }

Status Indexer::Start() {
  std::string dir = LiveIndexDir(data_dir_);
  auto w = IndexWriter::Open(dir, sources_.get());
  if (!w.ok()) return w.status();
  writer_ = std::move(w).value();
  identity_ = FolderIdentity(dir);
  last_seq_ = writer_->last_seq();
  rounds_.Wake();  // catch up at once
  thread_ = std::thread([this] { Run(); });
  NameThread(thread_.native_handle(), "index");
  return Status::Ok();
}

void Indexer::Wake() { rounds_.Wake(); }

void Indexer::Stop() {
  rounds_.Stop();
  if (thread_.joinable()) thread_.join();
  rebuild_.request_stop();
  if (rebuild_.joinable()) rebuild_.join();
  writer_.reset();  // releases the write lock
}

std::string Indexer::last_error() const {
  std::lock_guard lock(mu_);
  return error_;
}

bool Indexer::ReopenIfSwapped() {
  std::string dir = LiveIndexDir(data_dir_);
  uint64_t now = FolderIdentity(dir);
  if (now == identity_ && writer_) return true;
  writer_.reset();
  auto w = IndexWriter::Open(dir, sources_.get());
  if (!w.ok()) {
    std::lock_guard lock(mu_);
    error_ = w.status().message();
    return false;
  }
  writer_ = std::move(w).value();
  identity_ = now;
  last_seq_ = writer_->last_seq();
  return true;
}

void Indexer::CatchUp() {
  if (!ReopenIfSwapped()) return;
  std::string error;
  while (true) {
    auto n = writer_->ApplyNext(*db_, kBatch);
    last_seq_ = writer_->last_seq();
    if (!n.ok()) {
      error = n.status().message();
      // A broken writer (e.g. its folder removed under it) is opened afresh next round.
      if (n.status().code() == Code::kInternal) writer_.reset();
      break;
    }
    // A batch short of kBatch reached the head of the log: what was logged
    // since waits for the next round, so a round commits once.
    if (n.value() < static_cast<size_t>(kBatch)) break;
  }
  std::lock_guard lock(mu_);
  if (error != error_ && !error.empty()) std::cerr << "samrad: search index: " << error << std::endl;
  error_ = error;
}

void Indexer::RebuildIfOtherFormat() {
  if (!writer_ || writer_->xapian().get_metadata(kMetaFormat) == kFormat) return;
  // As `samrad reindex` would, on a thread of its own: searches go on
  // against the old index, and this thread goes on applying new writes to it
  // (built in the current layout, so they are found at once). The first
  // round after the swap opens the new index and catches up from there.
  std::cerr << "samrad: search index: rebuilding in the current format" << std::endl;
  rebuild_ = std::jthread([this](std::stop_token stop) {
    auto built = RebuildIndex(data_dir_, *db_, *sources_, [](int64_t, int64_t) {}, stop);
    if (built.ok()) {
      Wake();  // the new index now, not at the next poll
    } else if (!stop.stop_requested()) {
      std::lock_guard lock(mu_);
      error_ = built.status().message();
      std::cerr << "samrad: search index: " << error_ << std::endl;
    }
  });
  NameThread(rebuild_.native_handle(), "rebuild");
}

void Indexer::Run() {
  RebuildIfOtherFormat();
  // The word list loads in about 40 ms: here, not in the first search or
  // write that splits a compound.
  CompoundSplitter::Swedish();
  std::chrono::steady_clock::duration interval = kCommitInterval;
  while (rounds_.NextRound(kPollInterval, interval)) {
    int64_t before = last_seq_;
    CatchUp();
    rounds_.RoundDone();
    interval = last_seq_ - before >= kBusyRound ? kBusyCommitInterval : kCommitInterval;
  }
}

namespace {
// RebuildIndex's work up to the swap, into dir.
Result<int64_t> BuildAside(const std::string& dir, Database& db, const SourceRegistry& sources,
                           const std::function<void(int64_t, int64_t)>& progress, std::stop_token stop) {
  int64_t documents = 0;
  {
    int64_t head = 0;
    Status s = db.Read([&](db::Connection& c) {
      head = EventLog::Head(c);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    // In bulk, the index holds the current state as of head; the events
    // logged after head are replayed below, which is safe because sources
    // always index the current state.
    std::vector<BulkSource> bulk = sources.CompleteBulk();
    if (!bulk.empty()) {
      auto built = BuildFromBulk(dir, bulk, head, progress, stop);
      if (!built.ok()) return built.status();
    } else {
      progress(0, head);
    }
    // Built without fsync: nobody reads index.new, a crash leaves only a
    // leftover thrown away above, and SyncFolder makes it durable before the
    // swap puts it in place.
    auto w = IndexWriter::Open(dir, &sources, true);
    if (!w.ok()) return w.status();
    auto& writer = *w.value();
    while (true) {
      if (stop.stop_requested()) return Status(Code::kUnavailable, "search index rebuild stopped");
      auto n = writer.ApplyNext(db, kRebuildBatch);
      if (!n.ok()) return n.status();
      if (n.value() == 0) break;
      // Events logged during the rebuild are indexed too; the head only grows.
      progress(writer.last_seq(), std::max(head, writer.last_seq()));
    }
    documents = writer.xapian().get_doccount();
  }  // the writer is closed (and its lock released) before the swap
  if (Status s = SyncFolder(dir); !s.ok()) return s;
  return documents;
}
}  // namespace

Result<int64_t> RebuildIndex(const std::string& data_dir, Database& db, const SourceRegistry& sources,
                             const std::function<void(int64_t, int64_t)>& progress, std::stop_token stop) {
  auto lock = RebuildLock::Take(data_dir);
  if (!lock.ok()) return lock.status();
  std::string dir = NewIndexDir(data_dir);
  // A leftover of an interrupted rebuild is thrown away, and so is this
  // one's when it fails.
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  auto built = BuildAside(dir, db, sources, progress, stop);
  if (built.ok()) {
    if (Status s = SwapInNewIndex(data_dir); !s.ok()) built = s;
  }
  if (!built.ok()) std::filesystem::remove_all(dir, ec);
  return built;
}

}  // namespace samrad::search
