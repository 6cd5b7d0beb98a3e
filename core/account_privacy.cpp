// AccountService: the personal-data choices of a user (erasing the account
// with what links flags and reactions to it, showing the display name or a
// pseudonym).
#include "core/account_service.h"
#include "core/event_log.h"

namespace samrad {

Status AccountService::DeleteAccount(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in first");
  int64_t id = actor->id;
  return db_->Write([&](db::Connection& c) -> Status {
    auto& st = c.Prepare("SELECT 1 FROM users WHERE id = ? AND deleted_at IS NULL");
    if (!st.Bind(1, id).Step()) return NotFound("no user " + std::to_string(id));
    st.Reset();
    std::string now = FormatTime(clock_->Now());
    // The row stays so that comments keep their author id; what identifies
    // the person goes.
    c.Prepare(
         "UPDATE users SET email = NULL, password_hash = NULL, display_name = '', public_name = 0, "
         "deleted_at = ? WHERE id = ?")
        .Bind(1, now).Bind(2, id).Run();
    c.Prepare("DELETE FROM sessions WHERE user_id = ?").Bind(1, id).Run();
    // A flag's note is the flagger's own words and often says who they are;
    // the flag itself (comment, reason) stays for the moderators. Who
    // supported or opposed what goes too; the comments keep their counts.
    c.Prepare("UPDATE flags SET note = NULL WHERE user_id = ?").Bind(1, id).Run();
    c.Prepare("DELETE FROM reactions WHERE user_id = ?").Bind(1, id).Run();
    EventLog::Append(c, now, "account.deleted", "user/" + std::to_string(id),
                     RoleName(actor->role), {{"user_id", id}});
    return Status::Ok();
  });
}

Result<User> AccountService::SetPublicName(const Actor& actor, bool public_name) {
  if (!actor) return Unauthenticated("sign in first");
  User u = *actor;
  Status s = db_->Write([&](db::Connection& c) -> Status {
    c.Prepare("UPDATE users SET public_name = ? WHERE id = ? AND deleted_at IS NULL")
        .Bind(1, public_name ? 1 : 0).Bind(2, u.id).Run();
    if (c.Changes() == 0) return NotFound("no user " + std::to_string(u.id));
    if (u.public_name == public_name) return Status::Ok();
    EventLog::Append(c, FormatTime(clock_->Now()), "account.name_visibility_changed",
                     "user/" + std::to_string(u.id), RoleName(u.role),
                     {{"user_id", u.id}, {"public_name", public_name}});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  u.public_name = public_name;
  return u;
}

}  // namespace samrad
