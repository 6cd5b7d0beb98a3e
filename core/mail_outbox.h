// The e-mail outbox: messages to send, queued in the same transaction as
// whatever caused them, and claimed by the sender one batch at a time.
// A message's id is derived from (recipient, cause), so queuing the same
// message twice keeps the first and a resend carries the same Message-ID.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/status.h"

namespace samrad {

struct OutgoingMail {
  std::string recipient;        // one address
  std::string lang = "sv";      // sv or en
  std::string subject;          // plain UTF-8; encoded when sent
  std::string text_body;        // text/plain part
  std::string html_body;        // text/html part (a whole document)
  std::string unsubscribe_url;  // absolute https link; empty: none
  std::string cause;            // what caused it, e.g. "event:123:reply" or "digest:2026-12-03:7"
};

struct QueuedMail {
  int64_t id = 0;
  std::string message_id;  // "<hex@host>" as sent in Message-ID
  OutgoingMail mail;
  std::string created_at;
  int attempts = 0;
};

class MailOutbox {
 public:
  // The stable Message-ID for a recipient and cause: "<" + 32 hex of
  // SHA-256(recipient \n cause) + "@" + host + ">".
  static std::string MessageId(const std::string& recipient, const std::string& cause,
                               const std::string& host);
  // Queues mail inside the caller's write transaction; false when a message
  // with the same id was queued before (nothing changes then).
  static bool Enqueue(db::Connection& c, const OutgoingMail& mail, const std::string& host,
                      const std::string& now);
  // How many messages were queued for this recipient since `since` (the
  // per-recipient hourly limit).
  static int64_t QueuedSince(db::Connection& c, const std::string& recipient,
                             const std::string& since);
};

}  // namespace samrad
