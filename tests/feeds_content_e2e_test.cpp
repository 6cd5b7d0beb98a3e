// The comments, datasets and search feeds through the real server, each
// checked by xmllint (RELAX NG for Atom) and feedparser: hostile comment
// text, hidden comments without body, edits as updates, freshness and 304.
#define BOOST_TEST_MODULE feeds_content_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/comment_fixtures.h"
#include "tests/support/feed_validation.h"
#include "tests/support/python.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
// C0 control characters are refused at input now; a C1 one still gets through to
// the feed writer.
const char* kHostile = "Skript <script>alert(1)</script> ]]> & \u0085 slut";
const char* kHiddenText = "Ring 070-7654321 hemligt";

std::string FeedPath(int64_t consultation, bool atom) {
  return "/feeds/consultations/" + std::to_string(consultation) + "/comments" + (atom ? ".atom" : ".rss");
}

const json* EntryWithId(const json& feed, const std::string& suffix) {
  for (const auto& e : feed["entries"]) {
    if (e["id"].get<std::string>().ends_with(suffix)) return &e;
  }
  return nullptr;
}
}  // namespace

BOOST_AUTO_TEST_CASE(comments_feed_is_valid_hides_bodies_and_follows_edits) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  int64_t k = PublishConsultation(s, official, "2020-01-01", "2040-01-01");
  std::string author = s.ResidentToken("Karin Öppen");
  BOOST_REQUIRE(s.Patch("/api/v1/me", {{"public_name", true}}, author).status == 200);
  std::string other = s.ResidentToken();
  int64_t evil = PostComment(s, k, other, kHostile);
  int64_t named = PostComment(s, k, author, "Första versionen");
  int64_t hidden = PostComment(s, k, other, kHiddenText);
  BOOST_REQUIRE(s.Post(CommentPath(hidden) + "/moderation", {{"action", "hide"}, {"reason", "Personuppgifter"}},
                       moderator).status == 201);
  BOOST_REQUIRE(s.Patch(CommentPath(named), {{"body", "Andra versionen"}}, author).status == 200);
  // Another consultation's comments stay out.
  int64_t k2 = PublishConsultation(s, official, "2020-01-01", "2040-01-01", "Annat samråd");
  PostComment(s, k2, other, "Annan tråd");

  for (bool atom : {true, false}) {
    BOOST_TEST_CONTEXT((atom ? "atom" : "rss")) {
      auto r = s.Get(FeedPath(k, atom));
      BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
      BOOST_TEST(r.body.find(kHiddenText) == std::string::npos);
      BOOST_TEST(r.body.find("070-7654321") == std::string::npos);
      BOOST_TEST(r.body.find("<script>") == std::string::npos);
      json feed = Validate(r, atom);
      BOOST_TEST(feed["entries"].size() == 3u);
      const json* e = EntryWithId(feed, "comment/" + std::to_string(named));
      BOOST_REQUIRE(e);
      BOOST_TEST((*e)["content"].get<std::string>().find("Andra versionen") != std::string::npos);
      BOOST_TEST((*e)["content"].get<std::string>().find("Första") == std::string::npos);
      BOOST_TEST((*e)["title"].get<std::string>().find("Karin Öppen") != std::string::npos);
      const json* h = EntryWithId(feed, "comment/" + std::to_string(hidden));
      BOOST_REQUIRE(h);
      BOOST_TEST((*h)["content"].get<std::string>().find("hemligt") == std::string::npos);
      const json* x = EntryWithId(feed, "comment/" + std::to_string(evil));
      BOOST_REQUIRE(x);
      BOOST_TEST((*x)["content"].get<std::string>().find("]]") != std::string::npos);
      BOOST_TEST((*x)["title"].get<std::string>().find("Invånare ") != std::string::npos);
    }
  }
  // Conditional GET, then a new comment shows within a second with a new ETag.
  auto first = s.Get(FeedPath(k, true));
  std::string etag = first.header("ETag");
  BOOST_TEST(s.Get(FeedPath(k, true), "", {{"If-None-Match", etag}}).status == 304);
  int64_t fresh = PostComment(s, k, author, "Helt ny synpunkt");
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  HttpResult now;
  do {
    now = s.Get(FeedPath(k, true), "", {{"If-None-Match", etag}});
    if (now.status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < end);
  BOOST_REQUIRE(now.status == 200);
  BOOST_TEST(EntryWithId(Validate(now, true), "comment/" + std::to_string(fresh)) != nullptr);
  BOOST_TEST(s.Get("/feeds/consultations/999/comments.atom").status == 404);
  BOOST_TEST(s.Get("/feeds/consultations/abc/comments.rss").status == 404);
}

BOOST_AUTO_TEST_CASE(datasets_and_search_feeds_are_valid_and_conditional) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official, "2020-01-01", "2040-01-01", "Laddplatser <b>i</b> Sickla ]]>");
  PostComment(s, k, s.ResidentToken(), std::string("Fler laddplatser ") + kHostile);
  auto up = Upload(s, official,
                   "name=laddning&title=Laddstationer%20%3Cscript%3E&description=Publika%20laddplatser&"
                   "keywords=elbil,energi&theme=TRAN",
                   "hallplats,laddplatser\r\nSickla,4\r\n");
  BOOST_REQUIRE_MESSAGE(up.status == 201, up.body);
  for (bool atom : {true, false}) {
    BOOST_TEST_CONTEXT((atom ? "atom" : "rss")) {
      auto d = s.Get(std::string("/feeds/datasets") + (atom ? ".atom" : ".rss"));
      BOOST_REQUIRE(d.status == 200);
      json feed = Validate(d, atom);
      BOOST_REQUIRE(feed["entries"].size() == 1u);
      BOOST_TEST(feed["entries"][0]["title"] == "Laddstationer <script>");
      BOOST_TEST(feed["entries"][0]["link"].get<std::string>().ends_with("/data#laddning"));
      BOOST_TEST(d.body.find("/opendata/laddning.csv") != std::string::npos);
      BOOST_TEST(s.Get(std::string("/feeds/datasets") + (atom ? ".atom" : ".rss"), "",
                       {{"If-None-Match", d.header("ETag")}}).status == 304);

      // The search feed waits for the index (it follows the log within a second).
      std::string path = std::string("/feeds/search") + (atom ? ".atom" : ".rss") + "?q=laddplatser";
      auto end = std::chrono::steady_clock::now() + std::chrono::seconds(1);
      json found;
      HttpResult r;
      do {
        r = s.Get(path);
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
        found = Validate(r, atom);
        if (found["entries"].size() == 3u) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      } while (std::chrono::steady_clock::now() < end);
      BOOST_TEST(found["entries"].size() == 3u);
      BOOST_TEST(r.body.find("<script>") == std::string::npos);
      BOOST_TEST(s.Get(path, "", {{"If-None-Match", r.header("ETag")}}).status == 304);
      auto paged = s.Get(std::string("/feeds/search") + (atom ? ".atom" : ".rss") + "?q=laddplatser&limit=1");
      BOOST_TEST(paged.body.find("before=1") != std::string::npos);
    }
  }
  BOOST_TEST(s.Get("/feeds/search.atom?q=%FF%FE").status == 400);
}
