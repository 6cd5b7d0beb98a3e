// The HTTP-neutral request and response that handlers see, so that handlers
// stay free of Pistache and can be exercised directly.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/user.h"

namespace samrad::server {

struct ApiRequest {
  std::string method;  // GET, POST, ...
  std::string path;    // decoded, without the query
  std::map<std::string, std::string> query;   // decoded; the first of repeated keys
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> params;   // from the route pattern, e.g. {id}
  std::string body;
  std::string address;  // the client's address
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
  std::string etag;        // of a cacheable read; computed from the body when empty

  ApiResponse& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace samrad::server
