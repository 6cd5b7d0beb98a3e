// Swedish wall-clock time and the day of the latest digest.
#define BOOST_TEST_MODULE stockholm_time
#include "server/mail/stockholm_time.h"

#include <boost/test/unit_test.hpp>

using namespace samrad::server::mail;

BOOST_AUTO_TEST_CASE(winter_is_one_hour_and_summer_two_hours_ahead_of_utc) {
  // 2026-12-03 06:30 UTC is 07:30 in Stockholm, a Thursday.
  LocalTime w = StockholmTime(1796279400);
  BOOST_CHECK_EQUAL(w.ymd(), 20261203);
  BOOST_CHECK_EQUAL(w.hour, 7);
  BOOST_CHECK_EQUAL(w.weekday, 4);
  // 2026-07-01 22:30 UTC is already 2 July, 00:30, in Stockholm.
  LocalTime s = StockholmTime(1782945000);
  BOOST_CHECK_EQUAL(s.ymd(), 20260702);
  BOOST_CHECK_EQUAL(s.hour, 0);
}

BOOST_AUTO_TEST_CASE(summer_time_starts_and_ends_at_one_utc_on_the_last_sundays) {
  // 2026-03-29 00:59:59 UTC: still 01:59 CET; one second later 03:00 CEST.
  BOOST_CHECK_EQUAL(StockholmTime(1774745999).hour, 1);
  BOOST_CHECK_EQUAL(StockholmTime(1774746000).hour, 3);
  // 2026-10-25 00:59:59 UTC: 02:59 CEST; one second later 02:00 CET.
  BOOST_CHECK_EQUAL(StockholmTime(1792889999).hour, 2);
  BOOST_CHECK_EQUAL(StockholmTime(1792890000).hour, 2);
  BOOST_CHECK_EQUAL(StockholmTime(1792890000 + 3600).hour, 3);
}

BOOST_AUTO_TEST_CASE(the_latest_digest_day_turns_at_the_digest_hour) {
  // Thursday 2026-12-03, 06:59 local: the daily digest of the 2nd is the latest.
  BOOST_CHECK_EQUAL(LastDigestDay(1796277540, 7, false), 20261202);
  BOOST_CHECK_EQUAL(LastDigestDay(1796277600, 7, false), 20261203);
  // The weekly one is Monday 30 November's.
  BOOST_CHECK_EQUAL(LastDigestDay(1796277600, 7, true), 20261130);
  // Monday 2026-11-30 06:00 local: still the Monday before.
  BOOST_CHECK_EQUAL(LastDigestDay(1796014800, 7, true), 20261123);
}
