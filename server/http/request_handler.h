// What the HTTP server answers requests with: one function from request to
// response, implemented by the application's pipeline.
#pragma once

#include <cstddef>

#include "server/http/message.h"
#include "server/http/request_head.h"

namespace samrad::server {

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Answers one request. Must not throw. Called from many threads at once.
  virtual ApiResponse Handle(ApiRequest& req) = 0;
  // The largest request (body included) the transport must take in.
  virtual size_t max_request_bytes() const = 0;
  // The largest body to take for a request with this head, decided before
  // any of the body is read (413 beyond it). Called from the I/O threads.
  virtual uint64_t BodyLimit(const RequestHead& head) const = 0;
};

}  // namespace samrad::server
