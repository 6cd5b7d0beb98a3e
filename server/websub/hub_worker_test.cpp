// The hub end to end without a network: a fake subscriber answers the
// worker's requests. Intent is verified before anything takes effect, a
// change of the topic's document queues one delivery per subscriber in the
// transaction that moves the log cursor, failures are retried with backoff
// and given up after the last attempt, and leases end.
#define BOOST_TEST_MODULE websub_hub_worker
#include "server/websub/hub_worker.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>

#include "core/crypto.h"
#include "core/event_log.h"
#include "core/url_codec.h"

using namespace samrad;
using namespace samrad::websub;

namespace {
const std::string kBase = "https://samrad.example.se";
const std::string kTopic = kBase + "/feeds/news.atom";
const std::string kCallback = "http://93.184.216.34/cb";  // public: allowed (the fake never connects)

struct Fixture {
  Fixture() {
    crypto::InitCrypto();
    dir = std::filesystem::temp_directory_path() / ("samrad-websub-" + crypto::RandomToken(6));
    db = Database::Open(dir.string(), true).value();
    auto registry = std::make_shared<feeds::FeedRegistry>();
    registry->Register({"news", "/feeds/news", [this](const feeds::FeedQuery& q) -> Result<feeds::FeedPage> {
                          feeds::FeedPage p;
                          p.feed.id = feeds::TagUri(q.base_url, "news");
                          p.feed.title = "News";
                          feeds::Entry e;
                          e.id = feeds::TagUri(q.base_url, "news/1");
                          e.title = "Version " + std::to_string(version);
                          e.updated = 1798761600 + version;
                          p.feed.entries.push_back(e);
                          return p;
                        }});
    feeds = std::make_shared<feeds::FeedService>(registry);
    HubOptions o;
    o.max_attempts = 3;
    hub = std::make_shared<Hub>(db, clock, feeds, o);
    worker = std::make_unique<HubWorker>(db, clock, feeds, hub, [this](const HttpCall& c) { return Answer(c); },
                                         nullptr);
  }
  ~Fixture() { std::filesystem::remove_all(dir); }

  // The fake subscriber: echoes challenges (or not), answers deliveries
  // with the next status of its list (200 when empty).
  HttpReply Answer(const HttpCall& c) {
    calls.push_back(c);
    HttpReply r;
    r.status = 200;
    if (c.method == "GET") {
      auto form = ParseForm(c.url.substr(c.url.find('?') + 1));
      auto it = form.find("hub.challenge");
      r.body = echo && it != form.end() ? it->second : "something else";
    } else if (!statuses.empty()) {
      r.status = statuses.front();
      statuses.erase(statuses.begin());
    }
    return r;
  }

  Status Request(const std::string& mode, const std::string& extra = "") {
    return hub->Accept(ParseForm("hub.mode=" + mode + "&hub.topic=" + PercentEncode(kTopic) +
                                 "&hub.callback=" + PercentEncode(kCallback) + extra),
                       kBase, true);
  }

  // A change in the log and in the topic's document.
  void Change() {
    ++version;
    BOOST_REQUIRE(db->Write([](db::Connection& c) {
                      EventLog::Append(c, "2026-12-03T12:00:00Z", "test.changed", "news/1", "official",
                                       nlohmann::json::object());
                      return Status::Ok();
                    }).ok());
    feeds->Invalidate();
  }

  int64_t Count(const std::string& table) {
    int64_t n = 0;
    BOOST_REQUIRE(db->Read([&](db::Connection& c) {
                      auto& q = c.Prepare("SELECT count(*) FROM " + table);
                      q.Step();
                      n = q.Int(0);
                      return Status::Ok();
                    }).ok());
    return n;
  }

  size_t Posts() {
    size_t n = 0;
    for (const auto& c : calls) n += c.method == "POST";
    return n;
  }

  std::filesystem::path dir;
  std::shared_ptr<Database> db;
  std::shared_ptr<FixedClock> clock = std::make_shared<FixedClock>(1798761600);
  std::shared_ptr<feeds::FeedService> feeds;
  std::shared_ptr<Hub> hub;
  std::unique_ptr<HubWorker> worker;
  int version = 1;
  bool echo = true;
  std::vector<int> statuses;
  std::vector<HttpCall> calls;
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_verified_subscriber_gets_each_change_signed, Fixture) {
  worker->RunOnce(kBase);  // the first run starts the cursor at the log's head
  BOOST_TEST_REQUIRE(Request("subscribe", "&hub.secret=s3cret&hub.lease_seconds=7200").ok());
  BOOST_TEST(Count("websub_subscriptions") == 0);  // nothing before the callback confirms
  worker->RunOnce(kBase);
  BOOST_TEST_REQUIRE(calls.size() == 1u);
  BOOST_TEST(calls[0].method == "GET");
  BOOST_TEST(calls[0].url.find("hub.lease_seconds=7200") != std::string::npos);
  BOOST_TEST(Count("websub_subscriptions") == 1);
  BOOST_TEST(Count("websub_requests") == 0);

  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 0u);  // no change, no delivery
  Change();
  worker->RunOnce(kBase);
  BOOST_TEST_REQUIRE(Posts() == 1u);
  const HttpCall& post = calls.back();
  BOOST_TEST(post.url == kCallback);
  BOOST_TEST(post.body.find("Version 2") != std::string::npos);
  bool signed_ok = false;
  for (const auto& h : post.headers) signed_ok |= h == "X-Hub-Signature: " + Signature("s3cret", post.body);
  BOOST_TEST(signed_ok);
  BOOST_TEST(Count("websub_deliveries") == 0);
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 1u);  // once per change
}

