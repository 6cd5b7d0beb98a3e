// Accounts, roles and sessions: registration, login with rate limits, bearer
// tokens (stored only as hashes), role changes by admins.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "core/database.h"
#include "core/rate_limiter.h"
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
  std::string expires_at;
  User user;
};

class AccountService {
 public:
  AccountService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock);

  // Creates an account. kInvalidArgument for a bad e-mail or short password,
  // kConflict when the e-mail is taken. Thread-safe.
  Result<User> Register(const NewAccount& a, const std::string& actor_role = "resident");

  // Checks the password and opens a session. kTooManyRequests when the
  // account or the address made too many attempts, kUnauthenticated when the
  // e-mail or password is wrong. Thread-safe.
  Result<SessionToken> Login(const std::string& email, const std::string& password,
                             const std::string& address);

  // The signed-in user for a bearer token, or nullopt. Thread-safe.
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
  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  RateLimiter per_account_{10, 300};
  RateLimiter per_address_{30, 300};
};

}  // namespace samrad
