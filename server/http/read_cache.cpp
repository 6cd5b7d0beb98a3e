// ReadCache: one map under one mutex, held by a hit only to find its entry;
// the hit then copies two shared pointers and the headers.
#include "server/http/read_cache.h"

#include <algorithm>
#include <vector>

#include "server/http/content_encoding.h"
#include "server/http/etag.h"

namespace samrad::server {

namespace {
// Answers that follow the clock may lag it by this much at most.
constexpr int64_t kMaxAgeMs = 1000;

size_t SizeOf(const std::string& key, const ApiResponse& resp) {
  size_t n = key.size() + resp.content_type.size() + resp.etag.size() + 256;
  if (resp.shared_body) n += resp.shared_body->size();
  if (resp.gzip_body) n += resp.gzip_body->size();
  for (const auto& [name, value] : resp.headers) n += name.size() + value.size() + 64;
  return n;
}
}  // namespace

ApiResponse Shareable(ApiResponse resp) {
  if (resp.cacheable && resp.etag.empty()) resp.etag = ContentEtag(resp.Body());
  if (!resp.shared_body) resp.shared_body = std::make_shared<const std::string>(std::move(resp.body));
  resp.body.clear();
  if (!resp.gzip_body && resp.shared_body->size() >= kMinGzipBytes && IsCompressible(resp.content_type)) {
    resp.gzip_body = std::make_shared<const std::string>(Gzip(*resp.shared_body));
  }
  return resp;
}

ReadCache::ReadCache(size_t max_bytes) : max_bytes_(max_bytes) {}

std::optional<ReadCache::Hit> ReadCache::Get(const std::string& key, uint64_t version, int64_t now_ms) const {
  if (max_bytes_ == 0) return std::nullopt;
  std::shared_ptr<const Entry> e;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    e = it->second;
  }
  if (e->version != version || now_ms - e->made_ms >= kMaxAgeMs || now_ms < e->made_ms) return std::nullopt;
  e->used_ms.store(now_ms, std::memory_order_relaxed);
  return Hit{e->resp, e->route};
}

ApiResponse ReadCache::Put(const std::string& key, uint64_t version, int64_t now_ms, ApiResponse resp,
                           const std::string& route) {
  resp = Shareable(std::move(resp));
  if (max_bytes_ == 0) return resp;
  size_t size = SizeOf(key, resp);
  if (size > max_bytes_ / 4) return resp;  // one answer may not push out most others
  std::lock_guard lock(mu_);
  if (version < newest_) return resp;
  if (version > newest_) {
    // Everything stored was made from data that has changed since.
    entries_.clear();
    bytes_ = 0;
    newest_ = version;
  }
  if (auto old = entries_.find(key); old != entries_.end()) {
    bytes_ -= old->second->bytes;
    entries_.erase(old);
  }
  EvictFor(size);
  auto e = std::make_shared<Entry>();
  e->version = version;
  e->made_ms = now_ms;
  e->resp = resp;
  e->route = route;
  e->bytes = size;
  e->used_ms.store(now_ms, std::memory_order_relaxed);
  entries_.emplace(key, std::move(e));
  bytes_ += size;
  return resp;
}

void ReadCache::EvictFor(size_t incoming) {
  if (bytes_ + incoming <= max_bytes_) return;
  // Least recently used first, down to three quarters of the budget, so
  // that eviction is rare and each round pays for many puts.
  std::vector<std::pair<int64_t, const std::string*>> by_use;
  by_use.reserve(entries_.size());
  for (const auto& [key, e] : entries_) by_use.emplace_back(e->used_ms.load(std::memory_order_relaxed), &key);
  std::sort(by_use.begin(), by_use.end());
  size_t target = max_bytes_ / 4 * 3;
  std::vector<std::string> victims;
  for (const auto& [used, key] : by_use) {
    if (bytes_ + incoming <= target) break;
    bytes_ -= entries_.at(*key)->bytes;
    victims.push_back(*key);
  }
  for (const auto& key : victims) entries_.erase(key);
}

size_t ReadCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace samrad::server
