// The request pipeline against hostile spellings and headers: other
// spellings of a path (//api, /./api, %2F) neither skip the CSRF check nor
// reach a route, X-Forwarded-For counts only from a trusted proxy, form text
// that cannot be stored is refused, the sign-in target stays on the site,
// signed-in answers are not cached, and /metrics is not public.
#define BOOST_TEST_MODULE request_pipeline_security_e2e
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <regex>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

struct Raw {
  int status = 0;
  std::string head;  // lower-cased status line and headers
  std::string body;
  bool Has(const std::string& header_line) const { return head.find(header_line) != std::string::npos; }
};

// One request over a fresh connection from the given source address, sent
// byte for byte (an HTTP library would tidy the path).
Raw Send(int port, const std::string& method, const std::string& target,
         std::map<std::string, std::string> headers = {}, const std::string& body = "",
         const std::string& source = "127.0.0.1") {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, source.c_str(), &from.sin_addr);
  BOOST_REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  BOOST_REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!body.empty()) req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "\r\n" + body;
  BOOST_REQUIRE(write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size()));
  std::string data;
  char buf[16384];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<size_t>(n));
  close(fd);
  Raw r;
  size_t end = data.find("\r\n\r\n");
  if (end == std::string::npos || data.size() < 12) return r;
  r.status = std::stoi(data.substr(9, 3));
  r.head = data.substr(0, end + 2);
  for (auto& c : r.head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  r.body = data.substr(end + 4);
  return r;
}

int64_t LogHead(TestServer& s) { return s.Get("/healthz").json()["log_head"]; }

// Other spellings of a path that SplitPath would route to the same place.
std::vector<std::string> Respellings(const std::string& path) {
  size_t second = path.find('/', 1);
  if (second == std::string::npos) return {"/" + path, "/." + path, "/x/.." + path, path + "/", "/%2E" + path};
  return {"/" + path,                                            // //api/v1/...
          path.substr(0, second) + "/" + path.substr(second),   // /api//v1/...
          "/." + path,                                           // /./api/v1/...
          path.substr(0, second) + "/x/.." + path.substr(second),
          path + "/",
          path.substr(0, second) + "%2F" + path.substr(second + 1),
          path.substr(0, second) + "/%2E" + path.substr(second)};
}

json Decision() {
  return {{"title", "Cykelbana byggs"}, {"body", "Kommunstyrelsen beslutar."}, {"body_name", "Kommunstyrelsen"},
          {"reference", "KFKS 2026/123"}, {"decided_at", "2026-11-20"}, {"outcome", "approved"}};
}

struct World {
  TestServer s{true};
  std::string admin = s.UserToken("admin", "Ada Admin");
  std::string resident = s.ResidentToken("Rut");
  int64_t consultation = PublishConsultation(s, admin);
  int64_t comment = PostComment(s, consultation, resident, "En synpunkt");
  int64_t decision = s.Post("/api/v1/decisions", Decision(), admin).json()["id"];
  std::string cookie = "samrad_session=" + admin;

  // A concrete path for a route pattern of the OpenAPI document.
  std::string Concrete(std::string pattern) const {
    std::string id = pattern.starts_with("/api/v1/consultations") || pattern.starts_with("/consultations") ||
                             pattern.starts_with("/desk/consultations")
                         ? std::to_string(consultation)
                     : pattern.find("decisions") != std::string::npos ? std::to_string(decision)
                                                                       : std::to_string(comment);
    pattern = std::regex_replace(pattern, std::regex("\\{action\\}"), "package_search");
    return std::regex_replace(pattern, std::regex("\\{[a-z_]+\\}"), id);
  }
};

// A body that would succeed where it matters most (the reaction and a
// decision), else an empty object or form.
std::string BodyFor(const std::string& path) {
  if (!path.starts_with("/api/")) return "outcome=approved&title=x&body=y&moderation_reason=z&action=hide";
  if (path.ends_with("/reaction")) return R"({"kind":"support"})";
  if (path == "/api/v1/decisions") return Decision().dump();
  return "{}";
}

}  // namespace

