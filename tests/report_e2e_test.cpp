// The consultation report end to end: a consultation with comments on
// several days, replies, reactions, a hidden comment, an official answer
// and a decision; its numbers in HTML, JSON and PDF against what the test
// counts itself from what it posted; the PDF read back with poppler's tools;
// who may read it when; the officials' texts and publishing.
#define BOOST_TEST_MODULE report_e2e
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "tests/support/comment_fixtures.h"
#include "tests/support/test_server.h"
#include "tests/support/web_forms.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
const std::string kHidden = "Ring mig på 070-1234567, hemligt nummer";

struct Posted {
  std::string body;
  bool official = false;
  bool reply = false;
  std::string day;
};

// Whitespace runs as one space, so wrapped PDF lines compare as text.
std::string Squeeze(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

std::string Run(const std::vector<std::string>& argv) {
  auto r = RunCommand(argv);
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, argv[0] + ": " + r.output);
  return r.output;
}

// The number in <dd data-n="name">N</dd> of the report page.
int64_t PageNumber(const std::string& html, const std::string& name) {
  std::smatch m;
  BOOST_REQUIRE_MESSAGE(std::regex_search(html, m, std::regex("data-n=\"" + name + "\">([0-9]+)<")), name);
  return std::stoll(m[1]);
}

struct Fixture {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::vector<std::string> residents;
  int64_t k = 0;
  std::vector<Posted> posted;
  int64_t c1 = 0, c2 = 0, c3 = 0, hidden = 0, reply = 0, answer = 0, question = 0;

  int64_t Post(const std::string& token, const std::string& body, json extra, bool official_author, int day) {
    s.SetTime(kClockStart + day * kDay + 3600 + static_cast<int64_t>(posted.size()) * kMinute);
    int64_t id = PostComment(s, k, token, body, extra);
    posted.push_back({body, official_author, extra.contains("parent_id"), "2027-01-0" + std::to_string(day + 1)});
    return id;
  }

  Fixture() : Fixture(std::vector<std::string>{}) {}
  // args: more options for samrad serve.
  explicit Fixture(std::vector<std::string> args) : s(true, std::move(args)) {
    for (int i = 0; i < 6; ++i) residents.push_back(s.ResidentToken());
    k = PublishConsultation(s, official);
    auto sections = s.Get("/api/v1/consultations/" + std::to_string(k)).json()["sections"];
    int64_t lek = sections[0]["id"], trad = sections[1]["id"];
    auto q = s.Post("/api/v1/consultations/" + std::to_string(k) + "/questions",
                    {{"type", "single"}, {"text", "Vilken lekutrustning saknas mest?"},
                     {"options", {"Gungor", "Klätterställning"}}, {"reason", "Ny fråga"}}, official);
    BOOST_REQUIRE_MESSAGE(q.status == 201, q.body);
    question = q.json()["id"];
    for (int who : {0, 1, 2}) {
      json answer = {{"answers", {{{"question_id", question}, {"choices", {who == 2 ? "Klätterställning" : "Gungor"}}}}}};
      auto a = s.Put("/api/v1/consultations/" + std::to_string(k) + "/answer", answer, residents[who]);
      BOOST_REQUIRE_MESSAGE(a.status == 200 || a.status == 201, a.body);
    }
    c1 = Post(residents[0], "Fler gungor behövs på lekplatsen vid ån", {{"section_id", lek}}, false, 0);
    c2 = Post(residents[1], "Bevara de gamla ekarna längs stigen", json::object(), false, 0);
    c3 = Post(residents[2], "Flytta hundrastgården närmare vägen", {{"section_id", trad}}, false, 1);
    reply = Post(residents[3], "Håller med om gungorna, gärna en fågelbogunga", {{"parent_id", c1}}, false, 1);
    answer = Post(official, "Tack! Ekarna skyddas i planen enligt avsnitt 4.", {{"parent_id", c2}}, true, 2);
    hidden = Post(residents[4], kHidden, json::object(), false, 2);
    posted.pop_back();  // hidden below: never part of what the report shows
    BOOST_REQUIRE(s.Post(CommentPath(hidden) + "/moderation", {{"action", "hide"}, {"reason", "Personuppgifter"}},
                         moderator).status == 201);
    auto react = [&](int64_t c, int who, const char* kind) {
      BOOST_REQUIRE(s.Put(CommentPath(c) + "/reaction", {{"kind", kind}}, residents[who]).status == 200);
    };
    react(c1, 1, "support"), react(c1, 2, "support"), react(c1, 5, "support");
    react(c2, 0, "support");
    react(c3, 0, "support"), react(c3, 1, "support"), react(c3, 3, "oppose"), react(c3, 5, "oppose");
  }

