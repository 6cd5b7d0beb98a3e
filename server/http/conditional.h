// Conditional requests (RFC 9110 13): If-None-Match and If-Modified-Since
// for reads, If-Match for writes.
#pragma once

#include <cstdint>
#include <string>

#include "server/http/message.h"

namespace samrad::server {

// True when an If-None-Match list names this ETag (weak comparison) or is *.
bool EtagMatches(const std::string& header, const std::string& etag);

// RFC 9110 13.2.2: If-None-Match decides when present; otherwise
// If-Modified-Since, when the response has a Last-Modified time.
bool IsNotModified(const ApiRequest& req, const std::string& etag, int64_t last_modified);

// True when an If-Match list holds for a resource whose current identity
// ETag is `etag`: * or a strong match with it or its gzip form (the same
// state, whichever coding the client read it in). Weak tags never match.
bool IfMatchHolds(const std::string& header, const std::string& etag);

// The ETag of a coding of the representation tagged `etag`.
std::string CodedEtag(const std::string& etag, const std::string& coding);

}  // namespace samrad::server
