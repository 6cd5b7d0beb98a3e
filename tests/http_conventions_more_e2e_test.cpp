// HTTP conventions for scripts on other sites and careful clients, through
// the real server: CORS on public reads only, HEAD and 304 framing, 501 and
// 422 problems, WWW-Authenticate, Location, If-Match, Last-Modified, Vary
// and gzip for every compressible answer.
#define BOOST_TEST_MODULE http_conventions_more_e2e
#include <zlib.h>

#include <boost/test/unit_test.hpp>
#include <set>

#include "tests/support/raw_socket.h"
#include "tests/support/test_server.h"

using nlohmann::json;
using samrad::testing::HttpResult;
using samrad::testing::TestServer;

namespace {

json Draft(const std::string& title = "Lekplats") {
  return {{"title", title}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
          {"opens_at", "2020-01-01"}, {"closes_at", "2099-02-01"}};
}

json DecisionBody() {
  return {{"title", "Beslut"}, {"body", "Text"}, {"body_name", "KS"}, {"reference", "KS 1"},
          {"decided_at", "2026-03-01"}, {"outcome", "approved"}};
}

// An open consultation; returns its id.
int64_t OpenConsultation(TestServer& s, const std::string& official) {
  int64_t id = s.Post("/api/v1/consultations", Draft(), official).json()["id"];
  s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), official);
  return id;
}

// One request on a fresh connection that the server closes after its
// answer, read raw (what HTTP libraries hide: HEAD and 304 framing, gzip):
// the head, and the body with any chunked framing taken off.
samrad::testing::RawResponse RawRequest(int port, const std::string& head) {
  int fd = samrad::testing::Connect(port);
  samrad::testing::Send(fd, head.substr(0, head.size() - 2) + "Connection: close\r\n\r\n");
  std::string data;
  for (std::string more; !(more = samrad::testing::ReadSome(fd)).empty();) data += more;
  close(fd);
  size_t end = data.find("\r\n\r\n");
  if (end == std::string::npos) return {};
  samrad::testing::RawResponse r{data.substr(0, end + 2), data.substr(end + 4)};
  if (r.head.find("Transfer-Encoding: chunked") == std::string::npos) return r;
  std::string body;
  for (size_t at = 0; at < r.body.size();) {
    size_t line = r.body.find("\r\n", at);
    size_t size = std::stoul(r.body.substr(at, line - at), nullptr, 16);
    body += r.body.substr(line + 2, size);
    at = line + 2 + size + 2;
    if (size == 0) break;
  }
  r.body = body;
  return r;
}

bool HeadHas(const std::string& head, const std::string& line) { return head.find(line) != std::string::npos; }

std::string Inflate(const std::string& bytes) {
  z_stream z{};
  BOOST_REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  std::string out(bytes.size() * 20 + 4096, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    if (z.total_out == out.size()) out.resize(out.size() * 2);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + z.total_out);
    z.avail_out = static_cast<uInt>(out.size() - z.total_out);
    rc = inflate(&z, Z_NO_FLUSH);
  }
  out.resize(z.total_out);
  inflateEnd(&z);
  BOOST_REQUIRE_MESSAGE(rc == Z_STREAM_END, "not a whole gzip stream");
  return out;
}

void CheckProblem(const HttpResult& r, int status) {
  BOOST_TEST(r.status == status);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  BOOST_TEST(r.json()["status"] == status);
}

std::map<std::string, std::string> Origin() { return {{"Origin", "http://elsewhere.example"}}; }

}  // namespace

BOOST_AUTO_TEST_CASE(public_reads_are_open_to_any_origin_without_credentials) {
  TestServer s;
  std::string official = s.UserToken("official");
  OpenConsultation(s, official);
  for (std::string path : {"/api/v1/consultations", "/api/3/action/package_list", "/opendata/consultations.csv",
                           "/opendata/consultations.json", "/feeds/consultations.atom", "/api/v1/no-such-thing"}) {
    auto r = s.Get(path, "", Origin());
    BOOST_TEST(r.header("access-control-allow-origin") == "*", path);
    BOOST_TEST(r.header("access-control-allow-credentials").empty(), path);
  }
  BOOST_TEST(s.Get("/api/v1/consultations", "", Origin()).header("access-control-expose-headers").find("ETag") !=
             std::string::npos);
  // Signed in by cookie: still the wildcard, never the origin echoed with credentials.
  auto cookie = s.Get("/api/v1/consultations", "", {{"Origin", "http://elsewhere.example"},
                                                    {"Cookie", "samrad_session=" + official}});
  BOOST_TEST(cookie.header("access-control-allow-origin") == "*");
  BOOST_TEST(cookie.header("access-control-allow-credentials").empty());
  // Web pages and writes get no CORS grant at all.
  BOOST_TEST(s.Get("/consultations", "", Origin()).header("access-control-allow-origin").empty());
  auto write = s.Request("POST", "/api/v1/consultations", Draft().dump(), official, Origin());
  BOOST_TEST(write.status == 201);
  BOOST_TEST(write.header("access-control-allow-origin").empty());
}

