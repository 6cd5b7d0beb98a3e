// The web page routes, one function per page area (web_pages_<area>.cpp),
// all registered by AddWebRoutes. Handlers stay thin: read the request,
// call a service, build the view model (web_models.h), render.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/status.h"
#include "server/app.h"
#include "server/http/router.h"
#include "server/web/models.h"
#include "server/web/page.h"

namespace samrad::server {

void AddHomePages(Router& r, std::shared_ptr<App> app);          // /
void AddCatalogPages(Router& r, std::shared_ptr<App> app);       // /data
void AddSearchPages(Router& r, std::shared_ptr<App> app);        // /search
void AddConsultationPages(Router& r, std::shared_ptr<App> app);  // /consultations...
void AddDecisionPages(Router& r, std::shared_ptr<App> app);      // /decisions...
void AddAccountPages(Router& r, std::shared_ptr<App> app);       // /login, /register, /logout
void AddMePages(Router& r, std::shared_ptr<App> app);            // /me, its privacy and deletion forms
void AddNotificationPages(Router& r, std::shared_ptr<App> app);  // /me/notifications and its settings
void AddCommentPages(Router& r, std::shared_ptr<App> app);       // /consultations/{id}, /comments/...
// /consultations/{id}/questionnaire and the desk's /desk/consultations/{id}/questions.
void AddQuestionnairePages(Router& r, std::shared_ptr<App> app);
void AddDeskQuestionPages(Router& r, std::shared_ptr<App> app);
void AddDeskQuestionnaireTextPages(Router& r, std::shared_ptr<App> app);  // /desk/questionnaire-texts
void AddDeskPages(Router& r, std::shared_ptr<App> app);          // /desk and its forms
void AddStatementPages(Router& r, std::shared_ptr<App> app);     // /accessibility, /privacy
void AddLogPages(Router& r, std::shared_ptr<App> app);           // /log, /log/{seq}, /log/scripts/...
void AddReportPages(Router& r, std::shared_ptr<App> app);        // /consultations/{id}/report..., its desk form
void AddStaticFiles(Router& r);                                  // /static/...

// A route handler from a page function taking the WebContext.
template <typename F>
Handler Web(std::shared_ptr<App> app, F page) {
  return [app = std::move(app), page = std::move(page)](ApiRequest& req) {
    WebContext ctx = MakeWebContext(req, *app);
    return page(ctx);
  };
}

// The text, or nullopt when it is empty (an unused filter field).
inline std::optional<std::string> NonEmpty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// The page for a failed service call: 404, 403, a redirect to sign in for
// 401, else a general error page with the status.
ApiResponse StatusPage(WebContext& ctx, const Status& s);

// The consultation page with its comments; st carries a post re-shown with
// errors (status then 409, 422 or 429).
ApiResponse ConsultationPage(WebContext& ctx, int64_t id, CommentsState st, int status);

// The 404 page for a path no route knows (asked for by a browser).
ApiResponse NotFoundPage(const ApiRequest& req, App& app);

}  // namespace samrad::server
