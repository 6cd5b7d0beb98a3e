// Attacks on the transport against the real server: half-open connections
// beyond the descriptor limit, huge and slow bodies on small routes, huge
// headers, idle keep-alive connections. While each runs, an ordinary
// /healthz must answer within a second, and the server's memory stays bounded.
#define BOOST_TEST_MODULE hostile_transport_e2e
#include <sys/resource.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "tests/support/raw_socket.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using Clock = std::chrono::steady_clock;

namespace {

// This test process holds more sockets than a default limit allows.
struct RaiseOwnLimit {
  RaiseOwnLimit() {
    rlimit l{};
    getrlimit(RLIMIT_NOFILE, &l);
    l.rlim_cur = l.rlim_max;
    setrlimit(RLIMIT_NOFILE, &l);
  }
};
BOOST_GLOBAL_FIXTURE(RaiseOwnLimit);

// A connection from another source address in 127/8, so that a
// per-address limit does not count it with the attacker's.
int ConnectFrom(const char* source, int port) { return Connect(port, 0, source); }

// GET /healthz on a fresh connection from another address: true when it
// answers 200 within a second.
bool HealthyWithinASecond(int port, const char* source = "127.0.0.2") {
  auto start = Clock::now();
  int fd = ConnectFrom(source, port);
  if (fd < 0) return false;
  Send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  RawResponse r = ReadResponse(fd);
  close(fd);
  return r.head.starts_with("HTTP/1.1 200") && Clock::now() - start < std::chrono::seconds(1);
}

// True when the server ends the connection (EOF or reset) within the time.
bool ClosedWithin(int fd, std::chrono::seconds limit) {
  auto end = Clock::now() + limit;
  char buf[4096];
  while (Clock::now() < end) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) return true;
  }
  return false;
}

size_t OpenFiles(int pid) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) ++n;
  return n;
}

void Unset() { unsetenv("SAMRAD_TEST_NOFILE"); }

}  // namespace

BOOST_AUTO_TEST_CASE(half_open_requests_beyond_the_descriptor_limit_do_not_starve_others) {
  setenv("SAMRAD_TEST_NOFILE", "1024", 1);
  TestServer s({}, {"--header-timeout", "3"});
  Unset();
  std::vector<int> half_open;
  // From many addresses, so that only the limit in all (not per address) holds them back.
  for (int i = 0; i < 1100; ++i) {
    std::string source = "127.0.1." + std::to_string(1 + i % 40);
    int fd = ConnectFrom(source.c_str(), s.port());
    if (fd < 0) continue;
    Send(fd, "GET / HTTP/1.1\r\n");
    half_open.push_back(fd);
  }
  BOOST_TEST(half_open.size() == 1100u);
  for (int i = 0; i < 10; ++i) BOOST_TEST(HealthyWithinASecond(s.port()));
  BOOST_TEST(OpenFiles(s.pid()) < 1024u);
  // Each gets nothing more than the header timeout.
  std::this_thread::sleep_for(std::chrono::seconds(5));
  size_t closed = 0;
  for (int fd : half_open) {
    char c;
    ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN) || n > 0) ++closed;
    close(fd);
  }
  BOOST_TEST(closed == half_open.size());
  BOOST_TEST(HealthyWithinASecond(s.port()));
  BOOST_TEST(ProcessMemoryKb(s.pid(), "VmHWM") < 512 * 1024);
}

