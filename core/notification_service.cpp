// NotificationService implementation.
#include "core/notification_service.h"

namespace samrad {

using json = nlohmann::json;

namespace {
Notification Row(db::Statement& st) {
  Notification n;
  n.id = st.Int(0);
  n.user_id = st.OptInt(1);
  n.subscription_id = st.OptInt(2);
  n.event_seq = st.Int(3);
  n.kind = st.Text(4);
  n.consultation_id = st.OptInt(5);
  n.link = st.Text(6);
  n.data = json::parse(st.View(7), nullptr, false);
  if (n.data.is_discarded()) n.data = json::object();
  n.created_at = st.Text(8);
  n.read_at = st.OptText(9);
  n.mailed = static_cast<int>(st.Int(10));
  return n;
}

int64_t CountUnread(db::Connection& c, int64_t user) {
  auto& st = c.Prepare("SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL");
  int64_t n = st.Bind(1, user).Step() ? st.Int(0) : 0;
  st.Reset();
  return n;
}
}  // namespace

json ToJson(const Notification& n) {
  return {{"id", n.id},
          {"kind", n.kind},
          {"event_seq", n.event_seq},
          {"consultation_id", n.consultation_id ? json(*n.consultation_id) : json(nullptr)},
          {"link", n.link},
          {"data", n.data},
          {"created_at", n.created_at},
          {"read", n.read_at.has_value()},
          {"read_at", n.read_at ? json(*n.read_at) : json(nullptr)}};
}

NotificationService::NotificationService(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock)
    : db_(std::move(db)), clock_(std::move(clock)) {}

Result<NotificationPage> NotificationService::List(const Actor& actor, const Page& page, bool unread_only) {
  if (!actor) return Unauthenticated("sign in to read your notifications");
  auto before = CursorInt(page, 0, INT64_MAX);
  if (!before.ok()) return before.status();
  NotificationPage out;
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare(
        "SELECT id, user_id, subscription_id, event_seq, kind, consultation_id, link, data, created_at, "
        "read_at, mailed FROM notifications WHERE user_id = ?1 AND id < ?2 AND (?3 = 0 OR read_at IS NULL) "
        "ORDER BY id DESC LIMIT ?4");
    st.Bind(1, actor->id).Bind(2, before.value()).Bind(3, unread_only ? 1 : 0).Bind(4, page.limit + 1);
    while (st.Step()) out.items.push_back(Row(st));
    st.Reset();
    out.unread = CountUnread(c, actor->id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  Listing<Notification> trimmed{std::move(out.items), std::nullopt};
  TrimPage(trimmed, page.limit, [](const Notification& n) { return json::array({n.id}); });
  out.items = std::move(trimmed.items);
  out.next_cursor = trimmed.next_cursor;
  return out;
}

int64_t NotificationService::UnreadCount(const Actor& actor) {
  if (!actor) return 0;
  int64_t n = 0;
  db_->Read([&](db::Connection& c) {
    n = CountUnread(c, actor->id);
    return Status::Ok();
  });
  return n;
}

Result<int64_t> NotificationService::MarkRead(const Actor& actor, const std::optional<std::vector<int64_t>>& ids) {
  if (!actor) return Unauthenticated("sign in to read your notifications");
  int64_t marked = 0;
  std::string now = FormatTime(clock_->Now());
  Status s = db_->Write([&](db::Connection& c) -> Status {
    marked = 0;
    if (!ids) {
      c.Prepare("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL")
          .Bind(1, now).Bind(2, actor->id).Run();
      marked = c.Changes();
      return Status::Ok();
    }
    auto& st = c.Prepare("UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL");
    for (int64_t id : *ids) {
      st.Reset();
      st.Bind(1, now).Bind(2, id).Bind(3, actor->id).Run();
      marked += c.Changes();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return marked;
}

Result<std::vector<NotificationPref>> NotificationService::Prefs(const Actor& actor) {
  if (!actor) return Unauthenticated("sign in to change your notifications");
  std::vector<NotificationPref> out;
  for (auto k : notify::kPersonalKinds) out.push_back({std::string(k)});
  for (auto k : notify::kFollowedKinds) out.push_back({std::string(k)});
  Status s = db_->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT kind, enabled, email FROM notification_prefs WHERE user_id = ?");
    st.Bind(1, actor->id);
    while (st.Step()) {
      for (auto& p : out) {
        if (p.kind == st.View(0)) {
          p.enabled = st.Int(1) != 0;
          p.email = st.Int(2) != 0;
        }
      }
    }
    st.Reset();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<NotificationPref>> NotificationService::SetPrefs(const Actor& actor,
                                                                     const std::vector<NotificationPref>& prefs) {
  if (!actor) return Unauthenticated("sign in to change your notifications");
  std::vector<FieldError> errors;
  for (size_t i = 0; i < prefs.size(); ++i) {
    if (!notify::IsKind(prefs[i].kind)) errors.push_back({"/" + std::to_string(i) + "/kind", "not a kind of notification"});
  }
  if (!errors.empty()) return Invalid("unknown kinds of notification", errors);
  Status s = db_->Write([&](db::Connection& c) -> Status {
    auto& st = c.Prepare(
        "INSERT INTO notification_prefs(user_id, kind, email, enabled) VALUES(?1, ?2, ?3, ?4) "
        "ON CONFLICT(user_id, kind) DO UPDATE SET email = ?3, enabled = ?4");
    for (const auto& p : prefs) {
      st.Reset();
      st.Bind(1, actor->id).Bind(2, p.kind).Bind(3, p.email ? 1 : 0).Bind(4, p.enabled ? 1 : 0).Run();
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return Prefs(actor);
}

}  // namespace samrad
