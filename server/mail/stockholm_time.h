// Local time in Sweden (Europe/Stockholm: CET, and CEST under the EU's
// summer-time rule, from 01:00 UTC on the last Sunday of March to 01:00 UTC
// on the last Sunday of October), for the hour at which digests go out.
#pragma once

#include <cstdint>

namespace samrad::server::mail {

struct LocalTime {
  int year = 0, month = 0, day = 0;  // the local date
  int hour = 0;
  int weekday = 0;  // 0 Sunday ... 6 Saturday
  int64_t ymd() const { return int64_t{year} * 10000 + month * 100 + day; }
};

// The Swedish wall-clock time at epoch seconds. Pure.
LocalTime StockholmTime(int64_t epoch);
// The local date, as YYYYMMDD, of the latest digest whose hour has come:
// today's when the local hour is at least `hour`, else yesterday's; for a
// weekly digest the latest such Monday. Pure.
int64_t LastDigestDay(int64_t epoch, int hour, bool weekly);

}  // namespace samrad::server::mail
