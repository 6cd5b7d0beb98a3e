// Handler helpers.
#include "server/handler_util.h"

#include "core/crypto.h"
#include "core/schema_validator.h"

namespace samrad::server {

ApiResponse Json(int status, const nlohmann::json& body) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ApiResponse NoContent() {
  ApiResponse r;
  r.status = 204;
  return r;
}

std::string ContentEtag(const std::string& body) {
  std::string etag(1, '"');
  etag.append(crypto::Sha256Hex(body), 0, 32).push_back('"');
  return etag;
}

ApiResponse Read(const nlohmann::json& body) {
  ApiResponse r = Json(200, body);
  r.cacheable = true;
  return r;
}

Result<nlohmann::json> Body(const ApiRequest& req, const App& app, const std::string& schema) {
  auto j = SchemaValidator::Parse(req.body);
  if (!j.ok()) return j.status();
  if (Status s = app.validator->Validate(schema, j.value()); !s.ok()) return s;
  return j;
}

Result<int64_t> IdParam(const ApiRequest& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos) {
    return NotFound("no such " + name);
  }
  return static_cast<int64_t>(std::stoll(it->second));
}

}  // namespace samrad::server
