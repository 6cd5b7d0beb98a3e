// The sender: one thread that runs the mailer step (notifications into the
// outbox) and delivers due outbox messages through the transport, one SMTP
// transaction per message. Each message is marked sent (or failed, with
// backoff) in its own durable commit right after the server's reply, before
// the next message goes: a crash (SIGKILL, power) between the server's 250
// and that commit is the only way a message goes twice, so at most one
// message (kMaxUnmarked) is sent again, under its same Message-ID, after
// the restart. Stopping interrupts a transfer in progress within about a
// second; that message stays queued.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/database.h"
#include "core/mail_outbox.h"
#include "server/mail/mail_transport.h"
#include "server/mail/mailer.h"
#include "server/mail/mime_message.h"

namespace samrad::server::mail {

class MailSender {
 public:
  // Messages delivered but not yet durably marked, at most.
  static constexpr size_t kMaxUnmarked = 1;

  MailSender(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, std::unique_ptr<MailTransport> transport,
             MailAddress from, MailerOptions mailer);
  ~MailSender();
  // Puts messages a stopped sender had claimed back in the queue, then
  // starts the thread; base_url is where the links in messages point.
  void Start(const std::string& base_url);
  // Interrupts the message in hand (it stays queued) and stops; claimed
  // messages not yet sent go back to the queue. Thread-safe; idempotent.
  void Stop();
  // Something was committed: look for work now rather than within a second.
  // Thread-safe and quick (called after every commit).
  void Wake();
  // Where messages go, for the start-up line.
  std::string Describe() const { return mailer_options_.off ? "nowhere (--no-mail)" : transport_->Describe(); }

 private:
  void Run();
  bool Stopping();
  // Claims and delivers one batch; true when there was one.
  bool SendBatch();
  // Marks one message sent or failed in its own durable commit.
  void Mark(const QueuedMail& m, const SendResult& r);
  // One line on stderr for a failed attempt; the same error again within a
  // minute is only counted (a server that is down fails every message).
  void LogFailure(const QueuedMail& m, const SendResult& r, bool again);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::unique_ptr<MailTransport> transport_;
  MailAddress from_;
  MailerOptions mailer_options_;
  std::unique_ptr<Mailer> mailer_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
  std::string logged_error_;
  int64_t logged_at_ = 0;
  int unlogged_ = 0;
};

}  // namespace samrad::server::mail
