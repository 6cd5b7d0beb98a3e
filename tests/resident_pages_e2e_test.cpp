// The resident's pages through the real server: where each post lands (the
// thread page that holds the comment, anchored to it, with its confirmation),
// errors summarised at the top and tied to their fields, long threads in
// numbered pages, comments on sections, reactions that show their state and
// can be taken back, the versions page, and the account forms.
#define BOOST_TEST_MODULE resident_pages_e2e
#include <boost/test/unit_test.hpp>
#include <regex>
#include <set>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using samrad::testing::Browser;
using samrad::testing::CommentHtml;
using samrad::testing::CommentIdOf;
using samrad::testing::HttpResult;
using samrad::testing::kClockStart;
using samrad::testing::PostComment;
using samrad::testing::PublishConsultation;
using samrad::testing::SignedIn;
using samrad::testing::TestServer;

namespace {
bool Has(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

std::string Path(int64_t consultation) { return "/consultations/" + std::to_string(consultation); }

// Every id="..." that occurs more than once.
std::set<std::string> DuplicateIds(const std::string& html) {
  std::set<std::string> seen, twice;
  std::regex id_attr("\\sid=\"([^\"]+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id_attr); it != std::sregex_iterator(); ++it) {
    if (!seen.insert((*it)[1]).second) twice.insert((*it)[1]);
  }
  return twice;
}

// count top-level comments from a few residents, moving the clock past the
// per-minute limit; returns their ids.
std::vector<int64_t> Fill(TestServer& s, int64_t k, int count) {
  std::vector<std::string> tokens = {s.ResidentToken("Anna"), s.ResidentToken("Bertil")};
  std::vector<int64_t> ids;
  for (int i = 0; i < count; ++i) {
    if (i > 0 && i % 16 == 0) s.SetTime(kClockStart + 61 * (i / 16));
    ids.push_back(PostComment(s, k, tokens[i % 2], "Synpunkt nummer " + std::to_string(i + 1)));
  }
  return ids;
}

int64_t SectionId(TestServer& s, int64_t k, int index) {
  return s.Get("/api/v1/consultations/" + std::to_string(k)).json()["sections"][index]["id"].get<int64_t>();
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_new_comment_lands_on_the_thread_page_that_holds_it_marked_as_yours) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Fill(s, k, 12);
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  auto posted = rut.Post(s, Path(k) + "/comments", {{"body", "Fler bänkar.\n\nOch skugga."}});
  int64_t c = CommentIdOf(posted);
  std::string id = std::to_string(c);
  BOOST_TEST(posted.header("location") == Path(k) + "?page=2&done=posted&comment=" + id + "#comment-" + id);
  auto page = rut.Get(s, posted.header("location").substr(0, posted.header("location").find('#')));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  std::string mine = CommentHtml(page.body, c);
  BOOST_TEST(Has(mine, "Din kommentar är publicerad."));
  BOOST_TEST(Has(mine, "href=\"/comments/" + id + "\">Länk till kommentaren"));
  BOOST_TEST(Has(mine, "class=\"badge badge-own\">Din kommentar<"));
  // The same rule as the feed: paragraphs, escaped text.
  BOOST_TEST(Has(mine, "<p>Fler bänkar.</p>\n<p>Och skugga.</p>"));
  // Where the reader is, and the way to the other pages and the form.
  BOOST_TEST(Has(page.body, "Kommentarer 11–13 av 13"));
  BOOST_TEST(Has(page.body, "href=\"" + Path(k) + "#comments\" rel=\"prev\""));
  BOOST_TEST(Has(page.body, "aria-current=\"page\">2</a>"));
  BOOST_TEST(Has(page.body, "<a href=\"#comment-form\">Skriv en kommentar</a>"));
  // Others see the comment without the banner or the mark.
  std::string theirs = CommentHtml(s.Get(Path(k) + "?page=2").body, c);
  BOOST_TEST(!Has(theirs, "Din kommentar"));
  BOOST_TEST(!Has(theirs, "publicerad"));
  // Page 1 holds the first ten.
  std::string first = s.Get(Path(k)).body;
  BOOST_TEST(Has(first, "Kommentarer 1–10 av 13"));
  BOOST_TEST(Has(first, "href=\"" + Path(k) + "?page=2#comments\" rel=\"next\""));
  BOOST_TEST(!Has(first, "id=\"comment-" + id + "\""));
}

BOOST_AUTO_TEST_CASE(a_reply_lands_under_its_parent_and_a_deep_reply_on_the_parents_page) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  int64_t top = CommentIdOf(rut.Post(s, Path(k) + "/comments", {{"body", "Första"}}));
  int64_t one = CommentIdOf(rut.Post(s, Path(k) + "/comments", {{"body", "Svar 1"}, {"parent_id", std::to_string(top)}}));
  auto reply = rut.Post(s, Path(k) + "/comments", {{"body", "Svar 2"}, {"parent_id", std::to_string(one)}});
  int64_t two = CommentIdOf(reply);
  BOOST_TEST(Has(reply.header("location"), "?page=1&done=replied&comment=" + std::to_string(two)));
  // Three levels below the top comment is more than a thread page shows.
  auto deep = rut.Post(s, Path(k) + "/comments", {{"body", "Svar 3"}, {"parent_id", std::to_string(two)}});
  int64_t three = CommentIdOf(deep);
  BOOST_TEST(deep.header("location") == "/comments/" + std::to_string(two) + "?page=1&done=replied&comment=" +
                                            std::to_string(three) + "#comment-" + std::to_string(three));
  auto parent_page = rut.Get(s, "/comments/" + std::to_string(two) + "?page=1&done=replied&comment=" + std::to_string(three));
  BOOST_TEST(Has(CommentHtml(parent_page.body, three), "Ditt svar är publicerat."));
  // The thread shows "more replies" with the count of those not shown.
  std::string thread = s.Get(Path(k)).body;
  BOOST_TEST(Has(thread, "/comments/" + std::to_string(two) + "#replies\">Fler svar (1)"));
}

