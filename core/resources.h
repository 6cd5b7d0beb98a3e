// Files embedded into the binary at build time (migrations, schemas, OpenAPI,
// web templates), looked up by their path in the source tree.
#pragma once

#include <map>
#include <string_view>

namespace samrad::resources {

// Every embedded file, keyed by its path relative to the source root.
const std::map<std::string_view, std::string_view>& All();

// The file's text, or an empty view when it is not embedded.
inline std::string_view Get(std::string_view path) {
  auto it = All().find(path);
  return it == All().end() ? std::string_view() : it->second;
}

}  // namespace samrad::resources
