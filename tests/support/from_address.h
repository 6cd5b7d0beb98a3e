// HTTP requests to the test server from a chosen loopback source address
// (127.0.0.2, 127.0.0.3 ...): Linux routes all of 127/8 over lo, so binding
// the client socket makes the server see another client address.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>
#include <stdexcept>
#include <string>

#include "tests/support/raw_socket.h"
#include "tests/support/test_server.h"

namespace samrad::testing {

// One request on its own connection from source; the response's status,
// headers (names lower-cased) and body.
inline HttpResult RequestFrom(const std::string& source, int port, const std::string& method,
                              const std::string& path, const std::string& body = "",
                              std::map<std::string, std::string> headers = {}) {
  int fd = Connect(port, 0, source.c_str());
  if (fd < 0) throw std::runtime_error("cannot connect from " + source);
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (!headers.contains("Content-Type")) headers["Content-Type"] = "application/json";
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                        "Content-Length: " + std::to_string(body.size()) + "\r\n";
  for (const auto& [k, v] : headers) request += k + ": " + v + "\r\n";
  Send(fd, request + "\r\n" + body);
  RawResponse raw = ReadResponse(fd);
  close(fd);
  if (raw.head.empty()) throw std::runtime_error(method + " " + path + " from " + source + ": no answer");
  HttpResult r;
  r.status = std::stoi(raw.head.substr(raw.head.find(' ') + 1, 3));
  r.body = raw.body;
  size_t at = raw.head.find("\r\n") + 2;
  while (at < raw.head.size()) {
    size_t end = raw.head.find("\r\n", at);
    std::string line = raw.head.substr(at, end - at);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t value = line.find_first_not_of(' ', colon + 1);
      r.headers.emplace(name, value == std::string::npos ? "" : line.substr(value));
    }
    at = end + 2;
  }
  return r;
}

}  // namespace samrad::testing
