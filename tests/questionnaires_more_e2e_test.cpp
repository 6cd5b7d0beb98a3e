// Questionnaires through the real server, continued: publishing logs the
// questions whole, the desk edits a question's text, options and section,
// and visible free-text answers are searchable (live and
// after `samrad reindex`) until hidden or withdrawn.
#define BOOST_TEST_MODULE questionnaires_more_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/questionnaire_fixtures.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

int64_t DraftWithText(TestServer& s, const std::string& official) {
  json d = {{"title", "Strandpromenaden"}, {"summary", "S"},          {"body", "B"},
            {"language", "sv"},            {"opens_at", "2026-12-01"}, {"closes_at", "2027-01-20"}};
  auto c = s.Post("/api/v1/consultations", d, official);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  int64_t k = c.json()["id"];
  BOOST_REQUIRE(s.Post(Path(k, "/questions"),
                       {{"type", "single"}, {"text", "Behövs belysning?"}, {"options", {"Ja", "Nej"}}},
                       official).status == 201);
  BOOST_REQUIRE(s.Post(Path(k, "/questions"), {{"type", "text"}, {"text", "Vad vill du se?"}}, official).status ==
                201);
  return k;
}

int64_t TextQuestion(TestServer& s, int64_t k) { return s.Get(Path(k, "/questions")).json()["questions"][1]["id"]; }

void AnswerText(TestServer& s, int64_t k, const std::string& token, const std::string& text) {
  json body = {{"answers", {{{"question_id", TextQuestion(s, k)}, {"text", text}}}}};
  auto r = s.Put(Path(k, "/answer"), body, token);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
}

