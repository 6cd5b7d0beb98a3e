// The sender's thread (see mail_sender.h).
#include "server/mail/mail_sender.h"

#include <iostream>

#include "core/mail_queue.h"
#include "core/thread_name.h"

namespace samrad::server::mail {

namespace {
constexpr int kBatch = 50;  // claimed at once; each still goes in its own SMTP transaction
// An idle sender looks again at least this often, and at most this often
// when every commit wakes it (a busy site commits thousands of times a second).
constexpr auto kIdleWait = std::chrono::seconds(1);
constexpr auto kWakeSpacing = std::chrono::milliseconds(100);
}  // namespace

MailSender::MailSender(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock,
                       std::unique_ptr<MailTransport> transport, MailAddress from, MailerOptions mailer)
    : db_(std::move(db)),
      clock_(std::move(clock)),
      transport_(std::move(transport)),
      from_(std::move(from)),
      mailer_options_(std::move(mailer)) {}

MailSender::~MailSender() { Stop(); }

void MailSender::Start(const std::string& base_url) {
  if (mailer_options_.off) return;
  mailer_options_.base_url = base_url;
  mailer_ = std::make_unique<Mailer>(db_, clock_, mailer_options_);
  int released = 0;
  db_->Write([&](db::Connection& c) {
    released = MailQueue::ReleaseClaims(c);
    return Status::Ok();
  });
  if (released > 0) {
    std::cerr << "samrad: " << released << " e-mail message(s) claimed before a stop are queued again" << std::endl;
  }
  marker_ = std::thread([this] { MarkLoop(); });
  NameThread(marker_.native_handle(), "mail-mark");
  thread_ = std::thread([this] { Run(); });
  NameThread(thread_.native_handle(), "mail");
}

void MailSender::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (!thread_.joinable()) return;
  transport_->Interrupt();
  thread_.join();
  {
    std::lock_guard<std::mutex> lock(mark_mu_);
    marker_stop_ = true;
  }
  mark_cv_.notify_all();
  marker_.join();  // commits every outcome still waiting
  db_->Write([](db::Connection& c) {
    // After a clean stop no claimed message was tried to the end (not yet
    // reached, or interrupted): their claim counts no attempt.
    c.Prepare("UPDATE mail_outbox SET attempts = attempts - 1 WHERE state = 'sending' AND attempts > 0").Run();
    MailQueue::ReleaseClaims(c);
    return Status::Ok();
  });
}

bool MailSender::Stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stopping_;
}

void MailSender::Wake() {
  if (mailer_options_.off) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_one();
}

void MailSender::Run() {
  std::string last_error;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
      woken_ = false;
    }
    bool busy = false;
    auto queued = mailer_->Pass();
    if (!queued.ok() && queued.status().message() != last_error) {
      last_error = queued.status().message();
      std::cerr << "samrad: composing e-mail failed: " << last_error << std::endl;
    }
    if (queued.ok() && queued.value() > 0) busy = true;
    if (SendBatch()) busy = true;
    if (busy) continue;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, kIdleWait, [this] { return stopping_ || woken_; });
    if (stopping_) return;
    lock.unlock();
    std::this_thread::sleep_for(kWakeSpacing);
  }
}

bool MailSender::SendBatch() {
  int64_t now = clock_->Now();
  bool due = false;
  db_->Read([&](db::Connection& c) {
    due = MailQueue::AnyDue(c, now);
    return Status::Ok();
  });
  if (!due) return false;
  std::vector<QueuedMail> batch;
  Status s = db_->Write([&](db::Connection& c) {
    batch = MailQueue::Claim(c, now, kBatch);
    return Status::Ok();
  });
  if (!s.ok() || batch.empty()) return false;
  for (const auto& m : batch) {
    if (Stopping()) break;  // the rest go back to the queue in Stop()
    MimeParts parts{from_,
                    m.mail.recipient,
                    m.mail.subject,
                    ParseTime(m.created_at).value_or(now),
                    m.message_id,
                    m.mail.text_body,
                    m.mail.html_body,
                    m.mail.unsubscribe_url};
    SendResult r = transport_->Send(from_.address, m.mail.recipient, BuildMimeMessage(parts));
    if (r.interrupted) break;  // stopping: Stop() puts it back in the queue
    Record({m.id, m.attempts, std::move(r), clock_->Now()});
  }
  return true;
}

void MailSender::Record(Outcome outcome) {
  std::unique_lock<std::mutex> lock(mark_mu_);
  to_mark_.push_back(std::move(outcome));
  ++unmarked_;
  mark_cv_.notify_all();
  mark_cv_.wait(lock, [this] { return unmarked_ < kMaxUnmarked; });
}

void MailSender::MarkLoop() {
  std::unique_lock<std::mutex> lock(mark_mu_);
  while (true) {
    mark_cv_.wait(lock, [this] { return marker_stop_ || !to_mark_.empty(); });
    if (to_mark_.empty()) return;  // stopping, and nothing left
    std::vector<Outcome> batch;
    batch.swap(to_mark_);
    lock.unlock();
    // One durable commit for every outcome that waited; if it fails, the
    // messages stay 'sending' and go again after a restart (same Message-ID).
    std::vector<bool> again(batch.size(), false);
    Status s = db_->Write([&](db::Connection& c) {
      for (size_t k = 0; k < batch.size(); ++k) {
        const Outcome& o = batch[k];
        if (o.result.ok) {
          MailQueue::MarkSent(c, o.id, o.at);
        } else {
          again[k] = MailQueue::MarkFailed(c, o.id, o.attempts, o.result.permanent, o.result.error, o.at);
        }
      }
      return Status::Ok();
    });
    if (!s.ok()) std::cerr << "samrad: marking e-mail sent failed: " << s.message() << std::endl;
    for (size_t k = 0; k < batch.size(); ++k) {
      if (!batch[k].result.ok) LogFailure(batch[k], again[k]);
    }
    lock.lock();
    unmarked_ -= batch.size();
    mark_cv_.notify_all();
  }
}

void MailSender::LogFailure(const Outcome& o, bool again) {
  const SendResult& r = o.result;
  int64_t now = o.at;
  if (r.error == logged_error_ && now - logged_at_ < 60) {
    ++unlogged_;
    return;
  }
  std::cerr << "samrad: e-mail " << o.id << " not delivered (attempt " << o.attempts << ", "
            << (again ? "queued again in " + std::to_string(MailQueue::Backoff(o.attempts)) + " s"
                      : std::string("failed for good"))
            << "): " << r.error;
  if (unlogged_ > 0) std::cerr << " [" << unlogged_ << " more failed attempts before this one not shown]";
  std::cerr << std::endl;
  logged_error_ = r.error;
  logged_at_ = now;
  unlogged_ = 0;
}

}  // namespace samrad::server::mail
