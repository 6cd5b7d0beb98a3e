// Comment threads through the real server: nesting, sort orders stable across
// pages, reactions, edit history, posting rules and abuse limits.
#define BOOST_TEST_MODULE comments_e2e
#include <boost/test/unit_test.hpp>
#include <set>

#include "tests/support/comment_fixtures.h"

using namespace samrad::testing;
using nlohmann::json;

BOOST_AUTO_TEST_CASE(replies_nest_to_any_depth_and_threads_carry_the_first_few) {
  TestServer s(true);
  std::string official = s.UserToken("official", "Anna Handläggare");
  std::string karin = s.ResidentToken("Karin");
  int64_t k = PublishConsultation(s, official);
  int64_t top = PostComment(s, k, karin, "Varför tas ekarna bort?");
  // A chain four levels deep, and four replies on the top-level comment.
  int64_t deepest = top;
  for (int level = 1; level <= 4; ++level) {
    deepest = PostComment(s, k, level % 2 ? official : karin, "Nivå " + std::to_string(level),
                          {{"parent_id", deepest}});
  }
  for (int i = 0; i < 3; ++i) PostComment(s, k, karin, "Svar " + std::to_string(i), {{"parent_id", top}});

  auto thread = s.Get(CommentsPath(k)).json();
  BOOST_REQUIRE(thread["items"].size() == 1u);  // replies are not top-level
  const json& t = thread["items"][0];
  BOOST_TEST(t["reply_count"] == 4);
  BOOST_TEST(t["replies"].size() == 3u);  // the first few, oldest first
  BOOST_TEST(t["replies"][0]["body"] == "Nivå 1");
  BOOST_TEST(t["replies"][0]["official"] == true);
  BOOST_TEST(t["replies"][0]["author"]["name"] == "Anna Handläggare");
  BOOST_TEST(t["replies"][0]["author"]["kind"] == "public");
  BOOST_TEST(t["author"]["kind"] == "pseudonym");
  BOOST_TEST(t["official"] == false);
  // Second level carried; the third is reached through its cursor.
  const json& level2 = t["replies"][0]["replies"][0];
  BOOST_TEST(level2["body"] == "Nivå 2");
  BOOST_TEST(level2["reply_count"] == 1);
  BOOST_TEST(level2["replies"].empty());
  std::string more = level2["replies_cursor"];
  auto level3 = s.Get(CommentPath(level2["id"]) + "/replies?cursor=" + more).json()["items"];
  BOOST_REQUIRE(level3.size() == 1u);
  BOOST_TEST(level3[0]["body"] == "Nivå 3");
  BOOST_TEST(level3[0]["replies"][0]["body"] == "Nivå 4");
  BOOST_TEST(level3[0]["replies"][0]["id"] == deepest);
  // The rest of the top-level comment's replies.
  auto rest = s.Get(CommentPath(top) + "/replies?cursor=" + t["replies_cursor"].get<std::string>()).json();
  BOOST_REQUIRE(rest["items"].size() == 1u);
  BOOST_TEST(rest["items"][0]["body"] == "Svar 2");
  BOOST_TEST(rest["next_cursor"].is_null());
  BOOST_TEST(s.Get(CommentPath(top) + "/replies?limit=2").json()["items"].size() == 2u);

  auto one = s.Get(CommentPath(deepest)).json();
  BOOST_TEST(one["body"] == "Nivå 4");
  BOOST_TEST(one["consultation_id"] == k);
  BOOST_TEST(s.Get("/api/v1/consultations/" + std::to_string(k)).json()["comment_count"] == 8);
  BOOST_TEST(s.Get(CommentPath(999999)).status == 404);
}

BOOST_AUTO_TEST_CASE(parents_and_sections_must_belong_to_the_consultation) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string karin = s.ResidentToken();
  int64_t a = PublishConsultation(s, official);
  int64_t b = PublishConsultation(s, official, "2026-12-01", "2027-02-01", "Annan");
  int64_t in_b = PostComment(s, b, karin, "I B");
  auto sections_b = s.Get("/api/v1/consultations/" + std::to_string(b)).json()["sections"];
  auto sections_a = s.Get("/api/v1/consultations/" + std::to_string(a)).json()["sections"];
  auto r = s.Post(CommentsPath(a), {{"body", "Svar"}, {"parent_id", in_b}}, karin);
  BOOST_TEST(r.status == 422);
  BOOST_TEST(r.body.find("/parent_id") != std::string::npos);
  BOOST_TEST(s.Post(CommentsPath(a), {{"body", "Fel del"}, {"section_id", sections_b[0]["id"]}}, karin).status == 422);
  BOOST_TEST(s.Post(CommentsPath(a), {{"body", "x"}, {"parent_id", 987654}}, karin).status == 422);
  auto ok = s.Post(CommentsPath(a), {{"body", "Om lek"}, {"section_id", sections_a[0]["id"]}}, karin);
  BOOST_TEST(ok.status == 201);
  BOOST_TEST(ok.json()["section_id"] == sections_a[0]["id"]);
  BOOST_TEST(s.Post(CommentsPath(a), {{"body", "x"}, {"colour", "red"}}, karin).status == 422);
  BOOST_TEST(s.Get("/api/v1/consultations/" + std::to_string(a)).json()["comment_count"] == 1);
}

