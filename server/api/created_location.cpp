// Created resources' URLs, one line per create route.
#include "server/api/created_location.h"

#include <nlohmann/json.hpp>

namespace samrad::server {

namespace {
std::string Field(const nlohmann::json& j, const char* name) {
  if (!j.is_object() || !j.contains(name)) return "";
  const auto& v = j.at(name);
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  return v.is_string() ? v.get<std::string>() : "";
}
}  // namespace

std::string CreatedLocation(const std::string& pattern, const ApiRequest& req, const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  auto under = [&](const std::string& prefix, const std::string& key) {
    std::string id = Field(j, key.c_str());
    return id.empty() ? std::string() : prefix + id;
  };
  auto param = [&](const char* name) {
    auto it = req.params.find(name);
    return it == req.params.end() ? std::string() : it->second;
  };
  if (pattern == "/api/v1/consultations") return under("/api/v1/consultations/", "id");
  if (pattern == "/api/v1/consultations/{id}/comments") return under("/api/v1/comments/", "id");
  if (pattern == "/api/v1/decisions") return under("/api/v1/decisions/", "id");
  if (pattern == "/api/v1/decisions/{id}/amendments") {
    return under("/api/v1/decisions/" + param("id") + "/versions/", "version");
  }
  if (pattern == "/api/v1/datasets") return under("/api/v1/datasets/", "name");
  if (pattern == "/api/v1/subscriptions") return under("/api/v1/subscriptions/", "id");
  // A session and an account are read back as the signed-in user's own.
  if (pattern == "/api/v1/sessions") return "/api/v1/sessions/current";
  if (pattern == "/api/v1/accounts") return "/api/v1/me";
  // A flag and a moderation act are entries of the comment's public record.
  if (pattern == "/api/v1/comments/{id}/flags" || pattern == "/api/v1/comments/{id}/moderation") {
    return "/api/v1/comments/" + param("id");
  }
  return "";
}

}  // namespace samrad::server
