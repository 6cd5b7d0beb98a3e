// Paging over the event log for feed builders.
#include "feeds/event_feed.h"

#include <set>

namespace samrad::feeds {

Result<FeedPage> PageFromEvents(const EventHistory& history, const FeedQuery& q,
                                const std::vector<std::string>& kinds, Feed header,
                                const EntryMaker& make, std::optional<int64_t> consultation_id) {
  constexpr int kBatch = 200;
  FeedPage page;
  page.feed = std::move(header);
  auto& entries = page.feed.entries;
  // Only the newest version of an item on one page: the older ones it
  // supersedes add nothing (RFC 5005 readers keep the newest per id anyway).
  std::set<std::string> seen;
  int64_t before = q.before.value_or(INT64_MAX);
  while (true) {
    auto events = consultation_id ? history.BeforeAbout(*consultation_id, before, kinds, kBatch)
                                  : history.Before(before, kinds, kBatch);
    if (!events.ok()) return events.status();
    for (const auto& e : events.value()) {
      before = e.seq;
      if (seen.count(e.subject)) continue;
      auto entry = make(e);
      if (!entry) continue;
      if (static_cast<int>(entries.size()) == q.limit) {
        page.older = e.seq + 1;
        return page;
      }
      seen.insert(e.subject);
      entries.push_back(std::move(*entry));
    }
    if (static_cast<int>(events.value().size()) < kBatch) return page;
  }
}

}  // namespace samrad::feeds
