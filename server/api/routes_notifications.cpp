// /api/v1/me/notifications and /api/v1/me/notification-settings: what the
// signed-in user has been told, marking it read, and which kinds they want.
#include "core/notification_service.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// Personal answers: never stored by any cache.
ApiResponse Private(ApiResponse resp) { return resp.Header("Cache-Control", "private, no-store"); }

json PrefsJson(const std::vector<NotificationPref>& prefs) {
  json items = json::array();
  for (const auto& p : prefs) items.push_back({{"kind", p.kind}, {"enabled", p.enabled}, {"email", p.email}});
  return {{"items", items}};
}

ApiResponse PrefsAnswer(const Result<std::vector<NotificationPref>>& r) {
  if (!r.ok()) return Problem(r.status());
  return Private(Json(200, PrefsJson(r.value())));
}
}  // namespace

void AddNotificationRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/api/v1/me/notifications", [app](ApiRequest& req) {
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 1);
    if (!page.ok()) return Problem(page.status());
    auto list = app->notifications->List(req.actor, page.value(), req.Query("unread").value_or("") == "true");
    if (!list.ok()) return Problem(list.status());
    json items = json::array();
    for (const auto& n : list->items) items.push_back(ToJson(n));
    return Private(Json(200, {{"items", items},
                              {"next_cursor", list->next_cursor ? json(*list->next_cursor) : json(nullptr)},
                              {"unread", list->unread}}));
  });

  r.Add("POST", "/api/v1/me/notifications/read", [app](ApiRequest& req) {
    if (!req.actor) return Problem(Unauthenticated("sign in to read your notifications"));
    auto b = Body(req, *app, "notifications_read");
    if (!b.ok()) return Problem(b.status());
    std::optional<std::vector<int64_t>> ids;
    if (b->contains("ids")) ids = b->at("ids").get<std::vector<int64_t>>();
    auto marked = app->notifications->MarkRead(req.actor, ids);
    if (!marked.ok()) return Problem(marked.status());
    return Private(Json(200, {{"marked", marked.value()}, {"unread", app->notifications->UnreadCount(req.actor)}}));
  });

  r.Add("GET", "/api/v1/me/notification-settings",
        [app](ApiRequest& req) { return PrefsAnswer(app->notifications->Prefs(req.actor)); });

  r.Add("PUT", "/api/v1/me/notification-settings", [app](ApiRequest& req) {
    if (!req.actor) return Problem(Unauthenticated("sign in to change your notifications"));
    auto b = Body(req, *app, "notification_settings");
    if (!b.ok()) return Problem(b.status());
    std::vector<NotificationPref> prefs;
    for (const auto& item : b->at("items")) {
      prefs.push_back({item.at("kind").get<std::string>(), item.at("enabled").get<bool>(), item.at("email").get<bool>()});
    }
    auto saved = app->notifications->SetPrefs(req.actor, prefs);
    if (Status s = saved.status(); !s.errors().empty()) {
      // The service names the item; the request names it under /items.
      std::vector<FieldError> errors;
      for (const auto& e : s.errors()) errors.push_back({"/items" + e.field, e.message});
      return Problem(Invalid(s.message(), errors));
    }
    return PrefsAnswer(saved);
  });
}

}  // namespace samrad::server
