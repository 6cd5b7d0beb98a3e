// Flags and moderation through the real server: flag -> queue -> hide ->
// public log, hidden bodies absent from every response, roles refused.
#define BOOST_TEST_MODULE moderation_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
const std::string kSecret = "Ring Olle på 070-1234567 och hota honom";

bool Leaks(const HttpResult& r) { return r.body.find("070-1234567") != std::string::npos; }

std::string ModerationPath(int64_t comment) { return CommentPath(comment) + "/moderation"; }
}  // namespace

BOOST_AUTO_TEST_CASE(flag_queue_hide_and_public_log) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  int64_t k = PublishConsultation(s, official);
  std::string author = s.ResidentToken(), a = s.ResidentToken(), b = s.ResidentToken();
  int64_t first = PostComment(s, k, author, "Helt vanlig kommentar");
  int64_t bad = PostComment(s, k, author, kSecret);

  // Flags: bad is flagged later than first, so it queues second.
  s.SetTime(kClockStart + 10);
  auto f = s.Post(CommentPath(first) + "/flags", {{"reason", "off_topic"}}, a);
  BOOST_REQUIRE(f.status == 201);
  BOOST_TEST(f.json()["reason"] == "off_topic");
  s.SetTime(kClockStart + 20);
  BOOST_TEST(s.Post(CommentPath(bad) + "/flags", {{"reason", "personal_data"}, {"note", "telefonnummer"}}, a).status == 201);
  BOOST_TEST(s.Post(CommentPath(bad) + "/flags", {{"reason", "offensive"}}, b).status == 201);
  BOOST_TEST(s.Post(CommentPath(bad) + "/flags", {{"reason", "spam"}}, a).status == 409);  // once per user
  BOOST_TEST(s.Post(CommentPath(bad) + "/flags", {{"reason", "boring"}}, b).status == 422);
  BOOST_TEST(s.Post(CommentPath(bad) + "/flags", {{"reason", "spam"}}).status == 401);
  BOOST_TEST(s.Post(CommentPath(31337) + "/flags", {{"reason", "spam"}}, a).status == 404);

  auto queue = s.Get("/api/v1/moderation/queue", moderator);
  BOOST_REQUIRE(queue.status == 200);
  auto items = queue.json()["items"];
  BOOST_REQUIRE(items.size() == 2u);
  BOOST_TEST(items[0]["id"] == first);  // oldest flag first
  BOOST_TEST(items[1]["id"] == bad);
  BOOST_TEST(items[1]["flags"].size() == 2u);
  BOOST_TEST(items[1]["flags"][0]["reason"] == "personal_data");
  BOOST_TEST(items[1]["flags"][0]["note"] == "telefonnummer");
  auto paged = s.Get("/api/v1/moderation/queue?limit=1", moderator).json();
  BOOST_TEST(paged["items"].size() == 1u);
  auto second = s.Get("/api/v1/moderation/queue?limit=1&cursor=" + paged["next_cursor"].get<std::string>(), moderator).json();
  BOOST_TEST(second["items"][0]["id"] == bad);

  // Hide with a reason: the queue empties of it, the log shows the act.
  s.SetTime(kClockStart + 30);
  auto hide = s.Post(ModerationPath(bad), {{"action", "hide"}, {"reason", "Personuppgifter"}}, moderator);
  BOOST_REQUIRE(hide.status == 201);
  BOOST_TEST(hide.json()["flags_resolved"] == 2);
  BOOST_TEST(s.Post(ModerationPath(bad), {{"action", "hide"}, {"reason", "igen"}}, moderator).status == 409);
  BOOST_TEST(s.Post(ModerationPath(first), {{"action", "restore"}, {"reason", "x"}}, moderator).status == 409);
  BOOST_TEST(s.Post(ModerationPath(first), {{"action", "delete"}, {"reason", "x"}}, moderator).status == 422);
  BOOST_TEST(s.Post(ModerationPath(first), {{"action", "hide"}}, moderator).status == 422);
  auto after = s.Get("/api/v1/moderation/queue", moderator).json()["items"];
  BOOST_REQUIRE(after.size() == 1u);
  BOOST_TEST(after[0]["id"] == first);

  auto thread = s.Get(CommentsPath(k)).json()["items"];
  BOOST_REQUIRE(thread.size() == 2u);  // the hidden comment keeps its place
  BOOST_TEST(thread[1]["hidden"] == true);
  BOOST_TEST(thread[1]["moderation_reason"] == "Personuppgifter");
  BOOST_TEST(!thread[1].contains("body"));

  auto log = s.Get("/api/v1/moderation-log").json()["items"];
  BOOST_REQUIRE(log.size() == 1u);
  BOOST_TEST(log[0]["comment_id"] == bad);
  BOOST_TEST(log[0]["action"] == "hide");
  BOOST_TEST(log[0]["reason"] == "Personuppgifter");
  BOOST_TEST(log[0]["role"] == "moderator");
  BOOST_TEST(log[0]["at"] == "2027-01-01T00:00:30Z");
  BOOST_TEST(log[0]["consultation_id"] == k);

  // Restore: the body is back; both acts are public, newest first.
  s.SetTime(kClockStart + 40);
  BOOST_TEST(s.Post(ModerationPath(bad), {{"action", "restore"}, {"reason", "Omprövat"}}, moderator).status == 201);
  BOOST_TEST(s.Get(CommentPath(bad)).json()["body"] == kSecret);
  auto log2 = s.Get("/api/v1/moderation-log?limit=1").json();
  BOOST_TEST(log2["items"][0]["action"] == "restore");
  auto older = s.Get("/api/v1/moderation-log?limit=1&cursor=" + log2["next_cursor"].get<std::string>()).json();
  BOOST_TEST(older["items"][0]["action"] == "hide");

  // The event log holds each act whole, and the chain verifies.
  auto events = s.Get("/api/v1/log?limit=1000").json()["items"];
  int hidden = 0, restored = 0, flagged = 0;
  for (const auto& e : events) {
    if (e["kind"] == "comment.hidden") {
      ++hidden;
      BOOST_TEST(e["payload"]["reason"] == "Personuppgifter");
      BOOST_TEST(e["payload"]["moderator_role"] == "moderator");
      BOOST_TEST(e["payload"]["comment_id"] == bad);
      BOOST_TEST(e["subject"] == "comment/" + std::to_string(bad));
    }
    restored += e["kind"] == "comment.restored";
    flagged += e["kind"] == "comment.flagged";
  }
  BOOST_TEST(hidden == 1);
  BOOST_TEST(restored == 1);
  BOOST_TEST(flagged == 3);
  BOOST_TEST(s.Get("/api/v1/log/verify").json()["ok"] == true);
}