BOOST_FIXTURE_TEST_CASE(a_callback_that_does_not_echo_the_challenge_is_not_subscribed, Fixture) {
  worker->RunOnce(kBase);
  echo = false;
  BOOST_TEST_REQUIRE(Request("subscribe").ok());
  worker->RunOnce(kBase);
  BOOST_TEST(calls.size() == 1u);
  BOOST_TEST(Count("websub_subscriptions") == 0);
  BOOST_TEST(Count("websub_requests") == 0);
  Change();
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 0u);
}

BOOST_FIXTURE_TEST_CASE(failed_deliveries_are_retried_with_backoff_then_given_up, Fixture) {
  worker->RunOnce(kBase);
  BOOST_TEST_REQUIRE(Request("subscribe").ok());
  worker->RunOnce(kBase);
  statuses = {500, 503, 500};
  Change();
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 1u);
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 1u);  // not due yet
  clock->Set(clock->Now() + 60);
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 2u);
  clock->Set(clock->Now() + 60);
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 2u);  // the second retry waits twice as long
  clock->Set(clock->Now() + 60);
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 3u);  // the third and last attempt
  BOOST_TEST(Count("websub_deliveries") == 0);
  clock->Set(clock->Now() + 86400);
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 3u);
  BOOST_TEST(Count("websub_subscriptions WHERE failed_deliveries = 1") == 1);
}

BOOST_FIXTURE_TEST_CASE(a_retry_that_succeeds_ends_the_delivery, Fixture) {
  worker->RunOnce(kBase);
  BOOST_TEST_REQUIRE(Request("subscribe").ok());
  worker->RunOnce(kBase);
  statuses = {500};
  Change();
  worker->RunOnce(kBase);
  clock->Set(clock->Now() + 60);
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 2u);
  BOOST_TEST(Count("websub_deliveries") == 0);
  BOOST_TEST(Count("websub_subscriptions WHERE failed_deliveries = 0") == 1);
}

BOOST_FIXTURE_TEST_CASE(unsubscribing_takes_effect_once_verified, Fixture) {
  worker->RunOnce(kBase);
  BOOST_TEST_REQUIRE(Request("subscribe").ok());
  worker->RunOnce(kBase);
  BOOST_TEST_REQUIRE(Request("unsubscribe").ok());
  BOOST_TEST(Count("websub_subscriptions") == 1);
  worker->RunOnce(kBase);
  BOOST_TEST(calls.back().url.find("hub.mode=unsubscribe") != std::string::npos);
  BOOST_TEST(Count("websub_subscriptions") == 0);
  Change();
  worker->RunOnce(kBase);
  BOOST_TEST(Posts() == 0u);
}

BOOST_FIXTURE_TEST_CASE(leases_end, Fixture) {
  worker->RunOnce(kBase);
  BOOST_TEST_REQUIRE(Request("subscribe", "&hub.lease_seconds=10").ok());  // raised to the minimum, an hour
  worker->RunOnce(kBase);
  BOOST_TEST(calls.back().url.find("hub.lease_seconds=3600") != std::string::npos);
  clock->Set(clock->Now() + 3600);
  Change();
  worker->RunOnce(kBase);
  BOOST_TEST(Count("websub_subscriptions") == 0);
  BOOST_TEST(Posts() == 0u);
}

BOOST_FIXTURE_TEST_CASE(refuses_bad_requests_field_by_field, Fixture) {
  Status s = hub->Accept(ParseForm("hub.mode=follow&hub.topic=https%3A%2F%2Fother.example%2Ffeed.atom"
                                   "&hub.callback=ftp%3A%2F%2Fx.example%2F&hub.lease_seconds=soon"),
                         kBase, true);
  BOOST_TEST((s.code() == Code::kInvalidArgument));
  std::set<std::string> fields;
  for (const auto& e : s.errors()) fields.insert(e.field);
  BOOST_TEST((fields == std::set<std::string>{"/hub.mode", "/hub.topic", "/hub.callback", "/hub.lease_seconds"}));
  BOOST_TEST((Request("subscribe", "&hub.secret=" + std::string(200, 'k')).code() == Code::kInvalidArgument));
  Status clear = hub->Accept(ParseForm("hub.mode=subscribe&hub.topic=" + PercentEncode(kTopic) + "&hub.callback=" +
                                       PercentEncode(kCallback) + "&hub.secret=k"),
                             kBase, false);
  BOOST_TEST((clear.code() == Code::kInvalidArgument));
  Status internal = hub->Accept(ParseForm("hub.mode=subscribe&hub.topic=" + PercentEncode(kTopic) +
                                          "&hub.callback=http%3A%2F%2F10.0.0.1%2Fcb"),
                                kBase, true);
  BOOST_TEST((internal.code() == Code::kPermissionDenied));
  BOOST_TEST(Count("websub_requests") == 0);
}

BOOST_FIXTURE_TEST_CASE(limits_count_subscribers_of_a_topic, Fixture) {
  HubOptions o;
  o.limits.per_topic = 1;
  hub = std::make_shared<Hub>(db, clock, feeds, o);
  BOOST_TEST(Request("subscribe").ok());
  BOOST_TEST(Request("subscribe").ok());  // the same callback again replaces its request
  Status second = hub->Accept(ParseForm("hub.mode=subscribe&hub.topic=" + PercentEncode(kTopic) +
                                        "&hub.callback=http%3A%2F%2F93.184.216.35%2Fcb"),
                              kBase, true);
  BOOST_TEST((second.code() == Code::kTooManyRequests));
  BOOST_TEST(Count("websub_requests") == 1);
}
