// JSON sent by clients, parsed with a bound on nesting: nlohmann and valijson
// recurse once per level when copying, dumping or validating a value, so a
// body of 60,000 '[' would overflow a worker's stack long after parsing.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace samrad {

// Deepest nesting of arrays and objects a client may send.
inline constexpr int kMaxJsonDepth = 64;

// True when text opens more than max_depth arrays/objects at once. A linear
// scan over the bytes, brackets inside strings (and escaped quotes) skipped;
// it needs no valid JSON, so it can run before any value is built.
bool JsonDeeperThan(std::string_view text, int max_depth = kMaxJsonDepth);

// Parses text from a client, checking its depth first. kMalformed naming
// `what` when it nests deeper than kMaxJsonDepth; otherwise the value, or a
// discarded value (is_discarded()) when text is not JSON, so callers that
// accept plain text as well keep their fallback.
Result<nlohmann::json> ParseClientJson(std::string_view text, std::string_view what);

}  // namespace samrad
