// Hub: checking and queuing subscription requests.
#include "server/websub/hub.h"

#include <algorithm>

#include "server/websub/feed_topic.h"

namespace samrad::websub {

namespace {
std::string Field(const std::multimap<std::string, std::string>& form, const std::string& name) {
  auto it = form.find(name);
  return it == form.end() ? "" : it->second;
}

// A topic is accepted when it names a current feed document that renders.
bool IsOurFeed(feeds::FeedService& feeds, const std::string& base_url, const std::string& topic) {
  auto req = TopicFeed(feeds.registry(), base_url, topic);
  if (!req) return false;
  auto doc = feeds.Render(*req);
  return doc.ok() && doc.value()->location.empty();
}
}  // namespace

Hub::Hub(std::shared_ptr<Database> db, std::shared_ptr<Clock> clock, std::shared_ptr<feeds::FeedService> feeds,
         HubOptions options)
    : db_(std::move(db)),
      clock_(std::move(clock)),
      feeds_(std::move(feeds)),
      options_(std::move(options)),
      policy_(options_.allow) {}

int64_t Hub::Lease(int64_t requested) const {
  if (requested <= 0) return options_.default_lease_seconds;
  return std::clamp(requested, options_.min_lease_seconds, options_.max_lease_seconds);
}

Status Hub::Accept(const std::multimap<std::string, std::string>& form, const std::string& base_url,
                   bool secure_transport) {
  std::vector<FieldError> errors;
  HubRequest r;
  r.mode = Field(form, "hub.mode");
  if (r.mode != "subscribe" && r.mode != "unsubscribe") {
    errors.push_back({"/hub.mode", "hub.mode must be subscribe or unsubscribe"});
  }
  r.topic = Field(form, "hub.topic");
  if (!IsOurFeed(*feeds_, base_url, r.topic)) {
    errors.push_back({"/hub.topic", "hub.topic must be the URL of one of this site's feeds, under " + base_url +
                                        "/feeds/ (the rel=\"self\" link of the feed)"});
  }
  std::string lease = Field(form, "hub.lease_seconds");
  int64_t requested = 0;
  if (!lease.empty()) {
    if (lease.size() > 12 || lease.find_first_not_of("0123456789") != std::string::npos) {
      errors.push_back({"/hub.lease_seconds", "hub.lease_seconds must be a whole number of seconds"});
    } else {
      requested = std::stoll(lease);
    }
  }
  r.lease_seconds = Lease(requested);
  if (form.count("hub.secret")) {
    std::string secret = Field(form, "hub.secret");
    if (secret.empty() || secret.size() >= kMaxSecretBytes) {
      errors.push_back({"/hub.secret", "hub.secret must be 1 to " + std::to_string(kMaxSecretBytes - 1) + " bytes"});
    } else if (!secure_transport) {
      errors.push_back({"/hub.secret", "hub.secret is accepted over HTTPS only: it would have crossed the network "
                                       "in the clear"});
    }
    r.secret = secret;
  }
  r.callback = Field(form, "hub.callback");
  Status callback = policy_.Check(r.callback);
  if (callback.code() == Code::kInvalidArgument) {
    errors.insert(errors.end(), callback.errors().begin(), callback.errors().end());
  }
  if (!errors.empty()) return Invalid("the subscription request is not valid", std::move(errors));
  if (!callback.ok()) return callback;
  int64_t now = clock_->Now();
  return db_->Write([&](db::Connection& c) { return WebSubStore::AddRequest(c, r, options_.limits, FormatTime(now)); });
}

}  // namespace samrad::websub
