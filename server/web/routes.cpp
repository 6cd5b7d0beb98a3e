// Registers every web page area, and maps service failures to pages.
#include "server/web/routes.h"
#include "core/url_codec.h"
#include "server/web/pages.h"
#include "server/web/follow_form.h"

namespace samrad::server {

void AddWebRoutes(Router& r, std::shared_ptr<App> app) {
  AddHomePages(r, app);
  AddCatalogPages(r, app);
  AddSearchPages(r, app);
  AddConsultationPages(r, app);
  AddDecisionPages(r, app);
  AddAccountPages(r, app);
  AddMePages(r, app);
  AddFollowPages(r, app);
  AddNotificationPages(r, app);
  AddCommentPages(r, app);
  AddQuestionnairePages(r, app);
  AddDeskPages(r, app);
  AddStatementPages(r, app);
  AddLogPages(r, app);
  AddReportPages(r, app);
  AddStaticFiles(r);
}

ApiResponse StatusPage(WebContext& ctx, const Status& s) {
  switch (s.code()) {
    case Code::kNotFound: return ErrorPage(ctx, 404, "error_title_not_found", "error_not_found");
    case Code::kPermissionDenied: return ErrorPage(ctx, 403, "error_title_forbidden", "error_forbidden");
    case Code::kUnauthenticated: return Redirect(ctx, "/login?next=" + PercentEncode(ctx.req.path));
    case Code::kConflict: return ErrorPage(ctx, 409, "error_title_conflict", "error_conflict");
    case Code::kTooManyRequests: return ErrorPage(ctx, 429, "error_title_busy", "error_busy");
    case Code::kTooLarge: return ErrorPage(ctx, 413, "error_title_too_large", "error_too_large");
    case Code::kInvalidArgument:
    case Code::kMalformed: return ErrorPage(ctx, 400, "error_title_bad_request", "error_bad_request");
    default: return ErrorPage(ctx, 500, "error_title_internal", "error_internal");
  }
}

ApiResponse NotFoundPage(const ApiRequest& req, App& app) {
  WebContext ctx = MakeWebContext(req, app);
  return ErrorPage(ctx, 404, "error_title_not_found", "error_not_found");
}

}  // namespace samrad::server
