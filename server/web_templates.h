// The mustache templates and message catalogues embedded from server/web/.
// Every template is also a partial under its own name ({{> field_text}}).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace samrad::server {

// Renders server/web/<name>.mustache with the JSON model; throws
// std::runtime_error for a missing or invalid template. Thread-safe.
std::string RenderTemplate(const std::string& name, const nlohmann::json& model);
// server/web/messages.<lang>.json, parsed once.
const nlohmann::json& MessageCatalogue(const std::string& lang);

}  // namespace samrad::server
