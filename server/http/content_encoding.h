// gzip for cached responses: compressed once when cached, chosen per request
// from Accept-Encoding, with its own strong ETag and Vary.
#pragma once

#include <string>
#include <string_view>

#include "server/http/message.h"

namespace samrad::server {

// The gzip (RFC 1952) form of the bytes.
std::string Gzip(std::string_view bytes);

// True when an Accept-Encoding header accepts gzip (RFC 9110 12.5.3).
bool AcceptsGzip(std::string_view accept_encoding);

// Switches a response that carries a gzip form to it when the client accepts
// gzip (Content-Encoding and an ETag of its own); adds Vary either way. Call
// before the ETag is compared or written.
void ChooseEncoding(const ApiRequest& req, ApiResponse& resp);

}  // namespace samrad::server
