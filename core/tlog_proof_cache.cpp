// The proof cache.
#include "core/tlog_proof_cache.h"

#include <mutex>

#include "core/tlog_store.h"

namespace samrad::tlog {

NodeReader ProofCache::Reader(db::Connection& c) {
  return [this, stored = TreeStore::Reader(c)](int level, int64_t index) {
    if (level < kCachedLevel) return stored(level, index);
    uint64_t key = Key(level, index);
    {
      std::shared_lock lock(mu_);
      auto it = nodes_.find(key);
      if (it != nodes_.end()) return it->second;
    }
    Hash h = stored(level, index);
    std::unique_lock lock(mu_);
    if (nodes_.size() >= kMaxNodes) nodes_.clear();
    nodes_.emplace(key, h);
    return h;
  };
}

EdgeMemo ProofCache::Edges(int64_t a, int64_t b) const {
  EdgeMemo out;
  std::shared_lock lock(mu_);
  for (int64_t size : {a, b}) {
    auto it = edges_.find(size);
    if (it != edges_.end()) out.insert(it->second.begin(), it->second.end());
  }
  return out;
}

void ProofCache::KeepEdges(const EdgeMemo& edges) {
  std::unique_lock lock(mu_);
  for (const auto& [range, hash] : edges) {
    if (!edges_.contains(range.second) && edges_.size() >= kMaxEdges) edges_.clear();
    edges_[range.second].emplace(range, hash);
  }
}

}  // namespace samrad::tlog
