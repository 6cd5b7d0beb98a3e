// The staff desk through the real server, as a browser without JavaScript
// uses it: a consultation opened with three sections (added and reordered
// by the form's buttons) after confirming, edited after publishing with a
// reason and extended; a comment answered in place; a decision answering two
// comments with a roll call, then amended; flags hidden, dismissed, restored
// and undone, and the public moderation log.
#define BOOST_TEST_MODULE desk_e2e
#include <boost/test/unit_test.hpp>
#include <map>
#include <regex>

#include "tests/support/comment_fixtures.h"
#include "tests/support/web_forms.h"

using samrad::testing::Browser;
using samrad::testing::HttpResult;
using samrad::testing::CommentsPath;
using samrad::testing::PostComment;
using samrad::testing::PublishConsultation;
using samrad::testing::SignedIn;
using samrad::testing::TestServer;
using Fields = std::vector<std::pair<std::string, std::string>>;

namespace {
bool Has(const std::string& html, const std::string& part) { return html.find(part) != std::string::npos; }

Fields ConsultationFields(const std::string& title) {
  return {{"title", title}, {"summary", "Kort om förslaget"}, {"body", "Hela förslaget"}, {"language", "sv"},
          {"opens_at", "2026-12-20"}, {"closes_at", "2027-02-01"}};
}

Fields WithSections(Fields f, const std::vector<std::string>& headings) {
  for (size_t i = 0; i < headings.size(); ++i) {
    std::string p = "sections_" + std::to_string(i) + "_";
    f.push_back({p + "id", ""});
    f.push_back({p + "heading", headings[i]});
    f.push_back({p + "body", "Om " + headings[i]});
  }
  return f;
}

Fields With(Fields f, const Fields& more) {
  f.insert(f.end(), more.begin(), more.end());
  return f;
}

// The consultation.closed entries of the event log, by consultation id.
std::map<int64_t, nlohmann::json> ClosedEntries(TestServer& s) {
  std::map<int64_t, nlohmann::json> out;
  nlohmann::json log = s.Get("/api/v1/log?limit=1000").json();
  for (const auto& e : log["items"]) {
    if (e["kind"] == "consultation.closed") out[e["payload"]["id"].get<int64_t>()] = e["payload"];
  }
  return out;
}

nlohmann::json State(TestServer& s, int64_t consultation) {
  return s.Get("/api/v1/consultations/" + std::to_string(consultation)).json()["state"];
}

nlohmann::json DecisionLinking(const std::vector<int64_t>& consultations) {
  return {{"title", "Beslut om parkerna"}, {"body", "Kommunen beslutar."}, {"body_name", "Kommunstyrelsen"},
          {"reference", "KS 2027/9"}, {"decided_at", "2027-01-01"}, {"outcome", "approved"},
          {"consultation_ids", consultations}};
}

// The id in a Location such as /desk/consultations/12/publish.
int64_t IdIn(const HttpResult& r, const std::string& prefix) {
  BOOST_REQUIRE_EQUAL(r.status, 303);
  std::string loc = r.header("location");
  BOOST_REQUIRE_MESSAGE(loc.starts_with(prefix), loc);
  return std::stoll(loc.substr(prefix.size()));
}
}  // namespace

