// Decisions through the real server: publishing with votes, append-only
// amendments, revocation, tamper evidence, consultations becoming decided.
#define BOOST_TEST_MODULE decisions_e2e
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <set>

#include "tests/support/test_server.h"

using samrad::testing::RunSamrad;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
json Decision(const std::string& title = "Cykelbana längs Värmdövägen byggs") {
  return {{"title", title},
          {"body", "Kommunstyrelsen beslutar att bygga cykelbanan. *Motivering*: många synpunkter."},
          {"body_name", "Kommunstyrelsen"},
          {"reference", "KFKS 2026/123"},
          {"decided_at", "2026-11-20"},
          {"outcome", "approved"}};
}

json RollCall() {
  return {{"for", 2}, {"against", 1}, {"abstain", 0}, {"absent", 1},
          {"roll_call", {{{"name", "Anna A"}, {"party", "M"}, {"vote", "for"}},
                         {{"name", "Bo B"}, {"party", "S"}, {"vote", "for"}},
                         {{"name", "Cia C"}, {"party", "V"}, {"vote", "against"}},
                         {{"name", "Dan D"}, {"party", "C"}, {"vote", "absent"}}}}};
}

int64_t PublishedConsultation(TestServer& s, const std::string& official) {
  auto c = s.Post("/api/v1/consultations",
                  {{"title", "Cykelbanor"}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
                   {"opens_at", "2026-01-01"}, {"closes_at", "2026-06-01"}},
                  official);
  int64_t id = c.json()["id"];
  s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), official);
  return id;
}
}  // namespace

BOOST_AUTO_TEST_CASE(publishes_with_and_without_a_roll_call) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto plain = s.Post("/api/v1/decisions", Decision(), official);
  BOOST_TEST(plain.status == 201);
  BOOST_TEST(plain.json()["version"] == 1);
  BOOST_TEST(plain.json()["votes"].is_null());
  BOOST_TEST(plain.json()["log_seq"].get<int64_t>() > 0);
  BOOST_TEST(plain.json()["entry_hash"].get<std::string>().size() == 64u);
  BOOST_TEST(plain.json()["body_html"].get<std::string>().find("<em>Motivering</em>") != std::string::npos);

  json with = Decision("Budget 2027");
  with["votes"] = RollCall();
  auto voted = s.Post("/api/v1/decisions", with, official);
  BOOST_TEST(voted.status == 201);
  BOOST_TEST(voted.json()["votes"]["roll_call"].size() == 4u);
  BOOST_TEST(voted.json()["votes"]["for"] == 2);

  // The response's log entry is the one in the public log.
  auto entry = s.Get("/api/v1/log?after=" + std::to_string(voted.json()["log_seq"].get<int64_t>() - 1) + "&limit=1").json()["items"][0];
  BOOST_TEST(entry["hash"] == voted.json()["entry_hash"]);
  BOOST_TEST(entry["kind"] == "decision.published");
  BOOST_TEST(entry["payload"]["votes"]["roll_call"][2]["name"] == "Cia C");
}

BOOST_AUTO_TEST_CASE(invalid_votes_are_refused_and_nothing_is_stored) {
  TestServer s;
  std::string official = s.UserToken("official");
  auto head = s.Get("/api/v1/log/verify").json()["entries"];
  json negative = Decision();
  negative["votes"] = {{"for", -1}, {"against", 0}, {"abstain", 0}, {"absent", 0}};
  BOOST_TEST(s.Post("/api/v1/decisions", negative, official).status == 422);
  json mismatch = Decision();
  mismatch["votes"] = RollCall();
  mismatch["votes"]["for"] = 3;
  auto r = s.Post("/api/v1/decisions", mismatch, official);
  BOOST_TEST(r.status == 422);
  BOOST_TEST(r.json()["errors"][0]["field"] == "/votes/for");
  json unknown = Decision();
  unknown["consultation_ids"] = {4242};
  BOOST_TEST(s.Post("/api/v1/decisions", unknown, official).status == 422);
  json bad_date = Decision();
  bad_date["decided_at"] = "igår";
  BOOST_TEST(s.Post("/api/v1/decisions", bad_date, official).status == 422);
  // A body whose log entry would pass the 65,535-byte entry limit is the client's to shorten.
  json huge = Decision();
  huge["body"] = std::string(70000, 'a');
  auto too_large = s.Post("/api/v1/decisions", huge, official);
  BOOST_TEST(too_large.status == 422);
  BOOST_TEST(too_large.header("content-type").starts_with("application/problem+json"));
  BOOST_TEST(too_large.json()["errors"][0]["field"] == "/body");
  BOOST_TEST(too_large.json()["errors"][0]["message"].get<std::string>().find("at most 65535 bytes") != std::string::npos);
  BOOST_TEST(s.Get("/api/v1/decisions").json()["items"].size() == 0u);
  BOOST_TEST(s.Get("/api/v1/log/verify").json()["entries"] == head);
}

