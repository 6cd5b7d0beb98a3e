// The mailer step (see mailer.h).
#include "server/mail/mailer.h"

#include <cstdio>
#include <map>

#include "core/mail_outbox.h"
#include "core/mail_token.h"
#include "server/mail/stockholm_time.h"

namespace samrad::server::mail {

namespace {

constexpr char kCursor[] = "mailer";
constexpr char kDailyCursor[] = "mail_digest_daily";
constexpr char kWeeklyCursor[] = "mail_digest_weekly";

// A notification with what its e-mail needs to know about the recipient.
struct Pending {
  Notification n;
  std::string recipient;  // empty: nobody to mail (a deleted account)
  std::string frequency;  // immediate, daily, weekly
  std::string lang;
  bool wants_mail = true;  // the user's setting for this kind
  std::string target_kind, target;
};

// Every notification column and its recipient's address, frequency,
// language and setting.
constexpr char kSelect[] =
    "SELECT n.id, n.user_id, n.subscription_id, n.event_seq, n.kind, n.consultation_id, n.link, n.data,"
    " n.created_at, n.mailed, coalesce(u.email, s.email, su.email, ''), ifnull(s.frequency, 'immediate'),"
    " CASE WHEN s.lang IS NOT NULL THEN s.lang WHEN c.language = 'en' THEN 'en' ELSE 'sv' END,"
    " ifnull(p.email, 1) AND ifnull(p.enabled, 1), ifnull(s.target_kind, ''), ifnull(s.target, '')"
    " FROM notifications n"
    " LEFT JOIN users u ON u.id = n.user_id"
    " LEFT JOIN subscriptions s ON s.id = n.subscription_id"
    " LEFT JOIN users su ON su.id = s.user_id"
    " LEFT JOIN consultations c ON c.id = n.consultation_id"
    " LEFT JOIN notification_prefs p ON p.user_id = n.user_id AND p.kind = n.kind ";

std::vector<Pending> ReadPending(db::Statement& q) {
  std::vector<Pending> out;
  while (q.Step()) {
    Pending p;
    p.n.id = q.Int(0);
    p.n.user_id = q.OptInt(1);
    p.n.subscription_id = q.OptInt(2);
    p.n.event_seq = q.Int(3);
    p.n.kind = q.Text(4);
    p.n.consultation_id = q.OptInt(5);
    p.n.link = q.Text(6);
    p.n.data = nlohmann::json::parse(q.Text(7), nullptr, false);
    if (p.n.data.is_discarded()) p.n.data = nlohmann::json::object();
    p.n.created_at = q.Text(8);
    p.n.mailed = static_cast<int>(q.Int(9));
    p.recipient = q.Text(10);
    p.frequency = q.Text(11);
    p.lang = q.Text(12);
    p.wants_mail = q.Int(13) != 0;
    p.target_kind = q.Text(14);
    p.target = q.Text(15);
    out.push_back(std::move(p));
  }
  q.Reset();
  return out;
}

int64_t Cursor(db::Connection& c, const char* name) {
  auto& q = c.Prepare("SELECT seq FROM log_cursors WHERE name = ?").Bind(1, name);
  int64_t seq = q.Step() ? q.Int(0) : 0;
  q.Reset();
  return seq;
}

void SetCursor(db::Connection& c, const char* name, int64_t seq) {
  c.Prepare("INSERT INTO log_cursors (name, seq) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET seq = excluded.seq")
      .Bind(1, name)
      .Bind(2, seq)
      .Run();
}

void SetMailed(db::Connection& c, int64_t id, int mailed) {
  c.Prepare("UPDATE notifications SET mailed = ? WHERE id = ?").Bind(1, mailed).Bind(2, id).Run();
}

// How the recipient stops this message: a subscription's own link, or the
// user's switch for this kind (or for all e-mail, in a digest).
MailFooter Footer(db::Connection& c, const Pending& p, const std::string& base_url, bool digest) {
  MailFooter f;
  f.subscription = p.n.subscription_id.has_value();
  std::string scope;
  if (digest && p.n.user_id) {
    f.unsubscribe_kind = "user";
    scope = "user:" + std::to_string(*p.n.user_id);
  } else if (p.n.subscription_id) {
    f.unsubscribe_kind = "subscription";
    scope = "sub:" + std::to_string(*p.n.subscription_id);
  } else if (p.n.user_id) {
    f.unsubscribe_kind = "kind";
    scope = "kind:" + std::to_string(*p.n.user_id) + ":" + p.n.kind;
  }
  if (!scope.empty()) f.unsubscribe_url = base_url + "/unsubscribe?t=" + MailToken::Make(c, scope);
  return f;
}

// The page that lists everything a digest leaves out.
std::string RestPath(const Pending& p) {
  if (!p.n.subscription_id || p.n.user_id) return "/me/notifications";
  if (p.target_kind == "consultation") return "/consultations/" + p.target;
  if (p.target_kind == "dataset") return "/data";
  if (p.target_kind == "search") return p.n.link.empty() ? "/search" : p.n.link;
  return "/decisions";
}

std::string IsoDay(int64_t ymd) {
  char buf[16];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(ymd / 10000), int(ymd / 100 % 100), int(ymd % 100));
  return buf;
}

}  // namespace