namespace {
// The head of the answer to a browser's preflight from another origin.
std::string Preflight(int port, const std::string& path, const std::string& method, const std::string& headers) {
  return RawRequest(port, "OPTIONS " + path + " HTTP/1.1\r\nHost: x\r\nOrigin: http://elsewhere.example\r\n"
                          "Access-Control-Request-Method: " + method + "\r\n" +
                          (headers.empty() ? "" : "Access-Control-Request-Headers: " + headers + "\r\n") + "\r\n")
      .head;
}
}  // namespace

BOOST_AUTO_TEST_CASE(preflights_are_answered_for_reads_and_refused_for_writes) {
  TestServer s;
  std::string read = Preflight(s.port(), "/api/v1/consultations", "GET", "if-none-match");
  BOOST_TEST(read.starts_with("HTTP/1.1 204"));
  BOOST_TEST(HeadHas(read, "Access-Control-Allow-Origin: *"));
  BOOST_TEST(HeadHas(read, "Access-Control-Allow-Methods: GET, HEAD, OPTIONS"));
  BOOST_TEST(HeadHas(read, "If-None-Match"));
  BOOST_TEST(HeadHas(read, "Access-Control-Max-Age: "));
  BOOST_TEST(!HeadHas(read, "Allow-Credentials"));
  std::string ckan = Preflight(s.port(), "/api/3/action/package_search", "POST", "content-type");
  BOOST_TEST(ckan.starts_with("HTTP/1.1 204"));
  BOOST_TEST(HeadHas(ckan, "POST"));
  BOOST_TEST(HeadHas(ckan, "Content-Type"));
  std::string write = Preflight(s.port(), "/api/v1/consultations", "POST", "");
  BOOST_TEST(write.starts_with("HTTP/1.1 204"));
  BOOST_TEST(!HeadHas(write, "Access-Control-Allow-Origin"));
  BOOST_TEST(HeadHas(write, "Allow: "));
}

