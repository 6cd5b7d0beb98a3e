// Maildir delivery (see maildir_transport.h).
#include "server/mail/maildir_transport.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace samrad::server::mail {

namespace {

// Maildir files keep the local line end.
std::string WithLf(const std::string& message) {
  std::string out;
  out.reserve(message.size());
  for (size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\r' && i + 1 < message.size() && message[i + 1] == '\n') continue;
    out += message[i];
  }
  return out;
}

SendResult Failure(const std::string& what) { return {false, false, what + ": " + std::strerror(errno)}; }

}  // namespace

MaildirTransport::MaildirTransport(std::string dir) : dir_(std::move(dir)) {
  for (const char* sub : {"", "/tmp", "/new", "/cur"}) ::mkdir((dir_ + sub).c_str(), 0700);
  char host[256] = {0};
  ::gethostname(host, sizeof host - 1);
  for (char* p = host; *p; ++p) {
    if (*p == '/' || *p == ':') *p = '_';  // the separators of a Maildir name
  }
  host_ = host[0] ? host : "localhost";
}

// time.M<microseconds>P<pid>Q<counter>.host, unique per process and call.
std::string MaildirTransport::UniqueName() {
  timeval tv{};
  ::gettimeofday(&tv, nullptr);
  return std::to_string(tv.tv_sec) + ".M" + std::to_string(tv.tv_usec) + "P" + std::to_string(::getpid()) +
         "Q" + std::to_string(++counter_) + "." + host_;
}

SendResult MaildirTransport::Send(const std::string&, const std::string&, const std::string& message) {
  std::string name = UniqueName();
  std::string tmp = dir_ + "/tmp/" + name, dest = dir_ + "/new/" + name;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Failure("cannot create " + tmp);
  std::string text = WithLf(message);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      SendResult r = Failure("cannot write " + tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return r;
    }
    done += static_cast<size_t>(n);
  }
  bool synced = ::fsync(fd) == 0;
  if (::close(fd) != 0 || !synced) {
    SendResult r = Failure("cannot sync " + tmp);
    ::unlink(tmp.c_str());
    return r;
  }
  if (::rename(tmp.c_str(), dest.c_str()) != 0) {
    SendResult r = Failure("cannot move into " + dest);
    ::unlink(tmp.c_str());
    return r;
  }
  return {true, false, ""};
}

}  // namespace samrad::server::mail
