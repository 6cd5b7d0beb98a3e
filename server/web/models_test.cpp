// Unit tests of the web layer's pure parts: times in Swedish time, desk
// forms to request JSON, escaping in templates, and the message catalogues.
#define BOOST_TEST_MODULE web_models
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/resources.h"
#include "server/web/desk_forms.h"
#include "server/web/format.h"
#include "server/web/models.h"
#include "server/web/templates.h"

using namespace samrad;
using namespace samrad::server;
using nlohmann::json;

namespace {
struct Fixture {
  Fixture() {
    crypto::InitCrypto();
    dir = std::filesystem::temp_directory_path() / ("samrad-web-unit-" + crypto::RandomToken(6));
    app = App::Open(dir.string(), true).value();
  }
  ~Fixture() { std::filesystem::remove_all(dir); }
  WebContext Context(ApiRequest& req) { return MakeWebContext(req, *app); }
  std::filesystem::path dir;
  std::shared_ptr<App> app;
};

ApiRequest Post(const std::string& body) {
  ApiRequest req;
  req.method = "POST";
  req.path = "/desk/decisions";
  req.body = body;
  return req;
}
}  // namespace

BOOST_AUTO_TEST_CASE(times_are_shown_in_swedish_time_across_the_summer_time_switch) {
  // Summer time starts 2027-03-28 at 01:00 UTC.
  BOOST_TEST(TimeView("2027-03-28T00:30:00Z", "sv")["datetime"] == "28 mars 2027 kl. 01:30");
  BOOST_TEST(TimeView("2027-03-28T01:30:00Z", "en")["datetime"] == "28 March 2027, 03:30");
  BOOST_TEST(TimeView("2027-10-31T00:59:00Z", "sv")["datetime"] == "31 oktober 2027 kl. 02:59");
  BOOST_TEST(TimeView("2027-10-31T01:00:00Z", "sv")["datetime"] == "31 oktober 2027 kl. 02:00");
  BOOST_TEST(TimeView("not a time", "sv").is_null());
  BOOST_TEST(DateInputValue(*ParseTime("2027-06-30T22:30:00Z")) == "2027-07-01");
}

BOOST_FIXTURE_TEST_CASE(a_consultation_form_becomes_the_request_with_swedish_days, Fixture) {
  ApiRequest req = Post(
      "title=+Cykelbana+&summary=S&body=B&language=sv&area=&tags=trafik%2C+cykel%2C+trafik%2C&"
      "opens_at=2027-06-01&closes_at=2027-01-20&sections_0_heading=Karta&sections_0_body=Se+kartan&"
      "sections_1_heading=&sections_1_body=");
  json state = ConsultationState(WebForm(req));
  json j = ConsultationBody(state, false);
  BOOST_TEST(j["title"] == "Cykelbana");
  BOOST_TEST(j["opens_at"] == "2027-05-31T22:00:00Z");   // midnight, summer time
  BOOST_TEST(j["closes_at"] == "2027-01-20T22:59:59Z");  // the end of the day, winter time
  BOOST_TEST(j["tags"] == json({"trafik", "cykel"}));
  BOOST_TEST(!j.contains("area"));
  BOOST_TEST(j["sections"].size() == 1u);  // an empty section is none
  BOOST_TEST(app->validator->Validate("consultation_create", j).ok());
  // A date the browser did not check stays as text, for the schema to name.
  ApiRequest bad = Post("title=T&opens_at=31%2F12&closes_at=2027-01-01");
  BOOST_TEST(ConsultationBody(ConsultationState(WebForm(bad)), false)["opens_at"] == "31/12");
}

BOOST_FIXTURE_TEST_CASE(section_buttons_add_remove_and_move_sections_with_their_values, Fixture) {
  ApiRequest req = Post("title=T&sections_0_id=4&sections_0_heading=A&sections_0_body=a&"
                        "sections_1_id=&sections_1_heading=B&sections_1_body=b");
  json state = ConsultationState(WebForm(req));
  std::string focus;
  BOOST_TEST(ApplySectionOp(state, "move-up-1", focus));
  BOOST_TEST(state["sections"][0]["heading"] == "B");
  BOOST_TEST(ConsultationBody(state, true)["sections"][1]["id"] == 4);  // a kept section keeps its id
  BOOST_TEST(ApplySectionOp(state, "add-section", focus));
  BOOST_TEST(state["sections"].size() == 3u);
  BOOST_TEST(focus == "f-sections_2_heading");
  BOOST_TEST(ApplySectionOp(state, "remove-section-0", focus));
  BOOST_TEST(state["sections"][0]["heading"] == "A");
  BOOST_TEST(ApplySectionOp(state, "move-up-0", focus));  // nothing above: the form again, unchanged
  BOOST_TEST(state["sections"][0]["heading"] == "A");
  BOOST_TEST(!ApplySectionOp(state, "save", focus));
}

