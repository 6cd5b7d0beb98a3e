// A consultation that a decision lets run to its planned last day, through
// the real server on a clock the test moves: search shows it open and then
// decided (not closed) without a reindex, the desk's answer list keeps its
// waiting comments, and it is edited and extended like any running one,
// through the API and the desk's forms, still linked to its decision.
#define BOOST_TEST_MODULE running_decision_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using samrad::testing::Browser;
using samrad::testing::kClockStart;
using samrad::testing::kDay;
using samrad::testing::PostComment;
using samrad::testing::PublishConsultation;
using samrad::testing::SignedIn;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
bool Has(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

std::string Path(int64_t id) { return "/api/v1/consultations/" + std::to_string(id); }

// Publishes a decision on the consultations that lets `runs` run to its
// closing date; returns the decision's id.
int64_t DecideLettingRun(TestServer& s, const std::string& official, int64_t runs) {
  json d = {{"title", "Beslut om lekplatsen"}, {"body", "Kommunen bygger."}, {"body_name", "Kommunstyrelsen"},
            {"reference", "KS 2027/12"}, {"decided_at", "2027-01-01"}, {"outcome", "approved"},
            {"consultation_ids", {runs}}, {"open_consultations", {{{"id", runs}, {"close", "as_planned"}}}}};
  auto made = s.Post("/api/v1/decisions", d, official);
  BOOST_REQUIRE_MESSAGE(made.status == 201, made.body);
  return made.json()["id"];
}

// Waits until the search index has taken in every log entry so far.
void WaitIndexed(TestServer& s) {
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < end) {
    json h = s.Get("/healthz").json();
    if (h["index"] == "ok" && h["index_seq"] == h["log_head"]) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  BOOST_FAIL("the search index did not catch up");
}

json Search(TestServer& s, const std::string& query) {
  auto r = s.Get("/api/v1/search?type=consultation" + query);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

std::set<std::string> Titles(const json& result) {
  std::set<std::string> out;
  for (const auto& h : result["results"]) out.insert(h["title"].get<std::string>());
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(search_shows_a_consultation_a_decision_let_run_as_decided_after_its_closing_date) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t runs = PublishConsultation(s, official, "2026-12-01", "2027-01-20", "Lekplats vid Ältasjön");
  PublishConsultation(s, official, "2026-12-01", "2027-01-20", "Hundrastgård i Orminge");
  DecideLettingRun(s, official, runs);
  WaitIndexed(s);
  json open = Search(s, "&state=open");
  BOOST_TEST(Titles(open) == (std::set<std::string>{"Lekplats vid Ältasjön", "Hundrastgård i Orminge"}));
  BOOST_TEST(open["facets"]["state"] == (json{{"open", 2}}));
  // Past the closing date, with no entry in the log since: the one the
  // decision let run is decided, the other one closed.
  s.SetTime(kClockStart + 21 * kDay);
  BOOST_TEST(s.Get(Path(runs)).json()["state"] == "decided");
  BOOST_TEST(Titles(Search(s, "&state=decided")) == (std::set<std::string>{"Lekplats vid Ältasjön"}));
  BOOST_TEST(Titles(Search(s, "&state=closed")) == (std::set<std::string>{"Hundrastgård i Orminge"}));
  BOOST_TEST(Search(s, "&state=open")["total"] == 0);
  BOOST_TEST(Search(s, "")["facets"]["state"] == (json{{"closed", 1}, {"decided", 1}}));
  // The search page's filter says the same.
  std::string page = s.Get("/search?type=consultation&state=decided").body;
  BOOST_TEST(Has(page, "Lekplats vid Ältasjön"));
  BOOST_TEST(!Has(page, "Hundrastgård i Orminge"));
}

BOOST_AUTO_TEST_CASE(the_answer_list_keeps_waiting_comments_on_a_consultation_a_decision_lets_run) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t runs = PublishConsultation(s, official, "2026-12-01", "2027-01-20", "Lekplats vid Ältasjön");
  PostComment(s, runs, s.ResidentToken("Rut"), "Blir det gungor?");
  DecideLettingRun(s, official, runs);
  PostComment(s, runs, s.ResidentToken("Bo"), "Hinner jag tycka till om bänkarna?");
  Browser olga = SignedIn(s, official);
  std::string list = olga.Get(s, "/desk/answers").body;
  BOOST_TEST(Has(list, "Blir det gungor?"));
  BOOST_TEST(Has(list, "Hinner jag tycka till om bänkarna?"));
  BOOST_TEST(Has(olga.Get(s, "/desk/answers?desk_status=waiting&desk_consultation=" + std::to_string(runs)).body,
                 "Blir det gungor?"));
  // The overview counts them as waiting.
  BOOST_TEST(std::regex_search(olga.Get(s, "/desk").body,
                               std::regex("href=\"/desk/answers\"><span class=\"desk-count\">2</span>")));
  // Once decided, the consultation's comments leave the list.
  s.SetTime(kClockStart + 21 * kDay);
  std::string after = olga.Get(s, "/desk/answers").body;
  BOOST_TEST(!Has(after, "Blir det gungor?"));
  BOOST_TEST(!Has(after, "Hinner jag tycka till om bänkarna?"));
}

BOOST_AUTO_TEST_CASE(the_api_corrects_and_extends_a_consultation_a_decision_lets_run_and_keeps_the_link) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t runs = PublishConsultation(s, official, "2026-12-01", "2027-01-20", "Lekplats vid Ältasjön");
  int64_t decision = DecideLettingRun(s, official, runs);
  auto patched = s.Patch(Path(runs), {{"title", "Lekplats och grillplats vid Ältasjön"}, {"reason", "Grillplatsen kom med"}},
                         official);
  BOOST_REQUIRE_MESSAGE(patched.status == 200, patched.body);
  BOOST_TEST(patched.json()["state"] == "open");
  auto versions = s.Get(Path(runs) + "/versions").json()["items"];
  BOOST_REQUIRE_EQUAL(versions.size(), 2u);
  BOOST_TEST(versions[1]["reason"] == "Grillplatsen kom med");
  auto extended = s.Post(Path(runs) + "/extension", {{"closes_at", "2027-01-25T23:00:00Z"}, {"reason", "Fler svar behövs"}},
                         official);
  BOOST_REQUIRE_MESSAGE(extended.status == 200, extended.body);
  json k = s.Get(Path(runs)).json();
  BOOST_TEST(k["closes_at"] == "2027-01-25T23:00:00Z");
  // Decided from its new closing date on, still linked to the decision.
  BOOST_TEST(k["decided_at"] == "2027-01-25T23:00:00Z");
  BOOST_TEST(k["decision_ids"] == json::array({decision}));
  // Past the old closing date it still takes comments.
  s.SetTime(kClockStart + 21 * kDay);
  BOOST_TEST(s.Get(Path(runs)).json()["state"] == "open");
  PostComment(s, runs, s.ResidentToken("Rut"), "Bra med grillplats.");
  // Past the new one it is decided: no more corrections or extensions.
  s.SetTime(kClockStart + 26 * kDay);
  k = s.Get(Path(runs)).json();
  BOOST_TEST(k["state"] == "decided");
  BOOST_TEST(k["decision_ids"] == json::array({decision}));
  BOOST_TEST(s.Patch(Path(runs), {{"title", "För sent"}, {"reason", "Nej"}}, official).status == 409);
  BOOST_TEST(s.Post(Path(runs) + "/extension", {{"closes_at", "2027-03-01"}, {"reason", "Nej"}}, official).status == 409);
  BOOST_TEST(s.Get(Path(runs) + "/versions").json()["items"].size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_desk_edits_and_extends_a_consultation_a_decision_lets_run) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t runs = PublishConsultation(s, official, "2026-12-01", "2027-01-20", "Lekplats vid Ältasjön");
  int64_t decision = DecideLettingRun(s, official, runs);
  Browser olga = SignedIn(s, official);
  std::string path = "/desk/consultations/" + std::to_string(runs);
  auto form = olga.Get(s, path + "/edit");
  BOOST_REQUIRE_EQUAL(form.status, 200);
  BOOST_TEST(Has(form.body, "id=\"extension-form\""));
  std::smatch m;
  BOOST_REQUIRE(std::regex_search(form.body, m, std::regex("name=\"sections_0_id\" value=\"([0-9]+)\"")));
  std::vector<std::pair<std::string, std::string>> edited = {
      {"title", "Lekplats vid Ältasjön, rättad"}, {"summary", "Sammanfattning"}, {"body", "Förslaget"},
      {"language", "sv"}, {"opens_at", "2026-12-01"}, {"closes_at", "2027-01-20"},
      {"sections_0_id", m[1]}, {"sections_0_heading", "Lek"}, {"sections_0_body", "Lekplats"},
      {"op", "save"}, {"desk_reason", "Rubriken rättad"}};
  auto saved = olga.Post(s, path, edited);
  BOOST_TEST(saved.header("location") == path + "/edit?done=saved#banner");
  auto extended = olga.Post(s, path + "/extension", {{"desk_closes_at", "2027-01-27"}, {"desk_extension_reason", "Fler svar"}});
  BOOST_TEST(extended.header("location") == path + "/edit?done=extended#banner");
  json k = s.Get(Path(runs)).json();
  BOOST_TEST(k["title"] == "Lekplats vid Ältasjön, rättad");
  BOOST_TEST(k["closes_at"].get<std::string>().starts_with("2027-01-27"));
  BOOST_TEST(k["decided_at"] == k["closes_at"]);
  BOOST_TEST(k["decision_ids"] == json::array({decision}));
  BOOST_TEST(k["state"] == "open");
  // Once decided, the page offers no extension.
  s.SetTime(kClockStart + 28 * kDay);
  BOOST_TEST(!Has(olga.Get(s, path + "/edit").body, "id=\"extension-form\""));
}