  std::string Path(const std::string& suffix = "") { return "/consultations/" + std::to_string(k) + "/report" + suffix; }

  void Decide() {
    json d = {{"title", "Hundrastgården flyttas"}, {"body", "Beslut om hundrastgården."},
              {"body_name", "Kommunstyrelsen"}, {"reference", "KS 2027/12"}, {"decided_at", "2027-01-25"},
              {"outcome", "approved"}, {"consultation_ids", {k}}, {"answers_comment_ids", {c3}},
              {"votes", {{"for", 7}, {"against", 4}, {"abstain", 1}, {"absent", 1}}}};
    auto r = s.Post("/api/v1/decisions", d, official);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_running_consultation_has_a_draft_report_for_officials_only, Fixture) {
  BOOST_TEST(s.Get(Path()).status == 404);
  BOOST_TEST(s.Get(Path(".json")).status == 404);
  BOOST_TEST(s.Get(Path(".pdf")).status == 404);
  BOOST_TEST(s.Get(Path(), residents[0]).status == 404);
  BOOST_TEST(s.Get(Path(".json"), moderator).status == 404);
  auto page = s.Get(Path(), official);
  BOOST_REQUIRE(page.status == 200);
  BOOST_TEST(page.body.find("id=\"report-draft\"") != std::string::npos);
  BOOST_TEST(page.header("cache-control") == "no-store");
  auto j = s.Get(Path(".json"), official);
  BOOST_REQUIRE(j.status == 200);
  BOOST_TEST(j.json()["draft"] == true);
  BOOST_TEST(j.header("cache-control") == "no-store");
  // Publishing waits for the consultation to close.
  Browser b = SignedIn(s, official);
  BOOST_TEST(b.Post(s, "/desk/consultations/" + std::to_string(k) + "/report", {{"op", "publish"}}).status == 409);
  BOOST_TEST(s.Get("/consultations/999/report", official).status == 404);
}

BOOST_FIXTURE_TEST_CASE(the_numbers_agree_in_html_json_and_pdf_with_what_was_posted, Fixture) {
  s.SetTime(kClockStart + 21 * kDay);  // closed on 2027-01-20
  Decide();
  // Counted here from what was posted.
  int64_t comments = 0, replies = 0, official_replies = 0;
  std::map<std::string, std::pair<int64_t, int64_t>> by_day;
  for (const auto& p : posted) {
    (p.reply ? replies : comments)++;
    if (p.official) ++official_replies;
    (p.reply ? by_day[p.day].second : by_day[p.day].first)++;
  }
  const int64_t respondents = 5;  // residents 0-4 wrote (4's comment is hidden); 5 only reacted
  const int64_t supports = 6, opposes = 2;

  auto j = s.Get(Path(".json"));
  BOOST_REQUIRE(j.status == 200);
  json r = j.json();
  BOOST_TEST(r["draft"] == false);
  BOOST_TEST(r["consultation"]["state"] == "decided");
  auto p = r["participation"];
  BOOST_TEST(p["respondents"] == respondents);
  BOOST_TEST(p["comments"] == comments);
  BOOST_TEST(p["replies"] == replies);
  BOOST_TEST(p["official_replies"] == official_replies);
  BOOST_TEST(p["supports"] == supports);
  BOOST_TEST(p["opposes"] == opposes);
  BOOST_TEST(p["hidden"] == 1);
  BOOST_TEST(p["hidden_reasons"][0]["reason"] == "Personuppgifter");
  BOOST_REQUIRE(p["by_day"].size() == by_day.size());
  for (const auto& d : p["by_day"]) {
    std::string date = d["date"];
    BOOST_TEST(d["comments"] == by_day[date].first);
    BOOST_TEST(d["replies"] == by_day[date].second);
  }
  BOOST_TEST(r["unanswered"] == json::array({c1}));  // c2 has the official answer, c3 the decision
  BOOST_TEST(r["most_supported"][0]["id"] == c1);
  BOOST_TEST(r["most_divided"].size() == 1u);
  BOOST_TEST(r["most_divided"][0]["id"] == c3);
  BOOST_TEST(r["most_divided"][0]["balance"] == 1.0);
  BOOST_REQUIRE(r["decisions"].size() == 1u);
  BOOST_TEST(r["decisions"][0]["votes"]["for"] == 7);
  BOOST_TEST(r["decisions"][0]["answers"] == 1);
  BOOST_TEST(r["log"]["seq"].get<int64_t>() > 0);
  BOOST_REQUIRE(r["questions"].size() == 1u);  // three residents answered: Gungor twice
  BOOST_TEST(r["questions"][0]["respondents"] == 3);
  BOOST_TEST(r["questions"][0]["options"][0]["label"] == "Gungor");
  BOOST_TEST(r["questions"][0]["options"][0]["count"] == 2);
  BOOST_TEST(r.dump().find(kHidden) == std::string::npos);
  BOOST_TEST(r.dump().find("070-1234567") == std::string::npos);

  auto page = s.Get(Path());
  BOOST_REQUIRE(page.status == 200);
  BOOST_TEST(page.body.find("report-draft") == std::string::npos);
  BOOST_TEST(PageNumber(page.body, "respondents") == respondents);
  BOOST_TEST(PageNumber(page.body, "comments") == comments);
  BOOST_TEST(PageNumber(page.body, "replies") == replies);
  BOOST_TEST(PageNumber(page.body, "supports") == supports);
  BOOST_TEST(PageNumber(page.body, "opposes") == opposes);
  BOOST_TEST(PageNumber(page.body, "hidden") == 1);
  BOOST_TEST(page.body.find("070-1234567") == std::string::npos);
  BOOST_TEST(page.body.find("<svg class=\"line-chart\"") != std::string::npos);
  BOOST_TEST(page.body.find("q-chart-" + std::to_string(question)) != std::string::npos);
  BOOST_TEST(page.body.find("href=\"/decisions/") != std::string::npos);
  BOOST_TEST(page.body.find("href=\"/log/" + std::to_string(r["log"]["seq"].get<int64_t>()) + "\"") != std::string::npos);
  for (const auto& c : posted) BOOST_TEST(page.body.find(c.body) != std::string::npos, c.body);
  auto en = s.Get(Path() + "?lang=en");
  BOOST_TEST(en.body.find("Consultation report") != std::string::npos);

  auto pdf = s.Get(Path(".pdf"));
  BOOST_REQUIRE(pdf.status == 200);
  BOOST_TEST(pdf.header("content-type") == "application/pdf");
  BOOST_REQUIRE(pdf.body.starts_with("%PDF-"));
  std::filesystem::path dir = std::filesystem::current_path() / "report-artifacts";
  std::filesystem::create_directories(dir);
  std::string file = (dir / "report.pdf").string();
  std::ofstream(file, std::ios::binary) << pdf.body;
  std::string text = Squeeze(Run({"pdftotext", file, "-"}));
  for (const auto& c : posted) BOOST_TEST(Count(text, c.body) == 1u, c.body);
  BOOST_TEST(text.find("070-1234567") == std::string::npos);
  BOOST_TEST(Count(text, "Personuppgifter") >= 1u);  // counted with the reason
  BOOST_TEST(text.find("Deltagare (invånare som skrev): " + std::to_string(respondents)) != std::string::npos);
  BOOST_TEST(text.find("Synpunkter: " + std::to_string(comments)) != std::string::npos);
  BOOST_TEST(text.find("Svar i trådarna: " + std::to_string(replies)) != std::string::npos);
  BOOST_TEST(text.find("Instämmanden: " + std::to_string(supports)) != std::string::npos);
  BOOST_TEST(text.find("Invändningar: " + std::to_string(opposes)) != std::string::npos);
  BOOST_TEST(text.find("Ja 7, nej 4, avstår 1, frånvarande 1") != std::string::npos);
  // Reading order: the parts come as the page has them.
  size_t what = text.find("Vad samrådet gällde"), part = text.find("Deltagande"),
         all = text.find("Alla synpunkter med kommunens svar"), dec = text.find("Beslut som följde");
  BOOST_TEST((what < part && part < all && all < dec && dec != std::string::npos));
  // Threads by section (the proposal as a whole first), each reply after its comment.
  size_t whole = text.find(posted[1].body), lek = text.find(posted[0].body), trad = text.find(posted[2].body);
  BOOST_TEST((whole < text.find(posted[4].body) && text.find(posted[4].body) < lek));
  BOOST_TEST((lek < text.find(posted[3].body) && text.find(posted[3].body) < trad));

  std::string info = Run({"pdfinfo", file});
  BOOST_TEST(info.find("(A4)") != std::string::npos);
  std::smatch m;
  BOOST_REQUIRE(std::regex_search(info, m, std::regex("Pages:\\s+([0-9]+)")));
  int pages = std::stoi(m[1]);
  // Every page carries its own number in the footer (pdftotext ends each page with a form feed).
  std::string by_page = Run({"pdftotext", file, "-"});
  int numbered = 0;
  for (size_t at = 0, end; (end = by_page.find('\f', at)) != std::string::npos; at = end + 1) {
    ++numbered;
    BOOST_TEST(Squeeze(by_page.substr(at, end - at)).ends_with("Sida " + std::to_string(numbered)),
               "page " << numbered);
  }
  BOOST_TEST(numbered == pages);
  std::string fonts = Run({"pdffonts", file});
  BOOST_TEST(fonts.find("DejaVuSans") != std::string::npos);
  std::istringstream lines(fonts);
  std::string line;
  int font_rows = 0;
  while (std::getline(lines, line)) {
    if (line.find("DejaVu") == std::string::npos) continue;
    ++font_rows;
    BOOST_TEST(line.find(" yes ") != std::string::npos, line);  // emb
  }
  BOOST_TEST(font_rows > 0);
  Run({"pdftoppm", "-png", "-r", "50", file, (dir / "report-page").string()});
  int pngs = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) pngs += e.path().extension() == ".png";
  BOOST_TEST(pngs >= pages);
  auto pdf_en = s.Get(Path(".pdf?lang=en"));
  BOOST_TEST(Squeeze(pdf_en.body).size() > 0u);
}

