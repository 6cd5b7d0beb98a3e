// Open data, rendering and privacy under hostile input, through the real
// server: upload limits, datastore_search's size cap, Markdown bounds,
// pseudonyms that account changes must not link, CSV för Excel, control
// characters refused, and comments as plain text in feeds.
#define BOOST_TEST_MODULE opendata_security_e2e
#include <boost/test/unit_test.hpp>
#include <fstream>

#include "tests/support/comment_fixtures.h"
#include "tests/support/python.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
std::string Query(const std::string& name, const std::string& title = "Titel") {
  return "name=" + name + "&title=" + title + "&description=Beskrivning&theme=GOVE";
}

// A CSV with n columns and one row.
std::string Wide(size_t n) {
  std::string header, row;
  for (size_t i = 0; i < n; ++i) {
    header += (i ? ",c" : "c") + std::to_string(i);
    row += i ? ",1" : "1";
  }
  return header + "\r\n" + row + "\r\n";
}

void RequireNothingStored(TestServer& s, const std::string& name) {
  BOOST_TEST(s.Get("/api/v1/datasets/" + name).status == 404);
  for (const auto& d : s.Get("/api/v1/datasets").json()["items"]) BOOST_TEST(d["builtin"] == true);
  BOOST_TEST(s.Get("/api/v1/log").body.find("dataset.published") == std::string::npos);
}

std::string Feed(TestServer& s, int64_t consultation, const std::string& ext) {
  auto r = s.Get("/feeds/consultations/" + std::to_string(consultation) + "/comments." + ext);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.body;
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_upload_of_501_columns_is_refused_naming_the_limit_and_nothing_is_stored) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto r = Upload(s, official, Query("bred"), Wide(501));
  BOOST_TEST(r.status == 422);
  BOOST_TEST(r.header("Content-Type").find("application/problem+json") == 0);
  BOOST_TEST(r.body.find("501 columns; the limit is 500") != std::string::npos, r.body);
  RequireNothingStored(s, "bred");
  BOOST_TEST(Upload(s, official, Query("bred"), Wide(500)).status == 201);
}

BOOST_AUTO_TEST_CASE(an_oversized_cell_or_column_name_is_refused_and_nothing_is_stored) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto cell = Upload(s, official, Query("stor"), "a,b\r\n1," + std::string(32769, 'x') + "\r\n");
  BOOST_TEST(cell.status == 422);
  BOOST_TEST(cell.body.find("the limit is 32768 bytes") != std::string::npos, cell.body);
  auto name = Upload(s, official, Query("stor"), std::string(101, 'n') + "\r\n1\r\n");
  BOOST_TEST(name.status == 422);
  BOOST_TEST(name.body.find("1 to 100 bytes") != std::string::npos, name.body);
  RequireNothingStored(s, "stor");
}

BOOST_AUTO_TEST_CASE(datastore_search_stops_at_its_size_cap_and_links_to_the_rest) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string csv = "id,text\r\n";
  for (int i = 1; i <= 200; ++i) csv += std::to_string(i) + "," + std::string(30000, 'a') + "\r\n";
  BOOST_REQUIRE(Upload(s, official, Query("lang"), csv).status == 201);
  auto r = s.Get("/api/3/action/datastore_search?resource_id=lang&limit=32000");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body.substr(0, 300));
  BOOST_TEST(r.body.size() < (5u << 20));
  auto result = r.json()["result"];
  size_t got = result["records"].size();
  BOOST_TEST(got > 0u);
  BOOST_TEST(got < 200u);
  BOOST_TEST(result["records_truncated"] == true);
  std::string next = result["_links"]["next"];
  BOOST_TEST(next.ends_with("&offset=" + std::to_string(got)), next);
  auto rest = s.Get(next + "&limit=32000").json()["result"];
  BOOST_TEST(rest["records"][0]["id"] == got + 1);
}

