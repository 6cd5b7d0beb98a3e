// Unit tests of Database: group commit keeps each writer's outcome its own.
#define BOOST_TEST_MODULE database
#include "core/database.h"

#include <boost/test/unit_test.hpp>
#include <atomic>
#include <filesystem>
#include <thread>

#include "core/crypto.h"
#include "core/event_log.h"

using namespace samrad;

namespace {
struct Fixture {
  Fixture() {
    crypto::InitCrypto();
    dir = std::filesystem::temp_directory_path() / ("samrad-db-" + crypto::RandomToken(6));
    db = Database::Open(dir.string(), true).value();
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  std::filesystem::path dir;
  std::shared_ptr<Database> db;
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(concurrent_writers_each_get_their_own_outcome, Fixture) {
  std::atomic<int> commits{0};
  db->OnCommit([&] { ++commits; });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, refused{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        bool fail = (t + i) % 5 == 0;
        Status s = db->Write([&](db::Connection& c) -> Status {
          EventLog::Append(c, "2027-01-01T00:00:00Z", "test.write", "t/" + std::to_string(t), "resident",
                           {{"i", i}, {"t", t}});
          if (fail) return Conflict("refused on purpose");
          return Status::Ok();
        });
        (s.ok() ? ok : refused)++;
        BOOST_CHECK(s.ok() == !fail);
      }
    });
  }
  for (auto& th : threads) th.join();
  VerifyReport v;
  db->Read([&](db::Connection& c) {
    v = EventLog::Verify(c);
    return Status::Ok();
  });
  // Exactly the accepted writes are stored, and the chain has no gaps.
  BOOST_TEST(v.ok);
  BOOST_TEST(v.entries == ok.load());
  BOOST_TEST(refused.load() == 16 * 20 - ok.load());
  BOOST_TEST(commits.load() >= 1);
}

BOOST_FIXTURE_TEST_CASE(a_thrown_database_error_undoes_only_that_write, Fixture) {
  Status bad = db->Write([](db::Connection& c) -> Status {
    EventLog::Append(c, "2027-01-01T00:00:00Z", "test.write", "x/1", "resident", {});
    c.Exec("INSERT INTO no_such_table VALUES(1)");
    return Status::Ok();
  });
  BOOST_TEST((bad.code() == Code::kInternal));
  Status good = db->Write([](db::Connection& c) -> Status {
    EventLog::Append(c, "2027-01-01T00:00:00Z", "test.write", "x/2", "resident", {});
    return Status::Ok();
  });
  BOOST_TEST(good.ok());
  int64_t head = 0;
  db->Read([&](db::Connection& c) {
    head = EventLog::Head(c);
    return Status::Ok();
  });
  BOOST_TEST(head == 1);
}
