// /api/v1/decisions: publish, amend, read versions, list.
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
json WithVersions(const Decision& d) {
  json j = ToJson(d.current);
  j["versions"] = json::array();
  for (const auto& v : d.versions) {
    j["versions"].push_back({{"version", v.version},
                             {"published_at", v.published_at},
                             {"reason", v.reason ? json(*v.reason) : json(nullptr)},
                             {"outcome", v.outcome},
                             {"url", "/api/v1/decisions/" + std::to_string(v.decision_id) + "/versions/" + std::to_string(v.version)},
                             {"log_seq", v.log_seq},
                             {"entry_hash", v.entry_hash}});
  }
  return j;
}
json One(const DecisionVersion& v) { return ToJson(v); }
}  // namespace

void AddDecisionRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/api/v1/decisions", [app](ApiRequest& req) {
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "decision_create");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->decisions->Publish(req.actor, b.value()), 201, One);
  });

  r.Add("GET", "/api/v1/decisions", [app](ApiRequest& req) {
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 2);
    if (!page.ok()) return Problem(page.status());
    DecisionFilter f{req.Query("body_name"), req.Query("from"), req.Query("to"),
                     req.Query("outcome"), page.value()};
    return Respond(app->decisions->List(f), 200, [](const Listing<DecisionVersion>& l) {
      json items = json::array();
      for (const auto& v : l.items) items.push_back(ToJson(v));
      return json{{"items", items},
                  {"next_cursor", l.next_cursor ? json(*l.next_cursor) : json(nullptr)}};
    });
  });

  r.Add("GET", "/api/v1/decisions/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    return RespondModified(app->decisions->Get(id.value()), WithVersions,
                           [](const Decision& d) { return d.current.published_at; }, true);
  });

  r.Add("GET", "/api/v1/decisions/{id}/versions/{n}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    auto n = IdParam(req, "n");
    if (!n.ok()) return Problem(n.status());
    return RespondModified(app->decisions->GetVersion(id.value(), static_cast<int>(n.value())), One,
                           [](const DecisionVersion& v) { return v.published_at; }, true);
  });

  r.Add("POST", "/api/v1/decisions/{id}/amendments", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "decision_amend");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->decisions->Amend(req.actor, id.value(), b.value()), 201, One);
  });
}

}  // namespace samrad::server
