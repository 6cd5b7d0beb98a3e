// The sender: one thread that runs the mailer step (notifications into the
// outbox) and delivers due outbox messages through the transport, one SMTP
// transaction per message, and a second thread that marks each delivered
// message sent (or failed, with backoff) as soon as it went, several to one
// durable commit. The sender goes on with the next message while a mark
// commits, but never runs more than kMaxUnmarked messages ahead of the
// marks: that is the idempotency window. A crash (SIGKILL, power) resends at
// most those messages, each under its same Message-ID, after the restart.
// Stopping interrupts a transfer in progress within about a second; that
// message stays queued, and every outcome already known is committed.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

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
  static constexpr size_t kMaxUnmarked = 8;

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
  struct Outcome {
    int64_t id;
    int attempts;
    SendResult result;
    int64_t at;
  };
  void Run();
  bool Stopping();
  // Claims and delivers one batch; true when there was one.
  bool SendBatch();
  // Hands an outcome to the marker; waits while kMaxUnmarked are pending.
  void Record(Outcome outcome);
  // The marker thread: commits pending outcomes, as many as wait, at once.
  void MarkLoop();
  // One line on stderr for a failed attempt; the same error again within a
  // minute is only counted (a server that is down fails every message).
  void LogFailure(const Outcome& o, bool again);

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
  std::mutex mark_mu_;
  std::condition_variable mark_cv_;
  std::vector<Outcome> to_mark_;
  size_t unmarked_ = 0;
  bool marker_stop_ = false;
  std::thread marker_;
  std::string logged_error_;
  int64_t logged_at_ = 0;
  int unlogged_ = 0;
};

}  // namespace samrad::server::mail
