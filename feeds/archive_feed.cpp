// ArchiveIndex and the fixed-boundary documents of an archived feed.
#include "feeds/archive_feed.h"

#include <algorithm>
#include <set>

namespace samrad::feeds {

Result<std::vector<int64_t>> ArchiveIndex::Seqs() {
  constexpr int kBatch = 200;
  std::lock_guard lock(mu_);
  const int64_t known = seqs_.empty() ? 0 : seqs_.back();
  // Read back from the head to what is already known. One writer commits in
  // sequence order, so nothing can appear below a sequence number seen.
  std::vector<int64_t> newer;
  int64_t before = INT64_MAX;
  while (true) {
    auto events = history_->Before(before, kinds_, kBatch);
    if (!events.ok()) return events.status();
    bool reached = false;
    for (const auto& e : events.value()) {
      if (e.seq <= known) {
        reached = true;
        break;
      }
      newer.push_back(e.seq);
      before = e.seq;
    }
    if (reached || static_cast<int>(events.value().size()) < kBatch) break;
  }
  seqs_.insert(seqs_.end(), newer.rbegin(), newer.rend());
  return seqs_;
}

Result<FeedPage> BlockFromEvents(ArchiveIndex& index, const FeedQuery& q, Feed header,
                                 const EntryMaker& make) {
  auto seqs = index.Seqs();
  if (!seqs.ok()) return seqs.status();
  const auto& all = seqs.value();
  const int64_t size = q.limit;
  const int64_t count = static_cast<int64_t>(all.size());
  FeedPage page;
  // The block being filled is the current document's even when it is full:
  // it becomes an archive once a newer event exists, so the current document
  // is never empty while the feed has anything.
  page.complete_archives = count == 0 ? 0 : (count - 1) / size;
  if (q.before) {
    // The position of the newest event below `before`, in blocks.
    int64_t position = std::lower_bound(all.begin(), all.end(), *q.before) - all.begin();
    int64_t block = position == 0 ? 1 : (position - 1) / size + 1;
    page.moved_to = block <= page.complete_archives ? block : 0;
    return page;
  }
  int64_t block = q.archive.value_or(page.complete_archives + 1);
  if (block > page.complete_archives + 1) return NotFound("no such archive");
  if (q.archive && block == page.complete_archives + 1) {
    page.moved_to = 0;  // not complete yet: its entries are the current document's
    return page;
  }
  page.archive = q.archive.value_or(0);
  page.feed = std::move(header);
  const int64_t first = (block - 1) * size;
  const int64_t last = std::min(count, block * size);  // one past the block's end
  if (first >= last) return page;
  auto events = index.history().Before(all[last - 1] + 1, index.kinds(), static_cast<int>(last - first));
  if (!events.ok()) return events.status();
  std::set<std::string> seen;
  for (const auto& e : events.value()) {
    if (e.seq < all[first] || seen.count(e.subject)) continue;
    auto entry = make(e);
    if (!entry) continue;
    seen.insert(e.subject);
    page.feed.entries.push_back(std::move(*entry));
  }
  return page;
}

}  // namespace samrad::feeds
