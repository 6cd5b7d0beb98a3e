// Small text helpers shared by the feed builders.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace samrad::feeds {

// Escapes text for inclusion in HTML content.
std::string EscapeHtml(const std::string& s);
// The string at key, or empty when it is absent or not a string.
std::string Str(const nlohmann::json& j, const char* key);

}  // namespace samrad::feeds
