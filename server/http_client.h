// A small blocking HTTP client over libcurl for the commands, the witness
// client and the WebSub hub: GET and POST with a timeout. Thread-safe (one
// easy handle per call).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace samrad::server {

struct HttpReply {
  int status = 0;            // 0: no answer (error says why)
  std::string body;
  std::string content_type;
  std::string error;
};

HttpReply HttpGet(const std::string& url, long timeout_seconds = 30);
HttpReply HttpPost(const std::string& url, const std::string& body, const std::string& content_type,
                   long timeout_seconds = 30);

// A request to someone else's server (a WebSub callback): headers of its
// own, no proxy from the environment, redirects never followed.
struct HttpCall {
  std::string method = "GET";        // GET or POST
  std::string url;
  std::string body;                  // POST only
  std::vector<std::string> headers;  // "Name: value"
  long timeout_seconds = 10;
  long connect_timeout_seconds = 5;
  // When set, a connection is opened only to an address (numeric IPv4 or
  // IPv6) it accepts. Checked as each socket is opened, so a DNS answer that
  // changes after an earlier check cannot lead anywhere else.
  std::function<bool(const std::string& address)> allow_address;
};
HttpReply HttpSend(const HttpCall& call);

}  // namespace samrad::server
