// Maps core Status codes to HTTP statuses and problem+json bodies (RFC 9457).
#pragma once

#include <string>

#include "core/status.h"
#include "server/http/message.h"

namespace samrad::server {

int HttpStatus(Code code);
// A problem+json response for a failed Status.
ApiResponse Problem(const Status& s);
// A problem+json response for an HTTP status with a detail text.
ApiResponse Problem(int status, const std::string& detail);

}  // namespace samrad::server
