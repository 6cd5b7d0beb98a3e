// The hash-chained event log: public listing, verification, and detection of
// edited, removed and reordered entries in the database file.
#define BOOST_TEST_MODULE event_log_e2e
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>

#include "tests/support/test_server.h"

using samrad::testing::RunSamrad;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
void Sql(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  BOOST_REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
  // The running server's background writers (notifier, mailer, hub) commit
  // too: wait for them as any other writer of the file would.
  sqlite3_busy_timeout(h, 10000);
  char* err = nullptr;
  // The triggers that refuse edits are no protection against someone with
  // the file: drop them first, as they would, and let the chain catch it.
  std::string all = "DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete; " + sql;
  int rc = sqlite3_exec(h, all.c_str(), nullptr, nullptr, &err);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, (err ? err : "sql failed"));
  sqlite3_close(h);
}

// A server with a few events: accounts, a draft, a publication, an edit.
int64_t MakeEvents(TestServer& s) {
  std::string official = s.UserToken("official");
  auto c = s.Post("/api/v1/consultations",
                  {{"title", "Loggtest"}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
                   {"opens_at", "2027-01-01"}, {"closes_at", "2027-02-01"}},
                  official);
  std::string path = "/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>());
  s.Post(path + "/publish", json::object(), official);
  s.Patch(path, {{"summary", "S2"}}, official);
  return s.Get("/api/v1/log/verify").json()["entries"];
}
}  // namespace

BOOST_AUTO_TEST_CASE(log_lists_chained_entries_and_verifies) {
  TestServer s;
  int64_t n = MakeEvents(s);
  BOOST_TEST(n >= 4);
  auto log = s.Get("/api/v1/log?after=0&limit=2").json();
  BOOST_REQUIRE(log["items"].size() == 2u);
  BOOST_TEST(log["items"][0]["seq"] == 1);
  BOOST_TEST(log["items"][0]["prev_hash"] == std::string(64, '0'));
  BOOST_TEST(log["items"][1]["prev_hash"] == log["items"][0]["hash"]);
  auto rest = s.Get("/api/v1/log?after=" + std::to_string(log["next_after"].get<int64_t>())).json();
  BOOST_TEST(rest["items"][0]["seq"] == 3);
  auto v = s.Get("/api/v1/log/verify").json();
  BOOST_TEST(v["ok"] == true);
  BOOST_TEST(v["head_hash"] == s.Get("/api/v1/log?after=" + std::to_string(n - 1)).json()["items"][0]["hash"]);
  auto cli = RunSamrad({"verify-log", "--data", s.data_dir() + "/data"});
  BOOST_TEST(cli.exit_code == 0);
  BOOST_TEST(cli.output.find("ok") != std::string::npos);
  BOOST_TEST(s.Get("/api/v1/log?limit=abc").status == 422);
}

BOOST_AUTO_TEST_CASE(an_edited_event_is_named_by_its_sequence) {
  TestServer s;
  MakeEvents(s);
  std::string db = s.data_dir() + "/data/samrad.db";
  Sql(db, "UPDATE events SET payload = replace(payload, 'Loggtest', 'Förfalskad') WHERE kind = 'consultation.published'");
  auto seq = s.Get("/api/v1/log?limit=100").json();
  int64_t published = 0;
  for (const auto& e : seq["items"]) {
    if (e["kind"] == "consultation.published") published = e["seq"];
  }
  BOOST_REQUIRE(published > 0);
  auto cli = RunSamrad({"verify-log", "--data", s.data_dir() + "/data"});
  BOOST_TEST(cli.exit_code != 0);
  BOOST_TEST(cli.output.find("seq " + std::to_string(published)) != std::string::npos);
  auto v = s.Get("/api/v1/log/verify").json();
  BOOST_TEST(v["ok"] == false);
  BOOST_TEST(v["first_bad_seq"] == published);
}

BOOST_AUTO_TEST_CASE(a_removed_event_is_detected) {
  TestServer s;
  MakeEvents(s);
  Sql(s.data_dir() + "/data/samrad.db", "DELETE FROM events WHERE seq = 2");
  auto cli = RunSamrad({"verify-log", "--data", s.data_dir() + "/data"});
  BOOST_TEST(cli.exit_code != 0);
  BOOST_TEST(cli.output.find("seq 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(reordered_events_are_detected) {
  TestServer s;
  MakeEvents(s);
  // Swap the contents of entries 2 and 3, hashes and all.
  Sql(s.data_dir() + "/data/samrad.db",
      "UPDATE events SET seq = -2 WHERE seq = 2; UPDATE events SET seq = 2 WHERE seq = 3;"
      "UPDATE events SET seq = 3 WHERE seq = -2;");
  auto v = s.Get("/api/v1/log/verify").json();
  BOOST_TEST(v["ok"] == false);
  BOOST_TEST(v["first_bad_seq"] == 2);
}

BOOST_AUTO_TEST_CASE(the_database_refuses_edits_of_the_log_through_sql) {
  TestServer s;
  MakeEvents(s);
  sqlite3* h = nullptr;
  BOOST_REQUIRE(sqlite3_open((s.data_dir() + "/data/samrad.db").c_str(), &h) == SQLITE_OK);
  BOOST_TEST(sqlite3_exec(h, "UPDATE events SET kind = 'x' WHERE seq = 1", nullptr, nullptr, nullptr) != SQLITE_OK);
  BOOST_TEST(sqlite3_exec(h, "DELETE FROM events WHERE seq = 1", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(h);
  BOOST_TEST(s.Get("/api/v1/log/verify").json()["ok"] == true);
}

BOOST_AUTO_TEST_CASE(no_personal_data_in_the_public_log) {
  TestServer s;
  s.Post("/api/v1/accounts", {{"email", "hemlig@example.se"}, {"password", "long enough"}, {"display_name", "Hemlig Person"}});
  auto log = s.Get("/api/v1/log").json().dump();
  BOOST_TEST(log.find("hemlig@example.se") == std::string::npos);
  BOOST_TEST(log.find("Hemlig Person") == std::string::npos);
  BOOST_TEST(log.find("argon2") == std::string::npos);
}
