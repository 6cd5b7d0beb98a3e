// FeedService: links, rendering and the per-generation cache.
#include "feeds/feed_service.h"

#include <algorithm>
#include <cctype>
#include <mutex>

#include "core/crypto.h"
#include "core/url_codec.h"
#include "feeds/atom_renderer.h"
#include "feeds/rss_renderer.h"

namespace samrad::feeds {

namespace {
constexpr size_t kMaxCached = 1024;

// The query string of a page of this feed (empty for the newest page).
std::string QueryString(const FeedQuery& q, std::optional<int64_t> before) {
  std::string out;
  auto add = [&out](const std::string& k, const std::string& v) {
    out.push_back(out.empty() ? '?' : '&');
    out.append(k).append("=").append(v);
  };
  if (!q.q.empty()) add("q", PercentEncode(q.q));
  if (q.limit != kDefaultPageSize) add("limit", std::to_string(q.limit));
  if (before) add("before", std::to_string(*before));
  return out;
}

bool HasRel(const std::vector<Link>& links, const std::string& rel) {
  for (const auto& l : links) {
    if (l.rel == rel) return true;
  }
  return false;
}
}  // namespace

Result<std::shared_ptr<const RenderedFeed>> FeedService::Render(const FeedRequest& req) {
  const FeedKind* kind = registry_->Find(req.name);
  if (!kind) return NotFound("no feed " + req.name);
  std::string key = (req.format == FeedFormat::kAtom ? "atom " : "rss ") + req.path +
                    QueryString(req.query, req.query.before);
  // Read the generation before building: a commit that lands during the
  // build leaves a stale generation on the entry, so it is rebuilt next time.
  uint64_t generation = generation_.load(std::memory_order_acquire);
  if (!kind->cached) return Build(*kind, req);
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.generation == generation) return it->second.doc;
  }
  auto doc = Build(*kind, req);
  if (!doc.ok()) return doc.status();
  std::unique_lock lock(mu_);
  if (cache_.size() >= kMaxCached) cache_.clear();
  cache_[key] = {generation, doc.value()};
  return doc.value();
}

Result<std::shared_ptr<const RenderedFeed>> FeedService::Build(const FeedKind& kind,
                                                               const FeedRequest& req) {
  auto page = kind.build(req.query);
  if (!page.ok()) return page.status();
  Feed feed = std::move(page.value().feed);
  const bool atom = req.format == FeedFormat::kAtom;
  const char* type = atom ? "application/atom+xml" : "application/rss+xml";
  std::string here = req.query.base_url + req.path + (atom ? ".atom" : ".rss");
  const FeedQuery& q = req.query;
  feed.links.push_back({here + QueryString(q, q.before), "self", type, ""});
  if (!HasRel(feed.links, "alternate"))
    feed.links.push_back({q.base_url + "/", "alternate", "text/html", ""});
  feed.archive = kind.stable_pages && q.before.has_value();
  if (q.before) {
    // RFC 5005: an older page points back at the subscription document.
    feed.links.push_back({here + QueryString(q, std::nullopt), "current", type, ""});
    feed.links.push_back({here + QueryString(q, std::nullopt), "first", type, ""});
  }
  if (page.value().older) {
    // The same older page, as the next page of a paged feed (section 3) and
    // as the previous archive of an archived feed (section 4).
    std::string older = here + QueryString(q, page.value().older);
    feed.links.push_back({older, "next", type, ""});
    if (kind.stable_pages) feed.links.push_back({older, "prev-archive", type, ""});
  }
  for (const auto& e : feed.entries) feed.updated = std::max(feed.updated, e.updated);

  auto body = atom ? RenderAtom(feed) : RenderRss(feed);
  if (!body.ok()) return body.status();
  auto doc = std::make_shared<RenderedFeed>();
  doc->body = std::move(body.value());
  doc->etag.assign(1, '"').append(crypto::Sha256Hex(doc->body), 0, 32).push_back('"');
  doc->last_modified = feed.updated;
  doc->archive = feed.archive;
  doc->content_type =
      atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
  return std::shared_ptr<const RenderedFeed>(std::move(doc));
}

}  // namespace samrad::feeds
