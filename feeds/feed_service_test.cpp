// FeedService with kinds registered the way every feed plugs in: cached
// until invalidated (complete archives for good), self and RFC 5005 paging
// or archive links added, unknown kinds refused.
#define BOOST_TEST_MODULE feed_service
#include "feeds/feed_service.h"

#include <boost/test/unit_test.hpp>

using namespace samrad::feeds;

namespace {
// A kind whose builder counts its calls and pages through ids 1..total.
std::shared_ptr<FeedRegistry> Registry(int* builds, int total) {
  auto r = std::make_shared<FeedRegistry>();
  r->Register({"numbers", "/feeds/numbers",
               [builds, total](const FeedQuery& q) -> samrad::Result<FeedPage> {
                 ++*builds;
                 FeedPage p;
                 p.feed.id = TagUri(q.base_url, "feeds/numbers");
                 p.feed.title = "Numbers";
                 int64_t top = q.before.value_or(total + 1) - 1;
                 for (int64_t i = top; i > 0 && static_cast<int>(p.feed.entries.size()) < q.limit;
                      --i) {
                   Entry e;
                   e.id = TagUri(q.base_url, "number/" + std::to_string(i));
                   e.title = std::to_string(i);
                   e.updated = 1798761600 + i;
                   p.feed.entries.push_back(e);
                 }
                 if (top - q.limit > 0) p.older = top - q.limit + 1;
                 return p;
               },
               /*stable_pages=*/false});
  // Archived: three archives and a current document, one entry each.
  r->Register({"archived", "/feeds/archived",
               [builds](const FeedQuery& q) -> samrad::Result<FeedPage> {
                 ++*builds;
                 FeedPage p;
                 p.feed.id = TagUri(q.base_url, "feeds/archived");
                 p.feed.title = "Archived";
                 p.complete_archives = 3;
                 p.archive = q.archive.value_or(0);
                 Entry e;
                 e.id = TagUri(q.base_url, "archived/" + std::to_string(p.archive));
                 e.title = "x";
                 e.updated = 1798761600 + p.archive;
                 p.feed.entries.push_back(e);
                 return p;
               },
               /*stable_pages=*/true});
  return r;
}

FeedRequest Request(FeedFormat format, std::optional<int64_t> before = std::nullopt) {
  FeedRequest r;
  r.name = "numbers";
  r.path = "/feeds/numbers";
  r.format = format;
  r.query.base_url = "https://samrad.example.se";
  r.query.limit = 2;
  r.query.before = before;
  return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(builds_once_until_invalidated) {
  int builds = 0;
  FeedService feeds(Registry(&builds, 5));
  auto a = feeds.Render(Request(FeedFormat::kAtom));
  auto b = feeds.Render(Request(FeedFormat::kAtom));
  BOOST_REQUIRE(a.ok());
  BOOST_TEST(builds == 1);
  BOOST_TEST(a.value() == b.value());
  feeds.Render(Request(FeedFormat::kRss));
  BOOST_TEST(builds == 2);  // each format is its own document
  feeds.Invalidate();
  feeds.Render(Request(FeedFormat::kAtom));
  BOOST_TEST(builds == 3);
}

BOOST_AUTO_TEST_CASE(adds_self_and_paging_links_and_validators) {
  int builds = 0;
  FeedService feeds(Registry(&builds, 5));
  auto first = feeds.Render(Request(FeedFormat::kAtom)).value();
  BOOST_TEST(first->archive == false);
  BOOST_TEST(first->last_modified == 1798761605);
  BOOST_TEST(first->etag.size() == 34u);
  BOOST_TEST(first->body.find(
                 "rel=\"self\" href=\"https://samrad.example.se/feeds/numbers.atom?limit=2\"") !=
             std::string::npos);
  BOOST_TEST(first->body.find(
                 "rel=\"next\" "
                 "href=\"https://samrad.example.se/feeds/numbers.atom?limit=2&amp;before=4\"") !=
             std::string::npos);
  BOOST_TEST(first->body.find("rel=\"prev-archive\"") == std::string::npos);  // pages slide
  BOOST_TEST(first->body.find("<id>tag:samrad.example.se,2026:number/5</id>") != std::string::npos);

  auto last = feeds.Render(Request(FeedFormat::kAtom, 2)).value();
  BOOST_TEST(last->archive == false);
  BOOST_TEST(last->body.find(
                 "rel=\"first\" href=\"https://samrad.example.se/feeds/numbers.atom?limit=2\"") !=
             std::string::npos);
  BOOST_TEST(last->body.find("rel=\"next\"") == std::string::npos);  // the oldest page
  BOOST_TEST(last->etag != first->etag);
}

BOOST_AUTO_TEST_CASE(archives_link_their_neighbours_by_number_and_stay_cached) {
  int builds = 0;
  FeedService feeds(Registry(&builds, 0));
  FeedRequest r = Request(FeedFormat::kAtom);
  r.name = "archived";
  r.path = "/feeds/archived";
  r.query.limit = kDefaultPageSize;
  const std::string here = "https://samrad.example.se/feeds/archived.atom";
  auto current = feeds.Render(r).value();
  BOOST_TEST(current->archive == false);
  BOOST_TEST(current->body.find("rel=\"current\" href=\"" + here + "\"") != std::string::npos);
  BOOST_TEST(current->body.find("rel=\"prev-archive\" href=\"" + here + "?archive=3\"") !=
             std::string::npos);
  BOOST_TEST(current->body.find("next-archive") == std::string::npos);

  r.query.archive = 1;
  auto oldest = feeds.Render(r).value();
  BOOST_TEST(oldest->archive == true);
  BOOST_TEST(oldest->body.find("<fh:archive/>") != std::string::npos);
  BOOST_TEST(oldest->body.find("rel=\"self\" href=\"" + here + "?archive=1\"") != std::string::npos);
  BOOST_TEST(oldest->body.find("rel=\"next-archive\" href=\"" + here + "?archive=2\"") !=
             std::string::npos);
  BOOST_TEST(oldest->body.find("prev-archive") == std::string::npos);
  int built = builds;
  feeds.Invalidate();
  BOOST_TEST(feeds.Render(r).value() == oldest);  // a complete archive never changes
  BOOST_TEST(builds == built);
}

BOOST_AUTO_TEST_CASE(unknown_kind_is_not_found) {
  int builds = 0;
  FeedService feeds(Registry(&builds, 1));
  FeedRequest r = Request(FeedFormat::kAtom);
  r.name = "nothing";
  BOOST_TEST(static_cast<int>(feeds.Render(r).status().code()) ==
             static_cast<int>(samrad::Code::kNotFound));
}

BOOST_AUTO_TEST_CASE(tag_uris_use_the_host_of_the_base_url) {
  BOOST_TEST(TagUri("https://Samrad.Example.se:8443/base", "consultation/12") ==
             "tag:samrad.example.se,2026:consultation/12");
  BOOST_TEST(TagUri("http://127.0.0.1:8080", "x") == "tag:127.0.0.1,2026:x");
}
