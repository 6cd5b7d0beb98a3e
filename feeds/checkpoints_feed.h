// The checkpoints feed (/feeds/checkpoints.atom and .rss): the transparency
// log's signed checkpoints, the newest of each hour, newest first, so that
// anyone can keep them without polling /tlog/checkpoint.
#pragma once

#include <memory>

#include "core/database.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

void RegisterCheckpointsFeed(FeedRegistry& registry, std::shared_ptr<Database> db);

}  // namespace samrad::feeds
