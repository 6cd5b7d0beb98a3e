// ApiService: the request pipeline shared by every route.
#include "server/api_service.h"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/crypto.h"
#include "core/http_date.h"
#include "core/url_codec.h"
#include "server/api/created_location.h"
#include "server/http/conditional.h"
#include "server/http/cors.h"
#include "server/http/content_encoding.h"
#include "server/api/handler_util.h"
#include "server/http/problem.h"
#include "server/api/routes.h"
#include "server/web/routes.h"
#include "server/web/pages.h"
#include "server/web/session.h"

namespace samrad::server {

ApiService::ApiService(std::shared_ptr<App> app, size_t max_body_bytes)
    : app_(std::move(app)),
      max_body_(max_body_bytes),
      read_cache_(std::make_unique<ReadCache>(size_t{64} << 20)) {
  AddAccountRoutes(router_, app_);
  AddConsultationRoutes(router_, app_);
  AddDecisionRoutes(router_, app_);
  AddLogRoutes(router_, app_);
  AddSearchRoutes(router_, app_);
  AddCommentRoutes(router_, app_);
  AddQuestionnaireRoutes(router_, app_);
  AddTlogRoutes(router_, app_);
  AddModerationRoutes(router_, app_);
  AddPrivacyRoutes(router_, app_);
  AddNotificationRoutes(router_, app_);
  AddSubscriptionRoutes(router_, app_);
  AddOpsRoutes(router_, app_, metrics_);
  AddFeedRoutes(router_, app_);
  AddWebSubRoutes(router_, app_);
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

// The methods this server implements; any other is a 501 (RFC 9110 15.6.2).
bool IsKnownMethod(const std::string& m) {
  return m == "GET" || m == "HEAD" || m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE" ||
         m == "OPTIONS";
}

// The resource whose current ETag an If-Match on this write is compared
// with: the target itself, or for an amendment the decision it amends.
std::string PreconditionTarget(const ApiRequest& req, const std::string& pattern) {
  if (req.method == "PATCH" || req.method == "PUT" || req.method == "DELETE") return req.path;
  constexpr std::string_view kAmend = "/amendments";
  if (req.method == "POST" && pattern.ends_with(kAmend)) return req.path.substr(0, req.path.size() - kAmend.size());
  return "";
}

// The Last-Modified text of a time, formatted once per thread while the
// times asked for stay the same (cached answers ask for the same one).
const std::string& HttpDateText(int64_t epoch) {
  thread_local int64_t last = -1;
  thread_local std::string text;
  if (epoch != last) {
    text = FormatHttpDate(epoch);
    last = epoch;
  }
  return text;
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
  if (!IsKnownMethod(req.method)) {
    return Problem(501, "this server does not implement the method " + req.method)
        .Header("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  }
  auto match = router_.Find(req);
  if (req.method == "OPTIONS" && match.status == 405) {
    *route = match.pattern;
    return OptionsAnswer(req, match.allow);
  }
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
  // Conditional writes are checked and made one at a time, so two clients
  // holding the same ETag cannot both win.
  std::unique_lock<std::mutex> conditional(if_match_mutex_, std::defer_lock);
  if (!req.Header("if-match").empty()) {
    conditional.lock();
    if (auto refusal = CheckIfMatch(req, match.pattern)) return *refusal;
  }
  return (*match.handler)(req);
}

std::optional<ApiResponse> ApiService::CheckIfMatch(const ApiRequest& req, const std::string& pattern) {
  std::string target = PreconditionTarget(req, pattern);
  if (target.empty()) return std::nullopt;
  // The current representation, as this client would GET it.
  ApiRequest get = req;
  get.method = "GET";
  get.path = target;
  get.raw_path.clear();
  get.query.clear();
  get.params.clear();
  get.body.clear();
  auto found = router_.Find(get);
  if (!found.handler) return std::nullopt;
  ApiResponse current = (*found.handler)(get);
  // RFC 9110 13.2.1: no precondition on a request that fails anyway (404).
  if (current.status != 200) return std::nullopt;
  std::string etag = current.etag.empty() ? ContentEtag(current.Body()) : current.etag;
  if (IfMatchHolds(req.Header("if-match"), etag)) return std::nullopt;
  return Problem(412, "the resource has changed since it was read (its ETag is now " + etag +
                          "): read it again and apply the change to what it is now")
      .Header("ETag", etag);
}

ApiResponse ApiService::Handle(ApiRequest& req) {
  auto start = std::chrono::steady_clock::now();
  std::string route = "unmatched";
  // Behind a trusted proxy the client is whom the proxy says; anyone else's
  // X-Forwarded-For is ignored.
  if (req.peer.empty()) req.peer = req.address;
  req.address = app_->access.ClientAddress(req.peer, req.Header("x-forwarded-for"));
  ApiResponse resp = Answer(req, &route);
  // Room for the headers added below (CORS, Vary, ETag, Last-Modified...),
  // so that a cached answer's headers are moved once, not at each growth.
  resp.headers.reserve(resp.headers.size() + 8);
  AddConventionalHeaders(req, route, resp);
  if (resp.cacheable && resp.status == 200 && resp.etag.empty()) resp.etag = ContentEtag(resp.Body());
  EncodeResponse(req, resp);
  // The API's reads depend on who asks (officials see drafts, authors their
  // own): a shared cache keys them on the credentials.
  if ((req.method == "GET" || req.method == "HEAD") && req.path.starts_with("/api/v1/")) {
    resp.Header("Vary", "Authorization, Cookie");
  }
  if (resp.cacheable && resp.status == 200) {
    const std::string& etag = resp.etag;
    resp.Header("ETag", etag);
    if (resp.last_modified > 0) resp.Header("Last-Modified", HttpDateText(resp.last_modified));
    if (IsNotModified(req, etag, resp.modified_exact ? resp.last_modified : 0)) {
      resp.status = 304;
      resp.body.clear();
      resp.shared_body.reset();
    }
  }
  if (resp.stream && resp.status == 200 && resp.last_modified > 0) {
    resp.Header("Last-Modified", HttpDateText(resp.last_modified));
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

namespace {
// What a read's answer may depend on besides the data: the raw path (so that
// another spelling of it is still refused), the query and the headers that
// pages and content negotiation read. Empty when the answer may be personal
// (credentials of any kind) or is not a read.
std::string SharedReadKey(const ApiRequest& req) {
  if (req.method != "GET" && req.method != "HEAD") return "";
  if (req.headers.count("authorization")) return "";
  std::string key = req.raw_path.empty() ? req.path : req.raw_path;
  key += '?';
  for (const auto& [k, v] : req.query) key.append(k).append(1, '=').append(v).append(1, '&');
  size_t header_bytes = 0;
  for (const auto& [name, value] : req.headers) header_bytes += name.size() + value.size() + 4;
  if (header_bytes > kMaxHeaderBytes) return "";
  for (const char* name : {"accept", "accept-language", "cookie", "x-forwarded-proto"}) {
    auto it = req.headers.find(name);
    key.append(1, '\n');
    if (it == req.headers.end()) continue;
    if (it->second.find(kSessionCookie) != std::string::npos) return "";
    key.append(it->second);
  }
  return key;
}

// An answer that every request with the same key gets, as long as the data
// is the same.
bool Shared(const ApiRequest& req, const std::string& route, const ApiResponse& resp) {
  return resp.status == 200 && !resp.stream && !resp.one_off && !req.actor && route != "unmatched" &&
         route != "/metrics" && !HasHeader(resp, "Set-Cookie");
}

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

ApiResponse ApiService::Answer(ApiRequest& req, std::string* route) {
  std::string key = SharedReadKey(req);
  uint64_t version = 0;
  int64_t now_ms = 0;
  if (!key.empty() && read_cache_->max_bytes() > 0) {
    // Read before any data is: an entry is never older than its version. The
    // search index moves after the database does, so both make the version.
    // Answers follow the service's clock (states, "closes in"), which tests
    // may move by hand: its second is part of the version too.
    version = ((app_->data_version->Current() + static_cast<uint64_t>(app_->search->WrittenSeq())) << 34) |
              static_cast<uint64_t>(app_->clock->Now());
    now_ms = SteadyMs();
    if (auto hit = read_cache_->Get(key, version, now_ms)) {
      *route = std::move(hit->route);
      return std::move(hit->resp);
    }
  } else {
    key.clear();
  }
  ApiResponse resp;
  try {
    resp = Dispatch(req, route);
  } catch (const std::exception& e) {
    std::cerr << "error: " << req.method << " " << req.path << ": " << e.what() << std::endl;
    return Problem(500, "an internal error occurred");
  }
  if (!key.empty() && Shared(req, *route, resp)) return read_cache_->Put(key, version, now_ms, std::move(resp), *route);
  return resp;
}

void ApiService::AddConventionalHeaders(const ApiRequest& req, const std::string& route, ApiResponse& resp) {
  AddCorsHeaders(req, resp);
  // RFC 9110 11.6.1: every 401 names the scheme that would be accepted.
  if (resp.status == 401 && !HasHeader(resp, "WWW-Authenticate")) {
    resp.Header("WWW-Authenticate", "Bearer realm=\"samrad\"");
  }
  if (resp.status == 201 && !HasHeader(resp, "Location")) {
    if (auto location = CreatedLocation(route, req, resp.Body()); !location.empty()) resp.Header("Location", location);
  }
  // A signed-in user's answers, and the answers to writes (sign-in and
  // registration carry a session token), are never stored by any cache,
  // private or shared (no-store says more than private).
  bool safe = req.method == "GET" || req.method == "HEAD";
  if ((req.actor || !safe) && !HasHeader(resp, "Cache-Control")) resp.Header("Cache-Control", "no-store");
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
