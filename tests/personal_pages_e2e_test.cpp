// The consultation page a signed-in reader gets is made once for every
// reader and filled with each one's own parts: those parts are the reader's
// own (form token, own-comment marks and edit forms, pressed reactions,
// unread count, follow form) with readers' requests interleaved, each
// filled page is the page rendered whole for that reader, and what a reader
// or another process writes shows on the reader's next request.
#define BOOST_TEST_MODULE personal_pages_e2e
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

std::string Id(int64_t id) { return std::to_string(id); }

// Every csrf value on a page.
std::set<std::string> Tokens(const std::string& html) {
  std::set<std::string> out;
  std::regex re("name=\"csrf\" value=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1]);
  }
  return out;
}

// One comment's markup from its <li> to the end of its article.
std::string Comment(const std::string& page, int64_t id) {
  size_t at = page.find("id=\"comment-" + Id(id) + "\"");
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "no comment " << id);
  size_t li = page.rfind("<li ", at);
  return page.substr(li, page.find("</article>", at) - li);
}

bool Own(const std::string& comment) { return comment.find("is-own") != std::string::npos; }
// The reader's reaction shows as a pressed button and a note.
bool Pressed(const std::string& comment, const std::string& kind) {
  std::string note = kind == "support" ? "Du håller med." : "Du håller inte med.";
  return comment.find("aria-pressed=\"true\"") != std::string::npos && comment.find(note) != std::string::npos;
}

// The same page rendered whole for the reader: ?lang= makes the server set
// the language cookie, so it never answers from the shared page.
HttpResult Whole(TestServer& s, const Browser& b, const std::string& path) {
  return s.Get(path + (path.find('?') == std::string::npos ? "?" : "&") + "lang=sv", "", {{"Cookie", b.cookie}});
}

