// LoginBackoff: free failures, doubling waits, reset on success.
#define BOOST_TEST_MODULE login_backoff
#include "core/login_backoff.h"

#include <boost/test/unit_test.hpp>

using samrad::LoginBackoff;

BOOST_AUTO_TEST_CASE(waits_double_after_the_free_failures_and_success_resets) {
  LoginBackoff b(3, 10, 60);
  for (int i = 0; i < 2; ++i) b.Fail("k", 1000);
  BOOST_TEST(b.RetryAfter("k", 1000) == 0);
  b.Fail("k", 1000);
  BOOST_TEST(b.RetryAfter("k", 1000) == 10);
  BOOST_TEST(b.RetryAfter("k", 1010) == 0);
  b.Fail("k", 1010);
  BOOST_TEST(b.RetryAfter("k", 1010) == 20);
  for (int i = 0; i < 10; ++i) b.Fail("k", 1030);
  BOOST_TEST(b.RetryAfter("k", 1030) == 60);  // capped
  BOOST_TEST(b.RetryAfter("other", 1030) == 0);
  b.Succeed("k");
  BOOST_TEST(b.RetryAfter("k", 1030) == 0);
}

BOOST_AUTO_TEST_CASE(a_long_quiet_spell_forgives_old_failures) {
  LoginBackoff b(2, 10, 60);
  b.Fail("k", 0);
  b.Fail("k", 0);
  BOOST_TEST(b.RetryAfter("k", 0) == 10);
  b.Fail("k", 1000);
  BOOST_TEST(b.RetryAfter("k", 1000) == 0);
}
