// One page of a feed built from event-log entries: newest first, one entry per
// subject (its newest version on that page), with the RFC 5005 position of
// the next older page.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/event_history.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

// make turns an event into an entry, or nullopt to pass over it (e.g. an
// edit of a draft, which is not public).
using EntryMaker = std::function<std::optional<Entry>(const Event&)>;

// With a consultation id, only entries whose payload names it are read.
Result<FeedPage> PageFromEvents(const EventHistory& history, const FeedQuery& q,
                                const std::vector<std::string>& kinds, Feed header,
                                const EntryMaker& make,
                                std::optional<int64_t> consultation_id = std::nullopt);

}  // namespace samrad::feeds
