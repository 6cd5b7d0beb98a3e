// Large thread pages over the wire: whole bodies on keep-alive connections
// (also to a reader that takes them slowly), gzip for clients that accept it
// with its own ETag, and a fresh page after every new comment.
#define BOOST_TEST_MODULE thread_pages_e2e
#include <boost/test/unit_test.hpp>
#include <thread>

#include "tests/support/comment_fixtures.h"
#include "tests/support/gunzip.h"
#include "tests/support/raw_socket.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

// A consultation whose thread holds `count` long top-level comments, each
// with `replies` long replies; returns its id. The server under test is
// started without a posting rate limit (see Unlimited).
int64_t LongThread(TestServer& s, int count, int replies = 0) {
  int64_t id = PublishConsultation(s, s.UserToken("official"), "2026-01-01", "2099-01-01");
  std::string token = s.ResidentToken();
  int n = 0;
  auto post = [&](json extra) {
    std::string body = "Kommentar " + std::to_string(n++) + ": ";
    while (body.size() < 4900) body += "fler cykelbanor, bättre belysning och tryggare övergångsställen. ";
    extra["body"] = body;
    auto r = s.Post(CommentsPath(id), extra, token);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json()["id"].get<int64_t>();
  };
  for (int i = 0; i < count; ++i) {
    int64_t parent = post(json::object());
    for (int j = 0; j < replies; ++j) post({{"parent_id", parent}});
  }
  return id;
}

// The environment every server in this module starts with.
struct Unlimited {
  Unlimited() { setenv("SAMRAD_COMMENTS_PER_MINUTE", "1000000", 1); }
};
BOOST_TEST_GLOBAL_FIXTURE(Unlimited);

std::string GetLine(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n" + extra + "\r\n";
}

// One GET on its own keep-alive connection: the bytes as sent (an HTTP
// library would undo the gzip).
RawResponse RawGet(const TestServer& s, const std::string& path, const std::string& extra = "") {
  int fd = Connect(s.port());
  Send(fd, GetLine(path, extra));
  auto r = ReadResponse(fd);
  close(fd);
  return r;
}

// The connection still answers a small request (through Pistache's own
// writer) after a large body written beside it.
void ExpectServedAgainThenClose(int fd) {
  Send(fd, GetLine("/healthz"));
  BOOST_TEST(ReadResponse(fd).head.starts_with("HTTP/1.1 200"));
  close(fd);
}

bool HasHeader(const RawResponse& r, const std::string& line) {
  return r.head.find("\r\n" + line + "\r\n") != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(large_pages_arrive_whole_on_keep_alive_connections) {
  TestServer s;
  int64_t id = LongThread(s, 30);
  std::string path = CommentsPath(id) + "?limit=200";
  auto reference = s.Get(path);  // through an HTTP library, connection closed after
  BOOST_REQUIRE_EQUAL(reference.status, 200);
  BOOST_REQUIRE_GT(reference.body.size(), 100000u);
  BOOST_REQUIRE_EQUAL(reference.json()["items"].size(), 30u);

  int fd = Connect(s.port());
  for (int round = 0; round < 3; ++round) {
    Send(fd, GetLine(path));
    auto r = ReadResponse(fd);
    BOOST_REQUIRE_MESSAGE(r.head.starts_with("HTTP/1.1 200"), "round " << round << ": " << r.head);
    BOOST_TEST(r.head.find("Connection: Keep-Alive") != std::string::npos);
    BOOST_TEST(r.head.find("ETag: " + reference.header("etag")) != std::string::npos);
    BOOST_TEST(r.body == reference.body);
  }
  ExpectServedAgainThenClose(fd);
}

BOOST_AUTO_TEST_CASE(a_slow_reader_gets_the_whole_page_and_others_are_served_meanwhile) {
  TestServer s;
  int64_t id = LongThread(s, 200, 3);
  std::string path = CommentsPath(id) + "?limit=200";
  auto reference = s.Get(path);
  // Larger than loopback's send buffer grows to, so the socket takes it in parts.
  BOOST_REQUIRE_GT(reference.body.size(), 4000000u);

  int slow = Connect(s.port(), 4096);
  Send(slow, GetLine(path));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // reads nothing yet
  for (int i = 0; i < 20; ++i) BOOST_REQUIRE_EQUAL(s.Get(path).status, 200);
  auto r = ReadResponse(slow);
  BOOST_REQUIRE(r.head.starts_with("HTTP/1.1 200"));
  BOOST_TEST(r.body == reference.body);
  ExpectServedAgainThenClose(slow);
}

BOOST_AUTO_TEST_CASE(gzip_is_served_to_clients_that_accept_it_with_its_own_etag) {
  TestServer s;
  int64_t id = LongThread(s, 12);
  std::string path = CommentsPath(id);
  auto plain = s.Get(path);
  BOOST_REQUIRE_EQUAL(plain.status, 200);
  BOOST_TEST(plain.header("content-encoding").empty());
  BOOST_TEST(plain.header("vary") == "Accept-Encoding");

  auto packed = RawGet(s, path, "Accept-Encoding: br;q=1.0, gzip;q=0.8\r\n");
  BOOST_REQUIRE(packed.head.starts_with("HTTP/1.1 200"));
  BOOST_TEST(HasHeader(packed, "Content-Encoding: gzip"));
  BOOST_TEST(HasHeader(packed, "Vary: Accept-Encoding"));
  BOOST_TEST(packed.body.size() * 3 < plain.body.size());
  BOOST_TEST(Gunzip(packed.body) == plain.body);
  std::string gzip_etag = plain.header("etag");
  gzip_etag.insert(gzip_etag.size() - 1, "-gzip");
  BOOST_TEST(HasHeader(packed, "ETag: " + gzip_etag));

  // Each ETag revalidates its own form only.
  BOOST_TEST(s.Get(path, "", {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip_etag}}).status == 304);
  BOOST_TEST(s.Get(path, "", {{"If-None-Match", plain.header("etag")}}).status == 304);
  BOOST_TEST(s.Get(path, "", {{"Accept-Encoding", "gzip"}, {"If-None-Match", plain.header("etag")}}).status == 200);

  // Refusals: q=0, or only other codings.
  for (std::string refuse : {"gzip;q=0", "identity", "br, *;q=0"}) {
    auto r = RawGet(s, path, "Accept-Encoding: " + refuse + "\r\n");
    BOOST_TEST(!HasHeader(r, "Content-Encoding: gzip"), refuse);
    BOOST_TEST(r.body == plain.body, refuse);
  }
  BOOST_TEST(HasHeader(RawGet(s, path, "Accept-Encoding: *\r\n"), "Content-Encoding: gzip"));

  // A new comment is in the next compressed page, under a new ETag.
  auto added = s.Post(CommentsPath(id), {{"body", "Ett sent tillägg om belysningen."}}, s.ResidentToken());
  BOOST_REQUIRE_EQUAL(added.status, 201);
  auto newest = RawGet(s, path + "?sort=newest", "Accept-Encoding: gzip\r\n");
  BOOST_TEST(json::parse(Gunzip(newest.body))["items"][0]["id"] == added.json()["id"]);
  BOOST_TEST(!HasHeader(RawGet(s, path, "Accept-Encoding: gzip\r\n"), "ETag: " + gzip_etag));
}
