// problem+json responses.
#include "server/http/problem.h"

#include <nlohmann/json.hpp>

namespace samrad::server {

int HttpStatus(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kMalformed: return 400;
    case Code::kInvalidArgument: return 422;
    case Code::kNotFound: return 404;
    case Code::kConflict: return 409;
    case Code::kPermissionDenied: return 403;
    case Code::kUnauthenticated: return 401;
    case Code::kTooManyRequests: return 429;
    case Code::kTooLarge: return 413;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

namespace {
const char* Title(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
  }
}
}  // namespace

ApiResponse Problem(int status, const std::string& detail) {
  nlohmann::json j = {{"type", "about:blank"}, {"title", Title(status)}, {"status", status},
                      {"detail", detail}};
  ApiResponse r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ApiResponse Problem(const Status& s) {
  int status = HttpStatus(s.code());
  // Internal details stay in the server log, not in the response.
  ApiResponse r = Problem(status, status == 500 ? "an internal error occurred" : s.message());
  if (!s.errors().empty()) {
    auto j = nlohmann::json::parse(r.body);
    j["errors"] = nlohmann::json::array();
    for (const auto& e : s.errors()) j["errors"].push_back({{"field", e.field}, {"message", e.message}});
    r.body = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return r;
}

}  // namespace samrad::server
