// Pistache glue. Known edges of Pistache 0.0.5 handled here: SIGPIPE is
// ignored (main), no Rest::Router (our own router has no lazy state, so no
// race), maxRequestSize set above the body limit (413 as problem+json from
// the RequestHandler), no timeoutAfter()/serveFile(), and shutdown drains first.
// Streamed bodies are written by a StreamPool thread straight to a duplicate
// of the socket, each chunk only once the client has taken the one before,
// so memory stays flat. Not through ResponseStream: written from the handler
// it queues the whole body in memory, and fed from another thread 0.0.5's
// transport aborts ("could not find write data") under load. For the same
// reason writes, handled on write threads so that they can wait for their
// commit without stalling an event loop, answer on a duplicate of the socket
// too, never through the ResponseWriter from another thread.
// Every byte a client sends passes a ConnectionGuard before Pistache's parser
// sees it (its header parsing is super-linear, it has no header or idle
// timeout and buffers any body up to maxRequestSize). Http::Handler's
// onConnection and onInput are private in 0.0.5, so this file is compiled
// with -fno-access-control to call them from the overrides below.
#include "server/http/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <fcntl.h>
#include <pistache/peer.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "server/http/connection_guard.h"
#include "server/http/socket_write.h"
#include "server/http/stream_pool.h"
#include "core/url_codec.h"

