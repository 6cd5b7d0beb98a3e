// AccountService implementation.
#include "core/account_service.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/event_log.h"

namespace samrad {

using nlohmann::json;

namespace {
constexpr int64_t kSessionSeconds = 30 * 24 * 3600;
constexpr size_t kMinPassword = 8;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool PlausibleEmail(const std::string& e) {
  auto at = e.find('@');
  return at != std::string::npos && at > 0 && e.find('.', at) != std::string::npos &&
         e.back() != '.' && e.find(' ') == std::string::npos && e.size() <= 254;
}

constexpr const char* kUserColumns =
    "SELECT id, COALESCE(email,''), display_name, role, public_name, created_at, "
    "deleted_at IS NOT NULL FROM users ";

User ReadUser(db::Statement& st) {
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

Result<User> AccountService::Register(const NewAccount& a, const std::string& actor_role) {
  std::string email = Lower(a.email);
  if (!PlausibleEmail(email)) return InvalidField("/email", "not a valid e-mail address");
  if (a.password.size() < kMinPassword) {
    return InvalidField("/password", "must be at least 8 characters");
  }
  if (a.display_name.empty()) return InvalidField("/display_name", "must not be empty");
  std::string hash = crypto::HashPassword(a.password);  // slow: outside the write lock
  if (hash.empty()) return Internal("password hashing failed");
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

int AccountService::LoginRetryAfter(const std::string& email, const std::string& address) {
  int64_t now = clock_->Now();
  return std::max({1, per_account_.RetryAfter(Lower(email), now),
                   per_address_.RetryAfter(address, now)});
}

Result<SessionToken> AccountService::Login(const std::string& email_in,
                                           const std::string& password,
                                           const std::string& address) {
  std::string email = Lower(email_in);
  int64_t now = clock_->Now();
  if (!per_address_.Allow(address, now) || !per_account_.Allow(email, now)) {
    return Status(Code::kTooManyRequests, "too many login attempts; wait and try again");
  }
  std::string hash;
  User u;
  bool found = false;
  Status rs = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT id, COALESCE(email,''), display_name, role, public_name, created_at, 0, "
        "password_hash FROM users WHERE email = ? AND deleted_at IS NULL");
    if (st.Bind(1, email).Step()) {
      u = ReadUser(st);
      hash = st.Text(7);
      found = true;
    }
    return Status::Ok();
  });
  if (!rs.ok()) return rs;
  if (!found || !crypto::VerifyPassword(hash, password)) {
    return Unauthenticated("wrong e-mail or password");
  }
  SessionToken t{crypto::RandomToken(), FormatTime(now + kSessionSeconds), u};
  Status ws = db_->Write([&](db::Connection& c) {
    c.Prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES(?,?,?,?)")
        .Bind(1, crypto::Sha256Hex(t.token))
        .Bind(2, u.id)
        .Bind(3, FormatTime(now))
        .Bind(4, t.expires_at)
        .Run();
    return Status::Ok();
  });
  if (!ws.ok()) return ws;
  return t;
}

Actor AccountService::Authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  Actor out;
  std::string now = FormatTime(clock_->Now());
  db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT u.id, COALESCE(u.email,''), u.display_name, u.role, u.public_name, "
        "u.created_at, 0 FROM sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.deleted_at IS NULL");
    if (st.Bind(1, crypto::Sha256Hex(token)).Bind(2, now).Step()) out = ReadUser(st);
    return Status::Ok();
  });
  return out;
}

Status AccountService::Logout(const std::string& token) {
  return db_->Write([&](db::Connection& c) {
    c.Prepare("DELETE FROM sessions WHERE token_hash = ?").Bind(1, crypto::Sha256Hex(token)).Run();
    return Status::Ok();
  });
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
