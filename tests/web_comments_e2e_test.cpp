// The comment pages through the real server: a resident comments, replies
// and supports; a moderator hides a comment from the desk; an official
// answers it with a decision; each step checked on the rendered page. Also
// the search, data and my-page content, and feed autodiscovery.
#define BOOST_TEST_MODULE web_comments_e2e
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using samrad::testing::Browser;
using samrad::testing::CommentHtml;
using samrad::testing::CommentIdOf;
using samrad::testing::PostComment;
using samrad::testing::PublishConsultation;
using samrad::testing::SignedIn;
using samrad::testing::TestServer;

namespace {
bool Has(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

std::string Page(TestServer& s, int64_t consultation, const Browser* b = nullptr) {
  std::string path = "/consultations/" + std::to_string(consultation);
  auto r = b ? b->Get(s, path) : s.Get(path);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  return r.body;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_resident_comments_replies_and_supports_and_sees_each_on_the_page) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  // Visitors read the thread and are asked to sign in to comment.
  std::string anonymous = Page(s, k);
  BOOST_TEST(Has(anonymous, "href=\"/login?next="));
  BOOST_TEST(!Has(anonymous, "id=\"comment-form\" novalidate"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  int64_t c = CommentIdOf(rut.Post(s, "/consultations/" + std::to_string(k) + "/comments",
                                   {{"body", "Fler bänkar, tack!\nOch skugga."}}));
  std::string page = Page(s, k, &rut);
  BOOST_TEST(Has(CommentHtml(page, c), "Fler bänkar, tack!<br />Och skugga."));
  BOOST_TEST(Has(CommentHtml(page, c), "(pseudonym)"));  // no public name chosen
  Browser bo = SignedIn(s, s.ResidentToken("Bo"));
  int64_t reply = CommentIdOf(bo.Post(s, "/consultations/" + std::to_string(k) + "/comments",
                                      {{"body", "Håller med om skuggan."}, {"parent_id", std::to_string(c)}}));
  BOOST_TEST(bo.Post(s, "/comments/" + std::to_string(c) + "/reaction", {{"kind", "support"}}).status == 303);
  page = Page(s, k, &bo);
  std::string thread = page.substr(page.find("id=\"comment-" + std::to_string(c) + "\""));
  BOOST_TEST(Has(thread.substr(0, thread.find("id=\"comment-" + std::to_string(reply) + "\"")), "class=\"replies\""));
  BOOST_TEST(Has(CommentHtml(page, reply), "Håller med om skuggan."));
  BOOST_TEST(Has(CommentHtml(page, c), "Håller med: 1 · Håller inte med: 0"));
  // The author may edit while open; others may not see the edit form.
  BOOST_TEST(Has(CommentHtml(Page(s, k, &rut), c), "/comments/" + std::to_string(c) + "/edit"));
  BOOST_TEST(!Has(CommentHtml(page, c), "/comments/" + std::to_string(c) + "/edit"));
  BOOST_TEST(rut.Post(s, "/comments/" + std::to_string(c) + "/edit", {{"body", "Fler bänkar."}}).status == 303);
  BOOST_TEST(Has(CommentHtml(Page(s, k), c), "(ändrad)"));
  // Sorting and the page of a comment's replies.
  BOOST_TEST(s.Get("/consultations/" + std::to_string(k) + "?sort=supported").status == 200);
  auto replies = s.Get("/comments/" + std::to_string(c));
  BOOST_TEST(replies.status == 200);
  BOOST_TEST(Has(replies.body, "Håller med om skuggan."));
}

BOOST_AUTO_TEST_CASE(comment_errors_come_back_tied_to_the_text_field) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  std::string path = "/consultations/" + std::to_string(k) + "/comments";
  auto empty = rut.Post(s, path, {{"body", "   "}});
  BOOST_TEST(empty.status == 422);
  BOOST_TEST(Has(empty.body, "id=\"new-body\" name=\"body\" rows=\"5\" required aria-describedby=\"new-body-hint new-body-error\" aria-invalid=\"true\""));
  BOOST_TEST(Has(empty.body, "Skriv en text."));
  auto long_text = rut.Post(s, path, {{"body", std::string(5001, 'a')}});
  BOOST_TEST(long_text.status == 422);
  BOOST_TEST(Has(long_text.body, "högst 5 000 tecken"));
  BOOST_TEST(rut.Post(s, path, {{"body", "Samma sak"}}).status == 303);
  auto twice = rut.Post(s, path, {{"body", "Samma sak"}});
  BOOST_TEST(twice.status == 409);
  BOOST_TEST(Has(twice.body, "Du skickade samma text nyss."));
  BOOST_TEST(Has(twice.body, ">Samma sak</textarea>"));
}

BOOST_AUTO_TEST_CASE(script_and_html_in_a_comment_render_as_text) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  std::string payload = "<script>alert(1)</script><img src=x onerror=alert(2)> **fet**";
  int64_t c = CommentIdOf(rut.Post(s, "/consultations/" + std::to_string(k) + "/comments", {{"body", payload}}));
  std::string html = CommentHtml(Page(s, k), c);
  BOOST_TEST(Has(html, "&lt;script&gt;alert(1)"));
  BOOST_TEST(!Has(html, "<script"));
  BOOST_TEST(!Has(html, "<img"));
}

BOOST_AUTO_TEST_CASE(a_moderator_hides_a_flagged_comment_from_the_desk_and_the_page_shows_only_the_reason) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  std::string resident = s.ResidentToken("Rut");
  int64_t c = PostComment(s, k, resident, "Ring mig på 070-123 45 67");
  Browser bo = SignedIn(s, s.ResidentToken("Bo"));
  auto flagged = bo.Post(s, "/comments/" + std::to_string(c) + "/flags",
                         {{"flag_reason", "personal_data"}, {"flag_note", "Telefonnummer"}});
  BOOST_TEST(flagged.status == 303);
  BOOST_TEST(Has(bo.Get(s, flagged.header("location")).body, "En moderator tittar på kommentaren."));
  Browser mod = SignedIn(s, s.UserToken("moderator"));
  std::string desk = mod.Get(s, "/desk/moderation").body;
  BOOST_TEST(Has(desk, "id=\"moderate-" + std::to_string(c) + "\""));
  BOOST_TEST(Has(desk, "Innehåller personuppgifter"));
  BOOST_TEST(Has(desk, "Telefonnummer"));
  std::string path = "/comments/" + std::to_string(c) + "/moderation";
  auto no_reason = mod.Post(s, path, {{"action", "hide"}, {"back", "desk"}, {"moderation_reason", ""}});
  BOOST_TEST(no_reason.status == 422);
  BOOST_TEST(Has(no_reason.body, "Ange ett skäl."));
  BOOST_TEST(Has(no_reason.body, "href=\"#m" + std::to_string(c) + "-moderation_reason\""));
  auto hidden = mod.Post(s, path, {{"action", "hide"}, {"back", "desk"}, {"moderation_reason", "Personuppgifter"}});
  BOOST_TEST(hidden.status == 303);
  BOOST_TEST(!Has(mod.Get(s, "/desk/moderation").body, "id=\"moderate-" + std::to_string(c) + "\""));
  std::string html = CommentHtml(Page(s, k), c);
  BOOST_TEST(Has(html, "Dold av en moderator: Personuppgifter"));
  BOOST_TEST(!Has(html, "070-123"));
  // Restored from the consultation page, it shows again.
  BOOST_TEST(mod.Post(s, path, {{"action", "restore"}, {"moderation_reason", "Fel av oss"}}).status == 303);
  BOOST_TEST(Has(CommentHtml(Page(s, k), c), "070-123"));
}