BOOST_AUTO_TEST_CASE(an_official_opens_a_consultation_with_three_sections_after_confirming_it) {
  TestServer s(true);
  Browser olga = SignedIn(s, s.UserToken("official"));
  // Sections are added by a button that shows the form again with one more.
  auto one = olga.Post(s, "/desk/consultations", With(ConsultationFields("Nya cykelbanor"), {{"op", "add-section"}}));
  BOOST_TEST(one.status == 200);
  BOOST_TEST(Has(one.body, "id=\"f-sections_0_heading\""));
  BOOST_TEST(!Has(one.body, "id=\"f-sections_1_heading\""));
  BOOST_TEST(Has(one.body, "value=\"Nya cykelbanor\""));
  auto three = olga.Post(s, "/desk/consultations",
                         With(WithSections(ConsultationFields("Nya cykelbanor"), {"Sträckan", "Belysning"}),
                              {{"op", "add-section"}}));
  BOOST_TEST(Has(three.body, "id=\"f-sections_2_heading\""));
  // Moving the second section up swaps the two, values kept.
  auto moved = olga.Post(s, "/desk/consultations",
                         With(WithSections(ConsultationFields("Nya cykelbanor"), {"Sträckan", "Belysning", "Parkering"}),
                              {{"op", "move-up-1"}}));
  BOOST_TEST(moved.body.find("value=\"Belysning\"") < moved.body.find("value=\"Sträckan\""));
  auto removed = olga.Post(s, "/desk/consultations",
                           With(WithSections(ConsultationFields("Nya cykelbanor"), {"Sträckan", "Belysning", "Parkering"}),
                                {{"op", "remove-section-2"}}));
  BOOST_TEST(!Has(removed.body, "value=\"Parkering\""));
  // "Publish now" is not ticked on a new form, and a tick asks to confirm.
  auto blank = olga.Get(s, "/desk/consultations/new");
  BOOST_TEST(Has(blank.body, "name=\"publish\" value=\"1\" aria-describedby"));
  BOOST_TEST(!Has(blank.body, "name=\"publish\" value=\"1\" checked"));
  auto saved = olga.Post(s, "/desk/consultations",
                         With(WithSections(ConsultationFields("Nya cykelbanor"), {"Belysning", "Sträckan", "Parkering"}),
                              {{"op", "save"}, {"publish", "1"}}));
  int64_t id = IdIn(saved, "/desk/consultations/");
  BOOST_TEST(saved.header("location").ends_with("/publish"));
  BOOST_TEST(s.Get("/consultations/" + std::to_string(id)).status == 404);  // not public before confirming
  auto confirm = olga.Get(s, saved.header("location"));
  BOOST_TEST(confirm.status == 200);
  BOOST_TEST(Has(confirm.body, "Nya cykelbanor"));
  auto published = olga.Post(s, saved.header("location"), {});
  BOOST_TEST(published.header("location").ends_with("/edit?done=published#banner"));
  auto edit = olga.Get(s, "/desk/consultations/" + std::to_string(id) + "/edit?done=published");
  BOOST_TEST(Has(edit.body, "role=\"status\""));
  BOOST_TEST(Has(edit.body, "Samrådet är publicerat."));
  std::string page = s.Get("/consultations/" + std::to_string(id)).body;
  size_t a = page.find("Belysning"), b = page.find("Sträckan"), c = page.find("Parkering");
  BOOST_TEST((a != std::string::npos && a < b && b < c && c != std::string::npos));
}