BOOST_FIXTURE_TEST_CASE(a_decision_form_reads_counts_and_roll_call_rows_and_names_a_mismatch, Fixture) {
  ApiRequest req = Post(
      "title=T&body=B&body_name=KS&reference=R&decided_at=2027-02-01&outcome=approved&"
      "consultation_ids=3&consultation_ids=5&consultation_ids=x&votes_for=1&votes_against=1&"
      "roll_0_name=Anna+Ek&roll_0_party=S&roll_0_vote=for&roll_1_name=Bo+Berg&roll_1_party=M&roll_1_vote=against&"
      "roll_2_name=&roll_2_party=&roll_2_vote=for");
  WebContext ctx = Context(req);
  FormErrors errors;
  json j = DecisionBody(ctx, DecisionState(WebForm(req)), errors);
  BOOST_TEST(errors.empty());
  BOOST_TEST(j["consultation_ids"] == json({3, 5}));
  BOOST_TEST(j["votes"]["abstain"] == 0);
  BOOST_TEST(j["votes"]["roll_call"].size() == 2u);  // an empty row is no row
  BOOST_TEST(j["votes"]["roll_call"][1]["party"] == "M");
  BOOST_TEST(app->validator->Validate("decision_create", j).ok());
  ApiRequest bad = Post("votes_for=tre&votes_against=2&roll_0_name=Anna&roll_0_party=S&roll_0_vote=against");
  FormErrors bad_errors;
  DecisionBody(ctx, DecisionState(WebForm(bad)), bad_errors);
  BOOST_TEST(bad_errors.fields.count("votes_for") == 1u);
  BOOST_TEST(bad_errors.fields["votes_against"] == "Nej: 2 i rösträkningen, 1 i namnuppropet");
  // No votes at all: none in the request.
  ApiRequest none = Post("title=T");
  FormErrors no_errors;
  BOOST_TEST(DecisionBody(ctx, DecisionState(WebForm(none)), no_errors)["votes"].is_null());
}

BOOST_FIXTURE_TEST_CASE(service_errors_land_on_the_nearest_form_field, Fixture) {
  ApiRequest req = Post("");
  WebContext ctx = Context(req);
  std::vector<std::string> names = DecisionFieldNames(NewDecisionState(0));
  Status s = Invalid("bad", {{"/votes/for", "disagrees"}, {"/title", "too long"}, {"/odd", "x"}});
  FormErrors e = ErrorsFrom(ctx, s, names);
  BOOST_TEST(e.fields.count("votes_for") == 1u);
  BOOST_TEST(e.fields["title"] == ctx.Text("error_title"));
  BOOST_TEST(e.general == std::vector<std::string>{"x"});
  json field = FieldView(ctx, "title", "v", e, {{"required", true}});
  BOOST_TEST(field["describedby"] == "f-title-error");
  BOOST_TEST(ErrorSummary(ctx, e, names, "decision-form")["items"][0]["href"] == "#decision-form");
}

BOOST_FIXTURE_TEST_CASE(templates_escape_user_text_and_keep_rendered_markdown, Fixture) {
  ApiRequest req;
  req.path = "/";
  WebContext ctx = Context(req);
  Consultation k;
  k.id = 7;
  k.title = "<script>alert(1)</script>";
  k.summary = "\" onmouseover=\"x";
  k.body = "**fet** <b>rå</b>";
  k.language = "en";
  k.state = "open";
  json model = ConsultationView(ctx, k);
  model["t"] = ctx.t;
  std::string html = RenderTemplate("page_consultation", model);
  BOOST_TEST(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  BOOST_TEST(html.find("<script>") == std::string::npos);
  BOOST_TEST(html.find("&quot; onmouseover=&quot;x") != std::string::npos);
  BOOST_TEST(html.find("<strong>fet</strong>") != std::string::npos);
  BOOST_TEST(html.find("<b>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(both_catalogues_hold_the_same_keys_and_every_key_the_templates_use) {
  const json& sv = MessageCatalogue("sv");
  const json& en = MessageCatalogue("en");
  std::set<std::string> sv_keys, en_keys;
  for (const auto& [k, v] : sv.items()) sv_keys.insert(k);
  for (const auto& [k, v] : en.items()) en_keys.insert(k);
  BOOST_TEST(sv_keys == en_keys);
  std::regex used("\\{\\{[#^/]?t\\.([a-z0-9_]+)\\}\\}");
  for (const auto& [path, text] : resources::All()) {
    if (!path.starts_with("server/web/templates/") || !path.ends_with(".mustache")) continue;
    std::string body(text);
    for (std::sregex_iterator it(body.begin(), body.end(), used), end; it != end; ++it) {
      BOOST_TEST(sv_keys.count((*it)[1]) == 1u, path << " uses t." << (*it)[1]);
    }
  }
}
