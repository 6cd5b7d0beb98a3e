// Following from the pages against the real server: the Follow form signed
// out (no token, no cookie: one page for every visitor) and signed in, the
// confirmation link that acts only on POST, the unsubscribe link with
// RFC 8058 one-click POST, and /me/subscriptions.
#define BOOST_TEST_MODULE follow_pages_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"
#include "tests/support/follow_mail.h"
#include "tests/support/test_server.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
HttpResult PostForm(TestServer& s, const std::string& path, const std::vector<std::pair<std::string, std::string>>& f) {
  return s.Request("POST", path, FormBody(f), "", kForm);
}

// Follows k by e-mail from the page's form and confirms by the e-mailed link.
int64_t FollowAndConfirm(TestServer& s, int64_t k, const std::string& address) {
  auto r = PostForm(s, "/follow", {{"kind", "consultation"}, {"target", std::to_string(k)}, {"email", address},
                                   {"frequency", "daily"}, {"mail_lang", "sv"}});
  BOOST_REQUIRE_EQUAL(r.status, 303);
  BOOST_REQUIRE(PostForm(s, "/follow/confirm", {{"t", ConfirmTokenFor(s, address)}}).status == 303);
  return SqlCount(s, "SELECT id FROM subscriptions WHERE email = '" + address + "' AND confirmed_at IS NOT NULL");
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_signed_out_follow_form_is_the_same_for_everyone_and_asks_for_an_address) {
  TestServer s;
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  auto page = s.Get("/consultations/" + std::to_string(k), "", {{"Accept", "text/html"}});
  BOOST_REQUIRE_EQUAL(page.status, 200);
  size_t form = page.body.find("id=\"follow-form\"");
  BOOST_REQUIRE(form != std::string::npos);
  std::string follow = page.body.substr(form, page.body.find("</form>", form) - form);
  BOOST_TEST(follow.find("name=\"email\"") != std::string::npos);
  BOOST_TEST(follow.find("name=\"csrf\"") == std::string::npos);
  BOOST_TEST(SetCookie(page, "samrad_presession").empty());

  auto bad = PostForm(s, "/follow", {{"kind", "consultation"}, {"target", std::to_string(k)}, {"email", "fel"}});
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(bad.body.find("id=\"error-summary\"") != std::string::npos);
  BOOST_TEST(bad.body.find("aria-invalid=\"true\"") != std::string::npos);
  auto sent = PostForm(s, "/follow", {{"kind", "consultation"}, {"target", std::to_string(k)},
                                      {"email", "ella@example.se"}, {"frequency", "weekly"}, {"mail_lang", "en"}});
  BOOST_TEST(sent.status == 303);
  BOOST_TEST(sent.header("location") == "/follow/sent");
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM mail_outbox WHERE recipient = 'ella@example.se' AND lang = 'en'") == 1);
  BOOST_TEST(SqlValue(s, "SELECT frequency FROM subscriptions WHERE email = 'ella@example.se'") == "weekly");
  BOOST_TEST(PostForm(s, "/follow", {{"kind", "consultation"}, {"target", "999"}, {"email", "ella@example.se"}}).status ==
             404);
}

