// Feed registry helpers.
#include "feeds/feed_registry.h"

#include <cctype>

namespace samrad::feeds {

std::string TagUri(const std::string& base_url, const std::string& specific) {
  std::string host = base_url;
  if (auto scheme = host.find("://"); scheme != std::string::npos) host.erase(0, scheme + 3);
  host = host.substr(0, host.find_first_of("/?#"));
  if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  // The port is not part of a tag URI's authority (a DNS name).
  if (!host.empty() && host.front() != '[') host = host.substr(0, host.find(':'));
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (host.empty()) host = "localhost";
  return "tag:" + host + ",2026:" + specific;
}

}  // namespace samrad::feeds