BOOST_AUTO_TEST_CASE(a_published_consultation_is_edited_with_a_reason_and_its_closing_date_extended) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t id = PublishConsultation(s, official);
  Browser olga = SignedIn(s, official);
  std::string path = "/desk/consultations/" + std::to_string(id);
  auto form = olga.Get(s, path + "/edit");
  BOOST_TEST(form.status == 200);
  BOOST_TEST(Has(form.body, "value=\"Ny park vid Kvarnholmen\""));
  BOOST_TEST(Has(form.body, "id=\"f-desk_reason\""));
  BOOST_TEST(!Has(form.body, "name=\"publish\""));
  std::smatch m;
  BOOST_REQUIRE(std::regex_search(form.body, m, std::regex("name=\"sections_0_id\" value=\"([0-9]+)\"")));
  Fields edited = With(ConsultationFields("Ny park vid Kvarnholmen"),
                       {{"sections_0_id", m[1]}, {"sections_0_heading", "Lek och spel"}, {"sections_0_body", "Lekplats"}});
  // Without a reason: the error at the top links the field, nothing is stored.
  auto refused = olga.Post(s, path, With(edited, {{"op", "save"}}));
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(Has(refused.body, "href=\"#f-desk_reason\""));
  BOOST_TEST(std::regex_search(refused.body, std::regex("id=\"f-desk_reason\"[^>]*aria-invalid=\"true\"")));
  BOOST_TEST(s.Get("/api/v1/consultations/" + std::to_string(id) + "/versions").json()["items"].size() == 1u);
  auto saved = olga.Post(s, path, With(edited, {{"op", "save"}, {"desk_reason", "Rubriken förtydligad"}}));
  BOOST_TEST(saved.header("location") == path + "/edit?done=saved#banner");
  auto versions = s.Get("/api/v1/consultations/" + std::to_string(id) + "/versions").json()["items"];
  BOOST_REQUIRE_EQUAL(versions.size(), 2u);
  BOOST_TEST(versions[1]["reason"] == "Rubriken förtydligad");
  BOOST_TEST(versions[1]["content"]["sections"][0]["heading"] == "Lek och spel");
  BOOST_TEST(versions[1]["content"]["sections"].size() == 1u);
  BOOST_TEST(Has(olga.Get(s, path + "/edit").body, "Rubriken förtydligad"));
  // Extending: a date before the current closing date is refused at its field.
  auto early = olga.Post(s, path + "/extension", {{"desk_closes_at", "2027-01-10"}, {"desk_extension_reason", "Fler svar"}});
  BOOST_TEST(early.status == 422);
  BOOST_TEST(Has(early.body, "href=\"#f-desk_closes_at\""));
  auto extended = olga.Post(s, path + "/extension", {{"desk_closes_at", "2027-02-15"}, {"desk_extension_reason", "Fler svar behövs"}});
  BOOST_TEST(extended.header("location") == path + "/edit?done=extended#banner");
  auto k = s.Get("/api/v1/consultations/" + std::to_string(id)).json();
  BOOST_TEST(k["closes_at"].get<std::string>().starts_with("2027-02-15"));
  versions = s.Get("/api/v1/consultations/" + std::to_string(id) + "/versions").json()["items"];
  BOOST_TEST(versions.back()["reason"] == "Fler svar behövs");
}

BOOST_AUTO_TEST_CASE(an_official_answers_a_comment_in_place_and_the_list_says_which_still_wait) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  int64_t first = PostComment(s, k, s.ResidentToken("Rut"), "Var ska bänkarna stå?");
  int64_t second = PostComment(s, k, s.ResidentToken("Bo"), "Blir det belysning?");
  Browser olga = SignedIn(s, official);
  std::string list = olga.Get(s, "/desk/answers").body;
  BOOST_TEST(list.find("Var ska bänkarna stå?") < list.find("Blir det belysning?"));  // oldest first
  auto empty = olga.Post(s, "/desk/answers/" + std::to_string(first), {{"desk_answer_body", " "}});
  BOOST_TEST(empty.status == 422);
  BOOST_TEST(Has(empty.body, "href=\"#a" + std::to_string(first) + "-desk_answer_body\""));
  auto answered = olga.Post(s, "/desk/answers/" + std::to_string(first), {{"desk_answer_body", "Vid dammen."}});
  BOOST_TEST(answered.header("location") == "/desk/answers?done=answered#banner");
  std::string waiting = olga.Get(s, "/desk/answers").body;
  BOOST_TEST(!Has(waiting, "Var ska bänkarna stå?"));
  BOOST_TEST(Has(waiting, "Blir det belysning?"));
  std::string done = olga.Get(s, "/desk/answers?desk_status=answered").body;
  BOOST_TEST(Has(done, "Var ska bänkarna stå?"));
  BOOST_TEST(Has(done, "Besvarad med svar"));
  BOOST_TEST(Has(done, "Vid dammen."));
  BOOST_TEST(!Has(done, "Blir det belysning?"));
  std::string thread = s.Get("/consultations/" + std::to_string(k)).body;
  BOOST_TEST(Has(thread, "Svar från kommunen"));
  BOOST_TEST(Has(thread, "Vid dammen."));
  (void)second;
}

