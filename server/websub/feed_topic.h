// WebSub topics are this site's own feeds: a topic URL is read back into the
// feed request it names, which both the hub (is it ours?) and the
// distributor (render what the subscriber follows) need.
#pragma once

#include <optional>
#include <string>

#include "feeds/feed_registry.h"
#include "feeds/feed_service.h"

namespace samrad::websub {

// The request of a topic URL: base_url + a registered feed path (with its
// {id} segments) + ".atom" or ".rss", and in the query at most q and limit
// (the current document: no before or archive). nullopt for anything else.
// Pure.
std::optional<feeds::FeedRequest> TopicFeed(const feeds::FeedRegistry& registry, const std::string& base_url,
                                            const std::string& topic);

}  // namespace samrad::websub
