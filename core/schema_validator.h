// Validates request bodies against the JSON Schemas embedded from schemas/.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"

namespace valijson {
class Schema;
}

namespace samrad {

class SchemaValidator {
 public:
  // Loads every schemas/*.schema.json; throws std::runtime_error when one is
  // not a valid schema (a build defect).
  SchemaValidator();
  ~SchemaValidator();

  // OK, or kInvalidArgument listing every failing field as a JSON pointer.
  // kInternal when no schema has that name. Thread-safe.
  Status Validate(const std::string& name, const nlohmann::json& body) const;

  // Parses text as JSON: kMalformed when it is not JSON, not UTF-8 or nests
  // deeper than kMaxJsonDepth (the schema check recurses once per level).
  static Result<nlohmann::json> Parse(const std::string& text);

 private:
  std::map<std::string, std::unique_ptr<valijson::Schema>> schemas_;
};

}  // namespace samrad