json Search(TestServer& s, const std::string& q) {
  auto r = s.Get("/api/v1/search?q=" + q + "&type=answer");
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

// Polls the live index until the query finds `want` answers (or gives up
// after a generous while); returns the last result.
json SearchUntil(TestServer& s, const std::string& q, int64_t want) {
  json r;
  for (int i = 0; i < 500; ++i) {
    r = Search(s, q);
    if (r["total"] == want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(publishing_logs_the_questions_whole) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = DraftWithText(s, official);
  // While a draft, the log holds the questions only as a digest.
  for (const auto& e : LogOfKind(s, "questionnaire.changed")) {
    BOOST_TEST(!e["payload"].contains("questions"));
    BOOST_TEST(e["payload"].contains("questions_sha256"));
  }
  BOOST_REQUIRE(s.Post(Path(k, "/publish"), json::object(), official).status == 200);
  auto published = LogOfKind(s, "consultation.published");
  BOOST_REQUIRE(published.size() == 1u);
  auto questions = published[0]["payload"]["questions"];
  BOOST_REQUIRE(questions.size() == 2u);
  BOOST_TEST(questions[0]["text"] == "Behövs belysning?");
  BOOST_TEST(questions[0]["options"] == json({"Ja", "Nej"}));
  BOOST_TEST(questions[1]["type"] == "text");
  BOOST_TEST(questions[1]["text"] == "Vad vill du se?");
  // The same questions as the API serves.
  auto served = s.Get(Path(k, "/questions")).json()["questions"];
  BOOST_TEST(questions[1]["id"] == served[1]["id"]);
}

BOOST_AUTO_TEST_CASE(a_consultation_without_questions_publishes_as_before) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  auto published = LogOfKind(s, "consultation.published");
  BOOST_REQUIRE(published.size() == 1u);
  BOOST_TEST(published[0]["payload"]["id"] == k);
  BOOST_TEST(!published[0]["payload"].contains("questions"));
}

BOOST_AUTO_TEST_CASE(visible_free_text_answers_are_searchable_until_hidden) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string anna = s.ResidentToken();
  std::string bo = s.ResidentToken();
  int64_t k = DraftWithText(s, official);
  BOOST_REQUIRE(s.Post(Path(k, "/publish"), json::object(), official).status == 200);
  BOOST_REQUIRE(s.Put(Path(k, "/questions"), {{"results_visibility", "during"}}, official).status == 200);
  AnswerText(s, k, anna, "Fler sittplatser vid fyrtornet");
  AnswerText(s, k, bo, "Utegym och fyrtornet upplyst");

  auto found = SearchUntil(s, "fyrtornet", 2);
  BOOST_REQUIRE(found["total"] == 2);
  for (const auto& r : found["results"]) {
    BOOST_TEST(r["url"] == "/consultations/" + std::to_string(k) + "/questionnaire");
    BOOST_TEST(r["type"] == "answer");
  }
  // Respondents are never indexed.
  BOOST_TEST(Search(s, "Invånare")["total"] == 0);

  // Hidden: out of the index.
  int64_t anna_answer = s.Get(Path(k, "/answer"), anna).json()["id"];
  std::string mod = "/api/v1/questionnaire-answers/" + std::to_string(anna_answer) + "/questions/" +
                    std::to_string(TextQuestion(s, k)) + "/moderation";
  BOOST_REQUIRE(s.Post(mod, {{"action", "hide"}, {"reason", "off_topic"}}, moderator).status == 200);
  BOOST_TEST(SearchUntil(s, "sittplatser", 0)["total"] == 0);
  BOOST_TEST(Search(s, "fyrtornet")["total"] == 1);

  // A rebuild reads the same: the hidden text stays out.
  auto r = RunSamrad({"reindex", "--data", s.data_dir() + "/data"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.output);
  BOOST_TEST(SearchUntil(s, "fyrtornet", 1)["total"] == 1);
  BOOST_TEST(Search(s, "sittplatser")["total"] == 0);

  // Restored: back; withdrawn: gone.
  BOOST_REQUIRE(s.Post(mod, {{"action", "restore"}, {"reason", "granskad"}}, moderator).status == 200);
  BOOST_TEST(SearchUntil(s, "sittplatser", 1)["total"] == 1);
  BOOST_REQUIRE(s.Delete(Path(k, "/answer"), bo).status == 204);
  BOOST_TEST(SearchUntil(s, "utegym", 0)["total"] == 0);
}

BOOST_AUTO_TEST_CASE(answers_are_not_searchable_before_the_results_are_public) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string anna = s.ResidentToken();
  int64_t k = DraftWithText(s, official);
  BOOST_REQUIRE(s.Post(Path(k, "/publish"), json::object(), official).status == 200);
  AnswerText(s, k, anna, "Hemlig hundrastgård");
  // results_visibility after_close: not public while open, so not indexed;
  // switching to "during" makes it findable.
  BOOST_TEST(Search(s, "hundrastg%C3%A5rd")["total"] == 0);
  BOOST_REQUIRE(s.Put(Path(k, "/questions"), {{"results_visibility", "during"}}, official).status == 200);
  BOOST_TEST(SearchUntil(s, "hundrastg%C3%A5rd", 1)["total"] == 1);
}

BOOST_AUTO_TEST_CASE(the_desk_edits_a_questions_text_options_and_section) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official, "2027-01-05", "2027-01-20");  // upcoming: changes need a reason
  auto sections = s.Get("/api/v1/consultations/" + std::to_string(k)).json()["sections"];
  int64_t trees = sections[1]["id"];
  int64_t q = s.Post(Path(k, "/questions"),
                     {{"type", "single"}, {"text", "Fler trad?"}, {"options", {"Ja", "Nj"}}, {"reason", "ny"}}, official)
                  .json()["id"];
  Browser b = SignedIn(s, official);
  std::string desk = "/desk/consultations/" + std::to_string(k) + "/questions";
  std::string action = desk + "/" + std::to_string(q);
  BOOST_TEST(b.Get(s, desk).body.find("id=\"e" + std::to_string(q) + "-questionnaire_text\"") != std::string::npos);
  std::vector<std::pair<std::string, std::string>> edit = {{"op", "edit"},
                                                           {"questionnaire_text", "Fler träd?"},
                                                           {"questionnaire_options", "Ja\nNej\n"},
                                                           {"questionnaire_section_id", std::to_string(trees)}};
  // After publication a reason is needed: refused on the edit form, nothing changed.
  auto refused = b.Post(s, action, edit);
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(refused.body.find("href=\"#e" + std::to_string(q) + "-questionnaire_reason\"") != std::string::npos);
  BOOST_TEST(s.Get(Path(k, "/questions")).json()["questions"][0]["text"] == "Fler trad?");
  edit.emplace_back("questionnaire_reason", "Stavfel");
  auto done = b.Post(s, action, edit);
  BOOST_REQUIRE_MESSAGE(done.status == 303, done.body);
  BOOST_TEST(done.header("location") == desk + "?done=question_edited#question-" + std::to_string(q));
  auto now = s.Get(Path(k, "/questions")).json()["questions"][0];
  BOOST_TEST(now["text"] == "Fler träd?");
  BOOST_TEST(now["options"] == json({"Ja", "Nej"}));
  BOOST_TEST(now["section_id"] == trees);
  BOOST_TEST(now["version"] == 2);
  BOOST_TEST(LogOfKind(s, "questionnaire.changed").back()["payload"]["reason"] == "Stavfel");
  // Back to the whole consultation.
  edit.back().second = "Hela";
  edit[3].second = "";
  BOOST_REQUIRE(b.Post(s, action, edit).status == 303);
  BOOST_TEST(s.Get(Path(k, "/questions")).json()["questions"][0]["section_id"].is_null());
}
