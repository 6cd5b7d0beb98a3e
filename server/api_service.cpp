// ApiService: the request pipeline shared by every route.
#include "server/api_service.h"

#include <chrono>
#include <iostream>

#include "core/crypto.h"
#include "server/handler_util.h"
#include "server/problem.h"
#include "server/routes.h"

namespace samrad::server {

ApiService::ApiService(std::shared_ptr<App> app, size_t max_body_bytes)
    : app_(std::move(app)), max_body_(max_body_bytes) {
  AddAccountRoutes(router_, app_);
  AddConsultationRoutes(router_, app_);
  AddLogRoutes(router_, app_);
  AddCommentRoutes(router_, app_);
  AddModerationRoutes(router_, app_);
  AddPrivacyRoutes(router_, app_);
  AddOpsRoutes(router_, app_, metrics_);
}

namespace {
bool IsJsonType(const std::string& content_type) {
  auto semi = content_type.find(';');
  std::string base = content_type.substr(0, semi);
  while (!base.empty() && base.back() == ' ') base.pop_back();
  return base == "application/json" || (base.starts_with("application/") && base.ends_with("+json"));
}

// True when an If-None-Match list names this ETag (or is *).
bool EtagMatches(const std::string& header, const std::string& etag) {
  if (header.empty()) return false;
  if (header == "*") return true;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    std::string item = header.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.starts_with("W/")) item = item.substr(2);
    if (item == etag) return true;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return false;
}
}  // namespace

ApiResponse ApiService::Dispatch(ApiRequest& req, std::string* route) {
  auto match = router_.Find(req);
  if (!match.handler) {
    *route = match.status == 405 ? match.pattern : "unmatched";
    if (match.status == 405) {
      return Problem(405, req.method + " is not allowed on " + req.path).Header("Allow", match.allow);
    }
    return Problem(404, "no resource at " + req.path);
  }
  *route = match.pattern;
  if (req.body.size() > max_body_) {
    return Problem(413, "the body is larger than " + std::to_string(max_body_) + " bytes");
  }
  bool has_body = !req.body.empty();
  if (has_body && (req.method == "POST" || req.method == "PUT" || req.method == "PATCH") &&
      !IsJsonType(req.Header("content-type"))) {
    return Problem(415, "send the body as application/json");
  }
  if (auto auth = req.Header("authorization"); auth.starts_with("Bearer ")) {
    req.token = auth.substr(7);
    req.actor = app_->accounts->Authenticate(req.token);
    if (!req.actor) return Problem(Unauthenticated("the token is unknown or has expired"));
  }
  return (*match.handler)(req);
}

ApiResponse ApiService::Handle(ApiRequest& req) {
  auto start = std::chrono::steady_clock::now();
  std::string route = "unmatched";
  ApiResponse resp;
  try {
    resp = Dispatch(req, &route);
  } catch (const std::exception& e) {
    std::cerr << "error: " << req.method << " " << req.path << ": " << e.what() << std::endl;
    resp = Problem(500, "an internal error occurred");
  }
  if (resp.cacheable && resp.status == 200) {
    if (resp.etag.empty()) resp.etag = ContentEtag(resp.body);
    resp.Header("ETag", resp.etag);
    if (EtagMatches(req.Header("if-none-match"), resp.etag)) {
      resp.status = 304;
      resp.body.clear();
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Record(req.method, route, resp.status, seconds);
  return resp;
}

}  // namespace samrad::server