BOOST_AUTO_TEST_CASE(an_official_answers_a_comment_with_a_decision_and_both_pages_say_so) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  int64_t c = CommentIdOf(rut.Post(s, "/consultations/" + std::to_string(k) + "/comments", {{"body", "Bygg en plaskdamm."}}));
  Browser olga = SignedIn(s, official);
  std::string desk = olga.Get(s, "/desk/answers").body;
  BOOST_TEST(Has(desk, "href=\"/desk/decisions/new?answers=" + std::to_string(c) + "\""));
  auto prefilled = olga.Get(s, "/desk/decisions/new?answers=" + std::to_string(c));
  BOOST_TEST(Has(prefilled.body, "name=\"answers_comment_ids\" value=\"" + std::to_string(c) + "\""));
  BOOST_TEST(Has(prefilled.body, "value=\"" + std::to_string(k) + "\" checked"));
  auto bad = olga.Post(s, "/desk/decisions", {{"title", "Plaskdamm"}, {"body", "Beslut"}, {"body_name", "KS"},
                                             {"reference", "KS 2027/1"}, {"decided_at", "2027-01-01"},
                                             {"outcome", "approved"}, {"answers_comment_ids", std::to_string(c)}});
  BOOST_TEST(bad.status == 422);  // a comment on a consultation the decision does not link
  BOOST_TEST(Has(bad.body, "id=\"f-answers_comment_ids-error\""));
  auto made = olga.Post(s, "/desk/decisions", {{"title", "Plaskdamm byggs"}, {"body", "Beslut"}, {"body_name", "KS"},
                                              {"reference", "KS 2027/1"}, {"decided_at", "2027-01-01"},
                                              {"outcome", "approved"}, {"consultation_ids", std::to_string(k)},
                                              {"answers_comment_ids", std::to_string(c)}});
  BOOST_TEST_REQUIRE(made.status == 303);
  std::string made_at = made.header("location");
  std::string decision = "/decisions/" + made_at.substr(made_at.find("decision=") + 9, made_at.find('#') - made_at.find("decision=") - 9);
  std::string html = CommentHtml(Page(s, k), c);
  BOOST_TEST(Has(html, "Besvarad av kommunen"));
  BOOST_TEST(Has(html, "Besvarad i beslutet <a href=\"" + decision + "\">Plaskdamm byggs</a>"));
  std::string me = rut.Get(s, "/me").body;
  BOOST_TEST(Has(me, "Bygg en plaskdamm."));
  BOOST_TEST(Has(me, "href=\"" + decision + "\""));
}

