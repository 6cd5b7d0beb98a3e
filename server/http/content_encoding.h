// gzip for answers: cached ones compressed once when cached, others when
// sent; chosen per request from Accept-Encoding, with its own ETag and Vary.
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

// Smaller answers gain too little from gzip to pay for it.
constexpr size_t kMinGzipBytes = 1024;

// True for text media types (JSON, XML, CSV, NDJSON, HTML, feeds). Pure.
bool IsCompressible(const std::string& content_type);

// The coding of any answer: a cached gzip form (ChooseEncoding), or gzip
// made now for a compressible body of kMinGzipBytes or more, or chunk by
// chunk for a compressible stream, when the client accepts it; Vary either
// way, and the ETag (if set) marked as the gzip form's own. Call after the
// identity ETag is known and before it is compared or written.
void EncodeResponse(const ApiRequest& req, ApiResponse& resp);

}  // namespace samrad::server
