// /api/v1/subscriptions: follow a consultation, a deciding body's decisions,
// a dataset or a search, signed in or by e-mail (double opt-in), and the
// confirmation of an e-mail follow.
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
json SubscriptionJson(const Subscription& s) { return SubscriptionService::ToJson(s); }

// Personal answers: never stored by any cache.
ApiResponse Private(ApiResponse resp) { return resp.Header("Cache-Control", "private, no-store"); }

FollowRequest RequestOf(const json& b) {
  FollowRequest f;
  f.target_kind = b.at("target_kind").get<std::string>();
  const auto& target = b.at("target");
  f.target = target.is_string() ? target.get<std::string>() : std::to_string(target.get<int64_t>());
  f.frequency = b.value("frequency", std::string("immediate"));
  f.lang = b.value("lang", std::string("sv"));
  f.email = b.value("email", std::string());
  return f;
}
}  // namespace

void AddSubscriptionRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/api/v1/subscriptions", [app](ApiRequest& req) {
    auto b = Body(req, *app, "subscription_create");
    if (!b.ok()) return Problem(b.status());
    FollowRequest f = RequestOf(b.value());
    if (b->contains("email")) {
      Status s = app->subscriptions->FollowByEmail(f, req.address, app->base_url);
      if (s.code() == Code::kTooManyRequests) {
        return Problem(s).Header("Retry-After", std::to_string(app->subscriptions->RetryAfter(req.address)));
      }
      if (!s.ok()) return Problem(s);
      // The same answer whatever the address: new, pending, following or over its limit.
      return Json(202, {{"status", "check_email"},
                        {"message", "if the address can receive e-mail, a confirmation link is on its way; "
                                    "nothing else is sent until it is confirmed"}});
    }
    if (!req.actor) return Problem(Unauthenticated("sign in to follow, or give an e-mail address"));
    auto made = app->subscriptions->Follow(req.actor, f);
    if (!made.ok()) return Problem(made.status());
    return Json(made->second ? 201 : 200, SubscriptionJson(made->first));
  });

  r.Add("GET", "/api/v1/subscriptions", [app](ApiRequest& req) {
    auto mine = app->subscriptions->Mine(req.actor);
    if (!mine.ok()) return Problem(mine.status());
    json items = json::array();
    for (const auto& s : mine.value()) items.push_back(SubscriptionJson(s));
    return Private(Json(200, {{"items", items}}));
  });

  r.Add("GET", "/api/v1/subscriptions/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto s = app->subscriptions->Get(req.actor, id.value());
    if (!s.ok()) return Problem(s.status());
    return Private(Json(200, SubscriptionJson(s.value())));
  });

  r.Add("PATCH", "/api/v1/subscriptions/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "subscription_patch");
    if (!b.ok()) return Problem(b.status());
    auto s = app->subscriptions->SetFrequency(req.actor, id.value(), b->at("frequency"));
    if (!s.ok()) return Problem(s.status());
    return Private(Json(200, SubscriptionJson(s.value())));
  });

  r.Add("DELETE", "/api/v1/subscriptions/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (Status s = app->subscriptions->Remove(req.actor, id.value()); !s.ok()) return Problem(s);
    return NoContent();
  });

  r.Add("POST", "/api/v1/subscriptions/confirm", [app](ApiRequest& req) {
    auto b = Body(req, *app, "subscription_confirm");
    if (!b.ok()) return Problem(b.status());
    auto s = app->subscriptions->Confirm(b->at("token"));
    if (!s.ok()) return Problem(s.status());
    return Private(Json(200, SubscriptionJson(s.value())));
  });
}

}  // namespace samrad::server