BOOST_AUTO_TEST_CASE(more_replies_counts_only_the_replies_not_shown) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  std::string anna = s.ResidentToken("Anna");
  int64_t top = PostComment(s, k, anna, "Huvudkommentar");
  for (int i = 0; i < 5; ++i) PostComment(s, k, anna, "Svar " + std::to_string(i), {{"parent_id", top}});
  std::string page = s.Get(Path(k)).body;
  BOOST_TEST(Has(page, "Fler svar (2)"));
  BOOST_TEST(!Has(page, "Fler svar (5)"));
}

BOOST_AUTO_TEST_CASE(errors_are_summarised_at_the_top_and_tied_to_their_fields) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  std::vector<int64_t> ids = Fill(s, k, 11);
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  auto empty = rut.Post(s, Path(k) + "/comments", {{"body", "  "}});
  BOOST_TEST(empty.status == 422);
  size_t summary = empty.body.find("id=\"error-summary\"");
  BOOST_REQUIRE(summary != std::string::npos);
  BOOST_TEST(summary < empty.body.find("<h1>"));
  BOOST_TEST(Has(empty.body, "<a href=\"#new-body\">Din kommentar: Skriv en text.</a>"));
  BOOST_TEST(Has(empty.body, "id=\"new-body\" name=\"body\" rows=\"5\" required aria-describedby=\"new-body-hint new-body-error\" aria-invalid=\"true\""));
  // A reply refused on a comment of page 2 comes back on page 2, its form open.
  std::string parent = std::to_string(ids[10]);
  auto reply = rut.Post(s, Path(k) + "/comments", {{"body", ""}, {"parent_id", parent}});
  BOOST_TEST(reply.status == 422);
  BOOST_TEST(Has(reply.body, "Kommentarer 11–11 av 11"));
  BOOST_TEST(Has(reply.body, "<a href=\"#c" + parent + "-reply-body\">Ditt svar: Skriv en text.</a>"));
  BOOST_TEST(Has(reply.body, "id=\"c" + parent + "-reply-body\" name=\"body\" rows=\"3\" required aria-describedby=\"c" +
                                 parent + "-reply-body-hint c" + parent + "-reply-body-error\" aria-invalid=\"true\""));
  // A section that is not the consultation's.
  auto bad_section = rut.Post(s, Path(k) + "/comments", {{"body", "Om något"}, {"section_id", "999"}});
  BOOST_TEST(bad_section.status == 422);
  BOOST_TEST(Has(bad_section.body, "href=\"#new-section_id\""));
  BOOST_TEST(Has(bad_section.body, ">Om något</textarea>"));
}

