// The authorization matrix: every mutating endpoint of the OpenAPI document,
// called as anonymous, resident, the wrong resident, moderator, official and
// admin, must succeed for exactly the roles in its row and be refused (401
// anonymous, 403 signed in) for the others. An endpoint without a row fails
// the test, so a new one cannot slip in unreviewed.
#define BOOST_TEST_MODULE authorization_matrix_e2e
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <functional>
#include <set>

#include "tests/support/test_server.h"
#include "tests/support/web_forms.h"
#include "tests/support/follow_mail.h"

using samrad::testing::HttpResult;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
const std::vector<std::string> kRoles = {"anonymous", "resident", "wrong_resident",
                                         "moderator", "official", "admin"};
const std::set<std::string> kSignedIn = {"resident", "wrong_resident", "moderator", "official", "admin"};
const std::set<std::string> kOfficials = {"official", "admin"};
const std::set<std::string> kModerators = {"moderator", "admin"};
const std::set<std::string> kEveryone = {"anonymous", "resident", "wrong_resident",
                                         "moderator", "official", "admin"};

// Fresh things to act on, made by their rightful owners for every call, so
// that one call's success never changes what the next one meets.
struct Fixture {
  int64_t open = 0;      // a published, open consultation
  int64_t draft = 0;     // a draft consultation
  int64_t comment = 0;   // by "resident" on the open consultation
  int64_t decision = 0;  // by an official
  int64_t user = 0;      // the resident's user id
  int n = 0;             // unique per call
};

struct World {
  TestServer& s;
  std::map<std::string, std::string> tokens;
  int counter = 0;

  Fixture Make() {
    Fixture f;
    f.n = ++counter;
    std::string official = tokens["official"];
    json k = {{"title", "Samråd " + std::to_string(f.n)}, {"summary", "S"}, {"body", "B"},
              {"language", "sv"}, {"opens_at", "2020-01-01"}, {"closes_at", "2040-01-01"}};
    f.open = s.Post("/api/v1/consultations", k, official).json()["id"];
    BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(f.open) + "/publish", json::object(), official).status == 200);
    f.draft = s.Post("/api/v1/consultations", k, official).json()["id"];
    auto c = s.Post("/api/v1/consultations/" + std::to_string(f.open) + "/comments",
                    {{"body", "Synpunkt nummer " + std::to_string(f.n)}}, tokens["resident"]);
    BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
    f.comment = c.json()["id"];
    f.decision = s.Post("/api/v1/decisions",
                        {{"title", "Beslut " + std::to_string(f.n)}, {"body", "B"}, {"body_name", "KS"},
                         {"reference", "KS " + std::to_string(f.n)}, {"decided_at", "2026-11-01"},
                         {"outcome", "approved"}},
                        official).json()["id"];
    f.user = s.Get("/api/v1/me", tokens["resident"]).json()["id"];
    return f;
  }

  // A free-text question added by an official (with a reason when published).
  int64_t Question(int64_t consultation, bool published) {
    json q = {{"type", "text"}, {"text", "Fråga " + std::to_string(++counter)}};
    if (published) q["reason"] = "Ny fråga";
    auto r = s.Post("/api/v1/consultations/" + std::to_string(consultation) + "/questions", q, tokens["official"]);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json()["id"];
  }

  // "resident"'s free-text answer on the open consultation, as
  // /api/v1/questionnaire-answers/{answer}/questions/{question}.
  std::string TextAnswer(const Fixture& f) {
    int64_t q = Question(f.open, true);
    std::string answer = "/api/v1/consultations/" + std::to_string(f.open) + "/answer";
    s.Put(answer, {{"answers", {{{"question_id", q}, {"text", "Svar"}}}}}, tokens["resident"]);
    int64_t a = s.Get(answer, tokens["resident"]).json()["id"];
    return "/api/v1/questionnaire-answers/" + std::to_string(a) + "/questions/" + std::to_string(q);
  }
};

using Call = std::function<HttpResult(World&, const Fixture&, const std::string& token)>;

struct Row {
  std::set<std::string> allowed;  // roles that must succeed (2xx)
  Call call;
  bool fresh_user = false;        // the call needs a caller of its own (ends the account or session, ...)
};

std::string Id(int64_t v) { return std::to_string(v); }

