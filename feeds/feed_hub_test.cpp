// WebSub discovery in feed documents: the current document of every feed
// names the hub and its own URL, in the XML and as a Link header; older
// pages and archives, which nobody subscribes to, name no hub.
#define BOOST_TEST_MODULE feed_hub
#include <boost/test/unit_test.hpp>

#include "feeds/feed_service.h"

using namespace samrad::feeds;

namespace {
const std::string kBase = "https://samrad.example.se";

std::shared_ptr<FeedRegistry> Registry() {
  auto r = std::make_shared<FeedRegistry>();
  auto build = [](bool archived) {
    return [archived](const FeedQuery& q) -> samrad::Result<FeedPage> {
      FeedPage p;
      p.feed.id = TagUri(q.base_url, "feeds/x");
      p.feed.title = "X";
      Entry e;
      e.id = TagUri(q.base_url, "x/1");
      e.title = "Ett";
      e.updated = 1798761600;
      p.feed.entries.push_back(e);
      if (archived) {
        p.complete_archives = 2;
        p.archive = q.archive.value_or(0);
      } else if (!q.before) {
        p.older = 1;
      }
      return p;
    };
  };
  r->Register({"paged", "/feeds/paged", build(false), false});
  r->Register({"archived", "/feeds/archived", build(true), true});
  return r;
}

FeedRequest Request(const std::string& name, FeedFormat format) {
  FeedRequest r;
  r.name = name;
  r.path = "/feeds/" + name;
  r.format = format;
  r.query.base_url = kBase;
  return r;
}
}  // namespace

BOOST_AUTO_TEST_CASE(current_documents_name_the_hub_and_themselves_in_both_formats) {
  FeedService feeds(Registry());
  for (auto format : {FeedFormat::kAtom, FeedFormat::kRss}) {
    std::string self = kBase + "/feeds/paged" + (format == FeedFormat::kAtom ? ".atom" : ".rss") + "?q=cykel";
    FeedRequest r = Request("paged", format);
    r.query.q = "cykel";
    auto doc = feeds.Render(r).value();
    BOOST_TEST(doc->link_header == "<" + kBase + "/websub>; rel=\"hub\", <" + self + ">; rel=\"self\"");
    BOOST_TEST(doc->body.find("rel=\"hub\" href=\"" + kBase + "/websub\"") != std::string::npos, doc->body);
    BOOST_TEST(doc->body.find("rel=\"self\" href=\"" + self + "\"") != std::string::npos);
  }
  auto archived = feeds.Render(Request("archived", FeedFormat::kAtom)).value();
  BOOST_TEST(archived->link_header.find("<" + kBase + "/feeds/archived.atom>; rel=\"self\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(older_pages_and_archives_name_no_hub) {
  FeedService feeds(Registry());
  FeedRequest older = Request("paged", FeedFormat::kAtom);
  older.query.before = 1;
  auto page = feeds.Render(older).value();
  BOOST_TEST(page->link_header.empty());
  BOOST_TEST(page->body.find("rel=\"hub\"") == std::string::npos);
  FeedRequest archive = Request("archived", FeedFormat::kAtom);
  archive.query.archive = 1;
  auto doc = feeds.Render(archive).value();
  BOOST_TEST(doc->archive);
  BOOST_TEST(doc->link_header.empty());
  BOOST_TEST(doc->body.find("rel=\"hub\"") == std::string::npos);
}
