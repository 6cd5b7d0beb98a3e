// /api/3/action/* and /api/action/* (ckanapi's path): CKAN-compatible reads
// with CKAN's {help, success, result} envelope and error shapes, over GET
// query parameters or a POSTed JSON object or form.
#include "core/json_depth.h"
#include "core/url_codec.h"
#include "opendata/ckan_api.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

using nlohmann::json;

namespace {
using Action = Result<json> (opendata::CkanApi::*)(const opendata::CkanParams&);

// CKAN takes action parameters as JSON or as a form, whatever the client has.
const BodyRule kCkanBody{0, "application/json application/x-www-form-urlencoded"};

ApiResponse Envelope(int status, const std::string& help, json body) {
  body["help"] = help;
  ApiResponse r = Json(status, body);
  r.cacheable = status == 200;
  return r;
}

ApiResponse CkanFailure(const std::string& help, int status, const std::string& type, json error) {
  error["__type"] = type;
  return Envelope(status, help, {{"success", false}, {"error", error}});
}

ApiResponse CkanError(const std::string& help, const Status& s) {
  json error = {{"message", s.message()}};
  switch (s.code()) {
    case Code::kNotFound:
      return CkanFailure(help, 404, "Not Found Error", error);
    case Code::kInvalidArgument:
      for (const auto& e : s.errors()) error[e.field] = json::array({e.message});
      return CkanFailure(help, 409, "Validation Error", error);
    case Code::kMalformed:
      return CkanFailure(help, 400, "Search Query Error", error);
    case Code::kPermissionDenied:
    case Code::kUnauthenticated:
      return CkanFailure(help, 403, "Authorization Error", error);
    default:
      return CkanFailure(help, 500, "Internal Server Error",
                         {{"message", "an internal error occurred"}});
  }
}

// Query parameters, then the body's: a form's fields, or a JSON object's
// members (non-strings as JSON text).
Result<opendata::CkanParams> Params(const ApiRequest& req) {
  opendata::CkanParams p(req.query.begin(), req.query.end());
  if (req.method != "POST" || req.body.empty()) return p;
  if (opendata::Lower(req.Header("content-type")).starts_with("application/x-www-form-urlencoded")) {
    for (const auto& [k, v] : ParseForm(req.body)) p[k] = v;
    return p;
  }
  // Depth first: members are dumped back to text below, once per level.
  auto j = ParseClientJson(req.body, "the body");
  if (!j.ok()) return j.status();
  if (!j->is_object()) return Status(Code::kMalformed, "the body must be a JSON object");
  for (const auto& [k, v] : j->items()) p[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return p;
}
}  // namespace

void AddCkanRoutes(Router& r, std::shared_ptr<App> app) {
  using opendata::CkanApi;
  auto ckan = std::make_shared<CkanApi>(*app->opendata);
  auto od = app->opendata;
  const std::map<std::string, Action> kActions = {
      {"package_list", &CkanApi::PackageList},
      {"package_show", &CkanApi::PackageShow},
      {"package_search", &CkanApi::PackageSearch},
      {"current_package_list_with_resources", &CkanApi::CurrentPackageListWithResources},
      {"resource_show", &CkanApi::ResourceShow},
      {"datastore_search", &CkanApi::DatastoreSearch},
      {"organization_list", &CkanApi::OrganizationList},
      {"organization_show", &CkanApi::OrganizationShow},
      {"group_list", &CkanApi::GroupList},
      {"group_show", &CkanApi::GroupShow},
      {"tag_list", &CkanApi::TagList},
      {"license_list", &CkanApi::LicenseList},
      {"status_show", &CkanApi::StatusShow},
      {"help_show", &CkanApi::HelpShow},
  };
  auto help_url = [od](const std::string& name) {
    return od->options().base_url + "/api/3/action/help_show?name=" + name;
  };
  // ckanapi and many scripts use the unversioned path; CKAN serves both.
  for (const std::string prefix : {"/api/3/action/", "/api/action/"}) {
    for (const auto& [name, action] : kActions) {
      Handler h = [ckan, help_url, action, name](ApiRequest& req) {
        std::string help = help_url(name);
        auto p = Params(req);
        if (!p.ok()) {
          return CkanFailure(help, 400, "Bad Request",
                             {{"message", "Bad request - " + p.status().message()}});
        }
        auto result = ((*ckan).*action)(p.value());
        if (!result.ok()) return CkanError(help, result.status());
        return Envelope(200, help, {{"success", true}, {"result", result.value()}});
      };
      r.Add("GET", prefix + name, h);
      r.Add("POST", prefix + name, h, kCkanBody);
    }
    // Any other action: CKAN's answer for a name it does not know.
    Handler unknown = [help_url](ApiRequest& req) {
      return CkanFailure(help_url(req.params["action"]), 400, "Bad Request",
                         {{"message", "Action name not known: " + req.params["action"]}});
    };
    r.Add("GET", prefix + "{action}", unknown);
    r.Add("POST", prefix + "{action}", unknown, kCkanBody);
  }
  r.Add("GET", "/api/3", [](ApiRequest&) { return Read({{"version", 3}}); });
}

}  // namespace samrad::server
