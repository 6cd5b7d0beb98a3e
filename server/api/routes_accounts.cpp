// /api/v1/accounts, /sessions, /me, /users/{id}/role.
#include "core/account_rules.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
// Refusals that a client should retry later carry Retry-After: a rate limit
// (seconds from the limiter) or a full hash gate (a short fixed wait).
ApiResponse Refusal(const Status& s, int rate_limit_wait) {
  ApiResponse resp = Problem(s);
  if (s.code() == Code::kTooManyRequests) resp.Header("Retry-After", std::to_string(rate_limit_wait));
  if (s.code() == Code::kUnavailable) resp.Header("Retry-After", std::to_string(kHashBusyRetryAfter));
  return resp;
}
}  // namespace

void AddAccountRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/api/v1/accounts", [app](ApiRequest& req) {
    auto b = Body(req, *app, "account_create");
    if (!b.ok()) return Problem(b.status());
    NewAccount a{b->at("email"), b->at("password"), b->at("display_name"), Role::kResident,
                 b->value("public_name", false)};
    auto made = app->accounts->Register(a, "resident", req.address);
    // A taken e-mail is answered exactly like a new account, so that nobody
    // learns who has one here; its owner signs in with their own password.
    if (!made.ok() && made.status().code() != Code::kConflict) {
      return Refusal(made.status(), app->accounts->RegistrationRetryAfter(req.address));
    }
    return Json(201, {{"email", LowerAscii(a.email)},
                      {"display_name", a.display_name},
                      {"role", RoleName(a.role)},
                      {"public_name", a.public_name},
                      {"detail", "If this e-mail address had no account, one has been created: "
                                 "sign in with it. If it had one, sign in with that account's password."}});
  });

  r.Add("POST", "/api/v1/sessions", [app](ApiRequest& req) {
    auto b = Body(req, *app, "session_create");
    if (!b.ok()) return Problem(b.status());
    std::string email = b->at("email");
    auto t = app->accounts->Login(email, b->at("password"), req.address);
    if (!t.ok() && t.status().code() != Code::kUnauthenticated) {
      return Refusal(t.status(), app->accounts->LoginRetryAfter(email, req.address));
    }
    return Respond(t, 201, [](const SessionToken& s) {
      return json{{"token", s.token},
                  {"expires_at", s.expires_at},
                  {"renewable_until", s.renewable_until},
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
