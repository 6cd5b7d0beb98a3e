// Time formatting for pages.
#include "server/web/format.h"

#include <ctime>

#include "core/clock.h"

namespace samrad::server {

namespace {
constexpr const char* kMonthsSv[] = {"januari", "februari", "mars",      "april",   "maj",      "juni",
                                     "juli",    "augusti",  "september", "oktober", "november", "december"};
constexpr const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                     "July",    "August",   "September", "October", "November", "December"};

std::tm Utc(int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

// 01:00 UTC on the last Sunday of the month (EU summer-time switch).
int64_t LastSundayOneUtc(int year, int month) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;  // the first of the next month, then step back
  tm.tm_mday = 1;
  int64_t first_next = static_cast<int64_t>(timegm(&tm));
  int64_t last_day = first_next - 86400;
  int wday = Utc(last_day).tm_wday;
  return last_day - wday * 86400 + 3600;
}

std::string Two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
}  // namespace

int64_t StockholmOffset(int64_t epoch) {
  int year = Utc(epoch).tm_year + 1900;
  bool summer = epoch >= LastSundayOneUtc(year, 3) && epoch < LastSundayOneUtc(year, 10);
  return summer ? 7200 : 3600;
}

std::string DateInputValue(int64_t epoch) {
  std::tm tm = Utc(epoch + StockholmOffset(epoch));
  return std::to_string(tm.tm_year + 1900) + "-" + Two(tm.tm_mon + 1) + "-" + Two(tm.tm_mday);
}

nlohmann::json TimeView(const std::string& rfc3339, const std::string& lang) {
  auto epoch = ParseTime(rfc3339);
  if (!epoch) return nullptr;
  std::tm tm = Utc(*epoch + StockholmOffset(*epoch));
  bool sv = lang == "sv";
  std::string date = std::to_string(tm.tm_mday) + " " + (sv ? kMonthsSv : kMonthsEn)[tm.tm_mon] + " " +
                     std::to_string(tm.tm_year + 1900);
  std::string clock = Two(tm.tm_hour) + ":" + Two(tm.tm_min);
  return {{"iso", FormatTime(*epoch)},
          {"date", date},
          {"datetime", sv ? date + " kl. " + clock : date + ", " + clock}};
}

}  // namespace samrad::server
