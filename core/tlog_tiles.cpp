// Tile paths and tile contents.
#include "core/tlog_tiles.h"

#include <cstdio>

#include "core/event_log.h"
#include "core/tlog_store.h"

namespace samrad::tlog {

std::string TileIndexPath(int64_t n) {
  std::string out;
  char group[8];
  std::snprintf(group, sizeof group, "%03d", static_cast<int>(n % 1000));
  out = group;
  for (n /= 1000; n > 0; n /= 1000) {
    std::snprintf(group, sizeof group, "x%03d/", static_cast<int>(n % 1000));
    out = group + out;
  }
  return out;
}

std::string TileRef::Path() const {
  std::string p = "tile/" + (level < 0 ? std::string("entries") : std::to_string(level)) + "/" + TileIndexPath(index);
  if (width < kTileWidth) p += ".p/" + std::to_string(width);
  return p;
}

namespace {
bool Digits(const std::string& s, size_t n) {
  return s.size() == n && s.find_first_not_of("0123456789") == std::string::npos;
}
}  // namespace

std::optional<TileRef> ParseTilePath(const std::vector<std::string>& segments) {
  if (segments.size() < 2) return std::nullopt;
  TileRef t;
  const std::string& l = segments[0];
  if (l == "entries") {
    t.level = -1;
  } else if (!l.empty() && l.size() <= 2 && l.find_first_not_of("0123456789") == std::string::npos &&
             (l.size() == 1 || l[0] != '0') && std::stoi(l) <= 63) {
    t.level = std::stoi(l);
  } else {
    return std::nullopt;
  }
  size_t last = segments.size() - 1;
  std::string tail = segments[last];
  bool partial = false;
  if (segments.size() >= 3 && segments[last - 1].ends_with(".p")) {
    const std::string& w = segments[last];
    if (w.empty() || w.size() > 3 || w.find_first_not_of("0123456789") != std::string::npos || w[0] == '0') {
      return std::nullopt;
    }
    t.width = std::stoi(w);
    if (t.width < 1 || t.width > 255) return std::nullopt;
    partial = true;
    --last;
    tail = segments[last].substr(0, segments[last].size() - 2);
  }
  if (last > 6) return std::nullopt;  // 2^63 has seven groups
  int64_t n = 0;
  for (size_t i = 1; i < last; ++i) {
    const std::string& g = segments[i];
    if (g.size() != 4 || g[0] != 'x' || !Digits(g.substr(1), 3)) return std::nullopt;
    n = n * 1000 + std::stoi(g.substr(1));
  }
  if (!Digits(tail, 3)) return std::nullopt;
  n = n * 1000 + std::stoi(tail);
  // The one spelling: no leading "x000" group.
  if (last > 1 && segments[1] == "x000") return std::nullopt;
  t.index = n;
  if (!partial) t.width = static_cast<int>(kTileWidth);
  return t;
}

std::optional<std::string> TileReader::Hashes(db::Connection& c, const TileRef& t) {
  std::string h = TreeStore::Hashes(c, t.level * kTileHeight, t.index * kTileWidth, t.width);
  if (h.empty()) return std::nullopt;
  return h;
}

std::optional<std::string> TileReader::Entries(db::Connection& c, const TileRef& t) {
  auto events = EventLog::List(c, t.index * kTileWidth, t.width);
  if (events.size() != static_cast<size_t>(t.width)) return std::nullopt;
  std::string out;
  for (const auto& e : events) {
    std::string bytes = EventLog::Canonical(e);
    out.push_back(static_cast<char>(bytes.size() >> 8));
    out.push_back(static_cast<char>(bytes.size() & 0xff));
    out += bytes;
  }
  return out;
}

}  // namespace samrad::tlog