BOOST_AUTO_TEST_CASE(each_section_offers_comments_with_its_count_and_filters_the_thread) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  int64_t lek = SectionId(s, k, 0), trad = SectionId(s, k, 1);
  std::string anna = s.ResidentToken("Anna");
  PostComment(s, k, anna, "Om hela förslaget");
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  std::string page = rut.Get(s, Path(k) + "?section=" + std::to_string(lek)).body;
  // Coming from "comment on this section", the form has the section chosen.
  BOOST_TEST(Has(page, "<option value=\"" + std::to_string(lek) + "\" selected>Lek</option>"));
  int64_t c = CommentIdOf(rut.Post(s, Path(k) + "/comments",
                                   {{"body", "Gungor, tack"}, {"section_id", std::to_string(lek)}}));
  std::string all = s.Get(Path(k)).body;
  BOOST_TEST(Has(all, "href=\"" + Path(k) + "?section=" + std::to_string(lek) + "#comments\">1 kommentar</a>"));
  BOOST_TEST(Has(all, "href=\"" + Path(k) + "?section=" + std::to_string(trad) + "#comments\">0 kommentarer</a>"));
  BOOST_TEST(Has(all, "Kommentera detta avsnitt"));
  BOOST_TEST(Has(CommentHtml(all, c), "Om avsnittet <a href=\"" + Path(k) + "#section-" + std::to_string(lek) + "\">Lek</a>"));
  std::string filtered = s.Get(Path(k) + "?section=" + std::to_string(lek)).body;
  BOOST_TEST(Has(filtered, "Gungor, tack"));
  BOOST_TEST(!Has(filtered, "Om hela förslaget"));
  BOOST_TEST(Has(filtered, "Kommentarer 1–1 av 1"));
  BOOST_TEST(Has(filtered, ">Lek (1)</a>"));
  BOOST_TEST(!Has(s.Get(Path(k) + "?section=" + std::to_string(trad)).body, "Gungor, tack"));
}

BOOST_AUTO_TEST_CASE(reactions_show_their_state_can_be_taken_back_and_are_not_offered_on_ones_own) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  int64_t c = CommentIdOf(rut.Post(s, Path(k) + "/comments", {{"body", "Belysning på gångvägen"}}));
  std::string reaction = "/comments/" + std::to_string(c) + "/reaction";
  BOOST_TEST(!Has(CommentHtml(rut.Get(s, Path(k)).body, c), reaction));
  BOOST_TEST(rut.Post(s, reaction, {{"kind", "support"}}).status == 403);
  Browser bo = SignedIn(s, s.ResidentToken("Bo"));
  std::string before = CommentHtml(bo.Get(s, Path(k)).body, c);
  BOOST_TEST(Has(before, "name=\"kind\" value=\"support\">\n        <button type=\"submit\" class=\"small-button\" aria-pressed=\"false\""));
  auto support = bo.Post(s, reaction, {{"kind", "support"}});
  BOOST_TEST(Has(support.header("location"), "done=support&comment=" + std::to_string(c) + "#comment-" + std::to_string(c)));
  std::string after = CommentHtml(bo.Get(s, Path(k)).body, c);
  BOOST_TEST(Has(after, "Håller med: 1"));
  BOOST_TEST(Has(after, "name=\"kind\" value=\"none\">\n        <button type=\"submit\" class=\"small-button\" aria-pressed=\"true\""));
  BOOST_TEST(Has(after, "Du håller med."));
  auto withdrawn = bo.Post(s, reaction, {{"kind", "none"}});
  BOOST_TEST(Has(withdrawn.header("location"), "done=withdrawn"));
  std::string back = bo.Get(s, withdrawn.header("location").substr(0, withdrawn.header("location").find('#'))).body;
  BOOST_TEST(Has(CommentHtml(back, c), "Håller med: 0"));
  BOOST_TEST(Has(CommentHtml(back, c), "Du har tagit tillbaka ditt ställningstagande."));
  BOOST_TEST(!Has(CommentHtml(back, c), "aria-pressed=\"true\""));
}

