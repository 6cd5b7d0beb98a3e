// /api/v1/accounts, /sessions, /me, /users/{id}/role.
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

void AddAccountRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/api/v1/accounts", [app](ApiRequest& req) {
    auto b = Body(req, *app, "account_create");
    if (!b.ok()) return Problem(b.status());
    NewAccount a{b->at("email"), b->at("password"), b->at("display_name"), Role::kResident,
                 b->value("public_name", false)};
    return Respond(app->accounts->Register(a), 201,
                   [](const User& u) { return AccountService::ToJson(u, true); });
  });

  r.Add("POST", "/api/v1/sessions", [app](ApiRequest& req) {
    auto b = Body(req, *app, "session_create");
    if (!b.ok()) return Problem(b.status());
    std::string email = b->at("email");
    auto t = app->accounts->Login(email, b->at("password"), req.address);
    if (!t.ok() && t.status().code() == Code::kTooManyRequests) {
      return Problem(t.status()).Header(
          "Retry-After", std::to_string(app->accounts->LoginRetryAfter(email, req.address)));
    }
    return Respond(t, 201, [](const SessionToken& s) {
      return json{{"token", s.token},
                  {"expires_at", s.expires_at},
                  {"user", AccountService::ToJson(s.user, true)}};
    });
  });

  r.Add("DELETE", "/api/v1/sessions/current", [app](ApiRequest& req) {
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    if (Status s = app->accounts->Logout(req.token); !s.ok()) return Problem(s);
    ApiResponse resp;
    resp.status = 204;
    return resp;
  });

  r.Add("GET", "/api/v1/me", [](ApiRequest& req) {
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    return Read(AccountService::ToJson(*req.actor, true));
  });

  r.Add("PUT", "/api/v1/users/{id}/role", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto b = Body(req, *app, "role_update");
    if (!b.ok()) return Problem(b.status());
    auto role = ParseRole(b->at("role"));
    return Respond(app->accounts->SetRole(req.actor, id.value(), *role), 200,
                   [](const User& u) { return AccountService::ToJson(u, false); });
  });
}

}  // namespace samrad::server
