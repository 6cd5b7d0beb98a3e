// Address rules, trusted proxies and the /metrics gate.
#include "server/http/access_policy.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "core/crypto.h"

namespace samrad::server {

namespace {
struct Ip {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
  int bits() const { return v6 ? 128 : 32; }
};

std::optional<Ip> ParseIp(std::string text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  Ip ip;
  if (inet_pton(AF_INET, text.c_str(), ip.bytes.data()) == 1) return ip;
  if (inet_pton(AF_INET6, text.c_str(), ip.bytes.data()) != 1) return std::nullopt;
  // An IPv4 peer on a dual-stack socket shows up as ::ffff:a.b.c.d.
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::equal(kMapped, kMapped + 12, ip.bytes.begin())) {
    std::copy(ip.bytes.begin() + 12, ip.bytes.end(), ip.bytes.begin());
    std::fill(ip.bytes.begin() + 4, ip.bytes.end(), 0);
    return ip;
  }
  ip.v6 = true;
  return ip;
}

struct Rule {
  Ip net;
  int bits = 0;
};

std::optional<Rule> ParseRule(const std::string& text) {
  size_t slash = text.find('/');
  auto ip = ParseIp(text.substr(0, slash));
  if (!ip) return std::nullopt;
  Rule r{*ip, ip->bits()};
  if (slash != std::string::npos) {
    std::string n = text.substr(slash + 1);
    if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    r.bits = std::stoi(n);
    if (r.bits > ip->bits()) return std::nullopt;
  }
  return r;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}
}  // namespace

bool IsAddressRule(const std::string& text) { return ParseRule(text).has_value(); }

bool AddressMatches(const std::string& address, const std::string& rule) {
  auto ip = ParseIp(address);
  auto r = ParseRule(rule);
  if (!ip || !r || ip->v6 != r->net.v6) return false;
  for (int i = 0; i < r->bits; ++i) {
    int mask = 0x80 >> (i % 8);
    if ((ip->bytes[i / 8] & mask) != (r->net.bytes[i / 8] & mask)) return false;
  }
  return true;
}

bool AccessPolicy::Trusted(const std::string& peer) const {
  for (const auto& rule : trusted_proxies) {
    if (AddressMatches(peer, rule)) return true;
  }
  return false;
}

std::string AccessPolicy::ClientAddress(const std::string& peer, const std::string& forwarded_for) const {
  if (!Trusted(peer)) return peer;
  size_t end = forwarded_for.size();
  while (end > 0) {
    size_t comma = forwarded_for.rfind(',', end - 1);
    size_t start = comma == std::string::npos ? 0 : comma + 1;
    std::string entry = Trim(forwarded_for.substr(start, end - start));
    end = comma == std::string::npos ? 0 : comma;
    if (entry.empty() || Trusted(entry)) continue;
    return ParseIp(entry) ? entry : peer;
  }
  return peer;
}

bool AccessPolicy::MetricsAllowed(const std::string& peer, bool forwarded,
                                  const std::string& authorization) const {
  if (!metrics_token.empty() && authorization.starts_with("Bearer ") &&
      crypto::ConstantTimeEquals(authorization.substr(7), metrics_token)) {
    return true;
  }
  if (forwarded && Trusted(peer)) return false;
  static const std::vector<std::string> kLoopback = {"127.0.0.0/8", "::1"};
  for (const auto& rule : metrics_allow.empty() ? kLoopback : metrics_allow) {
    if (AddressMatches(peer, rule)) return true;
  }
  return false;
}

}  // namespace samrad::server
