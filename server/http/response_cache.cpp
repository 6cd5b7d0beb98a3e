// ResponseCache implementation.
#include "server/http/response_cache.h"

#include "server/http/content_encoding.h"
#include "server/http/etag.h"

namespace samrad::server {

namespace {
// Below this, gzip saves too little to be worth a second form.
constexpr size_t kGzipFromBytes = 1024;
}  // namespace

std::optional<ApiResponse> ResponseCache::Get(const std::string& key, uint64_t version) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return std::nullopt;
  return it->second.resp;
}

ApiResponse ResponseCache::Put(const std::string& key, uint64_t version, ApiResponse resp) {
  if (!resp.cacheable || resp.status != 200) return resp;
  if (resp.etag.empty()) resp.etag = ContentEtag(resp.Body());
  // Stored once, shared by every hit; large bodies also compressed once.
  if (!resp.shared_body) resp.shared_body = std::make_shared<const std::string>(std::move(resp.body));
  resp.body.clear();
  if (resp.shared_body->size() >= kGzipFromBytes) {
    resp.gzip_body = std::make_shared<const std::string>(Gzip(*resp.shared_body));
  }
  std::unique_lock lock(mu_);
  // Entries of older versions are dead weight: start over when full.
  if (entries_.size() >= max_ && !entries_.count(key)) entries_.clear();
  entries_[key] = {version, resp};
  return resp;
}

}  // namespace samrad::server
