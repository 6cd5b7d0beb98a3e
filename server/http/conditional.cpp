// Entity-tag comparison for conditional requests.
#include "server/http/conditional.h"

#include <functional>

#include "core/http_date.h"

namespace samrad::server {

namespace {
// Calls f with each trimmed item of a comma list until it returns true.
bool AnyItem(const std::string& header, const std::function<bool(const std::string&)>& f) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t comma = header.find(',', pos);
    std::string item = header.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (f(item)) return true;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return false;
}
}  // namespace

std::string CodedEtag(const std::string& etag, const std::string& coding) {
  if (etag.size() < 2 || etag.back() != '"') return etag;
  return etag.substr(0, etag.size() - 1) + "-" + coding + "\"";
}

bool EtagMatches(const std::string& header, const std::string& etag) {
  if (header.empty()) return false;
  if (header == "*") return true;
  return AnyItem(header, [&](std::string item) {
    if (item.starts_with("W/")) item = item.substr(2);
    return item == etag;
  });
}

bool IsNotModified(const ApiRequest& req, const std::string& etag, int64_t last_modified) {
  std::string inm = req.Header("if-none-match");
  if (!inm.empty()) return EtagMatches(inm, etag);
  if (last_modified <= 0) return false;
  auto since = ParseHttpDate(req.Header("if-modified-since"));
  return since && last_modified <= *since;
}

bool IfMatchHolds(const std::string& header, const std::string& etag) {
  if (header == "*") return true;
  std::string gzip = CodedEtag(etag, "gzip");
  return AnyItem(header, [&](const std::string& item) { return item == etag || item == gzip; });
}

}  // namespace samrad::server
