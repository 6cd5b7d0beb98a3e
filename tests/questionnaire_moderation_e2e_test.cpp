// Free-text questionnaire answers moderated like comments, through the real
// server: residents flag an answer (API and a form without JavaScript), it
// waits in the moderators' one queue beside comments, hiding takes it out of
// every public place, every act is in the public moderation log and its
// dataset without the text, and undo works for answers and, through the API,
// for comments.
#define BOOST_TEST_MODULE questionnaire_moderation_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/questionnaire_fixtures.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

const std::string kSecret = "Ring mig på 070-1234567 om grannens hund";
const std::string kOther = "Fler bänkar längs strandpromenaden";

// A published consultation with one text question, results shown while open,
// and free-text answers by anna (kSecret) and bo (kOther).
struct Fixture {
  TestServer s{true};
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string anna = s.ResidentToken();
  std::string bo = s.ResidentToken();
  std::string carl = s.ResidentToken();
  int64_t k = 0;
  int64_t question = 0;
  int64_t anna_answer = 0;
  int64_t bo_answer = 0;

  Fixture() {
    k = Consultation("Strandpromenaden");
    question = s.Get(Path(k, "/questions")).json()["questions"][0]["id"];
    anna_answer = Answer(k, question, anna, kSecret);
    bo_answer = Answer(k, question, bo, kOther);
  }

  int64_t Consultation(const std::string& title) {
    json d = {{"title", title},   {"summary", "S"},          {"body", "B"},
              {"language", "sv"}, {"opens_at", "2026-12-01"}, {"closes_at", "2027-01-20"}};
    auto c = s.Post("/api/v1/consultations", d, official);
    BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
    int64_t id = c.json()["id"];
    BOOST_REQUIRE(s.Post(Path(id, "/questions"), {{"type", "text"}, {"text", "Vad vill du se?"}}, official).status ==
                  201);
    BOOST_REQUIRE(s.Post(Path(id, "/publish"), json::object(), official).status == 200);
    BOOST_REQUIRE(s.Put(Path(id, "/questions"), {{"results_visibility", "during"}}, official).status == 200);
    return id;
  }

  int64_t Answer(int64_t consultation, int64_t q, const std::string& token, const std::string& text) {
    auto r = s.Put(Path(consultation, "/answer"), {{"answers", {{{"question_id", q}, {"text", text}}}}}, token);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return s.Get(Path(consultation, "/answer"), token).json()["id"];
  }

  std::string TextPath(int64_t answer, int64_t q, const std::string& rest) const {
    return "/api/v1/questionnaire-answers/" + std::to_string(answer) + "/questions/" + std::to_string(q) + rest;
  }
  std::string AnnaPath(const std::string& rest) const { return TextPath(anna_answer, question, rest); }
  HttpResult Flag(int64_t answer, int64_t q, const std::string& token, const std::string& reason = "personal_data") {
    return s.Post(TextPath(answer, q, "/flags"), {{"reason", reason}, {"note", "telefonnummer"}}, token);
  }
  json Queue() {
    auto r = s.Get("/api/v1/moderation/queue", moderator);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json()["items"];
  }
  json Log() { return s.Get("/api/v1/moderation-log").json()["items"]; }
  std::string Results() { return s.Get("/consultations/" + std::to_string(k) + "/questionnaire").body; }
};

