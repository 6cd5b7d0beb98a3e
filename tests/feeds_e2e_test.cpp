// Feeds through the real server, checked by independent tools: every Atom
// document against RFC 4287's RELAX NG grammar (xmllint) and every document
// read back by Python's feedparser; conditional GET and RFC 5005 archives.
#define BOOST_TEST_MODULE feeds_e2e
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <set>

#include "tests/support/feed_validation.h"
#include "tests/support/test_server.h"

using nlohmann::json;
using samrad::testing::HttpResult;
using samrad::testing::TempDir;
using samrad::testing::TestServer;
using samrad::testing::Validate;

namespace {
constexpr int64_t kStart = 1798761600;  // the fixed clock's start, 2027-01-01

json Draft(const std::string& title, const std::string& body = "Vi vill bygga **cykelbanor**.") {
  return {{"title", title},
          {"summary", "Kort sammanfattning"},
          {"body", body},
          {"language", "sv"},
          {"area", "Sickla"},
          {"tags", {"trafik", "cykel"}},
          {"opens_at", "2027-01-02T00:00:00Z"},
          {"closes_at", "2027-01-20T00:00:00Z"},
          {"sections", {{{"heading", "Sträckning"}, {"body", "Längs vägen."}}}}};
}

int64_t CreatePublished(TestServer& s, const std::string& token, const json& draft) {
  auto c = s.Post("/api/v1/consultations", draft, token);
  BOOST_REQUIRE_EQUAL(c.status, 201);
  int64_t id = c.json()["id"];
  BOOST_REQUIRE_EQUAL(
      s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), token)
          .status,
      200);
  return id;
}

std::string Tag(int64_t id) { return "tag:127.0.0.1,2026:consultation/" + std::to_string(id); }
}  // namespace

