// CallbackPolicy: URL checks with libcurl's own parser (the one that later
// makes the request) and address ranges.
#include "server/websub/callback_policy.h"

#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <memory>

#include "server/http/access_policy.h"

namespace samrad::websub {

namespace {
// Never called without --websub-allow: nothing a hub on the public internet
// has any business calling (RFC 6890 special-purpose ranges that are not
// globally reachable, plus multicast).
const std::vector<std::string> kRefused = {
    "0.0.0.0/8",       // this network, unspecified
    "10.0.0.0/8",      // private
    "100.64.0.0/10",   // shared address space (carrier-grade NAT)
    "127.0.0.0/8",     // loopback
    "169.254.0.0/16",  // link-local (cloud metadata services live here)
    "172.16.0.0/12",   // private
    "192.0.0.0/24",    // IETF protocol assignments
    "192.0.2.0/24",    // documentation (TEST-NET-1)
    "192.168.0.0/16",  // private
    "198.18.0.0/15",   // benchmarking
    "198.51.100.0/24", // documentation (TEST-NET-2)
    "203.0.113.0/24",  // documentation (TEST-NET-3)
    "224.0.0.0/4",     // multicast
    "240.0.0.0/4",     // reserved, broadcast
    "::/128",          // unspecified
    "::1/128",         // loopback
    "64:ff9b:1::/48",  // local-use IPv4/IPv6 translation
    "fc00::/7",        // unique local (private)
    "fe80::/10",       // link-local
    "2001:db8::/32",   // documentation
    "fec0::/10",       // site-local (deprecated)
    "ff00::/8",        // multicast
};

Status Bad(const std::string& why) { return InvalidField("/hub.callback", why); }

// A URL part as libcurl sees it; empty when absent.
std::string Part(CURLU* u, CURLUPart part) {
  char* text = nullptr;
  if (curl_url_get(u, part, &text, 0) != CURLUE_OK || !text) return "";
  std::string out = text;
  curl_free(text);
  return out;
}
}  // namespace

bool CallbackPolicy::AddressAllowed(const std::string& address) const {
  for (const auto& rule : allow_) {
    if (server::AddressMatches(address, rule)) return true;
  }
  for (const auto& rule : kRefused) {
    if (server::AddressMatches(address, rule)) return false;
  }
  // Anything that is no address at all is refused too.
  return server::IsAddressRule(address);
}

Status CallbackPolicy::Check(const std::string& url) const {
  if (url.empty()) return Bad("hub.callback is required");
  if (url.size() > kMaxCallbackBytes) {
    return Bad("hub.callback is longer than " + std::to_string(kMaxCallbackBytes) + " bytes");
  }
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return Bad("hub.callback is not an absolute URL");
  }
  std::string scheme = Part(u.get(), CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") return Bad("hub.callback must be an http or https URL");
  if (!Part(u.get(), CURLUPART_USER).empty() || url.find('#') != std::string::npos) {
    return Bad("hub.callback may carry no user name and no fragment");
  }
  std::string host = Part(u.get(), CURLUPART_HOST);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  if (host.empty()) return Bad("hub.callback has no host");
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found) {
    return Bad("the host of hub.callback does not resolve: " + host);
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, freeaddrinfo);
  for (const addrinfo* a = found; a; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {0};
    const void* ip = nullptr;
    if (a->ai_family == AF_INET) ip = &reinterpret_cast<const sockaddr_in*>(a->ai_addr)->sin_addr;
    if (a->ai_family == AF_INET6) ip = &reinterpret_cast<const sockaddr_in6*>(a->ai_addr)->sin6_addr;
    // Every address: a name that also points inside must not get through.
    if (!ip || !inet_ntop(a->ai_family, ip, text, sizeof text) || !AddressAllowed(text)) {
      return Forbidden("hub.callback leads to an address this hub does not call (" + std::string(text) +
                       "): loopback, private, link-local, multicast and reserved ranges are refused "
                       "unless the operator allows them (--websub-allow)");
    }
  }
  return Status::Ok();
}

}  // namespace samrad::websub
