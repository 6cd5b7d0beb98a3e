// The two requests the WebSub hub makes to a subscriber: the verification
// of intent (GET with hub.challenge, WebSub 5.3) and the content
// distribution (POST of the feed document, WebSub 7). Pure functions.
#pragma once

#include <string>

#include "core/websub_store.h"
#include "feeds/feed_service.h"
#include "server/http_client.h"
#include "server/websub/callback_policy.h"

namespace samrad::websub {

using server::HttpCall;
using server::HttpReply;

// The callback URL with hub.mode, hub.topic, hub.challenge and (for
// subscribe) hub.lease_seconds appended to whatever query it has.
std::string VerificationUrl(const HubRequest& r, const std::string& challenge);

// True when the subscriber confirmed: a 2xx whose body is exactly the challenge.
bool Confirms(const HttpReply& reply, const std::string& challenge);

// "sha256=" + the hex HMAC-SHA256 of body under secret (X-Hub-Signature).
std::string Signature(const std::string& secret, const std::string& body);

// POST of the document to the delivery's callback with its Content-Type,
// the Link header (hub and self: the topic as subscribed) and, when the
// subscription has a secret, X-Hub-Signature.
HttpCall DistributionCall(const Delivery& d, const feeds::RenderedFeed& doc, const std::string& hub_url,
                          const CallbackPolicy& policy);

// A GET to a subscriber: short timeouts, only addresses the policy allows
// (the policy must outlive the call).
HttpCall SubscriberCall(const std::string& url, const CallbackPolicy& policy);

}  // namespace samrad::websub
