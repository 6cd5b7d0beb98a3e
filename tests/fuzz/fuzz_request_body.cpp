// libFuzzer target: request-body parsing and JSON Schema validation, the
// first thing every write request goes through.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/schema_validator.h"
#include "core/resources.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const samrad::SchemaValidator validator;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto body = samrad::SchemaValidator::Parse(text);
  if (!body.ok()) return 0;
  for (const auto& [path, unused] : samrad::resources::All()) {
    if (!path.starts_with("schemas/") || !path.ends_with(".schema.json")) continue;
    std::string name(path.substr(8, path.size() - 8 - 12));
    samrad::Status s = validator.Validate(name, body.value());
    // Every failure must name at least one field a client can show.
    if (!s.ok() && s.errors().empty()) __builtin_trap();
  }
  return 0;
}
