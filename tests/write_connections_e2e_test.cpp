// Writes are answered from the write threads on the client's own connection:
// keep-alive connections carry several writes and reads in turn, errors and
// empty answers are framed correctly, and a client that did not ask to keep
// the connection gets it closed after the answer.
#define BOOST_TEST_MODULE write_connections_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"
#include "tests/support/raw_socket.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

std::string Request(const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body, bool keep_alive = true) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (keep_alive) r += "Connection: keep-alive\r\n";
  if (!token.empty()) r += "Authorization: Bearer " + token + "\r\n";
  if (!body.empty()) r += "Content-Type: application/json\r\n";
  return r + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

bool Has(const RawResponse& r, const std::string& line) {
  return r.head.find("\r\n" + line + "\r\n") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(one_keep_alive_connection_carries_writes_errors_and_reads) {
  TestServer s;
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  std::string token = s.ResidentToken();
  int fd = Connect(s.port());
  std::vector<int64_t> posted;
  for (const char* text : {"Fler bänkar vid vattnet.", "Och en badbrygga."}) {
    Send(fd, Request("POST", CommentsPath(id), token, json{{"body", text}}.dump()));
    auto r = ReadResponse(fd);
    BOOST_REQUIRE_MESSAGE(r.head.starts_with("HTTP/1.1 201 Created\r\n"), r.head);
    BOOST_TEST(Has(r, "Content-Type: application/json"));
    BOOST_TEST(Has(r, "Connection: Keep-Alive"));
    BOOST_TEST(json::parse(r.body)["body"] == text);
    posted.push_back(json::parse(r.body)["id"]);
  }
  // A refused write: problem+json, and the connection goes on.
  Send(fd, Request("POST", CommentsPath(id), token, R"({"body":""})"));
  auto refused = ReadResponse(fd);
  BOOST_TEST(refused.head.starts_with("HTTP/1.1 422 "));
  BOOST_TEST(Has(refused, "Content-Type: application/problem+json"));
  BOOST_TEST(json::parse(refused.body)["status"] == 422);
  // A read on the same connection sees both writes.
  Send(fd, Request("GET", CommentsPath(id), "", ""));
  auto page = ReadResponse(fd);
  BOOST_REQUIRE(page.head.starts_with("HTTP/1.1 200"));
  auto items = json::parse(page.body)["items"];
  BOOST_REQUIRE_EQUAL(items.size(), 2u);
  BOOST_TEST(items[0]["id"] == posted[0]);
  BOOST_TEST(items[1]["id"] == posted[1]);
  // An empty answer (204) carries no body and leaves the connection usable.
  Send(fd, Request("DELETE", "/api/v1/sessions/current", token, ""));
  auto out = ReadResponse(fd);
  BOOST_TEST(out.head.starts_with("HTTP/1.1 204 "));
  BOOST_TEST(out.body.empty());
  Send(fd, Request("GET", "/api/v1/me", token, ""));
  BOOST_TEST(ReadResponse(fd).head.starts_with("HTTP/1.1 401 "));
  close(fd);
}

BOOST_AUTO_TEST_CASE(a_write_without_keep_alive_is_answered_then_closed) {
  TestServer s;
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  int fd = Connect(s.port());
  Send(fd, Request("POST", CommentsPath(id), s.ResidentToken(), R"({"body":"Stäng efteråt."})", false));
  auto r = ReadResponse(fd);
  BOOST_REQUIRE(r.head.starts_with("HTTP/1.1 201 "));
  BOOST_TEST(Has(r, "Connection: Close"));
  char more;
  BOOST_TEST(read(fd, &more, 1) == 0);  // end of stream (a timeout would give -1)
  close(fd);
  BOOST_TEST(s.Get(CommentsPath(id)).json()["items"].size() == 1u);
}
