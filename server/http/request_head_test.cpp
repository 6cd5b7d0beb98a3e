// CheckHead: what a request head must look like before Pistache parses it.
#define BOOST_TEST_MODULE request_head
#include "server/http/request_head.h"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace samrad::server;

namespace {
HeadCheck Check(const std::string& text, HeadLimits limits = {}) { return CheckHead(text, limits); }
}  // namespace

BOOST_AUTO_TEST_CASE(accepts_a_plain_request_and_reads_its_framing) {
  auto c = Check("POST /api/v1/x?a=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\nExpect: 100-continue\r\n\r\n");
  BOOST_TEST(c.status == 0);
  BOOST_TEST(c.head.method == "POST");
  BOOST_TEST(c.head.target == "/api/v1/x?a=1");
  BOOST_TEST(c.head.content_length == 12u);
  BOOST_TEST(c.head.expect_continue);
  BOOST_TEST(c.head.headers.at("host") == "h");
}

BOOST_AUTO_TEST_CASE(refuses_heads_beyond_the_limits_with_431) {
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 101; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  BOOST_TEST(Check(many + "\r\n").status == 431);
  std::string big = "GET / HTTP/1.1\r\nX: " + std::string(40000, 'a') + "\r\n\r\n";
  BOOST_TEST(Check(big).status == 431);
}

BOOST_AUTO_TEST_CASE(refuses_chunked_and_conflicting_lengths) {
  BOOST_TEST(Check("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").status == 411);
  BOOST_TEST(Check("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n").status == 400);
  BOOST_TEST(Check("POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n").status == 400);
  BOOST_TEST(Check("POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n").status == 0);
}

BOOST_AUTO_TEST_CASE(refuses_malformed_request_lines_and_fields) {
  BOOST_TEST(Check("GET  / HTTP/1.1\r\n\r\n").status == 400);
  BOOST_TEST(Check("GET http://evil/ HTTP/1.1\r\n\r\n").status == 400);
  BOOST_TEST(Check("GET / HTTP/2.0\r\n\r\n").status == 400);
  BOOST_TEST(Check("GET /\x01 HTTP/1.1\r\n\r\n").status == 400);
  BOOST_TEST(Check("GET / HTTP/1.1\r\nno colon\r\n\r\n").status == 400);
  BOOST_TEST(Check("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n").status == 400);
}

BOOST_AUTO_TEST_CASE(refuses_unknown_methods_and_content_types_that_are_no_media_type) {
  BOOST_TEST(Check("BREW /pot HTTP/1.1\r\n\r\n").status == 501);
  BOOST_TEST(Check("PROPFIND / HTTP/1.1\r\n\r\n").status == 501);
  BOOST_TEST(Check("POST / HTTP/1.1\r\nContent-Type: json\r\n\r\n").status == 415);
  BOOST_TEST(Check("POST / HTTP/1.1\r\nContent-Type: application/json; charset=utf-8\r\n\r\n").status == 0);
}
