// /healthz, /metrics and /api/v1/openapi.json.
#include "core/resources.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"
#include "server/api/mail_gauges.h"

namespace samrad::server {

nlohmann::json OpenApiDocument() {
  // One base document, one file of paths per area of the API
  // (schemas/openapi/*.json) and one of the components they refer to
  // (components.json), and the request schemas, which live once in
  // schemas/*.schema.json and are referred to by name.
  static const nlohmann::json doc = [] {
    auto d = nlohmann::json::parse(resources::Get("schemas/openapi.json"));
    d["components"].erase("x-request-schemas");
    for (const auto& [path, text] : resources::All()) {
      if (!path.starts_with("schemas/openapi/")) continue;
      auto part = nlohmann::json::parse(text);
      if (part.contains("paths")) {
        for (const auto& [p, ops] : part["paths"].items()) d["paths"][p].update(ops);
      }
      // Response schemas, shared responses, headers and parameters
      // (schemas/openapi/components.json) join the base document's.
      if (part.contains("components")) {
        for (const auto& [kind, entries] : part["components"].items()) d["components"][kind].update(entries);
      }
    }
    for (const auto& [path, text] : resources::All()) {
      if (!path.starts_with("schemas/") || !path.ends_with(".schema.json")) continue;
      auto schema = nlohmann::json::parse(text);
      schema.erase("$schema");
      d["components"]["schemas"][std::string(path.substr(8, path.size() - 8 - 12))] = schema;
    }
    return d;
  }();
  return doc;
}

void AddOpsRoutes(Router& r, std::shared_ptr<App> app, const Metrics& metrics) {
  r.Add("GET", "/healthz", [app](ApiRequest&) {
    bool db_ok = app->db->Read([](db::Connection& c) {
                   c.Prepare("SELECT 1").Step();
                   return Status::Ok();
                 }).ok();
    auto index = app->search->Health();
    bool index_ok = index.state == "ok" || index.state == "catching_up";
    nlohmann::json j = {{"status", db_ok && index_ok ? "ok" : "degraded"},
                        {"db", db_ok ? "ok" : "error"},
                        {"index", index.state},
                        {"index_seq", index.indexed_seq},
                        {"log_head", index.log_head}};
    if (!index.error.empty()) j["index_error"] = index.error;
    return Json(db_ok ? 200 : 503, j);
  });

  r.Add("GET", "/metrics", [app, &metrics](ApiRequest&) {
    ApiResponse resp;
    resp.content_type = "text/plain; version=0.0.4";
    // The e-mail outbox by state (samrad mail-queue lists the failed ones).
    std::map<std::string, double> gauges;
    app->db->Read([&gauges, now = app->clock->Now()](db::Connection& c) {
      gauges = MailGauges(c, now);
      return Status::Ok();
    });
    // The notifier: how far it has come in the log, rows made and entries skipped since start.
    gauges["samrad_notifier_seq"] = double(app->notifier->last_seq());
    gauges["samrad_notifier_rows"] = double(app->notifier->rows_made());
    gauges["samrad_notifier_skipped"] = double(app->notifier->errors());
    resp.body = metrics.Render(gauges);
    return resp;
  });

  r.Add("GET", "/api/v1/openapi.json", [](ApiRequest&) { return Read(OpenApiDocument()); });
}

}  // namespace samrad::server
