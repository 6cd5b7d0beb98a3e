// Unit tests of QuestionnaireService and QuestionnaireResults: building
// questions, answering with versions and withdrawal, the per-field refusals,
// results counted over current answers only, and what the log records.
#define BOOST_TEST_MODULE questionnaire_service
#include "core/questionnaire_service.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "core/crypto.h"
#include "core/event_log.h"
#include "core/test_data_folder.h"

using namespace samrad;
using nlohmann::json;

namespace samrad {
std::ostream& operator<<(std::ostream& o, Code c) { return o << static_cast<int>(c); }
}  // namespace samrad

namespace {
constexpr int64_t kOpen = 1800000000;  // 2027-01-15: inside the open window below

struct Fixture : samrad::testing::DataFolder {
  Fixture() : DataFolder("questionnaire", kOpen) {
    BOOST_REQUIRE(db->Write([](db::Connection& c) -> Status {
      c.Exec("INSERT INTO users(id, email, display_name, role, created_at) VALUES"
             "(1,'o@x','Official','official','2027-01-01T00:00:00Z'),"
             "(2,'a@x','Anna','resident','2027-01-01T00:00:00Z'),"
             "(3,'b@x','Bo','resident','2027-01-01T00:00:00Z'),"
             "(4,'m@x','Mod','moderator','2027-01-01T00:00:00Z')");
      c.Exec("INSERT INTO consultations(id, title, summary, body, language, opens_at, closes_at, created_by, "
             "created_at, updated_at, published_at) VALUES"
             "(1,'Park','s','b','sv','2027-01-01T00:00:00Z','2027-03-01T00:00:00Z',1,'x','x',NULL),"
             "(2,'Torg','s','b','sv','2027-01-01T00:00:00Z','2027-03-01T00:00:00Z',1,'x','x','2027-01-01T00:00:00Z')");
      return Status::Ok();
    }).ok());
    service = std::make_unique<QuestionnaireService>(db, clock);
    official = User{1, "o@x", "Official", Role::kOfficial};
    anna = User{2, "a@x", "Anna", Role::kResident};
    bo = User{3, "b@x", "Bo", Role::kResident};
    mod = User{4, "m@x", "Mod", Role::kModerator};
  }

  int64_t AddQ(int64_t consultation, json body) {
    auto q = service->Add(official, consultation, body);
    BOOST_REQUIRE_MESSAGE(q.ok(), q.status().message());
    return q->id;
  }
  std::vector<Event> Log() {
    std::vector<Event> out;
    db->Read([&](db::Connection& c) {
      out = EventLog::List(c, 0, 1000);
      return Status::Ok();
    });
    return out;
  }
  std::vector<std::string> Fields(const Status& s) {
    std::vector<std::string> out;
    for (const auto& e : s.errors()) out.push_back(e.field);
    return out;
  }

  std::unique_ptr<QuestionnaireService> service;
  Actor official, anna, bo, mod;
};

json Choice(int64_t q, std::vector<std::string> labels) { return {{"question_id", q}, {"choices", labels}}; }
}  // namespace

BOOST_FIXTURE_TEST_CASE(draft_questions_change_freely_and_reorder, Fixture) {
  int64_t a = AddQ(1, {{"type", "single"}, {"text", "Vilken park?"}, {"options", {"Norr", "Syd"}}});
  int64_t b = AddQ(1, {{"type", "text"}, {"text", "Varför?"}});
  auto edited = service->Edit(official, 1, a, {{"text", "Vilken park föredrar du?"}});
  BOOST_REQUIRE(edited.ok());
  BOOST_TEST(edited->version == 1);
  BOOST_REQUIRE(service->Move(official, 1, b, -1, "").ok());
  auto q = service->Get(official, 1);
  BOOST_REQUIRE(q.ok());
  BOOST_REQUIRE(q->questions.size() == 2u);
  BOOST_TEST(q->questions[0].id == b);
  BOOST_TEST(q->questions[1].text == "Vilken park föredrar du?");
  BOOST_TEST(q->questions[0].max_length == kDefaultTextAnswer);
  BOOST_REQUIRE(service->Remove(official, 1, b, "").ok());
  BOOST_TEST(service->Get(official, 1)->questions.size() == 1u);
  // A draft's questions are not public, and the log holds only their digest.
  BOOST_TEST(service->Get(anna, 1).status().code() == Code::kNotFound);
  auto log = Log();
  BOOST_REQUIRE(!log.empty());
  BOOST_TEST(log.back().kind == "questionnaire.changed");
  BOOST_TEST(log.back().payload.contains("questions_sha256"));
  BOOST_TEST(!log.back().payload.contains("questions"));
}

