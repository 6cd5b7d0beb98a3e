// Rendered reports (HTML fragments, PDFs) kept in memory under a key that
// names the data they were made from (the data version), so a report is
// rendered once per commit. Bounded in bytes; the oldest entries go first.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace samrad::report {

class RenderCache {
 public:
  explicit RenderCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The entry for key, or what make() returns (then stored). Makes run one
  // at a time, so concurrent requests for the same report wait for one
  // render instead of each rendering it, and memory holds one render in
  // progress. Exceptions of make() pass through, nothing is stored. Thread-safe.
  std::shared_ptr<const std::string> GetOrMake(const std::string& key, const std::function<std::string()>& make);

  // The entry for key, or null. Thread-safe.
  std::shared_ptr<const std::string> Find(const std::string& key) const;

  size_t bytes() const;

 private:

  size_t max_bytes_;
  mutable std::mutex mu_;
  std::mutex make_mu_;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> entries_;
  std::deque<std::string> order_;  // oldest first
  size_t bytes_ = 0;
};

}  // namespace samrad::report
