// How comment authors appear: public names, stable per-consultation
// pseudonyms, and "deleted account" after a user erases their account.
#define BOOST_TEST_MODULE comment_authors_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"

using namespace samrad::testing;
using nlohmann::json;

BOOST_AUTO_TEST_CASE(pseudonyms_are_stable_within_a_consultation_and_differ_across) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t a = PublishConsultation(s, official);
  int64_t b = PublishConsultation(s, official, "2026-12-01", "2027-01-20", "Annan");
  std::string karin = s.ResidentToken("Karin Berg");
  std::string ali = s.ResidentToken("Ali Hassan");
  auto first = s.Get(CommentPath(PostComment(s, a, karin, "Ett"))).json()["author"];
  auto second = s.Get(CommentPath(PostComment(s, a, karin, "Två"))).json()["author"];
  auto elsewhere = s.Get(CommentPath(PostComment(s, b, karin, "Tre"))).json()["author"];
  auto someone = s.Get(CommentPath(PostComment(s, a, ali, "Fyra"))).json()["author"];
  BOOST_TEST(first["kind"] == "pseudonym");
  BOOST_TEST(first["name"].get<std::string>().starts_with("Invånare "));
  BOOST_TEST(first["name"] == second["name"]);
  BOOST_TEST(first["name"] != elsewhere["name"]);
  BOOST_TEST(first["name"] != someone["name"]);
  BOOST_TEST(first["official"] == false);
  auto thread = s.Get(CommentsPath(a)).body;
  BOOST_TEST(thread.find("Karin") == std::string::npos);

  // Choosing a public name shows it on every comment, earlier ones too.
  BOOST_TEST(s.Patch("/api/v1/me", {{"public_name", "yes"}}, karin).status == 422);
  BOOST_TEST(s.Patch("/api/v1/me", {{"public_name", true}}).status == 401);
  auto me = s.Patch("/api/v1/me", {{"public_name", true}}, karin);
  BOOST_REQUIRE(me.status == 200);
  BOOST_TEST(me.json()["public_name"] == true);
  auto shown = s.Get(CommentsPath(a)).json()["items"][0]["author"];
  BOOST_TEST(shown["kind"] == "public");
  BOOST_TEST(shown["name"] == "Karin Berg");
  s.Patch("/api/v1/me", {{"public_name", false}}, karin);
  BOOST_TEST(s.Get(CommentsPath(a)).json()["items"][0]["author"]["name"] == first["name"]);
  auto log = s.Get("/api/v1/log?limit=1000").body;
  BOOST_TEST(log.find("account.name_visibility_changed") != std::string::npos);
  BOOST_TEST(log.find("Karin") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(deleting_an_account_keeps_its_comments_as_deleted_account) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  std::string karin = s.ResidentToken("Karin Berg");
  s.Patch("/api/v1/me", {{"public_name", true}}, karin);
  int64_t c = PostComment(s, k, karin, "Mina synpunkter står kvar");
  int64_t reply = PostComment(s, k, official, "Tack, vi tar med det", {{"parent_id", c}});
  BOOST_TEST(s.Delete("/api/v1/me").status == 401);
  BOOST_TEST(s.Delete("/api/v1/me", karin).status == 204);

  // The session ended and the account cannot sign in again.
  BOOST_TEST(s.Get("/api/v1/me", karin).status == 401);
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "Spöke"}}, karin).status == 401);
  auto login = s.Post("/api/v1/sessions", {{"email", "resident1@test.example"}, {"password", "secret-password"}});
  BOOST_TEST(login.status == 401);

  auto one = s.Get(CommentPath(c)).json();
  BOOST_TEST(one["body"] == "Mina synpunkter står kvar");
  BOOST_TEST(one["author"]["kind"] == "deleted");
  BOOST_TEST(one["author"]["name"] == "deleted account");
  BOOST_TEST(one["replies"][0]["id"] == reply);
  BOOST_TEST(s.Get(CommentsPath(k)).body.find("Karin") == std::string::npos);
  // The Swedish comment feed and page name the author in Swedish.
  std::string feed = s.Get("/feeds/consultations/" + std::to_string(k) + "/comments.atom").body;
  BOOST_TEST(feed.find("Synpunkt från raderat konto") != std::string::npos, feed);
  BOOST_TEST(feed.find("<name>Raderat konto</name>") != std::string::npos);
  BOOST_TEST(feed.find("deleted account") == std::string::npos);
  BOOST_TEST(s.Get("/consultations/" + std::to_string(k)).body.find("deleted account") == std::string::npos);
  // The e-mail address is free again.
  BOOST_TEST(s.Post("/api/v1/accounts", {{"email", "resident1@test.example"},
                                         {"password", "another-password"},
                                         {"display_name", "Ny Karin"}}).status == 201);
  bool logged = false;
  json events = s.Get("/api/v1/log?limit=1000").json()["items"];
  for (const auto& e : events) {
    if (e["kind"] == "account.deleted") {
      logged = true;
      BOOST_TEST(e["payload"].size() == 1u);  // only the opaque id
    }
  }
  BOOST_TEST(logged);
}
