// /healthz, /metrics and /api/v1/openapi.json.
#include "core/resources.h"
#include "server/handler_util.h"
#include "server/routes.h"

namespace samrad::server {

void AddOpsRoutes(Router& r, std::shared_ptr<App> app, const Metrics& metrics) {
  r.Add("GET", "/healthz", [app](ApiRequest&) {
    bool db_ok = app->db->Read([](db::Connection& c) {
                   c.Prepare("SELECT 1").Step();
                   return Status::Ok();
                 }).ok();
    nlohmann::json j = {{"status", db_ok ? "ok" : "degraded"}, {"db", db_ok ? "ok" : "error"},
                        {"index", "not built"}};
    return Json(db_ok ? 200 : 503, j);
  });

  r.Add("GET", "/metrics", [app, &metrics](ApiRequest&) {
    ApiResponse resp;
    resp.content_type = "text/plain; version=0.0.4";
    resp.body = metrics.Render({});
    return resp;
  });

  r.Add("GET", "/api/v1/openapi.json", [](ApiRequest&) {
    ApiResponse resp;
    resp.body = std::string(resources::Get("schemas/openapi.json"));
    resp.cacheable = true;
    return resp;
  });
}

}  // namespace samrad::server
