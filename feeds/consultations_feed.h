// The feed of new and changed consultations: one entry per publication or
// edit of a published consultation, read from the event log, newest first.
#pragma once

#include <memory>

#include "core/event_history.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

// Registers "consultations" at /feeds/consultations. Entry ids are
// tag:HOST,2026:consultation/ID, the same for every version; each entry
// carries the content as of that change, so older pages never change.
void RegisterConsultationsFeed(FeedRegistry& registry, std::shared_ptr<const EventHistory> history);

}  // namespace samrad::feeds
