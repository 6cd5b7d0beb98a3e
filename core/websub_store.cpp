// WebSubStore: the hub's SQL (see websub_store.h).
#include "core/websub_store.h"

#include "core/clock.h"

namespace samrad::websub {

namespace {
int64_t Count(db::Connection& c, const std::string& sql, const HubRequest* r) {
  auto& q = c.Prepare(sql);
  if (r) q.Bind(1, r->topic).Bind(2, r->callback);
  q.Step();
  return q.Int(0);
}

// Subscriptions and pending subscribe requests, without the renewal of the
// same (topic, callback) that the new request would replace.
constexpr const char* kTopicCount =
    "SELECT (SELECT count(*) FROM websub_subscriptions WHERE topic = ?1 AND callback <> ?2)"
    " + (SELECT count(*) FROM websub_requests WHERE mode = 'subscribe' AND topic = ?1 AND callback <> ?2)";
constexpr const char* kTotalCount =
    "SELECT (SELECT count(*) FROM websub_subscriptions WHERE NOT (topic = ?1 AND callback = ?2))"
    " + (SELECT count(*) FROM websub_requests WHERE mode = 'subscribe' AND NOT (topic = ?1 AND callback = ?2))";
constexpr const char* kPendingCount = "SELECT count(*) FROM websub_requests";

// Forgets the ETags of topics nobody follows any more: a later subscriber
// starts from the document as it is then.
void PruneTopics(db::Connection& c) {
  c.Prepare("DELETE FROM websub_topics WHERE topic NOT IN (SELECT topic FROM websub_subscriptions)").Run();
}
}  // namespace

Status WebSubStore::AddRequest(db::Connection& c, const HubRequest& r, const Limits& limits,
                               const std::string& now) {
  if (Count(c, kPendingCount, nullptr) >= limits.pending) {
    return Status(Code::kTooManyRequests, "the hub has too many requests waiting for verification; try again later");
  }
  if (r.mode == "subscribe") {
    if (Count(c, kTopicCount, &r) >= limits.per_topic) {
      return Status(Code::kTooManyRequests, "this topic has as many subscribers as the hub allows");
    }
    if (Count(c, kTotalCount, &r) >= limits.total) {
      return Status(Code::kTooManyRequests, "the hub has as many subscriptions as it allows");
    }
  }
  c.Prepare("DELETE FROM websub_requests WHERE topic = ? AND callback = ?").Bind(1, r.topic).Bind(2, r.callback).Run();
  c.Prepare(
       "INSERT INTO websub_requests (mode, topic, callback, secret, lease_seconds, created_at)"
       " VALUES (?,?,?,?,?,?)")
      .Bind(1, r.mode)
      .Bind(2, r.topic)
      .Bind(3, r.callback)
      .Bind(4, r.secret)
      .Bind(5, r.lease_seconds)
      .Bind(6, now)
      .Run();
  return Status::Ok();
}

std::vector<HubRequest> WebSubStore::Requests(db::Connection& c, int limit) {
  auto& q = c.Prepare(
                 "SELECT id, mode, topic, callback, secret, lease_seconds FROM websub_requests"
                 " ORDER BY id LIMIT ?")
                .Bind(1, limit);
  std::vector<HubRequest> out;
  while (q.Step()) {
    out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.OptText(4), q.Int(5)});
  }
  return out;
}

void WebSubStore::DropRequest(db::Connection& c, int64_t id) {
  c.Prepare("DELETE FROM websub_requests WHERE id = ?").Bind(1, id).Run();
}

void WebSubStore::Apply(db::Connection& c, const HubRequest& r, int64_t now) {
  DropRequest(c, r.id);
  if (r.mode == "unsubscribe") {
    c.Prepare("DELETE FROM websub_subscriptions WHERE topic = ? AND callback = ?")
        .Bind(1, r.topic)
        .Bind(2, r.callback)
        .Run();
    PruneTopics(c);
    return;
  }
  std::string at = FormatTime(now);
  c.Prepare(
       "INSERT INTO websub_subscriptions (topic, callback, secret, lease_seconds, expires_at,"
       " created_at, verified_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
       " ON CONFLICT (topic, callback) DO UPDATE SET secret = excluded.secret,"
       " lease_seconds = excluded.lease_seconds, expires_at = excluded.expires_at,"
       " verified_at = excluded.verified_at")
      .Bind(1, r.topic)
      .Bind(2, r.callback)
      .Bind(3, r.secret)
      .Bind(4, r.lease_seconds)
      .Bind(5, now + r.lease_seconds)
      .Bind(6, at)
      .Run();
}

