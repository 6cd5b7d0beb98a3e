// Bulk build: shared page feed, shard workers, merge.
#include "search/bulk_build.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "search/index_schema.h"

namespace samrad::search {

namespace {
constexpr int kPage = 500;            // documents per bulk read
constexpr int kShardCommit = 4000;    // documents per commit: bounds the in-memory batch
// Documents per shard. Small shards keep every commit cheap (merging a batch
// into a large index rewrites most of its posting lists); one compaction at
// the end merges them all in a single pass.
constexpr int kShardDocs = 20000;
constexpr unsigned kMaxWorkers = 4;

// Hands out pages of documents to the workers, source after source.
class Feed {
 public:
  Feed(const std::vector<BulkSource>& bulk, const std::function<void(int64_t, int64_t)>& progress)
      : bulk_(bulk), progress_(progress) {}

  // The next page; empty when everything was handed out or a read failed.
  std::vector<IndexDocument> Next(size_t done_by_caller) {
    std::lock_guard lock(mu_);
    documents_ += static_cast<int64_t>(done_by_caller);
    if (done_by_caller > 0) progress_(documents_, 0);
    while (error_.ok() && source_ < bulk_.size()) {
      auto docs = bulk_[source_](after_, kPage);
      if (!docs.ok()) {
        error_ = docs.status();
        break;
      }
      if (docs->empty()) {
        ++source_;
        after_ = 0;
        continue;
      }
      after_ = docs->back().id;
      return std::move(docs).value();
    }
    return {};
  }

  void Fail(Status s) {
    std::lock_guard lock(mu_);
    if (error_.ok()) error_ = std::move(s);
  }
  Status error() {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  const std::vector<BulkSource>& bulk_;
  const std::function<void(int64_t, int64_t)>& progress_;
  std::mutex mu_;
  size_t source_ = 0;
  int64_t after_ = 0;
  int64_t documents_ = 0;
  Status error_;
};

// The shard folders made so far (beside the new index), for the merge.
class Shards {
 public:
  // Removes the shards an interrupted build left beside base.
  explicit Shards(std::string base) : base_(std::move(base)) {
    std::filesystem::path b(base_);
    std::string prefix = b.filename().string() + ".part";
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(b.parent_path(), ec)) {
      if (e.path().filename().string().starts_with(prefix)) std::filesystem::remove_all(e.path(), ec);
    }
  }
  std::string Next() {
    std::lock_guard lock(mu_);
    paths_.push_back(base_ + ".part" + std::to_string(paths_.size()));
    return paths_.back();
  }
  std::vector<std::string> paths() {
    std::lock_guard lock(mu_);
    return paths_;
  }
  void RemoveAll() {
    std::error_code ec;
    for (const auto& p : paths()) std::filesystem::remove_all(p, ec);
  }

 private:
  std::string base_;
  std::mutex mu_;
  std::vector<std::string> paths_;
};

// One worker: indexes pages from the feed into shards of its own. Nobody
// reads a shard before the merge, so it is written without syncing, in place.
void IndexShards(Shards& shards, Feed& feed) {
  try {
    std::optional<Xapian::WritableDatabase> shard;
    Xapian::TermGenerator tg;
    int in_shard = 0, since_commit = 0;
    size_t done = 0;
    for (auto docs = feed.Next(0); !docs.empty(); docs = feed.Next(done)) {
      if (!shard || in_shard >= kShardDocs) {
        if (shard) shard->commit();
        shard.emplace(shards.Next(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS);
        tg.set_database(*shard);  // for the spelling data of titles
        in_shard = since_commit = 0;
      }
      for (const auto& d : docs) shard->add_document(BuildDocument(d, tg));
      done = docs.size();
      in_shard += static_cast<int>(done);
      since_commit += static_cast<int>(done);
      if (since_commit >= kShardCommit) {
        shard->commit();
        since_commit = 0;
      }
    }
    if (shard) shard->commit();
  } catch (const Xapian::Error& e) {
    feed.Fail(Status(Code::kInternal, "search index shard: " + e.get_description()));
  }
}
}  // namespace

Result<int64_t> BuildFromBulk(const std::string& dir, const std::vector<BulkSource>& bulk, int64_t head,
                              const std::function<void(int64_t, int64_t)>& progress) {
  unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxWorkers);
  Shards shards(dir);
  Feed feed(bulk, progress);
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < workers; ++i) threads.emplace_back([&] { IndexShards(shards, feed); });
  for (auto& t : threads) t.join();
  if (Status s = feed.error(); !s.ok()) {
    shards.RemoveAll();
    return s;
  }
  int64_t documents = 0;
  try {
    if (shards.paths().empty()) Xapian::WritableDatabase(shards.Next(), Xapian::DB_CREATE).close();
    Xapian::Database all;
    for (const auto& p : shards.paths()) all.add_database(Xapian::Database(p));
    // Compaction renumbers the shards' documents one after another and merges
    // their spelling data; the result has full, contiguous B-tree blocks.
    all.compact(dir, Xapian::Compactor::STANDARD);
    Xapian::WritableDatabase merged(dir, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    merged.set_metadata(kMetaFormat, kFormat);
    merged.set_metadata(kMetaLastSeq, std::to_string(head));
    merged.commit();
    documents = merged.get_doccount();
  } catch (const Xapian::Error& e) {
    shards.RemoveAll();
    return Status(Code::kInternal, "search index merge: " + e.get_description());
  }
  shards.RemoveAll();
  return documents;
}

}  // namespace samrad::search
