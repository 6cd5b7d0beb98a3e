// ConnectionGuard: the per-connection state machine (head, body, drop) and
// the thread that times connections out.
#include "server/http/connection_guard.h"

#include <sys/socket.h>

#include <algorithm>

#include "core/thread_name.h"
#include "server/http/access_policy.h"
#include "server/http/problem.h"

namespace samrad::server {

using Clock = std::chrono::steady_clock;

struct ConnectionGuard::Conn {
  enum class State { kHead, kBody, kDrop };

  std::mutex mu;  // guards everything below but the atomics
  int fd = -1;
  std::string address;
  State state = State::kHead;
  bool closed = false;  // Pistache has closed the descriptor
  bool killed = false;  // shut down by the guard; Pistache will close it
  std::string head;     // the head received so far
  uint64_t body_left = 0;
  Clock::time_point opened, head_started, last_input, deadline;
  std::atomic<int> busy{0};
  std::atomic<uint64_t> started{0};
  std::atomic<int64_t> idle_since{0};  // steady-clock nanoseconds of the last answer
  std::atomic<bool> queued{false};     // see MarkQueued
};

namespace {

int64_t Nanos(Clock::time_point t) { return t.time_since_epoch().count(); }

// Ends the connection at once: Pistache sees the end of the stream and closes
// the descriptor. Only while the descriptor is still ours (conn.mu held).
void Kill(ConnectionGuard::Conn& conn) {
  if (!conn.closed && !conn.killed) ::shutdown(conn.fd, SHUT_RDWR);
  conn.killed = true;
}

const char* Reason(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 417: return "Expectation Failed";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    default: return "Service Unavailable";
  }
}

std::string Answer(int status, const std::string& detail) {
  ApiResponse p = Problem(status, detail);
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) +
                    "\r\nContent-Type: application/problem+json\r\nConnection: close\r\nContent-Length: " +
                    std::to_string(p.body.size()) + "\r\n";
  if (status == 503) out += "Retry-After: 5\r\n";
  return out + "\r\n" + p.body;
}

void SendNow(int fd, const std::string& bytes) {
  // Best effort: the socket's send buffer takes a small answer whole.
  [[maybe_unused]] ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace

ConnectionGuard::ConnectionGuard(GuardOptions options, BodyLimit body_limit)
    : options_(std::move(options)), body_limit_(std::move(body_limit)) {
  reaper_ = std::thread([this] { Reap(); });
  NameThread(reaper_.native_handle(), "reaper");
}

ConnectionGuard::~ConnectionGuard() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  reaper_.join();
}

std::shared_ptr<ConnectionGuard::Conn> ConnectionGuard::Open(int fd, const std::string& address) {
  auto conn = std::make_shared<Conn>();
  conn->fd = fd;
  conn->address = address;
  conn->opened = conn->last_input = Clock::now();
  std::lock_guard lock(mu_);
  bool exempt = std::any_of(options_.exempt_addresses.begin(), options_.exempt_addresses.end(),
                            [&](const std::string& rule) { return AddressMatches(address, rule); });
  auto& mine = per_address_[address];
  // At a cap, the longest-waiting connection without a request in flight
  // makes room (of this address at its own cap): a client that holds
  // connections open without using them cannot lock the next one out.
  bool refuse = (!exempt && mine.size() >= options_.max_per_address && !Evict(&mine)) ||
                (conns_.size() >= options_.max_connections && !Evict(nullptr));
  mine.insert(conn.get());
  conns_.emplace(conn.get(), conn);
  if (refuse) {
    std::lock_guard conn_lock(conn->mu);
    SendNow(fd, Answer(503, "too many connections; try again shortly"));
    conn->state = Conn::State::kDrop;
    Kill(*conn);
  }
  return conn;
}

// Closes the connection (of one address's set, or of all) that has waited
// longest without a request in flight (mu_ held). False when every one is
// busy. The per-address case scans only that address's connections.
bool ConnectionGuard::Evict(const std::unordered_set<Conn*>* among) {
  Conn* oldest = nullptr;
  Clock::time_point oldest_input = Clock::time_point::max();
  auto consider = [&](Conn* conn) {
    if (conn->busy > 0) return;
    std::unique_lock conn_lock(conn->mu, std::try_to_lock);
    if (!conn_lock.owns_lock() || conn->closed || conn->killed) return;
    Clock::time_point t = conn->state == Conn::State::kDrop ? Clock::time_point::min() : conn->last_input;
    if (t < oldest_input) {
      oldest_input = t;
      oldest = conn;
    }
  };
  if (among) {
    for (Conn* conn : *among) consider(conn);
  } else {
    for (auto& [ptr, conn] : conns_) consider(ptr);
  }
  if (!oldest) return false;
  std::lock_guard conn_lock(oldest->mu);
  oldest->state = Conn::State::kDrop;
  Kill(*oldest);
  return true;
}

void ConnectionGuard::Closed(Conn& conn) {
  {
    std::lock_guard conn_lock(conn.mu);
    conn.closed = true;
  }
  std::lock_guard lock(mu_);
  auto it = per_address_.find(conn.address);
  if (it != per_address_.end()) {
    it->second.erase(&conn);
    if (it->second.empty()) per_address_.erase(it);
  }
  conns_.erase(&conn);
}

void ConnectionGuard::RequestStarted(Conn& conn) {
  ++conn.busy;
  ++conn.started;
}

void ConnectionGuard::RequestDone(Conn& conn) {
  conn.idle_since = Nanos(Clock::now());
  --conn.busy;
}

void ConnectionGuard::MarkQueued(Conn& conn) { conn.queued.store(true, std::memory_order_relaxed); }

bool ConnectionGuard::Queued(const Conn& conn) { return conn.queued.load(std::memory_order_relaxed); }

