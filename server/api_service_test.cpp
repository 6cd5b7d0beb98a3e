// Unit tests of the API pipeline without HTTP: the OpenAPI document must
// describe every route (with an operationId and its answers' schemas), and
// routing answers 404/405 as it should.
#define BOOST_TEST_MODULE api_service
#include "server/api_service.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>

#include "core/crypto.h"
#include "server/api/routes.h"

using namespace samrad::server;

namespace {
struct Fixture {
  Fixture() {
    samrad::crypto::InitCrypto();
    dir = std::filesystem::temp_directory_path() / ("samrad-unit-" + samrad::crypto::RandomToken(6));
    app = App::Open(dir.string(), true).value();
    api = std::make_shared<ApiService>(app, 1 << 20);
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
  std::shared_ptr<App> app;
  std::shared_ptr<ApiService> api;
};

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(c));
  return s;
}
}  // namespace

BOOST_FIXTURE_TEST_CASE(openapi_documents_every_route_and_no_route_that_is_missing, Fixture) {
  auto doc = OpenApiDocument();
  size_t documented = 0;
  for (const auto& [path, ops] : doc["paths"].items()) documented += ops.size();
  for (const auto& r : api->router().routes()) {
    BOOST_TEST_CONTEXT(r.method << " " << r.pattern) {
      BOOST_TEST(doc["paths"].contains(r.pattern));
      if (doc["paths"].contains(r.pattern)) BOOST_TEST(doc["paths"][r.pattern].contains(Lower(r.method)));
    }
  }
  BOOST_TEST(documented == api->router().routes().size());
  // Every schema a request body refers to is filled in.
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      // Form posts of the web pages carry no JSON schema.
      if (!op.contains("requestBody") || !op["requestBody"]["content"].contains("application/json")) continue;
      std::string ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"];
      BOOST_TEST(doc["components"]["schemas"].contains(ref.substr(ref.rfind('/') + 1)), ref);
    }
  }
}

namespace {
// The value a local "#/a/b" reference points at, or null.
const nlohmann::json* Resolve(const nlohmann::json& doc, const std::string& ref) {
  if (!ref.starts_with("#/")) return nullptr;
  auto p = nlohmann::json::json_pointer(ref.substr(1));
  return doc.contains(p) ? &doc.at(p) : nullptr;
}

void CheckRefs(const nlohmann::json& doc, const nlohmann::json& node) {
  if (node.is_object()) {
    if (node.contains("$ref") && node["$ref"].is_string()) {
      BOOST_TEST(Resolve(doc, node["$ref"].get<std::string>()) != nullptr, node["$ref"]);
    }
    for (const auto& [k, v] : node.items()) CheckRefs(doc, v);
  } else if (node.is_array()) {
    for (const auto& v : node) CheckRefs(doc, v);
  }
}
}  // namespace

BOOST_AUTO_TEST_CASE(openapi_operations_have_ids_and_describe_their_answers) {
  auto doc = OpenApiDocument();
  CheckRefs(doc, doc);
  std::set<std::string> ids;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      BOOST_TEST_CONTEXT(method << " " << path) {
        BOOST_TEST_REQUIRE(op.contains("operationId"));
        BOOST_TEST(ids.insert(op["operationId"].get<std::string>()).second, "operationId is unique");
        // Errors are listed status by status, never as one catch-all.
        BOOST_TEST(!op["responses"].contains("default"));
        bool success = false;
        for (const auto& [status, ref_or_response] : op["responses"].items()) {
          const nlohmann::json* response = &ref_or_response;
          if (response->contains("$ref")) response = Resolve(doc, (*response)["$ref"]);
          BOOST_TEST_REQUIRE(response != nullptr);
          if (status[0] != '2') continue;
          success = true;
          if (status == "204" || !response->contains("content")) continue;
          for (const auto& [media, body] : (*response)["content"].items()) {
            // JSON answers carry a schema that says more than "an object".
            // (NDJSON is a stream of JSON texts, described as text.)
            if (media.find("json") == std::string::npos || media.find("ndjson") != std::string::npos) continue;
            BOOST_TEST_CONTEXT(status << " " << media) {
              BOOST_TEST_REQUIRE(body.contains("schema"));
              const nlohmann::json* schema = &body["schema"];
              if (schema->contains("$ref")) schema = Resolve(doc, (*schema)["$ref"]);
              BOOST_TEST_REQUIRE(schema != nullptr);
              BOOST_TEST((schema->contains("properties") || schema->contains("allOf") || schema->contains("items")));
            }
          }
        }
        // Pages and form posts answer HTML or a redirect; every API
        // operation names its success answer, and a JSON one its schema.
        if (!path.starts_with("/api/") && !path.starts_with("/healthz") && !path.starts_with("/opendata") &&
            !path.starts_with("/feeds") && !path.starts_with("/metrics")) {
          continue;
        }
        // An operation that only answers errors (an unknown CKAN action) says so.
        BOOST_TEST((success || op.value("x-always-error", false)));
        for (const auto& [status, response] : op["responses"].items()) {
          if (status == "200" || status == "201") {
            BOOST_TEST((response.contains("content") || response.contains("$ref")), status);
          }
        }
      }
    }
  }
}

BOOST_FIXTURE_TEST_CASE(unknown_paths_are_404_and_wrong_methods_405_with_allow, Fixture) {
  ApiRequest a;
  a.method = "GET";
  a.path = "/api/v1/nothing";
  BOOST_TEST(api->Handle(a).status == 404);
  ApiRequest b;
  b.method = "DELETE";
  b.path = "/api/v1/consultations/5";
  auto r = api->Handle(b);
  BOOST_TEST(r.status == 405);
  bool allow = false;
  for (const auto& [k, v] : r.headers) allow = allow || (k == "Allow" && v.find("PATCH") != std::string::npos);
  BOOST_TEST(allow);
}
