#define BOOST_TEST_MODULE thread_name_test
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <future>
#include <string>
#include <thread>

#include <sys/syscall.h>
#include <unistd.h>

#include "core/thread_name.h"

using samrad::NameThread;
using samrad::ThisThreadName;

// The thread that starts another names it: the name is there from its first
// step, for a test or an operator looking at once.
BOOST_AUTO_TEST_CASE(a_named_thread_shows_its_role_to_the_system) {
  std::string seen, comm;
  std::promise<void> named;
  std::thread t([&] {
    named.get_future().wait();
    seen = ThisThreadName();
    // What top -H and ps -L read.
    std::ifstream in("/proc/self/task/" + std::to_string(syscall(SYS_gettid)) + "/comm");
    std::getline(in, comm);
  });
  NameThread(t.native_handle(), "index");
  named.set_value();
  t.join();
  BOOST_TEST(seen == "samrad-index");
  BOOST_TEST(comm == "samrad-index");
}

BOOST_AUTO_TEST_CASE(a_long_role_is_cut_to_what_the_kernel_keeps) {
  std::string seen;
  std::promise<void> named;
  std::thread t([&] {
    named.get_future().wait();
    seen = ThisThreadName();
  });
  NameThread(t.native_handle(), "wildcard-walk-ahead");
  named.set_value();
  t.join();
  BOOST_TEST(seen == "samrad-wildcard");
}
