// Where a 201 Created answer points (RFC 9110 15.3.2): the URL of the
// resource a create made, per create route.
#pragma once

#include <string>

#include "server/http/message.h"

namespace samrad::server {

// The Location of what the create at route `pattern` made, read from the
// request's path parameters and the 201 body; "" when the route is not a
// known create or the body lacks the id. Pure.
std::string CreatedLocation(const std::string& pattern, const ApiRequest& req, const std::string& body);

}  // namespace samrad::server