BOOST_AUTO_TEST_CASE(an_edited_comment_has_a_page_of_its_versions_and_the_authors_page_has_no_duplicate_ids) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  int64_t c = CommentIdOf(rut.Post(s, Path(k) + "/comments", {{"body", "Första <b>texten</b>"}}));
  std::string page = rut.Get(s, Path(k)).body;
  BOOST_TEST(DuplicateIds(page).empty());
  BOOST_TEST(Has(page, "id=\"c" + std::to_string(c) + "-reply-body\""));
  BOOST_TEST(Has(page, "id=\"c" + std::to_string(c) + "-edit-body\""));
  auto edited = rut.Post(s, "/comments/" + std::to_string(c) + "/edit", {{"body", "Andra texten"}});
  BOOST_TEST(Has(edited.header("location"), "done=edited"));
  std::string after = rut.Get(s, Path(k)).body;
  BOOST_TEST(Has(CommentHtml(after, c), "href=\"/comments/" + std::to_string(c) + "/versions\""));
  auto versions = s.Get("/comments/" + std::to_string(c) + "/versions");
  BOOST_REQUIRE_EQUAL(versions.status, 200);
  BOOST_TEST(Has(versions.header("content-type"), "text/html"));
  BOOST_TEST(Has(versions.body, "Version 2"));
  BOOST_TEST(Has(versions.body, "<p>Andra texten</p>"));
  BOOST_TEST(Has(versions.body, "<p>Första &lt;b&gt;texten&lt;/b&gt;</p>"));
  BOOST_TEST(s.Get("/comments/999999/versions").status == 404);
}

BOOST_AUTO_TEST_CASE(the_consultation_page_links_and_advertises_its_comment_feed) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  std::string page = s.Get(Path(k)).body;
  std::string feed = "/feeds/consultations/" + std::to_string(k) + "/comments";
  BOOST_TEST(Has(page, "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"" + feed + ".atom\""));
  BOOST_TEST(Has(page, "href=\"" + feed + ".rss\""));
  BOOST_TEST(Has(page, "flödesläsare"));
  BOOST_TEST(s.Get(feed + ".atom").status == 200);
}

BOOST_AUTO_TEST_CASE(login_and_registration_name_every_error_and_confirm_success) {
  TestServer s(true);
  auto form = s.Get("/register");
  std::string cookie = samrad::testing::SetCookie(form, "samrad_presession");
  std::map<std::string, std::string> h = samrad::testing::kForm;
  h["Cookie"] = cookie.substr(0, cookie.find(';'));
  std::string csrf = samrad::testing::CsrfOf(form.body);
  auto empty_login = s.Request("POST", "/login", samrad::testing::FormBody({{"csrf", csrf}, {"email", ""}, {"password", ""}}), "", h);
  BOOST_TEST(empty_login.status == 422);
  BOOST_TEST(Has(empty_login.body, "<a href=\"#f-email\">E-postadress: Ange din e-postadress.</a>"));
  BOOST_TEST(Has(empty_login.body, "Ange ditt lösenord."));
  BOOST_TEST(Has(empty_login.body, "id=\"f-password\" name=\"password\" value=\"\" autocomplete=\"current-password\" required aria-describedby=\"f-password-hint f-password-error\" aria-invalid=\"true\""));
  auto bad = s.Request("POST", "/register",
                       samrad::testing::FormBody({{"csrf", csrf}, {"display_name", ""}, {"email", "nej"}, {"password", "kort"}}), "", h);
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(Has(bad.body, "href=\"#f-display_name\""));
  BOOST_TEST(Has(bad.body, "href=\"#f-email\""));
  BOOST_TEST(Has(bad.body, "href=\"#f-password\""));
  auto made = s.Request("POST", "/register",
                        samrad::testing::FormBody({{"csrf", csrf}, {"display_name", "Vera"}, {"email", "vera@test.example"},
                                                   {"password", "ett långt lösenord"}}), "", h);
  BOOST_TEST(made.status == 303);
  BOOST_TEST(made.header("location") == "/me");
  BOOST_TEST(Has(samrad::testing::SetCookie(made, "samrad_done"), "samrad_done=registered; Path=/me;"));
  auto login = s.Request("POST", "/login",
                         samrad::testing::FormBody({{"csrf", csrf}, {"email", "vera@test.example"},
                                                    {"password", "ett långt lösenord"}, {"next", "/consultations"}}), "", h);
  // The address stays as asked; a one-minute cookie for that page carries the confirmation.
  BOOST_TEST(login.header("location") == "/consultations");
  BOOST_TEST(Has(samrad::testing::SetCookie(login, "samrad_done"), "samrad_done=login; Path=/consultations;"));
  std::string session = samrad::testing::SetCookie(made, "samrad_session");
  auto me = s.Get("/me", "", {{"Cookie", session.substr(0, session.find(';')) + "; samrad_done=registered"}});
  BOOST_TEST(Has(me.body, "id=\"banner\""));
  BOOST_TEST(Has(me.body, "Ditt konto är skapat och du är inloggad."));
  BOOST_TEST(Has(samrad::testing::SetCookie(me, "samrad_done"), "Max-Age=0"));  // shown once
  BOOST_TEST(!Has(s.Get("/me", "", {{"Cookie", session.substr(0, session.find(';'))}}).body, "id=\"banner\""));
  // Any other page asked for after signing in confirms it at the top too, once.
  std::string signed_in = session.substr(0, session.find(';'));
  auto decisions = s.Get("/decisions", "", {{"Cookie", signed_in + "; samrad_done=login"}});
  BOOST_TEST(Has(decisions.body, "<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n<div class=\"banner\" id=\"banner\""));
  BOOST_TEST(Has(decisions.body, "Du är inloggad."));
  BOOST_TEST(Has(samrad::testing::SetCookie(decisions, "samrad_done"), "Max-Age=0"));
  BOOST_TEST(!Has(s.Get("/decisions", "", {{"Cookie", signed_in}}).body, "id=\"banner\""));
}

