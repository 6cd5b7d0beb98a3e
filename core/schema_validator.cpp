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
// valijson names places as ["<root>", "[title]", "[0]"]; make a JSON pointer.
std::string Pointer(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string p = part;
    if (p.size() >= 2 && p.front() == '[' && p.back() == ']') p = p.substr(1, p.size() - 2);
    if (p.size() >= 2 && p.front() == '"' && p.back() == '"') p = p.substr(1, p.size() - 2);
    out.push_back('/');
    out += p;
  }
  return out.empty() ? "/" : out;
}
}  // namespace

Status SchemaValidator::Validate(const std::string& name, const json& body) const {
  auto it = schemas_.find(name);
  if (it == schemas_.end()) return Internal("no schema named " + name);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(body);
  if (validator.validate(*it->second, adapter, &results)) return Status::Ok();
  std::vector<FieldError> errors;
  std::set<std::string> seen;
  valijson::ValidationResults::Error e;
  while (results.popError(e)) {
    // valijson adds a summary for each enclosing object ("Failed to validate
    // against schema associated with property name ..."); the leaf says it.
    if (e.description.starts_with("Failed to validate")) continue;
    std::string field = Pointer(e.context);
    // Missing and unknown properties are reported on their parent object;
    // name the property itself.
    auto q1 = e.description.find('\'');
    auto q2 = e.description.rfind('\'');
    bool names_property = e.description.starts_with("Missing required property") ||
                          e.description.starts_with("Object contains a property");
    if (names_property && q1 != std::string::npos && q2 > q1) {
      std::string prop = e.description.substr(q1 + 1, q2 - q1 - 1);
      field = (field == "/" ? "" : field) + "/" + prop;
    }
    if (seen.insert(field + "\n" + e.description).second) errors.push_back({field, e.description});
  }
  std::vector<FieldError> specific = errors;
  return Invalid("the request body does not match the schema " + name, specific);
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
