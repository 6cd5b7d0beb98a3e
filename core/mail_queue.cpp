// Claiming, marking and counting outbox messages (see mail_queue.h).
#include "core/mail_queue.h"

#include <algorithm>

#include "core/clock.h"

namespace samrad {

int64_t MailQueue::Backoff(int attempts) {
  constexpr int64_t kFirst = 60, kMost = 6 * 3600;
  int64_t wait = kFirst;
  for (int i = 1; i < attempts && wait < kMost; ++i) wait *= 2;
  return std::min(wait, kMost);
}

std::vector<QueuedMail> MailQueue::Claim(db::Connection& c, int64_t now, int limit) {
  std::vector<QueuedMail> out;
  auto& q = c.Prepare(
                 "SELECT id, message_id, recipient, lang, subject, text_body, html_body,"
                 " ifnull(unsubscribe_url, ''), created_at, attempts FROM mail_outbox"
                 " WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
                .Bind(1, FormatTime(now))
                .Bind(2, limit);
  while (q.Step()) {
    QueuedMail m;
    m.id = q.Int(0);
    m.message_id = q.Text(1);
    m.mail.recipient = q.Text(2);
    m.mail.lang = q.Text(3);
    m.mail.subject = q.Text(4);
    m.mail.text_body = q.Text(5);
    m.mail.html_body = q.Text(6);
    m.mail.unsubscribe_url = q.Text(7);
    m.created_at = q.Text(8);
    m.attempts = static_cast<int>(q.Int(9)) + 1;
    out.push_back(std::move(m));
  }
  q.Reset();
  for (const auto& m : out) {
    c.Prepare("UPDATE mail_outbox SET state = 'sending', attempts = ? WHERE id = ?")
        .Bind(1, m.attempts)
        .Bind(2, m.id)
        .Run();
  }
  return out;
}

void MailQueue::MarkSent(db::Connection& c, int64_t id, int64_t now) {
  c.Prepare("UPDATE mail_outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?")
      .Bind(1, FormatTime(now))
      .Bind(2, id)
      .Run();
}

bool MailQueue::MarkFailed(db::Connection& c, int64_t id, int attempts, bool permanent,
                           const std::string& error, int64_t now) {
  bool again = !permanent && attempts < kMaxAttempts;
  c.Prepare("UPDATE mail_outbox SET state = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
      .Bind(1, again ? "queued" : "failed")
      .Bind(2, error.substr(0, 1000))
      .Bind(3, FormatTime(again ? now + Backoff(attempts) : now))
      .Bind(4, id)
      .Run();
  return again;
}

int MailQueue::ReleaseClaims(db::Connection& c) {
  c.Prepare("UPDATE mail_outbox SET state = 'queued' WHERE state = 'sending'").Run();
  return c.Changes();
}

bool MailQueue::AnyDue(db::Connection& c, int64_t now) {
  auto& q = c.Prepare("SELECT 1 FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ? LIMIT 1")
                .Bind(1, FormatTime(now));
  bool due = q.Step();
  q.Reset();
  return due;
}

MailQueueCounts MailQueue::Counts(db::Connection& c) {
  MailQueueCounts n;
  auto& q = c.Prepare(
      "SELECT state, attempts > 0 AND state = 'queued', count(*) FROM mail_outbox GROUP BY 1, 2");
  while (q.Step()) {
    std::string state = q.Text(0);
    int64_t count = q.Int(2);
    if (state == "queued") (q.Int(1) ? n.retrying : n.queued) += count;
    if (state == "sending") n.sending += count;
    if (state == "sent") n.sent += count;
    if (state == "failed") n.failed += count;
  }
  return n;
}

std::vector<FailedMail> MailQueue::Failed(db::Connection& c, int limit) {
  std::vector<FailedMail> out;
  auto& q = c.Prepare(
                 "SELECT id, message_id, recipient, subject, attempts, ifnull(last_error, ''), created_at"
                 " FROM mail_outbox WHERE state = 'failed' ORDER BY id LIMIT ?")
                .Bind(1, limit);
  while (q.Step()) {
    out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), static_cast<int>(q.Int(4)), q.Text(5),
                   q.Text(6)});
  }
  return out;
}

bool MailQueue::Retry(db::Connection& c, int64_t id, int64_t now) {
  c.Prepare(
       "UPDATE mail_outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?"
       " AND state = 'failed'")
      .Bind(1, FormatTime(now))
      .Bind(2, id)
      .Run();
  return c.Changes() > 0;
}

}  // namespace samrad
