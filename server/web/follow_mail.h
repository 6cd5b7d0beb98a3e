// The wording of the e-mail that confirms a follow by e-mail, in the
// follower's language, from the follow.<lang>.json messages.
#pragma once

#include "core/subscription_service.h"

namespace samrad::server {

// What the follow is about, as a phrase of the language ("the consultation
// “Ny cykelbana”"). Pure.
std::string FollowWhat(const std::string& lang, const std::string& kind, const std::string& title);
// Subject, plain text and HTML of the confirmation e-mail. Pure.
OutgoingMail ComposeFollowConfirmation(const ConfirmationMail& m);

}  // namespace samrad::server
