// Consultations through the real server: roles, lifecycle by date, versions,
// lists, ETags, restart.
#define BOOST_TEST_MODULE consultations_e2e
#include <boost/test/unit_test.hpp>
#include <set>

#include "tests/support/test_server.h"

using samrad::testing::TestServer;
using nlohmann::json;

namespace {
constexpr int64_t kDay = 24 * 3600;
constexpr int64_t kStart = 1798761600;  // the fixed clock's start, 2027-01-01

json Draft(const std::string& title = "Nya cykelbanor i Sickla") {
  return {{"title", title},
          {"summary", "Kort sammanfattning"},
          {"body", "Vi vill bygga **cykelbanor**."},
          {"language", "sv"},
          {"area", "Sickla"},
          {"tags", {"trafik", "cykel"}},
          {"opens_at", "2027-01-02T00:00:00Z"},
          {"closes_at", "2027-01-20T00:00:00+01:00"},
          {"sections", {{{"heading", "Sträckning"}, {"body", "Längs vägen."}}}}};
}

int64_t CreatePublished(TestServer& s, const std::string& token, const std::string& title) {
  auto c = s.Post("/api/v1/consultations", Draft(title), token);
  BOOST_REQUIRE(c.status == 201);
  int64_t id = c.json()["id"];
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), token).status == 200);
  return id;
}
}  // namespace

BOOST_AUTO_TEST_CASE(each_role_against_each_consultation_action) {
  TestServer s;
  std::map<std::string, std::string> tokens = {{"anonymous", ""},
                                               {"resident", s.ResidentToken()},
                                               {"moderator", s.UserToken("moderator")},
                                               {"official", s.UserToken("official")},
                                               {"admin", s.UserToken("admin")}};
  std::map<std::string, int> create = {{"anonymous", 401}, {"resident", 403}, {"moderator", 403},
                                       {"official", 201}, {"admin", 201}};
  std::map<std::string, int> change = {{"anonymous", 401}, {"resident", 403}, {"moderator", 403},
                                       {"official", 200}, {"admin", 200}};
  for (const auto& [role, token] : tokens) {
    BOOST_TEST_CONTEXT("role " << role) {
      BOOST_TEST(s.Post("/api/v1/consultations", Draft(), token).status == create[role]);
      auto draft = s.Post("/api/v1/consultations", Draft(), tokens["official"]);
      std::string path = "/api/v1/consultations/" + std::to_string(draft.json()["id"].get<int64_t>());
      // Drafts are visible to officials only.
      int see = (role == "official" || role == "admin") ? 200 : 404;
      BOOST_TEST(s.Get(path, token).status == see);
      BOOST_TEST(s.Patch(path, {{"title", "Ändrad"}}, token).status == change[role]);
      BOOST_TEST(s.Post(path + "/publish", json::object(), token).status == change[role]);
    }
  }
}

BOOST_AUTO_TEST_CASE(state_follows_the_dates_of_an_injected_clock) {
  TestServer s(/*fixed_clock=*/true);
  std::string official = s.UserToken("official");
  auto c = s.Post("/api/v1/consultations", Draft(), official);
  BOOST_REQUIRE(c.status == 201);
  BOOST_TEST(c.json()["state"] == "draft");
  BOOST_TEST(c.json()["closes_at"] == "2027-01-19T23:00:00Z");  // normalised to UTC
  std::string path = "/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>());

  auto p = s.Post(path + "/publish", json::object(), official);
  BOOST_TEST(p.json()["state"] == "upcoming");
  BOOST_TEST(s.Post(path + "/publish", json::object(), official).status == 409);

  s.SetTime(kStart + 2 * kDay);
  BOOST_TEST(s.Get(path).json()["state"] == "open");
  BOOST_TEST(s.Get("/api/v1/consultations?state=open").json()["items"].size() == 1u);
  BOOST_TEST(s.Get("/api/v1/consultations?state=upcoming").json()["items"].size() == 0u);

  s.SetTime(kStart + 30 * kDay);
  BOOST_TEST(s.Get(path).json()["state"] == "closed");
  BOOST_TEST(s.Get("/api/v1/consultations?state=closed").json()["items"].size() == 1u);
  BOOST_TEST(s.Get("/api/v1/consultations?state=sleeping").status == 422);
}

BOOST_AUTO_TEST_CASE(edits_keep_every_earlier_version_and_sections) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto c = s.Post("/api/v1/consultations", Draft("Första titeln"), official);
  std::string path = "/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>());
  int64_t section = c.json()["sections"][0]["id"];

  auto e = s.Patch(path, {{"title", "Andra titeln"},
                          {"sections", {{{"id", section}, {"heading", "Sträckning (ny)"}, {"body", "Ny text"}},
                                        {{"heading", "Belysning"}, {"body", "LED"}}}}},
                   official);
  BOOST_TEST(e.status == 200);
  BOOST_TEST(e.json()["version"] == 2);
  BOOST_TEST(e.json()["sections"].size() == 2u);
  BOOST_TEST(e.json()["sections"][0]["id"] == section);  // kept its id

  BOOST_TEST(s.Patch(path, {{"closes_at", "2020-01-01"}}, official).status == 422);
  BOOST_TEST(s.Patch(path, {{"sections", {{{"id", 999999}, {"heading", "x"}, {"body", "y"}}}}}, official).status == 422);
  BOOST_TEST(s.Get(path, official).json()["version"] == 2);  // refused edits stored nothing

  auto v = s.Get(path + "/versions", official).json()["items"];
  BOOST_REQUIRE(v.size() == 2u);
  BOOST_TEST(v[0]["content"]["title"] == "Första titeln");
  BOOST_TEST(v[1]["content"]["title"] == "Andra titeln");
  BOOST_TEST(v[0]["content"]["sections"][0]["heading"] == "Sträckning");
}

