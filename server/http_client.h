// A small blocking HTTP client over libcurl for the commands and the
// witness client: GET and POST with a timeout. Thread-safe (one easy handle
// per call).
#pragma once

#include <string>

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

}  // namespace samrad::server
