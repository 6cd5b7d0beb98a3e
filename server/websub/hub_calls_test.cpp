// The hub's requests to subscribers: the verification URL, what counts as a
// confirmation, the signature (RFC 4231 test vector) and the distribution's headers.
#define BOOST_TEST_MODULE websub_hub_calls
#include "server/websub/hub_calls.h"

#include <boost/test/unit_test.hpp>

#include "core/crypto.h"

using namespace samrad::websub;

BOOST_AUTO_TEST_CASE(signature_is_hmac_sha256_of_the_body_in_hex) {
  samrad::crypto::InitCrypto();
  // RFC 4231, test case 2.
  BOOST_TEST(Signature("Jefe", "what do ya want for nothing?") ==
             "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

BOOST_AUTO_TEST_CASE(verification_url_keeps_the_callbacks_query_and_encodes_the_topic) {
  HubRequest r{1, "subscribe", "https://samrad.example.se/feeds/search.atom?q=cykel bana", "https://sub.example/cb?id=7",
               std::nullopt, 864000};
  BOOST_TEST(VerificationUrl(r, "abc") ==
             "https://sub.example/cb?id=7&hub.mode=subscribe&hub.topic="
             "https%3A%2F%2Fsamrad.example.se%2Ffeeds%2Fsearch.atom%3Fq%3Dcykel%20bana&hub.challenge=abc"
             "&hub.lease_seconds=864000");
  r.mode = "unsubscribe";
  r.callback = "https://sub.example/cb";
  BOOST_TEST(VerificationUrl(r, "abc").starts_with("https://sub.example/cb?hub.mode=unsubscribe&"));
  BOOST_TEST(VerificationUrl(r, "abc").find("lease") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(only_a_2xx_echoing_exactly_the_challenge_confirms) {
  samrad::crypto::InitCrypto();
  auto reply = [](int status, std::string body) {
    HttpReply r;
    r.status = status;
    r.body = std::move(body);
    return r;
  };
  BOOST_TEST(Confirms(reply(200, "c1"), "c1"));
  BOOST_TEST(Confirms(reply(204, "c1"), "c1"));
  BOOST_TEST(!Confirms(reply(200, "c1\n"), "c1"));
  BOOST_TEST(!Confirms(reply(200, ""), "c1"));
  BOOST_TEST(!Confirms(reply(404, "c1"), "c1"));
  BOOST_TEST(!Confirms(reply(302, "c1"), "c1"));
  BOOST_TEST(!Confirms(reply(0, ""), "c1"));
}

BOOST_AUTO_TEST_CASE(distribution_posts_the_document_with_links_and_signature_only_with_a_secret) {
  samrad::crypto::InitCrypto();
  CallbackPolicy policy;
  samrad::feeds::RenderedFeed doc;
  doc.body = "<feed/>";
  Delivery d{1, 2, "https://samrad.example.se/feeds/decisions.atom", "https://sub.example/cb", std::string("s3"), 0};
  HttpCall call = DistributionCall(d, doc, "https://samrad.example.se/websub", policy);
  BOOST_TEST(call.method == "POST");
  BOOST_TEST(call.url == d.callback);
  BOOST_TEST(call.body == "<feed/>");
  auto has = [&](const std::string& h) {
    for (const auto& x : call.headers) {
      if (x == h) return true;
    }
    return false;
  };
  BOOST_TEST(has("Content-Type: application/atom+xml; charset=utf-8"));
  BOOST_TEST(has("Link: <https://samrad.example.se/websub>; rel=\"hub\", "
                 "<https://samrad.example.se/feeds/decisions.atom>; rel=\"self\""));
  BOOST_TEST(has("X-Hub-Signature: " + Signature("s3", "<feed/>")));
  BOOST_TEST(static_cast<bool>(call.allow_address));
  BOOST_TEST(!call.allow_address("127.0.0.1"));
  d.secret.reset();
  call = DistributionCall(d, doc, "https://samrad.example.se/websub", policy);
  for (const auto& h : call.headers) BOOST_TEST(!h.starts_with("X-Hub-Signature"));
}
