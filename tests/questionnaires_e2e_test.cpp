// Questionnaires through the real server: officials build questions in a
// draft and change them with a reason once published, residents answer,
// change and withdraw, hostile answers are refused per field with nothing
// stored, results follow the visibility choice and agree with counts made
// here from the answers sent, and the log holds no free text.
#define BOOST_TEST_MODULE questionnaires_e2e
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

#include "tests/support/questionnaire_fixtures.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {

int64_t Draft(TestServer& s, const std::string& official) {
  json d = {{"title", "Torget"},   {"summary", "S"},          {"body", "B"},
            {"language", "sv"},    {"opens_at", "2026-12-01"}, {"closes_at", "2027-01-20"},
            {"sections", {{{"heading", "Bänkar"}, {"body", "Var?"}}}}};
  auto c = s.Post("/api/v1/consultations", d, official);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  return c.json()["id"];
}

void Publish(TestServer& s, const std::string& official, int64_t k) {
  BOOST_REQUIRE(s.Post(Path(k, "/publish"), json::object(), official).status == 200);
}

int64_t AddQuestion(TestServer& s, const std::string& official, int64_t k, json q) {
  auto r = s.Post(Path(k, "/questions"), q, official);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  BOOST_TEST(r.header("location") == Path(k, "/questions/" + std::to_string(r.json()["id"].get<int64_t>())));
  return r.json()["id"];
}

std::vector<std::string> Fields(const HttpResult& r) {
  std::vector<std::string> out;
  json body = r.json();  // held: a range over a temporary's member would dangle
  for (const auto& e : body["errors"]) out.push_back(e["field"]);
  return out;
}

// A standard questionnaire: single, multiple (at most 2), scale 1-5,
// ranking of three, text of at most 20 characters.
struct Built {
  int64_t k = 0, single = 0, multi = 0, scale = 0, rank = 0, text = 0;
};
Built Build(TestServer& s, const std::string& official) {
  Built b;
  b.k = Draft(s, official);
  b.single = AddQuestion(s, official, b.k,
                         {{"type", "single"}, {"text", "Behövs fler bänkar?"}, {"options", {"Ja", "Nej", "Vet ej"}},
                          {"required", true}});
  b.multi = AddQuestion(s, official, b.k,
                        {{"type", "multiple"}, {"text", "Vad saknas?"}, {"options", {"Träd", "Lek", "Ljus", "Vatten"}},
                         {"max_choices", 2}});
  b.scale = AddQuestion(s, official, b.k,
                        {{"type", "scale"}, {"text", "Hur trivs du?"}, {"scale_max", 5},
                         {"low_label", "Inte alls"}, {"high_label", "Mycket"}});
  b.rank = AddQuestion(s, official, b.k,
                       {{"type", "ranking"}, {"text", "Rangordna"}, {"options", {"Grönt", "Parkering", "Café"}}});
  b.text = AddQuestion(s, official, b.k, {{"type", "text"}, {"text", "Något mer?"}, {"max_length", 20}});
  return b;
}