BOOST_AUTO_TEST_CASE(cookie_writes_need_their_token_on_every_route_and_every_spelling) {
  World w;
  auto doc = w.s.Get("/api/v1/openapi.json").json();
  std::vector<std::pair<std::string, std::string>> writes;  // method, path
  for (const auto& [pattern, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      if (method != "post" && method != "put" && method != "patch" && method != "delete") continue;
      std::string m = method;
      for (auto& c : m) c = static_cast<char>(std::toupper(c));
      writes.emplace_back(m, w.Concrete(pattern));
    }
  }
  BOOST_TEST(writes.size() >= 30u);
  // Signing out and deleting the account go last: they would end the cookie.
  std::stable_partition(writes.begin(), writes.end(), [](const auto& mp) {
    return mp.second != "/api/v1/me" && mp.second != "/api/v1/sessions/current" && mp.second != "/logout";
  });
  int64_t head = LogHead(w.s);
  for (const auto& [method, path] : writes) {
    bool api = path.starts_with("/api/");
    std::map<std::string, std::string> h = {
        {"Cookie", w.cookie},
        {"Content-Type", api ? "application/json" : "application/x-www-form-urlencoded"}};
    BOOST_TEST_CONTEXT(method << " " << path) {
      auto plain = Send(w.s.port(), method, path, h, BodyFor(path));
      BOOST_TEST(plain.status >= 400);
      if (api && path != "/api/v1/datasets") BOOST_TEST(plain.status == 403);
      for (const auto& other : Respellings(path)) {
        BOOST_TEST_CONTEXT("as " << other) {
          auto r = Send(w.s.port(), method, other, h, BodyFor(path));
          BOOST_TEST(r.status == 404);
          BOOST_TEST(r.Has("content-type: application/problem+json"));
        }
      }
    }
  }
  BOOST_TEST(LogHead(w.s) == head);
  // The same cookie with its token does write, on the one real spelling.
  std::string path = "/api/v1/comments/" + std::to_string(w.comment) + "/reaction";
  std::string csrf = CsrfOf(w.s.Get("/me", "", {{"Cookie", w.cookie}}).body);
  std::map<std::string, std::string> h = {{"Cookie", w.cookie}, {"Content-Type", "application/json"},
                                          {"X-CSRF-Token", csrf}};
  BOOST_TEST(Send(w.s.port(), "PUT", "/" + path, h, R"({"kind":"support"})").status == 404);
  BOOST_TEST(Send(w.s.port(), "PUT", path, h, R"({"kind":"support"})").status == 200);
}