std::optional<int64_t> WebSubStore::Cursor(db::Connection& c) {
  auto& q = c.Prepare("SELECT seq FROM log_cursors WHERE name = ?").Bind(1, kCursorName);
  if (!q.Step()) return std::nullopt;
  return q.Int(0);
}

void WebSubStore::SetCursor(db::Connection& c, int64_t seq) {
  c.Prepare("INSERT INTO log_cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq")
      .Bind(1, kCursorName)
      .Bind(2, seq)
      .Run();
}

std::vector<WebSubStore::TopicState> WebSubStore::Topics(db::Connection& c) {
  auto& q = c.Prepare(
      "SELECT s.topic, t.etag FROM (SELECT DISTINCT topic FROM websub_subscriptions) s"
      " LEFT JOIN websub_topics t ON t.topic = s.topic ORDER BY s.topic");
  std::vector<TopicState> out;
  while (q.Step()) out.push_back({q.Text(0), q.OptText(1)});
  return out;
}

std::optional<std::string> WebSubStore::TopicEtag(db::Connection& c, const std::string& topic) {
  auto& q = c.Prepare("SELECT etag FROM websub_topics WHERE topic = ?").Bind(1, topic);
  if (!q.Step()) return std::nullopt;
  return q.Text(0);
}

void WebSubStore::SetTopicEtag(db::Connection& c, const std::string& topic, const std::string& etag) {
  c.Prepare("INSERT INTO websub_topics (topic, etag) VALUES (?, ?) ON CONFLICT (topic) DO UPDATE SET etag = excluded.etag")
      .Bind(1, topic)
      .Bind(2, etag)
      .Run();
}

int64_t WebSubStore::QueueDeliveries(db::Connection& c, const std::string& topic, int64_t event_seq,
                                     int64_t now) {
  c.Prepare(
       "INSERT INTO websub_deliveries (subscription_id, event_seq, created_at, next_attempt_at)"
       " SELECT id, ?2, ?3, ?4 FROM websub_subscriptions WHERE topic = ?1 AND expires_at > ?4"
       " ON CONFLICT (subscription_id) DO UPDATE SET event_seq = excluded.event_seq,"
       " next_attempt_at = min(next_attempt_at, excluded.next_attempt_at)")
      .Bind(1, topic)
      .Bind(2, event_seq)
      .Bind(3, FormatTime(now))
      .Bind(4, now)
      .Run();
  return c.Changes();
}

std::vector<Delivery> WebSubStore::Due(db::Connection& c, int64_t now, int limit) {
  auto& q = c.Prepare(
                 "SELECT d.id, s.id, s.topic, s.callback, s.secret, d.attempts FROM websub_deliveries d"
                 " JOIN websub_subscriptions s ON s.id = d.subscription_id"
                 " WHERE d.next_attempt_at <= ?1 AND s.expires_at > ?1 ORDER BY d.next_attempt_at, d.id LIMIT ?2")
                .Bind(1, now)
                .Bind(2, limit);
  std::vector<Delivery> out;
  while (q.Step()) {
    out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.OptText(4), static_cast<int>(q.Int(5))});
  }
  return out;
}

void WebSubStore::Delivered(db::Connection& c, int64_t delivery_id) {
  c.Prepare("DELETE FROM websub_deliveries WHERE id = ?").Bind(1, delivery_id).Run();
}

void WebSubStore::Retry(db::Connection& c, int64_t delivery_id, int64_t next_attempt_at,
                        const std::string& error) {
  c.Prepare("UPDATE websub_deliveries SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")
      .Bind(1, next_attempt_at)
      .Bind(2, error)
      .Bind(3, delivery_id)
      .Run();
}

void WebSubStore::RemoveSubscription(db::Connection& c, int64_t subscription_id) {
  c.Prepare("DELETE FROM websub_subscriptions WHERE id = ?").Bind(1, subscription_id).Run();
  PruneTopics(c);
}

void WebSubStore::GiveUp(db::Connection& c, const Delivery& d, const std::string& error) {
  Delivered(c, d.id);
  c.Prepare(
       "UPDATE websub_subscriptions SET failed_deliveries = failed_deliveries + 1, last_error = ? WHERE id = ?")
      .Bind(1, error)
      .Bind(2, d.subscription_id)
      .Run();
}

int64_t WebSubStore::DropExpired(db::Connection& c, int64_t now) {
  c.Prepare("DELETE FROM websub_subscriptions WHERE expires_at <= ?").Bind(1, now).Run();
  int64_t dropped = c.Changes();
  if (dropped > 0) PruneTopics(c);
  return dropped;
}

bool WebSubStore::AnyExpired(db::Connection& c, int64_t now) {
  return c.Prepare("SELECT 1 FROM websub_subscriptions WHERE expires_at <= ? LIMIT 1").Bind(1, now).Step();
}

}  // namespace samrad::websub