BOOST_AUTO_TEST_CASE(a_decision_answers_two_comments_with_a_roll_call_and_is_amended_with_its_votes) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official);
  int64_t c1 = PostComment(s, k, s.ResidentToken("Rut"), "Behåll ekarna.");
  int64_t c2 = PostComment(s, k, s.ResidentToken("Bo"), "Bygg en plaskdamm.");
  Browser olga = SignedIn(s, official);
  // The form lists the consultation with its comments as checkboxes.
  std::string blank = olga.Get(s, "/desk/decisions/new").body;
  BOOST_TEST(Has(blank, "name=\"consultation_ids\" value=\"" + std::to_string(k) + "\""));
  BOOST_TEST(Has(blank, "name=\"answers_comment_ids\" value=\"" + std::to_string(c1) + "\""));
  BOOST_TEST(Has(blank, "Behåll ekarna."));
  Fields base = {{"title", "Parken byggs"}, {"body", "Beslut om parken"}, {"body_name", "Kommunstyrelsen"},
                 {"reference", "KS 2027/1"}, {"decided_at", "2027-01-01"}, {"outcome", "approved"},
                 {"consultation_ids", std::to_string(k)}, {"answers_comment_ids", std::to_string(c1)},
                 {"answers_comment_ids", std::to_string(c2)}, {"votes_for", "2"}, {"votes_against", "1"}};
  // A roll-call row is added without JavaScript.
  auto row = olga.Post(s, "/desk/decisions", With(base, {{"roll_0_name", "Anna"}, {"roll_0_party", "S"},
                                                        {"roll_0_vote", "for"}, {"op", "add-row"}}));
  BOOST_TEST(row.status == 200);
  BOOST_TEST(Has(row.body, "id=\"f-roll_1_name\""));
  BOOST_TEST(Has(row.body, "value=\"Anna\""));
  // A roll call that disagrees with the counts names both numbers.
  Fields roll = {{"roll_0_name", "Anna"}, {"roll_0_party", "S"}, {"roll_0_vote", "for"},
                 {"roll_1_name", "Bertil"}, {"roll_1_party", "M"}, {"roll_1_vote", "against"}};
  auto mismatch = olga.Post(s, "/desk/decisions", With(With(base, roll), {{"op", "save"}}));
  BOOST_TEST(mismatch.status == 422);
  BOOST_TEST(Has(mismatch.body, "Ja: 2 i rösträkningen, 1 i namnuppropet"));
  BOOST_TEST(Has(mismatch.body, "href=\"#f-votes_for\""));
  Fields full = With(base, roll);
  full.push_back({"roll_2_name", "Cecilia"});
  full.push_back({"roll_2_party", "C"});
  full.push_back({"roll_2_vote", "for"});
  auto made = olga.Post(s, "/desk/decisions", With(full, {{"op", "save"}}));
  BOOST_REQUIRE_EQUAL(made.status, 303);
  std::string loc = made.header("location");
  BOOST_TEST(loc.starts_with("/desk/decisions?done=decision_published&decision="));
  std::string id = loc.substr(loc.find("decision=") + 9, loc.find('#') - loc.find("decision=") - 9);
  auto d = s.Get("/api/v1/decisions/" + id).json();
  BOOST_TEST(d["answers_comment_ids"].size() == 2u);
  BOOST_TEST(d["votes"]["roll_call"].size() == 3u);
  BOOST_TEST(Has(olga.Get(s, loc).body, "Beslutet är publicerat."));
  // The amendment form holds every field; votes and the roll call change, with a reason.
  std::string amend = olga.Get(s, "/desk/decisions/" + id + "/amend").body;
  BOOST_TEST(Has(amend, "value=\"Cecilia\""));
  BOOST_TEST(Has(amend, "value=\"KS 2027/1\""));
  Fields changed = base;
  for (auto& [name, value] : changed) {
    if (name == "votes_for") value = "1";
    if (name == "votes_against") value = "2";
    if (name == "reference") value = "KS 2027/2";
  }
  changed = With(changed, {{"roll_0_name", "Anna"}, {"roll_0_party", "S"}, {"roll_0_vote", "for"},
                           {"roll_1_name", "Bertil"}, {"roll_1_party", "M"}, {"roll_1_vote", "against"},
                           {"roll_2_name", "Cecilia"}, {"roll_2_party", "C"}, {"roll_2_vote", "against"}});
  auto no_reason = olga.Post(s, "/desk/decisions/" + id + "/amend", With(changed, {{"op", "save"}}));
  BOOST_TEST(no_reason.status == 422);
  BOOST_TEST(Has(no_reason.body, "href=\"#f-desk_reason\""));
  auto amended = olga.Post(s, "/desk/decisions/" + id + "/amend",
                           With(changed, {{"op", "save"}, {"desk_reason", "Rösterna var felräknade"}}));
  BOOST_REQUIRE_EQUAL(amended.status, 303);
  d = s.Get("/api/v1/decisions/" + id).json();
  BOOST_TEST(d["version"] == 2);
  BOOST_TEST(d["votes"]["for"] == 1);
  BOOST_TEST(d["votes"]["roll_call"][2]["vote"] == "against");
  BOOST_TEST(d["reference"] == "KS 2027/2");
  BOOST_TEST(d["reason"] == "Rösterna var felräknade");
}

