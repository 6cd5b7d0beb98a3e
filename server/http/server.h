// The Pistache endpoint: turns Pistache requests into ApiRequests, answers
// them with a RequestHandler, and shuts down by draining in-flight requests.
// The only file that includes Pistache.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "server/http/connection_guard.h"
#include "server/http/request_handler.h"

namespace Pistache::Http {
class Endpoint;
}

namespace samrad::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  // I/O threads (Pistache's event loops): reads are answered on them.
  int threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  // Writes (POST, PUT, PATCH, DELETE) run on this many threads instead, each
  // waiting for its group commit to reach the disk: many more than cores, so
  // that concurrent writes share one fsync and reads never wait behind them.
  int write_threads = 32;
  std::string base_url;  // public base URL; empty: http://HOST:PORT
  int stream_threads = 4;  // concurrent streamed downloads; more wait their turn
  bool secure_cookies = false;  // mark web cookies Secure even without X-Forwarded-Proto
  int registrations_per_hour = 5;  // new accounts per client address and hour
  int follows_per_hour = 5;        // follow-by-e-mail requests per client address and hour
  int session_idle_days = 7;  // a session unused this long ends
  // Networks (ADDR/BITS) that WebSub callbacks may lie in although refused
  // by default (loopback, private, link-local ...): serve --websub-allow.
  std::vector<std::string> websub_allow;
  // Memory for answers shared by signed-out readers (0: no such cache).
  size_t cache_mb = 64;
  // Memory for rendered consultation reports (HTML, JSON, PDF; a third each).
  size_t report_cache_mb = 64;
  // Limits on connections, request heads, bodies and idle time; a
  // max_connections of 0 is worked out from the descriptor limit.
  GuardOptions guard;
};

class StreamPool;

class HttpServer {
 public:
  HttpServer(std::shared_ptr<RequestHandler> api, ServeOptions options);
  ~HttpServer();

  // Binds and starts serving on background threads. kUnavailable when the
  // address cannot be bound.
  Status Start();
  uint16_t port() const;
  // Refuses new requests (503), waits for in-flight ones up to the timeout,
  // then stops the endpoint.
  void Drain(int timeout_ms);

  struct Counters {
    std::atomic<int> in_flight{0};
    std::atomic<bool> draining{false};
  };

 private:
  std::shared_ptr<RequestHandler> api_;
  ServeOptions options_;
  std::unique_ptr<Pistache::Http::Endpoint> endpoint_;
  std::shared_ptr<Counters> counters_ = std::make_shared<Counters>();
  std::shared_ptr<StreamPool> streams_;
  std::shared_ptr<StreamPool> writes_;
  std::shared_ptr<ConnectionGuard> guard_;
};

}  // namespace samrad::server
