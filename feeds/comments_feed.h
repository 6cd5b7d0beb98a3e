// The comments feed of one consultation: each comment is one entry whose id
// never changes; an edit updates it, a hidden comment stays as a removed
// entry without its body, a restored one comes back.
#pragma once

#include <memory>

#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "core/event_history.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

void RegisterCommentsFeed(FeedRegistry& registry, std::shared_ptr<const EventHistory> history,
                          std::shared_ptr<CommentService> comments,
                          std::shared_ptr<ConsultationService> consultations);

}  // namespace samrad::feeds