std::map<std::string, Row> Matrix() {
  std::map<std::string, Row> m;
  m["POST /api/v1/accounts"] = {kEveryone, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/accounts", {{"email", "new" + Id(f.n) + "@matrix.example"},
                                         {"password", "long enough"}, {"display_name", "Ny"}}, t);
  }};
  m["POST /api/v1/sessions"] = {kEveryone, [](World& w, const Fixture&, const std::string& t) {
    return w.s.Post("/api/v1/sessions", {{"email", "login@matrix.example"}, {"password", "long enough"}}, t);
  }};
  m["DELETE /api/v1/sessions/current"] = {kSignedIn, [](World& w, const Fixture&, const std::string& t) {
    return w.s.Delete("/api/v1/sessions/current", t);
  }, true};
  m["PUT /api/v1/users/{id}/role"] = {{"admin"}, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Put("/api/v1/users/" + Id(f.user) + "/role", {{"role", "resident"}}, t);
  }};
  m["DELETE /api/v1/me"] = {kSignedIn, [](World& w, const Fixture&, const std::string& t) {
    return w.s.Delete("/api/v1/me", t);
  }, true};
  m["PATCH /api/v1/me"] = {kSignedIn, [](World& w, const Fixture&, const std::string& t) {
    return w.s.Patch("/api/v1/me", {{"public_name", true}}, t);
  }};
  m["POST /api/v1/me/notifications/read"] = {kSignedIn, [](World& w, const Fixture&, const std::string& t) {
    return w.s.Post("/api/v1/me/notifications/read", {{"all", true}}, t);
  }};
  m["PUT /api/v1/me/notification-settings"] = {kSignedIn, [](World& w, const Fixture&, const std::string& t) {
    return w.s.Put("/api/v1/me/notification-settings",
                   {{"items", {{{"kind", "reply"}, {"enabled", true}, {"email", false}}}}}, t);
  }};
  m["POST /api/v1/consultations"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/consultations", {{"title", "T" + Id(f.n)}, {"summary", "S"}, {"body", "B"},
                                              {"language", "sv"}, {"opens_at", "2020-01-01"}, {"closes_at", "2040-01-01"}}, t);
  }};
  m["PATCH /api/v1/consultations/{id}"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Patch("/api/v1/consultations/" + Id(f.open), {{"summary", "Ändrad"}}, t);
  }};
  m["POST /api/v1/consultations/{id}/publish"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/consultations/" + Id(f.draft) + "/publish", json::object(), t);
  }};
  m["POST /api/v1/consultations/{id}/extension"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/consultations/" + Id(f.open) + "/extension",
                    {{"closes_at", "2041-01-01"}, {"reason", "Fler svar behövs"}}, t);
  }};
  m["POST /api/v1/consultations/{id}/comments"] = {kSignedIn, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/consultations/" + Id(f.open) + "/comments", {{"body", "Svar " + Id(f.n)}}, t);
  }};
  m["PATCH /api/v1/comments/{id}"] = {{"resident"}, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Patch("/api/v1/comments/" + Id(f.comment), {{"body", "Ändrad synpunkt " + Id(f.n)}}, t);
  }};
  m["PUT /api/v1/comments/{id}/reaction"] = {kSignedIn, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Put("/api/v1/comments/" + Id(f.comment) + "/reaction", {{"kind", "support"}}, t);
  }};
  m["DELETE /api/v1/comments/{id}/reaction"] = {kSignedIn, [](World& w, const Fixture& f, const std::string& t) {
    w.s.Put("/api/v1/comments/" + Id(f.comment) + "/reaction", {{"kind", "oppose"}}, t);
    return w.s.Delete("/api/v1/comments/" + Id(f.comment) + "/reaction", t);
  }};
  // A fresh caller: the fixture comment is "resident"'s own, which its author may not flag.
  m["POST /api/v1/comments/{id}/flags"] = {kSignedIn, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/comments/" + Id(f.comment) + "/flags", {{"reason", "spam"}}, t);
  }, true};
  m["POST /api/v1/comments/{id}/moderation"] = {kModerators, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/comments/" + Id(f.comment) + "/moderation", {{"action", "hide"}, {"reason", "Reklam"}}, t);
  }};
  // Questionnaires: officials build them, residents (and moderators, who are
  // not staff of the consultation) answer their own, moderators hide free text.
  m["POST /api/v1/consultations/{id}/questions"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/consultations/" + Id(f.draft) + "/questions", {{"type", "text"}, {"text", "Fråga"}}, t);
  }};
  m["PUT /api/v1/consultations/{id}/questions"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Put("/api/v1/consultations/" + Id(f.open) + "/questions", {{"results_visibility", "during"}}, t);
  }};
  m["PUT /api/v1/consultations/{id}/questions/{qid}"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    int64_t q = w.Question(f.draft, false);
    return w.s.Put("/api/v1/consultations/" + Id(f.draft) + "/questions/" + Id(q), {{"text", "Ändrad"}}, t);
  }};
  m["DELETE /api/v1/consultations/{id}/questions/{qid}"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    int64_t q = w.Question(f.draft, false);
    return w.s.Delete("/api/v1/consultations/" + Id(f.draft) + "/questions/" + Id(q), t);
  }};
  const std::set<std::string> answering = {"resident", "wrong_resident", "moderator"};
  m["PUT /api/v1/consultations/{id}/answer"] = {answering, [](World& w, const Fixture& f, const std::string& t) {
    int64_t q = w.Question(f.open, true);
    return w.s.Put("/api/v1/consultations/" + Id(f.open) + "/answer", {{"answers", {{{"question_id", q}, {"text", "Svar"}}}}}, t);
  }};
  m["DELETE /api/v1/consultations/{id}/answer"] = {answering, [](World& w, const Fixture& f, const std::string& t) {
    int64_t q = w.Question(f.open, true);
    w.s.Put("/api/v1/consultations/" + Id(f.open) + "/answer", {{"answers", {{{"question_id", q}, {"text", "Svar"}}}}}, t);
    return w.s.Delete("/api/v1/consultations/" + Id(f.open) + "/answer", t);
  }};
  m["POST /api/v1/questionnaire-answers/{id}/questions/{qid}/moderation"] = {kModerators, [](World& w, const Fixture& f, const std::string& t) {
    int64_t q = w.Question(f.open, true);
    std::string answer = "/api/v1/consultations/" + Id(f.open) + "/answer";
    w.s.Put(answer, {{"answers", {{{"question_id", q}, {"text", "Svar"}}}}}, w.tokens["resident"]);
    int64_t a = w.s.Get(answer, w.tokens["resident"]).json()["id"];
    return w.s.Post("/api/v1/questionnaire-answers/" + Id(a) + "/questions/" + Id(q) + "/moderation",
                    {{"action", "hide"}, {"reason", "Personuppgifter"}}, t);
  }};
  // Free text is flagged and its moderation undone as a comment's.
  m["POST /api/v1/questionnaire-answers/{id}/questions/{qid}/flags"] = {kSignedIn, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post(w.TextAnswer(f) + "/flags", {{"reason", "spam"}}, t);
  }, true};
  m["POST /api/v1/questionnaire-answers/{id}/questions/{qid}/moderation/undo"] = {kModerators, [](World& w, const Fixture& f, const std::string& t) {
    std::string text = w.TextAnswer(f);
    w.s.Post(text + "/moderation", {{"action", "hide"}, {"reason", "Personuppgifter"}}, w.tokens["moderator"]);
    return w.s.Post(text + "/moderation/undo", {{"reason", "Ångrat"}}, t);
  }};
  m["POST /api/v1/comments/{id}/moderation/undo"] = {kModerators, [](World& w, const Fixture& f, const std::string& t) {
    std::string comment = "/api/v1/comments/" + Id(f.comment);
    w.s.Post(comment + "/moderation", {{"action", "hide"}, {"reason", "Reklam"}}, w.tokens["moderator"]);
    return w.s.Post(comment + "/moderation/undo", {{"reason", "Ångrat"}}, t);
  }};
  m["POST /api/v1/decisions"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/decisions", {{"title", "B" + Id(f.n)}, {"body", "B"}, {"body_name", "KS"},
                                          {"reference", "R"}, {"decided_at", "2026-11-02"}, {"outcome", "rejected"}}, t);
  }};
  m["POST /api/v1/decisions/{id}/amendments"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/decisions/" + Id(f.decision) + "/amendments",
                    {{"changes", {{"outcome", "revoked"}}}, {"reason", "Upphävt"}}, t);
  }};
  // Anyone signed in follows; only the follower changes or stops it;
  // confirming by e-mail needs nothing but the e-mailed token.
  m["POST /api/v1/subscriptions"] = {kSignedIn, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Post("/api/v1/subscriptions", {{"target_kind", "consultation"}, {"target", f.open}}, t);
  }};
  auto residents_subscription = [](World& w, const Fixture& f) {
    auto r = w.s.Post("/api/v1/subscriptions", {{"target_kind", "consultation"}, {"target", f.open}}, w.tokens["resident"]);
    return "/api/v1/subscriptions/" + Id(r.json()["id"].get<int64_t>());
  };
  m["PATCH /api/v1/subscriptions/{id}"] = {{"resident"}, [residents_subscription](World& w, const Fixture& f, const std::string& t) {
    return w.s.Patch(residents_subscription(w, f), {{"frequency", "daily"}}, t);
  }};
  m["DELETE /api/v1/subscriptions/{id}"] = {{"resident"}, [residents_subscription](World& w, const Fixture& f, const std::string& t) {
    return w.s.Delete(residents_subscription(w, f), t);
  }};
  m["POST /api/v1/subscriptions/confirm"] = {kEveryone, [](World& w, const Fixture& f, const std::string& t) {
    std::string address = "follow" + Id(f.n) + "@matrix.example";
    w.s.Post("/api/v1/subscriptions", {{"target_kind", "consultation"}, {"target", f.open}, {"email", address}});
    return w.s.Post("/api/v1/subscriptions/confirm", {{"token", samrad::testing::ConfirmTokenFor(w.s, address)}}, t);
  }};
  m["POST /api/v1/datasets"] = {kOfficials, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Request("POST", "/api/v1/datasets?name=matris" + Id(f.n) + "&title=T&description=D&theme=GOVE",
                       "a,b\r\n1,2\r\n", t, {{"Content-Type", "text/csv"}});
  }};
  // The WebSub hub is public like the feeds it serves: subscribers are
  // servers without accounts (the callback, on loopback port 9, is allowed
  // by --websub-allow and refuses the verification).
  m["POST /websub"] = {kEveryone, [](World& w, const Fixture& f, const std::string& t) {
    return w.s.Request("POST", "/websub",
                       "hub.mode=subscribe&hub.topic=" + samrad::testing::Encode(w.s.url() + "/feeds/decisions.atom") +
                           "&hub.callback=" + samrad::testing::Encode("http://127.0.0.1:9/matrix" + Id(f.n)),
                       t, samrad::testing::kForm);
  }};
  // CKAN's action API takes its read parameters as a POSTed object too, at
  // both its paths: every action is a read, open to everyone.
  const std::map<std::string, json> ckan_reads = {
      {"package_list", json::object()},
      {"package_search", json::object()},
      {"package_show", {{"id", "events"}}},
      {"datastore_search", {{"resource_id", "events"}, {"limit", 1}}},
      {"current_package_list_with_resources", json::object()},
      {"resource_show", {{"id", "events-csv"}}},
      {"organization_list", json::object()},
      {"organization_show", {{"id", "nacka-kommun"}}},
      {"group_list", json::object()},
      {"group_show", {{"id", "gove"}}},
      {"tag_list", json::object()},
      {"license_list", json::object()},
      {"status_show", json::object()},
      {"help_show", {{"name", "package_show"}}},
      {"{action}", json::object()}};
  for (const std::string prefix : {"/api/3/action/", "/api/action/"}) {
    for (const auto& [action, body] : ckan_reads) {
      std::string path = prefix + (action == "{action}" ? "package_list" : action);
      m["POST " + prefix + action] = {kEveryone, [path, body](World& w, const Fixture&, const std::string& t) {
        return w.s.Post(path, body, t);
      }};
    }
  }
  return m;
}