Mailer::Mailer(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, MailerOptions options)
    : db_(std::move(db)), clock_(std::move(clock)), options_(std::move(options)), composer_(options_.base_url) {}

bool Mailer::HasWork() {
  bool pending = false;
  int64_t now = clock_->Now();
  Status s = db_->Read([&](db::Connection& c) {
    auto& q = c.Prepare("SELECT ifnull(max(id), 0) FROM notifications");
    q.Step();
    int64_t last = q.Int(0);
    q.Reset();
    pending = last > Cursor(c, kCursor) ||
              LastDigestDay(now, options_.digest_hour, false) > Cursor(c, kDailyCursor) ||
              LastDigestDay(now, options_.digest_hour, true) > Cursor(c, kWeeklyCursor);
    return Status::Ok();
  });
  return s.ok() && pending;
}

Result<int> Mailer::Pass() {
  if (!HasWork()) return 0;
  int queued = 0;
  int64_t now = clock_->Now();
  Status s = db_->Write([&](db::Connection& c) {
    queued = Immediate(c, now) + Digests(c, now, false) + Digests(c, now, true);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return queued;
}

int Mailer::Immediate(db::Connection& c, int64_t now) {
  int64_t cursor = Cursor(c, kCursor);
  auto& q = c.Prepare(std::string(kSelect) + "WHERE n.id > ? ORDER BY n.id LIMIT ?")
                .Bind(1, cursor)
                .Bind(2, options_.batch);
  std::vector<Pending> rows = ReadPending(q);
  if (rows.empty()) return 0;
  int queued = 0;
  std::string hour_ago = FormatTime(now - 3600), at = FormatTime(now);
  for (const auto& p : rows) {
    if (p.n.mailed != 0) continue;
    if (p.recipient.empty() || !p.wants_mail) {
      SetMailed(c, p.n.id, 2);
      continue;
    }
    // Digest subscriptions, and recipients over their hourly limit, wait
    // (mailed = 0, behind the cursor) for the next digest.
    if (p.frequency != "immediate") continue;
    if (MailOutbox::QueuedSince(c, p.recipient, hour_ago) >= options_.per_hour) continue;
    MailFooter footer = Footer(c, p, options_.base_url, false);
    ComposedMail m = composer_.One(p.n, p.lang, footer);
    OutgoingMail out{p.recipient, p.lang, m.subject, m.text, m.html, footer.unsubscribe_url,
                     "n:" + std::to_string(p.n.id)};
    if (MailOutbox::Enqueue(c, out, options_.host, at)) ++queued;
    SetMailed(c, p.n.id, 1);
  }
  SetCursor(c, kCursor, rows.back().n.id);
  return queued;
}

int Mailer::Digests(db::Connection& c, int64_t now, bool weekly) {
  const char* cursor_name = weekly ? kWeeklyCursor : kDailyCursor;
  int64_t day = LastDigestDay(now, options_.digest_hour, weekly);
  if (day <= Cursor(c, cursor_name)) return 0;
  SetCursor(c, cursor_name, day);
  // Daily digests also carry what the hourly limit held back.
  auto& q = c.Prepare(std::string(kSelect) +
                      "WHERE n.mailed = 0 AND n.id <= ? AND ifnull(s.frequency, 'immediate') IN (?, ?)"
                      " ORDER BY n.id")
                .Bind(1, Cursor(c, kCursor))
                .Bind(2, weekly ? "weekly" : "daily")
                .Bind(3, weekly ? "weekly" : "immediate");
  std::vector<Pending> rows = ReadPending(q);
  // One digest per user, or per subscription of a follower without an account.
  std::map<std::string, std::vector<const Pending*>> groups;
  for (const auto& p : rows) {
    if (p.recipient.empty() || !p.wants_mail) {
      SetMailed(c, p.n.id, 2);
      continue;
    }
    std::string key = p.n.user_id ? "u" + std::to_string(*p.n.user_id) : "s" + std::to_string(*p.n.subscription_id);
    groups[key].push_back(&p);
  }
  int queued = 0;
  std::string at = FormatTime(now);
  for (const auto& [key, items] : groups) {
    const Pending& first = *items.front();
    std::vector<Notification> shown;
    for (size_t i = 0; i < items.size() && i < options_.digest_items; ++i) shown.push_back(items[i]->n);
    MailFooter footer = Footer(c, first, options_.base_url, true);
    ComposedMail m = composer_.Digest(shown, items.size(), weekly, RestPath(first), first.lang, footer);
    OutgoingMail out{first.recipient, first.lang, m.subject, m.text, m.html, footer.unsubscribe_url,
                     "digest:" + IsoDay(day) + (weekly ? ":weekly:" : ":daily:") + key};
    if (MailOutbox::Enqueue(c, out, options_.host, at)) ++queued;
    for (const Pending* p : items) SetMailed(c, p->n.id, 1);
  }
  return queued;
}

}  // namespace samrad::server::mail
