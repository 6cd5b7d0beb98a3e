// HTTP dates (RFC 9110 IMF-fixdate), which are also valid RFC 822 dates as
// RSS 2.0 wants them: "Fri, 27 Nov 2026 16:40:15 GMT".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace samrad {

// Formats epoch seconds (UTC). Thread-safe.
std::string FormatHttpDate(int64_t epoch);
// Parses an IMF-fixdate; nullopt for anything else. Thread-safe.
std::optional<int64_t> ParseHttpDate(const std::string& text);

}  // namespace samrad