BOOST_FIXTURE_TEST_CASE(only_officials_build_and_published_changes_need_a_reason, Fixture) {
  json body = {{"type", "scale"}, {"text", "Hur nöjd?"}, {"scale_max", 5}};
  BOOST_TEST(service->Add(anna, 2, body).status().code() == Code::kPermissionDenied);
  BOOST_TEST(service->Add(std::nullopt, 2, body).status().code() == Code::kUnauthenticated);
  auto no_reason = service->Add(official, 2, body);
  BOOST_TEST(Fields(no_reason.status()) == std::vector<std::string>{"/reason"});
  body["reason"] = "Vi glömde frågan";
  int64_t id = AddQ(2, body);
  auto edited = service->Edit(official, 2, id, {{"scale_max", 10}, {"reason", "Finare skala"}});
  BOOST_REQUIRE(edited.ok());
  BOOST_TEST(edited->version == 2);
  auto log = Log();
  BOOST_TEST(log.back().payload["questions"][0]["scale_max"] == 10);
  BOOST_TEST(log.back().payload["reason"] == "Finare skala");
  clock->Set(kOpen + 100 * 86400);  // closed
  BOOST_TEST(service->Edit(official, 2, id, {{"text", "x"}, {"reason", "r"}}).status().code() == Code::kConflict);
}

BOOST_FIXTURE_TEST_CASE(question_content_is_checked_field_by_field, Fixture) {
  json many = json::array();
  for (int i = 0; i < 10000; ++i) many.push_back("o" + std::to_string(i));
  auto s = service->Add(official, 1, {{"type", "single"}, {"text", "Q"}, {"options", many}});
  BOOST_TEST(Fields(s.status()) == std::vector<std::string>{"/options"});
  s = service->Add(official, 1, {{"type", "multiple"}, {"text", ""}, {"options", {"A", "A"}}, {"max_choices", 3}});
  BOOST_TEST(Fields(s.status()) == (std::vector<std::string>{"/text", "/options/1", "/max_choices"}));
  s = service->Add(official, 1, {{"type", "scale"}, {"text", "Q"}, {"scale_max", 7}});
  BOOST_TEST(Fields(s.status()) == std::vector<std::string>{"/scale_max"});
  s = service->Add(official, 1, {{"type", "text"}, {"text", "Q"}, {"max_length", 6000}});
  BOOST_TEST(Fields(s.status()) == std::vector<std::string>{"/max_length"});
  s = service->Add(official, 1, {{"type", "single"}, {"text", "Q"}, {"options", {"A", "B"}}, {"section_id", 99}});
  BOOST_TEST(Fields(s.status()) == std::vector<std::string>{"/section_id"});
}

BOOST_FIXTURE_TEST_CASE(answers_are_refused_per_field, Fixture) {
  int64_t single = AddQ(2, {{"type", "single"}, {"text", "A"}, {"options", {"Ja", "Nej"}}, {"required", true}, {"reason", "r"}});
  int64_t multi = AddQ(2, {{"type", "multiple"}, {"text", "B"}, {"options", {"X", "Y", "Z"}}, {"max_choices", 2}, {"reason", "r"}});
  int64_t scale = AddQ(2, {{"type", "scale"}, {"text", "C"}, {"scale_max", 5}, {"reason", "r"}});
  int64_t rank = AddQ(2, {{"type", "ranking"}, {"text", "D"}, {"options", {"P", "Q", "R"}}, {"reason", "r"}});
  int64_t text = AddQ(2, {{"type", "text"}, {"text", "E"}, {"max_length", 5}, {"reason", "r"}});
  int64_t other = AddQ(1, {{"type", "text"}, {"text", "F"}});
  json body = {{"answers",
                {Choice(single, {"Kanske"}), Choice(multi, {"X", "Y", "Z"}), {{"question_id", scale}, {"value", 6}},
                 {{"question_id", rank}, {"ranking", {"P", "P", "Q"}}}, {{"question_id", text}, {"text", "sexsex"}},
                 {{"question_id", other}, {"text", "x"}}}}};
  auto r = service->Submit(anna, 2, body);
  BOOST_TEST(Fields(r.status()) == (std::vector<std::string>{"/answers/0/choices", "/answers/1/choices",
                                                             "/answers/2/value", "/answers/3/ranking",
                                                             "/answers/4/text", "/answers/5/question_id"}));
  r = service->Submit(anna, 2, {{"answers", {Choice(multi, {"X"})}}});
  BOOST_TEST(Fields(r.status()) == std::vector<std::string>{"/answers"});  // the required one is missing
  r = service->Submit(anna, 2, {{"answers", {Choice(single, {})}}});
  BOOST_TEST(Fields(r.status()) == std::vector<std::string>{"/answers/0/choices"});
  BOOST_TEST(service->Submit(official, 2, {{"answers", {Choice(single, {"Ja"})}}}).status().code() ==
             Code::kPermissionDenied);
  // Nothing was stored by any refusal.
  BOOST_TEST(!service->Mine(anna, 2).value().has_value());
}

