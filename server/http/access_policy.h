// Which peers the server believes about the client's address (trusted
// proxies and X-Forwarded-For) and which may read /metrics.
#pragma once

#include <string>
#include <vector>

namespace samrad::server {

// An address rule is one IPv4 or IPv6 address, or a network as ADDR/BITS.
// True when text is such a rule. Pure.
bool IsAddressRule(const std::string& text);
// True when address (IPv4, IPv6, or IPv4-mapped IPv6) lies in the rule. Pure.
bool AddressMatches(const std::string& address, const std::string& rule);

struct AccessPolicy {
  // Peers (reverse proxies) whose X-Forwarded-For is believed
  // (serve --trusted-proxy).
  std::vector<std::string> trusted_proxies;
  // Peers that may read /metrics (serve --metrics-allow); none given:
  // loopback (127.0.0.0/8 and ::1).
  std::vector<std::string> metrics_allow;
  // A bearer token that opens /metrics from anywhere (serve --metrics-token).
  std::string metrics_token;

  bool Trusted(const std::string& peer) const;
  // The client's address: the peer, unless the peer is a trusted proxy;
  // then the right-most X-Forwarded-For entry that is not itself a trusted
  // proxy (entries to its left are whatever the client claimed). The peer
  // when there is no such entry or it is not an address. Pure.
  std::string ClientAddress(const std::string& peer, const std::string& forwarded_for) const;
  // True when /metrics may answer: the bearer token matches, or the real
  // peer (never X-Forwarded-For) is allowed (metrics_allow) and the request did
  // not merely pass through a trusted proxy (a proxy on the same host would
  // otherwise open /metrics to everyone behind it). Pure.
  bool MetricsAllowed(const std::string& peer, bool forwarded, const std::string& authorization) const;
};

}  // namespace samrad::server