BOOST_FIXTURE_TEST_CASE(officials_add_texts_and_publish_once, Fixture) {
  Browser b = SignedIn(s, official);
  std::string desk = "/desk/consultations/" + std::to_string(k) + "/report";
  auto form = b.Get(s, desk);
  BOOST_REQUIRE(form.status == 200);
  auto saved = b.Post(s, desk, {{"report_intro_md", "Inledning om **parken**"}, {"report_summary_md", "Kort summering"}});
  BOOST_TEST(saved.status == 303);
  BOOST_TEST(SignedIn(s, residents[0]).Post(s, desk, {{"report_intro_md", "x"}}).status == 403);
  // Unpublished texts are not in the public report once it is public.
  s.SetTime(kClockStart + 21 * kDay);
  auto before = s.Get(Path(".json")).json();
  BOOST_TEST(before["texts_published_at"].is_null());
  BOOST_TEST(s.Get(Path()).body.find("Kort summering") == std::string::npos);
  BOOST_TEST(s.Get(Path(), official).body.find("Kort summering") != std::string::npos);
  auto published = b.Post(s, desk, {{"op", "publish"}});
  BOOST_TEST(published.status == 303);
  BOOST_TEST(b.Post(s, desk, {{"op", "publish"}}).status == 409);
  BOOST_TEST(b.Post(s, desk, {{"report_intro_md", "Ändrad"}, {"report_summary_md", ""}}).status == 409);
  auto page = s.Get(Path());
  BOOST_TEST(page.body.find("<strong>parken</strong>") != std::string::npos);
  BOOST_TEST(page.body.find("Kort summering") != std::string::npos);
  auto log = s.Get("/api/v1/log?limit=1000").json();
  bool logged = false;
  for (const auto& e : log["items"]) {
    logged = logged || (e["kind"] == "report.published" && e["payload"]["summary_md"] == "Kort summering");
  }
  BOOST_TEST(logged);
}

