// Shared calls of the questionnaire end-to-end tests.
#pragma once

#include <string>

#include "tests/support/comment_fixtures.h"

namespace samrad::testing {

// /api/v1/consultations/{k}{rest}
inline std::string Path(int64_t k, const std::string& rest) {
  return "/api/v1/consultations/" + std::to_string(k) + rest;
}

// The log entries of one kind, oldest first.
inline nlohmann::json LogOfKind(TestServer& s, const std::string& kind) {
  nlohmann::json out = nlohmann::json::array();
  nlohmann::json log = s.Get("/api/v1/log?limit=1000").json();
  for (const auto& e : log["items"]) {
    if (e["kind"] == kind) out.push_back(e);
  }
  return out;
}

}  // namespace samrad::testing
