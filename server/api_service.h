// The HTTP API as one function from ApiRequest to ApiResponse: routing,
// authentication, content checks, ETags and metrics. Pistache-free.
#pragma once

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>

#include "server/http/message.h"
#include "server/http/read_cache.h"
#include "server/http/request_handler.h"
#include "server/app.h"
#include "server/http/metrics.h"
#include "server/http/router.h"

namespace samrad::server {

class ApiService : public RequestHandler {
 public:
  ApiService(std::shared_ptr<App> app, size_t max_body_bytes);

  // Answers one request. Never throws: a handler's exception becomes a 500
  // problem. Thread-safe.
  ApiResponse Handle(ApiRequest& req) override;
  const Router& router() const { return router_; }
  size_t max_body_bytes() const { return max_body_; }
  // The server's body limit, or a route's larger one (uploads) for a signed-in
  // official: authentication is checked on the headers before the body is read.
  uint64_t BodyLimit(const RequestHead& head) const override;
  // The largest request the HTTP layer must take in: the server's body limit
  // or a route's own (uploads), whichever is larger.
  size_t max_request_bytes() const override { return std::max(max_body_, router_.MaxRouteBody()); }
  // The memory for answers shared by everyone who asks the same way
  // (default 64 MiB; 0 turns the cache off). Call before serving.
  void SetReadCacheBytes(size_t bytes) { read_cache_ = std::make_unique<ReadCache>(bytes); }
  size_t read_cache_bytes() const { return read_cache_->bytes(); }

 private:
  ApiResponse Dispatch(ApiRequest& req, std::string* route);
  // A 412 problem when the write's If-Match does not hold for the current
  // representation of its target; nullopt to go on.
  std::optional<ApiResponse> CheckIfMatch(const ApiRequest& req, const std::string& pattern);
  // CORS, WWW-Authenticate, Location, Vary and Cache-Control by the rules
  // every answer follows.
  void AddConventionalHeaders(const ApiRequest& req, const std::string& route, ApiResponse& resp);
  // The answer from the read cache or from the routes, storing it when it is
  // one that everyone asking the same way gets.
  ApiResponse Answer(ApiRequest& req, std::string* route);
  std::shared_ptr<App> app_;
  Router router_;
  Metrics metrics_;
  size_t max_body_;
  std::mutex if_match_mutex_;
  std::unique_ptr<ReadCache> read_cache_;
};

}  // namespace samrad::server
