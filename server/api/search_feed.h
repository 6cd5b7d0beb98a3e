// Any search as a feed (/feeds/search.atom?q=): registered from server/ so
// that the feeds module never depends on search.
#pragma once

#include <memory>

#include "feeds/feed_registry.h"
#include "search/search_index.h"

namespace samrad::server {

void RegisterSearchFeed(feeds::FeedRegistry& registry, std::shared_ptr<search::SearchIndex> index);

}  // namespace samrad::server
