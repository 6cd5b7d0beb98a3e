// The mailer step: turns notifications waiting for e-mail (mailed = 0) into
// outbox messages. Immediate ones go at once, one message each, unless the
// recipient has had --mail-per-hour messages in the last hour; daily and
// weekly subscriptions, and whatever the hourly limit held back, go in one
// digest per recipient at the digest hour (Swedish time). Each pass is ONE
// transaction: the messages are queued, the notifications marked and the
// mailer's cursor moved together, so a crash repeats a pass or none of it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/database.h"
#include "server/mail/mail_composer.h"

namespace samrad::server::mail {

struct MailerOptions {
  std::string base_url;        // absolute links, no trailing slash
  std::string host;            // the right-hand side of Message-IDs
  int per_hour = 20;           // messages per recipient and hour before digesting
  int digest_hour = 7;         // local hour (Europe/Stockholm) of the digests
  size_t digest_items = 50;    // items in one digest; the rest are linked
  int batch = 500;             // notifications read per pass
  bool off = false;            // the sender does not run (serve --no-mail)
};

class Mailer {
 public:
  Mailer(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, MailerOptions options);
  // Queues what is due; returns how many messages were queued, or the
  // database's error. Called from the sender's thread only.
  Result<int> Pass();

 private:
  // Whether a pass would have anything to do (a cheap read first, so an
  // idle pass writes nothing).
  bool HasWork();
  int Immediate(db::Connection& c, int64_t now);
  int Digests(db::Connection& c, int64_t now, bool weekly);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  MailerOptions options_;
  MailComposer composer_;
};

}  // namespace samrad::server::mail
