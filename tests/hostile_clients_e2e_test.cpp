// Hostile and broken clients against the real server: slow clients, oversized
// headers, pipelined garbage and aborted downloads. The server must keep
// serving others, and its open files and memory must stay flat.
#define BOOST_TEST_MODULE hostile_clients_e2e
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/support/raw_socket.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
// Sockets the server holds: an aborted download that is never closed leaks one of these.
// (Regular files are left out: background writers open their database connections lazily.)
size_t OpenSockets(int pid) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/fd")) {
    std::error_code ec;
    auto target = std::filesystem::read_symlink(e.path(), ec);
    if (!ec && target.string().rfind("socket:", 0) == 0) ++n;
  }
  return n;
}

// Waits up to ten seconds for the server to notice closed peers; a leak never settles.
size_t SettledSockets(int pid, size_t bound) {
  size_t n = OpenSockets(pid);
  for (int i = 0; i < 100 && n > bound; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    n = OpenSockets(pid);
  }
  return n;
}

bool Healthy(TestServer& s) { return s.Get("/healthz").status == 200; }
}  // namespace

BOOST_AUTO_TEST_CASE(slow_clients_do_not_stop_others_from_being_served) {
  TestServer s;
  std::vector<int> slow;
  for (int i = 0; i < 200; ++i) {
    int fd = Connect(s.port());
    BOOST_REQUIRE(fd >= 0);
    Send(fd, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");  // never finishes its headers
    slow.push_back(fd);
  }
  for (int i = 0; i < 20; ++i) BOOST_TEST(Healthy(s));
  for (int fd : slow) close(fd);
  BOOST_TEST(Healthy(s));
}

BOOST_AUTO_TEST_CASE(oversized_headers_are_refused_and_the_server_keeps_serving) {
  TestServer s({}, {"--max-body", "65536"});
  int fd = Connect(s.port());
  std::string huge = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(512 * 1024, 'a') + "\r\n\r\n";
  Send(fd, huge);
  std::string answer = ReadSome(fd);
  close(fd);
  // Either a 4xx answer or a closed connection, never a 2xx for this.
  BOOST_TEST(answer.find("HTTP/1.1 2") == std::string::npos);
  BOOST_TEST(Healthy(s));
}

BOOST_AUTO_TEST_CASE(pipelined_garbage_gets_no_crash) {
  TestServer s;
  std::string valid = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n";
  std::vector<std::string> garbage = {
      valid + "\x01\x02\x03 BREW /pot HTCPCP/1.0\r\n\r\n",
      "POST /api/v1/accounts HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n{",
      "GET / HTTP/9.9\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n",
      std::string(1000, '\0'),
      valid + valid + "GARBAGE\r\n\r\n" + valid,
  };
  for (const auto& g : garbage) {
    int fd = Connect(s.port());
    Send(fd, g);
    ReadSome(fd);
    Abort(fd);
    BOOST_TEST(Healthy(s));
  }
}

BOOST_AUTO_TEST_CASE(a_thousand_aborted_downloads_leave_sockets_and_memory_flat) {
  TestServer s;
  std::string official = s.UserToken("official");
  // Enough log entries that a page of the log is a sizeable download.
  for (int i = 0; i < 60; ++i) {
    s.Post("/api/v1/consultations",
           {{"title", "Samråd " + std::to_string(i)}, {"summary", std::string(500, 's')},
            {"body", std::string(4000, 'b')}, {"language", "sv"},
            {"opens_at", "2027-01-01"}, {"closes_at", "2027-02-01"}},
           official);
  }
  std::vector<std::string> downloads = {"/api/v1/consultations?limit=200", "/api/v1/log?limit=1000",
                                        "/api/v1/openapi.json", "/feeds/consultations.atom"};
  auto abort_all = [&](int n) {
    for (int i = 0; i < n; ++i) {
      int fd = Connect(s.port());
      Send(fd, "GET " + downloads[i % downloads.size()] + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                   official + "\r\n\r\n");
      if (i % 2) ReadSome(fd);  // half abort mid-response, half before reading anything
      Abort(fd);
    }
  };
  abort_all(100);  // warm up caches and thread-local connections
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  size_t sockets_before = OpenSockets(s.pid());
  long rss_before = ProcessMemoryKb(s.pid(), "VmRSS");
  abort_all(1000);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  BOOST_TEST(Healthy(s));
  size_t sockets_after = SettledSockets(s.pid(), sockets_before + 4);
  long rss_after = ProcessMemoryKb(s.pid(), "VmRSS");
  BOOST_TEST_MESSAGE("open sockets " << sockets_before << " -> " << sockets_after << ", RSS " << rss_before
                                   << " kB -> " << rss_after << " kB");
  BOOST_TEST(sockets_after <= sockets_before + 4);
  BOOST_TEST(rss_after <= rss_before + 16 * 1024);
}
