// Unit tests of the API pipeline without HTTP: the OpenAPI document must
// describe every route, and routing answers 404/405 as it should.
#define BOOST_TEST_MODULE api_service
#include "server/api_service.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

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