BOOST_AUTO_TEST_CASE(markdown_over_64_table_cells_or_with_a_nul_is_refused) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string row = "|", rule = "|";
  for (int i = 0; i < 65; ++i) row += " a |", rule += "---|";
  json d = {{"title", "Tabell"}, {"summary", "S"}, {"body", row + "\n" + rule + "\n" + row + "\n"},
            {"language", "sv"}, {"opens_at", "2027-01-02"}, {"closes_at", "2027-02-01"}};
  auto wide = s.Post("/api/v1/consultations", d, official);
  BOOST_TEST(wide.status == 422);
  BOOST_TEST(wide.body.find("at most 64 cells") != std::string::npos, wide.body);
  d["body"] = std::string("Text\0mer", 8);
  BOOST_TEST(s.Post("/api/v1/consultations", d, official).status == 422);
  d["body"] = "Text";
  d["title"] = "Titel\x01";
  BOOST_TEST(s.Post("/api/v1/consultations", d, official).status == 422);
  BOOST_TEST(s.Get("/api/v1/log").body.find("consultation.created") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_large_allowed_table_page_answers_the_same_on_every_view) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string table = "|", rule = "|";
  for (int i = 0; i < 64; ++i) table += " k" + std::to_string(i) + " |", rule += "---|";
  table += "\n" + rule + "\n";
  // As many rows as one log entry holds (a published consultation is one entry).
  for (int r = 0; r < 180; ++r) table += std::string("|") + std::string(64 * 4, ' ') + "|\n";
  json d = {{"title", "Tabell"}, {"summary", "S"}, {"body", table}, {"language", "sv"},
            {"opens_at", "2026-12-01"}, {"closes_at", "2027-02-01"}};
  // A draft whose texts would not fit the log entry of its publication is refused at once.
  json too_long = d;
  too_long["body"] = table + std::string(20000, 'x');
  auto refused = s.Post("/api/v1/consultations", too_long, official);
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(refused.body.find("\"/body\"") != std::string::npos, refused.body);
  auto c = s.Post("/api/v1/consultations", d, official);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  std::string id = std::to_string(c.json()["id"].get<int64_t>());
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + id + "/publish", json::object(), official).status == 200);
  std::string first;
  for (int i = 0; i < 5; ++i) {
    auto page = s.Get("/consultations/" + id);
    BOOST_REQUIRE(page.status == 200);
    BOOST_TEST(page.body.find("<th>k63</th>") != std::string::npos);
    auto api = s.Get("/api/v1/consultations/" + id).json()["body_html"].get<std::string>();
    if (first.empty()) first = api;
    BOOST_TEST(api == first);
  }
}

BOOST_AUTO_TEST_CASE(an_account_change_does_not_link_pseudonyms_through_modified_since) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string person = s.ResidentToken("Per Person");
  std::string leaving = s.ResidentToken("Lisa Lämnar");
  int64_t k1 = PublishConsultation(s, official, "2026-12-01", "2027-03-01", "Första");
  int64_t k2 = PublishConsultation(s, official, "2026-12-01", "2027-03-01", "Andra");
  int64_t a = PostComment(s, k1, person, "Synpunkt ett");
  PostComment(s, k2, person, "Synpunkt två");
  PostComment(s, k1, leaving, "Jag flyttar");
  PostComment(s, k2, leaving, "Jag flyttar också");

  s.SetTime(kClockStart + kDay);
  BOOST_REQUIRE(s.Patch("/api/v1/me", {{"public_name", true}}, person).status == 200);
  s.SetTime(kClockStart + 2 * kDay);
  BOOST_REQUIRE(s.Patch("/api/v1/me", {{"public_name", false}}, person).status == 200);
  BOOST_REQUIRE(s.Delete("/api/v1/me", leaving).status == 204);
  // The log says when and for which account; the data must not answer "whose".
  BOOST_TEST(s.Get("/api/v1/log").body.find("account.name_visibility_changed") != std::string::npos);
  for (std::string t : {"2027-01-02T00:00:00Z", "2027-01-03T00:00:00Z"}) {
    auto since = s.Get("/opendata/comments.json?modified_since=" + t);
    BOOST_REQUIRE(since.status == 200);
    BOOST_TEST(since.json().empty(), t + ": " + since.body);
    BOOST_TEST(s.Get("/opendata/comments.csv?modified_since=" + t).body.find("Synpunkt") ==
               std::string::npos);
  }
  // A real edit still shows, and only that comment.
  s.SetTime(kClockStart + 3 * kDay);
  BOOST_REQUIRE(s.Patch(CommentPath(a), {{"body", "Synpunkt ett, ändrad"}}, person).status == 200);
  auto edited = s.Get("/opendata/comments.json?modified_since=2027-01-04T00:00:00Z").json();
  BOOST_REQUIRE(edited.size() == 1u);
  BOOST_TEST(edited[0]["id"] == a);
  BOOST_TEST(edited[0]["author_kind"] == "pseudonym");
}

