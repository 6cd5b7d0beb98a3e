// CORS for public reads: a wildcard origin and no credentials, so a cookie
// never makes an answer readable by another site.
#include "server/http/cors.h"

#include <array>
#include <string_view>

namespace samrad::server {

namespace {

// The request headers a script needs for reads: content negotiation,
// conditional requests and a JSON body for CKAN. Not Authorization: a
// signed-in request never crosses origins.
constexpr const char* kAllowHeaders = "Accept, Accept-Language, Content-Type, If-None-Match, If-Modified-Since";
// Response headers beyond the CORS-safelisted ones that readers use:
// revalidation and RFC 5005/8288 paging links.
constexpr const char* kExposeHeaders = "ETag, Link, Content-Disposition, Retry-After";
// A day: the grant is the same for every request, so browsers may keep it.
constexpr const char* kMaxAge = "86400";

bool IsCkanAction(const std::string& path) {
  return path.starts_with("/api/3/action/") || path.starts_with("/api/action/");
}

}  // namespace

bool IsPublicReadPath(const std::string& path) {
  constexpr std::array<std::string_view, 5> kPrefixes = {"/api/v1/", "/api/3", "/api/action/", "/opendata/",
                                                         "/feeds/"};
  for (auto prefix : kPrefixes) {
    if (path.starts_with(prefix)) return true;
  }
  return false;
}

bool IsCorsRead(const std::string& method, const std::string& path) {
  if (!IsPublicReadPath(path)) return false;
  return method == "GET" || method == "HEAD" || (method == "POST" && IsCkanAction(path));
}

void AddCorsHeaders(const ApiRequest& req, ApiResponse& resp) {
  if (!IsCorsRead(req.method, req.path)) return;
  resp.Header("Access-Control-Allow-Origin", "*");
  resp.Header("Access-Control-Expose-Headers", kExposeHeaders);
}

ApiResponse OptionsAnswer(const ApiRequest& req, const std::string& allow) {
  ApiResponse resp;
  resp.status = 204;
  resp.Header("Allow", allow.empty() ? "OPTIONS" : allow + ", OPTIONS");
  std::string wanted = req.Header("access-control-request-method");
  if (!wanted.empty() && IsCorsRead(wanted, req.path) && allow.find(wanted == "HEAD" ? "GET" : wanted) !=
                                                             std::string::npos) {
    bool ckan = IsCkanAction(req.path);
    resp.Header("Access-Control-Allow-Origin", "*");
    resp.Header("Access-Control-Allow-Methods", ckan ? "GET, HEAD, POST, OPTIONS" : "GET, HEAD, OPTIONS");
    resp.Header("Access-Control-Allow-Headers", kAllowHeaders);
    resp.Header("Access-Control-Max-Age", kMaxAge);
  }
  return resp;
}

}  // namespace samrad::server
