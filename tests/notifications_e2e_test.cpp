// Notifications through the real server: a resident comments, another
// replies, an official answers, the consultation is extended, a reply is
// hidden, a decision answers the comment; each is told the right thing by
// the API and on /me/notifications, nobody of their own acts, settings are
// respected, and a server killed while the notifier catches up neither
// loses nor doubles a row.
#define BOOST_TEST_MODULE notifications_e2e
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <csignal>
#include <thread>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
const std::string kMine = "/api/v1/me/notifications";

// The user's notifications once there are at least n (the notifier runs
// beside the requests), newest first.
json WaitFor(TestServer& s, const std::string& token, size_t n) {
  json items;
  for (int i = 0; i < 200; ++i) {
    auto r = s.Get(kMine + "?limit=200", token);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    items = r.json()["items"];
    if (items.size() >= n) return items;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  BOOST_FAIL("only " << items.size() << " notifications, waited for " << n);
  return items;
}

std::vector<std::string> Kinds(const json& items) {
  std::vector<std::string> out;
  for (const auto& n : items) out.push_back(n["kind"]);
  return out;
}

// One number from the server's database file (read-only, beside the server).
int64_t Count(const TestServer& s, const std::string& sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open_v2((s.data_dir() + "/data/samrad.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt* st = nullptr;
  BOOST_REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// Changes the database of a stopped server.
void Exec(const TestServer& s, const std::string& sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open((s.data_dir() + "/data/samrad.db").c_str(), &db) == SQLITE_OK);
  BOOST_REQUIRE_MESSAGE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK, sqlite3_errmsg(db));
  sqlite3_close(db);
}

struct World {
  TestServer s{true};
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string anna = s.ResidentToken("Anna");
  std::string bertil = s.ResidentToken("Bertil");
  int64_t consultation = PublishConsultation(s, official);
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(each_participant_is_told_the_right_things_and_nobody_of_their_own_acts, World) {
  int64_t a1 = PostComment(s, consultation, anna, "Parken behöver fler bänkar.");
  PostComment(s, consultation, anna, "Och papperskorgar, lägger jag till.", {{"parent_id", a1}});
  int64_t r1 = PostComment(s, consultation, bertil, "Håller med om bänkarna.", {{"parent_id", a1}});
  int64_t o1 = PostComment(s, consultation, official, "Vi planerar tio nya bänkar.", {{"parent_id", a1}});

  json mine = WaitFor(s, anna, 2);
  BOOST_REQUIRE_EQUAL(mine.size(), 2u);  // not her own reply
  BOOST_TEST(Kinds(mine) == (std::vector<std::string>{"official_answer", "reply"}));
  BOOST_TEST(mine[0]["link"] == "/comments/" + std::to_string(o1));
  BOOST_TEST(mine[0]["data"]["excerpt"] == "Vi planerar tio nya bänkar.");
  BOOST_TEST(mine[1]["data"]["your_excerpt"] == "Parken behöver fler bänkar.");
  BOOST_TEST(mine[1]["read"] == false);
  BOOST_TEST(s.Get(kMine + "?limit=1", anna).json()["unread"] == 2);

  // Bertil switches replies off and official answers off e-mail.
  auto settings = s.Put("/api/v1/me/notification-settings",
                        {{"items", {{{"kind", "reply"}, {"enabled", false}, {"email", true}},
                                    {{"kind", "official_answer"}, {"enabled", true}, {"email", false}}}}},
                        bertil);
  BOOST_REQUIRE_EQUAL(settings.status, 200);
  auto refused = s.Put("/api/v1/me/notification-settings",
                       {{"items", {{{"kind", "consultation_closed"}, {"enabled", false}, {"email", false}},
                                   {{"kind", "gossip"}, {"enabled", true}, {"email", true}}}}},
                       bertil);
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(refused.body.find("/items/1/kind") != std::string::npos);
  for (const auto& p : s.Get("/api/v1/me/notification-settings", bertil).json()["items"]) {
    if (p["kind"] == "consultation_closed") BOOST_TEST(p["enabled"] == true);  // nothing saved half-way
  }
  int64_t b1 = PostComment(s, consultation, bertil, "Cykelställ vore bra.");
  PostComment(s, consultation, anna, "Ja, vid entrén.", {{"parent_id", b1}});
  PostComment(s, consultation, official, "Cykelställ finns med i planen.", {{"parent_id", b1}});
  json his = WaitFor(s, bertil, 1);
  BOOST_REQUIRE_EQUAL(his.size(), 1u);
  BOOST_TEST(his[0]["kind"] == "official_answer");
  BOOST_TEST(Count(s, "SELECT mailed FROM notifications WHERE id = " + std::to_string(his[0]["id"].get<int64_t>())) == 2);

  // The extension tells both participants; the official who extended is not told.
  auto ext = s.Post("/api/v1/consultations/" + std::to_string(consultation) + "/extension",
                    {{"closes_at", "2027-02-15"}, {"reason", "Fler vill säga sitt."}}, official);
  BOOST_REQUIRE_MESSAGE(ext.status == 200, ext.body);
  mine = WaitFor(s, anna, 3);
  BOOST_TEST(mine[0]["kind"] == "consultation_extended");
  BOOST_TEST(mine[0]["data"]["reason"] == "Fler vill säga sitt.");
  BOOST_TEST(WaitFor(s, bertil, 2)[0]["kind"] == "consultation_extended");

  // Bertil's reply is hidden: he is told why; Anna's notice no longer quotes it.
  auto hide = s.Post(CommentPath(r1) + "/moderation", {{"action", "hide"}, {"reason", "Personuppgifter"}}, moderator);
  BOOST_REQUIRE_MESSAGE(hide.status == 201, hide.body);
  his = WaitFor(s, bertil, 3);
  BOOST_TEST(his[0]["kind"] == "comment_hidden");
  BOOST_TEST(his[0]["data"]["reason"] == "Personuppgifter");
  BOOST_TEST(his[0]["data"]["your_excerpt"] == "Håller med om bänkarna.");
  BOOST_TEST(his[0]["data"]["object_link"] == "/moderation");
  mine = WaitFor(s, anna, 3);
  BOOST_TEST(!mine[2]["data"].contains("excerpt"));
  BOOST_TEST(s.Get(kMine, anna).body.find("Håller med om bänkarna") == std::string::npos);

  // A decision answers Anna's comment: she is told so, Bertil of the decision.
  auto d = s.Post("/api/v1/decisions",
                  {{"title", "Fler bänkar i parken"}, {"body", "Tio bänkar."}, {"body_name", "Tekniska nämnden"},
                   {"reference", "TN 2027/3"}, {"decided_at", "2027-01-01"}, {"outcome", "approved"},
                   {"consultation_ids", {consultation}}, {"answers_comment_ids", {a1}}},
                  official);
  BOOST_REQUIRE_MESSAGE(d.status == 201, d.body);
  int64_t decision = d.json()["id"];
  mine = WaitFor(s, anna, 4);
  BOOST_TEST(mine[0]["kind"] == "decision_answer");
  BOOST_TEST(mine[0]["link"] == "/decisions/" + std::to_string(decision));
  his = WaitFor(s, bertil, 4);
  BOOST_TEST(his[0]["kind"] == "consultation_decision");
  BOOST_TEST(his[0]["data"]["decision_title"] == "Fler bänkar i parken");
  BOOST_TEST(s.Get(kMine, official).json()["items"].empty());
  BOOST_TEST(s.Get(kMine, moderator).json()["items"].empty());
  BOOST_TEST(Count(s, "SELECT count(*) FROM notifications") == 8);

  // Marking read: one of hers, someone else's id passes over, then all.
  auto one = s.Post(kMine + "/read", {{"ids", {mine[0]["id"], his[0]["id"]}}}, anna);
  BOOST_REQUIRE_EQUAL(one.status, 200);
  BOOST_TEST(one.json()["marked"] == 1);
  BOOST_TEST(one.json()["unread"] == 3);
  BOOST_TEST(s.Get(kMine + "?unread=true", anna).json()["items"].size() == 3u);
  BOOST_TEST(s.Post(kMine + "/read", json::object(), anna).status == 422);
  BOOST_TEST(s.Post(kMine + "/read", {{"all", true}}, "").status == 401);
  BOOST_TEST(s.Get(kMine, "").status == 401);
  BOOST_TEST(s.Post(kMine + "/read", {{"all", true}}, anna).json()["unread"] == 0);
  BOOST_TEST(s.Get(kMine, bertil).json()["unread"] == 4);
}

BOOST_FIXTURE_TEST_CASE(the_page_lists_links_marks_read_and_saves_settings_by_forms, World) {
  int64_t a1 = PostComment(s, consultation, anna, "Parken behöver fler bänkar.");
  int64_t r1 = PostComment(s, consultation, bertil, "Håller med <b>helt</b>.", {{"parent_id", a1}});
  WaitFor(s, anna, 1);
  Browser b = SignedIn(s, anna);
  auto page = b.Get(s, "/me/notifications");
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(page.body.find("href=\"/comments/" + std::to_string(r1) + "\"") != std::string::npos);
  BOOST_TEST(page.body.find("Håller med &lt;b&gt;helt&lt;/b&gt;.") != std::string::npos);
  BOOST_TEST(page.body.find("badge-count") != std::string::npos);  // the unread count by the link
  auto en = s.Get("/me/notifications?lang=en", "", {{"Cookie", b.cookie}});
  BOOST_TEST(en.body.find("replied to your comment") != std::string::npos);

  auto read = b.Post(s, "/me/notifications/read", {{"all", "1"}});
  BOOST_REQUIRE_EQUAL(read.status, 303);
  BOOST_TEST(read.header("location") == "/me/notifications?done=read_all#banner");
  page = b.Get(s, "/me/notifications?done=read_all");
  BOOST_TEST(page.body.find("id=\"banner\"") != std::string::npos);
  BOOST_TEST(page.body.find("badge-count") == std::string::npos);
  BOOST_TEST(s.Get(kMine, anna).json()["unread"] == 0);
  auto forged = s.Request("POST", "/me/notifications/read", FormBody({{"all", "1"}, {"csrf", "0000"}}), "",
                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", b.cookie}});
  BOOST_TEST(forged.status == 403);

  // Every box not ticked is off: here only replies, on the site only.
  auto saved = b.Post(s, "/me/notifications/settings", {{"enabled_reply", "1"}});
  BOOST_REQUIRE_EQUAL(saved.status, 303);
  BOOST_TEST(saved.header("location") == "/me/notifications/settings?done=saved#banner");
  auto prefs = s.Get("/api/v1/me/notification-settings", anna).json()["items"];
  for (const auto& p : prefs) {
    BOOST_TEST(p["enabled"] == (p["kind"] == "reply"), p["kind"]);
    BOOST_TEST(p["email"] == false, p["kind"]);
  }
  auto form = b.Get(s, "/me/notifications/settings");
  BOOST_TEST(form.body.find("id=\"enabled-reply\" name=\"enabled_reply\" value=\"1\" checked") != std::string::npos);
  BOOST_TEST(form.body.find("id=\"email-reply\" name=\"email_reply\" value=\"1\">") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_closing_is_told_once_when_time_passes_it, World) {
  PostComment(s, consultation, anna, "Bra förslag.");
  s.SetTime(kClockStart + 20 * kDay);  // past 2027-01-20
  json mine = WaitFor(s, anna, 1);
  BOOST_TEST(mine[0]["kind"] == "consultation_closed");
  s.SetTime(kClockStart + 22 * kDay);
  PostComment(s, PublishConsultation(s, official, "2027-01-01", "2027-03-01", "Nästa samråd"), bertil, "Här");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // two rounds of the notifier
  BOOST_TEST(s.Get(kMine, anna).json()["items"].size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_server_killed_while_the_notifier_catches_up_neither_loses_nor_doubles_rows) {
  setenv("SAMRAD_COMMENTS_PER_MINUTE", "100000", 1);  // inherited by the server
  setenv("SAMRAD_NOTIFIER_BATCH", "50", 1);  // many rounds, so the kill falls between two
  World w;
  int64_t a1 = PostComment(w.s, w.consultation, w.anna, "Start.");
  constexpr int kReplies = 1500;  // three of the notifier's batches
  for (int i = 0; i < kReplies; ++i) {
    PostComment(w.s, w.consultation, w.bertil, "Svar nummer " + std::to_string(i), {{"parent_id", a1}});
  }
  w.s.Stop(SIGKILL);
  BOOST_TEST_MESSAGE("rows at the first kill: " << Count(w.s, "SELECT count(*) FROM notifications") << " of " << kReplies);
  // The state a kill right after the round that told the 800th reply leaves
  // (rows and cursor move in one transaction); then killed again at once
  // after starting, while it catches up, and started again.
  const std::string told = "(SELECT seq FROM events WHERE kind = 'comment.posted' ORDER BY seq LIMIT 1 OFFSET 800)";
  Exec(w.s, "DELETE FROM notifications WHERE event_seq > " + told + "; UPDATE log_cursors SET seq = " + told +
                " WHERE name = 'notifier'");
  BOOST_REQUIRE_EQUAL(Count(w.s, "SELECT count(*) FROM notifications"), 800);
  w.s.Restart();
  w.s.Stop(SIGKILL);
  BOOST_TEST_MESSAGE("rows at the second kill: " << Count(w.s, "SELECT count(*) FROM notifications"));
  w.s.Restart();
  for (int i = 0; i < 200 && w.s.Get(kMine + "?limit=1", w.anna).json()["unread"] != kReplies; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  BOOST_TEST(w.s.Get(kMine + "?limit=1", w.anna).json()["unread"] == kReplies);
  BOOST_TEST(Count(w.s, "SELECT count(*) FROM notifications") == kReplies);
  BOOST_TEST(Count(w.s, "SELECT count(DISTINCT event_seq) FROM notifications") == kReplies);
  BOOST_TEST(Count(w.s, "SELECT seq FROM log_cursors WHERE name = 'notifier'") ==
             Count(w.s, "SELECT max(seq) FROM events"));
}
