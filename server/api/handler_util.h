// Small helpers that keep route handlers to a few lines each.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "server/http/message.h"
#include "server/app.h"
#include "server/http/problem.h"
#include "server/http/router.h"
#include "server/http/etag.h"

namespace samrad::server {

ApiResponse Json(int status, const nlohmann::json& body);
// A cacheable 200 JSON read.
ApiResponse Read(const nlohmann::json& body);
// Parses the body as JSON and validates it against the named schema:
// kMalformed (400) or kInvalidArgument (422) with every failing field.
Result<nlohmann::json> Body(const ApiRequest& req, const App& app, const std::string& schema);

// A response with Last-Modified from an RFC 3339 time (unchanged when the
// text is not one). Exact: the body changes only when that time moves, so
// the time also answers If-Modified-Since; otherwise only the ETag does.
ApiResponse LastModified(ApiResponse resp, const std::string& time, bool exact);

// Maps a Result to a cacheable read carrying the Last-Modified time that
// modified(value) gives (see LastModified for exact).
template <typename T, typename F, typename M>
ApiResponse RespondModified(const Result<T>& r, F to_json, M modified, bool exact) {
  if (!r.ok()) return Problem(r.status());
  return LastModified(Read(to_json(r.value())), modified(r.value()), exact);
}

// A 204 with no body.
ApiResponse NoContent();

// {items, next_cursor} of a keyset listing, each item through to_json.
template <typename T, typename F>
nlohmann::json ListingJson(const Listing<T>& l, F to_json) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& x : l.items) items.push_back(to_json(x));
  return {{"items", std::move(items)},
          {"next_cursor", l.next_cursor ? nlohmann::json(*l.next_cursor) : nlohmann::json(nullptr)}};
}

// Maps a Result to a JSON response or its problem.
template <typename T, typename F>
ApiResponse Respond(const Result<T>& r, int status, F to_json) {
  if (!r.ok()) return Problem(r.status());
  return status == 200 ? Read(to_json(r.value())) : Json(status, to_json(r.value()));
}

}  // namespace samrad::server
