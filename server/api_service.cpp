// ApiService: the request pipeline shared by every route.
#include "server/api_service.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "core/crypto.h"
#include "core/http_date.h"
#include "core/url_codec.h"
#include "server/http/content_encoding.h"
#include "server/api/handler_util.h"
#include "server/http/problem.h"
#include "server/api/routes.h"
#include "server/web/routes.h"
#include "server/web/pages.h"
#include "server/web/session.h"

namespace samrad::server {

ApiService::ApiService(std::shared_ptr<App> app, size_t max_body_bytes)
    : app_(std::move(app)), max_body_(max_body_bytes) {
  AddAccountRoutes(router_, app_);
  AddConsultationRoutes(router_, app_);
  AddDecisionRoutes(router_, app_);
  AddLogRoutes(router_, app_);
  AddSearchRoutes(router_, app_);
  AddCommentRoutes(router_, app_);
  AddModerationRoutes(router_, app_);
  AddPrivacyRoutes(router_, app_);
  AddOpsRoutes(router_, app_, metrics_);
  AddFeedRoutes(router_, app_);
  AddOpenDataRoutes(router_, app_);
  AddCkanRoutes(router_, app_);
  router_.set_adding_pages(true);
  AddWebRoutes(router_, app_);
  router_.set_adding_pages(false);
}

namespace {
constexpr size_t kMaxHeaderBytes = 32 * 1024;

std::string BaseType(const std::string& content_type) {
  std::string base = content_type.substr(0, content_type.find(';'));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  for (auto& c : base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return base;
}

bool IsJsonType(const std::string& content_type) {
  std::string base = BaseType(content_type);
  return base == "application/json" || (base.starts_with("application/") && base.ends_with("+json"));
}

bool HasHeader(const ApiResponse& resp, const std::string& name) {
  return std::any_of(resp.headers.begin(), resp.headers.end(), [&](const auto& h) {
    return h.first.size() == name.size() &&
           std::equal(h.first.begin(), h.first.end(), name.begin(),
                      [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  });
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

// RFC 9110 13.2.2: If-None-Match decides when present; otherwise
// If-Modified-Since, when the response has a Last-Modified time.
bool IsNotModified(const ApiRequest& req, const std::string& etag, int64_t last_modified) {
  std::string inm = req.Header("if-none-match");
  if (!inm.empty()) return EtagMatches(inm, etag);
  if (last_modified <= 0) return false;
  auto since = ParseHttpDate(req.Header("if-modified-since"));
  return since && last_modified <= *since;
}
}  // namespace

ApiResponse ApiService::Dispatch(ApiRequest& req, std::string* route) {
  // Pistache's request limit has to leave room for uploads, so the headers
  // get their own, much smaller one.
  size_t header_bytes = 0;
  for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
  if (header_bytes > kMaxHeaderBytes) {
    return Problem(431, "the request headers are larger than " + std::to_string(kMaxHeaderBytes) + " bytes");
  }
  // Routes match whatever SplitPath makes of a path, so every other
  // spelling of a route (//api/..., /./api/..., %2F) is refused here, before
  // anything can key a decision on how the path looks.
  if (!IsCanonicalPath(req.raw_path.empty() ? req.path : req.raw_path, req.path)) {
    if (req.Header("accept").find("text/html") != std::string::npos) return NotFoundPage(req, *app_);
    return Problem(404, "no resource at this path: a path has no empty, '.' or '..' segments, no trailing "
                        "slash, no encoded slash or backslash and no control characters");
  }
  auto match = router_.Find(req);
  if (!match.handler) {
    *route = match.status == 405 ? match.pattern : "unmatched";
    if (match.status == 405) {
      return Problem(405, req.method + " is not allowed on " + req.path).Header("Allow", match.allow);
    }
    // A browser that asks for a page that does not exist gets a page.
    if (!req.path.starts_with("/api/") && req.Header("accept").find("text/html") != std::string::npos) {
      return NotFoundPage(req, *app_);
    }
    return Problem(404, "no resource at " + req.path);
  }
  *route = match.pattern;
  size_t limit = match.body.max_bytes ? match.body.max_bytes : max_body_;
  if (req.body.size() > limit) {
    return Problem(413, "the body is larger than " + std::to_string(limit) + " bytes");
  }
  // JSON only on the API; web forms post application/x-www-form-urlencoded.
  // Decided by the route matched, never by the path's prefix.
  bool has_body = !req.body.empty();
  if (has_body && !match.page &&
      (req.method == "POST" || req.method == "PUT" || req.method == "PATCH")) {
    const std::string& want = match.body.media_type;
    if (want.empty() ? !IsJsonType(req.Header("content-type"))
                     : (" " + want + " ").find(" " + BaseType(req.Header("content-type")) + " ") == std::string::npos) {
      return Problem(415, "send the body as " + (want.empty() ? std::string("application/json") : want));
    }
  }
  // /metrics has its own gate, and its bearer token is not a session.
  if (match.pattern == "/metrics") {
    if (!app_->access.MetricsAllowed(req.peer, req.headers.count("x-forwarded-for") > 0,
                                     req.Header("authorization"))) {
      return Problem(403, "metrics are open to loopback or the --metrics-allow addresses, and to the --metrics-token");
    }
    return (*match.handler)(req);
  }
  if (auto auth = req.Header("authorization"); auth.starts_with("Bearer ")) {
    req.token = auth.substr(7);
    req.actor = app_->accounts->Authenticate(req.token);
    if (!req.actor) return Problem(Unauthenticated("the token is unknown or has expired"));
  } else if (Status s = AuthenticateByCookie(req, *app_, !match.page); !s.ok()) {
    return Problem(s);
  }
  return (*match.handler)(req);
}

ApiResponse ApiService::Handle(ApiRequest& req) {
  auto start = std::chrono::steady_clock::now();
  std::string route = "unmatched";
  // Behind a trusted proxy the client is whom the proxy says; anyone else's
  // X-Forwarded-For is ignored.
  if (req.peer.empty()) req.peer = req.address;
  req.address = app_->access.ClientAddress(req.peer, req.Header("x-forwarded-for"));
  ApiResponse resp;
  try {
    resp = Dispatch(req, &route);
  } catch (const std::exception& e) {
    std::cerr << "error: " << req.method << " " << req.path << ": " << e.what() << std::endl;
    resp = Problem(500, "an internal error occurred");
  }
  // A signed-in user's answers, and the answers to writes (sign-in and
  // registration carry a session token), are never stored by a cache.
  bool safe = req.method == "GET" || req.method == "HEAD";
  if ((req.actor || !safe) && !HasHeader(resp, "Cache-Control")) resp.Header("Cache-Control", "no-store");
  if (resp.cacheable && resp.status == 200) {
    ChooseEncoding(req, resp);
    std::string etag = resp.etag;
    if (etag.empty()) etag = ContentEtag(resp.Body());
    resp.Header("ETag", etag);
    if (resp.last_modified > 0) resp.Header("Last-Modified", FormatHttpDate(resp.last_modified));
    if (IsNotModified(req, etag, resp.last_modified)) {
      resp.status = 304;
      resp.body.clear();
      resp.shared_body.reset();
    }
  }
  if (resp.stream && !resp.etag.empty() && resp.status == 200) {
    resp.Header("ETag", resp.etag);
    if (EtagMatches(req.Header("if-none-match"), resp.etag)) {
      resp.status = 304;
      resp.stream = nullptr;
    }
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Record(req.method, route, resp.status, seconds);
  return resp;
}

uint64_t ApiService::BodyLimit(const RequestHead& head) const {
  ApiRequest probe;
  probe.method = head.method;
  probe.path = PercentDecode(head.target.substr(0, head.target.find('?')), false);
  auto match = router_.Find(probe);
  uint64_t limit = match.handler && match.body.max_bytes ? match.body.max_bytes : max_body_;
  if (limit <= max_body_) return limit;
  probe.headers = head.headers;
  Actor actor;
  if (auto auth = probe.Header("authorization"); auth.starts_with("Bearer ")) {
    actor = app_->accounts->Authenticate(auth.substr(7));
  } else if (AuthenticateByCookie(probe, *app_, !match.page).ok()) {
    actor = probe.actor;
  }
  return actor && actor->IsOfficial() ? limit : max_body_;
}

}  // namespace samrad::server
