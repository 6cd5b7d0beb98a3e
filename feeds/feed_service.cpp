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
std::string QueryString(const FeedQuery& q, std::optional<int64_t> before,
                        std::optional<int64_t> archive = std::nullopt) {
  std::string out;
  auto add = [&out](const std::string& k, const std::string& v) {
    out.push_back(out.empty() ? '?' : '&');
    out.append(k).append("=").append(v);
  };
  if (!q.q.empty()) add("q", PercentEncode(q.q));
  if (q.limit != kDefaultPageSize) add("limit", std::to_string(q.limit));
  if (before) add("before", std::to_string(*before));
  if (archive) add("archive", std::to_string(*archive));
  return out;
}

bool HasRel(const std::vector<Link>& links, const std::string& rel) {
  for (const auto& l : links) {
    if (l.rel == rel) return true;
  }
  return false;
}

// RFC 5005 section 3: a page links the next older one.
void AddPagedLinks(const FeedQuery& q, const FeedPage& page, const std::string& here,
                   const char* type, Feed& feed) {
  if (q.before) feed.links.push_back({here + QueryString(q, std::nullopt), "first", type, ""});
  if (page.older) feed.links.push_back({here + QueryString(q, page.older), "next", type, ""});
}

// RFC 5005 section 4: the current document links its newest complete
// archive; an archive links its neighbours by number only, so that its
// bytes stay the same when newer archives appear.
void AddArchiveLinks(const FeedQuery& q, const FeedPage& page, const std::string& here,
                     const char* type, Feed& feed) {
  std::string current = here + QueryString(q, std::nullopt);
  auto archive = [&](int64_t k) { return here + QueryString(q, std::nullopt, k); };
  feed.links.push_back({page.archive ? archive(page.archive) : current, "self", type, ""});
  feed.links.push_back({current, "current", type, ""});
  int64_t older = page.archive ? page.archive - 1 : page.complete_archives;
  if (older > 0) feed.links.push_back({archive(older), "prev-archive", type, ""});
  if (page.archive) feed.links.push_back({archive(page.archive + 1), "next-archive", type, ""});
}
}  // namespace

Result<std::shared_ptr<const RenderedFeed>> FeedService::Render(const FeedRequest& req) {
  const FeedKind* kind = registry_->Find(req.name);
  if (!kind) return NotFound("no feed " + req.name);
  std::string key = (req.format == FeedFormat::kAtom ? "atom " : "rss ") + req.path +
                    QueryString(req.query, req.query.before, req.query.archive);
  // Read the generation before building: a commit that lands during the
  // build leaves a stale generation on the entry, so it is rebuilt next time.
  uint64_t generation = generation_.load(std::memory_order_acquire);
  if (!kind->cached) return Build(*kind, req);
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(key);
    // A complete archive is the same whatever was committed since.
    if (it != cache_.end() && (it->second.generation == generation || it->second.doc->archive))
      return it->second.doc;
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
  const bool atom = req.format == FeedFormat::kAtom;
  const char* type = atom ? "application/atom+xml" : "application/rss+xml";
  std::string here = req.query.base_url + req.path + (atom ? ".atom" : ".rss");
  const FeedQuery& q = req.query;
  auto doc = std::make_shared<RenderedFeed>();
  if (page.value().moved_to) {
    int64_t k = *page.value().moved_to;
    doc->location = here + QueryString(q, std::nullopt, k ? std::optional<int64_t>(k) : std::nullopt);
    doc->permanent = k > 0;
    return std::shared_ptr<const RenderedFeed>(std::move(doc));
  }
  Feed feed = std::move(page.value().feed);
  if (kind.stable_pages) {
    AddArchiveLinks(q, page.value(), here, type, feed);
  } else {
    feed.links.push_back({here + QueryString(q, q.before), "self", type, ""});
    AddPagedLinks(q, page.value(), here, type, feed);
  }
  if (!HasRel(feed.links, "alternate"))
    feed.links.push_back({q.base_url + "/", "alternate", "text/html", ""});
  // WebSub discovery: the current document names the hub that pushes its
  // changes, and the self URL to subscribe to.
  if (!q.before && !q.archive) {
    std::string hub = q.base_url + kHubPath;
    feed.links.push_back({hub, "hub", "", ""});
    doc->link_header = "<" + hub + ">; rel=\"hub\", <" + here + QueryString(q, std::nullopt) + ">; rel=\"self\"";
  }
  feed.archive = kind.stable_pages && page.value().archive > 0;
  for (const auto& e : feed.entries) feed.updated = std::max(feed.updated, e.updated);

  auto body = atom ? RenderAtom(feed) : RenderRss(feed);
  if (!body.ok()) return body.status();
  doc->body = std::move(body.value());
  doc->etag.assign(1, '"').append(crypto::Sha256Hex(doc->body), 0, 32).push_back('"');
  doc->last_modified = feed.updated;
  doc->archive = feed.archive;
  doc->content_type =
      atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8";
  return std::shared_ptr<const RenderedFeed>(std::move(doc));
}

}  // namespace samrad::feeds
