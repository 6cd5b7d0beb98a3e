// /api/v1/consultations and its versions.
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
json ListJson(const Listing<Consultation>& l) {
  json items = json::array();
  for (const auto& k : l.items) items.push_back(ToJson(k));
  return {{"items", items}, {"next_cursor", l.next_cursor ? json(*l.next_cursor) : json(nullptr)}};
}
json One(const Consultation& k) { return ToJson(k); }
}  // namespace

void AddConsultationRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/api/v1/consultations", [app](ApiRequest& req) {
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "consultation_create");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->consultations->Create(req.actor, b.value()), 201, One);
  });

  r.Add("GET", "/api/v1/consultations", [app](ApiRequest& req) {
    auto page = MakePage(req.Query("limit"), req.Query("cursor"), 1);
    if (!page.ok()) return Problem(page.status());
    ConsultationFilter f{req.Query("state"), req.Query("area"), req.Query("tag"), page.value(), std::nullopt};
    return Respond(app->consultations->List(req.actor, f), 200, ListJson);
  });

  r.Add("GET", "/api/v1/consultations/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    return RespondModified(app->consultations->Get(req.actor, id.value()), One,
                           [](const Consultation& k) { return k.updated_at; }, false);
  });

  r.Add("PATCH", "/api/v1/consultations/{id}", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "consultation_patch");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->consultations->Patch(req.actor, id.value(), b.value()), 200, One);
  });

  r.Add("POST", "/api/v1/consultations/{id}/publish", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    return Respond(app->consultations->Publish(req.actor, id.value()), 200, One);
  });

  r.Add("POST", "/api/v1/consultations/{id}/extension", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    if (!req.actor) return Problem(Unauthenticated("sign in first"));
    auto b = Body(req, *app, "consultation_extend");
    if (!b.ok()) return Problem(b.status());
    return Respond(app->consultations->Extend(req.actor, id.value(), b->at("closes_at"), b->at("reason")), 200, One);
  });

  r.Add("GET", "/api/v1/consultations/{id}/versions", [app](ApiRequest& req) {
    auto id = IdParam(req);
    if (!id.ok()) return Problem(id.status());
    return Respond(app->consultations->Versions(req.actor, id.value()), 200,
                   [](const std::vector<ConsultationVersion>& vs) {
                     json items = json::array();
                     for (const auto& v : vs) {
                       items.push_back({{"version", v.version},
                                        {"changed_at", v.changed_at},
                                        {"content", v.content},
                                        {"reason", v.reason ? json(*v.reason) : json(nullptr)}});
                     }
                     return json{{"items", items}};
                   });
  });
}

}  // namespace samrad::server
