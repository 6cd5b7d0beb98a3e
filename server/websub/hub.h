// The WebSub hub's front door (W3C WebSub, section 5.1): checks a subscribe
// or unsubscribe request for one of this site's feeds and queues it; the
// HubWorker then verifies the subscriber's intent and delivers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/database.h"
#include "core/status.h"
#include "core/websub_store.h"
#include "feeds/feed_service.h"
#include "server/websub/callback_policy.h"

namespace samrad::websub {

struct HubOptions {
  std::vector<std::string> allow;  // --websub-allow: networks callbacks may lie in after all
  Limits limits;
  int64_t default_lease_seconds = 10 * 24 * 3600;
  int64_t min_lease_seconds = 3600;
  int64_t max_lease_seconds = 30 * 24 * 3600;
  // Content distribution: attempts in all, the first retry after
  // retry_seconds, then doubling up to max_retry_seconds.
  int max_attempts = 8;
  int64_t retry_seconds = 60;
  int64_t max_retry_seconds = 6 * 3600;
};

// hub.secret must be shorter than this (WebSub 5.1).
inline constexpr size_t kMaxSecretBytes = 200;

class Hub {
 public:
  Hub(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, std::shared_ptr<feeds::FeedService> feeds,
      HubOptions options);

  // Validates the form fields of a request (hub.mode, hub.topic,
  // hub.callback, hub.lease_seconds, hub.secret) and queues it for
  // verification. secure_transport: the request reached the site over HTTPS
  // (or never left this machine), the only way hub.secret may come.
  // Errors: kInvalidArgument naming each hub.* field at fault (a topic that
  // is not one of this site's feeds included); kPermissionDenied for a
  // callback whose address is refused; kTooManyRequests at a limit.
  // Thread-safe; blocks for the callback's DNS lookup.
  Status Accept(const std::multimap<std::string, std::string>& form, const std::string& base_url,
                bool secure_transport);

  // The lease granted for a requested one (0: none asked for). Pure.
  int64_t Lease(int64_t requested) const;

  const HubOptions& options() const { return options_; }
  const CallbackPolicy& policy() const { return policy_; }

 private:
  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::shared_ptr<feeds::FeedService> feeds_;
  HubOptions options_;
  CallbackPolicy policy_;
};

}  // namespace samrad::websub
