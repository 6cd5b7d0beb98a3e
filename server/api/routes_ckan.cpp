// /api/3/action/*: CKAN-compatible reads with CKAN's {help, success, result}
// envelope and error shapes, over GET query parameters or a POSTed JSON
// object (as ckanapi sends).
#include "core/json_depth.h"
#include "opendata/ckan_api.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
using Action = Result<json> (opendata::CkanApi::*)(const opendata::CkanParams&);

ApiResponse Envelope(int status, const std::string& help, json body) {
  body["help"] = help;
  ApiResponse r = Json(status, body);
  r.cacheable = status == 200;
  return r;
}

ApiResponse CkanError(const std::string& help, const Status& s) {
  int status = 500;
  std::string type = "Internal Server Error";
  json error = {{"message", s.message()}};
  switch (s.code()) {
    case Code::kNotFound:
      status = 404, type = "Not Found Error";
      break;
    case Code::kInvalidArgument:
      status = 409, type = "Validation Error";
      for (const auto& e : s.errors()) error[e.field] = json::array({e.message});
      break;
    case Code::kMalformed:
      status = 400, type = "Search Query Error";
      break;
    case Code::kPermissionDenied:
    case Code::kUnauthenticated:
      status = 403, type = "Authorization Error";
      break;
    default:
      error["message"] = "an internal error occurred";
  }
  error["__type"] = type;
  return Envelope(status, help, {{"success", false}, {"error", error}});
}

// Query parameters, then a JSON object body's members (non-strings as JSON).
Result<opendata::CkanParams> Params(const ApiRequest& req) {
  opendata::CkanParams p(req.query.begin(), req.query.end());
  if (req.method == "POST" && !req.body.empty()) {
    // Depth first: members are dumped back to text below, once per level.
    auto j = ParseClientJson(req.body, "the body");
    if (!j.ok()) return j.status();
    if (!j->is_object()) return Status(Code::kMalformed, "the body must be a JSON object");
    for (const auto& [k, v] : j->items()) p[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  return p;
}
}  // namespace

void AddCkanRoutes(Router& r, std::shared_ptr<App> app) {
  auto ckan = std::make_shared<opendata::CkanApi>(*app->opendata);
  auto od = app->opendata;
  const std::pair<const char*, Action> kActions[] = {
      {"package_list", &opendata::CkanApi::PackageList},
      {"package_show", &opendata::CkanApi::PackageShow},
      {"package_search", &opendata::CkanApi::PackageSearch},
      {"datastore_search", &opendata::CkanApi::DatastoreSearch},
  };
  for (const auto& [name, action] : kActions) {
    std::string path = std::string("/api/3/action/") + name;
    Handler h = [ckan, od, action, name = std::string(name)](ApiRequest& req) {
      std::string help = od->options().base_url + "/api/3/action/help_show?name=" + name;
      auto p = Params(req);
      if (!p.ok()) return CkanError(help, p.status());
      auto result = ((*ckan).*action)(p.value());
      if (!result.ok()) return CkanError(help, result.status());
      return Envelope(200, help, {{"success", true}, {"result", result.value()}});
    };
    r.Add("GET", path, h);
    r.Add("POST", path, h);
  }
  // Any other action: CKAN's answer for a name it does not know.
  Handler unknown = [od](ApiRequest& req) {
    std::string help =
        od->options().base_url + "/api/3/action/help_show?name=" + req.params["action"];
    return Envelope(400, help,
                    {{"success", false},
                     {"error",
                      {{"__type", "Bad Request"},
                       {"message", "Action name not known: " + req.params["action"]}}}});
  };
  r.Add("GET", "/api/3/action/{action}", unknown);
  r.Add("POST", "/api/3/action/{action}", unknown);
  r.Add("GET", "/api/3", [](ApiRequest&) { return Read({{"version", 3}}); });
}

}  // namespace samrad::server