json Answer(const Built& b, const std::string& single, std::vector<std::string> multi, int scale,
            std::vector<std::string> rank, const std::string& text) {
  json a = json::array({{{"question_id", b.single}, {"choices", {single}}},
                        {{"question_id", b.multi}, {"choices", multi}},
                        {{"question_id", b.scale}, {"value", scale}},
                        {{"question_id", b.rank}, {"ranking", rank}}});
  if (!text.empty()) a.push_back({{"question_id", b.text}, {"text", text}});
  return {{"answers", a}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(questions_are_built_in_a_draft_and_change_as_versions_with_a_reason_once_published) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken();
  Built b = Build(s, official);
  // A draft's questions are the officials' only.
  BOOST_TEST(s.Get(Path(b.k, "/questions")).status == 404);
  BOOST_TEST(s.Post(Path(b.k, "/questions"), {{"type", "text"}, {"text", "x"}}, resident).status == 403);
  BOOST_TEST(s.Post(Path(b.k, "/questions"), {{"type", "text"}, {"text", "x"}}).status == 401);
  // Reordering: the text question up one place, then removing the ranking.
  BOOST_REQUIRE(s.Put(Path(b.k, "/questions/" + std::to_string(b.text)), {{"move", "up"}}, official).status == 200);
  auto q = s.Get(Path(b.k, "/questions"), official).json()["questions"];
  BOOST_REQUIRE(q.size() == 5u);
  BOOST_TEST(q[3]["id"] == b.text);
  BOOST_TEST(q[4]["id"] == b.rank);
  BOOST_TEST(s.Delete(Path(b.k, "/questions/" + std::to_string(b.rank)), official).status == 204);
  BOOST_TEST(s.Get(Path(b.k, "/questions"), official).json()["questions"].size() == 4u);
  // Draft changes are logged as a digest, not the questions themselves.
  auto changes = LogOfKind(s, "questionnaire.changed");
  BOOST_REQUIRE(!changes.empty());
  BOOST_TEST(changes.back()["payload"].contains("questions_sha256"));

  Publish(s, official, b.k);
  auto pub = s.Get(Path(b.k, "/questions")).json();
  BOOST_TEST(pub["state"] == "open");
  BOOST_TEST(pub["results_visibility"] == "after_close");
  std::string qpath = Path(b.k, "/questions/" + std::to_string(b.single));
  auto no_reason = s.Put(qpath, {{"options", {"Ja", "Nej"}}}, official);
  BOOST_TEST(no_reason.status == 422);
  BOOST_TEST(Fields(no_reason) == std::vector<std::string>{"/reason"});

  BOOST_REQUIRE(s.Put(Path(b.k, "/answer"), {{"answers", {{{"question_id", b.single}, {"choices", {"Vet ej"}}}}}},
                      resident).status == 200);
  auto edited = s.Put(qpath, {{"options", {"Ja", "Nej"}}, {"reason", "Vet ej ger inget"}}, official);
  BOOST_REQUIRE_MESSAGE(edited.status == 200, edited.body);
  BOOST_TEST(edited.json()["version"] == 2);
  // The answer keeps the version it answered, and still counts.
  auto mine = s.Get(Path(b.k, "/answer"), resident).json();
  BOOST_TEST(mine["answers"][0]["question_version"] == 1);
  auto res = s.Get(Path(b.k, "/results"), official).json()["questions"][0]["options"];
  BOOST_REQUIRE(res.size() == 3u);
  BOOST_TEST(res[2]["label"] == "Vet ej");
  BOOST_TEST(res[2]["count"] == 1);
  // Once published the log carries the questions whole, with the reason.
  auto last = LogOfKind(s, "questionnaire.changed").back()["payload"];
  BOOST_TEST(last["reason"] == "Vet ej ger inget");
  BOOST_TEST(last["questions"][0]["options"] == json({"Ja", "Nej"}));

  s.SetTime(kClockStart + 25 * kDay);  // closed
  BOOST_TEST(s.Put(qpath, {{"text", "Ny"}, {"reason", "r"}}, official).status == 409);
}

BOOST_AUTO_TEST_CASE(hostile_answers_are_refused_per_field_and_nothing_is_stored) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken();
  Built b = Build(s, official);
  Built other = Build(s, official);
  // 10,000 options stop at the limit.
  json many = json::array();
  for (int i = 0; i < 10000; ++i) many.push_back("Alternativ " + std::to_string(i));
  auto huge = s.Post(Path(b.k, "/questions"), {{"type", "single"}, {"text", "Q"}, {"options", many}}, official);
  BOOST_TEST(huge.status == 422);
  BOOST_TEST(huge.body.find("/options") != std::string::npos);
  Publish(s, official, b.k);
  Publish(s, official, other.k);

  json hostile = {{"answers",
                   {{{"question_id", b.single}, {"choices", {"Kanske"}}},
                    {{"question_id", b.multi}, {"choices", {"Träd", "Lek", "Ljus"}}},
                    {{"question_id", b.scale}, {"value", 6}},
                    {{"question_id", b.rank}, {"ranking", {"Grönt", "Grönt", "Café"}}},
                    {{"question_id", b.text}, {"text", std::string(21, 'x')}},
                    {{"question_id", other.single}, {"choices", {"Ja"}}}}}};
  auto r = s.Put(Path(b.k, "/answer"), hostile, resident);
  BOOST_TEST(r.status == 422);
  BOOST_TEST(Fields(r) == (std::vector<std::string>{"/answers/0/choices", "/answers/1/choices", "/answers/2/value",
                                                     "/answers/3/ranking", "/answers/4/text",
                                                     "/answers/5/question_id"}));
  // A required question left out, a ranking that is not every option, an
  // unknown property, a value of the wrong type.
  auto missing = s.Put(Path(b.k, "/answer"), {{"answers", {{{"question_id", b.scale}, {"value", 3}}}}}, resident);
  BOOST_TEST(Fields(missing) == std::vector<std::string>{"/answers"});
  auto partial = s.Put(Path(b.k, "/answer"),
                       {{"answers", {{{"question_id", b.single}, {"choices", {"Ja"}}},
                                     {{"question_id", b.rank}, {"ranking", {"Café"}}}}}}, resident);
  BOOST_TEST(Fields(partial) == std::vector<std::string>{"/answers/1/ranking"});
  BOOST_TEST(s.Put(Path(b.k, "/answer"), {{"answers", json::array()}, {"extra", 1}}, resident).status == 422);
  BOOST_TEST(s.Put(Path(b.k, "/answer"), {{"answers", {{{"question_id", b.scale}, {"value", "5"}}}}}, resident).status == 422);
  BOOST_TEST(s.Request("PUT", Path(b.k, "/answer"), "{\"answers\":[", resident).status == 400);
  // Officials do not answer; nobody answers anonymously.
  BOOST_TEST(s.Put(Path(b.k, "/answer"), Answer(b, "Ja", {}, 3, {"Grönt", "Café", "Parkering"}, ""), official).status == 403);
  BOOST_TEST(s.Put(Path(b.k, "/answer"), Answer(b, "Ja", {}, 3, {"Grönt", "Café", "Parkering"}, "")).status == 401);
  // Nothing of any refusal was stored or logged.
  BOOST_TEST(s.Get(Path(b.k, "/answer"), resident).status == 404);
  BOOST_TEST(LogOfKind(s, "questionnaire.answered").empty());
  BOOST_TEST(s.Get(Path(b.k, "/results"), official).json()["questions"][0]["respondents"] == 0);
}

