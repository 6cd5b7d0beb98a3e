// Raw TCP to the test server, for what an HTTP library hides: keep-alive
// connections, slow readers, aborted and malformed requests.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace samrad::testing {

// A loopback connection with a 3 s receive timeout; -1 when refused. A
// receive buffer size (bytes) set before connecting makes a slow reader. A
// source address in 127/8 other than 127.0.0.1 makes another client address
// (Linux routes all of 127/8 over lo).
inline int Connect(int port, int receive_buffer = 0, const char* source = nullptr) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (receive_buffer > 0) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  if (source) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
      close(fd);
      return -1;
    }
  }
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{3, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

inline void Send(int fd, const std::string& bytes) { (void)!write(fd, bytes.data(), bytes.size()); }

inline std::string ReadSome(int fd) {
  char buf[8192];
  ssize_t n = read(fd, buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

// Closes with a reset instead of a clean shutdown, as a client that gives up does.
inline void Abort(int fd) {
  linger l{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
  close(fd);
}

// One response with a Content-Length body: head (status line and headers)
// and body. Empty head when the connection ended or timed out first.
struct RawResponse {
  std::string head;
  std::string body;
};
inline RawResponse ReadResponse(int fd) {
  std::string data;
  size_t end;
  while ((end = data.find("\r\n\r\n")) == std::string::npos) {
    std::string more = ReadSome(fd);
    if (more.empty()) return {};
    data += more;
  }
  RawResponse r{data.substr(0, end + 2), data.substr(end + 4)};
  std::string lower = r.head;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t at = lower.find("content-length:");
  size_t length = at == std::string::npos ? 0 : std::stoul(lower.substr(at + 15));
  while (r.body.size() < length) {
    std::string more = ReadSome(fd);
    if (more.empty()) return {};
    r.body += more;
  }
  return r;
}

}  // namespace samrad::testing