BOOST_AUTO_TEST_CASE(csv_for_excel_has_a_bom_semicolons_and_formula_safe_cells) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string csv =
      "formel,tal,text\r\n"
      "=1+2,-5,\"a;b\"\r\n"
      "@SUM(A1),+46,\"+46 70 123\"\r\n"
      "-cmd,12.5,\"\tsnett\"\r\n";
  BOOST_REQUIRE(Upload(s, official, Query("formler"), csv).status == 201);
  auto excel = s.Get("/opendata/formler.excel.csv");
  BOOST_REQUIRE_MESSAGE(excel.status == 200, excel.body);
  BOOST_TEST(excel.header("Content-Type").find("text/csv") == 0);
  BOOST_TEST(excel.body ==
             "\xEF\xBB\xBF"
             "formel;tal;text\r\n"
             "'=1+2;-5;\"a;b\"\r\n"
             "'@SUM(A1);+46;'+46 70 123\r\n"
             "'-cmd;12.5;'\tsnett\r\n");
  // The standard CSV stays exactly what was uploaded.
  auto plain = s.Get("/opendata/formler.csv");
  BOOST_TEST(plain.body.starts_with("formel,tal,text\r\n=1+2,-5,a;b\r\n@SUM(A1),+46,+46 70 123\r\n"),
             plain.body);
  BOOST_TEST(s.Get("/api/v1/datasets/formler").json()["downloads"]["excel_csv"].get<std::string>()
                 .ends_with("/opendata/formler.excel.csv"));
  BOOST_TEST(s.Get("/opendata/comments.excel.csv").body.starts_with("\xEF\xBB\xBF" "id;"));
}

BOOST_AUTO_TEST_CASE(nul_and_control_characters_are_refused_at_input) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken("Rut");
  int64_t k = PublishConsultation(s, official);
  auto nul = s.Post(CommentsPath(k), {{"body", std::string("hej\0då", 7)}}, resident);
  BOOST_TEST(nul.status == 422);
  BOOST_TEST(nul.header("Content-Type").find("application/problem+json") == 0);
  BOOST_TEST(s.Post(CommentsPath(k), {{"body", "bell\x07"}}, resident).status == 422);
  BOOST_TEST(s.Get(CommentsPath(k)).json()["items"].empty());
  // Line breaks and tabs are text.
  PostComment(s, k, resident, "rad ett\r\nrad två\tmed tabb");
  auto name = s.Post("/api/v1/accounts", {{"email", "nul@test.example"},
                                          {"password", "secret-password"},
                                          {"display_name", std::string("Nul\0Namn", 8)}});
  BOOST_TEST(name.status == 422);
  BOOST_TEST(name.body.find("/display_name") != std::string::npos, name.body);
  json escape = {{"title", "Beslut"}, {"body", "Text\x1b[31m"}, {"body_name", "KS"},
                {"reference", "KS 1"}, {"decided_at", "2027-01-01"}, {"outcome", "approved"},
                {"consultation_ids", {k}}};
  auto decision = s.Post("/api/v1/decisions", escape, official);
  BOOST_TEST(decision.status == 422);
  BOOST_TEST(decision.body.find("control characters") != std::string::npos, decision.body);
  auto up = Upload(s, official, Query("ctl", "Titel%01med%00styrtecken"), "a\r\n1\r\n");
  BOOST_TEST(up.status == 422);
  BOOST_TEST(up.body.find("/title") != std::string::npos, up.body);
  RequireNothingStored(s, "ctl");
}

BOOST_AUTO_TEST_CASE(catalog_rdf_stays_well_formed_after_a_control_character_attempt) {
  TestServer s;
  std::string official = s.UserToken("official");
  BOOST_TEST(Upload(s, official, Query("ctl", "Titel%0Bvertikal"), "a\r\n1\r\n").status == 422);
  BOOST_REQUIRE(Upload(s, official, Query("ren", "Ren%20titel"), "a\r\n1\r\n").status == 201);
  TempDir dir;
  std::string path = dir.path() + "/catalog.rdf";
  std::ofstream(path) << s.Get("/opendata/catalog.rdf").body;
  auto lint = RunCommand({"xmllint", "--noout", path});
  BOOST_TEST(lint.exit_code == 0, lint.output);
}

BOOST_AUTO_TEST_CASE(a_comment_with_markdown_is_plain_text_in_feeds_as_on_the_page) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken("Rut");
  int64_t k = PublishConsultation(s, official);
  PostComment(s, k, resident,
              "Se ![spårpixel](http://evil.example/p.png) och [klicka](http://evil.example/x)\n"
              "**fet** <b>rå</b>\n\nNytt stycke");
  for (std::string ext : {"atom", "rss"}) {
    std::string body = Feed(s, k, ext);
    BOOST_TEST(body.find("![spårpixel](http://evil.example/p.png)") != std::string::npos, body);
    BOOST_TEST(body.find("[klicka](http://evil.example/x)") != std::string::npos);
    BOOST_TEST(body.find("&lt;img") == std::string::npos);
    BOOST_TEST(body.find("&lt;a ") == std::string::npos);
    BOOST_TEST(body.find("&lt;strong") == std::string::npos);
    // The raw tag arrives escaped twice: once as text, once for XML.
    BOOST_TEST(body.find("&amp;lt;b&amp;gt;rå") != std::string::npos, body);
  }
  auto page = s.Get("/consultations/" + std::to_string(k));
  BOOST_TEST(page.body.find("![spårpixel](http://evil.example/p.png)") != std::string::npos);
}