// Waits until the notifier has told the reader of something.
int UnreadOf(TestServer& s, const std::string& token) {
  for (int i = 0; i < 100; ++i) {
    json unread = s.Get("/api/v1/me/notifications", token).json()["unread"];
    if (unread.is_number() && unread.get<int>() > 0) return unread.get<int>();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

struct Fixture {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t id = PublishConsultation(s, official, "2026-01-01", "2099-01-01");
  std::string page = "/consultations/" + Id(id);
  std::string anna_token = s.ResidentToken("Anna Andersson");
  std::string bo_token = s.ResidentToken("Bo Berglund");
  Browser anna = SignedIn(s, anna_token);
  Browser bo = SignedIn(s, bo_token);
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(interleaved_readers_each_get_only_their_own_parts, Fixture) {
  int64_t annas = PostComment(s, id, anna_token, "Annas kommentar om parken");
  int64_t bos = PostComment(s, id, bo_token, "Bos kommentar om bänkarna");
  BOOST_REQUIRE(s.Put(CommentPath(bos) + "/reaction", {{"kind", "support"}}, anna_token).status / 100 == 2);
  BOOST_REQUIRE(s.Put(CommentPath(annas) + "/reaction", {{"kind", "oppose"}}, bo_token).status / 100 == 2);
  BOOST_REQUIRE(s.Post("/api/v1/subscriptions", {{"target_kind", "consultation"}, {"target", Id(id)}}, bo_token).status / 100 == 2);
  Browser moderator = SignedIn(s, s.UserToken("moderator"));
  for (int round = 0; round < 3; ++round) {
    auto a = anna.Get(s, page);
    auto b = bo.Get(s, page);
    auto m = moderator.Get(s, page);
    for (const auto* r : {&a, &b, &m}) {
      BOOST_REQUIRE_EQUAL(r->status, 200);
      BOOST_TEST(r->header("cache-control") == "no-store");
    }
    // Every form carries the reader's own token, the one their other pages have.
    BOOST_TEST(Tokens(a.body) == std::set<std::string>{anna.csrf});
    BOOST_TEST(Tokens(b.body) == std::set<std::string>{bo.csrf});
    BOOST_TEST(Tokens(m.body) == std::set<std::string>{moderator.csrf});
    // Own comments are marked, with an edit form holding their text.
    BOOST_TEST(Own(Comment(a.body, annas)));
    BOOST_TEST(!Own(Comment(a.body, bos)));
    BOOST_TEST(Own(Comment(b.body, bos)));
    BOOST_TEST(!Own(Comment(b.body, annas)));
    BOOST_TEST(!Own(Comment(m.body, annas)));
    BOOST_TEST(Comment(a.body, annas).find("/comments/" + Id(annas) + "/edit") != std::string::npos);
    BOOST_TEST(Comment(b.body, annas).find("/comments/" + Id(annas) + "/edit") == std::string::npos);
    // Each reader's pressed reaction, and no one else's.
    BOOST_TEST(Pressed(Comment(a.body, bos), "support"));
    BOOST_TEST(Pressed(Comment(b.body, annas), "oppose"));
    BOOST_TEST(!Pressed(Comment(m.body, annas), "oppose"));
    BOOST_TEST(!Pressed(Comment(m.body, bos), "support"));
    // Bo follows the consultation; Anna is offered the form.
    BOOST_TEST(b.body.find("id=\"follow-form\"") == std::string::npos);
    BOOST_TEST(a.body.find("id=\"follow-form\"") != std::string::npos);
    // Only the moderator has the hide forms.
    BOOST_TEST(m.body.find("/moderation\"") != std::string::npos);
    BOOST_TEST(a.body.find("/moderation\"") == std::string::npos);
    // Each filled page is the page rendered whole for its reader.
    BOOST_TEST(a.body == Whole(s, anna, page).body);
    BOOST_TEST(b.body == Whole(s, bo, page).body);
    BOOST_TEST(m.body == Whole(s, moderator, page).body);
  }
}

BOOST_FIXTURE_TEST_CASE(the_unread_count_is_the_readers_own, Fixture) {
  int64_t annas = PostComment(s, id, anna_token, "Vem svarar på det här?");
  PostComment(s, id, bo_token, "Jag svarar Anna", {{"parent_id", annas}});
  // The notifier tells Anna of the reply in the background.
  int unread = UnreadOf(s, anna_token);
  BOOST_REQUIRE(unread > 0);
  std::string badge = "badge-count\">" + std::to_string(unread) + "<";
  for (int round = 0; round < 2; ++round) {
    auto a = anna.Get(s, page);
    auto b = bo.Get(s, page);
    BOOST_TEST(a.body.find(badge) != std::string::npos);
    BOOST_TEST(b.body.find("badge-count") == std::string::npos);
    BOOST_TEST(a.body == Whole(s, anna, page).body);
  }
}

BOOST_FIXTURE_TEST_CASE(the_token_on_the_shared_page_posts_a_comment_through_the_form, Fixture) {
  PostComment(s, id, bo_token, "Något att svara på");
  anna.Get(s, page);
  auto shown = anna.Get(s, page);  // from the shared page
  Browser from_page{anna.cookie, *Tokens(shown.body).begin()};
  auto posted = from_page.Post(s, page + "/comments", {{"body", "Skrivet i formuläret på sidan"}});
  int64_t mine = CommentIdOf(posted);
  auto after = anna.Get(s, page);
  BOOST_TEST(Own(Comment(after.body, mine)));
  BOOST_TEST(Comment(after.body, mine).find("Skrivet i formuläret på sidan") != std::string::npos);
  BOOST_TEST(!Own(Comment(bo.Get(s, page).body, mine)));
}

BOOST_FIXTURE_TEST_CASE(a_readers_own_writes_show_on_their_next_request, Fixture) {
  int64_t bos = PostComment(s, id, bo_token, "Bos förslag om belysning");
  anna.Get(s, page);
  auto before = anna.Get(s, page);
  BOOST_TEST(!Pressed(Comment(before.body, bos), "support"));
  // A reaction through the page's form.
  auto react = anna.Post(s, "/comments/" + Id(bos) + "/reaction", {{"kind", "support"}});
  BOOST_REQUIRE_EQUAL(react.status, 303);
  BOOST_TEST(Pressed(Comment(anna.Get(s, page).body, bos), "support"));
  BOOST_TEST(!Pressed(Comment(bo.Get(s, page).body, bos), "support"));
  // A flag: the redirect's page confirms it on the comment.
  auto flag = anna.Post(s, "/comments/" + Id(bos) + "/flags", {{"flag_reason", "spam"}});
  BOOST_REQUIRE_EQUAL(flag.status, 303);
  auto confirmed = anna.Get(s, flag.header("location").substr(0, flag.header("location").find('#')));
  BOOST_REQUIRE_EQUAL(confirmed.status, 200);
  BOOST_TEST(Comment(confirmed.body, bos).find("class=\"banner\"") != std::string::npos);
  BOOST_TEST(Comment(anna.Get(s, page).body, bos).find("class=\"banner\"") == std::string::npos);
  // Taking the reaction back.
  anna.Post(s, "/comments/" + Id(bos) + "/reaction", {{"kind", "none"}});
  BOOST_TEST(!Pressed(Comment(anna.Get(s, page).body, bos), "support"));
}

BOOST_FIXTURE_TEST_CASE(writes_by_another_process_show_on_the_next_signed_in_request, Fixture) {
  int64_t annas = PostComment(s, id, anna_token, "Första lydelsen");
  int64_t bos = PostComment(s, id, bo_token, "Bos kommentar");
  std::string db = s.data_dir() + "/data/samrad.db";
  auto sql = [&](const std::string& statement) {
    auto r = RunCommand({"sqlite3", "-cmd", ".timeout 5000", db, statement});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  };
  anna.Get(s, page);
  BOOST_TEST(Comment(anna.Get(s, page).body, annas).find("Första lydelsen") != std::string::npos);
  sql("UPDATE comments SET body = 'Andra lydelsen från sqlite3' WHERE id = " + Id(annas));
  auto a = anna.Get(s, page);
  // In the text and in Anna's own edit form.
  BOOST_TEST(Comment(a.body, annas).find("Första lydelsen") == std::string::npos);
  BOOST_TEST(Comment(a.body, annas).find("Andra lydelsen från sqlite3</textarea>") != std::string::npos);
  sql("INSERT INTO reactions (comment_id, user_id, kind, created_at) SELECT " + Id(bos) +
      ", author_id, 'oppose', '2027-01-01T00:00:00Z' FROM comments WHERE id = " + Id(annas));
  BOOST_TEST(Pressed(Comment(anna.Get(s, page).body, bos), "oppose"));
  BOOST_TEST(!Pressed(Comment(bo.Get(s, page).body, bos), "oppose"));
}

BOOST_FIXTURE_TEST_CASE(a_hidden_comment_leaves_signed_in_pages_at_once, Fixture) {
  std::string secret = "Ring mig på 070-7654321";
  int64_t bad = PostComment(s, id, bo_token, secret);
  Browser moderator = SignedIn(s, s.UserToken("moderator"));
  for (const Browser* b : {&anna, &bo, &moderator}) {
    b->Get(s, page);
    BOOST_TEST(b->Get(s, page).body.find(secret) != std::string::npos);
  }
  auto hide = moderator.Post(s, "/comments/" + Id(bad) + "/moderation",
                             {{"action", "hide"}, {"back", "consultation"}, {"moderation_reason", "Personuppgifter"}});
  BOOST_REQUIRE_EQUAL(hide.status, 303);
  for (const Browser* b : {&anna, &bo, &moderator}) {
    auto r = b->Get(s, page);
    BOOST_TEST(r.body.find(secret) == std::string::npos);
    BOOST_TEST(Comment(r.body, bad).find("is-hidden") != std::string::npos);
  }
}

// The start page and the consultation list, signed in, are made once per
// role and language too: only the header is the reader's (form token,
// unread count), and the rest follows the data at once.
namespace {
const std::vector<std::string> kListPages = {"/", "/consultations", "/consultations?state=open"};
}  // namespace

BOOST_FIXTURE_TEST_CASE(the_start_page_and_the_list_signed_in_carry_only_the_readers_own_header, Fixture) {
  int64_t annas = PostComment(s, id, anna_token, "Vem svarar Anna?");
  PostComment(s, id, bo_token, "Bo svarar", {{"parent_id", annas}});
  int unread = UnreadOf(s, anna_token);
  BOOST_REQUIRE(unread > 0);
  std::string badge = "badge-count\">" + std::to_string(unread) + "<";
  Browser official_browser = SignedIn(s, official);
  for (const auto& path : kListPages) {
    for (int round = 0; round < 3; ++round) {
      auto a = anna.Get(s, path);
      auto b = bo.Get(s, path);
      auto o = official_browser.Get(s, path);
      for (const auto* r : {&a, &b, &o}) {
        BOOST_REQUIRE_EQUAL(r->status, 200);
        BOOST_TEST(r->header("cache-control") == "no-store");
      }
      BOOST_TEST(Tokens(a.body) == std::set<std::string>{anna.csrf});
      BOOST_TEST(Tokens(b.body) == std::set<std::string>{bo.csrf});
      BOOST_TEST(Tokens(o.body) == std::set<std::string>{official_browser.csrf});
      BOOST_TEST(a.body.find(badge) != std::string::npos, path);
      BOOST_TEST(b.body.find("badge-count") == std::string::npos, path);
      // The desk is the official's only.
      BOOST_TEST(o.body.find("href=\"/desk\"") != std::string::npos);
      BOOST_TEST(a.body.find("href=\"/desk\"") == std::string::npos);
      // Each filled page is the page rendered whole for its reader.
      BOOST_TEST(a.body == Whole(s, anna, path).body, path);
      BOOST_TEST(b.body == Whole(s, bo, path).body, path);
      BOOST_TEST(o.body == Whole(s, official_browser, path).body, path);
    }
  }
  // In English too, chosen by the browser.
  auto en = s.Get("/", "", {{"Cookie", anna.cookie}, {"Accept-Language", "en"}});
  BOOST_TEST(en.body.find("<html lang=\"en\">") != std::string::npos);
  BOOST_TEST(Tokens(en.body) == std::set<std::string>{anna.csrf});
  BOOST_TEST(s.Get("/", "", {{"Cookie", bo.cookie}}).body.find("<html lang=\"sv\">") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_start_page_and_the_list_signed_in_follow_every_write_at_once, Fixture) {
  int64_t annas = PostComment(s, id, anna_token, "Svara mig");
  PostComment(s, id, bo_token, "Ett svar", {{"parent_id", annas}});
  BOOST_REQUIRE(UnreadOf(s, anna_token) > 0);
  for (const auto& path : kListPages) {
    anna.Get(s, path);
    BOOST_TEST(anna.Get(s, path).body.find("badge-count") != std::string::npos);
  }
  // The reader's own write: everything marked read, through the page's form.
  auto read = anna.Post(s, "/me/notifications/read", {{"all", "1"}});
  BOOST_REQUIRE_EQUAL(read.status, 303);
  for (const auto& path : kListPages) BOOST_TEST(anna.Get(s, path).body.find("badge-count") == std::string::npos);
  // An official's new consultation shows on the next request.
  int64_t fresh = PublishConsultation(s, official, "2026-01-01", "2099-01-01", "Nya cykelställ vid torget");
  for (const auto& path : kListPages) {
    BOOST_TEST(bo.Get(s, path).body.find("Nya cykelställ vid torget") != std::string::npos, path);
  }
  // So does a write by another process on the same data folder.
  auto r = RunCommand({"sqlite3", "-cmd", ".timeout 5000", s.data_dir() + "/data/samrad.db",
                       "UPDATE consultations SET title = 'Omdöpt av sqlite3' WHERE id = " + Id(fresh)});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  for (const auto& path : kListPages) {
    auto b = bo.Get(s, path);
    BOOST_TEST(b.body.find("Omdöpt av sqlite3") != std::string::npos, path);
    BOOST_TEST(b.body.find("Nya cykelställ vid torget") == std::string::npos, path);
    BOOST_TEST(b.body == Whole(s, bo, path).body, path);
  }
}

BOOST_FIXTURE_TEST_CASE(two_sessions_of_one_reader_each_get_their_own_form_token, Fixture) {
  std::string email = s.Get("/api/v1/me", anna_token).json().value("email", "");
  BOOST_REQUIRE(!email.empty());
  Browser phone = SignedIn(s, s.Login(email, "secret-password"));
  BOOST_REQUIRE(phone.csrf != anna.csrf);
  for (const std::string path : {"/", "/consultations", page.c_str()}) {
    for (int round = 0; round < 2; ++round) {
      BOOST_TEST(Tokens(anna.Get(s, path).body) == std::set<std::string>{anna.csrf}, path);
      BOOST_TEST(Tokens(phone.Get(s, path).body) == std::set<std::string>{phone.csrf}, path);
    }
  }
}