BOOST_FIXTURE_TEST_CASE(the_cached_json_follows_a_new_comment, Fixture) {
  auto first = s.Get(Path(".json"), official);
  BOOST_REQUIRE(first.status == 200);
  int64_t comments = first.json()["participation"]["comments"];
  Post(residents[5], "En ny synpunkt om belysningen vid bron", json::object(), false, 3);
  auto after = s.Get(Path(".json"), official);
  BOOST_REQUIRE(after.status == 200);
  BOOST_TEST(after.json()["participation"]["comments"] == comments + 1);
  BOOST_TEST(after.body.find("En ny synpunkt om belysningen vid bron") != std::string::npos);
  BOOST_TEST(first.body.find("En ny synpunkt om belysningen vid bron") == std::string::npos);
}

// A server told to keep no rendered reports renders each request afresh.
struct NoReportCache : Fixture {
  NoReportCache() : Fixture({"--report-cache-mb", "0"}) {}
};

BOOST_FIXTURE_TEST_CASE(without_a_report_cache_every_form_is_still_served_and_current, NoReportCache) {
  auto first = s.Get(Path(".json"), official);
  BOOST_REQUIRE(first.status == 200);
  auto again = s.Get(Path(".json"), official);
  BOOST_TEST(again.body == first.body);
  BOOST_TEST(s.Get(Path(""), official).status == 200);
  for (int i = 0; i < 2; ++i) {
    auto pdf = s.Get(Path(".pdf"), official);
    BOOST_REQUIRE(pdf.status == 200);
    BOOST_TEST(pdf.body.rfind("%PDF-", 0) == 0u);
  }
  Post(residents[5], "Ännu en synpunkt om belysningen vid bron", json::object(), false, 3);
  auto after = s.Get(Path(".json"), official);
  BOOST_REQUIRE(after.status == 200);
  BOOST_TEST(after.body.find("Ännu en synpunkt om belysningen vid bron") != std::string::npos);
}
