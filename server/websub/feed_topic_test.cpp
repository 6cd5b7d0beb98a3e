// Topics are this site's own current feed documents, read back into the
// feed request they name; anything else is no topic.
#define BOOST_TEST_MODULE websub_feed_topic
#include "server/websub/feed_topic.h"

#include <boost/test/unit_test.hpp>

using namespace samrad;
using namespace samrad::websub;

namespace {
feeds::FeedRegistry Registry() {
  feeds::FeedRegistry r;
  auto none = [](const feeds::FeedQuery&) -> Result<feeds::FeedPage> { return feeds::FeedPage{}; };
  r.Register({"decisions", "/feeds/decisions", none});
  r.Register({"comments", "/feeds/consultations/{id}/comments", none});
  r.Register({"search", "/feeds/search", none});
  return r;
}
const std::string kBase = "https://samrad.example.se";
}  // namespace

BOOST_AUTO_TEST_CASE(reads_feed_urls_with_formats_ids_and_queries) {
  auto r = Registry();
  auto d = TopicFeed(r, kBase, kBase + "/feeds/decisions.atom");
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST(d->name == "decisions");
  BOOST_TEST(d->path == "/feeds/decisions");
  BOOST_TEST((d->format == feeds::FeedFormat::kAtom));
  BOOST_TEST(d->query.base_url == kBase);
  auto c = TopicFeed(r, kBase, kBase + "/feeds/consultations/12/comments.rss");
  BOOST_TEST_REQUIRE(c.has_value());
  BOOST_TEST(c->name == "comments");
  BOOST_TEST(c->query.params.at("id") == "12");
  BOOST_TEST((c->format == feeds::FeedFormat::kRss));
  auto s = TopicFeed(r, kBase, kBase + "/feeds/search.atom?q=cykel%20bana&limit=20");
  BOOST_TEST_REQUIRE(s.has_value());
  BOOST_TEST(s->query.q == "cykel bana");
  BOOST_TEST(s->query.limit == 20);
}

BOOST_AUTO_TEST_CASE(anything_else_is_no_topic) {
  auto r = Registry();
  const std::vector<std::string> topics = {
      "https://other.example/feeds/decisions.atom", "http://samrad.example.se/feeds/decisions.atom",
        kBase + ".evil.example/feeds/decisions.atom", kBase + "/feeds/decisions", kBase + "/feeds/decisions.json",
        kBase + "/feeds/nothing.atom", kBase + "/feeds/consultations/comments.atom",
        kBase + "/feeds/decisions.atom?before=5", kBase + "/feeds/decisions.atom?archive=1",
        kBase + "/feeds/decisions.atom?limit=0", kBase + "/feeds/decisions.atom?limit=201",
        kBase + "/feeds/decisions.atom#x", kBase + "/feeds/%64ecisions.atom", kBase + "/api/v1/decisions", ""};
  for (const std::string& t : topics) {
    BOOST_TEST(!TopicFeed(r, kBase, t).has_value(), t);
  }
}