BOOST_AUTO_TEST_CASE(only_officials_publish_and_amend) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t id = s.Post("/api/v1/decisions", Decision(), official).json()["id"];
  std::string amend = "/api/v1/decisions/" + std::to_string(id) + "/amendments";
  json change = {{"changes", {{"title", "Ny titel"}}}, {"reason", "Stavfel"}};
  std::map<std::string, std::string> others = {{"anonymous", ""},
                                               {"resident", s.ResidentToken()},
                                               {"moderator", s.UserToken("moderator")}};
  for (const auto& [role, token] : others) {
    BOOST_TEST_CONTEXT(role) {
      int expected = token.empty() ? 401 : 403;
      BOOST_TEST(s.Post("/api/v1/decisions", Decision(), token).status == expected);
      BOOST_TEST(s.Post(amend, change, token).status == expected);
    }
  }
  BOOST_TEST(s.Post(amend, change, s.UserToken("admin")).status == 201);
}

BOOST_AUTO_TEST_CASE(amendments_keep_every_version_readable_and_revocation_is_final) {
  TestServer s;
  std::string official = s.UserToken("official");
  json d = Decision();
  d["votes"] = RollCall();
  int64_t id = s.Post("/api/v1/decisions", d, official).json()["id"];
  std::string base = "/api/v1/decisions/" + std::to_string(id);

  auto a = s.Post(base + "/amendments",
                  {{"changes", {{"reference", "KFKS 2026/124"}, {"decided_at", "2026-11-21"}}},
                   {"reason", "Fel diarienummer i protokollet"}},
                  official);
  BOOST_TEST(a.status == 201);
  BOOST_TEST(a.json()["version"] == 2);
  BOOST_TEST(a.json()["changes"]["reference"]["from"] == "KFKS 2026/123");
  BOOST_TEST(a.json()["changes"]["reference"]["to"] == "KFKS 2026/124");
  BOOST_TEST(!a.json()["changes"].contains("title"));
  BOOST_TEST(a.json()["votes"]["for"] == 2);  // unchanged fields carry over

  BOOST_TEST(s.Post(base + "/amendments", {{"changes", {{"title", d["title"]}}}, {"reason", "ingen ändring"}}, official).status == 422);
  BOOST_TEST(s.Post(base + "/amendments", {{"changes", {{"votes", {{"for", 9}, {"against", 0}, {"abstain", 0}, {"absent", 0}, {"roll_call", json::array()}}}}}, {"reason", "x"}}, official).status == 422);

  auto revoke = s.Post(base + "/amendments", {{"changes", {{"outcome", "revoked"}}}, {"reason", "Upphävt av förvaltningsrätten"}}, official);
  BOOST_TEST(revoke.status == 201);
  BOOST_TEST(revoke.json()["outcome"] == "revoked");
  BOOST_TEST(s.Post(base + "/amendments", {{"changes", {{"title", "Igen"}}}, {"reason", "x"}}, official).status == 409);

  auto current = s.Get(base).json();
  BOOST_TEST(current["version"] == 3);
  BOOST_TEST(current["versions"].size() == 3u);
  auto v1 = s.Get(base + "/versions/1").json();
  BOOST_TEST(v1["reference"] == "KFKS 2026/123");
  BOOST_TEST(v1["outcome"] == "approved");
  BOOST_TEST(v1["changes"].is_null());
  auto v3 = s.Get(base + "/versions/3").json();
  BOOST_TEST(v3["reason"] == "Upphävt av förvaltningsrätten");
  BOOST_TEST(v3["changes"]["outcome"]["from"] == "approved");
  BOOST_TEST(s.Get(base + "/versions/4").status == 404);

  // Nothing is ever overwritten or deleted.
  BOOST_TEST(s.Delete(base, official).status == 405);
  BOOST_TEST(s.Put(base, Decision(), official).status == 405);
  BOOST_TEST(s.Patch(base, {{"title", "x"}}, official).status == 405);
  BOOST_TEST(s.Get("/api/v1/decisions?outcome=revoked").json()["items"].size() == 1u);
  BOOST_TEST(s.Get("/api/v1/decisions?outcome=approved").json()["items"].size() == 0u);
}

