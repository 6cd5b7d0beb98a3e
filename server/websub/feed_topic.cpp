// TopicFeed: topic URLs back into feed requests.
#include "server/websub/feed_topic.h"

#include "core/url_codec.h"

namespace samrad::websub {

namespace {
std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

// Fills params when path fits the pattern (e.g. /feeds/consultations/{id}/comments).
bool Fits(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  auto want = Segments(pattern);
  auto have = Segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < want.size(); ++i) {
    const std::string& w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (have[i].empty()) return false;
      found[w.substr(1, w.size() - 2)] = have[i];
    } else if (w != have[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

bool ParseLimit(const std::string& text, int& limit) {
  if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  limit = std::stoi(text);
  return limit >= 1 && limit <= feeds::kMaxPageSize;
}
}  // namespace

std::optional<feeds::FeedRequest> TopicFeed(const feeds::FeedRegistry& registry, const std::string& base_url,
                                            const std::string& topic) {
  if (!topic.starts_with(base_url + "/") || topic.find('#') != std::string::npos) return std::nullopt;
  std::string rest = topic.substr(base_url.size());
  size_t question = rest.find('?');
  std::string path = rest.substr(0, question);
  std::string query = question == std::string::npos ? "" : rest.substr(question + 1);
  feeds::FeedRequest req;
  if (path.ends_with(".atom")) {
    req.format = feeds::FeedFormat::kAtom;
    path.resize(path.size() - 5);
  } else if (path.ends_with(".rss")) {
    req.format = feeds::FeedFormat::kRss;
    path.resize(path.size() - 4);
  } else {
    return std::nullopt;
  }
  if (path.find('%') != std::string::npos) return std::nullopt;  // feed paths are plain
  const feeds::FeedKind* kind = nullptr;
  for (const auto& k : registry.kinds()) {
    if (Fits(k.path, path, req.query.params)) {
      kind = &k;
      break;
    }
  }
  if (!kind) return std::nullopt;
  for (const auto& [name, value] : ParseForm(query)) {
    if (name == "q") {
      req.query.q = value;
    } else if (name != "limit" || !ParseLimit(value, req.query.limit)) {
      return std::nullopt;
    }
  }
  req.name = kind->name;
  req.path = path;
  req.query.base_url = base_url;
  return req;
}

}  // namespace samrad::websub
