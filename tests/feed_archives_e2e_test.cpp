// RFC 5005 archives through the real server: fixed blocks of 50 that hold
// still when the feed grows, walked back from the current document, checked
// by xmllint's RELAX NG and feedparser; RSS pubDate stays the first one.
#define BOOST_TEST_MODULE feed_archives_e2e
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

#include "tests/support/feed_validation.h"
#include "tests/support/test_server.h"

using nlohmann::json;
using samrad::testing::HttpResult;
using samrad::testing::TestServer;
using samrad::testing::Validate;

namespace {
constexpr int64_t kStart = 1798761600;  // 2027-01-01T00:00:00Z

int64_t PublishDecision(TestServer& s, const std::string& token, int n) {
  json d = {{"title", "Beslut nummer " + std::to_string(n)},
            {"body", "Motivering för beslut " + std::to_string(n) + "."},
            {"body_name", "Kommunstyrelsen"},
            {"reference", "KFKS 2027/" + std::to_string(n)},
            {"decided_at", "2026-12-20"},
            {"outcome", "approved"}};
  auto r = s.Post("/api/v1/decisions", d, token);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  return r.json()["id"];
}

struct Document {
  std::string path;
  HttpResult response;
  json feed;
};

// The current document and every archive behind it, following prev-archive.
std::vector<Document> WalkBack(TestServer& s, bool atom) {
  std::vector<Document> out;
  std::string url = s.url() + "/feeds/decisions." + (atom ? "atom" : "rss");
  while (!url.empty() && out.size() < 20) {
    std::string path = url.substr(s.url().size());
    auto r = s.Get(path);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    json f = Validate(r, atom);
    url = f["links"].value("prev-archive", "");
    out.push_back({path, r, f});
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(complete_archives_hold_still_when_the_feed_grows) {
  TestServer s(/*fixed_clock=*/true);
  s.SetTime(kStart);
  std::string official = s.UserToken("official");
  std::set<std::string> expected;
  for (int i = 1; i <= 120; ++i) {
    expected.insert("tag:127.0.0.1,2026:decision/" + std::to_string(PublishDecision(s, official, i)));
  }
  for (bool atom : {true, false}) {
    BOOST_TEST_CONTEXT((atom ? "atom" : "rss")) {
      std::string current = s.url() + "/feeds/decisions." + (atom ? "atom" : "rss");
      auto before = WalkBack(s, atom);
      BOOST_REQUIRE_EQUAL(before.size(), 3u);  // current (from 101), archives 2 and 1
      std::multiset<std::string> seen;
      for (const auto& d : before) {
        for (const auto& e : d.feed["entries"]) seen.insert(e["id"].get<std::string>());
      }
      BOOST_TEST(seen.size() == expected.size());  // every entry exactly once across the documents
      BOOST_TEST(std::set<std::string>(seen.begin(), seen.end()) == expected);
      BOOST_TEST(before[0].feed["entries"].size() == expected.size() - 100);
      BOOST_TEST(before[0].feed["links"]["current"] == current);
      BOOST_TEST(before[0].feed["links"]["prev-archive"] == current + "?archive=2");
      BOOST_TEST(before[0].response.body.find("<fh:archive/>") == std::string::npos);
      BOOST_TEST(before[0].response.header("cache-control") == "public, max-age=0, must-revalidate");
      for (size_t i = 1; i < before.size(); ++i) {
        const Document& d = before[i];
        BOOST_TEST(d.feed["entries"].size() == 50u);
        BOOST_TEST(d.response.body.find("<fh:archive/>") != std::string::npos);
        BOOST_TEST(d.response.body.find("xmlns:fh=\"http://purl.org/syndication/history/1.0\"") !=
                   std::string::npos);
        BOOST_TEST(d.response.header("cache-control") == "public, max-age=31536000, immutable");
        BOOST_TEST(d.feed["links"]["current"] == current);
        BOOST_TEST(d.feed["links"]["next-archive"] ==
                   current + "?archive=" + std::to_string(3 - i + 1));
      }
      // Archive 1 holds the oldest 50, newest first.
      BOOST_TEST(before[2].feed["entries"][0]["title"] == "Beslut nummer 50");
      BOOST_TEST(before[2].feed["entries"][49]["title"] == "Beslut nummer 1");

      // One more decision: the complete archives stay byte for byte.
      s.SetTime(kStart + 60 + (atom ? 0 : 1));
      expected.insert("tag:127.0.0.1,2026:decision/" +
                      std::to_string(PublishDecision(s, official, atom ? 121 : 122)));
      auto after = WalkBack(s, atom);
      BOOST_REQUIRE_EQUAL(after.size(), 3u);
      BOOST_TEST(after[0].response.body != before[0].response.body);
      for (size_t i = 1; i < after.size(); ++i) {
        BOOST_TEST(after[i].path == before[i].path);
        BOOST_TEST(after[i].response.body == before[i].response.body);
        BOOST_TEST(after[i].response.header("etag") == before[i].response.header("etag"));
        // And a cache holding the old copy may keep using it.
        auto again = s.Get(after[i].path, "", {{"If-None-Match", before[i].response.header("etag")}});
        BOOST_TEST(again.status == 304);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_amendment_keeps_the_first_publication_date) {
  TestServer s(/*fixed_clock=*/true);
  s.SetTime(kStart);
  std::string official = s.UserToken("official");
  int64_t id = PublishDecision(s, official, 1);
  s.SetTime(kStart + 7200);
  BOOST_REQUIRE_EQUAL(s.Post("/api/v1/decisions/" + std::to_string(id) + "/amendments",
                             {{"changes", {{"outcome", "referred"}}}, {"reason", "Återremitterat"}},
                             official)
                          .status,
                      201);
  for (bool atom : {true, false}) {
    BOOST_TEST_CONTEXT((atom ? "atom" : "rss")) {
      auto r = s.Get(std::string("/feeds/decisions.") + (atom ? "atom" : "rss"));
      json f = Validate(r, atom);
      BOOST_REQUIRE_EQUAL(f["entries"].size(), 1u);
      const json& e = f["entries"][0];
      BOOST_TEST(e["id"] == "tag:127.0.0.1,2026:decision/" + std::to_string(id));
      BOOST_TEST(e["published"] == "2027-01-01T00:00:00Z");
      if (atom) BOOST_TEST(e["updated"] == "2027-01-01T02:00:00Z");
    }
  }
  auto rss = s.Get("/feeds/decisions.rss");
  BOOST_TEST(rss.body.find("<pubDate>Fri, 01 Jan 2027 00:00:00 GMT</pubDate>") != std::string::npos);
  BOOST_TEST(rss.body.find("<guid isPermaLink=\"false\">tag:127.0.0.1,2026:decision/" +
                           std::to_string(id) + "</guid>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_edited_consultation_keeps_its_rss_pub_date) {
  TestServer s(/*fixed_clock=*/true);
  s.SetTime(kStart);
  std::string official = s.UserToken("official");
  json draft = {{"title", "Ny förskola i Älta"}, {"summary", "Kort"}, {"body", "Text."},
                {"language", "sv"}, {"area", "Älta"}, {"tags", {"skola"}},
                {"opens_at", "2027-01-02T00:00:00Z"}, {"closes_at", "2027-01-20T00:00:00Z"}};
  auto c = s.Post("/api/v1/consultations", draft, official);
  BOOST_REQUIRE_EQUAL(c.status, 201);
  std::string path = "/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>());
  BOOST_REQUIRE_EQUAL(s.Post(path + "/publish", json::object(), official).status, 200);
  s.SetTime(kStart + 86400);
  BOOST_REQUIRE_EQUAL(s.Patch(path, {{"title", "Ny förskola i Älta (ändrat)"}}, official).status, 200);
  auto rss = s.Get("/feeds/consultations.rss");
  json f = Validate(rss, false);
  BOOST_REQUIRE_EQUAL(f["entries"].size(), 1u);
  BOOST_TEST(f["entries"][0]["title"] == "Ny förskola i Älta (ändrat)");
  BOOST_TEST(f["entries"][0]["published"] == "2027-01-01T00:00:00Z");
  json atom = Validate(s.Get("/feeds/consultations.atom"), true);
  BOOST_TEST(atom["entries"][0]["published"] == "2027-01-01T00:00:00Z");
  BOOST_TEST(atom["entries"][0]["updated"] == "2027-01-02T00:00:00Z");
}