namespace samrad::server {

using namespace Pistache;

namespace {

std::string MethodName(Http::Method m) {
  switch (m) {
    case Http::Method::Get: return "GET";
    case Http::Method::Post: return "POST";
    case Http::Method::Put: return "PUT";
    case Http::Method::Patch: return "PATCH";
    case Http::Method::Delete: return "DELETE";
    case Http::Method::Head: return "HEAD";
    case Http::Method::Options: return "OPTIONS";
    case Http::Method::Trace: return "TRACE";
    case Http::Method::Connect: return "CONNECT";
    default: return "OTHER";
  }
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = LowerAsciiChar(c);
  return out;
}

// The status line and headers of a response written beside Pistache; a
// repeated header (Set-Cookie, Vary) is written once per value.
std::string Head(int status, const ApiResponse& resp, std::string_view framing) {
  std::string head;
  head.reserve(256 + framing.size());
  head.append("HTTP/1.1 ").append(std::to_string(status)).append(1, ' ');
  head.append(Http::codeString(static_cast<Http::Code>(status))).append("\r\n");
  if (status != 204 && status != 304) head.append("Content-Type: ").append(resp.content_type).append("\r\n");
  for (const auto& [name, value] : resp.headers) head.append(name).append(": ").append(value).append("\r\n");
  return head.append(framing).append("\r\n");
}

// Pistache 0.0.5 keeps a connection only when the client asks for it, and so
// do the answers written beside it.
bool KeepAlive(const ApiRequest& req) {
  constexpr std::string_view kKeepAlive = "keep-alive";
  auto it = req.headers.find("connection");
  return it != req.headers.end() && it->second.size() == kKeepAlive.size() &&
         std::equal(it->second.begin(), it->second.end(), kKeepAlive.begin(),
                    [](char a, char b) { return LowerAsciiChar(a) == b; });
}

bool IsWrite(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

class PistacheHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)
  PistacheHandler(std::shared_ptr<RequestHandler> api, std::shared_ptr<HttpServer::Counters> counters,
                  std::shared_ptr<StreamPool> streams, std::shared_ptr<StreamPool> writes,
                  std::shared_ptr<ConnectionGuard> guard)
      : api_(std::move(api)),
        counters_(std::move(counters)),
        streams_(std::move(streams)),
        writes_(std::move(writes)),
        guard_(std::move(guard)) {}

  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    Http::Handler::onConnection(peer);
    peer->putData(kConnKey, guard_->Open(peer->fd(), peer->address().host()));
  }

  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto conn = ConnOf(peer);
    if (!conn) return;
    guard_->Feed(*conn, buffer, len, [&](const char* bytes, size_t n) {
      Http::Handler::onInput(bytes, n, peer);
      return getParser(peer)->step()->id() == Http::Private::BodyStep::Id;
    });
  }

  void onDisconnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    if (auto conn = ConnOf(peer)) guard_->Closed(*conn);
  }

  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    ++counters_->in_flight;
    auto conn = ConnOf(writer.peer());
    if (conn) ConnectionGuard::RequestStarted(*conn);
    ApiResponse resp;
    ApiRequest req;
    if (counters_->draining) {
      resp.status = 503;
      resp.content_type = "application/problem+json";
      resp.body = R"({"type":"about:blank","title":"Service Unavailable","status":503,"detail":"the server is shutting down"})";
      resp.Header("Connection", "close");
    } else {
      req.method = MethodName(request.method());
      req.raw_path = request.resource();
      req.path = PercentDecode(req.raw_path, false);
      for (auto it = request.query().parameters_begin(); it != request.query().parameters_end(); ++it) {
        req.query.emplace(PercentDecode(it->first, true), PercentDecode(it->second, true));
      }
      for (const auto& [name, raw] : request.headers().rawList()) {
        req.headers.insert_or_assign(Lower(name), raw.value());
      }
      // Pistache moves the Cookie header into its cookie jar.
      if (!req.headers.count("cookie")) {
        std::string cookies;
        for (const auto& c : request.cookies()) {
          cookies += (cookies.empty() ? "" : "; ") + c.name + "=" + c.value;
        }
        if (!cookies.empty()) req.headers["cookie"] = cookies;
      }
      req.body = request.body();
      req.address = request.address().host();
      if (IsWrite(req.method)) {
        Write(writer, std::move(req), conn);
        return;  // in_flight drops when the write has been answered
      }
      resp = api_->Handle(req);
    }
    Answer(writer, req, resp, conn);
  }

 private:
  static constexpr const char* kConnKey = "samrad.connection";

  static std::shared_ptr<ConnectionGuard::Conn> ConnOf(const std::shared_ptr<Tcp::Peer>& peer) {
    return peer ? std::static_pointer_cast<ConnectionGuard::Conn>(peer->tryGetData(kConnKey)) : nullptr;
  }

  // The end of one request: the server's count, and the connection's.
  static void Done(HttpServer::Counters& counters, const std::shared_ptr<ConnectionGuard::Conn>& conn) {
    if (conn) ConnectionGuard::RequestDone(*conn);
    --counters.in_flight;
  }

  void Answer(Http::ResponseWriter& writer, const ApiRequest& req, const ApiResponse& resp,
              const std::shared_ptr<ConnectionGuard::Conn>& conn) {
    if (resp.stream && req.method != "HEAD" && resp.status == 200) {
      Stream(writer, req, resp, conn);
      return;  // in_flight drops when the stream ends
    }
    SendWhole(writer, req, resp, conn.get());
    Done(*counters_, conn);
  }

  // A write handled on a write thread, which waits there for its commit and
  // then answers on a duplicate of the socket, so the event loop goes on
  // reading. Write answers are small, so the wait for the socket is short.
  void Write(Http::ResponseWriter& writer, ApiRequest req, std::shared_ptr<ConnectionGuard::Conn> conn) {
    int fd = ::fcntl(writer.peer()->fd(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
      writer.send(Http::Code::Service_Unavailable);
      Done(*counters_, conn);
      return;
    }
    writes_->Run([fd, req = std::move(req), api = api_, counters = counters_, conn]() mutable {
      ApiResponse resp = api->Handle(req);
      bool keep = KeepAlive(req);
      bool bodyless = resp.status == 204 || resp.status == 304;
      std::string framing = keep ? "Connection: Keep-Alive\r\n" : "Connection: Close\r\n";
      if (!bodyless) framing += "Content-Length: " + std::to_string(resp.Body().size()) + "\r\n";
      std::string bytes = Head(resp.status, resp, framing);
      if (!bodyless) bytes.append(resp.Body());
      // A client that asked to close, or one that stopped reading, is ended;
      // a keep-alive connection stays with Pistache for the next request.
      if (!WriteAll(fd, bytes) || !keep) ::shutdown(fd, SHUT_RDWR);
      ::close(fd);
      Done(*counters, conn);
    });
  }

  // A whole answer written to the socket with one sendmsg, beside
  // Pistache's response writer, which formats headers through streams and
  // copies the body into a buffer that grows by doubling. What the socket
  // does not take now goes to Pistache's write queue for this connection,
  // and from then on every answer on it queues behind, so that no bytes
  // overtake others. A HEAD says the length the GET's body has (none for a
  // streamed one), a 204 or 304 says none (RFC 9110 8.6).
  static void SendWhole(Http::ResponseWriter& writer, const ApiRequest& req, const ApiResponse& resp,
                        ConnectionGuard::Conn* conn) {
    bool keep = KeepAlive(req);
    bool bodyless = resp.status == 204 || resp.status == 304;
    bool head_only = req.method == "HEAD" || bodyless;
    // The framing lines in a buffer on the stack: no allocation for them.
    char framing[96];
    std::string_view connection = keep ? "Connection: Keep-Alive\r\n" : "Connection: Close\r\n";
    char* end = std::copy(connection.begin(), connection.end(), framing);
    if (!bodyless && !(req.method == "HEAD" && resp.stream)) {
      constexpr std::string_view kLength = "Content-Length: ";
      end = std::copy(kLength.begin(), kLength.end(), end);
      end = std::to_chars(end, framing + sizeof framing - 2, resp.Body().size()).ptr;
      *end++ = '\r';
      *end++ = '\n';
    }
    std::string head = Head(resp.status, resp, std::string_view(framing, static_cast<size_t>(end - framing)));
    std::string_view body = head_only ? std::string_view() : std::string_view(resp.Body());
    auto peer = writer.peer();
    std::string rest;
    if (conn && ConnectionGuard::Queued(*conn)) {
      rest.reserve(head.size() + body.size());
      rest.append(head).append(body);
    } else {
      rest = SendWithoutWaiting(peer->fd(), head, body);
    }
    if (!rest.empty()) {
      if (conn) ConnectionGuard::MarkQueued(*conn);
      size_t size = rest.size();
      peer->send(RawBuffer(std::move(rest), size));
    } else if (!keep) {
      // As Pistache does after an answer to a client that did not ask to
      // keep the connection.
      ::shutdown(peer->fd(), SHUT_RDWR);
    }
  }

  // A chunked response written on a duplicate of the connection's socket by
  // a StreamPool thread, chunk after chunk as the client reads them.
  void Stream(Http::ResponseWriter& writer, const ApiRequest& req, const ApiResponse& resp,
              const std::shared_ptr<ConnectionGuard::Conn>& conn) {
    int fd = ::fcntl(writer.peer()->fd(), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
      writer.send(Http::Code::Service_Unavailable);
      Done(*counters_, conn);
      return;
    }
    bool close = req.Header("connection") == "close";
    std::string head = Head(200, resp, close ? "Transfer-Encoding: chunked\r\nConnection: close\r\n"
                                                       : "Transfer-Encoding: chunked\r\n");
    streams_->Run([fd, close, head = std::move(head), produce = resp.stream, counters = counters_, conn] {
      bool open = WriteAll(fd, head);
      try {
        std::string framed;
        produce([&](std::string_view chunk) {
          char size[24];
          int n = std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
          framed.assign(size, static_cast<size_t>(n)).append(chunk).append("\r\n");
          return open = open && WriteAll(fd, framed);
        });
      } catch (const std::exception& e) {
        open = false;
        std::cerr << "stream: " << e.what() << std::endl;
      }
      if (open) WriteAll(fd, "0\r\n\r\n");
      // A client that asked to close, or one cut off mid-body, gets an end of
      // stream; a keep-alive connection stays with Pistache for the next request.
      if (close || !open) ::shutdown(fd, SHUT_RDWR);
      ::close(fd);
      Done(*counters, conn);
    });
  }

  std::shared_ptr<RequestHandler> api_;
  std::shared_ptr<HttpServer::Counters> counters_;
  std::shared_ptr<StreamPool> streams_;
  std::shared_ptr<StreamPool> writes_;
  std::shared_ptr<ConnectionGuard> guard_;
};

}  // namespace

