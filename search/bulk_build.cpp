// Bulk build: shared page feed, shard workers, merge.
#include "search/bulk_build.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <thread>

#include "search/index_schema.h"

namespace samrad::search {

namespace {
constexpr int kPage = 500;            // documents per bulk read
constexpr int kShardCommit = 4000;    // documents per shard commit: bounds the in-memory batch
constexpr unsigned kMaxShards = 4;

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

// One worker: indexes pages from the feed into its shard. Nobody reads a
// shard before the merge, so it is written without syncing, in place.
void IndexShard(const std::string& path, Feed& feed) {
  try {
    Xapian::WritableDatabase shard(path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS);
    Xapian::TermGenerator tg;
    tg.set_database(shard);  // for the spelling data of titles
    int since_commit = 0;
    size_t done = 0;
    for (auto docs = feed.Next(0); !docs.empty(); docs = feed.Next(done)) {
      for (const auto& d : docs) shard.add_document(BuildDocument(d, tg));
      done = docs.size();
      since_commit += static_cast<int>(done);
      if (since_commit >= kShardCommit) {
        shard.commit();
        since_commit = 0;
      }
    }
    shard.commit();
  } catch (const Xapian::Error& e) {
    feed.Fail(Status(Code::kInternal, "search index shard: " + e.get_description()));
  }
}
}  // namespace

Result<int64_t> BuildFromBulk(const std::string& dir, const std::vector<BulkSource>& bulk, int64_t head,
                              const std::function<void(int64_t, int64_t)>& progress) {
  unsigned shards = std::clamp(std::thread::hardware_concurrency(), 1u, kMaxShards);
  std::vector<std::string> paths;
  std::error_code ec;
  for (unsigned i = 0; i < shards; ++i) {
    paths.push_back(dir + ".part" + std::to_string(i));
    std::filesystem::remove_all(paths.back(), ec);  // a leftover of an interrupted build
  }
  auto remove_shards = [&] {
    for (const auto& p : paths) std::filesystem::remove_all(p, ec);
  };
  Feed feed(bulk, progress);
  std::vector<std::thread> workers;
  for (const auto& p : paths) workers.emplace_back([&feed, p] { IndexShard(p, feed); });
  for (auto& w : workers) w.join();
  if (Status s = feed.error(); !s.ok()) {
    remove_shards();
    return s;
  }
  int64_t documents = 0;
  try {
    Xapian::Database all;
    for (const auto& p : paths) all.add_database(Xapian::Database(p));
    // Compaction renumbers the shards' documents one after another and merges
    // their spelling data; the result has full, contiguous B-tree blocks.
    all.compact(dir, Xapian::Compactor::STANDARD);
    Xapian::WritableDatabase merged(dir, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    merged.set_metadata(kMetaFormat, kFormat);
    merged.set_metadata(kMetaLastSeq, std::to_string(head));
    merged.commit();
    documents = merged.get_doccount();
  } catch (const Xapian::Error& e) {
    remove_shards();
    return Status(Code::kInternal, "search index merge: " + e.get_description());
  }
  remove_shards();
  return documents;
}

}  // namespace samrad::search
