// The request line and headers of one HTTP/1.1 request, checked before
// Pistache parses them: size, header count, framing of the body.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace samrad::server {

struct RequestHead {
  std::string method;
  std::string target;                          // as sent: path and query, still encoded
  std::map<std::string, std::string> headers;  // names lower-cased; a repeated name keeps the first
  uint64_t content_length = 0;
  bool expect_continue = false;  // Expect: 100-continue
};

struct HeadLimits {
  size_t max_bytes = 32 * 1024;  // request line and headers together
  size_t max_headers = 100;
};

struct HeadCheck {
  int status = 0;      // 0: acceptable; else the status to refuse it with
  std::string detail;  // why, for the problem body
  RequestHead head;
};

// Parses a complete head (up to and including the blank line). Refuses what
// the server will not take: 400 for a malformed request line, header or
// Content-Length (conflicting values included), 411 for a body framed other
// than by Content-Length (chunked), 415 for a Content-Type that is no media
// type, 501 for an unknown method, 431 beyond the limits. Pure; thread-safe.
HeadCheck CheckHead(std::string_view text, const HeadLimits& limits);

// c lower-cased if it is an ASCII capital, else c: header names and tokens
// are ASCII, so no locale is looked up per character. Pure; thread-safe.
char LowerAsciiChar(char c);

}  // namespace samrad::server
