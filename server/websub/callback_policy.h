// Which subscriber callbacks the WebSub hub may call: http(s) URLs whose
// every address lies outside loopback, private, link-local, multicast,
// unspecified and reserved ranges, unless the operator allows a network
// (serve --websub-allow CIDR), so that the hub cannot be used to reach
// services that only trust the machine it runs on (server-side request forgery).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace samrad::websub {

inline constexpr size_t kMaxCallbackBytes = 2000;

class CallbackPolicy {
 public:
  // allow: addresses or ADDR/BITS networks that are allowed even inside a
  // refused range (checked with IsAddressRule by the command line).
  explicit CallbackPolicy(std::vector<std::string> allow = {}) : allow_(std::move(allow)) {}

  // True when a connection to this numeric address (IPv4, IPv6 or
  // IPv4-mapped IPv6) may be made. Pure, thread-safe.
  bool AddressAllowed(const std::string& address) const;
  // Checks a callback URL: http or https, a host, no user name or fragment,
  // at most kMaxCallbackBytes, and every address the host resolves to
  // allowed. Errors: kInvalidArgument (field /hub.callback) for a URL that
  // is not such, or a host that does not resolve; kPermissionDenied for a
  // refused address. Blocks for the DNS lookup; thread-safe.
  Status Check(const std::string& url) const;

 private:
  std::vector<std::string> allow_;
};

}  // namespace samrad::websub
