// How the web pages show times: in Swedish time (CET/CEST), as words in the
// page's language, plus the machine-readable form for <time datetime>.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace samrad::server {

// {iso, date, datetime} for an RFC 3339 time, e.g. date "3 mars 2027",
// datetime "3 mars 2027 kl. 14:00"; null when the text is not a time.
nlohmann::json TimeView(const std::string& rfc3339, const std::string& lang);
// "2027-03-03" in Swedish time, for <input type="date"> values.
std::string DateInputValue(int64_t epoch);
// Seconds to add to UTC for Swedish time at that moment (3600 or 7200).
int64_t StockholmOffset(int64_t epoch);

}  // namespace samrad::server
