// /static/: the stylesheet, cached for a year under its content-hashed URL
// (StylesheetUrl), with an ETag for plain requests.
#include "core/resources.h"
#include "server/web/pages.h"

namespace samrad::server {

void AddStaticFiles(Router& r) {
  r.Add("GET", "/static/site.css", [](ApiRequest& req) {
    ApiResponse resp;
    resp.content_type = "text/css; charset=utf-8";
    resp.body = std::string(resources::Get("server/web/site.css"));
    resp.cacheable = true;  // ETag and 304
    bool versioned = req.Query("v").has_value();
    resp.Header("Cache-Control", versioned ? "public, max-age=31536000, immutable" : "public, max-age=300");
    AddSecurityHeaders(resp);
    return resp;
  });
}

}  // namespace samrad::server
