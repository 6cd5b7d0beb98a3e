// The HTTP-neutral request and response that handlers see, so that handlers
// stay free of Pistache and can be exercised directly.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/user.h"

namespace samrad::server {

struct ApiRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // decoded, without the query
  std::string raw_path;  // as sent, still percent-encoded ("" when unknown)
  std::map<std::string, std::string> query;   // decoded; the first of repeated keys
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> params;   // from the route pattern, e.g. {id}
  std::string body;
  std::string address;  // the client's address (from a trusted proxy's X-Forwarded-For)
  std::string peer;     // the TCP peer's address, which may be a proxy
  Actor actor;          // the signed-in user, if any
  std::string token;    // the bearer token, if any

  std::optional<std::string> Query(const std::string& k) const {
    auto it = query.find(k);
    return it == query.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  std::string Header(const std::string& k) const {
    auto it = headers.find(k);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool cacheable = false;  // a read: gets an ETag and honours If-None-Match
  // A quoted strong ETag known before the body (streams, cached feeds; for
  // other cacheable reads one is hashed from the body) and a Last-Modified time in epoch seconds
  // (0: none), which also answers If-Modified-Since.
  std::string etag;
  int64_t last_modified = 0;
  // False when the body can change without last_modified moving (counts,
  // states that follow the clock): the time is then only informative and
  // If-Modified-Since is not answered from it.
  bool modified_exact = true;
  // An answer asked for about once and made of random bytes (a Merkle proof:
  // base64 hashes): kept out of the read cache, whose reused answers it
  // would push out, and never gzip-compressed (it saves a quarter of the
  // bytes for the price of a compressor per answer).
  bool one_off = false;
  // A body shared with the response cache, used instead of body when set,
  // and the cache's gzip form of it for clients that accept gzip.
  std::shared_ptr<const std::string> shared_body;
  std::shared_ptr<const std::string> gzip_body;
  const std::string& Body() const { return shared_body ? *shared_body : body; }
  // A streamed body: when set, body is ignored and stream writes the body
  // chunk by chunk to the sink it is given (the sink returns false once the
  // client has gone). It runs off the I/O threads and waits for each chunk
  // to be sent, so memory stays flat however long the body.
  using ChunkSink = std::function<bool(std::string_view)>;
  std::function<void(const ChunkSink&)> stream;

  ApiResponse& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace samrad::server