// Raises the soft limit on open descriptors to the hard one and leaves room
// below it for the database, the index and the duplicated sockets of the
// write and stream threads: the number of client connections to allow.
size_t ConnectionBudget() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 512;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = std::min<rlim_t>(limit.rlim_max, rlim_t{1} << 20);
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  rlim_t room = limit.rlim_cur > 512 ? limit.rlim_cur - 256 : limit.rlim_cur / 2;
  return static_cast<size_t>(std::max<rlim_t>(16, room));
}

HttpServer::HttpServer(std::shared_ptr<RequestHandler> api, ServeOptions options)
    : api_(std::move(api)), options_(std::move(options)) {}

HttpServer::~HttpServer() {
  if (endpoint_) endpoint_->shutdown();
}

Status HttpServer::Start() {
  try {
    Address addr(options_.host, Port(options_.port));
    endpoint_ = std::make_unique<Http::Endpoint>(addr);
    auto opts = Http::Endpoint::options()
                    .threads(options_.threads)
                    .flags(Tcp::Options::ReuseAddr)
                    // The guard refuses heads and bodies over their limits
                    // before Pistache buffers them; this is only a backstop.
                    .maxRequestSize(api_->max_request_bytes() + 64 * 1024)
                    .maxResponseSize(64 * 1024 * 1024);
    endpoint_->init(opts);
    streams_ = std::make_shared<StreamPool>(options_.stream_threads, "stream");
    writes_ = std::make_shared<StreamPool>(options_.write_threads, "write");
    GuardOptions guard_options = options_.guard;
    if (guard_options.max_connections == 0) guard_options.max_connections = ConnectionBudget();
    guard_ = std::make_shared<ConnectionGuard>(
        guard_options, [api = api_](const RequestHead& head) { return api->BodyLimit(head); });
    endpoint_->setHandler(Http::make_handler<PistacheHandler>(api_, counters_, streams_, writes_, guard_));
    endpoint_->serveThreaded();
  } catch (const std::exception& e) {
    endpoint_.reset();
    return Status(Code::kUnavailable, "cannot listen on " + options_.host + ":" +
                                          std::to_string(options_.port) + ": " + e.what());
  }
  return Status::Ok();
}

uint16_t HttpServer::port() const {
  return endpoint_ ? static_cast<uint16_t>(endpoint_->getPort()) : 0;
}

void HttpServer::Drain(int timeout_ms) {
  counters_->draining = true;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (counters_->in_flight > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (endpoint_) {
    endpoint_->shutdown();
    endpoint_.reset();
  }
}

}  // namespace samrad::server
