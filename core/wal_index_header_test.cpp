// Unit tests of WalIndexHeader and the DataVersion that trusts it: every
// commit, by this process or another one, moves both; nothing else does.
#define BOOST_TEST_MODULE wal_index_header
#include "core/wal_index_header.h"

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <latch>
#include <set>
#include <thread>

#include "core/crypto.h"
#include "core/data_version.h"
#include "core/database.h"
#include "core/sqlite.h"

using namespace samrad;

namespace {
struct Fixture {
  Fixture() {
    crypto::InitCrypto();
    dir = std::filesystem::temp_directory_path() / ("samrad-wal-" + crypto::RandomToken(6));
    db = Database::Open(dir.string(), true).value();
    BOOST_REQUIRE(db->Write([](db::Connection& c) {
                      c.Exec("CREATE TABLE t (n INTEGER)");
                      return Status::Ok();
                    }).ok());
  }
  ~Fixture() { std::filesystem::remove_all(dir); }

  void Insert() {
    BOOST_REQUIRE(db->Write([](db::Connection& c) {
                      c.Exec("INSERT INTO t VALUES (1)");
                      return Status::Ok();
                    }).ok());
  }
  // A commit by another process, as the sqlite3 tool makes it.
  void InsertElsewhere() {
    std::string cmd = "sqlite3 '" + db->path() + "' 'INSERT INTO t VALUES (2);' >/dev/null 2>&1";
    BOOST_REQUIRE_EQUAL(std::system(cmd.c_str()), 0);
  }

  std::filesystem::path dir;
  std::shared_ptr<Database> db;
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(the_header_changes_with_each_commit_and_only_then, Fixture) {
  auto conn = db::Connection::Open(db->path(), false);
  conn->Prepare("SELECT count(*) FROM t").Step();
  conn->ResetAll();
  WalIndexHeader header = WalIndexHeader::Of(conn->raw());
  BOOST_REQUIRE(header.attached());
  auto before = header.Read();
  BOOST_REQUIRE(before);
  BOOST_CHECK(header.Read() == before);
  std::set<WalIndexHeader::Bytes> seen{*before};
  for (int i = 0; i < 20; ++i) {
    Insert();
    auto now = header.Read();
    BOOST_REQUIRE(now);
    BOOST_CHECK(seen.insert(*now).second);
  }
  auto mine = header.Read();
  InsertElsewhere();
  BOOST_CHECK(header.Read() != mine);
}

BOOST_FIXTURE_TEST_CASE(the_data_version_moves_on_every_commit_and_stays_otherwise, Fixture) {
  DataVersion versions(db);
  uint64_t v = versions.Current();
  for (int i = 0; i < 5; ++i) BOOST_CHECK_EQUAL(versions.Current(), v);  // asked from memory from the third call on
  // Each commit moves the version at the next call, and the version then stays.
  auto moves = [&](const std::function<void()>& commit) {
    commit();
    uint64_t next = versions.Current();
    BOOST_CHECK_GT(next, v);
    BOOST_CHECK_EQUAL(versions.Current(), next);
    v = next;
  };
  for (int i = 0; i < 50; ++i) moves([&] { Insert(); });
  for (int i = 0; i < 3; ++i) moves([&] { InsertElsewhere(); });
}

BOOST_FIXTURE_TEST_CASE(a_commit_seen_on_one_thread_is_seen_on_every_other, Fixture) {
  DataVersion versions(db);
  std::latch ready(1), committed(1);
  uint64_t before = 0, after = 0;
  std::thread other([&] {
    for (int i = 0; i < 3; ++i) before = versions.Current();  // this thread now trusts its header copy
    ready.count_down();
    committed.wait();
    after = versions.Current();
  });
  ready.wait();
  for (int i = 0; i < 3; ++i) versions.Current();
  Insert();
  uint64_t here = versions.Current();
  BOOST_CHECK_GT(here, before);
  committed.count_down();
  other.join();
  BOOST_CHECK_GT(after, before);
  BOOST_CHECK_GE(after, here);
}
