// /websub: the WebSub hub's subscribe and unsubscribe requests (W3C WebSub
// 5.1), public like the feeds it serves. 202 once queued; the hub then
// verifies the subscriber's intent at its callback.
#include "core/url_codec.h"
#include "server/api/handler_util.h"
#include "server/api/routes.h"
#include "server/websub/hub.h"

namespace samrad::server {

namespace {
constexpr size_t kMaxRequestBytes = 8192;

// hub.secret may come only where it did not cross a network in the clear:
// over HTTPS (a TLS proxy says so), or straight from this machine.
bool SecureTransport(const ApiRequest& req) {
  std::string proto = req.Header("x-forwarded-proto");
  if (!proto.empty()) return proto == "https";
  return AddressMatches(req.peer, "127.0.0.0/8") || AddressMatches(req.peer, "::1");
}
}  // namespace

void AddWebSubRoutes(Router& r, std::shared_ptr<App> app) {
  r.Add(
      "POST", feeds::kHubPath,
      [app](ApiRequest& req) {
        if (!app->websub) return Problem(503, "the WebSub hub runs within samrad serve only");
        Status s = app->websub->Accept(ParseForm(req.body), app->base_url, SecureTransport(req));
        if (!s.ok()) return Problem(s);
        ApiResponse resp;
        resp.status = 202;
        resp.content_type = "text/plain; charset=utf-8";
        resp.body = "Accepted: the hub now asks the callback to confirm (hub.challenge).\n";
        return resp;
      },
      BodyRule{kMaxRequestBytes, "application/x-www-form-urlencoded"});
}

}  // namespace samrad::server