// Web forms need the session cookie and its CSRF token; their roles and CSRF
// refusals are tested in web_e2e_test.cpp and web_comments_e2e_test.cpp. Listed here so that a new form is
// a conscious decision too.
const std::set<std::string> kWebForms = {
    "POST /follow", "POST /follow/confirm", "POST /unsubscribe", "POST /me/subscriptions/{id}/frequency",
    "POST /me/subscriptions/{id}/delete",
    "POST /decisions/{id}/amendments", "POST /desk/consultations", "POST /desk/consultations/{id}/publish",
    "POST /desk/decisions", "POST /login", "POST /logout", "POST /register",
    "POST /comments/{id}/edit", "POST /comments/{id}/flags", "POST /comments/{id}/moderation",
    "POST /comments/{id}/reaction", "POST /consultations/{id}/comments", "POST /me/delete",
    "POST /me/notifications/read", "POST /me/notifications/settings",
    "POST /me/privacy", "POST /desk/moderation/{id}", "POST /desk/answers/{id}", "POST /desk/consultations/{id}",
    "POST /desk/consultations/{id}/extension", "POST /desk/decisions/{id}/amend",
    "POST /consultations/{id}/questionnaire", "POST /consultations/{id}/questionnaire/withdraw",
    "POST /desk/consultations/{id}/questions", "POST /desk/consultations/{id}/questions/{qid}",
    "POST /desk/consultations/{id}/questionnaire", "POST /desk/questionnaire-texts/{id}/{qid}",
    "POST /desk/consultations/{id}/report", "POST /consultations/{id}/questionnaire/answers/{aid}/{qid}/flags",
    "POST /desk/moderation/answers/{aid}/{qid}"};

