// Swedish local time without a time-zone database (see stockholm_time.h).
#include "server/mail/stockholm_time.h"

namespace samrad::server::mail {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 01:00 UTC on the last Sunday of the month (March or October).
int64_t LastSundayOneUtc(int year, int month) {
  int64_t last = DaysFromCivil(year, month, 31);
  int64_t weekday = ((last + 4) % 7 + 7) % 7;
  return (last - weekday) * 86400 + 3600;
}

}  // namespace

LocalTime StockholmTime(int64_t epoch) {
  int y, m, d;
  CivilFromDays(FloorDiv(epoch, 86400), y, m, d);
  bool summer = epoch >= LastSundayOneUtc(y, 3) && epoch < LastSundayOneUtc(y, 10);
  int64_t local = epoch + (summer ? 7200 : 3600);
  int64_t days = FloorDiv(local, 86400);
  LocalTime t;
  CivilFromDays(days, t.year, t.month, t.day);
  t.hour = static_cast<int>((local - days * 86400) / 3600);
  t.weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);
  return t;
}

int64_t LastDigestDay(int64_t epoch, int hour, bool weekly) {
  LocalTime now = StockholmTime(epoch);
  int back = now.hour >= hour ? 0 : 1;
  if (weekly) {
    back = (now.weekday + 6) % 7;  // days since Monday
    if (back == 0 && now.hour < hour) back = 7;
  }
  int y, m, d;
  CivilFromDays(DaysFromCivil(now.year, now.month, now.day) - back, y, m, d);
  return int64_t{y} * 10000 + m * 100 + d;
}

}  // namespace samrad::server::mail