BOOST_AUTO_TEST_CASE(results_count_each_respondents_latest_answer_and_follow_the_visibility_choice) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  Built b = Build(s, official);
  Publish(s, official, b.k);
  std::vector<std::string> people;
  for (int i = 0; i < 5; ++i) people.push_back(s.ResidentToken());
  std::vector<json> sent = {
      Answer(b, "Ja", {"Träd", "Lek"}, 5, {"Grönt", "Café", "Parkering"}, "Fler träd"),
      Answer(b, "Nej", {"Ljus"}, 2, {"Parkering", "Grönt", "Café"}, ""),
      Answer(b, "Ja", {}, 4, {"Café", "Grönt", "Parkering"}, "Café nu"),
      Answer(b, "Vet ej", {"Träd"}, 1, {"Grönt", "Parkering", "Café"}, ""),
      Answer(b, "Nej", {"Vatten", "Träd"}, 3, {"Grönt", "Café", "Parkering"}, "Hej")};
  for (size_t i = 0; i < people.size(); ++i) {
    auto r = s.Put(Path(b.k, "/answer"), sent[i], people[i]);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    BOOST_TEST(r.json()["version"] == 1);
  }
  // Person 1 changes their mind; person 3 withdraws.
  sent[1] = Answer(b, "Ja", {"Lek"}, 4, {"Café", "Parkering", "Grönt"}, "");
  auto changed = s.Put(Path(b.k, "/answer"), sent[1], people[1]);
  BOOST_TEST(changed.json()["version"] == 2);
  BOOST_TEST(s.Delete(Path(b.k, "/answer"), people[3]).status == 204);
  BOOST_TEST(s.Get(Path(b.k, "/answer"), people[3]).status == 404);
  BOOST_TEST(s.Delete(Path(b.k, "/answer"), people[3]).status == 404);
  std::vector<json> counted = {sent[0], sent[1], sent[2], sent[4]};

  // Count here, independently of the server.
  std::map<std::string, int> single, multi;
  int multi_respondents = 0, text_answers = 0;
  double scale_sum = 0;
  std::map<std::string, int> borda;
  for (const auto& a : counted) {
    for (const auto& item : a["answers"]) {
      if (item["question_id"] == b.single) ++single[item["choices"][0]];
      if (item["question_id"] == b.multi && !item["choices"].empty()) {
        ++multi_respondents;
        for (const auto& c : item["choices"]) ++multi[c];
      }
      if (item["question_id"] == b.scale) scale_sum += item["value"].get<int>();
      if (item["question_id"] == b.rank) {
        for (int r = 0; r < 3; ++r) borda[item["ranking"][r]] += 3 - (r + 1);
      }
      if (item["question_id"] == b.text) ++text_answers;
    }
  }

  // Residents see nothing while open (after_close), officials everything.
  BOOST_TEST(s.Get(Path(b.k, "/results"), people[0]).status == 403);
  BOOST_TEST(s.Get(Path(b.k, "/results")).status == 403);
  auto res = s.Get(Path(b.k, "/results"), official);
  BOOST_REQUIRE(res.status == 200);
  auto q = res.json()["questions"];
  BOOST_REQUIRE(q.size() == 5u);
  BOOST_TEST(q[0]["respondents"] == 4);
  for (const auto& o : q[0]["options"]) {
    BOOST_TEST(o["count"] == single[o["label"]]);
    BOOST_TEST(o["share"].get<double>() == single[o["label"]] / 4.0, boost::test_tools::tolerance(1e-9));
  }
  BOOST_TEST(q[1]["respondents"] == multi_respondents);
  for (const auto& o : q[1]["options"]) BOOST_TEST(o["count"] == multi[o["label"]]);
  BOOST_TEST(q[2]["mean"].get<double>() == scale_sum / 4.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(q[2]["median"].get<double>() == 4.0);  // 5, 4, 4, 3
  BOOST_TEST(q[2]["options"].size() == 5u);
  BOOST_TEST(q[2]["low_label"] == "Inte alls");
  for (const auto& r : q[3]["ranking"]) BOOST_TEST(r["borda"] == borda[r["label"]]);
  BOOST_TEST(q[3]["ranking"][0]["label"] == "Café");  // Borda 6, Grönt 5, Parkering 1
  BOOST_TEST(q[4]["text_answers_visible"] == text_answers);
  BOOST_TEST(q[4].contains("options") == false);

  // The log: respondents by pseudonym, free text only as a digest.
  auto answered = LogOfKind(s, "questionnaire.answered");
  BOOST_TEST(answered.size() == 6u);
  for (const auto& e : answered) {
    std::string dump = e["payload"].dump();
    BOOST_TEST(dump.find("Fler träd") == std::string::npos);
    BOOST_TEST(dump.find("Café nu") == std::string::npos);
    BOOST_TEST(e["payload"]["respondent"].get<std::string>().starts_with("Invånare"));
  }
  BOOST_TEST(answered[0]["payload"]["answers"][4].contains("text_sha256"));
  BOOST_TEST(LogOfKind(s, "questionnaire.withdrawn").size() == 1u);

  // "during": everyone sees them while open.
  BOOST_TEST(s.Put(Path(b.k, "/questions"), {{"results_visibility", "during"}}, people[0]).status == 403);
  BOOST_REQUIRE(s.Put(Path(b.k, "/questions"), {{"results_visibility", "during"}}, official).status == 200);
  BOOST_TEST(s.Get(Path(b.k, "/results")).status == 200);
  BOOST_REQUIRE(s.Put(Path(b.k, "/questions"), {{"results_visibility", "after_close"}}, official).status == 200);
  BOOST_TEST(s.Get(Path(b.k, "/results")).status == 403);
  // Closed: everyone sees them, and answers no longer change.
  s.SetTime(kClockStart + 25 * kDay);
  auto after = s.Get(Path(b.k, "/results"));
  BOOST_TEST(after.status == 200);
  BOOST_TEST(after.json()["questions"][0]["respondents"] == 4);
  BOOST_TEST(s.Put(Path(b.k, "/answer"), sent[0], people[0]).status == 409);
  BOOST_TEST(s.Delete(Path(b.k, "/answer"), people[0]).status == 409);
}

