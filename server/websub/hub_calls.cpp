// The verification and distribution requests of the hub.
#include "server/websub/hub_calls.h"

#include "core/crypto.h"
#include "core/url_codec.h"

namespace samrad::websub {

std::string VerificationUrl(const HubRequest& r, const std::string& challenge) {
  std::string url = r.callback;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "hub.mode=" + r.mode + "&hub.topic=" + PercentEncode(r.topic) + "&hub.challenge=" + PercentEncode(challenge);
  if (r.mode == "subscribe") url += "&hub.lease_seconds=" + std::to_string(r.lease_seconds);
  return url;
}

bool Confirms(const HttpReply& reply, const std::string& challenge) {
  return reply.status >= 200 && reply.status < 300 && crypto::ConstantTimeEquals(reply.body, challenge);
}

std::string Signature(const std::string& secret, const std::string& body) {
  return "sha256=" + crypto::HmacSha256Hex(secret, body);
}

HttpCall SubscriberCall(const std::string& url, const CallbackPolicy& policy) {
  HttpCall call;
  call.url = url;
  call.timeout_seconds = 10;
  call.connect_timeout_seconds = 5;
  call.allow_address = [&policy](const std::string& address) { return policy.AddressAllowed(address); };
  return call;
}

HttpCall DistributionCall(const Delivery& d, const feeds::RenderedFeed& doc, const std::string& hub_url,
                          const CallbackPolicy& policy) {
  HttpCall call = SubscriberCall(d.callback, policy);
  call.method = "POST";
  call.body = doc.body;
  call.headers.push_back(std::string("Content-Type: ") + doc.content_type);
  call.headers.push_back("Link: <" + hub_url + ">; rel=\"hub\", <" + d.topic + ">; rel=\"self\"");
  if (d.secret) call.headers.push_back("X-Hub-Signature: " + Signature(*d.secret, doc.body));
  return call;
}

}  // namespace samrad::websub