BOOST_AUTO_TEST_CASE(the_confirmation_link_confirms_only_by_post_and_only_once) {
  TestServer s;
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  BOOST_REQUIRE(PostForm(s, "/follow", {{"kind", "consultation"}, {"target", std::to_string(k)},
                                        {"email", "frans@example.se"}}).status == 303);
  std::string token = ConfirmTokenFor(s, "frans@example.se");
  auto shown = s.Get("/follow/confirm?t=" + token, "", {{"Accept", "text/html"}});
  BOOST_TEST(shown.status == 200);
  BOOST_TEST(shown.body.find("value=\"" + token + "\"") != std::string::npos);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions WHERE confirmed_at IS NULL") == 1);
  auto done = PostForm(s, "/follow/confirm", {{"t", token}});
  BOOST_TEST(done.status == 303);
  BOOST_TEST(done.header("location").starts_with("/follow/confirmed?"));
  BOOST_TEST(s.Get(done.header("location")).body.find("Ny park vid Kvarnholmen") != std::string::npos);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions WHERE confirmed_at IS NOT NULL") == 1);
  auto again = PostForm(s, "/follow/confirm", {{"t", token}});
  BOOST_TEST(again.status == 404);
  BOOST_TEST(again.body.find("redan använd") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_click_unsubscribe_without_cookies_deletes_the_row_with_its_address) {
  TestServer s;
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  int64_t id = FollowAndConfirm(s, k, "gun@example.se");
  BOOST_REQUIRE(id > 0);
  std::string token = UnsubscribeToken(s, "sub:" + std::to_string(id));
  // Looking at the link stops nothing.
  auto shown = s.Get("/unsubscribe?t=" + token, "", {{"Accept", "text/html"}});
  BOOST_TEST(shown.status == 200);
  BOOST_TEST(shown.body.find("Ny park vid Kvarnholmen") != std::string::npos);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions") == 1);
  // RFC 8058: the mail client's POST, no cookie, no form token.
  auto r = s.Request("POST", "/unsubscribe?t=" + token, "List-Unsubscribe=One-Click", "", kForm);
  BOOST_TEST(r.status == 200);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions WHERE email = 'gun@example.se'") == 0);
  BOOST_TEST(s.Request("POST", "/unsubscribe?t=" + token, "List-Unsubscribe=One-Click", "", kForm).status == 200);
  BOOST_TEST(s.Request("POST", "/unsubscribe?t=" + token + "x", "List-Unsubscribe=One-Click", "", kForm).status == 400);
  BOOST_TEST(s.Get("/unsubscribe?t=nonsense", "", {{"Accept", "text/html"}}).status == 400);
}

BOOST_AUTO_TEST_CASE(a_signed_in_resident_follows_with_one_click_and_changes_or_stops_it) {
  TestServer s;
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser b = SignedIn(s, s.ResidentToken("Hanna"));
  std::string path = "/consultations/" + std::to_string(k);
  BOOST_TEST(b.Get(s, path).body.find("id=\"follow-email\"") == std::string::npos);
  auto forged = s.Request("POST", "/follow", FormBody({{"kind", "consultation"}, {"target", std::to_string(k)}}), "",
                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", b.cookie}});
  BOOST_TEST(forged.status == 403);
  auto made = b.Post(s, "/follow", {{"kind", "consultation"}, {"target", std::to_string(k)}, {"frequency", "daily"}});
  BOOST_REQUIRE_EQUAL(made.status, 303);
  BOOST_TEST(made.header("location").starts_with("/me/subscriptions?done=followed"));
  std::string location = made.header("location");
  auto mine = b.Get(s, location.substr(0, location.find('#')));  // a browser keeps the fragment to itself
  BOOST_TEST(mine.body.find("id=\"banner\"") != std::string::npos);
  BOOST_TEST(mine.body.find("Ny park vid Kvarnholmen") != std::string::npos);
  BOOST_TEST(b.Get(s, path).body.find("Du följer detta") != std::string::npos);
  int64_t id = SqlCount(s, "SELECT id FROM subscriptions");
  std::string sub = "/me/subscriptions/" + std::to_string(id);
  BOOST_TEST(b.Post(s, sub + "/frequency", {{"frequency", "weekly"}}).status == 303);
  BOOST_TEST(SqlValue(s, "SELECT frequency FROM subscriptions") == "weekly");
  Browser other = SignedIn(s, s.ResidentToken("Ivar"));
  BOOST_TEST(other.Post(s, sub + "/delete", {}).status == 403);
  BOOST_TEST(b.Post(s, sub + "/delete", {}).status == 303);
  BOOST_TEST(SqlCount(s, "SELECT count(*) FROM subscriptions") == 0);
}
