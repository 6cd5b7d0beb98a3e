// A small but realistic demo municipality, loaded through the services so
// that it passes the same rules and lands in the event log like any data.
#pragma once

#include <cstdint>

#include "core/account_service.h"
#include "core/comment_service.h"
#include "core/consultation_service.h"
#include "core/moderation_service.h"
#include "core/status.h"

namespace samrad {

// Creates officials, a moderator, residents and consultations in every
// state relative to now, and (when the services are given) comment threads
// with replies, reactions and one hidden comment. kConflict when demo data
// is already there.
Status LoadDemoData(AccountService& accounts, ConsultationService& consultations, int64_t now,
                    CommentService* comments = nullptr, ModerationService* moderation = nullptr);

}  // namespace samrad
