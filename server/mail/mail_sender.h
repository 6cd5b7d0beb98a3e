// The sender: one thread that runs the mailer step (notifications into the
// outbox) and delivers due outbox messages through the transport, marking
// each one sent (or failed, with backoff) right after it went, so that a
// crash can resend at most the one message in flight, under the same
// Message-ID.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "core/clock.h"
#include "core/database.h"
#include "server/mail/mail_transport.h"
#include "server/mail/mailer.h"
#include "server/mail/mime_message.h"

namespace samrad::server::mail {

class MailSender {
 public:
  MailSender(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, std::unique_ptr<MailTransport> transport,
             MailAddress from, MailerOptions mailer);
  ~MailSender();
  // Puts messages a stopped sender had claimed back in the queue, then
  // starts the thread; base_url is where the links in messages point.
  void Start(const std::string& base_url);
  // Finishes the message in hand and stops; claimed messages not yet sent
  // go back to the queue. Thread-safe; idempotent.
  void Stop();
  // Something was committed: look for work now rather than within a second.
  // Thread-safe and quick (called after every commit).
  void Wake();
  // Where messages go, for the start-up line.
  std::string Describe() const { return mailer_options_.off ? "nowhere (--no-mail)" : transport_->Describe(); }

 private:
  void Run();
  // Claims and delivers one batch; true when there was one.
  bool SendBatch();

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
};

}  // namespace samrad::server::mail
