// ResponseCache implementation.
#include "server/http/response_cache.h"

#include "server/http/read_cache.h"

namespace samrad::server {

std::optional<ApiResponse> ResponseCache::Get(const std::string& key, uint64_t version) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return std::nullopt;
  return it->second.resp;
}

ApiResponse ResponseCache::Put(const std::string& key, uint64_t version, ApiResponse resp) {
  if (!resp.cacheable || resp.status != 200) return resp;
  // Stored once, shared by every hit; large bodies also compressed once.
  resp = Shareable(std::move(resp));
  std::unique_lock lock(mu_);
  // Entries of older versions are dead weight: start over when full.
  if (entries_.size() >= max_ && !entries_.count(key)) entries_.clear();
  entries_[key] = {version, resp};
  return resp;
}

}  // namespace samrad::server
