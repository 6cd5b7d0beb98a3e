// The staff desk's page areas (one task per page), registered together by
// AddDeskPages, and the little they share: who may work a task, the
// confirmation banner after a post, and reading ids from the query.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "server/app.h"
#include "server/http/router.h"
#include "server/web/form.h"
#include "server/web/page.h"

namespace samrad::server {

void AddDeskModerationPages(Router& r, std::shared_ptr<App> app);    // /desk/moderation, /moderation
void AddDeskAnswerPages(Router& r, std::shared_ptr<App> app);        // /desk/answers
void AddDeskConsultationPages(Router& r, std::shared_ptr<App> app);  // /desk/consultations...
void AddDeskDecisionPages(Router& r, std::shared_ptr<App> app);      // /desk/decisions...

enum class DeskRole { kOfficial, kModerator, kEither };

// The refusal page when the signed-in user may not work this task (a
// redirect to sign in, or 403); nullopt when they may.
std::optional<ApiResponse> DeskRefusal(WebContext& ctx, DeskRole role);

// The confirmation banner of ?done=<key> (the message desk_done_<key>),
// null when there is none; extra is merged into it (an undo form).
nlohmann::json DeskBanner(const WebContext& ctx, nlohmann::json extra = nlohmann::json::object());

// A positive id from the query, nullopt when absent or not one.
std::optional<int64_t> QueryId(const WebContext& ctx, const std::string& name);

// A desk page: the model gets the banner (unless it has one) and the
// links between the desk's tasks, the one shown marked current.
ApiResponse RenderDeskPage(WebContext& ctx, const std::string& page, const std::string& title_key,
                           nlohmann::json model, int status = 200);

// ErrorSummary for the desk's forms: fields of numbered groups
// (sections_N_*, roll_N_*) are named by their group and number.
nlohmann::json DeskErrorSummary(const WebContext& ctx, const FormErrors& errors,
                                const std::vector<std::string>& names, const std::string& form_id);

// Marks the part of a form view whose "id" is id (a field, or the form's
// own "focus_<id>" flag for a group such as "sections") to take the focus
// when the page loads: where a form's button sent the eye. No-op for "".
void Autofocus(nlohmann::json& view, const std::string& id);

// A short excerpt of a text for lists: at most max characters (UTF-8 safe), "…" when cut.
std::string ShortText(const std::string& text, size_t max = 160);

}  // namespace samrad::server
