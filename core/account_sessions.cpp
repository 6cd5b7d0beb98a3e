// AccountService: signing in (with per-address and per-account-and-address
// limits), sessions with an idle and an absolute expiry, signing out.
#include <algorithm>

#include "core/account_rules.h"
#include "core/account_service.h"
#include "core/crypto.h"

namespace samrad {

namespace {
// A session's idle expiry is moved on at most this often, so that a busy
// client does not turn every read into a write.
constexpr int64_t kRenewEverySeconds = 3600;

std::string PairKey(const std::string& email, const std::string& address) {
  return email + '\n' + address;
}
}  // namespace

int AccountService::LoginRetryAfter(const std::string& email, const std::string& address) {
  int64_t now = clock_->Now();
  return std::max({1, per_pair_.RetryAfter(PairKey(LowerAscii(email), address), now),
                   failures_per_address_.RetryAfter(address, now)});
}

Result<bool> AccountService::VerifyGated(const std::string& hash, const std::string& password) {
  HashGate::Pass pass(hashes_);
  if (!pass.ok()) return Status(Code::kUnavailable, "too many passwords being checked; try again shortly");
  if (hash.empty()) {
    crypto::VerifyPassword(crypto::DummyPasswordHash(), password);
    return false;
  }
  return crypto::VerifyPassword(hash, password);
}

Result<SessionToken> AccountService::Login(const std::string& email_in,
                                           const std::string& password,
                                           const std::string& address) {
  std::string email = LowerAscii(email_in);
  std::string pair = PairKey(email, address);
  int64_t now = clock_->Now();
  if (failures_per_address_.Exhausted(address, now) || per_pair_.RetryAfter(pair, now) > 0) {
    return Status(Code::kTooManyRequests, "too many failed sign-ins; wait and try again");
  }
  std::string hash;
  User u;
  Status rs = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT id, COALESCE(email,''), display_name, role, public_name, created_at, 0, "
        "password_hash FROM users WHERE email = ? AND deleted_at IS NULL");
    if (st.Bind(1, email).Step()) {
      u = ReadUser(st);
      hash = st.Text(7);
    }
    return Status::Ok();
  });
  if (!rs.ok()) return rs;
  auto right = VerifyGated(hash, password);
  if (!right.ok()) return right.status();
  if (!right.value()) {
    per_pair_.Fail(pair, now);
    failures_per_address_.Record(address, now);
    return Unauthenticated("wrong e-mail or password");
  }
  per_pair_.Succeed(pair);
  SessionToken t{crypto::RandomToken(), FormatTime(now + std::min(session_idle_seconds_, kSessionMaxSeconds)),
                 FormatTime(now + kSessionMaxSeconds), u};
  Status ws = db_->Write([&](db::Connection& c) {
    // Expired sessions go whenever someone signs in: no timer needed.
    c.Prepare("DELETE FROM sessions WHERE expires_at <= ?").Bind(1, FormatTime(now)).Run();
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
  int64_t now = clock_->Now();
  std::string token_hash = crypto::Sha256Hex(token);
  // The session is renewed (a write) once it could last an hour longer.
  auto renewal = [&](int64_t created, int64_t expires) -> std::optional<int64_t> {
    int64_t next = std::min(created + kSessionMaxSeconds, now + session_idle_seconds_);
    if (next >= expires + kRenewEverySeconds) return next;
    return std::nullopt;
  };
  uint64_t version = versions_ ? versions_->Current() : 0;
  if (versions_) {
    auto kept = sessions_.Get(token_hash, version);
    if (kept && kept->expires_at > now && !renewal(kept->created_at, kept->expires_at)) return kept->user;
  }
  Actor out;
  std::optional<int64_t> renew_to;
  db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT u.id, COALESCE(u.email,''), u.display_name, u.role, u.public_name, "
        "u.created_at, 0, s.created_at, s.expires_at FROM sessions s "
        "JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.deleted_at IS NULL");
    if (!st.Bind(1, token_hash).Bind(2, FormatTime(now)).Step()) return Status::Ok();
    out = ReadUser(st);
    auto created = ParseTime(st.Text(7));
    auto expires = ParseTime(st.Text(8));
    if (created && expires) {
      renew_to = renewal(*created, *expires);
      if (versions_ && !renew_to) sessions_.Put(token_hash, version, {*out, *created, *expires});
    }
    return Status::Ok();
  });
  if (renew_to) {
    // A failed renewal only means the session ends sooner; the request goes on.
    db_->Write([&](db::Connection& c) {
      c.Prepare("UPDATE sessions SET expires_at = ? WHERE token_hash = ? AND expires_at < ?")
          .Bind(1, FormatTime(*renew_to)).Bind(2, token_hash).Bind(3, FormatTime(*renew_to)).Run();
      return Status::Ok();
    });
  }
  return out;
}

Status AccountService::Logout(const std::string& token) {
  return db_->Write([&](db::Connection& c) {
    c.Prepare("DELETE FROM sessions WHERE token_hash = ?").Bind(1, crypto::Sha256Hex(token)).Run();
    return Status::Ok();
  });
}

}  // namespace samrad
