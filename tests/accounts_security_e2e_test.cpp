// Accounts against abuse, through the real server: sign-in limits that slow a
// guesser without locking the owner out, the registration limit, the bound on
// concurrent password hashes, answers that do not reveal who has an account,
// password and name rules, idle sessions, own-comment flags, and what an
// erased account leaves behind.
#define BOOST_TEST_MODULE accounts_security_e2e
#include <boost/test/unit_test.hpp>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "tests/support/comment_fixtures.h"
#include "tests/support/from_address.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
std::string Loopback(int n) { return "127.0.0." + std::to_string(n); }

HttpResult SignInFrom(TestServer& s, int n, const std::string& email, const std::string& password) {
  return RequestFrom(Loopback(n), s.port(), "POST", "/api/v1/sessions",
                     json{{"email", email}, {"password", password}}.dump());
}

HttpResult RegisterFrom(TestServer& s, int n, const std::string& email,
                        const std::string& password = "a fine long password",
                        const std::string& name = "Ny Person") {
  return RequestFrom(Loopback(n), s.port(), "POST", "/api/v1/accounts",
                     json{{"email", email}, {"password", password}, {"display_name", name}}.dump());
}

bool NamesField(const HttpResult& r, const std::string& pointer) {
  json body = r.json();
  for (const auto& e : body["errors"]) {
    if (e.value("field", "") == pointer) return true;
  }
  return false;
}
}  // namespace

BOOST_AUTO_TEST_CASE(owner_signs_in_after_wrong_passwords_from_ten_other_addresses) {
  TestServer s;
  BOOST_REQUIRE(RegisterFrom(s, 1, "agneta@example.se", "agnetas-losenord").status == 201);
  for (int n = 2; n <= 11; ++n) {
    BOOST_TEST(SignInFrom(s, n, "agneta@example.se", "gissning-" + std::to_string(n)).status == 401);
  }
  // One guesser keeps going from one address: slowed down with Retry-After.
  HttpResult last;
  for (int i = 0; i < 8; ++i) last = SignInFrom(s, 2, "agneta@example.se", "gissning igen");
  BOOST_TEST(last.status == 429);
  BOOST_TEST(last.header("content-type") == "application/problem+json");
  BOOST_TEST(std::stoi(last.header("retry-after")) >= 1);
  // The guesser's address is held back even with the right password ...
  BOOST_TEST(SignInFrom(s, 2, "agneta@example.se", "agnetas-losenord").status == 429);
  // ... but the owner, from an address of her own, is not.
  auto owner = SignInFrom(s, 12, "agneta@example.se", "agnetas-losenord");
  BOOST_TEST(owner.status == 201);
  BOOST_TEST(!owner.json()["token"].get<std::string>().empty());
}

BOOST_AUTO_TEST_CASE(many_people_behind_one_address_can_all_sign_in) {
  TestServer s;
  BOOST_REQUIRE(RegisterFrom(s, 20, "kontoret@example.se", "kontorets-losenord").status == 201);
  // Thirty-five sign-ins from one shared address (an office, a school): none
  // of them is refused, because only wrong passwords count against it.
  for (int i = 0; i < 35; ++i) {
    BOOST_TEST_CONTEXT("sign-in " << i) {
      BOOST_TEST(SignInFrom(s, 20, "kontoret@example.se", "kontorets-losenord").status == 201);
    }
  }
}

BOOST_AUTO_TEST_CASE(registration_is_limited_per_address) {
  TestServer s(false, {"--registrations-per-hour", "3"});
  // Invalid attempts do not use up the hour.
  BOOST_TEST(RegisterFrom(s, 30, "inte-en-adress", "kort").status == 422);
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(RegisterFrom(s, 30, "person" + std::to_string(i) + "@example.se").status == 201);
  }
  auto refused = RegisterFrom(s, 30, "person9@example.se");
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(refused.header("content-type") == "application/problem+json");
  BOOST_TEST(std::stoi(refused.header("retry-after")) > 0);
  BOOST_TEST(RegisterFrom(s, 31, "person9@example.se").status == 201);  // another address
}

