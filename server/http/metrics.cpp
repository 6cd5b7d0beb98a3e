// Prometheus metrics.
#include "server/http/metrics.h"

#include <charconv>
#include <cstdio>
#include <sstream>

namespace samrad::server {

namespace {
// The entry for key, made on first use.
template <typename Map>
typename Map::mapped_type& Slot(Map& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), typename Map::mapped_type{}).first;
  return it->second;
}
}  // namespace

void Metrics::Record(const std::string& method, const std::string& route, int status,
                     double seconds) {
  thread_local std::string labels;
  labels.assign("method=\"").append(method).append("\",route=\"").append(route).append("\"");
  size_t base = labels.size();
  char code[16];
  auto [end, ec] = std::to_chars(code, code + sizeof code, status);
  std::lock_guard lock(mu_);
  labels.append(",status=\"").append(code, end).append(1, '"');
  ++Slot(requests_, labels);
  auto& h = Slot(latency_, std::string_view(labels).substr(0, base));
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::Render(const std::map<std::string, double>& gauges) const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP samrad_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE samrad_http_requests_total counter\n";
  for (const auto& [labels, n] : requests_) out << "samrad_http_requests_total{" << labels << "} " << n << "\n";
  out << "# HELP samrad_http_request_duration_seconds Time to answer, by route.\n"
      << "# TYPE samrad_http_request_duration_seconds histogram\n";
  for (const auto& [labels, h] : latency_) {
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "samrad_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i]
          << "\"} " << h.buckets[i] << "\n";
    }
    out << "samrad_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n"
        << "samrad_http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n"
        << "samrad_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
  }
  for (const auto& [name, v] : gauges) {
    out << "# TYPE " << name << " gauge\n" << name << " " << v << "\n";
  }
  return out.str();
}

}  // namespace samrad::server
