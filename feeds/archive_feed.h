// RFC 5005 archives with fixed boundaries: a feed's events, in log order, cut
// into blocks of query.limit; archive k holds block k, so a complete archive
// never changes once written and the current document holds the rest.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/event_history.h"
#include "feeds/event_feed.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

// The sequence numbers of one feed's events, oldest first, so that the k-th
// block can be found without counting the log each time. The log only grows
// at its head, so the index only ever appends.
class ArchiveIndex {
 public:
  ArchiveIndex(std::shared_ptr<const EventHistory> history, std::vector<std::string> kinds)
      : history_(std::move(history)), kinds_(std::move(kinds)) {}

  // A copy of the sequence numbers up to the log's head, oldest first.
  // Errors: kInternal when the database fails. Thread-safe.
  Result<std::vector<int64_t>> Seqs();

  const EventHistory& history() const { return *history_; }
  const std::vector<std::string>& kinds() const { return kinds_; }

 private:
  std::shared_ptr<const EventHistory> history_;
  std::vector<std::string> kinds_;
  std::mutex mu_;
  std::vector<int64_t> seqs_;
};

// One document of an archived feed: archive q.archive, or the current
// document without it; with q.before (an address of the earlier sliding
// pages) only moved_to, the document that now holds that position. Within a
// document an item appears once, in its newest version there; make as for
// PageFromEvents. Errors: kNotFound for an archive past the current one,
// kInternal when the database fails.
Result<FeedPage> BlockFromEvents(ArchiveIndex& index, const FeedQuery& q, Feed header,
                                 const EntryMaker& make);

}  // namespace samrad::feeds
