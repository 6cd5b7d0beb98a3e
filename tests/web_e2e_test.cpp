// The web pages through the real server: security headers, cookie flags,
// CSRF refusals, language selection, escaping, validation errors, and the
// JSON API's rules for cookie-signed requests.
#define BOOST_TEST_MODULE web_e2e
#include <boost/test/unit_test.hpp>
#include <regex>

#include "tests/support/test_server.h"
#include "tests/support/web_forms.h"

using samrad::testing::HttpResult;
using samrad::testing::TestServer;
using samrad::testing::Browser;
using samrad::testing::CookieValue;
using samrad::testing::CsrfOf;
using samrad::testing::FormBody;
using samrad::testing::kForm;
using samrad::testing::SetCookie;
using samrad::testing::SignedIn;
using nlohmann::json;

namespace {
std::vector<std::pair<std::string, std::string>> ConsultationFields(const std::string& csrf,
                                                                    const std::string& title) {
  return {{"csrf", csrf}, {"title", title}, {"summary", "Kort om förslaget"}, {"body", "Text"},
          {"language", "sv"}, {"opens_at", "2026-01-01"}, {"closes_at", "2099-01-01"}, {"publish", "1"}};
}

size_t ConsultationCount(TestServer& s, const std::string& official) {
  return s.Get("/api/v1/consultations?state=draft&limit=200", official).json()["items"].size() +
         s.Get("/api/v1/consultations?state=open&limit=200").json()["items"].size();
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_page_carries_the_security_headers_and_a_strict_csp) {
  TestServer s;
  for (const std::string path : {"/", "/consultations", "/decisions", "/login", "/register", "/search", "/data"}) {
    BOOST_TEST_CONTEXT(path) {
      auto r = s.Get(path);
      BOOST_TEST(r.status == 200);
      BOOST_TEST(r.header("content-type").starts_with("text/html"));
      std::string csp = r.header("content-security-policy");
      BOOST_TEST(csp.find("default-src 'self'") != std::string::npos);
      BOOST_TEST(csp.find("frame-ancestors 'none'") != std::string::npos);
      BOOST_TEST(csp.find("unsafe-inline") == std::string::npos);
      BOOST_TEST(r.header("x-content-type-options") == "nosniff");
      BOOST_TEST(r.header("x-frame-options") == "DENY");
      BOOST_TEST(!r.header("referrer-policy").empty());
      BOOST_TEST(!r.header("permissions-policy").empty());
      BOOST_TEST(r.header("cache-control") == "no-store");
      BOOST_TEST(r.body.find("<script") == std::string::npos);
      BOOST_TEST(r.body.find(" style=") == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_stylesheet_is_cached_for_a_year_under_its_hash_and_revalidates) {
  TestServer s;
  std::smatch m;
  std::string home = s.Get("/").body;
  BOOST_REQUIRE(std::regex_search(home, m, std::regex("href=\"(/static/site\\.css\\?v=[0-9a-f]+)\"")));
  auto css = s.Get(m[1]);
  BOOST_TEST(css.status == 200);
  BOOST_TEST(css.header("content-type").starts_with("text/css"));
  BOOST_TEST(css.header("cache-control").find("max-age=31536000") != std::string::npos);
  BOOST_TEST(s.Get(m[1], "", {{"If-None-Match", css.header("etag")}}).status == 304);
}

BOOST_AUTO_TEST_CASE(swedish_by_default_english_by_query_cookie_or_accept_language) {
  TestServer s;
  BOOST_TEST(s.Get("/").body.find("<html lang=\"sv\">") != std::string::npos);
  auto en = s.Get("/?lang=en");
  BOOST_TEST(en.body.find("<html lang=\"en\">") != std::string::npos);
  BOOST_TEST(en.body.find("Have your say") != std::string::npos);
  BOOST_TEST(SetCookie(en, "samrad_lang").starts_with("samrad_lang=en;"));
  BOOST_TEST(s.Get("/", "", {{"Cookie", "samrad_lang=en"}}).body.find("<html lang=\"en\">") != std::string::npos);
  BOOST_TEST(s.Get("/?lang=sv", "", {{"Cookie", "samrad_lang=en"}}).body.find("<html lang=\"sv\">") !=
             std::string::npos);
  BOOST_TEST(s.Get("/", "", {{"Accept-Language", "en-GB,en;q=0.9"}}).body.find("<html lang=\"en\">") !=
             std::string::npos);
  BOOST_TEST(s.Get("/", "", {{"Accept-Language", "fi, en;q=0.3, sv;q=0.6"}}).body.find("<html lang=\"sv\">") !=
             std::string::npos);
  // The switch link keeps the filters of the page.
  BOOST_TEST(s.Get("/consultations?tag=cykel").body.find("href=\"/consultations?tag=cykel&amp;lang=en\"") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(signing_in_sets_an_httponly_samesite_cookie_secure_behind_tls) {
  TestServer s;
  s.UserToken("official", "Olle");  // official1@test.example
  for (bool tls : {false, true}) {
    BOOST_TEST_CONTEXT("tls " << tls) {
      std::map<std::string, std::string> h;
      if (tls) h["X-Forwarded-Proto"] = "https";
      auto form = s.Get("/login", "", h);
      std::string pre = SetCookie(form, "samrad_presession");
      BOOST_REQUIRE(!pre.empty());
      BOOST_TEST(pre.find("HttpOnly") != std::string::npos);
      h["Cookie"] = "samrad_presession=" + CookieValue(pre);
      h["Content-Type"] = "application/x-www-form-urlencoded";
      auto wrong = s.Request("POST", "/login",
                             FormBody({{"csrf", CsrfOf(form.body)}, {"email", "official1@test.example"},
                                       {"password", "not-the-password"}}), "", h);
      BOOST_TEST(wrong.status == 422);
      BOOST_TEST(wrong.body.find("value=\"official1@test.example\"") != std::string::npos);
      BOOST_TEST(wrong.body.find("error-summary") != std::string::npos);
      auto ok = s.Request("POST", "/login",
                          FormBody({{"csrf", CsrfOf(form.body)}, {"email", "official1@test.example"},
                                    {"password", "secret-password"}, {"next", "/desk"}}), "", h);
      BOOST_TEST(ok.status == 303);
      BOOST_TEST(ok.header("location") == "/desk");
      std::string session = SetCookie(ok, "samrad_session");
      BOOST_TEST(session.find("HttpOnly") != std::string::npos);
      BOOST_TEST(session.find("SameSite=Lax") != std::string::npos);
      BOOST_TEST((session.find("Secure") != std::string::npos) == tls);
      // The cookie holds a session token the API knows too.
      BOOST_TEST(s.Get("/api/v1/me", CookieValue(session)).json()["display_name"] == "Olle");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_redirect_after_signing_in_stays_on_this_site) {
  TestServer s;
  s.UserToken("resident");
  auto form = s.Get("/login");
  std::map<std::string, std::string> h = kForm;
  h["Cookie"] = "samrad_presession=" + CookieValue(SetCookie(form, "samrad_presession"));
  auto r = s.Request("POST", "/login",
                     FormBody({{"csrf", CsrfOf(form.body)}, {"email", "resident1@test.example"},
                               {"password", "secret-password"}, {"next", "//evil.example/"}}), "", h);
  BOOST_TEST(r.status == 303);
  BOOST_TEST(r.header("location") == "/me");
}

BOOST_AUTO_TEST_CASE(form_posts_without_or_with_a_wrong_csrf_token_are_refused_and_change_nothing) {
  TestServer s;
  std::string official = s.UserToken("official");
  Browser b = SignedIn(s, official);
  size_t before = ConsultationCount(s, official);
  std::map<std::string, std::string> h = kForm;
  h["Cookie"] = b.cookie;
  for (const std::string& token : {std::string(), std::string(64, 'a'), b.csrf + "0"}) {
    BOOST_TEST_CONTEXT("token '" << token << "'") {
      auto r = s.Request("POST", "/desk/consultations", FormBody(ConsultationFields(token, "Förbjuden")), "", h);
      BOOST_TEST(r.status == 403);
      BOOST_TEST(r.header("content-type").starts_with("text/html"));
      BOOST_TEST(s.Request("POST", "/logout", FormBody({{"csrf", token}}), "", h).status == 403);
    }
  }
  BOOST_TEST(ConsultationCount(s, official) == before);
  // The token of another session does not do either.
  Browser other = SignedIn(s, s.UserToken("official"));
  BOOST_TEST(s.Request("POST", "/desk/consultations", FormBody(ConsultationFields(other.csrf, "X")), "", h).status ==
             403);
  // Signing in needs the pre-session cookie's token.
  BOOST_TEST(s.Request("POST", "/login", FormBody({{"email", "a@b.se"}, {"password", "x"}}), "", kForm).status == 403);
  // With the right token it works, and signing out ends the session.
  auto made = s.Request("POST", "/desk/consultations", FormBody(ConsultationFields(b.csrf, "Tillåten")), "", h);
  BOOST_TEST(made.status == 303);
  BOOST_TEST(made.header("location").starts_with("/desk/consultations/"));
  BOOST_TEST(ConsultationCount(s, official) == before + 1);
  auto out = s.Request("POST", "/logout", FormBody({{"csrf", b.csrf}}), "", h);
  BOOST_TEST(out.status == 303);
  BOOST_TEST(SetCookie(out, "samrad_session").find("Max-Age=0") != std::string::npos);
  BOOST_TEST(s.Get("/api/v1/me", official).status == 401);
}

BOOST_AUTO_TEST_CASE(the_json_api_takes_a_session_cookie_for_writes_only_with_the_csrf_header) {
  TestServer s;
  std::string official = s.UserToken("official");
  Browser b = SignedIn(s, official);
  json draft = {{"title", "Via kaka"}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
                {"opens_at", "2026-01-01"}, {"closes_at", "2099-01-01"}};
  BOOST_TEST(s.Get("/api/v1/me", "", {{"Cookie", b.cookie}}).status == 200);
  auto none = s.Request("POST", "/api/v1/consultations", draft.dump(), "", {{"Cookie", b.cookie}});
  BOOST_TEST(none.status == 403);
  BOOST_TEST(none.header("content-type") == "application/problem+json");
  BOOST_TEST(s.Request("POST", "/api/v1/consultations", draft.dump(), "",
                       {{"Cookie", b.cookie}, {"X-CSRF-Token", std::string(64, 'f')}}).status == 403);
  BOOST_TEST(s.Request("POST", "/api/v1/consultations", draft.dump(), "",
                       {{"Cookie", b.cookie}, {"X-CSRF-Token", b.csrf}}).status == 201);
  // A bearer token needs no CSRF token, and a stale cookie is ignored.
  BOOST_TEST(s.Post("/api/v1/consultations", draft, official).status == 201);
  BOOST_TEST(s.Get("/api/v1/me", "", {{"Cookie", "samrad_session=stale"}}).status == 401);
}

BOOST_AUTO_TEST_CASE(the_api_still_answers_415_to_bodies_that_are_not_json_and_pages_to_non_forms) {
  TestServer s;
  std::string official = s.UserToken("official");
  BOOST_TEST(s.Request("POST", "/api/v1/consultations", "title=x", official, kForm).status == 415);
  BOOST_TEST(s.Request("POST", "/api/v1/consultations", "{}", official, {{"Content-Type", "text/plain"}}).status ==
             415);
  Browser b = SignedIn(s, official);
  json body = {{"csrf", b.csrf}};
  auto r = s.Request("POST", "/desk/consultations", body.dump(), "", {{"Cookie", b.cookie}});
  BOOST_TEST(r.status == 415);
  BOOST_TEST(r.header("content-type").starts_with("text/html"));
}

BOOST_AUTO_TEST_CASE(user_text_is_escaped_and_markdown_keeps_no_raw_html) {
  TestServer s;
  std::string official = s.UserToken("official");
  json draft = {{"title", "<script>alert(1)</script><img src=x onerror=alert(2)>"},
                {"summary", "\"><svg onload=alert(3)>"},
                {"body", "**fet** <script>alert(4)</script> [x](javascript:alert(5))"},
                {"language", "en"}, {"area", "<b>Sickla</b>"}, {"tags", {"<i>t</i>"}},
                {"opens_at", "2026-01-01"}, {"closes_at", "2099-01-01"}};
  int64_t id = s.Post("/api/v1/consultations", draft, official).json()["id"];
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), official).status ==
                200);
  for (const std::string& path : {"/consultations/" + std::to_string(id), std::string("/consultations"), std::string("/")}) {
    BOOST_TEST_CONTEXT(path) {
      std::string page = s.Get(path).body;
      BOOST_TEST(page.find("<script") == std::string::npos);
      BOOST_TEST(page.find("<img") == std::string::npos);
      BOOST_TEST(page.find("<svg") == std::string::npos);
      BOOST_TEST(page.find("javascript:") == std::string::npos);
      BOOST_TEST(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    }
  }
  std::string page = s.Get("/consultations/" + std::to_string(id)).body;
  BOOST_TEST(page.find("<strong>fet</strong>") != std::string::npos);
  // The consultation is in English on a Swedish page: its text says so.
  BOOST_TEST(page.find("<article class=\"consultation\" lang=\"en\">") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_invalid_desk_form_comes_back_with_its_values_and_errors_tied_to_fields) {
  TestServer s;
  Browser b = SignedIn(s, s.UserToken("official"));
  std::map<std::string, std::string> h = kForm;
  h["Cookie"] = b.cookie;
  auto fields = ConsultationFields(b.csrf, "");
  fields.push_back({"area", "Område <b>Boo</b>"});
  auto r = s.Request("POST", "/desk/consultations", FormBody(fields), "", h);
  BOOST_TEST(r.status == 422);
  BOOST_TEST(r.body.find("class=\"error-summary\"") != std::string::npos);
  BOOST_TEST(r.body.find("href=\"#f-title\"") != std::string::npos);
  BOOST_TEST(r.body.find("id=\"f-title-error\"") != std::string::npos);
  BOOST_TEST(std::regex_search(r.body, std::regex("id=\"f-title\"[^>]*aria-describedby=\"f-title-error\"[^>]*aria-invalid=\"true\"")));
  BOOST_TEST(r.body.find("value=\"Område &lt;b&gt;Boo&lt;/b&gt;\"") != std::string::npos);
  BOOST_TEST(r.body.find(">Kort om förslaget</textarea>") != std::string::npos);
  // A roll call that disagrees with the counts is tied to the count.
  auto d = s.Request("POST", "/desk/decisions",
                     FormBody({{"csrf", b.csrf}, {"title", "Beslut"}, {"body", "Text"}, {"body_name", "KS"},
                               {"reference", "KS 1"}, {"decided_at", "2026-03-01"}, {"outcome", "approved"},
                               {"votes_for", "2"}, {"votes_against", "0"}, {"roll_0_name", "Anna"},
                               {"roll_0_party", "S"}, {"roll_0_vote", "for"}}),
                     "", h);
  BOOST_TEST(d.status == 422);
  BOOST_TEST(d.body.find("id=\"f-votes_for-error\"") != std::string::npos);
  BOOST_TEST(d.body.find("value=\"Anna\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_desk_is_for_officials_and_moderators_and_pages_404_as_html) {
  TestServer s;
  auto anon = s.Get("/desk");
  BOOST_TEST(anon.status == 303);
  // (the HTTP client decodes the Location header's %2F)
  BOOST_TEST(anon.header("location").starts_with("/login?next="));
  BOOST_TEST(anon.header("location").ends_with("desk"));
  BOOST_TEST(s.Get("/desk", "", {{"Cookie", "samrad_session=" + s.ResidentToken()}}).status == 403);
  auto moderator = s.Get("/desk", "", {{"Cookie", "samrad_session=" + s.UserToken("moderator")}});
  BOOST_TEST(moderator.status == 200);
  BOOST_TEST(moderator.body.find("href=\"/desk/decisions/new\"") == std::string::npos);
  auto official = s.Get("/desk", "", {{"Cookie", "samrad_session=" + s.UserToken("official")}});
  BOOST_TEST(official.body.find("href=\"/desk/decisions/new\"") != std::string::npos);
  auto missing = s.Get("/consultations/424242");
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(missing.header("content-type").starts_with("text/html"));
  BOOST_TEST(s.Get("/decisions/abc").status == 404);
}

BOOST_AUTO_TEST_CASE(registering_signs_in_and_a_taken_email_is_an_error_on_its_field) {
  TestServer s;
  auto form = s.Get("/register");
  std::map<std::string, std::string> h = kForm;
  h["Cookie"] = "samrad_presession=" + CookieValue(SetCookie(form, "samrad_presession"));
  auto fields = std::vector<std::pair<std::string, std::string>>{
      {"csrf", CsrfOf(form.body)}, {"display_name", "Rut"}, {"email", "rut@example.se"}, {"password", "långt-lösenord"}};
  auto r = s.Request("POST", "/register", FormBody(fields), "", h);
  BOOST_TEST(r.status == 303);
  std::string session = SetCookie(r, "samrad_session");
  BOOST_REQUIRE(!session.empty());
  auto me = s.Get("/me", "", {{"Cookie", "samrad_session=" + CookieValue(session)}});
  BOOST_TEST(me.body.find("rut@example.se") != std::string::npos);
  // A taken address is not revealed: whoever knows its password is signed
  // in, anyone else is sent to sign in with a neutral notice.
  fields[3].second = "ett annat lösenord";
  auto again = s.Request("POST", "/register", FormBody(fields), "", h);
  BOOST_TEST(again.status == 303);
  BOOST_TEST(again.header("location").find("/login?registered=1") != std::string::npos);
  BOOST_TEST(SetCookie(again, "samrad_session").empty());
  BOOST_TEST(s.Get("/login?registered=1").body.find("role=\"status\"") != std::string::npos);
  fields[3].second = "kort";
  fields[2].second = "ny@example.se";
  auto short_password = s.Request("POST", "/register", FormBody(fields), "", h);
  BOOST_TEST(short_password.status == 422);
  BOOST_TEST(short_password.body.find("id=\"f-password-error\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_draft_saved_from_the_desk_is_published_there_with_its_own_form) {
  TestServer s;
  std::string official = s.UserToken("official");
  Browser b = SignedIn(s, official);
  std::map<std::string, std::string> h = kForm;
  h["Cookie"] = b.cookie;
  auto fields = ConsultationFields(b.csrf, "Utkast om parkering");
  fields.pop_back();  // no "publish": a draft
  auto made = s.Request("POST", "/desk/consultations", FormBody(fields), "", h);
  BOOST_REQUIRE_EQUAL(made.status, 303);
  std::string id = made.header("location").substr(std::string("/desk/consultations/").size());
  id = id.substr(0, id.find('/'));
  BOOST_TEST(s.Get("/consultations/" + id).status == 404);  // drafts are not public
  std::string action = "/desk/consultations/" + id + "/publish";
  BOOST_TEST(s.Get("/desk/consultations?state=draft", "", {{"Cookie", b.cookie}}).body.find("href=\"" + action + "\"") !=
             std::string::npos);
  auto desk = s.Get(action, "", {{"Cookie", b.cookie}});  // publishing asks to confirm
  BOOST_TEST(desk.body.find("action=\"" + action + "\"") != std::string::npos);
  BOOST_TEST(s.Request("POST", action, FormBody({{"csrf", "x"}}), "", h).status == 403);
  BOOST_TEST(s.Request("POST", action, FormBody({{"csrf", b.csrf}}), "", h).status == 303);
  BOOST_TEST(s.Get("/consultations/" + id).status == 200);
  BOOST_TEST(s.Request("POST", action, FormBody({{"csrf", b.csrf}}), "", h).status == 409);  // already published
}

BOOST_AUTO_TEST_CASE(a_browser_gets_a_404_page_and_an_api_client_a_problem) {
  TestServer s;
  auto page = s.Get("/no/such/page", "", {{"Accept", "text/html,application/xhtml+xml"}});
  BOOST_TEST(page.status == 404);
  BOOST_TEST(page.header("content-type").starts_with("text/html"));
  BOOST_TEST(page.header("content-security-policy").find("default-src 'self'") != std::string::npos);
  BOOST_TEST(s.Get("/no/such/page").header("content-type") == "application/problem+json");
  BOOST_TEST(s.Get("/api/v1/nothing", "", {{"Accept", "text/html"}}).header("content-type") ==
             "application/problem+json");
}

BOOST_AUTO_TEST_CASE(officials_amend_a_decision_from_its_page_and_residents_see_no_form) {
  TestServer s;
  std::string official = s.UserToken("official");
  json decision = {{"title", "Beslut"}, {"body", "Text"}, {"body_name", "KS"}, {"reference", "KS 1"},
                   {"decided_at", "2026-03-01"}, {"outcome", "approved"}};
  int64_t id = s.Post("/api/v1/decisions", decision, official).json()["id"];
  std::string path = "/decisions/" + std::to_string(id);
  BOOST_TEST(s.Get(path).body.find("amend-form") == std::string::npos);
  BOOST_TEST(s.Get(path, "", {{"Cookie", "samrad_session=" + s.ResidentToken()}}).body.find("amend-form") ==
             std::string::npos);
  Browser b = SignedIn(s, official);
  std::map<std::string, std::string> h = kForm;
  h["Cookie"] = b.cookie;
  BOOST_TEST(s.Get(path, "", {{"Cookie", b.cookie}}).body.find("id=\"amend-form\"") != std::string::npos);
  auto same = s.Request("POST", path + "/amendments",
                        FormBody({{"csrf", b.csrf}, {"outcome", "approved"}, {"title", "Beslut"}, {"body", "Text"},
                                  {"reason", "Inget"}}), "", h);
  BOOST_TEST(same.status == 422);
  BOOST_TEST(same.body.find("href=\"#amend-form\"") != std::string::npos);
  auto revoked = s.Request("POST", path + "/amendments",
                           FormBody({{"csrf", b.csrf}, {"outcome", "revoked"}, {"title", "Beslut"}, {"body", "Text"},
                                     {"reason", "Upphävt av fullmäktige"}}), "", h);
  BOOST_TEST(revoked.status == 303);
  auto page = s.Get(path, "", {{"Cookie", b.cookie}});
  BOOST_TEST(page.body.find("Upphävt av fullmäktige") != std::string::npos);
  BOOST_TEST(page.body.find("amend-form") == std::string::npos);  // nothing follows a revocation
  BOOST_TEST(s.Get("/api/v1/decisions/" + std::to_string(id)).json()["version"] == 2);
}