BOOST_AUTO_TEST_CASE(showing_the_real_name_warns_about_earlier_comments_and_asks_first) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  Browser rut = SignedIn(s, s.ResidentToken("Rut Svensson"));
  int64_t c = CommentIdOf(rut.Post(s, Path(k) + "/comments", {{"body", "Tidig kommentar"}}));
  std::string me = rut.Get(s, "/me").body;
  BOOST_TEST(Has(me, "Namnet visas då också vid alla dina tidigare kommentarer."));
  BOOST_TEST(Has(me, "<p>Tidig kommentar</p>"));  // the one rule for comment text here too
  auto ask = rut.Post(s, "/me/privacy", {{"public_name", "1"}});
  BOOST_TEST(ask.status == 200);
  BOOST_TEST(Has(ask.body, "id=\"privacy-confirm\""));
  BOOST_TEST(Has(ask.body, "”Rut Svensson” kommer att visas vid alla dina tidigare kommentarer (1 stycken)"));
  BOOST_TEST(!Has(CommentHtml(s.Get(Path(k)).body, c), "Rut Svensson"));
  auto yes = rut.Post(s, "/me/privacy", {{"public_name", "1"}, {"confirm", "1"}});
  BOOST_TEST(yes.header("location") == "/me?done=privacy_public#banner");
  BOOST_TEST(Has(CommentHtml(s.Get(Path(k)).body, c), "Rut Svensson"));
  // Back to a pseudonym needs no confirmation.
  auto no = rut.Post(s, "/me/privacy", {{"public_name", "0"}});
  BOOST_TEST(no.header("location") == "/me?done=privacy_pseudonym#banner");
}

BOOST_AUTO_TEST_CASE(deleting_the_account_confirms_on_the_next_page_or_names_the_missing_tick) {
  TestServer s(true);
  Browser rut = SignedIn(s, s.ResidentToken("Rut"));
  auto missing = rut.Post(s, "/me/delete", {});
  BOOST_TEST(missing.status == 422);
  BOOST_TEST(Has(missing.body, "href=\"#delete-confirm\""));
  BOOST_TEST(Has(missing.body, "aria-invalid=\"true\""));
  auto gone = rut.Post(s, "/me/delete", {{"confirm", "1"}});
  BOOST_TEST(gone.header("location") == "/account-deleted");
  auto page = s.Get("/account-deleted");
  BOOST_TEST(Has(page.body, "id=\"banner\""));
  BOOST_TEST(Has(page.body, "Kontot är raderat"));
}