BOOST_AUTO_TEST_CASE(an_official_reply_is_marked_and_answers_the_comment_on_my_page) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  int64_t c = CommentIdOf(rut.Post(s, "/consultations/" + std::to_string(k) + "/comments", {{"body", "När börjar bygget?"}}));
  BOOST_TEST(Has(rut.Get(s, "/me").body, "Inget svar ännu."));
  Browser olga = SignedIn(s, official);
  BOOST_TEST(Has(olga.Get(s, "/desk/answers").body, "När börjar bygget?"));
  int64_t answer = CommentIdOf(olga.Post(s, "/consultations/" + std::to_string(k) + "/comments",
                                         {{"body", "I april."}, {"parent_id", std::to_string(c)}}));
  std::string page = Page(s, k);
  BOOST_TEST(Has(CommentHtml(page, answer), "Svar från kommunen"));
  BOOST_TEST(Has(CommentHtml(page, c), "Besvarad av kommunen"));
  BOOST_TEST(!Has(olga.Get(s, "/desk/answers").body, "När börjar bygget?"));
  std::string me = rut.Get(s, "/me").body;
  BOOST_TEST(Has(me, "I april."));
  BOOST_TEST(!Has(me, "Inget svar ännu."));
}

BOOST_AUTO_TEST_CASE(a_resident_chooses_a_public_name_and_deletes_the_account_after_confirming) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut Resident"));
  int64_t c = CommentIdOf(rut.Post(s, "/consultations/" + std::to_string(k) + "/comments", {{"body", "Hej"}}));
  auto saved = rut.Post(s, "/me/privacy", {{"public_name", "1"}, {"confirm", "1"}});
  BOOST_TEST(saved.status == 303);
  BOOST_TEST(Has(rut.Get(s, saved.header("location")).body, "Ditt val är sparat."));
  BOOST_TEST(Has(CommentHtml(Page(s, k), c), "Rut Resident</span>"));
  auto unconfirmed = rut.Post(s, "/me/delete", {});
  BOOST_TEST(unconfirmed.status == 422);
  BOOST_TEST(Has(unconfirmed.body, "aria-invalid=\"true\" aria-describedby=\"delete-confirm-error\""));
  auto deleted = rut.Post(s, "/me/delete", {{"confirm", "1"}});
  BOOST_TEST(deleted.status == 303);
  BOOST_TEST(deleted.header("location") == "/account-deleted");
  BOOST_TEST(Has(CommentHtml(Page(s, k), c), "Raderat konto"));
  BOOST_TEST(rut.Get(s, "/me").status == 303);  // the session ended
}

BOOST_AUTO_TEST_CASE(search_shows_marked_snippets_facets_and_data_lists_every_dataset) {
  TestServer s(true);
  PublishConsultation(s, s.UserToken("official"), "2026-12-01", "2027-01-20", "Ny lekplats i Sicklaparken");
  std::string html;
  for (int i = 0; i < 50; ++i) {  // a write is searchable within a second
    html = s.Get("/search?q=lekplats").body;
    if (Has(html, "<mark>")) break;
    usleep(100 * 1000);
  }
  BOOST_TEST(Has(html, "<mark>"));
  BOOST_TEST(Has(html, "href=\"/consultations/"));
  BOOST_TEST(Has(html, "href=\"/search?q=lekplats&amp;type=consultation\""));
  BOOST_TEST(Has(html, "href=\"/search?q=lekplats&amp;state=open\""));
  BOOST_TEST(s.Get("/search?q=" + std::string(600, 'a')).status == 400);
  std::string data = s.Get("/data").body;
  for (const std::string d : {"consultations", "events"}) {
    BOOST_TEST_CONTEXT(d) {
      BOOST_TEST(Has(data, "href=\"/opendata/" + d + ".csv\""));
      BOOST_TEST(Has(data, "href=\"/opendata/" + d + "/datapackage.json\""));
    }
  }
  BOOST_TEST(Has(data, "href=\"/opendata/catalog.rdf\""));
  BOOST_TEST(Has(data, "href=\"/api/3/action/package_list\""));
}

BOOST_AUTO_TEST_CASE(the_start_list_and_decision_pages_announce_their_feeds) {
  TestServer s;
  const std::string atom = "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/feeds/";
  BOOST_TEST(Has(s.Get("/").body, atom + "consultations.atom\""));
  BOOST_TEST(Has(s.Get("/").body, atom + "decisions.atom\""));
  BOOST_TEST(Has(s.Get("/consultations").body, atom + "consultations.atom\""));
  BOOST_TEST(Has(s.Get("/decisions").body, atom + "decisions.atom\""));
  BOOST_TEST(s.Get("/feeds/consultations.atom").status == 200);
}