namespace {
// Reads every page of a sort, posting a new comment after each page.
std::vector<json> ReadAllWhilePosting(TestServer& s, int64_t k, const std::string& sort,
                                      const std::string& poster, int64_t& now) {
  std::vector<json> out;
  std::string cursor;
  int pages = 0;
  do {
    auto page = s.Get(CommentsPath(k) + "?limit=4&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
    BOOST_REQUIRE(page.status == 200);
    json body = page.json();
    for (const auto& c : body["items"]) out.push_back(c);
    cursor = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
    s.SetTime(now += kMinute);  // keeps the poster inside the rate limit
    PostComment(s, k, poster, "Ny medan " + sort + " läses " + std::to_string(++pages));
  } while (!cursor.empty() && pages < 50);
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(each_sort_order_is_stable_across_pages_while_comments_arrive) {
  TestServer s(true);
  int64_t now = kClockStart;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  std::vector<std::string> users;
  for (int i = 0; i < 4; ++i) users.push_back(s.ResidentToken());
  std::vector<int64_t> original;
  for (int i = 0; i < 14; ++i) original.push_back(PostComment(s, k, users[i % 4], "Kommentar " + std::to_string(i)));
  // Supports: comment i gets (i % 4) supports, so many ties.
  for (int i = 0; i < 14; ++i) {
    for (int u = 0; u < i % 4; ++u) {
      BOOST_REQUIRE(s.Put(CommentPath(original[i]) + "/reaction", {{"kind", "support"}}, users[u]).status == 200);
    }
  }
  std::string late = s.ResidentToken("Sen");
  for (const std::string sort : {"oldest", "newest", "supported"}) {
    BOOST_TEST_CONTEXT("sort " << sort) {
      size_t before = s.Get(CommentsPath(k) + "?limit=200").json()["items"].size();
      auto items = ReadAllWhilePosting(s, k, sort, late, now);
      std::set<int64_t> seen;
      for (const auto& c : items) BOOST_TEST(seen.insert(c["id"].get<int64_t>()).second);  // never twice
      for (int64_t id : original) BOOST_TEST(seen.count(id) == 1u, "comment " << id);  // none skipped
      for (size_t i = 1; i < items.size(); ++i) {
        int64_t a = items[i - 1]["id"], b = items[i]["id"];
        if (sort == "oldest") BOOST_TEST(a < b);
        if (sort == "newest") BOOST_TEST(a > b);
        if (sort == "supported") {
          int64_t sa = items[i - 1]["support"], sb = items[i]["support"];
          BOOST_TEST((sa > sb || (sa == sb && a < b)));
        }
      }
      // Newest first never shows what arrived after the first page.
      if (sort == "newest") BOOST_TEST(items.size() == before);
    }
  }
  BOOST_TEST(s.Get(CommentsPath(k) + "?sort=loudest").status == 422);
  BOOST_TEST(s.Get(CommentsPath(k) + "?cursor=bm9wZQ").status == 400);
  BOOST_TEST(s.Get(CommentsPath(k) + "?limit=500").status == 422);
  BOOST_TEST(s.Get(CommentsPath(424242)).status == 404);
}

BOOST_AUTO_TEST_CASE(reactions_by_many_users_count_once_each_and_can_change) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  std::string author = s.ResidentToken();
  int64_t c = PostComment(s, k, author, "Bygg fler bänkar");
  std::vector<std::string> users;
  for (int i = 0; i < 9; ++i) users.push_back(s.ResidentToken());
  for (int i = 0; i < 9; ++i) {
    auto r = s.Put(CommentPath(c) + "/reaction", {{"kind", i < 6 ? "support" : "oppose"}}, users[i]);
    BOOST_REQUIRE(r.status == 200);
    BOOST_TEST(r.json()["kind"] == (i < 6 ? "support" : "oppose"));
  }
  // The same reaction twice counts once.
  BOOST_TEST(s.Put(CommentPath(c) + "/reaction", {{"kind", "support"}}, users[0]).json()["support"] == 6);
  auto changed = s.Put(CommentPath(c) + "/reaction", {{"kind", "oppose"}}, users[1]).json();
  BOOST_TEST(changed["support"] == 5);
  BOOST_TEST(changed["oppose"] == 4);
  BOOST_TEST(s.Delete(CommentPath(c) + "/reaction", users[2]).status == 204);
  BOOST_TEST(s.Delete(CommentPath(c) + "/reaction", users[2]).status == 204);  // already gone
  auto got = s.Get(CommentPath(c)).json();
  BOOST_TEST(got["support"] == 4);
  BOOST_TEST(got["oppose"] == 4);
  BOOST_TEST(s.Get(CommentsPath(k)).json()["items"][0]["support"] == 4);

  BOOST_TEST(s.Put(CommentPath(c) + "/reaction", {{"kind", "support"}}).status == 401);
  BOOST_TEST(s.Delete(CommentPath(c) + "/reaction").status == 401);
  BOOST_TEST(s.Put(CommentPath(c) + "/reaction", {{"kind", "love"}}, users[0]).status == 422);
  BOOST_TEST(s.Put(CommentPath(777777) + "/reaction", {{"kind", "support"}}, users[0]).status == 404);
  // Closed: reactions are frozen.
  s.SetTime(kClockStart + 25 * kDay);
  BOOST_TEST(s.Put(CommentPath(c) + "/reaction", {{"kind", "support"}}, users[8]).status == 409);
  BOOST_TEST(s.Get(CommentPath(c)).json()["oppose"] == 4);
}

BOOST_AUTO_TEST_CASE(edits_keep_every_version_and_only_the_author_edits_while_open) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string admin = s.UserToken("admin");
  int64_t k = PublishConsultation(s, official);
  std::string author = s.ResidentToken();
  std::string other = s.ResidentToken();
  int64_t c = PostComment(s, k, author, "Första texten");
  BOOST_TEST(s.Get(CommentPath(c)).json()["edited_at"].is_null());
  s.SetTime(kClockStart + kMinute);
  auto e = s.Patch(CommentPath(c), {{"body", "Andra texten"}}, author);
  BOOST_REQUIRE(e.status == 200);
  BOOST_TEST(e.json()["body"] == "Andra texten");
  BOOST_TEST(e.json()["version"] == 2);
  BOOST_TEST(e.json()["edited_at"] == "2027-01-01T00:01:00Z");
  s.Patch(CommentPath(c), {{"body", "Tredje texten"}}, author);

  for (const auto& token : {other, moderator, admin, official}) {
    BOOST_TEST(s.Patch(CommentPath(c), {{"body", "Kapat"}}, token).status == 403);
  }
  BOOST_TEST(s.Patch(CommentPath(c), {{"body", "Anonym"}}).status == 401);
  BOOST_TEST(s.Patch(CommentPath(c), {{"body", ""}}, author).status == 422);
  BOOST_TEST(s.Patch(CommentPath(c), {{"body", std::string(5001, 'x')}}, author).status == 422);

  auto v = s.Get(CommentPath(c) + "/versions").json()["items"];
  BOOST_REQUIRE(v.size() == 3u);
  BOOST_TEST(v[0]["body"] == "Första texten");
  BOOST_TEST(v[0]["created_at"] == "2027-01-01T00:00:00Z");
  BOOST_TEST(v[1]["body"] == "Andra texten");
  BOOST_TEST(v[2]["body"] == "Tredje texten");

  s.SetTime(kClockStart + 25 * kDay);  // closed
  BOOST_TEST(s.Patch(CommentPath(c), {{"body", "För sent"}}, author).status == 409);
  BOOST_TEST(s.Get(CommentPath(c) + "/versions").json()["items"].size() == 3u);
  BOOST_TEST(s.Get(CommentPath(c)).json()["body"] == "Tredje texten");

  // The log holds digests of each version, never the text.
  auto log = s.Get("/api/v1/log?limit=1000").body;
  BOOST_TEST(log.find("comment.edited") != std::string::npos);
  BOOST_TEST(log.find("body_sha256") != std::string::npos);
  BOOST_TEST(log.find("texten") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(posting_needs_a_user_and_an_open_consultation) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string karin = s.ResidentToken();
  int64_t upcoming = PublishConsultation(s, official, "2027-01-10", "2027-02-01");
  int64_t closed = PublishConsultation(s, official, "2026-11-01", "2026-12-01");
  auto draft = s.Post("/api/v1/consultations",
                      {{"title", "Utkast"}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
                       {"opens_at", "2026-12-01"}, {"closes_at", "2027-02-01"}},
                      official).json()["id"].get<int64_t>();
  BOOST_TEST(s.Post(CommentsPath(upcoming), {{"body", "Tidigt"}}, karin).status == 409);
  BOOST_TEST(s.Post(CommentsPath(closed), {{"body", "Sent"}}, karin).status == 409);
  BOOST_TEST(s.Post(CommentsPath(draft), {{"body", "Hemligt"}}, karin).status == 404);
  BOOST_TEST(s.Get(CommentsPath(draft)).status == 404);
  BOOST_TEST(s.Post(CommentsPath(upcoming), {{"body", "Anonym"}}).status == 401);
  s.SetTime(kClockStart + 10 * kDay);  // now open
  BOOST_TEST(s.Post(CommentsPath(upcoming), {{"body", "Nu går det"}}, karin).status == 201);
  auto bad = s.Post(CommentsPath(upcoming), {{"body", "   "}}, karin);
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(s.Request("POST", CommentsPath(upcoming), "{not json", karin).status == 400);
}

BOOST_AUTO_TEST_CASE(length_duplicate_and_rate_limits_refuse_abuse) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string karin = s.ResidentToken();
  int64_t k = PublishConsultation(s, official);
  int64_t other = PublishConsultation(s, official, "2026-12-01", "2027-02-01", "Annan");

  auto long_body = s.Post(CommentsPath(k), {{"body", std::string(5001, 'a')}}, karin);
  BOOST_TEST(long_body.status == 422);
  BOOST_TEST(long_body.body.find("/body") != std::string::npos);
  std::string max_swedish;
  for (int i = 0; i < 5000; ++i) max_swedish += "å";  // characters, not bytes
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", max_swedish}}, karin).status == 201);

  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "Samma text"}}, karin).status == 201);
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "Samma text"}}, karin).status == 409);
  BOOST_TEST(s.Post(CommentsPath(other), {{"body", "Samma text"}}, karin).status == 201);  // elsewhere
  std::string ali = s.ResidentToken();
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "Samma text"}}, ali).status == 201);  // someone else
  s.SetTime(kClockStart + 61);
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "Samma text"}}, karin).status == 201);  // a minute later

  // Ten comments a minute per user; the eleventh waits.
  std::string johan = s.ResidentToken();
  for (int i = 0; i < 10; ++i) PostComment(s, k, johan, "Snabb " + std::to_string(i));
  auto limited = s.Post(CommentsPath(k), {{"body", "En för mycket"}}, johan);
  BOOST_TEST(limited.status == 429);
  int retry = std::stoi(limited.header("retry-after"));
  BOOST_TEST(retry >= 1);
  BOOST_TEST(retry <= 60);
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "Annan användare"}}, ali).status == 201);
  s.SetTime(kClockStart + 61 + 60);
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "En för mycket"}}, johan).status == 201);
}