BOOST_AUTO_TEST_CASE(markdown_is_rendered_safely_and_payloads_are_stored_verbatim) {
  TestServer s;
  std::string official = s.UserToken("official");
  json d = Draft("'); DROP TABLE consultations; --");
  d["body"] = "**fet** <script>alert(1)</script> [x](javascript:alert(2))";
  auto c = s.Post("/api/v1/consultations", d, official);
  BOOST_REQUIRE(c.status == 201);
  std::string html = c.json()["body_html"];
  BOOST_TEST(html.find("<script>") == std::string::npos);
  BOOST_TEST(html.find("javascript:") == std::string::npos);
  BOOST_TEST(html.find("<strong>fet</strong>") != std::string::npos);
  BOOST_TEST(c.json()["title"] == "'); DROP TABLE consultations; --");
  BOOST_TEST(c.json()["body"] == d["body"]);
  BOOST_TEST(s.Get("/api/v1/consultations", official).json()["items"].size() == 1u);
}

BOOST_AUTO_TEST_CASE(pages_stay_stable_while_rows_are_inserted) {
  TestServer s;
  std::string official = s.UserToken("official");
  for (int i = 0; i < 7; ++i) CreatePublished(s, official, "K" + std::to_string(i));
  auto first = s.Get("/api/v1/consultations?limit=3").json();
  BOOST_REQUIRE(first["items"].size() == 3u);
  std::set<int64_t> seen;
  for (const auto& k : first["items"]) seen.insert(k["id"].get<int64_t>());
  // New consultations arrive between pages.
  CreatePublished(s, official, "Ny A");
  CreatePublished(s, official, "Ny B");
  std::string cursor = first["next_cursor"];
  int pages = 1;
  while (!cursor.empty()) {
    auto page = s.Get("/api/v1/consultations?limit=3&cursor=" + cursor).json();
    for (const auto& k : page["items"]) {
      BOOST_TEST(seen.insert(k["id"].get<int64_t>()).second);  // never twice
    }
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
    ++pages;
  }
  BOOST_TEST(seen.size() == 7u);  // exactly the original seven, none skipped
  BOOST_TEST(pages == 3);
  BOOST_TEST(s.Get("/api/v1/consultations?cursor=garbage").status == 400);
  BOOST_TEST(s.Get("/api/v1/consultations?limit=201").status == 422);
  BOOST_TEST(s.Get("/api/v1/consultations?limit=0").status == 422);
}

BOOST_AUTO_TEST_CASE(filters_by_area_and_tag) {
  TestServer s;
  std::string official = s.UserToken("official");
  CreatePublished(s, official, "Sickla 1");
  json other = Draft("Boo 1");
  other["area"] = "Boo";
  other["tags"] = {"skola"};
  auto c = s.Post("/api/v1/consultations", other, official);
  s.Post("/api/v1/consultations/" + std::to_string(c.json()["id"].get<int64_t>()) + "/publish", json::object(), official);
  auto boo = s.Get("/api/v1/consultations?area=Boo").json()["items"];
  BOOST_REQUIRE(boo.size() == 1u);
  BOOST_TEST(boo[0]["title"] == "Boo 1");
  BOOST_TEST(s.Get("/api/v1/consultations?tag=cykel").json()["items"].size() == 1u);
  BOOST_TEST(s.Get("/api/v1/consultations?tag=skola&area=Sickla").json()["items"].size() == 0u);
}

BOOST_AUTO_TEST_CASE(reads_carry_an_etag_that_changes_with_the_content) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t id = CreatePublished(s, official, "ETag");
  std::string path = "/api/v1/consultations/" + std::to_string(id);
  auto a = s.Get(path);
  std::string etag = a.header("etag");
  BOOST_TEST(!etag.empty());
  auto again = s.Get(path, "", {{"If-None-Match", etag}});
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.body.empty());
  s.Patch(path, {{"summary", "Ny sammanfattning"}}, official);
  auto changed = s.Get(path, "", {{"If-None-Match", etag}});
  BOOST_TEST(changed.status == 200);
  BOOST_TEST(changed.header("etag") != etag);
}

BOOST_AUTO_TEST_CASE(restart_keeps_all_data) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t id = CreatePublished(s, official, "Består");
  auto before = s.Get("/api/v1/log/verify").json();
  s.Restart();
  auto k = s.Get("/api/v1/consultations/" + std::to_string(id));
  BOOST_TEST(k.status == 200);
  BOOST_TEST(k.json()["title"] == "Består");
  BOOST_TEST(s.Get("/api/v1/me", official).status == 200);  // sessions survive too
  auto after = s.Get("/api/v1/log/verify").json();
  BOOST_TEST(after["head_hash"] == before["head_hash"]);
  s.Restart(/*kill=*/true);
  BOOST_TEST(s.Get("/api/v1/consultations/" + std::to_string(id)).status == 200);
}
