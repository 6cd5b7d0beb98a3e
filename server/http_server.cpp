// Pistache glue. Known edges of Pistache 0.0.5 handled here: SIGPIPE is
// ignored (main), no Rest::Router (our own router has no lazy state, so no
// race), maxRequestSize set above the body limit (413 as problem+json from
// ApiService), no timeoutAfter()/serveFile(), and shutdown drains first.
// Streamed bodies: headers via ResponseWriter::stream(), then each chunk is
// framed and sent from a StreamPool thread, which waits until the transport
// has written it before producing the next, so memory stays flat.
#include "server/http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include "server/stream_pool.h"

namespace samrad::server {

using namespace Pistache;

namespace {

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; '+' means space in query strings only.
std::string Decode(const std::string& s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string MethodName(Http::Method m) {
  switch (m) {
    case Http::Method::Get: return "GET";
    case Http::Method::Post: return "POST";
    case Http::Method::Put: return "PUT";
    case Http::Method::Patch: return "PATCH";
    case Http::Method::Delete: return "DELETE";
    case Http::Method::Head: return "HEAD";
    case Http::Method::Options: return "OPTIONS";
    default: return "OTHER";
  }
}

// A response header of any name: Pistache 0.0.5 writes only typed headers.
class NamedHeader : public Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& os) const override { os << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override { return std::hash<std::string>()(name_); }
#endif

 private:
  std::string name_;
  std::string value_;
};

// Sends one chunk of a chunked body and waits until the transport has
// written it (or failed, or the timeout passed). False when it was not sent.
bool SendChunk(const std::weak_ptr<Tcp::Peer>& weak, std::string_view data) {
  auto peer = weak.lock();
  if (!peer) return false;
  char size[32];
  int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string framed;
  framed.reserve(data.size() + static_cast<size_t>(n) + 2);
  framed.append(size, static_cast<size_t>(n)).append(data).append("\r\n");
  struct Wait {
    std::mutex mu;
    std::condition_variable cv;
    int state = 0;  // 1 written, -1 failed
  };
  auto w = std::make_shared<Wait>();
  auto settle = [w](int state) {
    std::lock_guard lock(w->mu);
    w->state = state;
    w->cv.notify_one();
  };
  size_t length = framed.size();
  peer->send(RawBuffer(std::move(framed), length))
      .then([settle](ssize_t) { settle(1); }, [settle](std::exception_ptr) { settle(-1); });
  peer.reset();  // a client that goes away must be free to be dropped
  std::unique_lock lock(w->mu);
  w->cv.wait_for(lock, std::chrono::seconds(60), [&] { return w->state != 0; });
  return w->state == 1;
}

class PistacheHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(PistacheHandler)
  PistacheHandler(std::shared_ptr<ApiService> api, std::shared_ptr<HttpServer::Counters> counters,
                  std::shared_ptr<StreamPool> streams)
      : api_(std::move(api)), counters_(std::move(counters)), streams_(std::move(streams)) {}

  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    ++counters_->in_flight;
    ApiResponse resp;
    ApiRequest req;
    if (counters_->draining) {
      resp.status = 503;
      resp.content_type = "application/problem+json";
      resp.body = R"({"type":"about:blank","title":"Service Unavailable","status":503,"detail":"the server is shutting down"})";
      resp.Header("Connection", "close");
    } else {
      req.method = MethodName(request.method());
      req.path = Decode(request.resource(), false);
      for (auto it = request.query().parameters_begin(); it != request.query().parameters_end(); ++it) {
        req.query.emplace(Decode(it->first, true), Decode(it->second, true));
      }
      for (const auto& [name, raw] : request.headers().rawList()) {
        std::string lower = name;
        for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers[lower] = raw.value();
      }
      req.body = request.body();
      req.address = request.address().host();
      resp = api_->Handle(req);
    }
    writer.headers().add<Http::Header::ContentType>(Http::Mime::MediaType::fromString(resp.content_type));
    for (const auto& [name, value] : resp.headers) {
      writer.headers().add(std::make_shared<NamedHeader>(name, value));
    }
    auto code = static_cast<Http::Code>(resp.status);
    if (resp.stream && req.method != "HEAD" && resp.status == 200) {
      Stream(writer, code, std::move(resp.stream));
      return;  // in_flight drops when the stream ends
    }
    if (req.method == "HEAD" || resp.status == 204 || resp.status == 304) {
      writer.send(code);
    } else {
      writer.send(code, resp.body);
    }
    --counters_->in_flight;
  }

 private:
  void Stream(Http::ResponseWriter& writer, Http::Code code,
              std::function<void(const ApiResponse::ChunkSink&)> produce) {
    std::weak_ptr<Tcp::Peer> peer = writer.peer();
    auto out = std::make_shared<Http::ResponseStream>(writer.stream(code));
    out->flush();  // the status line and headers, queued before any chunk
    streams_->Run([out, peer, produce = std::move(produce), counters = counters_] {
      bool open = true;
      try {
        produce([&](std::string_view chunk) { return open = open && SendChunk(peer, chunk); });
        if (open && !peer.expired()) out->ends();
      } catch (const std::exception& e) {
        std::cerr << "stream: " << e.what() << std::endl;
      }
      --counters->in_flight;
    });
  }

  std::shared_ptr<ApiService> api_;
  std::shared_ptr<HttpServer::Counters> counters_;
  std::shared_ptr<StreamPool> streams_;
};

}  // namespace

HttpServer::HttpServer(std::shared_ptr<ApiService> api, ServeOptions options)
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
                    // Room for headers above the body limit: bodies over the
                    // limit still reach ApiService, which answers 413 itself.
                    .maxRequestSize(api_->max_request_bytes() + 64 * 1024)
                    .maxResponseSize(64 * 1024 * 1024);
    endpoint_->init(opts);
    streams_ = std::make_shared<StreamPool>(options_.stream_threads);
    endpoint_->setHandler(Http::make_handler<PistacheHandler>(api_, counters_, streams_));
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