BOOST_AUTO_TEST_CASE(one_address_keeps_no_more_connections_than_its_limit) {
  TestServer s({}, {"--max-connections-per-address", "8"});
  std::vector<int> idle;
  for (int i = 0; i < 20; ++i) idle.push_back(ConnectFrom("127.0.0.5", s.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  size_t still_open = 0;
  for (int fd : idle) {
    char c;
    ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);
    if (n < 0 && errno == EAGAIN) ++still_open;
    close(fd);
  }
  BOOST_TEST(still_open <= 8u);
  // The same address still gets served: its idle connections made room.
  BOOST_TEST(HealthyWithinASecond(s.port(), "127.0.0.5"));
}

BOOST_AUTO_TEST_CASE(huge_declared_bodies_on_small_routes_are_refused_before_they_are_read) {
  TestServer s;
  std::vector<int> fds;
  for (int i = 0; i < 20; ++i) {
    int fd = ConnectFrom("127.0.0.3", s.port());
    Send(fd, "POST /api/v1/consultations/1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
             "Content-Length: 52428800\r\n\r\n" + std::string(64 * 1024, 'x'));
    fds.push_back(fd);
  }
  for (int fd : fds) {
    RawResponse r = ReadResponse(fd);
    BOOST_TEST(r.head.starts_with("HTTP/1.1 413"));
    BOOST_TEST(r.head.find("application/problem+json") != std::string::npos);
    BOOST_TEST(ClosedWithin(fd, std::chrono::seconds(5)));
    close(fd);
  }
  // An anonymous upload is held to the small limit too; an official's is not.
  int anon = ConnectFrom("127.0.0.3", s.port());
  Send(anon, "POST /api/v1/datasets HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
             "Content-Length: 40000000\r\nExpect: 100-continue\r\n\r\n");
  BOOST_TEST(ReadResponse(anon).head.starts_with("HTTP/1.1 413"));
  close(anon);
  std::string token = s.UserToken("official");
  int official = ConnectFrom("127.0.0.3", s.port());
  Send(official, "POST /api/v1/datasets?name=big HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                 "Authorization: Bearer " + token + "\r\nContent-Length: 40000000\r\nExpect: 100-continue\r\n\r\n");
  BOOST_TEST(ReadSome(official).starts_with("HTTP/1.1 100 Continue"));
  close(official);
  BOOST_TEST(HealthyWithinASecond(s.port()));
  BOOST_TEST(ProcessMemoryKb(s.pid(), "VmHWM") < 512 * 1024);
}

BOOST_AUTO_TEST_CASE(a_slow_body_is_cut_off_after_the_timeout) {
  TestServer s({}, {"--header-timeout", "2"});
  int fd = ConnectFrom("127.0.0.4", s.port());
  Send(fd, "POST /api/v1/consultations/1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
           "Content-Length: 1000\r\n\r\n{\"body\":");
  BOOST_TEST(HealthyWithinASecond(s.port()));
  RawResponse r = ReadResponse(fd);
  if (r.head.empty()) r = ReadResponse(fd);  // the first read may time out (3 s) before the cut
  BOOST_TEST(r.head.starts_with("HTTP/1.1 408"));
  BOOST_TEST(ClosedWithin(fd, std::chrono::seconds(5)));
  close(fd);
}

BOOST_AUTO_TEST_CASE(huge_headers_are_refused_and_others_are_served_meanwhile) {
  TestServer s;
  std::vector<std::thread> attackers;
  std::atomic<int> refused{0};
  for (int i = 0; i < 4; ++i) {
    attackers.emplace_back([&, i] {
      int fd = ConnectFrom("127.0.0.6", s.port());
      std::string head = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
      if (i % 2 == 0) {
        head += "X-Big: " + std::string(4 * 1024 * 1024, 'a') + "\r\n\r\n";
      } else {
        for (int h = 0; h < 100000; ++h) head += "X-" + std::to_string(h) + ": v\r\n";
        head += "\r\n";
      }
      Send(fd, head);
      if (ReadResponse(fd).head.starts_with("HTTP/1.1 431")) ++refused;
      close(fd);
    });
  }
  for (int i = 0; i < 10; ++i) BOOST_TEST(HealthyWithinASecond(s.port()));
  for (auto& t : attackers) t.join();
  BOOST_TEST(refused == 4);
  BOOST_TEST(HealthyWithinASecond(s.port()));
}

BOOST_AUTO_TEST_CASE(chunked_request_bodies_are_refused_with_411) {
  TestServer s;
  int fd = ConnectFrom("127.0.0.7", s.port());
  Send(fd, "POST /api/v1/consultations/1/comments HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
  BOOST_TEST(ReadResponse(fd).head.starts_with("HTTP/1.1 411"));
  close(fd);
  BOOST_TEST(HealthyWithinASecond(s.port()));
}

BOOST_AUTO_TEST_CASE(idle_keep_alive_connections_are_closed_after_their_timeout) {
  TestServer s({}, {"--keepalive-timeout", "2"});
  int fd = ConnectFrom("127.0.0.8", s.port());
  Send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
  BOOST_TEST(ReadResponse(fd).head.starts_with("HTTP/1.1 200"));
  // Still open for a second request right away...
  Send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
  BOOST_TEST(ReadResponse(fd).head.starts_with("HTTP/1.1 200"));
  // ...and closed once idle beyond the timeout.
  BOOST_TEST(ClosedWithin(fd, std::chrono::seconds(6)));
  close(fd);
}

BOOST_AUTO_TEST_CASE(unknown_methods_and_malformed_media_types_get_problems_not_plain_text) {
  TestServer s;
  int fd = ConnectFrom("127.0.0.9", s.port());
  Send(fd, "BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n");
  RawResponse brew = ReadResponse(fd);
  close(fd);
  BOOST_TEST(brew.head.starts_with("HTTP/1.1 501"));
  BOOST_TEST(brew.head.find("application/problem+json") != std::string::npos);
  fd = ConnectFrom("127.0.0.9", s.port());
  Send(fd, "POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: json\r\nContent-Length: 2\r\n\r\n{}");
  RawResponse media = ReadResponse(fd);
  close(fd);
  BOOST_TEST(media.head.starts_with("HTTP/1.1 415"));
  BOOST_TEST(media.head.find("application/problem+json") != std::string::npos);
  BOOST_TEST(HealthyWithinASecond(s.port()));
}
