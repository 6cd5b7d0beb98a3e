// The log on other pages: the small "I loggen #N · bevis" link that
// comments and moderation acts carry (the entry's page and its offline proof
// file), and a form field's refusal for not fitting one log entry.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "server/web/page.h"

namespace samrad::server {

// {entry_url, entry_text, proof_url, proof_text}; null when seq is 0 (the
// entry is not known).
nlohmann::json LogLinkView(const WebContext& ctx, int64_t seq);

// The page's words for a field error made by tlog::EntryTooLargeError (its
// size and the limit in bytes); nullopt for any other message.
std::optional<std::string> EntryTooLargeText(const WebContext& ctx, const std::string& message);

}  // namespace samrad::server
