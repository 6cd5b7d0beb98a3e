// WebSub against a real subscriber (tests/websub/subscriber.py, Python's
// http.server on loopback): feeds name the hub; subscribing is verified at
// the callback before it takes effect; a new decision reaches the
// subscriber as the updated feed with a valid X-Hub-Signature; failed
// deliveries are retried after a backoff; unsubscribing is verified too; and
// callbacks on internal addresses, foreign topics and callbacks that do not
// echo the challenge get nowhere (and no request is made to them); a crash
// loses neither a change nor a queued delivery.
#define BOOST_TEST_MODULE websub_e2e
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <functional>
#include <httplib.h>
#include <thread>

#include "tests/support/test_server.h"
#include "tests/support/web_forms.h"

using nlohmann::json;
using samrad::testing::FormBody;
using samrad::testing::HttpResult;
using samrad::testing::kForm;
using samrad::testing::TestServer;

namespace {
const std::string kSecret = "a subscriber's own secret";

// The Python subscriber, running until destroyed.
class Subscriber {
 public:
  Subscriber() {
    int out[2], in[2];
    BOOST_REQUIRE(pipe(out) == 0 && pipe(in) == 0);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], 1);
      dup2(in[0], 0);
      close(out[0]);
      close(in[1]);
      std::string script = std::string(SAMRAD_SOURCE_DIR) + "/tests/websub/subscriber.py";
      execl("/usr/bin/python3", "python3", script.c_str(), "--secret", kSecret.c_str(), nullptr);
      _exit(127);
    }
    close(out[1]);
    close(in[0]);
    stdin_ = in[1];
    std::string line;
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
    close(out[0]);
    BOOST_REQUIRE_MESSAGE(line.starts_with("PORT "), "subscriber said: " << line);
    port_ = std::stoi(line.substr(5));
    ipv6_ = line.ends_with(" v6");
  }
  ~Subscriber() {
    close(stdin_);
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int port() const { return port_; }
  bool ipv6() const { return ipv6_; }
  // Every request the subscriber got so far.
  json Log() const {
    httplib::Client c("127.0.0.1", port_);
    auto r = c.Get("/_log");
    BOOST_REQUIRE(r);
    return json::parse(r->body);
  }
  // The requests to one callback path, of one method.
  std::vector<json> To(const std::string& path, const std::string& method) const {
    std::vector<json> out;
    for (const auto& e : Log()) {
      if (e["path"] == path && e["method"] == method) out.push_back(e);
    }
    return out;
  }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int port_ = 0;
  bool ipv6_ = false;
};

// Waits for a condition that the server reaches on its own threads; false
// when it is not reached within a generous bound.
bool Eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 400; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

