// HTTP conventions through the real server: problem+json for every error
// status, size and media-type limits, bad bodies storing nothing, keep-alive,
// metrics and a draining shutdown.
#define BOOST_TEST_MODULE http_conventions_e2e
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <thread>

#include "tests/support/test_server.h"

using samrad::testing::HttpResult;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
void CheckProblem(const HttpResult& r, int status) {
  BOOST_TEST(r.status == status);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  auto j = r.json();
  BOOST_TEST(j["status"] == status);
  BOOST_TEST(j.contains("title"));
  BOOST_TEST(j.contains("type"));
  BOOST_TEST(!j["detail"].get<std::string>().empty());
}

json Draft() {
  return {{"title", "T"}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
          {"opens_at", "2027-01-01"}, {"closes_at", "2027-02-01"}};
}

// Sends raw bytes on one connection and returns everything read until the
// peer closes or the timeout passes.
std::string Raw(int port, const std::string& bytes, int read_ms = 1500) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return "";
  (void)!write(fd, bytes.data(), bytes.size());
  timeval tv{read_ms / 1000, (read_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_error_status_is_problem_json) {
  TestServer s({}, {"--max-body", "2048"});
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken();

  CheckProblem(s.Request("POST", "/api/v1/consultations", "{not json", official), 400);
  CheckProblem(s.Post("/api/v1/consultations", Draft()), 401);
  CheckProblem(s.Post("/api/v1/consultations", Draft(), resident), 403);
  CheckProblem(s.Get("/api/v1/consultations/424242"), 404);
  CheckProblem(s.Get("/api/v1/consultations/abc"), 404);
  CheckProblem(s.Get("/no/such/page"), 404);
  auto m = s.Delete("/api/v1/consultations");
  CheckProblem(m, 405);
  BOOST_TEST(m.header("allow").find("GET") != std::string::npos);
  BOOST_TEST(m.header("allow").find("POST") != std::string::npos);

  auto c = s.Post("/api/v1/consultations", Draft(), official);
  std::string publish = "/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>()) + "/publish";
  s.Post(publish, json::object(), official);
  CheckProblem(s.Post(publish, json::object(), official), 409);

  json big = Draft();
  big["body"] = std::string(4000, 'x');
  CheckProblem(s.Post("/api/v1/consultations", big, official), 413);
  CheckProblem(s.Request("POST", "/api/v1/consultations", Draft().dump(), official,
                         {{"Content-Type", "text/plain"}}),
               415);
  auto invalid = s.Post("/api/v1/consultations", {{"title", 5}, {"language", "fi"}}, official);
  CheckProblem(invalid, 422);
  BOOST_TEST(invalid.json()["errors"].size() >= 3u);  // title, language, missing fields
}

BOOST_AUTO_TEST_CASE(bad_bodies_store_nothing_and_the_server_keeps_serving) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto head = s.Get("/api/v1/log/verify").json()["entries"];
  std::vector<std::string> bad = {
      "{\"title\": \"\xff\xfe invalid utf-8\", \"summary\": \"s\"}",
      "[1,2,3]",
      "null",
      "{\"title\": \"T\", \"summary\": \"S\", \"body\": \"B\", \"language\": \"sv\", "
      "\"opens_at\": \"2027-01-01\", \"closes_at\": \"2027-02-01\", \"admin\": true}",
      "{\"title\": \"T\", \"summary\": \"S\", \"body\": \"B\", \"language\": \"sv\", "
      "\"opens_at\": \"yesterday\", \"closes_at\": \"2027-02-01\"}",
      "{\"title\": \"T\", \"summary\": \"S\", \"body\": \"B\", \"language\": \"sv\", "
      "\"opens_at\": \"2027-03-01\", \"closes_at\": \"2027-02-01\"}",
      std::string("{\"title\": \"a\0b\"}", 16),
      "{\"title\": ",
      "{\"title\": 1e999}",  // a number no double can hold
  };
  for (const auto& body : bad) {
    auto r = s.Request("POST", "/api/v1/consultations", body, official);
    BOOST_TEST((r.status == 400 || r.status == 422), "status " << r.status << " for " << body);
  }
  BOOST_TEST(s.Get("/api/v1/consultations", official).json()["items"].size() == 0u);
  BOOST_TEST(s.Get("/api/v1/log/verify").json()["entries"] == head);
  BOOST_TEST(s.Get("/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(malformed_http_gets_an_answer_and_others_are_still_served) {
  TestServer s;
  std::string garbage = Raw(s.port(), "THIS IS NOT HTTP\r\n\r\n");
  BOOST_TEST(garbage.find("HTTP/1.1 4") != std::string::npos);
  BOOST_TEST(s.Get("/healthz").status == 200);
}

BOOST_AUTO_TEST_CASE(keep_alive_serves_several_requests_on_one_connection) {
  TestServer s;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(s.port()));
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  BOOST_REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n";
  int answered = 0;
  for (int i = 0; i < 3; ++i) {
    BOOST_REQUIRE(write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size()));
    std::string out;
    char buf[4096];
    // Read one whole response: headers, then Content-Length bytes.
    while (true) {
      auto end = out.find("\r\n\r\n");
      if (end != std::string::npos) {
        auto cl = out.find("Content-Length: ");
        size_t len = cl == std::string::npos ? 0 : std::stoul(out.substr(cl + 16));
        if (out.size() >= end + 4 + len) break;
      }
      ssize_t n = read(fd, buf, sizeof buf);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    if (out.starts_with("HTTP/1.1 200 OK")) ++answered;
  }
  close(fd);
  BOOST_TEST(answered == 3);
}

BOOST_AUTO_TEST_CASE(metrics_count_requests_per_route) {
  TestServer s;
  s.Get("/api/v1/consultations");
  s.Get("/api/v1/consultations/77");
  auto m = s.Get("/metrics");
  BOOST_TEST(m.status == 200);
  BOOST_TEST(m.body.find("samrad_http_requests_total{method=\"GET\",route=\"/api/v1/consultations/{id}\",status=\"404\"} 1") != std::string::npos);
  BOOST_TEST(m.body.find("samrad_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/consultations\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sigterm_finishes_and_exits_cleanly) {
  TestServer s;
  // Start a slow-ish request (password hashing) and stop while it may run.
  std::thread t([&] {
    try {
      s.Post("/api/v1/accounts", {{"email", "x@example.se"}, {"password", "long enough"}, {"display_name", "X"}});
    } catch (...) {
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  int status = s.Stop(SIGTERM);
  t.join();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
}

BOOST_AUTO_TEST_CASE(openapi_document_is_served) {
  TestServer s;
  auto r = s.Get("/api/v1/openapi.json");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.json()["openapi"].get<std::string>().starts_with("3."));
  BOOST_TEST(r.json()["paths"].contains("/api/v1/consultations"));
}
