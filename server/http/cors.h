// Cross-origin reads (the Fetch standard's CORS protocol): public reads are
// open to scripts on any site, without credentials; nothing else is.
#pragma once

#include <string>

#include "server/http/message.h"

namespace samrad::server {

// True for the paths whose reads are public data any site's script may
// fetch: the JSON API, the CKAN actions, open data and feeds. Pure.
bool IsPublicReadPath(const std::string& path);

// True when this method on this path is a cross-origin read: GET and HEAD
// on a public read path, and POST on a CKAN action (CKAN takes its
// parameters as a JSON body too). Pure.
bool IsCorsRead(const std::string& method, const std::string& path);

// Adds Access-Control-Allow-Origin: * (never credentials) and the exposed
// headers to the answer of a cross-origin read; other answers are left alone.
void AddCorsHeaders(const ApiRequest& req, ApiResponse& resp);

// The 204 answer to OPTIONS on a path whose routes allow `allow` (comma
// list). A preflight for a cross-origin read gets the CORS grant; any other
// preflight (writes, pages, signed-in requests) gets none, so the browser
// refuses to send it.
ApiResponse OptionsAnswer(const ApiRequest& req, const std::string& allow);

}  // namespace samrad::server