// The desk's forms, posted with each role's own session and CSRF token:
// {form, roles that are served (303), fields}. Anyone else gets 403.
struct DeskForm {
  std::string path;
  std::set<std::string> allowed;
  std::vector<std::pair<std::string, std::string>> fields;
};

std::vector<DeskForm> DeskForms(const Fixture& f) {
  std::vector<std::pair<std::string, std::string>> consultation = {
      {"title", "Samråd " + Id(f.n)}, {"summary", "S"}, {"body", "B"}, {"language", "sv"}, {"opens_at", "2020-01-01"},
      {"closes_at", "2040-01-01"}, {"op", "save"}, {"desk_reason", "Förtydligat"}};
  return {
      {"/desk/moderation/" + Id(f.comment), kModerators, {{"action", "hide"}, {"moderation_reason", "Reklam"}}},
      {"/desk/answers/" + Id(f.comment), kOfficials, {{"desk_answer_body", "Svar från kommunen"}}},
      {"/desk/consultations/" + Id(f.open), kOfficials, consultation},
      {"/desk/consultations/" + Id(f.open) + "/extension", kOfficials,
       {{"desk_closes_at", "2041-01-01"}, {"desk_extension_reason", "Fler svar"}}},
      {"/desk/consultations/" + Id(f.draft) + "/questions", kOfficials,
       {{"questionnaire_type", "text"}, {"questionnaire_text", "Något mer?"}}},
      {"/desk/consultations/" + Id(f.open) + "/questionnaire", kOfficials, {{"results_visibility", "during"}}},
      {"/desk/consultations/" + Id(f.open) + "/report", kOfficials,
       {{"report_intro_md", "Inledning"}, {"report_summary_md", "Sammanfattning"}}},
      {"/desk/decisions/" + Id(f.decision) + "/amend", kOfficials,
       {{"title", "Beslut " + Id(f.n)}, {"body", "B"}, {"body_name", "KS"}, {"reference", "KS " + Id(f.n) + "b"},
        {"decided_at", "2026-11-01"}, {"outcome", "approved"}, {"op", "save"}, {"desk_reason", "Rättat diarienummer"}}},
      {"/desk/consultations", kOfficials, consultation},
      {"/desk/consultations/" + Id(f.draft) + "/publish", kOfficials, {}},
      {"/desk/decisions", kOfficials,
       {{"title", "Beslut " + Id(f.n)}, {"body", "B"}, {"body_name", "KS"}, {"reference", "KS " + Id(f.n) + "c"},
        {"decided_at", "2026-11-01"}, {"outcome", "approved"}, {"consultation_ids", Id(f.open)},
        {"close_" + Id(f.open), "as_planned"}, {"op", "save"}}},
      {"/comments/" + Id(f.comment) + "/moderation", kModerators, {{"action", "hide"}, {"moderation_reason", "Reklam"}}},
  };
}

