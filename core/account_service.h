// Accounts, roles and sessions: registration, login with rate limits, bearer
// tokens (stored only as hashes), role changes by admins.
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "core/data_version.h"
#include "core/database.h"
#include "core/hash_gate.h"
#include "core/login_backoff.h"
#include "core/rate_limiter.h"
#include "core/session_cache.h"
#include "core/status.h"
#include "core/user.h"

namespace samrad {

struct NewAccount {
  std::string email;
  std::string password;
  std::string display_name;
  Role role = Role::kResident;
  bool public_name = false;
};

struct SessionToken {
  std::string token;
  // When the session ends unless used: each use moves it on (idle timeout),
  // never past renewable_until (the absolute limit).
  std::string expires_at;
  std::string renewable_until;
  User user;
};

// Sessions end after this long unused (unless configured), and after
// kSessionMaxSeconds at most.
constexpr int64_t kDefaultSessionIdleSeconds = 7 * 24 * 3600;
constexpr int64_t kSessionMaxSeconds = 30 * 24 * 3600;
// Seconds a client turned away because too many passwords are being hashed
// is told to wait (Retry-After).
constexpr int kHashBusyRetryAfter = 2;
// Registrations allowed per client address and hour unless configured.
constexpr int kDefaultRegistrationsPerHour = 5;

class AccountService {
 public:
  AccountService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // Creates an account. kInvalidArgument naming every bad field (see
  // CheckNewAccount), kConflict when the e-mail is taken (which public
  // answers must not reveal: the work done is the same either way),
  // kTooManyRequests when the address (if not empty) registered too often,
  // kUnavailable when too many passwords are being hashed. Thread-safe.
  Result<User> Register(const NewAccount& a, const std::string& actor_role = "resident",
                        const std::string& address = "");
  // Registrations allowed per address and hour (at least 1). Not thread-safe
  // with the other methods: configure before serving, as the next one.
  void SetRegistrationLimit(int per_hour) { registrations_.SetMax(per_hour); }
  // Seconds a session may lie unused before it ends.
  void SetSessionIdle(int64_t seconds) { session_idle_seconds_ = seconds; }
  // Keeps sessions as read while versions says nothing was committed since
  // (SessionCache), so a signed-in request reads no session from SQLite.
  void KeepSessions(std::shared_ptr<DataVersion> versions) { versions_ = std::move(versions); }
  int RegistrationRetryAfter(const std::string& address);

  // Checks the password and opens a session. kTooManyRequests when this
  // address failed too often, or failed too often for this account (an
  // exponential back-off per account and address: the owner elsewhere is not
  // locked out), kUnauthenticated when the e-mail or password is wrong (in
  // the same time whether or not the e-mail exists), kUnavailable when too
  // many passwords are being hashed. Purges expired sessions. Thread-safe.
  Result<SessionToken> Login(const std::string& email, const std::string& password,
                             const std::string& address);

  // The signed-in user for a bearer token, or nullopt; a use moves the
  // session's idle expiry on. Thread-safe (account_sessions.cpp).
  Actor Authenticate(const std::string& token);
  // Ends the session of this token. Thread-safe.
  Status Logout(const std::string& token);

  // Admin only: kPermissionDenied otherwise, kNotFound for no such user.
  Result<User> SetRole(const Actor& actor, int64_t user_id, Role role);
  Result<User> Get(int64_t user_id);

  // Erases the actor's own account: e-mail, password and display name are
  // removed, sessions end; comments stay, shown as "deleted account".
  // kUnauthenticated without a user. Thread-safe (account_privacy.cpp).
  Status DeleteAccount(const Actor& actor);
  // Shows the display name publicly (true) or a per-consultation pseudonym.
  Result<User> SetPublicName(const Actor& actor, bool public_name);

  static nlohmann::json ToJson(const User& u, bool with_email);
  // Seconds a refused login must wait.
  int LoginRetryAfter(const std::string& email, const std::string& address);

 private:
  // Verifies under the hash gate; against a dummy hash when hash is empty,
  // so that an unknown e-mail takes as long as a known one.
  Result<bool> VerifyGated(const std::string& hash, const std::string& password);
  // A user from columns id, email, display_name, role, public_name,
  // created_at, deleted.
  static User ReadUser(db::Statement& st);
  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  // Wrong passwords per (account, address), and per address over all
  // accounts (generous: many people may share one address).
  LoginBackoff per_pair_{5, 15, 900};
  RateLimiter failures_per_address_{100, 900};
  RateLimiter registrations_{kDefaultRegistrationsPerHour, 3600};
  HashGate hashes_{2, std::chrono::milliseconds(250)};
  int64_t session_idle_seconds_ = kDefaultSessionIdleSeconds;
  std::shared_ptr<DataVersion> versions_;
  SessionCache sessions_;
};

}  // namespace samrad
