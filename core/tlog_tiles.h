// C2SP tlog-tiles: tile paths (height 8, "x"-prefixed three-digit groups)
// and the bytes of hash tiles and entry bundles, read from the stored tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/sqlite.h"

namespace samrad::tlog {

constexpr int kTileHeight = 8;
constexpr int64_t kTileWidth = 256;

struct TileRef {
  int level = 0;       // -1: an entry bundle
  int64_t index = 0;
  int width = 256;     // 1..256; below 256 a partial tile
  // "tile/<L>/<N>[.p/<W>]" or "tile/entries/<N>[.p/<W>]".
  std::string Path() const;
};

// "x001/x234/067" for 1234067.
std::string TileIndexPath(int64_t n);
// Parses the segments after "tile/": level (or "entries"), then the index
// groups, then ".p" on the last group and a width segment for a partial
// tile. nullopt when any part is not the one canonical spelling.
std::optional<TileRef> ParseTilePath(const std::vector<std::string>& segments);

class TileReader {
 public:
  // The tile's hashes (32 bytes each); nullopt when the tree does not hold
  // them all yet.
  static std::optional<std::string> Hashes(db::Connection& c, const TileRef& t);
  // The entry bundle: each entry's canonical bytes after a 16-bit
  // big-endian length; nullopt when the log does not hold them all yet.
  static std::optional<std::string> Entries(db::Connection& c, const TileRef& t);
};

}  // namespace samrad::tlog