BOOST_AUTO_TEST_CASE(linking_a_consultation_makes_it_decided) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishedConsultation(s, official);
  json d = Decision();
  d["consultation_ids"] = {k};
  int64_t id = s.Post("/api/v1/decisions", d, official).json()["id"];
  auto c = s.Get("/api/v1/consultations/" + std::to_string(k)).json();
  BOOST_TEST(c["state"] == "decided");
  BOOST_TEST(c["decision_ids"] == json::array({id}));
  BOOST_TEST(c["decisions"][0]["title"] == d["title"]);
  BOOST_TEST(s.Get("/api/v1/consultations?state=decided").json()["items"].size() == 1u);
  // A decided consultation is no longer edited.
  BOOST_TEST(s.Patch("/api/v1/consultations/" + std::to_string(k), {{"title", "x"}}, official).status == 409);
  // A draft cannot be linked.
  auto draft = s.Post("/api/v1/consultations",
                      {{"title", "Utkast"}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
                       {"opens_at", "2026-01-01"}, {"closes_at", "2026-06-01"}}, official);
  json bad = Decision();
  bad["consultation_ids"] = {draft.json()["id"]};
  BOOST_TEST(s.Post("/api/v1/decisions", bad, official).status == 422);
}

BOOST_AUTO_TEST_CASE(lists_filter_by_body_date_and_outcome_with_stable_pages) {
  TestServer s;
  std::string official = s.UserToken("official");
  const char* bodies[] = {"Kommunstyrelsen", "Kommunfullmäktige", "Miljö- och stadsbyggnadsnämnden"};
  for (int i = 0; i < 9; ++i) {
    json d = Decision("Beslut " + std::to_string(i));
    d["body_name"] = bodies[i % 3];
    d["decided_at"] = "2026-10-0" + std::to_string(i + 1);
    d["outcome"] = i % 2 ? "rejected" : "approved";
    BOOST_REQUIRE(s.Post("/api/v1/decisions", d, official).status == 201);
  }
  auto ks = s.Get("/api/v1/decisions?body_name=Kommunstyrelsen").json()["items"];
  BOOST_TEST(ks.size() == 3u);
  BOOST_TEST(ks[0]["title"] == "Beslut 6");  // newest decision date first
  BOOST_TEST(s.Get("/api/v1/decisions?from=2026-10-03&to=2026-10-05").json()["items"].size() == 3u);
  BOOST_TEST(s.Get("/api/v1/decisions?outcome=rejected").json()["items"].size() == 4u);
  BOOST_TEST(s.Get("/api/v1/decisions?from=nonsense").status == 422);
  BOOST_TEST(s.Get("/api/v1/decisions?outcome=maybe").status == 422);

  std::set<int64_t> seen;
  std::string cursor;
  do {
    auto page = s.Get("/api/v1/decisions?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    for (const auto& d : page["items"]) BOOST_TEST(seen.insert(d["id"].get<int64_t>()).second);
    cursor = page["next_cursor"].is_null() ? "" : page["next_cursor"].get<std::string>();
  } while (!cursor.empty());
  BOOST_TEST(seen.size() == 9u);
}

BOOST_AUTO_TEST_CASE(tampering_with_a_decision_in_the_database_is_detected_at_its_sequence) {
  TestServer s;
  std::string official = s.UserToken("official");
  s.Post("/api/v1/decisions", Decision("Första"), official);
  json d = Decision("Andra");
  d["votes"] = RollCall();
  int64_t seq = s.Post("/api/v1/decisions", d, official).json()["log_seq"];
  s.Post("/api/v1/decisions", Decision("Tredje"), official);
  BOOST_TEST(RunSamrad({"verify-log", "--data", s.data_dir() + "/data"}).exit_code == 0);

  sqlite3* h = nullptr;
  BOOST_REQUIRE(sqlite3_open((s.data_dir() + "/data/samrad.db").c_str(), &h) == SQLITE_OK);
  sqlite3_busy_timeout(h, 10000);  // the server's background writers commit too
  // Someone with the file flips a vote: the triggers refuse, so they drop them.
  BOOST_TEST(sqlite3_exec(h, "UPDATE events SET payload = replace(payload, '\"against\"', '\"for\"')", nullptr, nullptr, nullptr) != SQLITE_OK);
  std::string sql = "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, "
                    "'\"name\":\"Cia C\",\"party\":\"V\",\"vote\":\"against\"', "
                    "'\"name\":\"Cia C\",\"party\":\"V\",\"vote\":\"for\"') WHERE seq = " + std::to_string(seq);
  BOOST_REQUIRE(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_changes(h) == 1);
  sqlite3_close(h);

  auto cli = RunSamrad({"verify-log", "--data", s.data_dir() + "/data"});
  BOOST_TEST(cli.exit_code == 1);
  BOOST_TEST(cli.output.find("seq " + std::to_string(seq)) != std::string::npos);
  BOOST_TEST(s.Get("/api/v1/log/verify").json()["first_bad_seq"] == seq);
}

BOOST_AUTO_TEST_CASE(a_journalist_verifies_the_log_with_the_documented_script) {
  TestServer s;
  std::string official = s.UserToken("official");
  json d = Decision("Beslut med åäö och \"citat\" och emoji 🚲");
  d["votes"] = RollCall();
  s.Post("/api/v1/decisions", d, official);
  auto ok = samrad::testing::RunCommand({"python3", SAMRAD_SOURCE_DIR "/docs/verify_log.py", s.url()});
  BOOST_TEST(ok.exit_code == 0, ok.output);
  BOOST_TEST(ok.output.find("ok:") != std::string::npos);
  BOOST_TEST(ok.output.find(s.Get("/api/v1/log/verify").json()["head_hash"].get<std::string>()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_whole_path_from_comments_to_a_verified_decision_that_answers_them) {
  TestServer s(/*fixed_clock=*/true);  // 2027-01-01
  std::string official = s.UserToken("official");
  std::string resident = s.ResidentToken("Karin");
  auto make = [&](const std::string& title) {
    auto c = s.Post("/api/v1/consultations",
                    {{"title", title}, {"summary", "S"}, {"body", "B"}, {"language", "sv"},
                     {"opens_at", "2026-12-01"}, {"closes_at", "2027-01-15"}},
                    official);
    int64_t id = c.json()["id"];
    s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), official);
    return id;
  };
  int64_t k = make("Cykelbanor"), other = make("Bibliotek");
  auto comment = s.Post("/api/v1/consultations/" + std::to_string(k) + "/comments",
                        {{"body", "Bygg cykelbanan på norra sidan, den är säkrare."}}, resident);
  BOOST_REQUIRE(comment.status == 201);
  int64_t said = comment.json()["id"];
  int64_t elsewhere = s.Post("/api/v1/consultations/" + std::to_string(other) + "/comments",
                             {{"body", "Längre öppettider."}}, resident).json()["id"];
  s.SetTime(1798761600 + 20 * 24 * 3600);  // the consultation has closed

  json d = Decision();
  d["consultation_ids"] = {k};
  d["answers_comment_ids"] = {elsewhere};
  auto refused = s.Post("/api/v1/decisions", d, official);
  BOOST_TEST(refused.status == 422);  // a comment outside the linked consultations
  d["answers_comment_ids"] = {said, 999999};
  BOOST_TEST(s.Post("/api/v1/decisions", d, official).status == 422);  // no such comment
  d["answers_comment_ids"] = {said};
  auto published = s.Post("/api/v1/decisions", d, official);
  BOOST_REQUIRE(published.status == 201);
  int64_t id = published.json()["id"];

  // "You said, we did": the consultation and the comment point at each other.
  auto c = s.Get("/api/v1/consultations/" + std::to_string(k)).json();
  BOOST_TEST(c["state"] == "decided");
  BOOST_TEST(c["decisions"][0]["answers_comment_ids"] == json::array({said}));
  BOOST_TEST(s.Get("/api/v1/comments/" + std::to_string(said)).json()["answered_by"] == json::array({id}));
  auto thread = s.Get("/api/v1/consultations/" + std::to_string(k) + "/comments").json();
  BOOST_TEST(thread["items"][0]["answered_by"] == json::array({id}));
  BOOST_TEST(s.Get("/api/v1/comments/" + std::to_string(elsewhere)).json()["answered_by"] == json::array());

  auto amended = s.Post("/api/v1/decisions/" + std::to_string(id) + "/amendments",
                        {{"changes", {{"body", "Cykelbanan byggs på norra sidan, som Karin föreslog."}}},
                         {"reason", "Förtydligad motivering"}},
                        official);
  BOOST_TEST(amended.status == 201);
  BOOST_TEST(amended.json()["answers_comment_ids"] == json::array({said}));

  auto cli = RunSamrad({"verify-log", "--data", s.data_dir() + "/data"});
  BOOST_TEST(cli.exit_code == 0, cli.output);
  BOOST_TEST(cli.output.find(s.Get("/api/v1/log/verify").json()["head_hash"].get<std::string>()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_journalist_verifies_the_events_dataset_offline) {
  TestServer s;
  std::string official = s.UserToken("official");
  json d = Decision("Beslut för öppna data");
  d["votes"] = RollCall();
  s.Post("/api/v1/decisions", d, official);
  auto csv = s.Get("/opendata/events.csv");
  BOOST_REQUIRE(csv.status == 200);
  samrad::testing::TempDir dir;
  std::string file = dir.path() + "/events.csv";
  std::ofstream(file, std::ios::binary) << csv.body;
  auto ok = samrad::testing::RunCommand({"python3", SAMRAD_SOURCE_DIR "/docs/verify_events_csv.py", file});
  BOOST_TEST(ok.exit_code == 0, ok.output);
  BOOST_TEST(ok.output.find(s.Get("/api/v1/log/verify").json()["head_hash"].get<std::string>()) != std::string::npos);
}
