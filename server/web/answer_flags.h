// Flagging a free-text questionnaire answer from the page that shows it:
// the form beside each visible text, the confirmation banner, and the
// POST that takes the flag (CSRF, post-redirect-get, no JavaScript).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>

#include "core/questionnaire_service.h"
#include "server/app.h"
#include "server/http/router.h"
#include "server/web/page.h"

namespace samrad::server {

// One visible text of a question's results, with the flag form when the
// reader is signed in: {text, anchor, flag: {url, csrf, reason, note} | null}.
nlohmann::json AnswerTextView(WebContext& ctx, int64_t consultation_id, int64_t question_id,
                              const VisibleText& t);
// The banner after a flag (done=flagged or done=not_flagged), or null.
nlohmann::json AnswerFlagBanner(const WebContext& ctx);
// POST /consultations/{id}/questionnaire/answers/{aid}/{qid}/flags.
void AddAnswerFlagPages(Router& r, std::shared_ptr<App> app);

}  // namespace samrad::server