BOOST_AUTO_TEST_CASE(hidden_bodies_are_absent_from_every_response) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  int64_t k = PublishConsultation(s, official);
  std::string author = s.ResidentToken(), other = s.ResidentToken();
  int64_t top = PostComment(s, k, other, "Överst");
  int64_t bad = PostComment(s, k, author, kSecret, {{"parent_id", top}});
  BOOST_REQUIRE(s.Patch(CommentPath(bad), {{"body", std::string(kSecret) + " igen"}}, author).status == 200);
  int64_t bad_top = PostComment(s, k, author, std::string(kSecret) + " överst");
  BOOST_TEST(s.Post(CommentPath(bad) + "/flags", {{"reason", "personal_data"}}, other).status == 201);
  BOOST_REQUIRE(s.Post(ModerationPath(bad), {{"action", "hide"}, {"reason", "Telefonnummer"}}, moderator).status == 201);
  BOOST_REQUIRE(s.Post(ModerationPath(bad_top), {{"action", "hide"}, {"reason", "Telefonnummer"}}, moderator).status == 201);

  std::vector<std::string> paths = {CommentsPath(k), CommentsPath(k) + "?sort=newest",
                                    CommentsPath(k) + "?sort=supported", CommentPath(bad),
                                    CommentPath(bad_top), CommentPath(top), CommentPath(top) + "/replies",
                                    CommentPath(bad) + "/versions", CommentPath(bad_top) + "/versions",
                                    "/api/v1/moderation-log", "/api/v1/log?limit=1000"};
  for (const auto& token : {std::string(), author, moderator, official}) {
    for (const auto& p : paths) {
      auto r = s.Get(p, token);
      BOOST_TEST_CONTEXT(p) {
        BOOST_TEST(r.status == 200);
        BOOST_TEST(!Leaks(r));
      }
    }
    BOOST_TEST(!Leaks(s.Get("/api/v1/moderation/queue", moderator)));
  }
  auto one = s.Get(CommentPath(bad)).json();
  BOOST_TEST(one["hidden"] == true);
  BOOST_TEST(one["moderation_reason"] == "Telefonnummer");
  auto versions = s.Get(CommentPath(bad) + "/versions").json();
  BOOST_TEST(versions["items"].size() == 2u);  // the history keeps its shape
  BOOST_TEST(!versions["items"][0].contains("body"));
  auto replies = s.Get(CommentPath(top)).json()["replies"];
  BOOST_REQUIRE(replies.size() == 1u);
  BOOST_TEST(replies[0]["hidden"] == true);

  // Nothing can be done to a hidden comment but restoring it.
  auto edit = s.Patch(CommentPath(bad), {{"body", "Rättad " + kSecret}}, author);
  BOOST_TEST(edit.status == 409);
  BOOST_TEST(!Leaks(edit));
  BOOST_TEST(s.Put(CommentPath(bad) + "/reaction", {{"kind", "support"}}, other).status == 409);
  BOOST_TEST(s.Post(CommentPath(bad) + "/flags", {{"reason", "spam"}}, author).status == 409);
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "Svar"}, {"parent_id", bad}}, other).status == 409);
}

