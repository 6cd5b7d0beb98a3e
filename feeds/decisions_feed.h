// The decisions feed: every publication and amendment, the amendment as an
// update of the same entry (same id, later `updated`).
#pragma once

#include <memory>

#include "core/event_history.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

void RegisterDecisionsFeed(FeedRegistry& registry, std::shared_ptr<const EventHistory> history);

}  // namespace samrad::feeds