BOOST_AUTO_TEST_CASE(a_moderator_hides_dismisses_restores_and_undoes_and_the_log_is_public) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  int64_t rude = PostComment(s, k, s.ResidentToken("Rut"), "Ring mig på 070-1234567");
  int64_t fine = PostComment(s, k, s.ResidentToken("Bo"), "Jag gillar parken.");
  std::string flagger = s.ResidentToken("Eva");
  BOOST_REQUIRE(s.Post("/api/v1/comments/" + std::to_string(rude) + "/flags",
                       {{"reason", "personal_data"}, {"note", "Telefonnummer"}}, flagger).status == 201);
  BOOST_REQUIRE(s.Post("/api/v1/comments/" + std::to_string(fine) + "/flags", {{"reason", "spam"}}, flagger).status == 201);
  Browser mod = SignedIn(s, s.UserToken("moderator"));
  std::string queue = mod.Get(s, "/desk/moderation").body;
  BOOST_TEST(Has(queue, "Innehåller personuppgifter"));
  BOOST_TEST(Has(queue, "Telefonnummer"));
  std::string act_rude = "/desk/moderation/" + std::to_string(rude);
  auto no_reason = mod.Post(s, act_rude, {{"action", "hide"}, {"moderation_reason", ""}});
  BOOST_TEST(no_reason.status == 422);
  BOOST_TEST(Has(no_reason.body, "href=\"#m" + std::to_string(rude) + "-moderation_reason\""));
  auto hidden = mod.Post(s, act_rude, {{"action", "hide"}, {"moderation_reason", "Personuppgifter"}});
  BOOST_TEST(hidden.header("location") == "/desk/moderation?done=hide&comment=" + std::to_string(rude) + "#banner");
  std::string after = mod.Get(s, hidden.header("location")).body;
  BOOST_TEST(Has(after, "Kommentaren är dold."));
  BOOST_TEST(Has(after, "name=\"action\" value=\"restore\""));  // the undo
  BOOST_TEST(!Has(s.Get("/consultations/" + std::to_string(k)).body, "070-1234567"));
  // Undo restores it, with a public reason.
  auto undone = mod.Post(s, act_rude, {{"action", "restore"}, {"moderation_reason", "Ångrat direkt efter åtgärden"}});
  BOOST_TEST(undone.status == 303);
  BOOST_TEST(Has(s.Get("/consultations/" + std::to_string(k)).body, "070-1234567"));
  // Dismissing keeps the comment shown and takes it out of the queue.
  std::string act_fine = "/desk/moderation/" + std::to_string(fine);
  auto dismissed = mod.Post(s, act_fine, {{"action", "dismiss"}, {"moderation_reason", "Inte skräppost"}});
  BOOST_TEST(dismissed.header("location") == "/desk/moderation?done=dismiss&comment=" + std::to_string(fine) + "#banner");
  BOOST_TEST(!Has(mod.Get(s, "/desk/moderation").body, "id=\"moderate-" + std::to_string(fine) + "\""));
  BOOST_TEST(Has(s.Get("/consultations/" + std::to_string(k)).body, "Jag gillar parken."));
  // Its undo puts the flags back in the queue.
  BOOST_TEST(mod.Post(s, act_fine, {{"action", "reopen"}, {"moderation_reason", "Ångrat"}}).status == 303);
  BOOST_TEST(Has(mod.Get(s, "/desk/moderation").body, "id=\"moderate-" + std::to_string(fine) + "\""));
  // Everyone reads the acts and their reasons, newest first.
  std::string log = s.Get("/moderation").body;
  BOOST_TEST(log.find("Ångrat") < log.find("Inte skräppost"));
  BOOST_TEST(log.find("Inte skräppost") < log.find("Personuppgifter"));
  BOOST_TEST(Has(log, "Anmälningar avfärdade"));
  auto api = s.Get("/api/v1/moderation-log").json()["items"];
  BOOST_REQUIRE_EQUAL(api.size(), 4u);
  BOOST_TEST(api[0]["action"] == "reopen");
  BOOST_TEST(api[1]["action"] == "dismiss");
  // Residents and officials are refused the moderators' page.
  BOOST_TEST(SignedIn(s, s.ResidentToken("Ola")).Get(s, "/desk/moderation").status == 403);
  BOOST_TEST(SignedIn(s, s.UserToken("official")).Post(s, act_fine, {{"action", "hide"}, {"moderation_reason", "x"}}).status == 403);
}