BOOST_AUTO_TEST_CASE(parallel_registrations_beyond_the_hash_bound_get_503_and_other_writes_go_on) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken();
  int64_t k = PublishConsultation(s, official);

  constexpr int kParallel = 48;
  std::vector<HttpResult> answers(kParallel);
  std::vector<std::thread> threads;
  std::atomic<int> started{0};
  for (int i = 0; i < kParallel; ++i) {
    threads.emplace_back([&, i] {
      ++started;
      answers[i] = s.Post("/api/v1/accounts", {{"email", "massa" + std::to_string(i) + "@example.se"},
                                               {"password", "a fine long password"},
                                               {"display_name", "Massa"}});
    });
  }
  while (started < kParallel) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto t0 = std::chrono::steady_clock::now();
  auto comment = s.Post(CommentsPath(k), {{"body", "En kommentar mitt i rusningen"}}, resident);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (auto& t : threads) t.join();

  BOOST_TEST(comment.status == 201);
  BOOST_TEST(seconds < 4.0);  // generous: it waits for no password hash
  int created = 0, busy = 0;
  for (const auto& a : answers) {
    if (a.status == 201) ++created;
    if (a.status == 503) {
      ++busy;
      BOOST_TEST(a.header("content-type") == "application/problem+json");
      BOOST_TEST(std::stoi(a.header("retry-after")) >= 1);
    }
  }
  BOOST_TEST(created >= 1);
  BOOST_TEST(busy >= 1);
  BOOST_TEST(created + busy == kParallel);
}

BOOST_AUTO_TEST_CASE(registration_answers_alike_whether_or_not_the_email_has_an_account) {
  TestServer s;
  BOOST_REQUIRE(s.Post("/api/v1/accounts", {{"email", "finns@example.se"},
                                            {"password", "det-riktiga-losenordet"},
                                            {"display_name", "Första"}}).status == 201);
  json attempt = {{"password", "ett-annat-losenord"}, {"display_name", "Någon"}};
  attempt["email"] = "finns@example.se";
  auto taken = s.Post("/api/v1/accounts", attempt);
  attempt["email"] = "ledig@example.se";
  auto free = s.Post("/api/v1/accounts", attempt);
  BOOST_TEST(taken.status == 201);
  BOOST_TEST(free.status == 201);
  json a = taken.json(), b = free.json();
  a.erase("email");
  b.erase("email");
  BOOST_TEST(a == b);
  BOOST_TEST(taken.header("content-type") == free.header("content-type"));
  // The existing account is untouched: its own password still works, the
  // newcomer's does not.
  BOOST_TEST(s.Post("/api/v1/sessions", {{"email", "finns@example.se"}, {"password", "ett-annat-losenord"}}).status == 401);
  BOOST_TEST(s.Post("/api/v1/sessions", {{"email", "finns@example.se"}, {"password", "det-riktiga-losenordet"}}).status == 201);
  BOOST_TEST(s.Post("/api/v1/sessions", {{"email", "ledig@example.se"}, {"password", "ett-annat-losenord"}}).status == 201);
}

BOOST_AUTO_TEST_CASE(short_blank_and_common_passwords_are_refused_naming_the_field) {
  TestServer s;
  int n = 0;
  for (const std::string password : {"kort-nio9", "            ", "Password123", "QWERTYUIOP", "Lösenord123"}) {
    BOOST_TEST_CONTEXT(password) {
      auto r = s.Post("/api/v1/accounts", {{"email", "p" + std::to_string(++n) + "@example.se"},
                                           {"password", password},
                                           {"display_name", "P"}});
      BOOST_TEST(r.status == 422);
      BOOST_TEST(r.header("content-type") == "application/problem+json");
      BOOST_TEST(NamesField(r, "/password"));
    }
  }
  // The administrators' command keeps the same rule.
  auto cli = RunSamrad({"admin", "create-user", "--data", s.data_dir() + "/data", "--email",
                        "chef@example.se", "--password", "password1234", "--name", "Chef"});
  BOOST_TEST(cli.exit_code != 0);
}