size_t ConnectionGuard::open_connections() const {
  std::lock_guard lock(mu_);
  return conns_.size();
}

// Answers with a problem and half-closes; what the client still sends is
// read and dropped for a moment (so that the answer is not lost to a reset),
// then the connection ends. conn.mu held.
void ConnectionGuard::Refuse(Conn& conn, int status, const std::string& detail) {
  if (!conn.closed) {
    SendNow(conn.fd, Answer(status, detail));
    ::shutdown(conn.fd, SHUT_WR);
  }
  conn.state = Conn::State::kDrop;
  conn.head.clear();
  conn.head.shrink_to_fit();
  conn.deadline = Clock::now() + std::chrono::seconds(2);
}

void ConnectionGuard::Feed(Conn& conn, const char* data, size_t len, const Pass& pass) {
  std::lock_guard conn_lock(conn.mu);
  auto now = Clock::now();
  conn.last_input = now;
  if (conn.state == Conn::State::kDrop) return;
  if (conn.state == Conn::State::kBody) {
    size_t take = static_cast<size_t>(std::min<uint64_t>(conn.body_left, len));
    uint64_t before = conn.started;
    bool more = pass(data, take);
    conn.body_left -= take;
    // Pistache answers what it refuses itself and starts afresh; the rest
    // of this connection would no longer line up with it, so it ends.
    if (conn.body_left > 0 ? !more : conn.started == before) {
      conn.state = Conn::State::kDrop;
      conn.deadline = now + std::chrono::seconds(1);
    } else if (conn.body_left == 0) {
      conn.state = Conn::State::kHead;  // bytes beyond the body: Pistache drops them too
    }
    return;
  }
  size_t old = conn.head.size();
  if (old == 0) conn.head_started = now;
  size_t room = options_.head.max_bytes + 4 - old;
  conn.head.append(data, std::min(len, room));
  size_t end = conn.head.find("\r\n\r\n", old >= 3 ? old - 3 : 0);
  if (end == std::string::npos) {
    if (conn.head.size() > options_.head.max_bytes) {
      Refuse(conn, 431, "the request line and headers are larger than " +
                            std::to_string(options_.head.max_bytes) + " bytes");
    }
    return;
  }
  size_t head_len = end + 4;
  HeadCheck check = CheckHead(std::string_view(conn.head).substr(0, head_len), options_.head);
  // A head without a body (every read) has no limit to look up.
  if (check.status == 0 && check.head.content_length > 0) {
    uint64_t limit = body_limit_(check.head);
    if (check.head.content_length > limit) {
      check.status = 413;
      check.detail = "the body is larger than " + std::to_string(limit) + " bytes";
    }
  }
  if (check.status != 0) {
    Refuse(conn, check.status, check.detail);
    return;
  }
  if (check.head.expect_continue && check.head.content_length > 0) {
    SendNow(conn.fd, "HTTP/1.1 100 Continue\r\n\r\n");
  }
  size_t from_chunk = head_len - old;  // this chunk's bytes that belong to the head
  size_t body_now = static_cast<size_t>(std::min<uint64_t>(check.head.content_length, len - from_chunk));
  std::string first = conn.head.substr(0, head_len);
  first.append(data + from_chunk, body_now);
  conn.head.clear();
  if (conn.head.capacity() > 4096) conn.head.shrink_to_fit();
  conn.body_left = check.head.content_length - body_now;
  uint64_t before = conn.started;
  bool more = pass(first.data(), first.size());
  if (conn.body_left > 0 ? !more : conn.started == before) {
    conn.state = Conn::State::kDrop;
    conn.deadline = now + std::chrono::seconds(1);
    return;
  }
  if (conn.body_left > 0) {
    conn.state = Conn::State::kBody;
    auto allowed = options_.header_timeout +
                   std::chrono::milliseconds(conn.body_left * 1000 / std::max<uint64_t>(1, options_.body_min_rate));
    conn.deadline = now + std::chrono::duration_cast<Clock::duration>(allowed);
  }
}

// Times out one connection (conn.mu held by the caller).
void ConnectionGuard::Check(Conn& conn, Clock::time_point now) {
  if (conn.closed) return;
  if (conn.state == Conn::State::kDrop) {
    if (now >= conn.deadline) Kill(conn);
    return;
  }
  if (conn.busy > 0) return;
  if (conn.state == Conn::State::kBody) {
    if (now >= conn.deadline || now - conn.last_input > options_.header_timeout) {
      Refuse(conn, 408, "the request body did not arrive in time");
    }
  } else if (!conn.head.empty()) {
    if (now - conn.head_started > options_.header_timeout) {
      Refuse(conn, 408, "the request headers did not arrive in time");
    }
  } else {
    int64_t idle = conn.idle_since;
    Clock::time_point since = std::max(conn.opened, Clock::time_point(Clock::duration(idle)));
    auto allowed = idle > 0 ? options_.keepalive_timeout : options_.header_timeout;
    if (now - since > allowed) {
      conn.state = Conn::State::kDrop;
      Kill(conn);
    }
  }
}

void ConnectionGuard::Reap() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    stop_cv_.wait_for(lock, std::chrono::milliseconds(250));
    if (stopping_) break;
    std::vector<std::shared_ptr<Conn>> all;
    all.reserve(conns_.size());
    for (auto& [ptr, conn] : conns_) all.push_back(conn);
    lock.unlock();
    auto now = Clock::now();
    for (auto& conn : all) {
      // A connection whose lock is taken is being read or answered right now.
      std::unique_lock conn_lock(conn->mu, std::try_to_lock);
      if (conn_lock.owns_lock()) Check(*conn, now);
    }
    all.clear();
    lock.lock();
  }
}

}  // namespace samrad::server