BOOST_AUTO_TEST_CASE(the_overview_counts_each_task_and_links_its_page) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  PublishConsultation(s, official, "2026-12-01", "2027-01-05", "Stänger snart");
  int64_t k = PublishConsultation(s, official);
  PostComment(s, k, s.ResidentToken("Rut"), "En fråga");
  BOOST_REQUIRE(s.Post("/api/v1/decisions", DecisionLinking({}), official).status == 201);
  std::string desk = SignedIn(s, official).Get(s, "/desk").body;
  BOOST_TEST(std::regex_search(desk, std::regex("href=\"/desk/decisions\"><span class=\"desk-count\">1</span>")));
  BOOST_TEST(std::regex_search(desk, std::regex("href=\"/desk/answers\"><span class=\"desk-count\">1</span>")));
  BOOST_TEST(std::regex_search(desk, std::regex("href=\"/desk/consultations\\?state=open\"><span class=\"desk-count\">2</span>")));
  BOOST_TEST(std::regex_search(desk, std::regex("href=\"/desk/consultations\\?state=closing\"><span class=\"desk-count\">1</span>")));
  std::string closing = SignedIn(s, official).Get(s, "/desk/consultations?state=closing").body;
  BOOST_TEST(Has(closing, "Stänger snart"));
  BOOST_TEST(!Has(closing, "Ny park vid Kvarnholmen"));
  BOOST_TEST(SignedIn(s, s.ResidentToken()).Get(s, "/desk/consultations").status == 403);
}

