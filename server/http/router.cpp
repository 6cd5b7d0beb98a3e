// Router implementation.
#include "server/http/router.h"

#include <algorithm>
#include <cctype>

#include "core/text_rules.h"

namespace samrad::server {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsCanonicalPath(const std::string& raw, const std::string& decoded) {
  if (!raw.starts_with('/') || !decoded.starts_with('/')) return false;
  if (decoded != "/" && decoded.ends_with('/')) return false;
  if (decoded.find("//") != std::string::npos) return false;
  for (unsigned char c : decoded) {
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  }
  // Valid UTF-8 without C1 controls: what CleanXmlText leaves alone.
  if (CleanXmlText(decoded) != decoded) return false;
  for (size_t i = raw.find('%'); i != std::string::npos; i = raw.find('%', i + 1)) {
    std::string code = raw.substr(i + 1, 2);
    for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (code == "2F" || code == "5C") return false;
  }
  for (const auto& segment : SplitPath(decoded)) {
    if (segment == "." || segment == "..") return false;
  }
  return true;
}

void Router::Add(const std::string& method, const std::string& pattern, Handler h, BodyRule body) {
  RouteInfo info{method, pattern, adding_pages_};
  entries_.push_back({info, SplitPath(pattern), std::move(h), std::move(body)});
  infos_.push_back(std::move(info));
}

size_t Router::MaxRouteBody() const {
  size_t m = 0;
  for (const auto& e : entries_) m = std::max(m, e.body.max_bytes);
  return m;
}

namespace {
bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const auto& p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (params) (*params)[p.substr(1, p.size() - 2)] = path[i];
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}
}  // namespace

Router::Match Router::Find(ApiRequest& req) const {
  auto segments = SplitPath(req.path);
  Match m;
  std::string method = req.method == "HEAD" ? "GET" : req.method;
  for (const auto& e : entries_) {
    if (!Matches(e.segments, segments, nullptr)) continue;
    if (e.info.method == method) {
      Matches(e.segments, segments, &req.params);
      m.handler = &e.handler;
      m.pattern = e.info.pattern;
      m.body = e.body;
      m.page = e.info.page;
      return m;
    }
    m.status = 405;
    m.pattern = e.info.pattern;
    if (m.allow.find(e.info.method) == std::string::npos) {
      m.allow += (m.allow.empty() ? "" : ", ") + e.info.method;
    }
  }
  return m;
}

Result<int64_t> IdParam(const ApiRequest& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos) {
    return NotFound("no such " + name);
  }
  return static_cast<int64_t>(std::stoll(it->second));
}

}  // namespace samrad::server