// A count from the server's database (read-only, beside the running server).
int64_t Count(const TestServer& s, const std::string& sql, const std::string& arg = "") {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2((s.data_dir() + "/data/samrad.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_text(st, 1, arg.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return n;
}

int64_t Subscribed(const TestServer& s, const std::string& callback) {
  return Count(s, "SELECT count(*) FROM websub_subscriptions WHERE callback = ?", callback);
}

int64_t Pending(const TestServer& s, const std::string& callback) {
  return Count(s, "SELECT count(*) FROM websub_requests WHERE callback = ?", callback);
}

HttpResult Hub(TestServer& s, const std::vector<std::pair<std::string, std::string>>& fields) {
  return s.Request("POST", "/websub", FormBody(fields), "", kForm);
}

HttpResult Subscribe(TestServer& s, const std::string& topic, const std::string& callback, bool secret = true) {
  std::vector<std::pair<std::string, std::string>> f = {
      {"hub.mode", "subscribe"}, {"hub.topic", topic}, {"hub.callback", callback}};
  if (secret) f.emplace_back("hub.secret", kSecret);
  return Hub(s, f);
}

HttpResult Publish(TestServer& s, const std::string& token, const std::string& title) {
  return s.Post("/api/v1/decisions", {{"title", title},
                                      {"body", "Kommunstyrelsen beslutar enligt förslaget."},
                                      {"body_name", "Kommunstyrelsen"},
                                      {"reference", "KS 2026/" + std::to_string(title.size())},
                                      {"decided_at", "2026-12-01"},
                                      {"outcome", "approved"}},
                token);
}

bool HasTitle(const json& delivery, const std::string& title) {
  if (!delivery["titles"].is_array()) return false;
  for (const auto& t : delivery["titles"]) {
    if (t == title) return true;
  }
  return false;
}

struct World {
  Subscriber sub;
  TestServer s{true, {"--websub-allow", "127.0.0.1/32"}};
  std::string official = s.UserToken("official");
  std::string topic = s.url() + "/feeds/decisions.atom";
};
}  // namespace

BOOST_AUTO_TEST_CASE(feeds_name_the_hub_and_themselves) {
  TestServer s;
  for (const std::string ext : {"atom", "rss"}) {
    std::string self = s.url() + "/feeds/consultations." + ext;
    auto r = s.Get("/feeds/consultations." + ext);
    BOOST_TEST_REQUIRE(r.status == 200);
    BOOST_TEST(r.header("link") == "<" + s.url() + "/websub>; rel=\"hub\", <" + self + ">; rel=\"self\"");
    BOOST_TEST(r.body.find("rel=\"hub\" href=\"" + s.url() + "/websub\"") != std::string::npos, r.body);
    BOOST_TEST(r.body.find("rel=\"self\" href=\"" + self + "\"") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_subscriber_gets_the_updated_feed_signed_and_can_unsubscribe) {
  World w;
  std::string callback = w.sub.Url("/good/journalist");
  auto r = Subscribe(w.s, w.topic, callback);
  BOOST_TEST_REQUIRE(r.status == 202, r.body);
  // Verification of intent: a GET with the challenge, and only then active.
  BOOST_TEST_REQUIRE(Eventually([&] { return Subscribed(w.s, callback) == 1; }));
  auto checks = w.sub.To("/good/journalist", "GET");
  BOOST_TEST_REQUIRE(checks.size() == 1u);
  BOOST_TEST(checks[0]["query"]["hub.mode"] == "subscribe");
  BOOST_TEST(checks[0]["query"]["hub.topic"] == w.topic);
  BOOST_TEST(checks[0]["query"]["hub.lease_seconds"] == "864000");
  BOOST_TEST(checks[0]["query"]["hub.challenge"].get<std::string>().size() >= 16u);
  BOOST_TEST(w.sub.To("/good/journalist", "POST").empty());

  BOOST_TEST_REQUIRE(Publish(w.s, w.official, "Ny cykelbana längs Värmdövägen").status == 201);
  BOOST_TEST_REQUIRE(Eventually([&] { return !w.sub.To("/good/journalist", "POST").empty(); }));
  json delivery = w.sub.To("/good/journalist", "POST")[0];
  BOOST_TEST(delivery["signed"] == true);
  BOOST_TEST(delivery["signature_ok"] == true);
  BOOST_TEST(HasTitle(delivery, "Ny cykelbana längs Värmdövägen"), delivery.dump());
  BOOST_TEST(delivery["headers"]["content-type"].get<std::string>().starts_with("application/atom+xml"));
  BOOST_TEST(delivery["headers"]["link"] == "<" + w.s.url() + "/websub>; rel=\"hub\", <" + w.topic + ">; rel=\"self\"");
  BOOST_TEST(delivery["feed_links"]["hub"] == w.s.url() + "/websub");
  BOOST_TEST(delivery["feed_links"]["self"] == w.topic);

  // Unsubscribing is verified the same way, then nothing more comes.
  r = Hub(w.s, {{"hub.mode", "unsubscribe"}, {"hub.topic", w.topic}, {"hub.callback", callback}});
  BOOST_TEST_REQUIRE(r.status == 202, r.body);
  BOOST_TEST_REQUIRE(Eventually([&] { return Subscribed(w.s, callback) == 0; }));
  BOOST_TEST(w.sub.To("/good/journalist", "GET").back()["query"]["hub.mode"] == "unsubscribe");
  // Another subscriber of the same topic shows when the next change has been sent.
  std::string other = w.sub.Url("/good/other");
  BOOST_TEST_REQUIRE(Subscribe(w.s, w.topic, other, false).status == 202);
  BOOST_TEST_REQUIRE(Eventually([&] { return Subscribed(w.s, other) == 1; }));
  BOOST_TEST_REQUIRE(Publish(w.s, w.official, "Nytt beslut om parkering").status == 201);
  BOOST_TEST_REQUIRE(Eventually([&] { return !w.sub.To("/good/other", "POST").empty(); }));
  json unsigned_delivery = w.sub.To("/good/other", "POST")[0];
  BOOST_TEST(unsigned_delivery["signed"] == false);  // no secret, no signature
  BOOST_TEST(HasTitle(unsigned_delivery, "Nytt beslut om parkering"));
  BOOST_TEST(w.sub.To("/good/journalist", "POST").size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_failed_delivery_is_retried_after_a_backoff) {
  World w;
  std::string callback = w.sub.Url("/flaky/reader");
  BOOST_TEST_REQUIRE(Subscribe(w.s, w.topic, callback).status == 202);
  BOOST_TEST_REQUIRE(Eventually([&] { return Subscribed(w.s, callback) == 1; }));
  BOOST_TEST_REQUIRE(Publish(w.s, w.official, "Beslut om skolskjuts").status == 201);
  BOOST_TEST_REQUIRE(Eventually([&] { return w.sub.To("/flaky/reader", "POST").size() == 1u; }));
  // The 500 waits for its backoff: a minute on the server's clock.
  BOOST_TEST_REQUIRE(Eventually([&] {
    return Count(w.s, "SELECT count(*) FROM websub_deliveries WHERE attempts = 1 AND last_error LIKE ?", "%500%") == 1;
  }));
  w.s.SetTime(1798761600 + 61);
  BOOST_TEST_REQUIRE(Eventually([&] { return w.sub.To("/flaky/reader", "POST").size() == 2u; }));
  BOOST_TEST_REQUIRE(Eventually([&] { return Count(w.s, "SELECT count(*) FROM websub_deliveries") == 0; }));
  json second = w.sub.To("/flaky/reader", "POST")[1];
  BOOST_TEST(second["signature_ok"] == true);
  BOOST_TEST(HasTitle(second, "Beslut om skolskjuts"));
}

BOOST_AUTO_TEST_CASE(a_callback_that_does_not_echo_the_challenge_is_not_subscribed) {
  World w;
  std::string callback = w.sub.Url("/badecho/someone");
  BOOST_TEST_REQUIRE(Subscribe(w.s, w.topic, callback).status == 202);
  BOOST_TEST_REQUIRE(Eventually([&] { return !w.sub.To("/badecho/someone", "GET").empty(); }));
  BOOST_TEST_REQUIRE(Eventually([&] { return Pending(w.s, callback) == 0; }));
  BOOST_TEST(Subscribed(w.s, callback) == 0);
}

BOOST_AUTO_TEST_CASE(refuses_internal_callbacks_and_foreign_topics_without_calling_anyone) {
  World w;
  std::string port = std::to_string(w.sub.port());
  for (const std::string& callback : {std::string("http://10.0.0.1/cb"), std::string("http://169.254.169.254/latest/meta-data/"),
                                      "http://[::1]:" + port + "/good/v6", "http://127.0.0.2:" + port + "/good/v4",
                                      "http://[::ffff:127.0.0.2]:" + port + "/good/mapped"}) {
    auto r = Subscribe(w.s, w.topic, callback);
    BOOST_TEST(r.status == 403, callback << ": " << r.body);
    BOOST_TEST(r.header("content-type") == "application/problem+json");
  }
  auto field = [](const HttpResult& r) { return r.json()["errors"][0]["field"].get<std::string>(); };
  std::string good = w.sub.Url("/good/refused");
  for (const std::string& topic : {std::string("http://example.org/feed.atom"), w.s.url() + "/feeds/nothing.atom",
                                   w.s.url() + "/feeds/consultations/999/comments.atom", w.s.url() + "/api/v1/decisions",
                                   w.s.url() + "/feeds/decisions.atom?archive=1"}) {
    auto r = Subscribe(w.s, topic, good);
    BOOST_TEST(r.status == 422, topic << ": " << r.body);
    if (r.status == 422) BOOST_TEST(field(r) == "/hub.topic");
  }
  auto r = Subscribe(w.s, w.topic, "ftp://127.0.0.1/x");
  BOOST_TEST(r.status == 422);
  BOOST_TEST(field(r) == "/hub.callback");
  r = Hub(w.s, {{"hub.mode", "follow"}, {"hub.topic", w.topic}, {"hub.callback", good}});
  BOOST_TEST(r.status == 422);
  BOOST_TEST(field(r) == "/hub.mode");
  r = Hub(w.s, {{"hub.mode", "subscribe"}, {"hub.topic", w.topic}, {"hub.callback", good},
                {"hub.secret", std::string(200, 's')}});
  BOOST_TEST(r.status == 422);
  BOOST_TEST(field(r) == "/hub.secret");
  // Over plain HTTP through a proxy, a secret would have crossed the network in the clear.
  r = w.s.Request("POST", "/websub",
                  FormBody({{"hub.mode", "subscribe"}, {"hub.topic", w.topic}, {"hub.callback", good},
                            {"hub.secret", kSecret}}),
                  "", {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Forwarded-Proto", "http"}});
  BOOST_TEST(r.status == 422);
  r = w.s.Request("POST", "/websub", "{\"hub.mode\":\"subscribe\"}", "", {{"Content-Type", "application/json"}});
  BOOST_TEST(r.status == 415);
  BOOST_TEST(w.s.Get("/websub").status == 405);
  // Nothing was queued, and nobody was called (the subscriber also listens on [::1]).
  BOOST_TEST(Count(w.s, "SELECT count(*) FROM websub_requests") == 0);
  BOOST_TEST(w.sub.Log().empty(), w.sub.Log().dump());
  BOOST_TEST_MESSAGE("the subscriber listens on [::1] too: " << w.sub.ipv6());
}

BOOST_AUTO_TEST_CASE(changes_and_queued_deliveries_survive_a_crash) {
  Subscriber sub;
  // A public base URL of its own: topics stay the same across restarts on new ports.
  TestServer s{true, {"--websub-allow", "127.0.0.1/32", "--base-url", "https://samrad.example.se"}};
  std::string official = s.UserToken("official");
  std::string topic = "https://samrad.example.se/feeds/decisions.atom";
  std::string flaky = sub.Url("/flaky/crash");
  std::string good = sub.Url("/good/crash");
  BOOST_TEST_REQUIRE(Subscribe(s, topic, flaky).status == 202);
  BOOST_TEST_REQUIRE(Subscribe(s, topic, good).status == 202);
  BOOST_TEST_REQUIRE(Eventually([&] { return Subscribed(s, flaky) == 1 && Subscribed(s, good) == 1; }));

  // Killed right after the decision is published: wherever the hub was (the
  // change not yet compared, or queued, or sent), the change reaches both.
  BOOST_TEST_REQUIRE(Publish(s, official, "Beslut före kraschen").status == 201);
  s.Restart(true);
  BOOST_TEST_REQUIRE(Eventually([&] {
    auto posts = sub.To("/good/crash", "POST");
    return !posts.empty() && HasTitle(posts.back(), "Beslut före kraschen");
  }));
  // The flaky one failed once and waits for its retry, also across a crash.
  BOOST_TEST_REQUIRE(Eventually([&] { return sub.To("/flaky/crash", "POST").size() == 1u; }));
  BOOST_TEST_REQUIRE(Eventually([&] { return Count(s, "SELECT count(*) FROM websub_deliveries WHERE attempts = 1") == 1; }));
  s.Restart(true);
  s.SetTime(1798761600 + 61);
  BOOST_TEST_REQUIRE(Eventually([&] { return sub.To("/flaky/crash", "POST").size() == 2u; }));
  json retried = sub.To("/flaky/crash", "POST")[1];
  BOOST_TEST(retried["signature_ok"] == true);
  BOOST_TEST(HasTitle(retried, "Beslut före kraschen"));
  BOOST_TEST_REQUIRE(Eventually([&] { return Count(s, "SELECT count(*) FROM websub_deliveries") == 0; }));
}
