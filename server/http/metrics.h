// Request counts and latency histograms per route, in Prometheus text form.
// Thread-safe; recording takes a short lock per request.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace samrad::server {

class Metrics {
 public:
  void Record(const std::string& method, const std::string& route, int status, double seconds);
  // The Prometheus exposition text, with extra gauges appended.
  std::string Render(const std::map<std::string, double>& gauges) const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   1.0};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  // Looked up by a label string built in a per-thread buffer, so that
  // recording a known label allocates nothing.
  std::map<std::string, uint64_t, std::less<>> requests_;   // labels -> count
  std::map<std::string, Histogram, std::less<>> latency_;  // labels -> histogram
};

}  // namespace samrad::server
