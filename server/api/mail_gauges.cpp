// The e-mail outbox as /metrics gauges (see mail_gauges.h).
#include "server/api/mail_gauges.h"

#include <algorithm>

#include "core/clock.h"
#include "core/mail_queue.h"

namespace samrad::server {

std::map<std::string, double> MailGauges(db::Connection& c, int64_t now) {
  MailQueueCounts n = MailQueue::Counts(c);
  auto& q = c.Prepare("SELECT min(created_at) FROM mail_outbox WHERE state IN ('queued', 'sending')");
  std::string oldest = q.Step() ? q.Text(0) : std::string();
  q.Reset();
  auto since = ParseTime(oldest);
  return {{"samrad_mail_queued", double(n.queued)},
          {"samrad_mail_retrying", double(n.retrying + n.sending)},
          {"samrad_mail_sent", double(n.sent)},
          {"samrad_mail_failed", double(n.failed)},
          {"samrad_mail_oldest_unsent_seconds", since ? double(std::max<int64_t>(0, now - *since)) : 0.0}};
}

}  // namespace samrad::server