bool Has(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

int SearchTotal(TestServer& s, const std::string& q, int want) {
  int total = -1;
  for (int i = 0; i < 500 && total != want; ++i) {
    if (i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    total = s.Get("/api/v1/search?q=" + q + "&type=answer").json()["total"];
  }
  return total;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(a_flagged_answer_waits_in_the_queue_and_once_hidden_is_shown_nowhere, Fixture) {
  BOOST_REQUIRE(SearchTotal(s, "grannens", 1) == 1);
  BOOST_TEST(Has(Results(), kSecret));
  auto flag = Flag(anna_answer, question, carl);
  BOOST_REQUIRE_MESSAGE(flag.status == 201, flag.body);
  BOOST_TEST(flag.json()["answer_id"] == anna_answer);
  BOOST_TEST(flag.json()["question_id"] == question);
  BOOST_TEST(flag.json()["reason"] == "personal_data");

  // One queue: the answer is marked as such, with its question and consultation.
  json queue = Queue();
  BOOST_REQUIRE(queue.size() == 1u);
  BOOST_TEST(queue[0]["kind"] == "questionnaire_answer");
  BOOST_TEST(queue[0]["answer_id"] == anna_answer);
  BOOST_TEST(queue[0]["question"] == "Vad vill du se?");
  BOOST_TEST(queue[0]["consultation_id"] == k);
  BOOST_TEST(queue[0]["consultation_title"] == "Strandpromenaden");
  BOOST_TEST(queue[0]["text"] == kSecret);
  BOOST_REQUIRE(queue[0]["flags"].size() == 1u);
  BOOST_TEST(queue[0]["flags"][0]["note"] == "telefonnummer");
  // The log has the flag, never the text or the note.
  auto flagged = LogOfKind(s, "questionnaire.text_flagged");
  BOOST_REQUIRE(flagged.size() == 1u);
  BOOST_TEST(flagged[0]["payload"]["reason"] == "personal_data");
  BOOST_TEST(!Has(flagged[0].dump(), "070-1234567"));
  BOOST_TEST(!Has(flagged[0].dump(), "telefonnummer"));

  auto hide = s.Post(AnnaPath("/moderation"), {{"action", "hide"}, {"reason", "Innehåller ett telefonnummer"}},
                     moderator);
  BOOST_REQUIRE_MESSAGE(hide.status == 200, hide.body);
  BOOST_TEST(hide.json()["act"]["flags_resolved"] == 1);
  BOOST_TEST(Queue().empty());

  // Gone from every public place: results page, report, search, datasets.
  std::string page = Results();
  BOOST_TEST(!Has(page, "070-1234567"));
  BOOST_TEST(Has(page, kOther));
  for (std::string report : {"/report", "/report.json"}) {
    auto r = s.Get("/consultations/" + std::to_string(k) + report, official);
    BOOST_TEST(!Has(r.body, "070-1234567"), report);
  }
  BOOST_TEST(SearchTotal(s, "grannens", 0) == 0);
  for (std::string format : {".csv", ".json", ".ndjson"}) {
    auto r = s.Get("/opendata/questionnaire_answers" + format);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(!Has(r.body, "070-1234567"), format);
    BOOST_TEST(Has(r.body, "strandpromenaden"), format);
  }

  // The public log, page and datasets: the act with its reason, not the text.
  json log = Log();
  BOOST_REQUIRE(!log.empty());
  BOOST_TEST(log[0]["subject"] == "questionnaire_answer");
  BOOST_TEST(log[0]["action"] == "hide");
  BOOST_TEST(log[0]["answer_id"] == anna_answer);
  BOOST_TEST(log[0]["question_id"] == question);
  BOOST_TEST(log[0]["reason"] == "Innehåller ett telefonnummer");
  BOOST_TEST(log[0]["flags_resolved"] == 1);
  BOOST_TEST(log[0]["comment_id"].is_null());
  BOOST_TEST(log[0]["log_seq"].is_number());
  auto public_page = s.Get("/moderation");
  BOOST_TEST(Has(public_page.body, "Innehåller ett telefonnummer"));
  BOOST_TEST(!Has(public_page.body, "070-1234567"));
  for (std::string format : {".csv", ".json", ".ndjson"}) {
    auto r = s.Get("/opendata/moderation_log" + format);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(Has(r.body, "Innehåller ett telefonnummer"), format);
    BOOST_TEST(Has(r.body, "questionnaire_answer"), format);
    BOOST_TEST(!Has(r.body, "070-1234567"), format);
  }
  json rows = s.Get("/opendata/moderation_log.json").json();
  BOOST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0]["answer_id"] == anna_answer);
  BOOST_TEST(rows[0]["action"] == "hide");
  // A hidden answer cannot be flagged again.
  BOOST_TEST(Flag(anna_answer, question, bo).status == 409);
}

BOOST_FIXTURE_TEST_CASE(dismissing_and_undoing_act_on_answers_as_on_comments, Fixture) {
  BOOST_REQUIRE(Flag(anna_answer, question, carl).status == 201);
  BOOST_REQUIRE(Flag(anna_answer, question, bo).status == 201);
  auto dismiss = s.Post(AnnaPath("/moderation"), {{"action", "dismiss"}, {"reason", "Inget fel"}}, moderator);
  BOOST_REQUIRE_MESSAGE(dismiss.status == 200, dismiss.body);
  BOOST_TEST(dismiss.json()["act"]["flags_resolved"] == 2);
  BOOST_TEST(Queue().empty());
  BOOST_TEST(Has(Results(), kSecret));
  // Undo of the dismissal: the two flags wait again.
  auto reopen = s.Post(AnnaPath("/moderation/undo"), {{"reason", "Fel knapp"}}, moderator);
  BOOST_REQUIRE_MESSAGE(reopen.status == 201, reopen.body);
  BOOST_TEST(reopen.json()["action"] == "reopen");
  BOOST_REQUIRE(Queue().size() == 1u);
  BOOST_TEST(Queue()[0]["flags"].size() == 2u);

  // Hide, then undo: shown again and its flags back in the queue.
  BOOST_REQUIRE(s.Post(AnnaPath("/moderation"), {{"action", "hide"}, {"reason", "Personuppgifter"}}, moderator)
                    .status == 200);
  BOOST_TEST(Queue().empty());
  BOOST_TEST(!Has(Results(), kSecret));
  auto restore = s.Post(AnnaPath("/moderation/undo"), {{"reason", "Ångrat"}}, moderator);
  BOOST_REQUIRE_MESSAGE(restore.status == 201, restore.body);
  BOOST_TEST(restore.json()["action"] == "restore");
  BOOST_TEST(Has(Results(), kSecret));
  BOOST_REQUIRE(Queue().size() == 1u);
  // Each act keeps what it settled; all four are public.
  json log = Log();
  BOOST_REQUIRE(log.size() == 4u);
  std::vector<std::string> actions;
  for (const auto& a : log) actions.push_back(a["action"]);
  BOOST_TEST(actions == (std::vector<std::string>{"restore", "hide", "reopen", "dismiss"}));
  BOOST_TEST(log[1]["flags_resolved"] == 2);
  BOOST_TEST(log[3]["flags_resolved"] == 2);
  BOOST_TEST(s.Get("/opendata/moderation_log.json").json().size() == 4u);
}

BOOST_FIXTURE_TEST_CASE(hostile_flags_and_acts_are_refused_with_problems, Fixture) {
  int64_t other_k = Consultation("Torget");
  int64_t other_question = s.Get(Path(other_k, "/questions")).json()["questions"][0]["id"];
  auto missing = Flag(999999, question, carl);
  BOOST_TEST(missing.status == 404);
  BOOST_TEST(missing.header("content-type") == "application/problem+json");
  BOOST_TEST(Flag(anna_answer, other_question, carl).status == 404);  // another consultation's question
  BOOST_TEST(Flag(anna_answer, question, anna).status == 409);       // own answer
  BOOST_TEST(Flag(anna_answer, question, "").status == 401);
  BOOST_TEST(s.Post(AnnaPath("/flags"), {{"reason", "boring"}}, carl).status == 422);
  BOOST_REQUIRE(Flag(anna_answer, question, carl).status == 201);
  auto twice = Flag(anna_answer, question, carl, "spam");
  BOOST_TEST(twice.status == 409);
  BOOST_TEST(twice.header("content-type") == "application/problem+json");
  BOOST_TEST(Queue()[0]["flags"].size() == 1u);
  // Withdrawn: no such text to flag.
  BOOST_REQUIRE(s.Delete(Path(k, "/answer"), bo).status == 204);
  BOOST_TEST(Flag(bo_answer, question, carl).status == 404);
  // Residents neither moderate nor undo; anonymous callers are asked to sign in.
  BOOST_TEST(s.Post(AnnaPath("/moderation"), {{"action", "hide"}, {"reason", "x"}}, carl).status == 403);
  BOOST_TEST(s.Post(AnnaPath("/moderation/undo"), {{"reason", "x"}}, carl).status == 403);
  BOOST_TEST(s.Post(AnnaPath("/moderation/undo"), {{"reason", "x"}}, "").status == 401);
  BOOST_TEST(s.Get("/api/v1/moderation/queue", carl).status == 403);
  // Nothing to undo yet; nothing half stored after the refusals.
  BOOST_TEST(s.Post(AnnaPath("/moderation/undo"), {{"reason", "x"}}, moderator).status == 409);
  BOOST_TEST(s.Post(AnnaPath("/moderation"), {{"action", "restore"}, {"reason", "x"}}, moderator).status == 409);
  BOOST_TEST(Log().empty());
  BOOST_TEST(LogOfKind(s, "questionnaire.text_flagged").size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_comment_api_undoes_a_hide_and_puts_its_flags_back) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string anna = s.ResidentToken();
  std::string bo = s.ResidentToken();
  int64_t k = PublishConsultation(s, official);
  int64_t c = PostComment(s, k, anna, "Spam spam spam");
  std::string base = "/api/v1/comments/" + std::to_string(c);
  BOOST_TEST(s.Post(base + "/moderation/undo", {{"reason", "x"}}, moderator).status == 409);
  BOOST_REQUIRE(s.Post(base + "/flags", {{"reason", "spam"}}, bo).status == 201);
  BOOST_REQUIRE(s.Post(base + "/moderation", {{"action", "hide"}, {"reason", "Reklam"}}, moderator).status == 201);
  BOOST_TEST(s.Get("/api/v1/moderation/queue", moderator).json()["items"].empty());
  BOOST_TEST(s.Post(base + "/moderation/undo", {{"reason", "x"}}, bo).status == 403);
  BOOST_TEST(s.Post(base + "/moderation/undo", {{"reason", "x"}}, "").status == 401);
  BOOST_TEST(s.Post("/api/v1/comments/999999/moderation/undo", {{"reason", "x"}}, moderator).status == 404);
  BOOST_TEST(s.Post(base + "/moderation/undo", json::object(), moderator).status == 422);
  auto undo = s.Post(base + "/moderation/undo", {{"reason", "Fel kommentar"}}, moderator);
  BOOST_REQUIRE_MESSAGE(undo.status == 201, undo.body);
  BOOST_TEST(undo.json()["action"] == "restore");
  BOOST_TEST(undo.json()["comment_id"] == c);
  BOOST_TEST(undo.json()["subject"] == "comment");
  auto queue = s.Get("/api/v1/moderation/queue", moderator).json()["items"];
  BOOST_REQUIRE(queue.size() == 1u);
  BOOST_TEST(queue[0]["kind"] == "comment");
  BOOST_TEST(queue[0]["id"] == c);
  auto log = s.Get("/api/v1/moderation-log").json()["items"];
  BOOST_REQUIRE(log.size() == 2u);
  BOOST_TEST(log[0]["action"] == "restore");
  BOOST_TEST(log[0]["reason"] == "Fel kommentar");
  BOOST_TEST(log[1]["flags_resolved"] == 1);
}

BOOST_FIXTURE_TEST_CASE(residents_flag_and_moderators_hide_with_forms_without_javascript, Fixture) {
  Browser b = SignedIn(s, carl);
  std::string page = b.Get(s, "/consultations/" + std::to_string(k) + "/questionnaire").body;
  std::string key = std::to_string(anna_answer) + "-" + std::to_string(question);
  std::string action = "/consultations/" + std::to_string(k) + "/questionnaire/answers/" +
                       std::to_string(anna_answer) + "/" + std::to_string(question) + "/flags";
  BOOST_TEST(Has(page, "id=\"answer-" + key + "\""));
  BOOST_TEST(Has(page, "action=\"" + action + "\""));
  // No form for one's own answer, none for anonymous readers.
  Browser anna_b = SignedIn(s, anna);
  BOOST_TEST(!Has(anna_b.Get(s, "/consultations/" + std::to_string(k) + "/questionnaire").body, action));
  BOOST_TEST(!Has(Results(), action));
  // Without a CSRF token: refused, nothing stored.
  auto forged = s.Request("POST", action, FormBody({{"flag_reason", "spam"}}), "",
                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Cookie", b.cookie}});
  BOOST_TEST(forged.status == 403);
  BOOST_TEST(Queue().empty());

  auto posted = b.Post(s, action, {{"flag_reason", "offensive"}, {"flag_note", ""}});
  BOOST_REQUIRE_MESSAGE(posted.status == 303, posted.body);
  std::string back = posted.header("location");
  BOOST_TEST(Has(back, "done=flagged"));
  BOOST_TEST(Has(back, "#banner"));
  BOOST_TEST(Has(b.Get(s, back.substr(0, back.find('#'))).body, "id=\"banner\""));
  BOOST_TEST(Has(b.Post(s, action, {{"flag_reason", "spam"}}).header("location"), "done=not_flagged"));
  // Through another consultation's page: not found.
  int64_t other_k = Consultation("Torget");
  std::string wrong = "/consultations/" + std::to_string(other_k) + "/questionnaire/answers/" +
                      std::to_string(anna_answer) + "/" + std::to_string(question) + "/flags";
  BOOST_TEST(b.Post(s, wrong, {{"flag_reason", "spam"}}).status == 404);

  // The moderator's queue page shows it as an answer; hiding needs a reason.
  Browser m = SignedIn(s, moderator);
  std::string desk = m.Get(s, "/desk/moderation").body;
  BOOST_TEST(Has(desk, "id=\"moderate-answer-" + key + "\""));
  BOOST_TEST(Has(desk, "Vad vill du se?"));
  BOOST_TEST(Has(desk, kSecret));
  std::string act = "/desk/moderation/answers/" + std::to_string(anna_answer) + "/" + std::to_string(question);
  auto refused = m.Post(s, act, {{"action", "hide"}, {"moderation_reason", " "}});
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(Has(refused.body, "href=\"#t" + key + "-moderation_reason\""));
  BOOST_TEST(Has(Results(), kSecret));
  auto hidden = m.Post(s, act, {{"action", "hide"}, {"moderation_reason", "Kränkande"}});
  BOOST_REQUIRE_MESSAGE(hidden.status == 303, hidden.body);
  std::string banner = m.Get(s, hidden.header("location").substr(0, hidden.header("location").find('#'))).body;
  BOOST_TEST(Has(banner, "action=\"" + act + "\""));  // the undo form
  BOOST_TEST(!Has(Results(), kSecret));
  // Undo from the banner: shown again, the flag back in the queue.
  auto undone = m.Post(s, act, {{"action", "restore"}, {"undo", "1"}, {"moderation_reason", "Ångrat"}});
  BOOST_REQUIRE_EQUAL(undone.status, 303);
  BOOST_TEST(Has(Results(), kSecret));
  BOOST_TEST(Queue().size() == 1u);
  // A resident cannot use the moderators' form.
  BOOST_TEST(b.Post(s, act, {{"action", "hide"}, {"moderation_reason", "x"}}).status == 403);
}