BOOST_AUTO_TEST_CASE(a_decision_lets_each_open_consultation_run_unless_the_official_closes_it_now) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t runs = PublishConsultation(s, official, "2026-12-01", "2027-01-20", "Parken får löpa");
  int64_t closes = PublishConsultation(s, official, "2026-12-01", "2027-01-25", "Torget stängs nu");
  std::string r = std::to_string(runs), c = std::to_string(closes);
  Browser olga = SignedIn(s, official);
  // The form asks for each open consultation; letting it run is the default.
  std::string blank = olga.Get(s, "/desk/decisions/new").body;
  BOOST_TEST(Has(blank, "name=\"close_" + r + "\" value=\"as_planned\" checked"));
  BOOST_TEST(Has(blank, "name=\"close_" + c + "\" value=\"now\">"));
  Fields f = {{"title", "Parken och torget"}, {"body", "Beslut"}, {"body_name", "Kommunstyrelsen"},
              {"reference", "KS 2027/3"}, {"decided_at", "2027-01-01"}, {"outcome", "approved"},
              {"consultation_ids", r}, {"consultation_ids", c}, {"close_" + r, "as_planned"}, {"close_" + c, "now"}};
  // The choice survives the form's own buttons.
  auto row = olga.Post(s, "/desk/decisions", With(f, {{"op", "add-row"}}));
  BOOST_TEST(Has(row.body, "name=\"close_" + c + "\" value=\"now\" checked"));
  auto made = olga.Post(s, "/desk/decisions", With(f, {{"op", "save"}}));
  BOOST_REQUIRE_EQUAL(made.status, 303);
  // Let run: still open with the decision listed, and still taking comments.
  auto running = s.Get("/api/v1/consultations/" + r).json();
  BOOST_TEST(running["state"] == "open");
  BOOST_TEST(running["decision_ids"].size() == 1u);
  PostComment(s, runs, s.ResidentToken("Rut"), "Hinner jag tycka till?");
  // Closed now: decided, no more comments, logged, and its page says it closed early.
  BOOST_TEST(State(s, closes) == "decided");
  BOOST_TEST(s.Post(CommentsPath(closes), {{"body", "För sent?"}}, s.ResidentToken("Bo")).status == 409);
  auto closed = ClosedEntries(s);
  BOOST_REQUIRE_EQUAL(closed.count(closes), 1u);
  BOOST_TEST(closed.count(runs) == 0u);
  BOOST_TEST(closed[closes]["planned_closes_at"].get<std::string>().starts_with("2027-01-25"));
  BOOST_TEST(Has(s.Get("/consultations/" + c).body, "då beslutet publicerades – före den planerade sista dagen"));
  BOOST_TEST(!Has(s.Get("/consultations/" + r).body, "före den planerade sista dagen"));
  // Past its planned last day the one that ran is decided, closed as planned.
  s.SetTime(samrad::testing::kClockStart + 21 * samrad::testing::kDay);
  BOOST_TEST(State(s, runs) == "decided");
  BOOST_TEST(Has(s.Get("/consultations/" + r).body, "som planerat"));
  BOOST_TEST(ClosedEntries(s).count(runs) == 0u);
}

BOOST_AUTO_TEST_CASE(the_api_closes_a_newly_linked_open_consultation_unless_told_to_let_it_run) {
  TestServer s(true);
  std::string official = s.UserToken("official");
  int64_t a = PublishConsultation(s, official);
  int64_t b = PublishConsultation(s, official);
  int64_t c = PublishConsultation(s, official);
  // Without the field, linking closes it at once, as it always did.
  BOOST_REQUIRE(s.Post("/api/v1/decisions", DecisionLinking({a}), official).status == 201);
  BOOST_TEST(State(s, a) == "decided");
  BOOST_TEST(ClosedEntries(s).count(a) == 1u);
  // A choice for a consultation the decision does not link is refused, and nothing is stored.
  nlohmann::json d = DecisionLinking({b});
  d["open_consultations"] = {{{"id", c}, {"close", "as_planned"}}};
  auto refused = s.Post("/api/v1/decisions", d, official);
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(refused.body.find("/open_consultations") != std::string::npos);
  BOOST_TEST(State(s, b) == "open");
  BOOST_TEST(s.Get("/api/v1/decisions").json()["items"].size() == 1u);
  d["open_consultations"] = {{{"id", b}, {"close", "as_planned"}}};
  auto made = s.Post("/api/v1/decisions", d, official);
  BOOST_REQUIRE_EQUAL(made.status, 201);
  BOOST_TEST(State(s, b) == "open");
  std::string amend = "/api/v1/decisions/" + std::to_string(made.json()["id"].get<int64_t>()) + "/amendments";
  // An amendment keeps a running consultation running and closes one it newly links.
  BOOST_REQUIRE(s.Post(amend, {{"changes", {{"consultation_ids", {b, c}}}}, {"reason", "Torget också"}}, official).status == 201);
  BOOST_TEST(State(s, b) == "open");
  BOOST_TEST(State(s, c) == "decided");
  // ... and closes a running one when told to.
  nlohmann::json close = {{"changes", {{"title", "Beslut om parkerna, slutligt"}}}, {"reason", "Klart nu"},
                          {"open_consultations", {{{"id", b}, {"close", "now"}}}}};
  BOOST_REQUIRE(s.Post(amend, close, official).status == 201);
  BOOST_TEST(State(s, b) == "decided");
  BOOST_TEST(ClosedEntries(s).count(b) == 1u);
}

