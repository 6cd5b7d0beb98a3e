// The command line: clear messages and exit codes, demo data, backup.
#define BOOST_TEST_MODULE cli_e2e
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "tests/support/test_server.h"

using samrad::testing::RunSamrad;
using samrad::testing::TempDir;

BOOST_AUTO_TEST_CASE(bad_arguments_exit_non_zero_with_a_message) {
  auto none = RunSamrad({});
  BOOST_TEST(none.exit_code != 0);
  auto unknown = RunSamrad({"fly"});
  BOOST_TEST(unknown.exit_code != 0);
  BOOST_TEST(!unknown.output.empty());
  auto missing = RunSamrad({"serve"});
  BOOST_TEST(missing.exit_code != 0);
  BOOST_TEST(missing.output.find("--data") != std::string::npos);
  TempDir d;
  auto role = RunSamrad({"admin", "create-user", "--data", d.path(), "--email", "a@b.se",
                         "--password", "long enough", "--name", "A", "--role", "king"});
  BOOST_TEST(role.exit_code != 0);
  BOOST_TEST(role.output.find("king") != std::string::npos);
  auto weak = RunSamrad({"admin", "create-user", "--data", d.path(), "--email", "a@b.se",
                         "--password", "short", "--name", "A", "--role", "official"});
  BOOST_TEST(weak.exit_code != 0);
  BOOST_TEST(weak.output.find("password") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unusable_data_folder_is_refused) {
  TempDir d;
  std::string file = d.path() + "/plain-file";
  std::ofstream(file) << "not a folder";
  auto serve = RunSamrad({"serve", "--data", file, "--port", "0"});
  BOOST_TEST(serve.exit_code != 0);
  BOOST_TEST(serve.output.find(file) != std::string::npos);
  auto verify = RunSamrad({"verify-log", "--data", d.path() + "/nowhere"});
  BOOST_TEST(verify.exit_code != 0);
  BOOST_TEST(verify.output.find("does not exist") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(demo_data_loads_once_and_backup_is_a_consistent_copy) {
  TempDir d;
  auto demo = RunSamrad({"demo-data", "--data", d.path()});
  BOOST_TEST(demo.exit_code == 0);
  auto again = RunSamrad({"demo-data", "--data", d.path()});
  BOOST_TEST(again.exit_code != 0);
  BOOST_TEST(again.output.find("already") != std::string::npos);

  std::string copy = d.path() + "/copy.db";
  BOOST_TEST(RunSamrad({"backup", "--data", d.path(), "--to", copy}).exit_code == 0);
  sqlite3* h = nullptr;
  BOOST_REQUIRE(sqlite3_open(copy.c_str(), &h) == SQLITE_OK);
  auto count = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h, sql, -1, &st, nullptr);
    sqlite3_step(st);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
  };
  BOOST_TEST(count("SELECT count(*) FROM consultations") >= 12);
  BOOST_TEST(count("SELECT count(DISTINCT state) FROM (SELECT CASE WHEN published_at IS NULL THEN 'draft' "
                   "WHEN opens_at > strftime('%Y-%m-%dT%H:%M:%SZ','now') THEN 'upcoming' "
                   "WHEN closes_at > strftime('%Y-%m-%dT%H:%M:%SZ','now') THEN 'open' ELSE 'closed' END AS state "
                   "FROM consultations)") == 4);
  BOOST_TEST(count("SELECT count(*) FROM users WHERE role = 'official'") == 3);
  BOOST_TEST(count("SELECT count(*) FROM users WHERE role = 'moderator'") == 1);
  // Decisions: votes with a roll call, answers to comments, an amendment with its reason.
  BOOST_TEST(count("SELECT count(*) FROM decisions") == 3);
  BOOST_TEST(count("SELECT count(*) FROM decision_versions WHERE json_array_length(json_extract(votes, "
                   "'$.roll_call')) > 0") == 1);
  BOOST_TEST(count("SELECT count(*) FROM decision_versions WHERE json_array_length(answers_comment_ids) > 0") == 1);
  BOOST_TEST(count("SELECT count(*) FROM decision_versions WHERE version = 2 AND reason <> ''") == 1);
  BOOST_TEST(count("SELECT count(*) FROM consultations WHERE decided_at IS NOT NULL") == 3);
  // An uploaded dataset, stored like any official's upload.
  BOOST_TEST(count("SELECT count(*) FROM datasets WHERE name = 'badvattenprover' AND row_count = 8") == 1);
  BOOST_TEST(count("SELECT count(*) FROM events WHERE kind = 'dataset.published'") == 1);
  sqlite3_close(h);
  // The copy is itself a valid data folder.
  TempDir d2;
  std::filesystem::copy_file(copy, d2.path() + "/samrad.db");
  BOOST_TEST(RunSamrad({"verify-log", "--data", d2.path()}).exit_code == 0);
}

// Operators tell the service's threads apart in top -H, ps -L and perf.
BOOST_AUTO_TEST_CASE(the_server_names_its_own_threads) {
  samrad::testing::TestServer s;
  BOOST_REQUIRE(s.Get("/healthz").status == 200);
  std::multiset<std::string> names;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(s.pid()) + "/task")) {
    std::ifstream in(task.path() / "comm");
    std::string name;
    std::getline(in, name);
    names.insert(name);
  }
  for (const char* role : {"samrad-index", "samrad-notify", "samrad-websub", "samrad-reaper", "samrad-mail"}) {
    BOOST_TEST(names.count(role) == 1u, role);
  }
  BOOST_TEST(names.count("samrad-write") == 32u);
  BOOST_TEST(names.count("samrad-stream") >= 1u);
}
