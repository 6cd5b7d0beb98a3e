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

BOOST_FIXTURE_TEST_CASE(a_writer_returns_only_after_the_callbacks_of_its_commit, Fixture) {
  // Caches invalidated by the callbacks must not serve a writer's own write
  // stale: every writer of a shared commit, not only the one that ran it,
  // returns after the callbacks of that commit.
  std::atomic<uint64_t> called{0};
  db->OnCommit([&] { called = db->CommitCount(); });
  std::atomic<int> early{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        uint64_t before = 0;
        Status s = db->Write([&](db::Connection& c) -> Status {
          before = db->CommitCount();  // the commit of this job comes after
          EventLog::Append(c, "2027-01-01T00:00:00Z", "test.write", "t/" + std::to_string(t), "resident", {});
          return Status::Ok();
        });
        BOOST_CHECK(s.ok());
        if (called.load() <= before) ++early;
      }
    });
  }
  for (auto& th : threads) th.join();
  BOOST_TEST(early.load() == 0);
  BOOST_TEST(db->CommitCount() >= 1u);
}

BOOST_FIXTURE_TEST_CASE(a_failed_batch_leaves_the_next_writers_served, Fixture) {
  // Every job of a batch fails: nothing is committed, and later writers
  // still find the writer connection usable.
  for (int i = 0; i < 3; ++i) {
    Status bad = db->Write([](db::Connection&) -> Status { return Conflict("refused on purpose"); });
    BOOST_TEST((bad.code() == Code::kConflict));
  }
  Status good = db->Write([](db::Connection& c) -> Status {
    EventLog::Append(c, "2027-01-01T00:00:00Z", "test.write", "x/1", "resident", {});
    return Status::Ok();
  });
  BOOST_TEST(good.ok());
  BOOST_TEST(db->CommitCount() == 1u);
}
