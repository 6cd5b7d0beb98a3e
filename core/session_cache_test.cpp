#define BOOST_TEST_MODULE session_cache_test
#include <boost/test/unit_test.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/account_service.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/data_version.h"
#include "core/database.h"
#include "core/session_cache.h"
#include "core/test_data_folder.h"

using namespace samrad;

BOOST_AUTO_TEST_CASE(an_entry_answers_only_at_the_version_it_was_read_at) {
  SessionCache cache;
  User u;
  u.id = 7;
  cache.Put("h", 3, {u, 100, 200});
  BOOST_REQUIRE(cache.Get("h", 3).has_value());
  BOOST_TEST(cache.Get("h", 3)->user.id == 7);
  BOOST_TEST(!cache.Get("other", 3).has_value());
  BOOST_TEST(!cache.Get("h", 4).has_value());
  // An entry read at an older version than the newest kept is not stored.
  cache.Put("h", 4, {u, 100, 200});
  cache.Put("old", 3, {u, 100, 200});
  BOOST_TEST(!cache.Get("old", 3).has_value());
  BOOST_TEST(!cache.Get("h", 3).has_value());
  BOOST_TEST(cache.size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_cache_never_holds_more_than_its_bound) {
  SessionCache cache;
  for (size_t i = 0; i < 3 * SessionCache::kMaxEntries; ++i) {
    cache.Put("h" + std::to_string(i), 1, {User{}, 0, 1});
    BOOST_TEST_REQUIRE(cache.size() <= SessionCache::kMaxEntries);
  }
}

namespace {
constexpr int64_t kStart = 1798761600;  // 2027-01-01

struct Accounts : samrad::testing::DataFolder {
  Accounts() : DataFolder("sessions", kStart) {
    accounts = std::make_shared<AccountService>(db, clock);
    accounts->KeepSessions(std::make_shared<DataVersion>(db));
    NewAccount a{"anna@example.se", "ett långt lösenord", "Anna", Role::kResident, false};
    user = accounts->Register(a).value();
    token = accounts->Login("anna@example.se", "ett långt lösenord", "").value().token;
  }

  // A change made by another program on the same database file.
  void OtherProcess(const std::string& sql) {
    sqlite3* c = nullptr;
    BOOST_REQUIRE(sqlite3_open((dir / "samrad.db").c_str(), &c) == SQLITE_OK);
    sqlite3_busy_timeout(c, 5000);
    BOOST_REQUIRE(sqlite3_exec(c, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(c);
  }

  std::shared_ptr<AccountService> accounts;
  User user;
  std::string token;
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_kept_session_ends_with_a_sign_out, Accounts) {
  BOOST_REQUIRE(accounts->Authenticate(token).has_value());
  BOOST_REQUIRE(accounts->Authenticate(token).has_value());  // now kept
  BOOST_REQUIRE(accounts->Logout(token).ok());
  BOOST_TEST(!accounts->Authenticate(token).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_kept_session_follows_changes_made_by_another_process, Accounts) {
  BOOST_REQUIRE(accounts->Authenticate(token)->role == Role::kResident);
  BOOST_REQUIRE(accounts->Authenticate(token)->role == Role::kResident);
  OtherProcess("UPDATE users SET role = 'moderator' WHERE id = " + std::to_string(user.id));
  auto now = accounts->Authenticate(token);
  BOOST_REQUIRE(now.has_value());
  BOOST_TEST(now->IsModerator());
  OtherProcess("DELETE FROM sessions");
  BOOST_TEST(!accounts->Authenticate(token).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_kept_session_ends_at_its_time_without_any_commit, Accounts) {
  // Used every day: renewed up to the absolute limit, after which no use
  // writes anything (nothing moves the data version), yet it ends there.
  for (int day = 1; day < 30; ++day) {
    clock->Set(kStart + day * 24 * 3600);
    BOOST_TEST_REQUIRE(accounts->Authenticate(token).has_value(), day);
  }
  clock->Set(kStart + kSessionMaxSeconds);
  BOOST_TEST(!accounts->Authenticate(token).has_value());
}

BOOST_FIXTURE_TEST_CASE(a_kept_session_is_still_renewed_when_it_is_used, Accounts) {
  BOOST_REQUIRE(accounts->Authenticate(token).has_value());
  // Used every day for longer than the idle limit: each use moves it on.
  for (int day = 1; day <= 10; ++day) {
    clock->Set(kStart + day * 24 * 3600);
    BOOST_TEST_REQUIRE(accounts->Authenticate(token).has_value(), day);
  }
  // Then unused for longer than the idle limit: it has ended.
  clock->Set(kStart + 10 * 24 * 3600 + kDefaultSessionIdleSeconds + 1);
  BOOST_TEST(!accounts->Authenticate(token).has_value());
}