BOOST_AUTO_TEST_CASE(thread_pages_show_every_change_at_once) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string karin = s.ResidentToken("Karin Berg");
  int64_t k = PublishConsultation(s, official);
  int64_t c = PostComment(s, k, karin, "Första");
  auto first = s.Get(CommentsPath(k));
  BOOST_TEST(first.json()["items"].size() == 1u);
  BOOST_TEST(s.Get(CommentsPath(k), "", {{"If-None-Match", first.header("etag")}}).status == 304);
  PostComment(s, k, karin, "Andra");
  BOOST_TEST(s.Get(CommentsPath(k)).json()["items"].size() == 2u);
  s.Put(CommentPath(c) + "/reaction", {{"kind", "support"}}, official);
  BOOST_TEST(s.Get(CommentsPath(k)).json()["items"][0]["support"] == 1);
  s.Patch("/api/v1/me", {{"public_name", true}}, karin);
  BOOST_TEST(s.Get(CommentsPath(k)).json()["items"][0]["author"]["name"] == "Karin Berg");
  s.Post(CommentPath(c) + "/moderation", {{"action", "hide"}, {"reason", "Test"}}, moderator);
  auto hidden = s.Get(CommentsPath(k));
  BOOST_TEST(hidden.json()["items"][0]["hidden"] == true);
  BOOST_TEST(hidden.body.find("Första") == std::string::npos);
  BOOST_TEST(s.Get(CommentsPath(k), "", {{"If-None-Match", first.header("etag")}}).status == 200);
}
