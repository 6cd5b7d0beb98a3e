// RenderCache implementation.
#include "server/report/render_cache.h"

namespace samrad::report {

std::shared_ptr<const std::string> RenderCache::Find(const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

std::shared_ptr<const std::string> RenderCache::GetOrMake(const std::string& key,
                                                           const std::function<std::string()>& make) {
  if (auto hit = Find(key)) return hit;
  std::lock_guard making(make_mu_);
  if (auto hit = Find(key)) return hit;  // made while this one waited
  auto value = std::make_shared<const std::string>(make());
  // One that could never fit is answered without pushing out the others.
  if (value->size() > max_bytes_) return value;
  std::lock_guard lock(mu_);
  while (!order_.empty() && bytes_ + value->size() > max_bytes_) {
    auto old = entries_.find(order_.front());
    if (old != entries_.end()) {
      bytes_ -= old->second->size();
      entries_.erase(old);
    }
    order_.pop_front();
  }
  if (!entries_.count(key)) {
    entries_[key] = value;
    order_.push_back(key);
    bytes_ += value->size();
  }
  return value;
}

size_t RenderCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace samrad::report
