// Strong ETags computed from a response body.
#pragma once

#include <string>

namespace samrad::server {

// The strong ETag of a body: a quoted prefix of its SHA-256.
std::string ContentEtag(const std::string& body);

}  // namespace samrad::server