BOOST_FIXTURE_TEST_CASE(latest_answer_counts_and_withdrawn_ones_count_nowhere, Fixture) {
  int64_t single = AddQ(2, {{"type", "single"}, {"text", "A"}, {"options", {"Ja", "Nej"}}, {"reason", "r"}});
  int64_t scale = AddQ(2, {{"type", "scale"}, {"text", "C"}, {"scale_max", 5}, {"low_label", "Dåligt"},
                           {"high_label", "Bra"}, {"reason", "r"}});
  int64_t rank = AddQ(2, {{"type", "ranking"}, {"text", "D"}, {"options", {"P", "Q", "R"}}, {"reason", "r"}});
  int64_t text = AddQ(2, {{"type", "text"}, {"text", "E"}, {"reason", "r"}});
  auto a1 = service->Submit(anna, 2, {{"answers", {Choice(single, {"Nej"}), {{"question_id", scale}, {"value", 1}}}}});
  BOOST_REQUIRE_MESSAGE(a1.ok(), a1.status().message());
  auto a2 = service->Submit(anna, 2, {{"answers", {Choice(single, {"Ja"}), {{"question_id", scale}, {"value", 4}},
                                                   {{"question_id", rank}, {"ranking", {"R", "P", "Q"}}},
                                                   {{"question_id", text}, {"text", "Mer träd"}}}}});
  BOOST_REQUIRE(a2.ok());
  BOOST_TEST(a2->version == 2);
  BOOST_REQUIRE(service->Submit(bo, 2, {{"answers", {Choice(single, {"Ja"}), {{"question_id", scale}, {"value", 5}},
                                                     {{"question_id", rank}, {"ranking", {"P", "R", "Q"}}},
                                                     {{"question_id", text}, {"text", "Bänkar"}}}}}).ok());
  // Residents cannot see results while open (after_close is the default).
  BOOST_TEST(service->Results(anna, 2).status().code() == Code::kPermissionDenied);
  auto res = service->Results(official, 2);
  BOOST_REQUIRE(res.ok());
  BOOST_REQUIRE(res->size() == 4u);
  const auto& s = (*res)[0];
  BOOST_TEST(s.respondents == 2);
  BOOST_TEST(s.options[0].label == "Ja");
  BOOST_TEST(s.options[0].count == 2);
  BOOST_TEST(s.options[1].count == 0);
  BOOST_TEST(s.options[0].share == 1.0);
  const auto& sc = (*res)[1];
  BOOST_TEST(sc.options.size() == 5u);
  BOOST_TEST(sc.options[3].count == 1);
  BOOST_TEST(sc.options[4].count == 1);
  BOOST_TEST(*sc.mean == 4.5);
  BOOST_TEST(*sc.median == 4.5);
  BOOST_TEST(sc.low_label == "Dåligt");
  const auto& rk = (*res)[2];
  // P: ranks 2 and 1 -> Borda (3-2)+(3-1) = 3; R: ranks 1 and 2 -> 3; Q: 3, 3 -> 0.
  BOOST_REQUIRE(rk.ranking.size() == 3u);
  BOOST_TEST(rk.ranking[2].label == "Q");
  BOOST_TEST(rk.ranking[2].borda == 0);
  BOOST_TEST(rk.ranking[2].average_rank == 3.0);
  BOOST_TEST(rk.ranking[0].borda == 3);
  BOOST_TEST(rk.ranking[0].average_rank == 1.5);
  BOOST_TEST((*res)[3].text_answers_visible == 2);

  // The log names the respondent by pseudonym and the text only by digest.
  auto log = Log();
  std::string dump = log.back().payload.dump();
  BOOST_TEST(log.back().kind == "questionnaire.answered");
  BOOST_TEST(dump.find("Bänkar") == std::string::npos);
  BOOST_TEST(dump.find("Bo") == std::string::npos);
  BOOST_TEST(log.back().payload["answers"][3].contains("text_sha256"));

  BOOST_REQUIRE(service->Withdraw(bo, 2).ok());
  BOOST_TEST(service->Withdraw(bo, 2).code() == Code::kNotFound);
  res = service->Results(official, 2);
  BOOST_TEST((*res)[0].respondents == 1);
  BOOST_TEST(*(*res)[1].mean == 4.0);
  BOOST_TEST(Log().back().kind == "questionnaire.withdrawn");

  clock->Set(kOpen + 100 * 86400);
  BOOST_TEST(service->Results(anna, 2).ok());
  BOOST_TEST(service->Submit(anna, 2, {{"answers", {Choice(single, {"Ja"})}}}).status().code() == Code::kConflict);
}

