// AccountService implementation.
#include "core/account_service.h"

#include <algorithm>

#include "core/account_rules.h"
#include "core/crypto.h"
#include "core/event_log.h"

namespace samrad {

using nlohmann::json;

namespace {
constexpr const char* kUserColumns =
    "SELECT id, COALESCE(email,''), display_name, role, public_name, created_at, "
    "deleted_at IS NOT NULL FROM users ";
}  // namespace

std::string RoleName(Role r) {
  switch (r) {
    case Role::kResident: return "resident";
    case Role::kModerator: return "moderator";
    case Role::kOfficial: return "official";
    case Role::kAdmin: return "admin";
  }
  return "resident";
}

std::optional<Role> ParseRole(const std::string& name) {
  if (name == "resident") return Role::kResident;
  if (name == "moderator") return Role::kModerator;
  if (name == "official") return Role::kOfficial;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

AccountService::AccountService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}

User AccountService::ReadUser(db::Statement& st) {
  User u;
  u.id = st.Int(0);
  u.email = st.Text(1);
  u.display_name = st.Text(2);
  u.role = ParseRole(st.Text(3)).value_or(Role::kResident);
  u.public_name = st.Int(4) != 0;
  u.created_at = st.Text(5);
  u.deleted = st.Int(6) != 0;
  return u;
}
int AccountService::RegistrationRetryAfter(const std::string& address) {
  return std::max(1, registrations_.RetryAfter(address, clock_->Now()));
}

Result<User> AccountService::Register(const NewAccount& in, const std::string& actor_role,
                                      const std::string& address) {
  NewAccount a = in;
  a.email = LowerAscii(a.email);
  if (Status valid = CheckNewAccount(a); !valid.ok()) return valid;
  // Counted only once the fields are valid: a typo does not use up the hour.
  if (!address.empty() && !registrations_.Allow(address, clock_->Now())) {
    return Status(Code::kTooManyRequests, "too many new accounts from this address; wait and try again");
  }
  std::string hash;
  {
    HashGate::Pass pass(hashes_);
    if (!pass.ok()) return Status(Code::kUnavailable, "too many passwords being checked; try again shortly");
    hash = crypto::HashPassword(a.password);  // slow: outside the write lock
  }
  if (hash.empty()) return Internal("password hashing failed");
  const std::string& email = a.email;
  User u;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto& exists = c.Prepare("SELECT 1 FROM users WHERE email = ?");
    if (exists.Bind(1, email).Step()) return Conflict("an account with this e-mail already exists");
    std::string now = FormatTime(clock_->Now());
    c.Prepare(
         "INSERT INTO users(email, password_hash, display_name, role, public_name, created_at) "
         "VALUES(?,?,?,?,?,?)")
        .Bind(1, email)
        .Bind(2, hash)
        .Bind(3, a.display_name)
        .Bind(4, RoleName(a.role))
        .Bind(5, a.public_name ? 1 : 0)
        .Bind(6, now)
        .Run();
    u = {c.LastInsertId(), email, a.display_name, a.role, a.public_name, now, false};
    // No personal data in the public log: only an opaque id and the role.
    EventLog::Append(c, now, "account.created", "user/" + std::to_string(u.id), actor_role,
                     {{"user_id", u.id}, {"role", RoleName(u.role)}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return u;
}

Result<User> AccountService::Get(int64_t user_id) {
  std::optional<User> u;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(std::string(kUserColumns) + "WHERE id = ?");
    if (st.Bind(1, user_id).Step()) u = ReadUser(st);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!u) return NotFound("no user " + std::to_string(user_id));
  return *u;
}

Result<User> AccountService::SetRole(const Actor& actor, int64_t user_id, Role role) {
  if (!actor) return Unauthenticated("sign in first");
  if (!actor->IsAdmin()) return Forbidden("only an administrator may change roles");
  std::optional<User> u;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto& st = c.Prepare(std::string(kUserColumns) + "WHERE id = ? AND deleted_at IS NULL");
    if (!st.Bind(1, user_id).Step()) return NotFound("no user " + std::to_string(user_id));
    u = ReadUser(st);
    st.Reset();
    u->role = role;
    c.Prepare("UPDATE users SET role = ? WHERE id = ?").Bind(1, RoleName(role)).Bind(2, user_id).Run();
    EventLog::Append(c, FormatTime(clock_->Now()), "account.role_changed",
                     "user/" + std::to_string(user_id), RoleName(actor->role),
                     {{"user_id", user_id}, {"role", RoleName(role)}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return *u;
}

json AccountService::ToJson(const User& u, bool with_email) {
  json j = {{"id", u.id},
            {"display_name", u.display_name},
            {"role", RoleName(u.role)},
            {"public_name", u.public_name},
            {"created_at", u.created_at}};
  if (with_email) j["email"] = u.email;
  return j;
}

}  // namespace samrad
