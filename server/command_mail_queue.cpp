// `samrad mail-queue`: what the e-mail outbox holds, and putting a failed
// message back.
#include <iostream>

#include "core/mail_queue.h"
#include "server/app.h"
#include "server/commands.h"

namespace samrad::server {

int RunMailQueue(const std::string& data, int64_t retry_id) {
  auto app = App::Open(data, false);
  if (!app.ok()) {
    std::cerr << "samrad: " << app.status().message() << std::endl;
    return 2;
  }
  auto& db = *app.value()->db;
  if (retry_id > 0) {
    bool found = false;
    int64_t now = app.value()->clock->Now();
    Status s = db.Write([&](db::Connection& c) {
      found = MailQueue::Retry(c, retry_id, now);
      return Status::Ok();
    });
    if (!s.ok() || !found) {
      std::cerr << "samrad: no failed message " << retry_id << std::endl;
      return 1;
    }
    std::cout << "message " << retry_id << " is queued again" << std::endl;
  }
  MailQueueCounts n;
  std::vector<FailedMail> failed;
  Status s = db.Read([&](db::Connection& c) {
    n = MailQueue::Counts(c);
    failed = MailQueue::Failed(c, 1000);
    return Status::Ok();
  });
  if (!s.ok()) {
    std::cerr << "samrad: " << s.message() << std::endl;
    return 2;
  }
  std::cout << "queued " << n.queued << ", retrying " << n.retrying << ", sending " << n.sending << ", sent "
            << n.sent << ", failed " << n.failed << std::endl;
  for (const auto& f : failed) {
    std::cout << "failed " << f.id << " " << f.message_id << " to " << f.recipient << " after " << f.attempts
              << (f.attempts == 1 ? " attempt: " : " attempts: ") << f.last_error << std::endl;
  }
  return 0;
}

}  // namespace samrad::server