BOOST_AUTO_TEST_CASE(other_spellings_of_a_read_are_404_problems) {
  TestServer s;
  BOOST_TEST(Send(s.port(), "GET", "/api/v1/consultations").status == 200);
  for (const std::string& p : {"//api/v1/consultations", "/api//v1/consultations", "/./api/v1/consultations",
                               "/api/v1/../v1/consultations", "/api/v1/consultations/", "/api%2Fv1/consultations",
                               "/api/v1/%2e%2e/v1/consultations", "/api/v1/consultations%00",
                               "/api/v1/consultations%FF", "/api\\v1/consultations"}) {
    BOOST_TEST_CONTEXT(p) {
      auto r = Send(s.port(), "GET", p);
      BOOST_TEST(r.status == 404);
      BOOST_TEST(r.Has("content-type: application/problem+json"));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_404_page_never_links_off_site) {
  TestServer s;
  for (const std::string& p : {"//evil.example/x", "/%2Fevil.example/x", "/\\evil.example/x", "/./evil.example"}) {
    BOOST_TEST_CONTEXT(p) {
      auto r = Send(s.port(), "GET", p, {{"Accept", "text/html"}});
      BOOST_TEST(r.status == 404);
      BOOST_TEST(r.body.find("evil.example") == std::string::npos);
      BOOST_TEST(r.body.find("href=\"//") == std::string::npos);
      BOOST_TEST(r.body.find("href=\"/?lang=en\"") != std::string::npos);
    }
  }
  // A canonical unknown path keeps its own language link.
  auto r = Send(s.port(), "GET", "/evil.example/x", {{"Accept", "text/html"}});
  BOOST_TEST(r.status == 404);
  BOOST_TEST(r.body.find("href=\"/evil.example/x?lang=en\"") != std::string::npos);
}

namespace {
// One failed sign-in with a fresh e-mail address (so that only the
// per-address limit can answer 429); its status.
int FailedLogin(TestServer& s, const std::string& forwarded_for, int* counter) {
  json b = {{"email", "nobody" + std::to_string((*counter)++) + "@example.org"}, {"password", "wrong-password"}};
  return Send(s.port(), "POST", "/api/v1/sessions",
              {{"Content-Type", "application/json"}, {"X-Forwarded-For", forwarded_for}}, b.dump())
      .status;
}

// Fails sign-ins from one address until the per-address limit answers 429;
// the number of failures it took.
int FailUntilLimited(TestServer& s, const std::string& forwarded_for, int* counter) {
  for (int i = 0; i < 1000; ++i) {
    int status = FailedLogin(s, forwarded_for, counter);
    if (status == 429) return i;
    BOOST_REQUIRE_EQUAL(status, 401);
  }
  BOOST_FAIL("no per-address limit");
  return 0;
}
}  // namespace

BOOST_AUTO_TEST_CASE(forwarded_for_names_the_client_only_behind_a_trusted_proxy) {
  int counter = 0;
  {
    TestServer s(false, {"--trusted-proxy", "127.0.0.1"});
    BOOST_TEST(FailUntilLimited(s, "198.51.100.9, 203.0.113.7", &counter) > 0);
    BOOST_TEST(FailedLogin(s, "203.0.113.7", &counter) == 429);
    // What the client wrote to the left of the proxy's entry changes nothing.
    BOOST_TEST(FailedLogin(s, "198.51.100.10, 203.0.113.7", &counter) == 429);
    // A trusted proxy in the chain is skipped over.
    BOOST_TEST(FailedLogin(s, "203.0.113.7, 127.0.0.1", &counter) == 429);
    // Another client behind the same proxy has its own count.
    BOOST_TEST(FailedLogin(s, "203.0.113.8", &counter) == 401);
  }
  {
    // Without --trusted-proxy the header is the client's say-so: ignored.
    TestServer s;
    BOOST_TEST(FailUntilLimited(s, "203.0.113.7", &counter) > 0);
    BOOST_TEST(FailedLogin(s, "203.0.113.8", &counter) == 429);
  }
  BOOST_TEST(RunSamrad({"serve", "--data", "/nonexistent", "--trusted-proxy", "not-an-address"}).exit_code != 0);
}

BOOST_AUTO_TEST_CASE(form_text_that_cannot_be_stored_is_refused_with_a_page) {
  World w;
  Browser b = SignedIn(w.s, w.admin);
  std::string cid = std::to_string(w.consultation), kid = std::to_string(w.comment);
  int64_t head = LogHead(w.s);
  struct Case {
    std::string path;
    std::vector<std::pair<std::string, std::string>> fields;
  };
  std::vector<Case> cases = {
      {"/comments/" + kid + "/moderation", {{"action", "hide"}, {"moderation_reason", "Spam \xFF"}}},
      {"/comments/" + kid + "/moderation", {{"action", "hide"}, {"moderation_reason", std::string("a\0b", 3)}}},
      {"/consultations/" + cid + "/comments", {{"body", "Bra \xC3\x28 förslag"}}},
      {"/consultations/" + cid + "/comments", {{"body", "Klockan\x07"}}},
      {"/comments/" + kid + "/edit", {{"body", "\xED\xA0\x80 surrogat"}}},
      {"/desk/decisions", {{"title", "Rad\nbrytning"}, {"body", "B"}, {"body_name", "KS"}, {"outcome", "approved"},
                           {"reference", "R 1"}, {"decided_at", "2026-11-20"}}},
      {"/desk/consultations", {{"title", std::string(9000, 'x')}, {"summary", "S"}, {"body", "B"}}},
      {"/decisions/" + std::to_string(w.decision) + "/amendments", {{"reason", "\xC0\xAF"}, {"title", "T"}}},
      {"/me/privacy", {{"public_name\xFF", "1"}}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.path << " " << c.fields.front().first) {
      auto r = b.Post(w.s, c.path, c.fields);
      BOOST_TEST(r.status == 400);
      BOOST_TEST(r.header("content-type").starts_with("text/html"));
      BOOST_TEST((r.body.find("Nothing was saved") != std::string::npos ||
                  r.body.find("Inget sparades") != std::string::npos));
    }
  }
  BOOST_TEST(LogHead(w.s) == head);
  // A good reason on the same form still works.
  BOOST_TEST(b.Post(w.s, "/comments/" + kid + "/moderation", {{"action", "hide"}, {"moderation_reason", "Spam\r\nrad 2"}})
                 .status == 303);
}

BOOST_AUTO_TEST_CASE(the_target_after_signing_in_stays_on_this_site) {
  TestServer s;
  std::string password = "a-good-password";
  int n = 0;
  // A fresh account every few sign-ins stays under the per-account limit.
  auto sign_in = [&](const std::string& next) {
    std::string email = "signer" + std::to_string(n++ / 4) + "@example.org";
    if (n % 4 == 1) {
      BOOST_REQUIRE(s.Post("/api/v1/accounts", json{{"email", email}, {"password", password}, {"display_name", "S"}})
                        .status == 201);
    }
    auto page = s.Get("/login");
    std::string pre = CookieValue(SetCookie(page, "samrad_presession"));
    std::map<std::string, std::string> h = kForm;
    h["Cookie"] = std::string("samrad_presession=") + pre;
    auto r = s.Request("POST", "/login",
                       FormBody({{"email", email}, {"password", password}, {"next", next}, {"csrf", CsrfOf(page.body)}}),
                       "", h);
    // A control character in the field refuses the whole form (400); any
    // redirect goes to a local target.
    BOOST_TEST((r.status == 303 || (r.status == 400 && next.find_first_of("\t\r\n") != std::string::npos)));
    return r.status == 400 ? std::string("/me") : r.header("location");
  };
  for (const std::string& next : {"//evil.example", "/\\evil.example", "/\t/evil.example", "%2F%2Fevil.example",
                                  "/%2F/evil.example", "/%09/evil.example", "/%5Cevil.example", "https://evil.example",
                                  "/ok\r\nSet-Cookie: x=1"}) {
    BOOST_TEST_CONTEXT(next) { BOOST_TEST(sign_in(next) == "/me"); }
  }
  BOOST_TEST(sign_in("/consultations?page=2") == "/consultations?page=2");
  // The sign-in page does not carry a bad target into its form either.
  for (const std::string& q : {"/%09/evil.example", "//evil.example", "%2F%2Fevil.example", "/%5Cevil.example"}) {
    auto page = s.Get("/login?next=" + q);
    BOOST_TEST(page.body.find("name=\"next\" value=\"/me\"") != std::string::npos, q);
  }
}

BOOST_AUTO_TEST_CASE(signed_in_answers_are_never_stored_by_caches) {
  TestServer s;
  auto reg = s.Request("POST", "/api/v1/accounts",
                       json{{"email", "c@example.org"}, {"password", "a-good-password"}, {"display_name", "C"}}.dump());
  BOOST_TEST(reg.header("cache-control") == "no-store");
  auto login = s.Request("POST", "/api/v1/sessions", json{{"email", "c@example.org"}, {"password", "a-good-password"}}.dump());
  BOOST_REQUIRE(login.status == 201);
  BOOST_TEST(login.header("cache-control") == "no-store");
  std::string token = login.json()["token"];
  BOOST_TEST(s.Get("/api/v1/me", token).header("cache-control") == "no-store");
  BOOST_TEST(s.Get("/api/v1/consultations", token).header("cache-control") == "no-store");
  for (const std::string& page : {"/me", "/consultations", "/", "/decisions"}) {
    BOOST_TEST_CONTEXT(page) {
      auto r = s.Get(page, "", {{"Cookie", "samrad_session=" + token}});
      BOOST_TEST(r.status == 200);
      BOOST_TEST(r.header("cache-control") == "no-store");
      BOOST_TEST(r.header("vary").find("Cookie") != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(metrics_answer_loopback_allowed_addresses_and_the_token_only) {
  {
    TestServer s;
    BOOST_TEST(Send(s.port(), "GET", "/metrics").status == 200);
    BOOST_TEST(Send(s.port(), "GET", "/metrics", {}, "", "127.0.0.2").status == 200);  // 127/8 is loopback
  }
  {
    TestServer s(false, {"--metrics-allow", "127.0.0.1", "--metrics-token", "s3cret-metrics"});
    BOOST_TEST(Send(s.port(), "GET", "/metrics").status == 200);
    auto refused = Send(s.port(), "GET", "/metrics", {}, "", "127.0.0.2");
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(refused.Has("content-type: application/problem+json"));
    BOOST_TEST(refused.body.find("samrad_") == std::string::npos);
    // X-Forwarded-For from an untrusted peer is no way in.
    BOOST_TEST(Send(s.port(), "GET", "/metrics", {{"X-Forwarded-For", "127.0.0.1"}}, "", "127.0.0.2").status == 403);
    BOOST_TEST(Send(s.port(), "GET", "/metrics", {{"Authorization", "Bearer wrong"}}, "", "127.0.0.2").status == 403);
    BOOST_TEST(Send(s.port(), "GET", "/metrics", {{"Authorization", "Bearer s3cret-metrics"}}, "", "127.0.0.2").status ==
               200);
  }
  {
    // Through a proxy on the same host every visitor's peer is loopback.
    TestServer s(false, {"--trusted-proxy", "127.0.0.1"});
    BOOST_TEST(Send(s.port(), "GET", "/metrics", {{"X-Forwarded-For", "203.0.113.7"}}).status == 403);
    BOOST_TEST(Send(s.port(), "GET", "/metrics").status == 200);
  }
}