BOOST_AUTO_TEST_CASE(moderators_hide_a_free_text_answer_and_it_counts_as_hidden) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string resident = s.ResidentToken();
  Built b = Build(s, official);
  Publish(s, official, b.k);
  BOOST_REQUIRE(s.Put(Path(b.k, "/answer"), Answer(b, "Ja", {}, 3, {"Grönt", "Café", "Parkering"}, "070-1234567"),
                      resident).status == 200);
  int64_t answer_id = s.Get(Path(b.k, "/answer"), resident).json()["id"];
  std::string path = "/api/v1/questionnaire-answers/" + std::to_string(answer_id) + "/questions/" +
                     std::to_string(b.text) + "/moderation";
  BOOST_TEST(s.Post(path, {{"action", "hide"}, {"reason", "personal_data"}}, resident).status == 403);
  BOOST_TEST(s.Post(path, {{"action", "hide"}, {"reason", ""}}, moderator).status == 422);
  auto hid = s.Post(path, {{"action", "hide"}, {"reason", "Telefonnummer"}}, moderator);
  BOOST_REQUIRE_MESSAGE(hid.status == 200, hid.body);
  BOOST_TEST(s.Post(path, {{"action", "hide"}, {"reason", "igen"}}, moderator).status == 409);
  auto mine = s.Get(Path(b.k, "/answer"), resident);
  BOOST_TEST(mine.body.find("070") == std::string::npos);
  BOOST_TEST(mine.json()["answers"][3]["hidden"] == true);  // the multiple choice was left blank
  json q = s.Get(Path(b.k, "/results"), official).json()["questions"];
  BOOST_TEST(q[4]["text_answers_hidden"] == 1);
  BOOST_TEST(q[4]["text_answers_visible"] == 0);
  auto acts = LogOfKind(s, "questionnaire.text_hidden");
  BOOST_REQUIRE(acts.size() == 1u);
  BOOST_TEST(acts[0]["payload"]["reason"] == "Telefonnummer");
  // Closed: the results page lists visible free text only.
  s.SetTime(kClockStart + 25 * kDay);
  std::string page = "/consultations/" + std::to_string(b.k) + "/questionnaire";
  auto hidden_page = s.Get(page);
  BOOST_REQUIRE(hidden_page.status == 200);
  BOOST_TEST(hidden_page.body.find("070-1234567") == std::string::npos);
  BOOST_TEST(hidden_page.body.find("1 dolda av moderator") != std::string::npos);
  BOOST_TEST(s.Post(path, {{"action", "restore"}, {"reason", "Fel"}}, moderator).status == 200);
  BOOST_TEST(s.Get(Path(b.k, "/results"), official).json()["questions"][4]["text_answers_visible"] == 1);
  BOOST_TEST(s.Get(page).body.find("070-1234567") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(open_data_holds_current_answers_with_pseudonyms_and_every_question_version) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string anna = s.ResidentToken("Anna Andersson");
  std::string bo = s.ResidentToken("Bo Berg");
  std::string cilla = s.ResidentToken("Cilla");
  Built b = Build(s, official);
  Publish(s, official, b.k);
  BOOST_REQUIRE(s.Put(Path(b.k, "/answer"), Answer(b, "Ja", {"Träd", "Lek"}, 4, {"Café", "Grönt", "Parkering"}, "Ring mig 0701"), anna).status == 200);
  BOOST_REQUIRE(s.Put(Path(b.k, "/answer"), Answer(b, "Nej", {}, 2, {"Grönt", "Café", "Parkering"}, "Fler träd"), bo).status == 200);
  BOOST_REQUIRE(s.Put(Path(b.k, "/answer"), Answer(b, "Vet ej", {}, 1, {"Grönt", "Café", "Parkering"}, ""), cilla).status == 200);
  BOOST_REQUIRE(s.Delete(Path(b.k, "/answer"), cilla).status == 204);
  int64_t anna_answer = s.Get(Path(b.k, "/answer"), anna).json()["id"];
  BOOST_REQUIRE(s.Post("/api/v1/questionnaire-answers/" + std::to_string(anna_answer) + "/questions/" +
                           std::to_string(b.text) + "/moderation",
                       {{"action", "hide"}, {"reason", "Telefonnummer"}}, moderator).status == 200);
  BOOST_REQUIRE(s.Put(Path(b.k, "/questions/" + std::to_string(b.single)),
                      {{"text", "Behövs det fler bänkar?"}, {"reason", "Tydligare"}}, official).status == 200);

  auto rows = s.Get("/opendata/questionnaire_answers.ndjson");
  BOOST_REQUIRE_MESSAGE(rows.status == 200, rows.body);
  std::vector<json> items;
  for (size_t at = 0; at < rows.body.size();) {
    size_t end = rows.body.find('\n', at);
    if (end == std::string::npos) end = rows.body.size();
    if (end > at) items.push_back(json::parse(rows.body.substr(at, end - at)));
    at = end + 1;
  }
  // Anna: five items, Bo: four (no multiple choice); Cilla withdrew.
  BOOST_TEST(items.size() == 9u);
  BOOST_TEST(rows.body.find("Anna") == std::string::npos);
  BOOST_TEST(rows.body.find("0701") == std::string::npos);
  BOOST_TEST(rows.body.find("Vet ej") == std::string::npos);
  std::set<std::string> respondents;
  for (const auto& r : items) {
    respondents.insert(r["respondent"].get<std::string>());
    if (r["question_id"] == b.multi) BOOST_TEST(r["value"] == json({"Träd", "Lek"}).dump());
    if (r["question_id"] == b.single && r["answer_id"] == anna_answer) BOOST_TEST(r["value"] == "Ja");
    if (r["question_id"] == b.scale && r["answer_id"] == anna_answer) BOOST_TEST(r["value"] == "4");
    if (r["question_id"] == b.text && r["answer_id"] == anna_answer) {
      BOOST_TEST(r["hidden"] == true);
      BOOST_TEST(r["hidden_reason"] == "Telefonnummer");
      BOOST_TEST(r["value"].is_null());
    }
    if (r["question_id"] == b.text && r["answer_id"] != anna_answer) BOOST_TEST(r["value"] == "Fler träd");
  }
  BOOST_TEST(respondents.size() == 2u);
  for (const auto& p : respondents) BOOST_TEST(p.starts_with("Invånare"));

  auto questions = s.Get("/opendata/questionnaire_questions.csv");
  BOOST_REQUIRE(questions.status == 200);
  BOOST_TEST(questions.body.find("Behövs fler bänkar?") != std::string::npos);
  BOOST_TEST(questions.body.find("Behövs det fler bänkar?") != std::string::npos);
  BOOST_TEST(questions.body.find("Tydligare") != std::string::npos);
  auto package = s.Get("/opendata/questionnaire_answers/datapackage.json");
  BOOST_REQUIRE(package.status == 200);
  BOOST_TEST(package.json()["resources"][0]["schema"]["fields"].size() == 10u);
  BOOST_TEST(s.Get("/opendata/catalog.jsonld").body.find("questionnaire_questions") != std::string::npos);
}
