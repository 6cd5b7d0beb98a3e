// The mustache templates (server/web/templates/) and message catalogues
// (server/web/messages.*.json), embedded in the binary.
// Every template is also a partial under its own name ({{> field_text}}).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace samrad::server {

// Renders server/web/templates/<name>.mustache with the JSON model; throws
// std::runtime_error for a missing or invalid template. Thread-safe.
std::string RenderTemplate(const std::string& name, const nlohmann::json& model);
// server/web/messages.<lang>.json, parsed once.
const nlohmann::json& MessageCatalogue(const std::string& lang);

}  // namespace samrad::server
