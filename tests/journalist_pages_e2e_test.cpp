// The journalist's pages through the real server: a decision's answered
// comments and its version pages with word diffs, the /data page with row
// counts and "CSV för Excel", downloads as attachments, the statements in
// the footer, and the consultation lists.
#define BOOST_TEST_MODULE journalist_pages_e2e
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include "tests/support/test_server.h"

using samrad::testing::TestServer;
using nlohmann::json;

namespace {
bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

int64_t Consultation(TestServer& s, const std::string& official, const std::string& title,
                     const std::string& opens, const std::string& closes, const std::string& area = "") {
  json body = {{"title", title}, {"summary", "Sammanfattning"}, {"body", "Text"}, {"language", "sv"},
               {"opens_at", opens}, {"closes_at", closes}};
  if (!area.empty()) body["area"] = area;
  int64_t id = s.Post("/api/v1/consultations", body, official).json()["id"];
  s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), official);
  return id;
}

json DecisionBody(int64_t consultation, int64_t comment) {
  return {{"title", "Cykelställ vid stationen"},
          {"body", "Kommunen bygger **40** cykelställ vid stationen."},
          {"body_name", "Kommunstyrelsen"},
          {"reference", "KS 2026/77"},
          {"decided_at", "2026-11-20"},
          {"outcome", "approved"},
          {"consultation_ids", {consultation}},
          {"answers_comment_ids", {comment}}};
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_decision_page_lists_the_comments_it_answers_and_says_why_comments_closed) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = Consultation(s, official, "Cykelparkering vid stationen", "2026-01-01", "2099-06-01");
  std::string resident = s.ResidentToken();
  auto comment = s.Post("/api/v1/consultations/" + std::to_string(k) + "/comments",
                        {{"body", "Bygg fler cykelställ under tak vid stationen, gärna med lås."}}, resident);
  BOOST_TEST_REQUIRE(comment.status == 201);
  int64_t c = comment.json()["id"];
  auto d = s.Post("/api/v1/decisions", DecisionBody(k, c), official);
  BOOST_TEST_REQUIRE(d.status == 201);
  int64_t id = d.json()["id"];

  auto page = s.Get("/decisions/" + std::to_string(id));
  BOOST_TEST(page.status == 200);
  BOOST_TEST(Has(page.body, "Bygg fler cykelställ under tak vid stationen"));
  BOOST_TEST(Has(page.body, "href=\"/comments/" + std::to_string(c) + "\""));
  BOOST_TEST(Has(page.body, "Cykelparkering vid stationen"));
  // The consultation was open until 2099: the page says it closed early, and why.
  BOOST_TEST(Has(page.body, "då beslutet publicerades"));
  BOOST_TEST(Has(page.body, "1 juni 2099"));
  // The resident chose no public name: a pseudonym, in the page's language.
  BOOST_TEST(Has(page.body, "Invånare "));
  auto en = s.Get("/decisions/" + std::to_string(id) + "?lang=en");
  BOOST_TEST(Has(en.body, "Resident "));
  BOOST_TEST(!Has(en.body, "Invånare "));
  BOOST_TEST(Has(en.body, "when the decision was published"));
  // The consultation's own page says it too.
  auto consultation = s.Get("/consultations/" + std::to_string(k));
  BOOST_TEST(Has(consultation.body, "då beslutet publicerades – före den planerade sista dagen 1 juni 2099"));
}

BOOST_AUTO_TEST_CASE(each_version_has_a_page_with_a_word_diff_and_its_log_entry) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = Consultation(s, official, "Cykelparkering", "2026-01-01", "2026-02-01");
  json body = DecisionBody(k, 0);
  body.erase("answers_comment_ids");
  int64_t id = s.Post("/api/v1/decisions", body, official).json()["id"];
  std::string path = "/decisions/" + std::to_string(id);
  auto amended = s.Post("/api/v1" + path + "/amendments",
                        {{"changes", {{"body", "Kommunen bygger **60** cykelställ vid stationen."}}},
                         {"reason", "Fel antal i första versionen"}},
                        official);
  BOOST_TEST_REQUIRE(amended.status == 201);
  int64_t seq = amended.json()["log_seq"];

  auto v2 = s.Get(path + "/versions/2");
  BOOST_TEST(v2.status == 200);
  BOOST_TEST(Has(v2.body, "<del>40</del><ins>60</ins>"));
  BOOST_TEST(!Has(v2.body, "**"));  // the rendered text is compared, not the Markdown
  BOOST_TEST(Has(v2.body, "Ändrat "));
  BOOST_TEST(Has(v2.body, "Fel antal i första versionen"));
  BOOST_TEST(Has(v2.body, "href=\"/log/" + std::to_string(seq) + "\""));
  BOOST_TEST(Has(v2.body, "href=\"" + path + "/versions/1\""));

  auto v1 = s.Get(path + "/versions/1?lang=en");
  BOOST_TEST(v1.status == 200);
  BOOST_TEST(Has(v1.body, "Published "));
  BOOST_TEST(!Has(v1.body, "<del>"));

  auto page = s.Get(path);
  BOOST_TEST(Has(page.body, "href=\"" + path + "/versions/2\""));
  BOOST_TEST(Has(page.body, "Ändrat "));
  BOOST_TEST(!Has(page.body, "<del>Kommunen"));  // no whole text struck out on the decision page

  BOOST_TEST(s.Get(path + "/versions/3").status == 404);
  BOOST_TEST(s.Get(path + "/versions/zero").status == 404);
  BOOST_TEST(s.Get("/decisions/999/versions/1").status == 404);
}

