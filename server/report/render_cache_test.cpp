#define BOOST_TEST_MODULE render_cache_test
#include <boost/test/unit_test.hpp>

#include <string>

#include "server/report/render_cache.h"

using samrad::report::RenderCache;

namespace {
std::string Render(int& makes, size_t size) {
  ++makes;
  return std::string(size, 'x');
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_report_is_rendered_once_while_it_is_kept) {
  RenderCache cache(1000);
  int makes = 0;
  auto first = cache.GetOrMake("a", [&] { return Render(makes, 400); });
  auto again = cache.GetOrMake("a", [&] { return Render(makes, 400); });
  BOOST_TEST(makes == 1);
  BOOST_TEST(first == again);
  BOOST_TEST(cache.bytes() == 400u);
}

BOOST_AUTO_TEST_CASE(the_oldest_renders_go_first_and_the_bytes_never_pass_the_budget) {
  RenderCache cache(1000);
  int makes = 0;
  for (int i = 0; i < 100; ++i) {
    cache.GetOrMake("r" + std::to_string(i), [&] { return Render(makes, 150 + i * 7); });
    BOOST_TEST(cache.bytes() <= 1000u);
  }
  BOOST_TEST(cache.Find("r99") != nullptr);
  BOOST_TEST(cache.Find("r0") == nullptr);
  BOOST_TEST(makes == 100);
}

BOOST_AUTO_TEST_CASE(a_render_larger_than_the_budget_is_answered_but_not_kept) {
  RenderCache cache(1000);
  int makes = 0;
  cache.GetOrMake("small", [&] { return Render(makes, 300); });
  auto big = cache.GetOrMake("big", [&] { return Render(makes, 5000); });
  BOOST_TEST(big->size() == 5000u);
  BOOST_TEST(cache.Find("big") == nullptr);
  BOOST_TEST(cache.Find("small") != nullptr);
  BOOST_TEST(cache.bytes() == 300u);
}

BOOST_AUTO_TEST_CASE(a_budget_of_nothing_keeps_nothing) {
  RenderCache cache(0);
  int makes = 0;
  cache.GetOrMake("a", [&] { return Render(makes, 10); });
  cache.GetOrMake("a", [&] { return Render(makes, 10); });
  BOOST_TEST(makes == 2);
  BOOST_TEST(cache.bytes() == 0u);
}
