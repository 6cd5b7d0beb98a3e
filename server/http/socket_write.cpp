// Direct socket writes: WriteAll and SendWithoutWaiting.
#include "server/http/socket_write.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

namespace samrad::server {

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, 60000) <= 0 || (p.revents & (POLLERR | POLLHUP))) return false;
    } else {
      return false;
    }
  }
  return true;
}

std::string SendWithoutWaiting(int fd, std::string_view head, std::string_view body) {
  iovec parts[2] = {{const_cast<char*>(head.data()), head.size()},
                    {const_cast<char*>(body.data()), body.size()}};
  msghdr msg{};
  msg.msg_iov = parts;
  msg.msg_iovlen = 2;
  ssize_t sent;
  do {
    sent = ::sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
  } while (sent < 0 && errno == EINTR);
  if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return {};  // the client has gone
  size_t done = sent < 0 ? 0 : static_cast<size_t>(sent);
  std::string rest;
  if (done < head.size()) {
    rest.reserve(head.size() + body.size() - done);
    rest.append(head.substr(done)).append(body);
  } else {
    rest.assign(body.substr(done - head.size()));
  }
  return rest;
}

}  // namespace samrad::server
