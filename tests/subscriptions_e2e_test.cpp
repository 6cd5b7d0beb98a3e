// Following over the API and the pages against the real server: signed-in
// subscriptions, e-mail follows with double opt-in read from the outbox in
// the SQLite file, confirmation, one-click unsubscribe, rate limits and
// hostile input.
#define BOOST_TEST_MODULE subscriptions_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"
#include "tests/support/follow_mail.h"
#include "tests/support/test_server.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
const std::string kSubs = "/api/v1/subscriptions";

json Follow(const std::string& kind, const json& target, const std::string& email = "") {
  json b = {{"target_kind", kind}, {"target", target}};
  if (!email.empty()) b["email"] = email;
  return b;
}

std::string FirstField(const HttpResult& r) {
  auto j = r.json();
  return j.contains("errors") && !j["errors"].empty() ? j["errors"][0].value("field", "") : "";
}

int64_t OutboxTo(const TestServer& s, const std::string& address) {
  return SqlCount(s, "SELECT count(*) FROM mail_outbox WHERE recipient = '" + address + "'");
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_resident_follows_lists_changes_and_stops_by_the_api) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  std::string anna = s.ResidentToken("Anna"), bo = s.ResidentToken("Bo");

  auto made = s.Post(kSubs, Follow("consultation", k), anna);
  BOOST_REQUIRE_MESSAGE(made.status == 201, made.body);
  int64_t id = made.json()["id"];
  BOOST_TEST(made.header("location") == kSubs + "/" + std::to_string(id));
  BOOST_TEST(made.json()["title"] == "Ny park vid Kvarnholmen");
  BOOST_TEST(made.json()["confirmed"] == true);
  BOOST_TEST(made.json()["frequency"] == "immediate");
  // Following again changes nothing and says so.
  auto again = s.Post(kSubs, Follow("consultation", std::to_string(k)), anna);
  BOOST_TEST(again.status == 200);
  BOOST_TEST(again.json()["id"] == id);

  BOOST_TEST(s.Post(kSubs, Follow("search", "cykelbana OR gångväg"), anna).status == 201);
  BOOST_TEST(s.Post(kSubs, Follow("dataset", "decisions"), anna).status == 201);
  auto list = s.Get(kSubs, anna);
  BOOST_TEST(list.status == 200);
  BOOST_TEST(list.json()["items"].size() == 3u);
  BOOST_TEST(list.header("cache-control").find("no-store") != std::string::npos);
  BOOST_TEST(s.Get(kSubs, bo).json()["items"].empty());

  std::string path = kSubs + "/" + std::to_string(id);
  auto weekly = s.Patch(path, {{"frequency", "weekly"}}, anna);
  BOOST_TEST(weekly.status == 200);
  BOOST_TEST(weekly.json()["frequency"] == "weekly");
  BOOST_TEST(s.Get(path, anna).json()["frequency"] == "weekly");
  BOOST_TEST(s.Patch(path, {{"frequency", "hourly"}}, anna).status == 422);
  BOOST_TEST(s.Patch(path, {{"frequency", "daily"}}, bo).status == 403);
  BOOST_TEST(s.Delete(path, bo).status == 403);
  BOOST_TEST(s.Get(path).status == 401);
  BOOST_TEST(s.Delete(path, anna).status == 204);
  BOOST_TEST(s.Get(path, anna).status == 404);
  BOOST_TEST(s.Get(kSubs, anna).json()["items"].size() == 2u);
  BOOST_TEST(s.Post(kSubs, Follow("consultation", k)).status == 401);
}

BOOST_AUTO_TEST_CASE(an_email_follow_queues_one_confirmation_and_nothing_else_until_confirmed) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official, "2020-01-01", "2040-01-01");
  const std::string address = "cecilia@example.se";

  auto r = s.Post(kSubs, Follow("consultation", k, "Cecilia@Example.se"));
  BOOST_REQUIRE_MESSAGE(r.status == 202, r.body);
  BOOST_TEST(r.json()["status"] == "check_email");
  BOOST_TEST(OutboxTo(s, address) == 1);
  BOOST_TEST(SqlValue(s, "SELECT lang FROM mail_outbox WHERE recipient = '" + address + "'") == "sv");
  BOOST_TEST(SqlValue(s, "SELECT subject FROM mail_outbox WHERE recipient = '" + address + "'").find(
                 "Ny park vid Kvarnholmen") != std::string::npos);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions WHERE email = '" + address +
                             "' AND confirmed_at IS NULL") == 1);

  // Activity on the consultation before confirming sends nothing to the address.
  std::string anna = s.ResidentToken("Anna");
  BOOST_REQUIRE(s.Post(CommentsPath(k), {{"body", "En synpunkt före bekräftelsen"}}, anna).status == 201);
  BOOST_REQUIRE(s.Post("/api/v1/decisions",
                       {{"title", "Beslut"}, {"body", "B"}, {"body_name", "KS"}, {"reference", "KS 1"},
                        {"decided_at", "2026-11-01"}, {"outcome", "approved"}, {"consultation_ids", {k}}},
                       official).status == 201);
  BOOST_TEST(s.Get("/healthz").status == 200);
  BOOST_TEST(OutboxTo(s, address) == 1);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM notifications WHERE subscription_id IS NOT NULL") == 0);

  std::string token = ConfirmTokenFor(s, address);
  BOOST_REQUIRE(!token.empty());
  auto confirmed = s.Post(kSubs + "/confirm", {{"token", token}});
  BOOST_REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body);
  BOOST_TEST(confirmed.json()["confirmed"] == true);
  BOOST_TEST(confirmed.json()["title"] == "Ny park vid Kvarnholmen");
  BOOST_TEST(confirmed.body.find(address) == std::string::npos);  // the address is never shown
  auto twice = s.Post(kSubs + "/confirm", {{"token", token}});
  BOOST_TEST(twice.status == 404);
  BOOST_TEST(twice.header("content-type") == "application/problem+json");
  BOOST_TEST(s.Post(kSubs + "/confirm", {{"token", "AAAA"}}).status == 404);
  BOOST_TEST(s.Post(kSubs + "/confirm", {{"token", std::string(5000, 'A')}}).status == 422);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions WHERE email = '" + address +
                             "' AND confirmed_at IS NOT NULL AND confirm_hash IS NULL") == 1);
  // Following again once confirmed: the same answer, and no e-mail.
  BOOST_TEST(s.Post(kSubs, Follow("consultation", k, address)).status == 202);
  BOOST_TEST(OutboxTo(s, address) == 1);
}

