// Method + path-pattern dispatch with {param} segments. Built once before
// serving and read-only afterwards, so it needs no locking. Every path that
// has a route answers other methods with 405 and an Allow header.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/http/message.h"

namespace samrad::server {

using Handler = std::function<ApiResponse(ApiRequest&)>;

// What a route accepts as a request body; the defaults are the server's
// (--max-body, application/json).
struct BodyRule {
  size_t max_bytes = 0;    // 0: the server's limit
  std::string media_type;  // empty: JSON; else this media type (without parameters)
};

struct RouteInfo {
  std::string method;
  std::string pattern;  // e.g. /api/v1/consultations/{id}
};

class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Handler h, BodyRule body = {});

  struct Match {
    const Handler* handler = nullptr;  // null: see status
    int status = 404;                  // 404 no such path, 405 wrong method
    std::string allow;                 // for 405
    std::string pattern;               // the matched pattern (metrics label)
    BodyRule body;
  };
  // Finds the handler and fills req.params. Thread-safe after set-up.
  Match Find(ApiRequest& req) const;
  const std::vector<RouteInfo>& routes() const { return infos_; }
  // The largest body any route accepts (0 when all use the server's limit).
  size_t MaxRouteBody() const;

 private:
  struct Entry {
    RouteInfo info;
    std::vector<std::string> segments;
    Handler handler;
    BodyRule body;
  };
  std::vector<Entry> entries_;
  std::vector<RouteInfo> infos_;
};

std::vector<std::string> SplitPath(const std::string& path);
// The integer path parameter: kNotFound when it is not a positive integer.
Result<int64_t> IdParam(const ApiRequest& req, const std::string& name = "id");

}  // namespace samrad::server