BOOST_AUTO_TEST_CASE(excel_csv_has_a_bom_semicolons_and_no_formulas_and_downloads_are_attachments) {
  TestServer s;
  std::string official = s.UserToken("official");
  Consultation(s, official, "=HYPERLINK(\"http://x\";\"klicka\")", "2026-01-01", "2026-02-01");
  auto excel = s.Get("/opendata/consultations.excel.csv");
  BOOST_TEST(excel.status == 200);
  BOOST_TEST(excel.body.starts_with("\xEF\xBB\xBF" "id;title;"));
  BOOST_TEST(Has(excel.body, "'=HYPERLINK("));
  BOOST_TEST(!Has(excel.body, ";=HYPERLINK("));
  BOOST_TEST(excel.header("content-disposition") == "attachment; filename=\"consultations.excel.csv\"");
  auto plain = s.Get("/opendata/consultations.csv");
  BOOST_TEST(plain.body.starts_with("id,title,"));
  BOOST_TEST(plain.header("content-disposition") == "attachment; filename=\"consultations.csv\"");
  BOOST_TEST(s.Get("/opendata/events.json").header("content-disposition") == "attachment; filename=\"events.json\"");
}

BOOST_AUTO_TEST_CASE(the_data_page_shows_rows_and_size_and_offers_excel_csv_in_both_languages) {
  TestServer s;
  std::string official = s.UserToken("official");
  Consultation(s, official, "Ett", "2026-01-01", "2026-02-01");
  Consultation(s, official, "Två", "2026-01-01", "2026-02-01");
  auto csv = s.Get("/opendata/consultations.csv");
  auto page = s.Get("/data");
  BOOST_TEST(page.status == 200);
  BOOST_TEST(Has(page.body, "href=\"/opendata/consultations.excel.csv\""));
  BOOST_TEST(Has(page.body, "CSV för Excel"));
  // Two consultations; the size is the CSV download's.
  std::string bytes = std::to_string(csv.body.size()) + " byte";
  BOOST_TEST(Has(page.body, "2 rader · " + bytes));
  BOOST_TEST(Has(page.body, "href=\"/api/v1/datasets?limit=200\""));
  auto en = s.Get("/data?lang=en");
  BOOST_TEST(Has(en.body, "2 rows · " + bytes + "s"));
  BOOST_TEST(Has(en.body, "CSV for Excel"));
  // Built-in datasets have English titles on the English page.
  BOOST_TEST(Has(en.body, "lang=\"en\""));
  BOOST_TEST(!Has(en.body, "Samråd: medborgardialoger"));
  // A new row moves the count.
  Consultation(s, official, "Tre", "2026-01-01", "2026-02-01");
  BOOST_TEST(Has(s.Get("/data").body, "3 rader"));
  // The listing behind the link names every dataset, built-in ones first.
  auto listing = s.Get("/api/v1/datasets?limit=200").json();
  BOOST_TEST(listing["next_cursor"].is_null());
  BOOST_TEST(listing["items"].size() >= 6u);
}

BOOST_AUTO_TEST_CASE(every_page_links_the_accessibility_statement_and_the_privacy_notice) {
  TestServer s(false, {"--publisher-name", "Exempelby kommun", "--publisher-email", "dialog@exempelby.se"});
  for (const std::string path : {"/", "/consultations", "/decisions", "/data", "/login", "/no/such/page"}) {
    BOOST_TEST_CONTEXT(path) {
      auto page = s.Get(path, "", {{"Accept", "text/html"}});
      BOOST_TEST(Has(page.body, "<a href=\"/accessibility\">Tillgänglighet</a>"));
      BOOST_TEST(Has(page.body, "<a href=\"/privacy\">Personuppgifter</a>"));
    }
  }
  BOOST_TEST(Has(s.Get("/register").body, "href=\"/privacy\""));
  auto a11y = s.Get("/accessibility");
  BOOST_TEST(a11y.status == 200);
  BOOST_TEST(Has(a11y.body, "<h1>Tillgänglighetsredogörelse</h1>"));
  BOOST_TEST(Has(a11y.body, "delvis förenlig"));
  BOOST_TEST(Has(a11y.body, "href=\"https://www.digg.se/tdosanmalan\""));
  BOOST_TEST(Has(a11y.body, "dialog@exempelby.se"));  // the municipality's own contact, from the serve flags
  BOOST_TEST(Has(a11y.body, "Exempelby kommun"));
  auto privacy = s.Get("/privacy?lang=en");
  BOOST_TEST(privacy.status == 200);
  BOOST_TEST(Has(privacy.body, "<a href=\"/privacy\">Personal data</a>"));
  BOOST_TEST(Has(privacy.body, "Resident 3f9a0c"));
  BOOST_TEST(Has(privacy.body, "argon2id"));
  BOOST_TEST(Has(privacy.body, "mailto:dialog@exempelby.se"));
}

