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
  std::string media_type;  // empty: JSON; else these media types (space-separated, no parameters)
};

struct RouteInfo {
  std::string method;
  std::string pattern;  // e.g. /api/v1/consultations/{id}
  // A web page: its posts are forms that carry their own form token, so the
  // API's JSON-only and X-CSRF-Token rules do not apply to it.
  bool page = false;
};

class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Handler h, BodyRule body = {});
  // Routes added while this is on are web pages (RouteInfo::page).
  void set_adding_pages(bool on) { adding_pages_ = on; }

  struct Match {
    const Handler* handler = nullptr;  // null: see status
    int status = 404;                  // 404 no such path, 405 wrong method
    std::string allow;                 // for 405
    std::string pattern;               // the matched pattern (metrics label)
    BodyRule body;
    bool page = false;                 // a web page route (RouteInfo::page)
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
  bool adding_pages_ = false;
};

std::vector<std::string> SplitPath(const std::string& path);
// True when the request path is the one spelling of itself that routes
// match: starts with /, no empty, . or .. segments, no trailing / (but
// "/"), no backslash or control character, valid UTF-8 (CleanXmlText),
// and no %2F or %5C in the raw (undecoded) path. SplitPath forgives all of
// these, so a check keyed on a prefix such as /api/ must never see such a
// path. Pure.
bool IsCanonicalPath(const std::string& raw, const std::string& decoded);
// The integer path parameter: kNotFound when it is not a positive integer.
Result<int64_t> IdParam(const ApiRequest& req, const std::string& name = "id");

}  // namespace samrad::server