// The route of a form's path: its numbers named {id}, then {qid}.
std::string Route(const std::string& path) {
  std::string out;
  int numbers = 0;
  for (size_t i = 0; i < path.size();) {
    size_t end = path.find('/', i + 1);
    std::string part = path.substr(i, end == std::string::npos ? std::string::npos : end - i);
    bool number = part.size() > 1 && part.find_first_not_of("0123456789", 1) == std::string::npos;
    out += number ? (numbers++ == 0 ? "/{id}" : "/{qid}") : part;
    i = end == std::string::npos ? path.size() : end;
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(every_staff_form_has_a_row_in_the_desk_matrix) {
  std::set<std::string> rows;
  for (const auto& form : DeskForms(Fixture{})) rows.insert("POST " + Route(form.path));
  for (const auto& key : kWebForms) {
    if (!key.starts_with("POST /desk/") && key != "POST /comments/{id}/moderation") continue;
    if (key.find("{qid}") != std::string::npos) continue;  // needs a question of its own, not a fixture's
    BOOST_TEST(rows.count(key) == 1u, "no row in DeskForms for " << key);
  }
}

BOOST_AUTO_TEST_CASE(every_mutating_endpoint_allows_exactly_its_roles) {
  setenv("SAMRAD_COMMENTS_PER_MINUTE", "100000", 1);  // inherited by the server
  TestServer s(false, {"--websub-allow", "127.0.0.1/32", "--follows-per-hour", "1000"});
  World w{s, {}, 0};
  w.tokens["anonymous"] = "";
  w.tokens["resident"] = s.ResidentToken("Författaren");
  w.tokens["wrong_resident"] = s.ResidentToken("Någon annan");
  for (const char* r : {"moderator", "official", "admin"}) w.tokens[r] = s.UserToken(r);
  s.Post("/api/v1/accounts", {{"email", "login@matrix.example"}, {"password", "long enough"}, {"display_name", "L"}});

  auto matrix = Matrix();
  auto doc = s.Get("/api/v1/openapi.json").json();
  int checked = 0;
  for (const auto& [path, ops] : doc["paths"].items()) {
    for (const auto& [method, op] : ops.items()) {
      std::string m = method;
      for (auto& c : m) c = static_cast<char>(std::toupper(c));
      if (m != "POST" && m != "PUT" && m != "PATCH" && m != "DELETE") continue;
      std::string key = m + " " + path;
      if (kWebForms.count(key)) continue;
      auto row = matrix.find(key);
      BOOST_TEST_CONTEXT(key) {
        BOOST_TEST((row != matrix.end()), "no row in the authorization matrix for " << key);
        if (row == matrix.end()) continue;
        for (const auto& role : kRoles) {
          BOOST_TEST_CONTEXT("as " << role) {
            Fixture f = w.Make();
            std::string token = w.tokens[role];
            if (row->second.fresh_user && role != "anonymous") {
              token = role.find("resident") != std::string::npos ? s.ResidentToken() : s.UserToken(role);
            }
            auto r = row->second.call(w, f, token);
            bool allowed = row->second.allowed.count(role) > 0;
            if (allowed) {
              BOOST_TEST((r.status >= 200 && r.status < 300), "status " << r.status << ": " << r.body);
            } else {
              BOOST_TEST(r.status == (role == "anonymous" ? 401 : 403), "status " << r.status << ": " << r.body);
            }
            ++checked;
          }
        }
      }
    }
  }
  BOOST_TEST(checked >= 20 * 6);
  // Every row names an endpoint that exists.
  for (const auto& [key, row] : matrix) {
    auto space = key.find(' ');
    std::string method = key.substr(0, space), path = key.substr(space + 1);
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    BOOST_TEST((doc["paths"].contains(path) && doc["paths"][path].contains(method)), "stale row " << key);
  }
}

BOOST_AUTO_TEST_CASE(every_desk_form_serves_exactly_its_roles) {
  TestServer s;
  World w{s, {}, 0};
  w.tokens["resident"] = s.ResidentToken("Författaren");
  for (const char* r : {"moderator", "official", "admin"}) w.tokens[r] = s.UserToken(r);
  std::map<std::string, samrad::testing::Browser> browsers;
  for (const char* r : {"resident", "moderator", "official", "admin"}) browsers[r] = samrad::testing::SignedIn(s, w.tokens[r]);
  browsers["wrong_resident"] = samrad::testing::SignedIn(s, s.ResidentToken("Någon annan"));
  for (size_t i = 0; i < DeskForms(w.Make()).size(); ++i) {
    for (const auto& role : kRoles) {
      DeskForm form = DeskForms(w.Make())[i];
      BOOST_TEST_CONTEXT("POST " << form.path << " as " << role) {
        HttpResult r = role == "anonymous"
                           ? s.Request("POST", form.path, samrad::testing::FormBody(form.fields), "", samrad::testing::kForm)
                           : browsers[role].Post(s, form.path, form.fields);
        BOOST_TEST(r.status == (form.allowed.count(role) ? 303 : 403), "status " << r.status);
      }
    }
  }
}