BOOST_AUTO_TEST_CASE(head_says_the_get_length_and_304_says_none) {
  TestServer s;
  std::string official = s.UserToken("official");
  OpenConsultation(s, official);
  auto get = s.Get("/api/v1/consultations");
  auto head = RawRequest(s.port(), "HEAD /api/v1/consultations HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(head.head.starts_with("HTTP/1.1 200"));
  BOOST_TEST(HeadHas(head.head, "Content-Length: " + std::to_string(get.body.size()) + "\r\n"));
  auto missing = RawRequest(s.port(), "HEAD /api/v1/consultations/999 HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(missing.head.starts_with("HTTP/1.1 404"));
  BOOST_TEST(HeadHas(missing.head, "Content-Length: " + std::to_string(s.Get("/api/v1/consultations/999").body.size())));
  auto stream = RawRequest(s.port(), "HEAD /opendata/consultations.csv HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(stream.head.starts_with("HTTP/1.1 200"));
  BOOST_TEST(!HeadHas(stream.head, "Content-Length: 0"));
  auto not_modified = RawRequest(s.port(), "GET /api/v1/consultations HTTP/1.1\r\nHost: x\r\nIf-None-Match: " +
                                               get.header("etag") + "\r\n\r\n");
  BOOST_TEST(not_modified.head.starts_with("HTTP/1.1 304"));
  BOOST_TEST(!HeadHas(not_modified.head, "Content-Length"));
  BOOST_TEST(HeadHas(not_modified.head, "ETag: " + get.header("etag")));
}

BOOST_AUTO_TEST_CASE(unknown_methods_are_501_problems) {
  TestServer s;
  auto trace = RawRequest(s.port(), "TRACE /api/v1/consultations HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(trace.head.starts_with("HTTP/1.1 501"));
  BOOST_TEST(HeadHas(trace.head, "application/problem+json"));
  BOOST_TEST(json::parse(trace.body)["status"] == 501);
  CheckProblem(s.Request("POST", "/api/v1/consultations", "{}", s.UserToken("official"),
                         {{"Content-Type", "application/x-unheard-of"}}),
               415);
}

BOOST_AUTO_TEST_CASE(invalid_input_names_every_field_as_a_json_pointer) {
  TestServer s;
  std::string official = s.UserToken("official");
  json body = Draft();
  body["admin"] = true;
  body["a/b"] = 1;
  body["sections"] = json::array({{{"heading", "H"}, {"body", "B"}, {"extra", 1}}});
  auto r = s.Post("/api/v1/consultations", body, official);
  CheckProblem(r, 422);
  std::set<std::string> fields;
  json problem = r.json();
  for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  BOOST_TEST(fields.count("/admin") == 1u);
  BOOST_TEST(fields.count("/a~1b") == 1u);
  BOOST_TEST(fields.count("/sections/0/extra") == 1u);
  BOOST_TEST(fields.size() == 3u);

  auto both = s.Get("/api/v1/consultations?limit=0&cursor=not-a-cursor");
  CheckProblem(both, 422);
  fields.clear();
  problem = both.json();
  for (const auto& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  BOOST_TEST((fields == std::set<std::string>{"/cursor", "/limit"}));
}

BOOST_AUTO_TEST_CASE(every_401_names_the_bearer_scheme) {
  TestServer s;
  auto none = s.Post("/api/v1/consultations", Draft());
  CheckProblem(none, 401);
  BOOST_TEST(none.header("www-authenticate").starts_with("Bearer"));
  auto bad = s.Get("/api/v1/me", "no-such-token");
  CheckProblem(bad, 401);
  BOOST_TEST(bad.header("www-authenticate").starts_with("Bearer"));
  BOOST_TEST(s.Get("/api/v1/me").header("www-authenticate").starts_with("Bearer"));
}

BOOST_AUTO_TEST_CASE(every_create_says_where_it_made_the_resource) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken();
  auto c = s.Post("/api/v1/consultations", Draft(), official);
  BOOST_TEST(c.status == 201);
  BOOST_TEST(s.Get(c.header("location"), official).json()["id"] == c.json()["id"]);
  int64_t open = OpenConsultation(s, official);
  auto k = s.Post("/api/v1/consultations/" + std::to_string(open) + "/comments", {{"body", "Bra"}}, resident);
  BOOST_TEST(k.status == 201);
  BOOST_TEST(s.Get(k.header("location")).json()["id"] == k.json()["id"]);
  auto d = s.Post("/api/v1/decisions", DecisionBody(), official);
  BOOST_TEST(s.Get(d.header("location")).json()["id"] == d.json()["id"]);
  auto a = s.Post(d.header("location") + "/amendments",
                  {{"changes", {{"outcome", "rejected"}}}, {"reason", "Omprövning"}}, official);
  BOOST_TEST(a.status == 201);
  BOOST_TEST(s.Get(a.header("location")).json()["version"] == 2);
  auto session = s.Post("/api/v1/sessions", {{"email", "nobody@test.example"}, {"password", "x"}});
  BOOST_TEST(session.header("location").empty());  // not created: no Location
  auto flag = s.Post("/api/v1/comments/" + std::to_string(k.json()["id"].get<int64_t>()) + "/flags",
                     {{"reason", "spam"}}, official);
  BOOST_TEST(flag.status == 201);
  BOOST_TEST(!flag.header("location").empty());
}

BOOST_AUTO_TEST_CASE(if_match_protects_against_lost_updates) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string path = "/api/v1/consultations/" + std::to_string(OpenConsultation(s, official));
  std::string etag = s.Get(path, official).header("etag");
  auto first = s.Request("PATCH", path, json{{"title", "Först"}}.dump(), official, {{"If-Match", etag}});
  BOOST_TEST(first.status == 200);
  auto stale = s.Request("PATCH", path, json{{"title", "Sist"}}.dump(), official, {{"If-Match", etag}});
  CheckProblem(stale, 412);
  BOOST_TEST(s.Get(path, official).json()["title"] == "Först");
  auto fresh = s.Request("PATCH", path, json{{"title", "Sist"}}.dump(), official,
                         {{"If-Match", s.Get(path, official).header("etag")}});
  BOOST_TEST(fresh.status == 200);
  // The gzip form's ETag names the same state.
  std::string gz = s.Get(path, official, {{"Accept-Encoding", "gzip"}}).header("etag");
  BOOST_TEST(s.Request("PATCH", path, json{{"title", "Gzip"}}.dump(), official, {{"If-Match", gz}}).status == 200);

  std::string resident = s.ResidentToken();
  auto k = s.Post(path + "/comments", {{"body", "Ett"}}, resident);
  std::string comment = "/api/v1/comments/" + std::to_string(k.json()["id"].get<int64_t>());
  std::string kept = s.Get(comment).header("etag");
  BOOST_TEST(s.Request("PATCH", comment, json{{"body", "Två"}}.dump(), resident, {{"If-Match", kept}}).status == 200);
  CheckProblem(s.Request("PATCH", comment, json{{"body", "Tre"}}.dump(), resident, {{"If-Match", kept}}), 412);
  BOOST_TEST(s.Get(comment).json()["body"] == "Två");

  std::string decision = s.Post("/api/v1/decisions", DecisionBody(), official).header("location");
  std::string before = s.Get(decision).header("etag");
  json amend = {{"changes", {{"outcome", "rejected"}}}, {"reason", "Omprövning"}};
  BOOST_TEST(s.Request("POST", decision + "/amendments", amend.dump(), official, {{"If-Match", before}}).status == 201);
  amend["changes"]["outcome"] = "postponed";
  CheckProblem(s.Request("POST", decision + "/amendments", amend.dump(), official, {{"If-Match", before}}), 412);
  BOOST_TEST(s.Get(decision).json()["outcome"] == "rejected");
}

BOOST_AUTO_TEST_CASE(reads_carry_last_modified_and_vary_on_who_asks) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string consultation = "/api/v1/consultations/" + std::to_string(OpenConsultation(s, official));
  BOOST_TEST(!s.Get(consultation).header("last-modified").empty());
  std::string decision = s.Post("/api/v1/decisions", DecisionBody(), official).header("location");
  auto d = s.Get(decision);
  BOOST_TEST(d.header("last-modified").ends_with(" GMT"));
  BOOST_TEST(s.Get(decision, "", {{"If-Modified-Since", d.header("last-modified")}}).status == 304);
  // Officials see drafts: the list depends on who asks.
  s.Post("/api/v1/consultations", Draft("Utkast"), official);
  auto anonymous = s.Get("/api/v1/consultations");
  auto signed_in = s.Get("/api/v1/consultations", official);
  BOOST_TEST(anonymous.json()["items"].size() + 1 == signed_in.json()["items"].size());
  BOOST_TEST(anonymous.header("vary").find("Authorization") != std::string::npos);
  BOOST_TEST(anonymous.header("vary").find("Cookie") != std::string::npos);
  BOOST_TEST(signed_in.header("cache-control").find("no-store") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(compressible_answers_are_gzipped_for_clients_that_accept_it) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t id = OpenConsultation(s, official);
  for (int i = 0; i < 20; ++i) OpenConsultation(s, official);
  for (std::string path : {"/api/v1/openapi.json", "/api/v1/consultations?limit=50", "/consultations",
                           "/opendata/catalog.rdf", "/opendata/consultations.csv", "/opendata/consultations.ndjson",
                           "/feeds/consultations.atom"}) {
    std::string get = "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    auto plain = RawRequest(s.port(), get);
    auto packed = RawRequest(s.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
    BOOST_TEST(packed.head.starts_with("HTTP/1.1 200"), path);
    BOOST_TEST(HeadHas(packed.head, "Content-Encoding: gzip"), path);
    BOOST_TEST(HeadHas(packed.head, "Vary: Accept-Encoding"), path);
    BOOST_TEST(!HeadHas(plain.head, "Content-Encoding"), path);
    BOOST_TEST(plain.body.size() >= 1024u, path);
    BOOST_TEST(packed.body.size() < plain.body.size(), path);
    BOOST_TEST(Inflate(packed.body) == plain.body, path);
  }
  // A small answer is sent as it is.
  auto small = RawRequest(s.port(), "GET /api/v1/consultations/" + std::to_string(id) +
                                        "/versions HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
  BOOST_TEST(small.head.starts_with("HTTP/1.1 200"));
  BOOST_TEST(small.body.size() < 1024u);
  BOOST_TEST(!HeadHas(small.head, "Content-Encoding"));
}
