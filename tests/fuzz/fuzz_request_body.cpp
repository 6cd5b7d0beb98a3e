// libFuzzer target: request-body parsing and JSON Schema validation, the
// first thing every write request goes through, and keyset cursor decoding
// (the same bytes taken as a client's ?cursor=).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/cursor.h"
#include "core/json_depth.h"
#include "core/resources.h"
#include "core/schema_validator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const samrad::SchemaValidator validator;
  std::string text(reinterpret_cast<const char*>(data), size);
  // A cursor decodes to a flat array of integers and strings, or not at all.
  for (size_t arity : {1, 2}) {
    auto cursor = samrad::DecodeCursor(text, arity);
    if (!cursor.ok()) continue;
    for (const auto& v : *cursor) {
      if (!v.is_number_integer() && !v.is_string()) __builtin_trap();
    }
  }
  auto body = samrad::SchemaValidator::Parse(text);
  if (!body.ok()) return 0;
  // Parse refuses deep values before building them: whatever it accepted is
  // within the bound, so the recursive dump and validation below are safe.
  if (samrad::JsonDeeperThan(body.value().dump(-1, ' ', false,
                                               nlohmann::json::error_handler_t::replace))) {
    __builtin_trap();
  }
  for (const auto& [path, unused] : samrad::resources::All()) {
    if (!path.starts_with("schemas/") || !path.ends_with(".schema.json")) continue;
    std::string name(path.substr(8, path.size() - 8 - 12));
    samrad::Status s = validator.Validate(name, body.value());
    // Every failure must name at least one field a client can show.
    if (!s.ok() && s.errors().empty()) __builtin_trap();
  }
  return 0;
}