BOOST_AUTO_TEST_CASE(each_role_is_refused_where_it_should_be) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::map<std::string, std::string> tokens = {{"anonymous", ""},
                                               {"resident", s.ResidentToken()},
                                               {"moderator", s.UserToken("moderator")},
                                               {"official", official},
                                               {"admin", s.UserToken("admin")}};
  int64_t k = PublishConsultation(s, official);
  std::string author = s.ResidentToken();
  std::map<std::string, int> queue = {{"anonymous", 401}, {"resident", 403}, {"moderator", 200},
                                      {"official", 403}, {"admin", 200}};
  std::map<std::string, int> moderate = {{"anonymous", 401}, {"resident", 403}, {"moderator", 201},
                                         {"official", 403}, {"admin", 201}};
  std::map<std::string, int> post = {{"anonymous", 401}, {"resident", 201}, {"moderator", 201},
                                     {"official", 201}, {"admin", 201}};
  std::map<std::string, int> flag = {{"anonymous", 401}, {"resident", 201}, {"moderator", 201},
                                     {"official", 201}, {"admin", 201}};
  int64_t now = kClockStart;
  for (const auto& [role, token] : tokens) {
    BOOST_TEST_CONTEXT("role " << role) {
      int64_t c = PostComment(s, k, author, "Kommentar för " + role);
      BOOST_TEST(s.Get("/api/v1/moderation/queue", token).status == queue[role]);
      BOOST_TEST(s.Post(ModerationPath(c), {{"action", "hide"}, {"reason", "test"}}, token).status == moderate[role]);
      auto p = s.Post(CommentsPath(k), {{"body", "Från " + role}}, token);
      BOOST_TEST(p.status == post[role]);
      if (p.status == 201) BOOST_TEST(p.json()["official"] == (role == "official" || role == "admin"));
      int64_t c2 = PostComment(s, k, author, "Andra för " + role);
      BOOST_TEST(s.Post(CommentPath(c2) + "/flags", {{"reason", "spam"}}, token).status == flag[role]);
      BOOST_TEST(s.Patch(CommentPath(c2), {{"body", "Ändrad"}}, token).status == (token.empty() ? 401 : 403));
      s.SetTime(now += 61);  // room under the author's rate limit
    }
  }
  // Anyone may read the public moderation log.
  BOOST_TEST(s.Get("/api/v1/moderation-log").json()["items"].size() == 2u);
}
