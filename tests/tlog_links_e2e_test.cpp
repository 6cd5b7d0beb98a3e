// Comments and moderation acts link their entry in the transparency log: the
// API names the entry (log_seq) and its proofs, the thread page and the
// public moderation log show "I loggen #N · bevis", the linked proof file
// verifies from outside for exactly that entry, and migration 0015 fills
// the links of data from before them.
#define BOOST_TEST_MODULE tlog_links_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/comment_fixtures.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
std::string Data(const TestServer& s) { return s.data_dir() + "/data"; }

// Waits until the log has signed a checkpoint of at least its current size.
void WaitForSignedLog(TestServer& s) {
  int64_t n = s.Get("/api/v1/log/verify").json()["entries"];
  for (int i = 0; i < 100; ++i) {
    auto r = s.Get("/tlog/checkpoint");
    if (r.status == 200) {
      auto first = r.body.find('\n');
      if (std::stoll(r.body.substr(first + 1, r.body.find('\n', first + 1) - first - 1)) >= n) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  BOOST_FAIL("no checkpoint of size " << n);
}

json Entry(TestServer& s, int64_t seq) {
  auto items = s.Get("/api/v1/log?after=" + std::to_string(seq - 1) + "&limit=1").json()["items"];
  BOOST_REQUIRE(items.size() == 1u);
  return items[0];
}

std::string VerifierKey(const TestServer& s) {
  auto r = RunSamrad({"log-key", "--data", Data(s)});
  BOOST_REQUIRE(r.exit_code == 0);
  return r.output.substr(0, r.output.find('\n'));
}

// The entry that the item's proof file proves, checked from outside against
// the signed checkpoint (tests/tlog_links/check_proof.py).
json ProvenEntry(TestServer& s, const json& item) {
  auto r = RunCommand({"/usr/bin/python3", std::string(SAMRAD_SOURCE_DIR) + "/tests/tlog_links/check_proof.py", s.url(),
                       item["log_proof_file"].get<std::string>(), VerifierKey(s)});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  return json::parse(r.output);
}

// Every link of an item agrees with its log_seq.
void RequireLinks(const json& item) {
  BOOST_REQUIRE_MESSAGE(item["log_seq"].is_number_integer(), item.dump());
  std::string seq = std::to_string(item["log_seq"].get<int64_t>());
  BOOST_TEST(item["log_entry"] == "/log/" + seq);
  BOOST_TEST(item["log_proof"] == "/api/v1/log/" + seq + "/proof");
  BOOST_TEST(item["log_proof_file"] == "/api/v1/log/" + seq + ".tlog-proof");
}

bool Has(const std::string& page, const std::string& text) { return page.find(text) != std::string::npos; }

// A consultation open on the fixed clock with two comments by one resident,
// a moderator and another resident to flag them.
struct TwoComments {
  TestServer s{true};
  std::string moderator, author, reader;
  int64_t first = 0, second = 0;
  TwoComments(const std::string& a, const std::string& b) {
    std::string official = s.UserToken("official");
    moderator = s.UserToken("moderator");
    author = s.ResidentToken();
    reader = s.ResidentToken();
    int64_t k = PublishConsultation(s, official);
    first = PostComment(s, k, author, a);
    second = PostComment(s, k, author, b);
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_comment_links_the_entry_of_its_current_version_and_the_proof_verifies) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string karin = s.ResidentToken("Karin");
  int64_t k = PublishConsultation(s, official);
  auto posted = s.Post(CommentsPath(k), {{"body", "Spara ekarna vid dammen."}}, karin);
  BOOST_REQUIRE(posted.status == 201);
  RequireLinks(posted.json());
  int64_t id = posted.json()["id"];
  int64_t first = posted.json()["log_seq"];
  BOOST_TEST(Entry(s, first)["kind"] == "comment.posted");
  BOOST_TEST(Entry(s, first)["subject"] == "comment/" + std::to_string(id));
  int64_t reply = PostComment(s, k, official, "Vi ser över det.", {{"parent_id", id}});

  // An edit is a new version with an entry of its own.
  auto edited = s.Patch(CommentPath(id), {{"body", "Spara ekarna och dammen."}}, karin);
  BOOST_REQUIRE(edited.status == 200);
  RequireLinks(edited.json());
  int64_t now = edited.json()["log_seq"];
  BOOST_TEST(now > first);
  BOOST_TEST(Entry(s, now)["kind"] == "comment.edited");
  BOOST_TEST(s.Get(CommentPath(id)).json()["log_seq"] == now);
  auto thread = s.Get(CommentsPath(k)).json()["items"];
  BOOST_REQUIRE(thread.size() == 1u);
  BOOST_TEST(thread[0]["log_seq"] == now);
  RequireLinks(thread[0]["replies"][0]);
  int64_t reply_seq = thread[0]["replies"][0]["log_seq"];
  BOOST_TEST(Entry(s, reply_seq)["subject"] == "comment/" + std::to_string(reply));

  // The proof file proves that very entry under the log's signed checkpoint.
  WaitForSignedLog(s);
  BOOST_TEST(s.Get(edited.json()["log_proof"].get<std::string>()).json()["index"] == now - 1);
  json proven = ProvenEntry(s, edited.json());
  BOOST_TEST(proven["seq"] == now);
  BOOST_TEST(proven["subject"] == "comment/" + std::to_string(id));
  BOOST_TEST(proven["payload"]["version"] == 2);

  // The thread page links both comments' entries, in Swedish and English.
  std::string page = s.Get("/consultations/" + std::to_string(k)).body;
  BOOST_TEST(Has(page, "<a href=\"/log/" + std::to_string(now) + "\">I loggen #" + std::to_string(now) + "</a>"));
  BOOST_TEST(Has(page, "<a href=\"/api/v1/log/" + std::to_string(now) + ".tlog-proof\">bevis</a>"));
  BOOST_TEST(Has(page, "I loggen #" + std::to_string(reply_seq)));
  BOOST_TEST(!Has(page, "I loggen #" + std::to_string(first) + "<"));  // not the replaced version's
  std::string en = s.Get("/consultations/" + std::to_string(k) + "?lang=en").body;
  BOOST_TEST(Has(en, "In the log #" + std::to_string(now) + "</a> · <a href=\"/api/v1/log/" + std::to_string(now) +
                         ".tlog-proof\">proof</a>"));
}

BOOST_AUTO_TEST_CASE(moderation_acts_link_their_entry_in_the_api_and_on_the_public_log_page) {
  TwoComments t("Ring mig på 070-1234567", "En vanlig synpunkt");
  TestServer& s = t.s;
  const std::string &moderator = t.moderator, &reader = t.reader;
  int64_t bad = t.first, fine = t.second;
  BOOST_REQUIRE(s.Post(CommentPath(bad) + "/flags", {{"reason", "personal_data"}}, reader).status == 201);
  BOOST_REQUIRE(s.Post(CommentPath(fine) + "/flags", {{"reason", "spam"}}, reader).status == 201);
  s.SetTime(kClockStart + 10);
  auto hide = s.Post(CommentPath(bad) + "/moderation", {{"action", "hide"}, {"reason", "Personuppgifter"}}, moderator);
  BOOST_REQUIRE(hide.status == 201);
  RequireLinks(hide.json());
  int64_t hid = hide.json()["log_seq"];
  BOOST_TEST(Entry(s, hid)["kind"] == "comment.hidden");
  BOOST_TEST(Entry(s, hid)["payload"]["act_id"] == hide.json()["id"]);
  s.SetTime(kClockStart + 20);
  auto dismiss = s.Post(CommentPath(fine) + "/moderation", {{"action", "dismiss"}, {"reason", "Inte skräppost"}},
                        moderator);
  BOOST_REQUIRE(dismiss.status == 201);
  RequireLinks(dismiss.json());
  int64_t dismissed = dismiss.json()["log_seq"];
  BOOST_TEST(Entry(s, dismissed)["kind"] == "comment.flags_dismissed");

  // The public log, newest first, names the same entries.
  auto log = s.Get("/api/v1/moderation-log").json()["items"];
  BOOST_REQUIRE(log.size() == 2u);
  BOOST_TEST(log[0]["log_seq"] == dismissed);
  BOOST_TEST(log[1]["log_seq"] == hid);
  RequireLinks(log[1]);
  // A hidden comment still names the entry that posted it (a digest only).
  BOOST_TEST(s.Get(CommentPath(bad)).json()["log_seq"].is_number_integer());

  WaitForSignedLog(s);
  json proven = ProvenEntry(s, log[1]);
  BOOST_TEST(proven["seq"] == hid);
  BOOST_TEST(proven["payload"]["reason"] == "Personuppgifter");

  std::string page = s.Get("/moderation").body;
  BOOST_TEST(Has(page, "<a href=\"/log/" + std::to_string(hid) + "\">I loggen #" + std::to_string(hid) + "</a>"));
  BOOST_TEST(Has(page, "<a href=\"/api/v1/log/" + std::to_string(dismissed) + ".tlog-proof\">bevis</a>"));
  BOOST_TEST(Has(s.Get("/moderation?lang=en").body, "In the log #" + std::to_string(hid)));
}

BOOST_AUTO_TEST_CASE(migration_0015_fills_the_links_of_data_from_before_them) {
  TwoComments t("Första", "Andra");
  TestServer& s = t.s;
  const std::string &moderator = t.moderator, &author = t.author, &reader = t.reader;
  int64_t a = t.first, b = t.second;
  BOOST_REQUIRE(s.Patch(CommentPath(a), {{"body", "Första, ändrad"}}, author).status == 200);
  BOOST_REQUIRE(s.Post(CommentPath(b) + "/flags", {{"reason", "spam"}}, reader).status == 201);
  BOOST_REQUIRE(s.Post(CommentPath(b) + "/moderation", {{"action", "dismiss"}, {"reason", "Ok"}}, moderator).status == 201);
  BOOST_REQUIRE(s.Post(CommentPath(b) + "/moderation", {{"action", "hide"}, {"reason", "Bort"}}, moderator).status == 201);
  BOOST_REQUIRE(s.Post(CommentPath(b) + "/moderation", {{"action", "restore"}, {"reason", "Åter"}}, moderator).status == 201);
  json before_a = s.Get(CommentPath(a)).json(), before_b = s.Get(CommentPath(b)).json();
  json before_log = s.Get("/api/v1/moderation-log").json()["items"];
  BOOST_REQUIRE(before_log.size() == 3u);

  // The rows as a data folder from before 0015 holds them, then its backfill
  // (the migration's UPDATE statements).
  s.Stop();
  std::string script =
      "import sqlite3, sys\n"
      "db = sqlite3.connect(sys.argv[1])\n"
      "for t in ('comments', 'moderation_acts', 'flag_dismissals'):\n"
      "    db.execute(f'UPDATE {t} SET log_seq = NULL')\n"
      "for statement in open(sys.argv[2], encoding='utf-8').read().split(';'):\n"
      "    if statement.strip().startswith('UPDATE'):\n"
      "        db.execute(statement)\n"
      "db.commit()\n";
  auto r = RunCommand({"python3", "-c", script, Data(s) + "/samrad.db",
                       std::string(SAMRAD_SOURCE_DIR) + "/schemas/sql/0015_log_links.sql"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  s.Restart();
  BOOST_TEST(s.Get(CommentPath(a)).json()["log_seq"] == before_a["log_seq"]);
  BOOST_TEST(s.Get(CommentPath(b)).json()["log_seq"] == before_b["log_seq"]);
  json after_log = s.Get("/api/v1/moderation-log").json()["items"];
  for (size_t i = 0; i < 3; ++i) BOOST_TEST(after_log[i]["log_seq"] == before_log[i]["log_seq"]);
}
