// Hostile JSON against the real server: nesting 60,000 levels deep in API
// bodies, CKAN bodies and JSON-valued CKAN parameters, and tampered keyset
// cursors on every listing. Each is refused with a 4xx, never a crash or 500.
#define BOOST_TEST_MODULE hostile_json_e2e
#include <boost/test/unit_test.hpp>
#include <functional>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
// [[[...]]] nested `depth` levels: 120 KB of brackets at the default depth.
std::string Nested(int depth = 60000) { return std::string(depth, '[') + std::string(depth, ']'); }
std::string DeepBody() { return R"({"x":)" + Nested() + "}"; }

// The request must be answered with `status` and the server must still be up.
void ExpectRefused(TestServer& s, const std::string& what, const std::function<HttpResult()>& send,
                   int status, const std::string& content_type) {
  HttpResult r;
  try {
    r = send();
  } catch (const std::exception& e) {
    BOOST_ERROR(what << ": no answer (" << e.what() << ")");
  }
  BOOST_TEST(r.status == status, what << ": " << r.status << " " << r.body.substr(0, 300));
  BOOST_TEST(r.header("content-type").starts_with(content_type), what << ": " << r.header("content-type"));
  int health = 0;
  try {
    health = s.Get("/healthz").status;
  } catch (const std::exception&) {
  }
  BOOST_REQUIRE_MESSAGE(health == 200, what << ": the server no longer answers /healthz");
}

void ExpectProblem(TestServer& s, const std::string& what, const std::function<HttpResult()>& send,
                   int status = 400) {
  ExpectRefused(s, what, send, status, "application/problem+json");
}

// CKAN keeps its own envelope: {success: false, error: {...}}.
void ExpectCkanError(TestServer& s, const std::string& what,
                     const std::function<HttpResult()>& send) {
  ExpectRefused(s, what, send, 400, "application/json");
  auto r = send();
  BOOST_TEST(r.json()["success"] == false, what);
}

// URL-safe base64 of a cursor's JSON text, as a client could forge it.
const char* kCursorX = "WyJ4Il0";      // ["x"]
const char* kCursorOneOne = "WzEsMV0";  // [1,1]
const char* kCursorOneX = "WzEsIngiXQ";  // [1,"x"]
const char* kCursorXX = "WyJ4IiwieCJd";  // ["x","x"]
const char* kCursorNested = "W1sxXV0";   // [[1]]
const char* kCursorFloat = "WzEuNV0";    // [1.5]
}  // namespace

BOOST_AUTO_TEST_CASE(deep_api_bodies_are_refused_signed_in_and_anonymous) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string karin = s.ResidentToken("Karin");
  int64_t k = PublishConsultation(s, official);
  ExpectProblem(s, "comment body", [&] { return s.Request("POST", CommentsPath(k), DeepBody(), karin); });
  ExpectProblem(s, "bare array body",
                [&] { return s.Request("POST", CommentsPath(k), Nested(), karin); });
  ExpectProblem(s, "account body",
                [&] { return s.Request("POST", "/api/v1/accounts", DeepBody()); });
  ExpectProblem(s, "session body",
                [&] { return s.Request("POST", "/api/v1/sessions", DeepBody()); });
  ExpectProblem(s, "consultation body",
                [&] { return s.Request("POST", "/api/v1/consultations", DeepBody(), official); });
  // Nothing was stored half-way, and ordinary bodies still work.
  BOOST_TEST(s.Get(CommentsPath(k)).json()["items"].size() == 0u);
  PostComment(s, k, karin, "Fortfarande här");
  // 64 levels is still accepted by the parser (the schema decides the rest).
  auto ok_depth = s.Request("POST", CommentsPath(k),
                            R"({"body":"x","extra":)" + Nested(63) + "}", karin);
  BOOST_TEST(ok_depth.status == 422, ok_depth.body);
}

