// /feeds/...: every registered feed kind as Atom (.atom) and RSS (.rss), with
// ETag, Last-Modified and Cache-Control. The documents come from FeedService;
// complete archives (?archive=k) are immutable, old ?before= pages redirect.
#include <atomic>

#include "server/api/handler_util.h"
#include "server/api/routes.h"

namespace samrad::server {

namespace {
// A positive integer query parameter within [1, max]: kInvalidArgument else.
Result<std::optional<int64_t>> IntQuery(const ApiRequest& req, const std::string& name,
                                        int64_t max) {
  auto text = req.Query(name);
  if (!text) return std::optional<int64_t>();
  if (text->empty() || text->size() > 18 ||
      text->find_first_not_of("0123456789") != std::string::npos || std::stoll(*text) < 1 ||
      std::stoll(*text) > max) {
    return InvalidField("/" + name, name + " must be an integer from 1 to " + std::to_string(max));
  }
  return std::optional<int64_t>(std::stoll(*text));
}

ApiResponse ServeFeed(const App& app, const ApiRequest& req, const std::string& name,
                      feeds::FeedFormat format, size_t ext_length) {
  auto before = IntQuery(req, "before", INT64_MAX / 2);
  if (!before.ok()) return Problem(before.status());
  auto limit = IntQuery(req, "limit", feeds::kMaxPageSize);
  if (!limit.ok()) return Problem(limit.status());
  auto archive = IntQuery(req, "archive", INT64_MAX / 2);
  if (!archive.ok()) return Problem(archive.status());
  feeds::FeedRequest fr;
  fr.name = name;
  fr.path = req.path.substr(0, req.path.size() - ext_length);
  fr.format = format;
  fr.query.base_url = app.base_url;
  fr.query.params = req.params;
  fr.query.before = before.value();
  fr.query.archive = archive.value();
  fr.query.limit = static_cast<int>(limit.value().value_or(feeds::kDefaultPageSize));
  fr.query.q = req.Query("q").value_or("");
  // Commits of other processes (demo-data, a second server, sqlite3) call no
  // OnCommit here: the data version sees them. Stored only once invalidated,
  // so a request that sees the new version never gets an older document.
  static std::atomic<uint64_t> seen{0};
  if (uint64_t v = app.data_version->Current(); seen.load() != v) {
    app.feeds->Invalidate();
    seen.store(v);
  }
  auto doc = app.feeds->Render(fr);
  if (!doc.ok()) return Problem(doc.status());
  const feeds::RenderedFeed& d = *doc.value();
  ApiResponse resp;
  if (!d.location.empty()) {
    resp.status = d.permanent ? 301 : 302;
    resp.content_type = "text/plain; charset=utf-8";
    resp.Header("Location", d.location);
    resp.Header("Cache-Control", d.permanent ? "public, max-age=86400" : "no-cache");
    return resp;
  }
  resp.content_type = d.content_type;
  resp.body = d.body;
  resp.cacheable = true;
  resp.etag = d.etag;
  resp.last_modified = d.last_modified;
  if (!d.link_header.empty()) resp.Header("Link", d.link_header);
  // A complete archive never changes; the current document must be
  // revalidated so a write shows at once (a 304 costs next to nothing).
  resp.Header("Cache-Control", d.archive ? "public, max-age=31536000, immutable"
                                         : "public, max-age=0, must-revalidate");
  return resp;
}
}  // namespace

void AddFeedRoutes(Router& r, std::shared_ptr<App> app) {
  for (const auto& kind : app->feeds->registry().kinds()) {
    std::string name = kind.name;
    r.Add("GET", kind.path + ".atom", [app, name](ApiRequest& req) {
      return ServeFeed(*app, req, name, feeds::FeedFormat::kAtom, 5);
    });
    r.Add("GET", kind.path + ".rss", [app, name](ApiRequest& req) {
      return ServeFeed(*app, req, name, feeds::FeedFormat::kRss, 4);
    });
  }
}

}  // namespace samrad::server
