// Route tables, one function per area of the API.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "server/app.h"
#include "server/http/metrics.h"
#include "server/http/router.h"

namespace samrad::server {

void AddAccountRoutes(Router& r, std::shared_ptr<App> app);
void AddConsultationRoutes(Router& r, std::shared_ptr<App> app);
void AddDecisionRoutes(Router& r, std::shared_ptr<App> app);
void AddLogRoutes(Router& r, std::shared_ptr<App> app);
// /tlog/ (C2SP tlog-tiles) and the log's proofs under /api/v1/log/.
void AddTlogRoutes(Router& r, std::shared_ptr<App> app);
void AddSearchRoutes(Router& r, std::shared_ptr<App> app);
void AddOpenDataRoutes(Router& r, std::shared_ptr<App> app);
void AddCkanRoutes(Router& r, std::shared_ptr<App> app);
void AddCommentRoutes(Router& r, std::shared_ptr<App> app);
// /api/v1/consultations/{id}/questions, /answer and /results.
void AddQuestionnaireRoutes(Router& r, std::shared_ptr<App> app);
// Flags, moderation and the moderation log; and /me privacy choices.
void AddModerationRoutes(Router& r, std::shared_ptr<App> app);
void AddPrivacyRoutes(Router& r, std::shared_ptr<App> app);
// /api/v1/me/notifications and /api/v1/me/notification-settings.
void AddNotificationRoutes(Router& r, std::shared_ptr<App> app);
// /api/v1/subscriptions: following, and confirming a follow by e-mail.
void AddSubscriptionRoutes(Router& r, std::shared_ptr<App> app);
// The OpenAPI document with the request schemas filled in.
nlohmann::json OpenApiDocument();

void AddOpsRoutes(Router& r, std::shared_ptr<App> app, const Metrics& metrics);
// /feeds/...: one .atom and one .rss route per registered feed kind.
void AddFeedRoutes(Router& r, std::shared_ptr<App> app);
// /websub: the WebSub hub's subscribe and unsubscribe requests.
void AddWebSubRoutes(Router& r, std::shared_ptr<App> app);

}  // namespace samrad::server
