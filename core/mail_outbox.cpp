// The e-mail outbox: queuing with a stable id (see mail_outbox.h).
#include "core/mail_outbox.h"

#include "core/crypto.h"

namespace samrad {

std::string MailOutbox::MessageId(const std::string& recipient, const std::string& cause,
                                  const std::string& host) {
  return "<" + crypto::Sha256Hex(recipient + "\n" + cause).substr(0, 32) + "@" + host + ">";
}

bool MailOutbox::Enqueue(db::Connection& c, const OutgoingMail& m, const std::string& host,
                         const std::string& now) {
  c.Prepare(
       "INSERT INTO mail_outbox (message_id, recipient, lang, subject, text_body, html_body,"
       " unsubscribe_url, created_at, next_attempt_at) VALUES (?,?,?,?,?,?,?,?,?)"
       " ON CONFLICT(message_id) DO NOTHING")
      .Bind(1, MessageId(m.recipient, m.cause, host))
      .Bind(2, m.recipient)
      .Bind(3, m.lang)
      .Bind(4, m.subject)
      .Bind(5, m.text_body)
      .Bind(6, m.html_body)
      .Bind(7, m.unsubscribe_url.empty() ? std::optional<std::string>()
                                         : std::optional<std::string>(m.unsubscribe_url))
      .Bind(8, now)
      .Bind(9, now)
      .Run();
  return c.Changes() > 0;
}

int64_t MailOutbox::QueuedSince(db::Connection& c, const std::string& recipient,
                                const std::string& since) {
  auto& q = c.Prepare("SELECT count(*) FROM mail_outbox WHERE recipient = ? AND created_at >= ?")
                .Bind(1, recipient)
                .Bind(2, since);
  q.Step();
  return q.Int(0);
}

}  // namespace samrad
