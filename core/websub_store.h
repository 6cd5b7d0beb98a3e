// The WebSub hub's storage: subscribe/unsubscribe requests waiting for
// verification of intent, active subscriptions with their leases, the ETag
// each subscribed topic had when last compared, and the delivery queue with
// its retries. Every function runs inside the caller's transaction
// (Database::Write or Read) and throws db::DbError on SQLite errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/database.h"
#include "core/status.h"

namespace samrad::websub {

// The row of log_cursors that the distributor moves.
inline constexpr const char* kCursorName = "websub";

struct HubRequest {
  int64_t id = 0;
  std::string mode;  // "subscribe" or "unsubscribe"
  std::string topic;
  std::string callback;
  std::optional<std::string> secret;
  int64_t lease_seconds = 0;
};

struct Limits {
  int64_t per_topic = 1000;  // active subscriptions and pending subscribe requests of one topic
  int64_t total = 10000;     // of all topics
  int64_t pending = 1000;    // requests waiting for verification
};

struct Delivery {
  int64_t id = 0;
  int64_t subscription_id = 0;
  std::string topic;
  std::string callback;
  std::optional<std::string> secret;
  int attempts = 0;  // made before this one
};

class WebSubStore {
 public:
  // Queues a request for verification, replacing an unverified one for the
  // same topic and callback. Errors: kTooManyRequests when a limit is
  // reached (a renewal of an active subscription never counts twice).
  static Status AddRequest(db::Connection& c, const HubRequest& r, const Limits& limits,
                           const std::string& now);
  // Up to limit requests, oldest first.
  static std::vector<HubRequest> Requests(db::Connection& c, int limit);
  // Forgets a request (its verification failed).
  static void DropRequest(db::Connection& c, int64_t id);
  // A verified request takes effect and is forgotten: subscribe creates the
  // subscription or renews its lease and secret (now + lease_seconds);
  // unsubscribe removes it with its queued delivery.
  static void Apply(db::Connection& c, const HubRequest& r, int64_t now);

  // The distributor's position in the event log; nullopt before its first run.
  static std::optional<int64_t> Cursor(db::Connection& c);
  static void SetCursor(db::Connection& c, int64_t seq);
  // Every topic with a subscription, and the ETag its document had when
  // last compared (nullopt: never).
  struct TopicState {
    std::string topic;
    std::optional<std::string> etag;
  };
  static std::vector<TopicState> Topics(db::Connection& c);
  // The ETag the topic's document had when last compared; nullopt: never.
  static std::optional<std::string> TopicEtag(db::Connection& c, const std::string& topic);
  static void SetTopicEtag(db::Connection& c, const std::string& topic, const std::string& etag);
  // Queues one delivery per active subscription of the topic (one waiting
  // delivery per subscription at most: an existing one is due at once and
  // keeps its attempts). Returns how many subscriptions got one.
  static int64_t QueueDeliveries(db::Connection& c, const std::string& topic, int64_t event_seq,
                                 int64_t now);

  // Deliveries due at now, oldest first, of subscriptions whose lease runs.
  static std::vector<Delivery> Due(db::Connection& c, int64_t now, int limit);
  static void Delivered(db::Connection& c, int64_t delivery_id);
  // Another attempt at next_attempt_at (attempts grows by one).
  static void Retry(db::Connection& c, int64_t delivery_id, int64_t next_attempt_at,
                    const std::string& error);
  // The subscriber said the subscription is gone (410): it ends here.
  static void RemoveSubscription(db::Connection& c, int64_t subscription_id);
  // No more attempts: the delivery is dropped and counted on its subscription.
  static void GiveUp(db::Connection& c, const Delivery& d, const std::string& error);
  // Removes subscriptions whose lease ended (with their deliveries) and the
  // ETags of topics nobody follows any more. Returns the subscriptions removed.
  static int64_t DropExpired(db::Connection& c, int64_t now);
  // True when some lease ended at now (cheap: a read decides whether to write).
  static bool AnyExpired(db::Connection& c, int64_t now);
};

}  // namespace samrad::websub
