// The datasets feed: every dataset an official publishes, with its
// description, columns and download links.
#pragma once

#include <memory>

#include "core/event_history.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

void RegisterDatasetsFeed(FeedRegistry& registry, std::shared_ptr<const EventHistory> history);

}  // namespace samrad::feeds