BOOST_AUTO_TEST_CASE(deep_ckan_bodies_and_parameters_are_refused) {
  TestServer s;
  for (const char* action : {"package_search", "datastore_search", "package_show"}) {
    std::string path = std::string("/api/3/action/") + action;
    ExpectCkanError(s, std::string(action) + " body", [&] { return s.Request("POST", path, DeepBody()); });
  }
  // The same nesting in JSON-valued query parameters, as deep as fits in the
  // server's 32 KiB request line ...
  const int kUrlDepth = 5000;
  std::string deep = Encode(R"({"id":)" + Nested(kUrlDepth) + "}");
  std::string base = "/api/3/action/datastore_search?resource_id=consultations&";
  ExpectCkanError(s, "facet.field", [&] {
    return s.Get("/api/3/action/package_search?facet.field=" + Encode(Nested(kUrlDepth)));
  });
  ExpectCkanError(s, "filters", [&] { return s.Get(base + "filters=" + deep); });
  ExpectCkanError(s, "q", [&] { return s.Get(base + "q=" + deep); });
  ExpectCkanError(s, "fields", [&] { return s.Get(base + "fields=" + Encode(Nested(kUrlDepth))); });
  ExpectCkanError(s, "sort", [&] { return s.Get(base + "sort=" + Encode(Nested(kUrlDepth))); });
  // ... and full depth as members of a POSTed body, as ckanapi sends them:
  // JSON values and JSON text in strings.
  ExpectCkanError(s, "facet.field in a body", [&] {
    return s.Request("POST", "/api/3/action/package_search", R"({"facet.field":)" + Nested() + "}");
  });
  ExpectCkanError(s, "filters in a body", [&] {
    return s.Request("POST", "/api/3/action/datastore_search",
                     R"({"resource_id":"consultations","filters":{"id":)" + Nested() + "}}");
  });
  ExpectCkanError(s, "filters as text in a body", [&] {
    return s.Request("POST", "/api/3/action/datastore_search",
                     R"({"resource_id":"consultations","filters":"{\"id\":)" + Nested() + R"(}"})");
  });
  // Shallow filters still work and are echoed back.
  auto ok = s.Get(base + "filters=" + Encode(R"({"id":[1,2]})"));
  BOOST_TEST(ok.status == 200, ok.body);
  BOOST_TEST(ok.json()["result"]["filters"] == json({{"id", {1, 2}}}));
}

BOOST_AUTO_TEST_CASE(tampered_cursors_are_refused_on_every_listing) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string karin = s.ResidentToken("Karin");
  int64_t k = PublishConsultation(s, official);
  int64_t c = PostComment(s, k, karin, "En kommentar");
  // Listings, whether [1,1] (two integers) is a real cursor there, and the
  // token to read them. A forged cursor is a bad request (400) on all of them.
  struct Listing {
    std::string path;
    bool takes_two_integers;
    std::string token;
  };
  const std::vector<Listing> listings = {
      {"/api/v1/consultations", false, official},
      {"/api/v1/decisions", false, ""},
      {CommentsPath(k), true, ""},
      {CommentsPath(k) + "?sort=supported", true, ""},
      {CommentPath(c) + "/replies", false, ""},
      {"/api/v1/moderation/queue", false, moderator},
      {"/api/v1/moderation-log", false, ""},
  };
  // base64 of 10,000 '[' then as many ']' ("[[[" is "W1tb", "]]]" is
  // "XV1d"), as deep as fits in the server's 32 KiB request line.
  std::string deep;
  for (int i = 0; i < 3334; ++i) deep += "W1tb";
  for (int i = 0; i < 3334; ++i) deep += "XV1d";
  for (const auto& l : listings) {
    std::string sep = l.path.find('?') == std::string::npos ? "?" : "&";
    std::vector<std::string> cursors = {kCursorX,     kCursorOneX, kCursorXX, kCursorNested,
                                        kCursorFloat, "bm9wZQ",    "%25%25",  deep};
    if (!l.takes_two_integers) cursors.push_back(kCursorOneOne);
    for (const auto& cursor : cursors) {
      ExpectProblem(s, l.path + " cursor " + cursor.substr(0, 12),
                    [&] { return s.Get(l.path + sep + "cursor=" + cursor, l.token); }, 400);
    }
  }
  // The same cursors on the pages: an error page, not a server error.
  for (const std::string page : {"/consultations", "/decisions"}) {
    for (const char* cursor : {kCursorX, kCursorOneOne, kCursorOneX}) {
      auto r = s.Get(page + "?cursor=" + cursor);
      BOOST_TEST((r.status >= 400 && r.status < 500), page << " " << cursor << ": " << r.status);
    }
  }
  BOOST_TEST(s.Get("/healthz").status == 200);
}