BOOST_AUTO_TEST_CASE(web_registration_applies_every_rule_and_lists_every_error) {
  TestServer s;
  auto form = s.Get("/register");
  std::map<std::string, std::string> h = kForm;
  h["Cookie"] = "samrad_presession=" + CookieValue(SetCookie(form, "samrad_presession"));
  std::string csrf = CsrfOf(form.body);
  auto r = s.Request("POST", "/register",
                     FormBody({{"csrf", csrf}, {"display_name", std::string(1000, 'N')},
                               {"email", "inte-en-adress"}, {"password", "password123"}}),
                     "", h);
  BOOST_TEST(r.status == 422);
  BOOST_TEST(r.body.find("id=\"f-display_name-error\"") != std::string::npos);
  BOOST_TEST(r.body.find("id=\"f-email-error\"") != std::string::npos);
  BOOST_TEST(r.body.find("id=\"f-password-error\"") != std::string::npos);
  // Text that is not UTF-8 is refused too, and nothing was stored.
  auto bad = s.Request("POST", "/register",
                       FormBody({{"csrf", csrf}, {"display_name", "Tr\xff\xfe"},
                                 {"email", "utf@example.se"}, {"password", "a fine long password"}}),
                       "", h);
  BOOST_TEST((bad.status == 400 || bad.status == 422));
  BOOST_TEST(s.Post("/api/v1/sessions", {{"email", "utf@example.se"}, {"password", "a fine long password"}}).status == 401);
}

BOOST_AUTO_TEST_CASE(a_session_unused_for_longer_than_the_idle_time_ends) {
  TestServer s(true, {"--session-idle-days", "7"});
  std::string token = s.ResidentToken();
  std::string lapsed = s.ResidentToken();
  s.SetTime(kClockStart + 6 * kDay);
  BOOST_TEST(s.Get("/api/v1/me", token).status == 200);  // in use: moved on
  s.SetTime(kClockStart + 12 * kDay);
  BOOST_TEST(s.Get("/api/v1/me", token).status == 200);
  BOOST_TEST(s.Get("/api/v1/me", lapsed).status == 401);  // unused for 12 days
  s.SetTime(kClockStart + 20 * kDay);
  BOOST_TEST(s.Get("/api/v1/me", token).status == 401);  // unused for 8 days

  // The next sign-in clears ended sessions out of the database.
  s.ResidentToken();
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open_v2((s.data_dir() + "/data/samrad.db").c_str(), &db, SQLITE_OPEN_READONLY,
                                nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM sessions", -1, &st, nullptr);
  BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  BOOST_TEST(sqlite3_column_int(st, 0) == 1);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

BOOST_AUTO_TEST_CASE(authors_cannot_flag_their_own_comments) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  std::string author = s.ResidentToken(), other = s.ResidentToken();
  int64_t c = PostComment(s, k, author, "Min egen kommentar");
  auto own = s.Post(CommentPath(c) + "/flags", {{"reason", "spam"}}, author);
  BOOST_TEST(own.status == 409);
  BOOST_TEST(own.header("content-type") == "application/problem+json");
  BOOST_TEST(own.json()["detail"].get<std::string>().find("own comment") != std::string::npos);
  BOOST_TEST(s.Post(CommentPath(c) + "/flags", {{"reason", "spam"}}, other).status == 201);
}

BOOST_AUTO_TEST_CASE(an_erased_account_leaves_no_flag_note_or_reaction_linked_to_it) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  int64_t k = PublishConsultation(s, official);
  std::string author = s.ResidentToken(), flagger = s.ResidentToken();
  int64_t c = PostComment(s, k, author, "Grannen spelar hög musik varje natt");
  const std::string note = "Det är jag, Anna Andersson på Storgatan 5, som avses";
  BOOST_REQUIRE(s.Post(CommentPath(c) + "/flags", {{"reason", "personal_data"}, {"note", note}}, flagger).status == 201);
  BOOST_REQUIRE(s.Put(CommentPath(c) + "/reaction", {{"kind", "oppose"}}, flagger).status == 200);
  BOOST_REQUIRE(s.Get("/api/v1/moderation/queue", moderator).body.find("Anna Andersson") != std::string::npos);

  BOOST_REQUIRE(s.Delete("/api/v1/me", flagger).status == 204);
  auto queue = s.Get("/api/v1/moderation/queue", moderator);
  BOOST_TEST(queue.body.find("Anna Andersson") == std::string::npos);
  auto flags = queue.json()["items"][0]["flags"];
  BOOST_REQUIRE(flags.size() == 1u);
  BOOST_TEST(flags[0]["reason"] == "personal_data");  // the flag itself stays for the moderators
  BOOST_TEST(flags[0]["note"].is_null());
  // The count stays: it says how many opposed, no longer who.
  BOOST_TEST(s.Get(CommentPath(c)).json()["oppose"] == 1);
  BOOST_TEST(s.Get("/api/v1/log?limit=1000").body.find("Anna Andersson") == std::string::npos);
}
