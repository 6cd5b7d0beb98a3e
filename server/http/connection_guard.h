// Guards the server's connections before Pistache parses anything: caps on
// the request head and body, header and idle timeouts, and connection limits
// per client address and in all, so that no client can starve the others.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/http/request_head.h"

namespace samrad::server {

struct GuardOptions {
  HeadLimits head;
  // A request head must arrive whole within this time (from its first byte,
  // or from the connection's start); a body may pause no longer than this.
  std::chrono::milliseconds header_timeout{10000};
  // An idle keep-alive connection is closed after this time.
  std::chrono::milliseconds keepalive_timeout{30000};
  // A body must arrive at least this fast on average (bytes per second),
  // after a first header_timeout of grace.
  uint64_t body_min_rate = 16 * 1024;
  size_t max_per_address = 64;
  size_t max_connections = 0;  // 0: as many as the descriptor limit allows
  // Trusted proxies (addresses or ADDR/BITS): no per-address cap.
  std::vector<std::string> exempt_addresses;
};

class ConnectionGuard {
 public:
  // The largest body the server will take for a request with this head.
  using BodyLimit = std::function<uint64_t(const RequestHead&)>;
  // Hands bytes to the HTTP parser; true while the parser waits for more of
  // the body.
  using Pass = std::function<bool(const char*, size_t)>;

  struct Conn;

  ConnectionGuard(GuardOptions options, BodyLimit body_limit);
  ~ConnectionGuard();  // stops the timeout thread

  // A new connection; refuses it (503, closed) beyond the limits, after
  // closing the longest-idle connection when the total is at its cap.
  std::shared_ptr<Conn> Open(int fd, const std::string& address);
  // Bytes read from the connection: checked, then passed on whole requests'
  // terms, or refused with a problem answer and the connection closed.
  void Feed(Conn& conn, const char* data, size_t len, const Pass& pass);
  // The connection has gone: its descriptor is no longer ours to touch.
  void Closed(Conn& conn);
  // A request was handed to the application / its answer has been written;
  // connections with a request in flight are never timed out.
  static void RequestStarted(Conn& conn);
  static void RequestDone(Conn& conn);
  // Part of an answer waits in the event loop's write queue: every later
  // answer on the connection must queue behind it, never overtake it.
  static void MarkQueued(Conn& conn);
  static bool Queued(const Conn& conn);

  size_t open_connections() const;

 private:
  void Reap();
  void Check(Conn& conn, std::chrono::steady_clock::time_point now);
  void Refuse(Conn& conn, int status, const std::string& detail);
  bool Evict(const std::unordered_set<Conn*>* among);

  GuardOptions options_;
  BodyLimit body_limit_;
  mutable std::mutex mu_;
  std::unordered_map<Conn*, std::shared_ptr<Conn>> conns_;
  std::unordered_map<std::string, std::unordered_set<Conn*>> per_address_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread reaper_;
};

}  // namespace samrad::server
