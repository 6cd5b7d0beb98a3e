// Builds, renders and caches feed documents. A document is built once per
// change of the data: every commit calls Invalidate(), so a write shows up in
// the next request; a complete archive never changes, so it stays cached.
// Adds the self, alternate and RFC 5005 paging or archive links.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/status.h"
#include "feeds/feed.h"
#include "feeds/feed_registry.h"

namespace samrad::feeds {

struct FeedRequest {
  std::string name;  // a registered kind
  std::string path;  // the requested path without extension, e.g. /feeds/consultations
  FeedFormat format = FeedFormat::kAtom;
  FeedQuery query;
};

struct RenderedFeed {
  std::string body;
  std::string etag;           // strong, quoted
  int64_t last_modified = 0;  // epoch seconds: the newest entry's update
  bool archive = false;       // a complete archive that never changes
  // Not empty: no document here, answer with a redirect to this URL (an old
  // page address, or an archive that is not complete yet); permanent when it
  // names a complete archive.
  std::string location;
  bool permanent = false;
  const char* content_type = "application/atom+xml; charset=utf-8";
  // The current document's WebSub discovery as an HTTP Link header value
  // (the hub and the document's self URL); empty for archives and older pages.
  std::string link_header;
};

// Where this site's WebSub hub answers, under the base URL.
inline constexpr const char* kHubPath = "/websub";

class FeedService {
 public:
  explicit FeedService(std::shared_ptr<const FeedRegistry> registry)
      : registry_(std::move(registry)) {}

  // The document for a request, from the cache when nothing was committed
  // since it was built. Errors: kNotFound for an unknown kind, and whatever
  // the kind's builder returns. Thread-safe.
  Result<std::shared_ptr<const RenderedFeed>> Render(const FeedRequest& req);
  // Drops every cached document (called after each commit). Thread-safe.
  void Invalidate() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  const FeedRegistry& registry() const { return *registry_; }

 private:
  struct Cached {
    uint64_t generation;
    std::shared_ptr<const RenderedFeed> doc;
  };
  Result<std::shared_ptr<const RenderedFeed>> Build(const FeedKind& kind, const FeedRequest& req);

  std::shared_ptr<const FeedRegistry> registry_;
  std::atomic<uint64_t> generation_{0};
  std::shared_mutex mu_;
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace samrad::feeds
