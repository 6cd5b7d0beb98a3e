// The WebSub hub's thread: verifies the intent of queued requests, follows
// the event log (cursor 'websub') and queues a delivery for every
// subscriber of a feed whose document changed, in the transaction that
// moves the cursor, then sends due deliveries with retries and exponential
// backoff, and drops ended leases. After a crash it carries on from the
// cursor: a change is never lost, and a delivery is sent once per change
// unless the crash falls between a send and its record.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/database.h"
#include "core/follower_rounds.h"
#include "feeds/feed_service.h"
#include "server/http_client.h"
#include "server/websub/hub.h"
#include "server/websub/hub_calls.h"

namespace samrad::websub {

class HubWorker {
 public:
  // Makes the requests (HttpSend in `serve`, a fake in unit tests).
  using Sender = std::function<HttpReply(const HttpCall&)>;
  // indexed_seq: how far the search index has followed the log (search
  // feeds read it), so that a change is compared once it shows; null: not
  // waited for.
  HubWorker(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, std::shared_ptr<feeds::FeedService> feeds,
            std::shared_ptr<const Hub> hub, Sender send, std::function<int64_t()> indexed_seq);
  ~HubWorker();

  // Starts the thread; base_url is the public one that topics are under.
  void Start(const std::string& base_url);
  // Asks for a round now (hooked to Database::OnCommit). Cheap, thread-safe.
  void Wake();
  // Stops after the request in flight. Idempotent.
  void Stop();
  // One round of everything on the caller's thread, for tests (never
  // while started).
  void RunOnce(const std::string& base_url);

 private:
  void Run();
  void Round();
  void Expire();
  void Verify();
  void Distribute();
  void Deliver();
  // The current document of a topic; null when it names no feed now.
  std::shared_ptr<const feeds::RenderedFeed> Render(const std::string& topic);
  void Report(const Status& s);

  std::shared_ptr<Database> db_;
  std::shared_ptr<Clock> clock_;
  std::shared_ptr<feeds::FeedService> feeds_;
  std::shared_ptr<const Hub> hub_;
  Sender send_;
  std::function<int64_t()> indexed_seq_;
  std::string base_url_;
  FollowerRounds rounds_;
  std::string last_error_;
  std::thread thread_;
};

}  // namespace samrad::websub
