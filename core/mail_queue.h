// The sender's side of the e-mail outbox: claiming due messages, marking
// them sent or failed (with exponential backoff), and what an administrator
// sees of the queue. Every function runs inside the caller's transaction
// (Database::Write for the changes, Read for the counts).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/mail_outbox.h"

namespace samrad {

struct MailQueueCounts {
  int64_t queued = 0;    // waiting for their first attempt
  int64_t retrying = 0;  // waiting after a failed attempt
  int64_t sending = 0;   // claimed by a sender
  int64_t sent = 0;
  int64_t failed = 0;    // permanently: no more attempts
};

struct FailedMail {
  int64_t id = 0;
  std::string message_id;
  std::string recipient;
  std::string subject;
  int attempts = 0;
  std::string last_error;
  std::string created_at;
};

class MailQueue {
 public:
  // Attempts before a message that keeps failing temporarily is given up.
  static constexpr int kMaxAttempts = 12;

  // Seconds to wait after the n-th failed attempt: one minute, doubling, at
  // most six hours.
  static int64_t Backoff(int attempts);

  // Claims up to `limit` queued messages whose time has come (oldest first):
  // they become 'sending' with one more attempt counted.
  static std::vector<QueuedMail> Claim(db::Connection& c, int64_t now, int limit);
  // The message was accepted by the transport.
  static void MarkSent(db::Connection& c, int64_t id, int64_t now);
  // The attempt failed: permanent failures (and the last allowed attempt)
  // end in 'failed'; others are queued again after Backoff(attempts).
  // Returns true when the message will be tried again.
  static bool MarkFailed(db::Connection& c, int64_t id, int attempts, bool permanent,
                         const std::string& error, int64_t now);
  // Messages claimed by a sender that stopped before marking them (a crash)
  // go back to the queue; they are sent again under the same Message-ID.
  // Returns how many.
  static int ReleaseClaims(db::Connection& c);
  // Whether a queued message is due now.
  static bool AnyDue(db::Connection& c, int64_t now);

  static MailQueueCounts Counts(db::Connection& c);
  static std::vector<FailedMail> Failed(db::Connection& c, int limit);
  // Puts a failed message back in the queue with a fresh count of attempts;
  // false when no failed message has this id.
  static bool Retry(db::Connection& c, int64_t id, int64_t now);
};

}  // namespace samrad