BOOST_AUTO_TEST_CASE(area_and_tag_filters_offer_the_values_in_use_and_ignore_case) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = Consultation(s, official, "Skatepark", "2026-01-01", "2099-02-01", "Fisksätra");
  Consultation(s, official, "Bibliotek", "2026-01-01", "2099-02-01", "Älta");
  s.Patch("/api/v1/consultations/" + std::to_string(k), {{"tags", {"Idrott"}}}, official);
  auto list = s.Get("/consultations");
  BOOST_TEST(Has(list.body, "<select id=\"filter-area\" name=\"area\">"));
  BOOST_TEST(Has(list.body, "<option value=\"Fisksätra\">Fisksätra</option>"));
  BOOST_TEST(Has(list.body, "<option value=\"Älta\">Älta</option>"));
  auto lower = s.Get("/consultations?area=FISKS%C3%84TRA");
  BOOST_TEST(Has(lower.body, "Skatepark"));
  BOOST_TEST(!Has(lower.body, "Bibliotek"));
  BOOST_TEST(Has(lower.body, "<option value=\"Fisksätra\" selected>"));
  BOOST_TEST(Has(s.Get("/consultations?area=%C3%A4lta").body, "Bibliotek"));
  auto tag = s.Get("/consultations?tag=idrott");
  BOOST_TEST(Has(tag.body, "Skatepark"));
  BOOST_TEST(!Has(tag.body, "Bibliotek"));
}

BOOST_AUTO_TEST_CASE(upcoming_consultations_say_when_they_open_and_the_start_page_orders_open_ones_by_closing) {
  TestServer s;
  std::string official = s.UserToken("official");
  Consultation(s, official, "Kommande park", "2099-03-01", "2099-04-01");
  auto upcoming = s.Get("/consultations?state=upcoming");
  BOOST_TEST(Has(upcoming.body, "Öppnar <time datetime=\"2099-03-0"));
  BOOST_TEST(!Has(upcoming.body, "Stänger <time"));
  BOOST_TEST(Has(s.Get("/consultations?state=upcoming&lang=en").body, "Opens <time"));
  // Twelve open ones, created latest-closing first: the start page shows the
  // ten closing soonest, soonest first, and says how many more there are.
  for (int i = 12; i >= 1; --i) {
    char closes[16];
    std::snprintf(closes, sizeof closes, "2099-01-%02d", i);
    Consultation(s, official, "Öppet samråd " + std::to_string(i) + " ", "2026-01-01", closes);
  }
  auto home = s.Get("/");
  size_t first = home.body.find("Öppet samråd 1 "), second = home.body.find("Öppet samråd 2 ");
  BOOST_TEST(first != std::string::npos);
  BOOST_TEST(second != std::string::npos);
  BOOST_TEST(first < second);
  BOOST_TEST(Has(home.body, "Öppet samråd 10 "));
  BOOST_TEST(!Has(home.body, "Öppet samråd 11 "));
  BOOST_TEST(Has(home.body, "2 öppna samråd till"));
  BOOST_TEST(Has(home.body, "href=\"/consultations?state=open\""));
}

BOOST_AUTO_TEST_CASE(the_english_site_names_pseudonyms_deleted_accounts_and_comment_hits_in_english) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = Consultation(s, official, "Vattentorget", "2026-01-01", "2099-02-01");
  std::string path = "/consultations/" + std::to_string(k);
  s.Post("/api/v1" + path + "/comments", {{"body", "Fler bänkar runt fontänen vid torget"}}, s.ResidentToken());
  std::string leaving = s.ResidentToken();
  s.Post("/api/v1" + path + "/comments", {{"body", "Mer grönska vid vattentorget"}}, leaving);
  BOOST_TEST(s.Delete("/api/v1/me", leaving).status == 204);

  auto sv = s.Get(path);
  BOOST_TEST(Has(sv.body, "Invånare "));
  BOOST_TEST(Has(sv.body, "Raderat konto"));
  BOOST_TEST(!Has(sv.body, "deleted account"));
  auto en = s.Get(path + "?lang=en");
  BOOST_TEST(Has(en.body, "Resident "));
  BOOST_TEST(!Has(en.body, "Invånare "));
  BOOST_TEST(Has(en.body, "Deleted account"));

  // The index follows the log within a second or so; wait for the comment
  // (the page repeats the query in its search box, so wait for the hit).
  std::string hits;
  for (int i = 0; i < 100 && !Has(hits, "Comment on: Vattentorget"); ++i) {
    if (i) usleep(100 * 1000);
    hits = s.Get("/search?q=font%C3%A4nen&lang=en").body;
  }
  BOOST_TEST(Has(hits, "Comment on: Vattentorget"));
  BOOST_TEST(!Has(hits, "Kommentar till:"));
  BOOST_TEST(Has(s.Get("/search?q=font%C3%A4nen&lang=sv").body, "Kommentar till: Vattentorget"));
}
