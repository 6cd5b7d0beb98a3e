// Handler helpers.
#include "server/api/handler_util.h"

#include "core/clock.h"
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

ApiResponse Read(const nlohmann::json& body) {
  ApiResponse r = Json(200, body);
  r.cacheable = true;
  return r;
}

ApiResponse LastModified(ApiResponse resp, const std::string& time, bool exact) {
  if (auto epoch = ParseTime(time)) resp.last_modified = *epoch;
  resp.modified_exact = exact;
  return resp;
}

Result<nlohmann::json> Body(const ApiRequest& req, const App& app, const std::string& schema) {
  auto j = SchemaValidator::Parse(req.body);
  if (!j.ok()) return j.status();
  if (Status s = app.validator->Validate(schema, j.value()); !s.ok()) return s;
  return j;
}

}  // namespace samrad::server