BOOST_AUTO_TEST_CASE(every_count_is_right_after_hide_restore_dismiss_and_each_undo) {
  TestServer s(true);
  int64_t k = PublishConsultation(s, s.UserToken("official"));
  int64_t one = PostComment(s, k, s.ResidentToken("Rut"), "Köp billiga klockor här");
  int64_t two = PostComment(s, k, s.ResidentToken("Bo"), "Jag vill ha fler bänkar.");
  for (const std::string& name : {"Eva", "Ola"}) {
    BOOST_REQUIRE(s.Post("/api/v1/comments/" + std::to_string(one) + "/flags", {{"reason", "spam"}},
                         s.ResidentToken(name)).status == 201);
  }
  BOOST_REQUIRE(s.Post("/api/v1/comments/" + std::to_string(two) + "/flags", {{"reason", "off_topic"}},
                       s.ResidentToken("Ida")).status == 201);
  Browser mod = SignedIn(s, s.UserToken("moderator"));
  // The overview's queue tile and the confirmation's count of the queue.
  auto queue_tile = [&] {
    std::smatch m;
    std::string desk = mod.Get(s, "/desk").body;
    BOOST_REQUIRE(std::regex_search(desk, m, std::regex("id=\"count-queue\"><a href=\"/desk/moderation\"><span class=\"desk-count\">([0-9]+)<")));
    return std::stoi(m[1]);
  };
  int64_t minute = 0;  // one act a minute, so that the log's order is the acts' order
  auto act = [&](int64_t id, const std::string& action, const std::string& reason, bool undo) {
    s.SetTime(samrad::testing::kClockStart + ++minute * samrad::testing::kMinute);
    Fields f = {{"action", action}, {"moderation_reason", reason}};
    if (undo) f.push_back({"undo", "1"});
    auto r = mod.Post(s, "/desk/moderation/" + std::to_string(id), f);
    BOOST_REQUIRE_EQUAL(r.status, 303);
    std::smatch m;
    std::string location = r.header("location");
    std::string page = mod.Get(s, location.substr(0, location.find('#'))).body;  // as a browser asks
    BOOST_REQUIRE(std::regex_search(page, m, std::regex("id=\"banner-count\"><span class=\"desk-count\">([0-9]+)<")));
    return std::stoi(m[1]);
  };
  BOOST_TEST(queue_tile() == 2);
  BOOST_TEST(act(one, "hide", "Reklam", false) == 1);
  BOOST_TEST(queue_tile() == 1);
  // Undoing the hide puts the comment and both its flags back in the queue.
  BOOST_TEST(act(one, "restore", "Ångrat", true) == 2);
  BOOST_TEST(queue_tile() == 2);
  auto queue = s.Get("/api/v1/moderation/queue", s.UserToken("moderator")).json()["items"];
  BOOST_REQUIRE_EQUAL(queue.size(), 2u);
  BOOST_TEST(queue[0]["flags"].size() == 2u);
  BOOST_TEST(act(two, "dismiss", "Inte fel", false) == 1);
  BOOST_TEST(act(two, "reopen", "Ångrat", true) == 2);
  BOOST_TEST(queue_tile() == 2);
  // Each act keeps the number of flags it settled, though undos moved them again.
  auto log = s.Get("/api/v1/moderation-log").json()["items"];
  BOOST_REQUIRE_EQUAL(log.size(), 4u);
  std::vector<std::pair<std::string, int>> seen;
  for (const auto& a : log) seen.push_back({a["action"], a["flags_resolved"]});
  std::vector<std::pair<std::string, int>> expected = {{"reopen", 1}, {"dismiss", 1}, {"restore", 0}, {"hide", 2}};
  BOOST_TEST((seen == expected));
  // A restore that is no undo leaves the flags settled.
  BOOST_TEST(act(one, "hide", "Reklam igen", false) == 1);
  BOOST_TEST(act(one, "restore", "Granskad: reklamen var en fråga", false) == 1);
  BOOST_TEST(queue_tile() == 1);
  BOOST_TEST(s.Get("/api/v1/moderation-log").json()["items"][1]["flags_resolved"] == 2);
}