BOOST_AUTO_TEST_CASE(a_confirmation_link_expires_after_seven_days_and_takes_the_address_with_it) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  BOOST_REQUIRE(s.Post(kSubs, Follow("consultation", k, "sen@example.se")).status == 202);
  std::string token = ConfirmTokenFor(s, "sen@example.se");
  s.SetTime(kClockStart + 7 * kDay + 60);
  auto late = s.Post(kSubs + "/confirm", {{"token", token}});
  BOOST_TEST(late.status == 404);
  BOOST_TEST(late.json()["detail"].get<std::string>().find("expired") != std::string::npos);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions WHERE email = 'sen@example.se'") == 0);
}

BOOST_AUTO_TEST_CASE(nobody_can_mail_bomb_an_address_or_flood_from_one_client) {
  TestServer s(false, {"--follows-per-hour", "6"});
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  // One address: at most three confirmations a day, every answer the same.
  std::string first_body;
  for (int i = 0; i < 5; ++i) {
    auto r = s.Post(kSubs, Follow("consultation", k, "offer@example.se"));
    BOOST_TEST(r.status == 202);
    if (i == 0) first_body = r.body;
    BOOST_TEST(r.body == first_body);
  }
  BOOST_TEST(OutboxTo(s, "offer@example.se") == 3);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions WHERE email = 'offer@example.se'") == 1);
  // One client: the sixth request of the hour is the last one taken.
  BOOST_TEST(s.Post(kSubs, Follow("consultation", k, "annan@example.se")).status == 202);
  auto refused = s.Post(kSubs, Follow("consultation", k, "tredje@example.se"));
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(!refused.header("retry-after").empty());
  BOOST_TEST(OutboxTo(s, "tredje@example.se") == 0);
  // Signed-in follows are not limited by it.
  BOOST_TEST(s.Post(kSubs, Follow("consultation", k), s.ResidentToken()).status == 201);
}

BOOST_AUTO_TEST_CASE(hostile_input_is_refused_naming_the_field_and_nothing_is_stored) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  auto draft = s.Post("/api/v1/consultations", {{"title", "Utkast"}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
                                                 {"opens_at", "2020-01-01"}, {"closes_at", "2040-01-01"}}, official);
  int64_t draft_id = draft.json()["id"];
  std::string anna = s.ResidentToken();
  auto field = [&](const json& body, const std::string& token = "") {
    auto r = s.Post(kSubs, body, token);
    BOOST_TEST(r.status == 422, r.body);
    return FirstField(r);
  };
  BOOST_TEST(field(Follow("search", std::string(201, 'x')), anna) == "/target");
  BOOST_TEST(field(Follow("search", std::string(5000, 'x')), anna) == "/target");
  BOOST_TEST(field(Follow("search", "   "), anna) == "/target");
  BOOST_TEST(field(Follow("users", "1"), anna) == "/target_kind");
  BOOST_TEST(field(Follow("consultation", draft_id), anna) == "/target");
  BOOST_TEST(field(Follow("consultation", "1 OR 1=1"), anna) == "/target");
  BOOST_TEST(field(Follow("body", "Ingen sådan nämnd"), anna) == "/target");
  BOOST_TEST(field(Follow("dataset", "../../etc/passwd"), anna) == "/target");
  BOOST_TEST(field(Follow("consultation", k, std::string(10240, 'a') + "@example.se")) == "/email");
  BOOST_TEST(field(Follow("consultation", k, "a@example.se\r\nBcc: b@example.se")) == "/email");
  BOOST_TEST(field(Follow("consultation", k, "a@example.se, b@example.se")) == "/email");
  BOOST_TEST(field({{"target_kind", "search"}, {"target", "x"}, {"frequency", "hourly"}}, anna) == "/frequency");
  BOOST_TEST(field({{"target_kind", "search"}, {"target", "x"}, {"admin", true}}, anna) == "/admin");
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions") == 0);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM mail_outbox") == 0);
}