BOOST_AUTO_TEST_CASE(every_feed_validates_and_reads_back_with_hostile_content) {
  TestServer s;
  std::string official = s.UserToken("official");
  // C0 control characters are refused at input; C1 ones and U+FFFE reach the writer.
  std::string hostile = "Skript <script>alert(1)</script> ]]> & \u0085\uFFFE slut";
  int64_t plain = CreatePublished(s, official, Draft("Nya cykelbanor i Sickla"));
  int64_t evil = CreatePublished(
      s, official,
      Draft(hostile, "Inledning **fet** ]]> text\n\n<script>alert('x')</script>"));
  auto draft = s.Post("/api/v1/consultations", Draft("Hemligt utkast"), official);
  BOOST_REQUIRE_EQUAL(draft.status, 201);
  std::string draft_path =
      "/api/v1/consultations/" + std::to_string(draft.json()["id"].get<int64_t>());
  BOOST_REQUIRE_EQUAL(s.Patch(draft_path, {{"title", "Fortfarande hemligt"}}, official).status,
                      200);
  std::string plain_path = "/api/v1/consultations/" + std::to_string(plain);
  BOOST_REQUIRE_EQUAL(
      s.Patch(plain_path, {{"title", "Nya cykelbanor i Sickla (ändrat)"}}, official).status, 200);

  for (bool atom : {true, false}) {
    BOOST_TEST_CONTEXT((atom ? "atom" : "rss")) {
      auto r = s.Get(std::string("/feeds/consultations.") + (atom ? "atom" : "rss"));
      BOOST_REQUIRE_EQUAL(r.status, 200);
      BOOST_TEST(r.header("content-type") == (atom ? "application/atom+xml; charset=utf-8"
                                                   : "application/rss+xml; charset=utf-8"));
      BOOST_TEST(r.body.find("<script>") == std::string::npos);
      BOOST_TEST(r.body.find("Hemligt") == std::string::npos);  // drafts stay out
      BOOST_TEST(r.body.find("hemligt") == std::string::npos);
      json f = Validate(r, atom);
      BOOST_TEST(f["version"] == (atom ? "atom10" : "rss20"));
      BOOST_TEST(f["language"] == "sv");
      BOOST_TEST(f["links"]["self"] == s.url() + "/feeds/consultations." + (atom ? "atom" : "rss"));
      // Newest change first, one entry per consultation.
      BOOST_REQUIRE_EQUAL(f["entries"].size(), 2u);
      const json& edited = f["entries"][0];
      BOOST_TEST(edited["id"] == Tag(plain));
      BOOST_TEST(edited["title"] == "Nya cykelbanor i Sickla (ändrat)");
      BOOST_TEST(edited["link"] == s.url() + "/consultations/" + std::to_string(plain));
      BOOST_TEST(edited["updated"].is_string());
      BOOST_TEST(edited["categories"].dump() == R"(["Sickla","trafik","cykel"])");
      BOOST_TEST(edited["content"].get<std::string>().find("<strong>cykelbanor</strong>") !=
                 std::string::npos);
      BOOST_TEST(edited["content"].get<std::string>().find("Sträckning") != std::string::npos);
      const json& bad = f["entries"][1];
      BOOST_TEST(bad["id"] == Tag(evil));
      // The text survives, less the characters XML cannot carry.
      BOOST_TEST(bad["title"].get<std::string>().find("]]> &") != std::string::npos);
      BOOST_TEST(bad["title"].get<std::string>().find("slut") != std::string::npos);
      BOOST_TEST(bad["content"].get<std::string>().find("<strong>fet</strong>") !=
                 std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(repeated_request_is_304_and_a_change_changes_the_etag) {
  TestServer s(/*fixed_clock=*/true);
  s.SetTime(kStart);
  std::string official = s.UserToken("official");
  int64_t id = CreatePublished(s, official, Draft("Belysning i parken"));
  auto first = s.Get("/feeds/consultations.atom");
  std::string etag = first.header("etag");
  std::string modified = first.header("last-modified");
  BOOST_TEST(etag.size() == 34u);
  BOOST_TEST(etag.front() == '"');  // strong
  BOOST_TEST(modified == "Fri, 01 Jan 2027 00:00:00 GMT");
  BOOST_TEST(first.header("cache-control") == "public, max-age=0, must-revalidate");

  auto again = s.Get("/feeds/consultations.atom", "", {{"If-None-Match", etag}});
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.body.empty());
  BOOST_TEST(s.Get("/feeds/consultations.atom", "", {{"If-Modified-Since", modified}}).status ==
             304);
  BOOST_TEST(s.Get("/feeds/consultations.rss", "", {{"If-None-Match", etag}}).status == 200);

  // A write shows in the very next request.
  s.SetTime(kStart + 60);
  BOOST_REQUIRE_EQUAL(s.Patch("/api/v1/consultations/" + std::to_string(id),
                              {{"title", "Belysning i parken, ny"}}, official)
                          .status,
                      200);
  auto changed = s.Get("/feeds/consultations.atom", "", {{"If-None-Match", etag}});
  BOOST_TEST(changed.status == 200);
  BOOST_TEST(changed.header("etag") != etag);
  BOOST_TEST(changed.header("last-modified") == "Fri, 01 Jan 2027 00:01:00 GMT");
  BOOST_TEST(changed.body.find("Belysning i parken, ny") != std::string::npos);
  BOOST_TEST(s.Get("/feeds/consultations.atom", "", {{"If-Modified-Since", modified}}).status ==
             200);
}

BOOST_AUTO_TEST_CASE(archives_of_fixed_size_walk_back_through_the_whole_history) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::set<std::string> expected;
  for (int i = 0; i < 7; ++i) {
    expected.insert(Tag(CreatePublished(s, official, Draft("Samråd nummer " + std::to_string(i)))));
  }
  for (bool atom : {true, false}) {
    BOOST_TEST_CONTEXT((atom ? "atom" : "rss")) {
      std::string current = s.url() + "/feeds/consultations." + (atom ? "atom" : "rss") + "?limit=3";
      std::set<std::string> seen;
      std::string url = current;
      int documents = 0;
      while (!url.empty() && documents < 10) {
        auto r = s.Get(url.substr(s.url().size()));
        BOOST_REQUIRE_EQUAL(r.status, 200);
        json f = Validate(r, atom);
        for (const auto& e : f["entries"])
          BOOST_TEST(seen.insert(e["id"].get<std::string>()).second);
        BOOST_TEST(f["links"]["current"] == current);
        BOOST_TEST(!f["links"].contains("next"));  // an archived feed, not a paged one
        if (documents == 0) {
          // The current document holds what no complete archive holds yet.
          BOOST_TEST(f["entries"].size() == 1u);
          BOOST_TEST(f["links"]["self"] == current);
          BOOST_TEST(r.body.find("<fh:archive/>") == std::string::npos);
          BOOST_TEST(f["links"]["prev-archive"] == current + "&archive=2");
        } else {
          // Complete archives: marked, immutable, linked both ways by number.
          BOOST_TEST(f["entries"].size() == 3u);
          BOOST_TEST(r.body.find("<fh:archive/>") != std::string::npos);
          BOOST_TEST(r.header("cache-control") == "public, max-age=31536000, immutable");
          BOOST_TEST(f["links"]["self"] == url);
          BOOST_TEST(f["links"]["next-archive"] ==
                     current + "&archive=" + std::to_string(4 - documents));
        }
        url = f["links"].value("prev-archive", "");
        ++documents;
      }
      BOOST_TEST(documents == 3);
      BOOST_TEST(seen == expected);
      // The block being filled is not an archive yet: its address leads to
      // the current document; past it there is nothing.
      auto filling = s.Get(current.substr(s.url().size()) + "&archive=3");
      BOOST_TEST(filling.status == 302);
      BOOST_TEST(filling.header("location") == current);
      BOOST_TEST(s.Get(current.substr(s.url().size()) + "&archive=4").status == 404);
      // An address of the earlier sliding pages leads to the archive now
      // holding its newest entry.
      auto moved = s.Get(current.substr(s.url().size()) + "&before=3");
      BOOST_TEST(moved.status == 301);
      BOOST_TEST(moved.header("location") == current + "&archive=1");
    }
  }
}

BOOST_AUTO_TEST_CASE(bad_paging_parameters_are_422_problems) {
  TestServer s;
  for (const char* q : {"?before=abc", "?before=0", "?limit=0", "?limit=201", "?limit=-3",
                        "?archive=0", "?archive=x"}) {
    auto r = s.Get(std::string("/feeds/consultations.atom") + q);
    BOOST_TEST(r.status == 422, q);
    BOOST_TEST(r.header("content-type") == "application/problem+json");
  }
  BOOST_TEST(s.Get("/feeds/nothing.atom").status == 404);
}

BOOST_AUTO_TEST_CASE(decisions_feed_shows_an_amendment_as_an_update_of_the_same_entry) {
  TestServer s(/*fixed_clock=*/true);
  std::string official = s.UserToken("official");
  json d = {{"title", "Beslut <b>om</b> cykelbanor ]]> & mer"},
            {"body", "Motivering med <script>alert(1)</script>."},
            {"body_name", "Kommunstyrelsen"}, {"reference", "KFKS 2026/9"},
            {"decided_at", "2026-12-20"}, {"outcome", "approved"},
            {"votes", {{"for", 1}, {"against", 0}, {"abstain", 0}, {"absent", 0},
                       {"roll_call", {{{"name", "Anna <A>"}, {"party", "M"}, {"vote", "for"}}}}}}};
  auto p = s.Post("/api/v1/decisions", d, official);
  BOOST_REQUIRE(p.status == 201);
  int64_t id = p.json()["id"];
  s.SetTime(kStart + 3600);
  BOOST_REQUIRE(s.Post("/api/v1/decisions/" + std::to_string(id) + "/amendments",
                       {{"changes", {{"outcome", "revoked"}}}, {"reason", "Upphävt <av> domstol"}}, official)
                    .status == 201);
  for (bool atom : {true, false}) {
    BOOST_TEST_CONTEXT((atom ? "atom" : "rss")) {
      auto r = s.Get(std::string("/feeds/decisions.") + (atom ? "atom" : "rss"));
      BOOST_REQUIRE(r.status == 200);
      json f = Validate(r, atom);
      BOOST_REQUIRE(f["entries"].size() == 1u);  // one entry per decision, its newest version
      auto e = f["entries"][0];
      BOOST_TEST(e["id"] == "tag:127.0.0.1,2026:decision/" + std::to_string(id));
      BOOST_TEST(e["title"] == d["title"]);
      BOOST_TEST(e["link"] == s.url() + "/decisions/" + std::to_string(id));
      BOOST_TEST(e["content"].get<std::string>().find("<script>") == std::string::npos);
      BOOST_TEST(e["content"].get<std::string>().find("Upphävt") != std::string::npos);
      if (atom) {
        BOOST_TEST(e["updated"] == "2027-01-01T01:00:00Z");
        BOOST_TEST(e["published"] == "2027-01-01T00:00:00Z");
      }
    }
  }
}
