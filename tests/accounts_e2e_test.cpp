// Accounts, sessions and roles through the real server.
#define BOOST_TEST_MODULE accounts_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/test_server.h"

using samrad::testing::TestServer;
using nlohmann::json;

BOOST_AUTO_TEST_CASE(resident_registers_signs_in_sees_self_and_signs_out) {
  TestServer s;
  auto r = s.Post("/api/v1/accounts", {{"email", "Karin@Example.se"},
                                       {"password", "long enough"},
                                       {"display_name", "Karin"}});
  BOOST_TEST(r.status == 201);
  BOOST_TEST(r.json()["role"] == "resident");
  BOOST_TEST(r.json()["email"] == "karin@example.se");
  BOOST_TEST(!r.json().contains("password_hash"));

  auto login = s.Post("/api/v1/sessions", {{"email", "karin@example.se"}, {"password", "long enough"}});
  BOOST_TEST(login.status == 201);
  std::string token = login.json()["token"];
  BOOST_TEST(login.json()["user"]["display_name"] == "Karin");

  auto me = s.Get("/api/v1/me", token);
  BOOST_TEST(me.status == 200);
  BOOST_TEST(me.json()["email"] == "karin@example.se");

  BOOST_TEST(s.Delete("/api/v1/sessions/current", token).status == 204);
  auto after = s.Get("/api/v1/me", token);
  BOOST_TEST(after.status == 401);
  BOOST_TEST(after.header("content-type") == "application/problem+json");
}

BOOST_AUTO_TEST_CASE(duplicate_email_is_answered_like_a_new_one_and_bad_fields_are_listed) {
  TestServer s;
  json a = {{"email", "a@example.se"}, {"password", "long enough"}, {"display_name", "A"}};
  auto first = s.Post("/api/v1/accounts", a);
  BOOST_TEST(first.status == 201);
  a["email"] = "A@EXAMPLE.SE";
  auto again = s.Post("/api/v1/accounts", a);
  BOOST_TEST(again.status == 201);  // no one learns that the address has an account
  BOOST_TEST(again.body == first.body);

  auto bad = s.Post("/api/v1/accounts", {{"email", 7}, {"password", "short"}, {"nickname", "x"}});
  BOOST_TEST(bad.status == 422);
  auto errors = bad.json()["errors"];
  std::string all = errors.dump();
  BOOST_TEST(all.find("/email") != std::string::npos);
  BOOST_TEST(all.find("/password") != std::string::npos);
  BOOST_TEST(all.find("display_name") != std::string::npos);  // missing
  BOOST_TEST(all.find("nickname") != std::string::npos);      // unknown field
}

BOOST_AUTO_TEST_CASE(wrong_password_is_401_and_repeated_attempts_are_429) {
  TestServer s;
  s.Post("/api/v1/accounts", {{"email", "b@example.se"}, {"password", "right password"}, {"display_name", "B"}});
  auto wrong = s.Post("/api/v1/sessions", {{"email", "b@example.se"}, {"password", "wrong password"}});
  BOOST_TEST(wrong.status == 401);
  int last = 0;
  for (int i = 0; i < 12; ++i) {
    last = s.Post("/api/v1/sessions", {{"email", "b@example.se"}, {"password", "wrong password"}}).status;
  }
  BOOST_TEST(last == 429);
  auto limited = s.Post("/api/v1/sessions", {{"email", "b@example.se"}, {"password", "right password"}});
  BOOST_TEST(limited.status == 429);
  BOOST_TEST(!limited.header("retry-after").empty());
  // Another account from the same address is still allowed for a while.
  s.Post("/api/v1/accounts", {{"email", "c@example.se"}, {"password", "right password"}, {"display_name", "C"}});
  BOOST_TEST(s.Post("/api/v1/sessions", {{"email", "c@example.se"}, {"password", "right password"}}).status == 201);
}

BOOST_AUTO_TEST_CASE(only_admins_change_roles) {
  TestServer s;
  std::string admin = s.UserToken("admin");
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken("Ruth");
  int64_t ruth = s.Get("/api/v1/me", resident).json()["id"];
  std::string path = "/api/v1/users/" + std::to_string(ruth) + "/role";

  BOOST_TEST(s.Put(path, {{"role", "moderator"}}).status == 401);
  BOOST_TEST(s.Put(path, {{"role", "moderator"}}, official).status == 403);
  BOOST_TEST(s.Put(path, {{"role", "moderator"}}, resident).status == 403);
  BOOST_TEST(s.Put(path, {{"role", "emperor"}}, admin).status == 422);
  BOOST_TEST(s.Put("/api/v1/users/99999/role", {{"role", "moderator"}}, admin).status == 404);
  auto ok = s.Put(path, {{"role", "moderator"}}, admin);
  BOOST_TEST(ok.status == 200);
  BOOST_TEST(ok.json()["role"] == "moderator");
  BOOST_TEST(s.Get("/api/v1/me", resident).json()["role"] == "moderator");

  // The change is in the public log, with no e-mail in any payload.
  auto log = s.Get("/api/v1/log?limit=1000").json();
  bool found = false;
  for (const auto& e : log["items"]) {
    BOOST_TEST(e.dump().find("@test.example") == std::string::npos);
    if (e["kind"] == "account.role_changed" && e["payload"]["user_id"] == ruth) found = true;
  }
  BOOST_TEST(found);
}

BOOST_AUTO_TEST_CASE(an_unknown_token_is_refused_rather_than_treated_as_anonymous) {
  TestServer s;
  auto r = s.Get("/api/v1/consultations", "not-a-real-token");
  BOOST_TEST(r.status == 401);
}
