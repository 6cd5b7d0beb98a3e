// HubWorker: verification, distribution and delivery rounds.
#include "server/websub/hub_worker.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "core/crypto.h"
#include "core/event_log.h"
#include "core/thread_name.h"
#include "core/websub_store.h"
#include "server/websub/feed_topic.h"
#include "server/websub/hub_calls.h"

namespace samrad::websub {

namespace {
// Woken on every commit, and regardless this often: for retries that fall
// due, leases that end and writes of other processes.
constexpr auto kPollInterval = std::chrono::milliseconds(500);
constexpr int kBatch = 20;  // requests verified, deliveries sent per round
// At most one round per interval: the commits of a busy moment share one
// round of reads instead of each waking its own.
constexpr auto kRoundInterval = std::chrono::milliseconds(100);
}  // namespace

HubWorker::HubWorker(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock,
                     std::shared_ptr<feeds::FeedService> feeds, std::shared_ptr<const Hub> hub, Sender send,
                     std::function<int64_t()> indexed_seq)
    : db_(std::move(db)),
      clock_(std::move(clock)),
      feeds_(std::move(feeds)),
      hub_(std::move(hub)),
      send_(std::move(send)),
      indexed_seq_(std::move(indexed_seq)) {}

HubWorker::~HubWorker() { Stop(); }

void HubWorker::Start(const std::string& base_url) {
  base_url_ = base_url;
  rounds_.Wake();
  thread_ = std::thread([this] { Run(); });
  NameThread(thread_.native_handle(), "websub");
}

void HubWorker::Wake() { rounds_.Wake(); }

void HubWorker::Stop() {
  rounds_.Stop();
  if (thread_.joinable()) thread_.join();
}

void HubWorker::Run() {
  while (rounds_.NextRound(kPollInterval, kRoundInterval)) {
    Round();
    rounds_.RoundDone();
  }
}

void HubWorker::RunOnce(const std::string& base_url) {
  base_url_ = base_url;
  Round();
}

void HubWorker::Round() {
  try {
    Expire();
    Verify();
    Distribute();
    Deliver();
  } catch (const std::exception& e) {
    Report(Internal(e.what()));
  }
}

void HubWorker::Report(const Status& s) {
  if (s.ok() || s.message() == last_error_) return;
  last_error_ = s.message();
  std::cerr << "samrad: websub: " << s.message() << std::endl;
}

std::shared_ptr<const feeds::RenderedFeed> HubWorker::Render(const std::string& topic) {
  auto req = TopicFeed(feeds_->registry(), base_url_, topic);
  if (!req) return nullptr;
  auto doc = feeds_->Render(*req);
  if (!doc.ok() || !doc.value()->location.empty()) return nullptr;
  return doc.value();
}

void HubWorker::Expire() {
  int64_t now = clock_->Now();
  // Every commit wakes the search indexer and the caches: none without cause.
  bool any = false;
  Report(db_->Read([&](db::Connection& c) {
    any = WebSubStore::AnyExpired(c, now);
    return Status::Ok();
  }));
  if (!any) return;
  Report(db_->Write([&](db::Connection& c) {
    WebSubStore::DropExpired(c, now);
    return Status::Ok();
  }));
}

void HubWorker::Verify() {
  std::vector<HubRequest> requests;
  Report(db_->Read([&](db::Connection& c) {
    requests = WebSubStore::Requests(c, kBatch);
    return Status::Ok();
  }));
  for (const auto& r : requests) {
    if (rounds_.Stopped()) return;
    std::string challenge = crypto::RandomToken(24);
    bool confirmed = Confirms(send_(SubscriberCall(VerificationUrl(r, challenge), hub_->policy())), challenge);
    // The document as the subscriber starts to follow it: only later
    // changes are delivered.
    auto doc = confirmed && r.mode == "subscribe" ? Render(r.topic) : nullptr;
    int64_t now = clock_->Now();
    Report(db_->Write([&](db::Connection& c) {
      if (!confirmed) {
        WebSubStore::DropRequest(c, r.id);
        return Status::Ok();
      }
      WebSubStore::Apply(c, r, now);
      if (doc && !WebSubStore::TopicEtag(c, r.topic)) WebSubStore::SetTopicEtag(c, r.topic, doc->etag);
      return Status::Ok();
    }));
  }
}

void HubWorker::Distribute() {
  std::optional<int64_t> cursor;
  int64_t head = 0;
  std::vector<WebSubStore::TopicState> topics;
  Status read = db_->Read([&](db::Connection& c) {
    cursor = WebSubStore::Cursor(c);
    head = EventLog::Head(c);
    topics = WebSubStore::Topics(c);
    return Status::Ok();
  });
  if (!read.ok()) return Report(read);
  // Search feeds show a change once the index has it.
  int64_t target = indexed_seq_ ? std::min(head, indexed_seq_()) : head;
  if (cursor && target <= *cursor) return;
  std::vector<std::pair<WebSubStore::TopicState, std::string>> changed;  // with the new ETag
  if (cursor) {
    feeds_->Invalidate();  // writes of other processes too
    for (const auto& t : topics) {
      auto doc = Render(t.topic);
      if (doc && doc->etag != t.etag) changed.emplace_back(t, doc->etag);
    }
  }
  int64_t now = clock_->Now();
  Report(db_->Write([&](db::Connection& c) {
    for (const auto& [t, etag] : changed) {
      WebSubStore::SetTopicEtag(c, t.topic, etag);
      // A topic never compared before only gets its ETag.
      if (t.etag) WebSubStore::QueueDeliveries(c, t.topic, target, now);
    }
    // The first run starts from now: nobody subscribed to the past.
    WebSubStore::SetCursor(c, target);
    return Status::Ok();
  }));
}

void HubWorker::Deliver() {
  const HubOptions& o = hub_->options();
  std::vector<Delivery> due;
  Report(db_->Read([&](db::Connection& c) {
    due = WebSubStore::Due(c, clock_->Now(), kBatch);
    return Status::Ok();
  }));
  for (const auto& d : due) {
    if (rounds_.Stopped()) return;
    auto doc = Render(d.topic);
    HttpReply reply;
    if (doc) {
      reply = send_(DistributionCall(d, *doc, base_url_ + feeds::kHubPath, hub_->policy()));
    } else {
      reply.error = "the topic names no feed any more";
    }
    bool done = reply.status >= 200 && reply.status < 300;
    std::string error = reply.error.empty() ? "the callback answered " + std::to_string(reply.status) : reply.error;
    int64_t now = clock_->Now();
    int64_t wait = std::min(o.retry_seconds << std::min(d.attempts, 30), o.max_retry_seconds);
    Report(db_->Write([&](db::Connection& c) {
      if (done) {
        WebSubStore::Delivered(c, d.id);
      } else if (reply.status == 410) {
        WebSubStore::RemoveSubscription(c, d.subscription_id);  // WebSub 7: the subscriber deleted it
      } else if (!doc || d.attempts + 1 >= o.max_attempts) {
        WebSubStore::GiveUp(c, d, error);
      } else {
        WebSubStore::Retry(c, d.id, now + wait, error);
      }
      return Status::Ok();
    }));
  }
}

}  // namespace samrad::websub