BOOST_FIXTURE_TEST_CASE(a_question_changed_after_answers_keeps_the_answered_version, Fixture) {
  int64_t single = AddQ(2, {{"type", "single"}, {"text", "A"}, {"options", {"Ja", "Nej"}}, {"reason", "r"}});
  BOOST_REQUIRE(service->Submit(anna, 2, {{"answers", {Choice(single, {"Nej"})}}}).ok());
  BOOST_REQUIRE(service->Edit(official, 2, single, {{"options", {"Ja", "Vet ej"}}, {"reason", "Tydligare"}}).ok());
  auto mine = service->Mine(anna, 2).value();
  BOOST_REQUIRE(mine.has_value());
  BOOST_TEST(mine->items[0].question_version == 1);
  auto res = service->Results(official, 2).value();
  // The option of the earlier version still counts, after the current ones.
  BOOST_REQUIRE(res[0].options.size() == 3u);
  BOOST_TEST(res[0].options[2].label == "Nej");
  BOOST_TEST(res[0].options[2].count == 1);
}

BOOST_FIXTURE_TEST_CASE(moderators_hide_free_text_with_a_reason, Fixture) {
  int64_t text = AddQ(2, {{"type", "text"}, {"text", "E"}, {"reason", "r"}});
  BOOST_REQUIRE(service->Submit(anna, 2, {{"answers", {{{"question_id", text}, {"text", "Ring 070-1234567"}}}}}).ok());
  int64_t answer_id = 0;
  db->Read([&](db::Connection& c) {
    auto& st = c.Prepare("SELECT id FROM questionnaire_answers");
    st.Step();
    answer_id = st.Int(0);
    st.Reset();
    return Status::Ok();
  });
  BOOST_TEST(service->ModerateText(anna, answer_id, text, "hide", "x").code() == Code::kPermissionDenied);
  BOOST_TEST(service->ModerateText(mod, answer_id, text, "hide", " ").code() == Code::kInvalidArgument);
  BOOST_REQUIRE(service->ModerateText(mod, answer_id, text, "hide", "personal_data").ok());
  auto res = service->Results(official, 2).value();
  BOOST_TEST(res[0].text_answers_hidden == 1);
  BOOST_TEST(res[0].text_answers_visible == 0);
  auto mine = service->Mine(anna, 2).value();
  BOOST_TEST(mine->items[0].hidden);
  BOOST_TEST(ToJson(*mine).dump().find("070") == std::string::npos);
  BOOST_TEST(Log().back().kind == "questionnaire.text_hidden");
  BOOST_REQUIRE(service->ModerateText(mod, answer_id, text, "restore", "ok").ok());
  BOOST_TEST(service->Results(official, 2).value()[0].text_answers_visible == 1);
}
