// JSON Schema validation with valijson over nlohmann::json.
#include "core/schema_validator.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <set>

#include "core/json_depth.h"
#include "core/resources.h"

namespace samrad {

using nlohmann::json;

SchemaValidator::SchemaValidator() {
  for (const auto& [path, text] : resources::All()) {
    if (!path.starts_with("schemas/") || !path.ends_with(".schema.json")) continue;
    std::string name(path.substr(8, path.size() - 8 - 12));
    json doc = json::parse(text);
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *schema);
    schemas_[name] = std::move(schema);
  }
}

SchemaValidator::~SchemaValidator() = default;

namespace {
// One reference token of a JSON Pointer (RFC 6901 3): ~ and / escaped.
std::string Token(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// valijson names places as ["<root>", "[title]", "[0]"]; make a JSON pointer.
std::string Pointer(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string p = part;
    if (p.size() >= 2 && p.front() == '[' && p.back() == ']') p = p.substr(1, p.size() - 2);
    if (p.size() >= 2 && p.front() == '"' && p.back() == '"') p = p.substr(1, p.size() - 2);
    out.push_back('/');
    out += Token(p);
  }
  return out.empty() ? "/" : out;
}
}  // namespace

Status SchemaValidator::Validate(const std::string& name, const json& body) const {
  auto it = schemas_.find(name);
  if (it == schemas_.end()) return Internal("no schema named " + name);
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  // valijson names only the first unknown property of an object; each pass
  // takes the ones found out of a copy and looks again, so every one is
  // named (a pass finds at least one more, and a body has finitely many).
  json rest = body;
  bool valid = true;
  for (bool again = true; again;) {
    again = false;
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(rest);
    if (validator.validate(*it->second, adapter, &results)) break;
    valid = false;
    valijson::ValidationResults::Error e;
    while (results.popError(e)) {
      // valijson adds a summary for each enclosing object ("Failed to
      // validate against schema associated with property name ..."); the
      // leaf says it.
      if (e.description.starts_with("Failed to validate")) continue;
      std::string field = Pointer(e.context);
      // Missing and unknown properties are reported on their parent object;
      // name the property itself, which is the last quoted word (the message
      // about an unknown one quotes 'properties' and 'additionalProperties'
      // before it).
      auto q2 = e.description.rfind('\'');
      auto q1 = q2 == std::string::npos || q2 == 0 ? std::string::npos : e.description.rfind('\'', q2 - 1);
      bool unknown = e.description.starts_with("Object contains a property");
      bool names_property = unknown || e.description.starts_with("Missing required property");
      if (names_property && q1 != std::string::npos && q2 > q1) {
        std::string prop = e.description.substr(q1 + 1, q2 - q1 - 1);
        std::string parent = field == "/" ? "" : field;
        field = parent + "/" + Token(prop);
        if (unknown) {
          e.description = "unknown property '" + prop + "': it is not part of this request";
          json& object = rest[json::json_pointer(parent)];
          if (object.is_object() && object.erase(prop) > 0) again = true;
        }
      }
      if (seen.insert(field + "\n" + e.description).second) errors.push_back({field, e.description});
    }
  }
  if (valid) return Status::Ok();
  return Invalid("the request body does not match the schema " + name, errors);
}

Result<json> SchemaValidator::Parse(const std::string& text) {
  auto parsed = ParseClientJson(text, "the body");
  if (!parsed.ok()) return parsed.status();
  json j = std::move(parsed).value();
  if (j.is_discarded()) {
    // Tell invalid UTF-8 apart from other syntax errors for a clearer message.
    try {
      json unused = json::parse(text);
      (void)unused;
    } catch (const json::exception& e) {
      return Status(Code::kMalformed, std::string("the body is not valid JSON: ") + e.what());
    }
    return Status(Code::kMalformed, "the body is not valid JSON");
  }
  return j;
}

}  // namespace samrad
