// SessionCache: one map under one mutex, for one data version at a time.
#include "core/session_cache.h"

namespace samrad {

std::optional<SessionCache::Session> SessionCache::Get(const std::string& token_hash, uint64_t version) const {
  std::lock_guard lock(mu_);
  if (version != version_) return std::nullopt;
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void SessionCache::Put(const std::string& token_hash, uint64_t version, Session s) {
  std::lock_guard lock(mu_);
  if (version < version_) return;
  if (version > version_ || entries_.size() >= kMaxEntries) {
    entries_.clear();
    version_ = version;
  }
  entries_[token_hash] = std::move(s);
}

size_t SessionCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

}  // namespace samrad
