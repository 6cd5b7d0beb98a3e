// The participation datasets through the real server: comments (authors as
// the API shows them, hidden bodies absent in every format), decisions with
// every version, roll-call votes and the moderation log, each parsed back by
// Python's csv and json modules and compared with the API.
#define BOOST_TEST_MODULE opendata_content_e2e
#include <boost/test/unit_test.hpp>

#include "tests/support/comment_fixtures.h"
#include "tests/support/python.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
const char* kSecret = "Ring mig på 070-1234567, hemlig text";

// Downloads NAME in all three formats and returns Python's reading of them:
// {"csv": [...], "json": [...], "ndjson": [...]} with every value as text in
// csv, and a "raw" concatenation of the three bodies.
json ReadBack(TestServer& s, const std::string& name, const std::string& query = "") {
  TempDir dir;
  std::string raw;
  for (std::string ext : {"csv", "json", "ndjson"}) {
    auto r = s.Get("/opendata/" + name + "." + ext + query);
    BOOST_REQUIRE_MESSAGE(r.status == 200, name + "." + ext + ": " + r.body);
    WriteFile(dir.path(), "d." + ext, r.body);
    raw += r.body;
  }
  auto py = RunPython(dir.path(), R"PY(
import csv, json, sys
d = sys.argv[1]
out = {"csv": list(csv.DictReader(open(d + "/d.csv", newline="", encoding="utf-8"))),
       "json": json.load(open(d + "/d.json", encoding="utf-8")),
       "ndjson": [json.loads(l) for l in open(d + "/d.ndjson", encoding="utf-8") if l.strip()]}
print(json.dumps(out))
)PY", dir.path());
  BOOST_REQUIRE_MESSAGE(py.exit_code == 0, py.output);
  json out = json::parse(py.output);
  out["raw"] = raw;
  return out;
}

// The row of a format whose `key` field equals id (as text in CSV).
json RowWith(const json& rows, const std::string& key, int64_t id) {
  for (const auto& r : rows) {
    if (r[key] == id || r[key] == std::to_string(id)) return r;
  }
  return nullptr;
}

struct World {
  TestServer s{true};
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  std::string named = s.ResidentToken("Karin Öppen");
  std::string hidden_name = s.ResidentToken("Per Dold");
  std::string leaving = s.ResidentToken("Lisa Lämnar");
  int64_t k = PublishConsultation(s, official);
  int64_t by_named = 0, by_pseudonym = 0, by_deleted = 0, hidden = 0, reply = 0;
  int64_t decision = 0;
  World() {
    BOOST_REQUIRE(s.Patch("/api/v1/me", {{"public_name", true}}, named).status == 200);
    by_named = PostComment(s, k, named, "Bra förslag, men \"fler\" träd, tack");
    by_pseudonym = PostComment(s, k, hidden_name, "Rad ett\nRad två, med komma");
    reply = PostComment(s, k, hidden_name, "Ett svar", {{"parent_id", by_named}});
    by_deleted = PostComment(s, k, leaving, "Jag flyttar snart");
    hidden = PostComment(s, k, hidden_name, kSecret);
    BOOST_REQUIRE(s.Post(CommentPath(hidden) + "/moderation",
                         {{"action", "hide"}, {"reason", "Personuppgifter"}}, moderator).status == 201);
    BOOST_REQUIRE(s.Delete("/api/v1/me", leaving).status == 204);
    json d = {{"title", "Parken byggs"}, {"body", "Beslut om parken."},
              {"body_name", "Kommunstyrelsen"}, {"reference", "KFKS 2027/1"},
              {"decided_at", "2027-01-01"}, {"outcome", "approved"},
              {"consultation_ids", {k}},
              {"votes", {{"for", 2}, {"against", 1}, {"abstain", 0}, {"absent", 0},
                         {"roll_call", {{{"name", "Anna A"}, {"party", "M"}, {"vote", "for"}},
                                        {{"name", "Bo B"}, {"party", "S"}, {"vote", "for"}},
                                        {{"name", "Cia C"}, {"party", "V"}, {"vote", "against"}}}}}}};
    auto r = s.Post("/api/v1/decisions", d, official);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    decision = r.json()["id"];
    s.SetTime(kClockStart + kDay);
    auto a = s.Post("/api/v1/decisions/" + std::to_string(decision) + "/amendments",
                    {{"changes", {{"title", "Parken byggs i etapper"}}}, {"reason", "Förtydligande"}},
                    official);
    BOOST_REQUIRE_MESSAGE(a.status == 201, a.body);
  }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(comments_read_back_as_the_api_shows_them, World) {
  auto data = ReadBack(s, "comments");
  for (std::string f : {"csv", "json", "ndjson"}) BOOST_TEST(data[f].size() == 5u, f);
  for (int64_t id : {by_named, by_pseudonym, reply, by_deleted, hidden}) {
    auto api = s.Get(CommentPath(id)).json();
    for (std::string f : {"csv", "json", "ndjson"}) {
      BOOST_TEST_CONTEXT(f << " comment " << id) {
        json row = RowWith(data[f], "id", id);
        BOOST_REQUIRE(!row.is_null());
        BOOST_TEST(row["author"] == api["author"]["name"]);
        if (api["hidden"] == true) {
          BOOST_TEST((row["body"].is_null() || row["body"] == ""));
        } else {
          BOOST_TEST(row["body"] == api["body"]);
        }
        BOOST_TEST(row["consultation_id"] == (f == "csv" ? json(std::to_string(k)) : json(k)));
      }
    }
  }
  json named_row = RowWith(data["json"], "id", by_named);
  BOOST_TEST(named_row["author"] == "Karin Öppen");
  BOOST_TEST(named_row["author_kind"] == "public");
  BOOST_TEST(RowWith(data["json"], "id", by_pseudonym)["author_kind"] == "pseudonym");
  BOOST_TEST(RowWith(data["json"], "id", by_pseudonym)["author"] ==
             RowWith(data["json"], "id", hidden)["author"]);
  BOOST_TEST(RowWith(data["json"], "id", by_deleted)["author"] == "deleted account");
  BOOST_TEST(RowWith(data["json"], "id", reply)["parent_id"] == by_named);
  json h = RowWith(data["json"], "id", hidden);
  BOOST_TEST(h["hidden"] == true);
  BOOST_TEST(h["hidden_reason"] == "Personuppgifter");
  BOOST_TEST(RowWith(data["csv"], "id", hidden)["hidden"] == "true");
  // Neither the hidden text nor the names of pseudonymous or deleted authors
  // are anywhere in any format.
  std::string raw = data["raw"];
  for (std::string secret : {std::string(kSecret), std::string("070-1234567"),
                             std::string("Per Dold"), std::string("Lisa Lämnar")}) {
    BOOST_TEST(raw.find(secret) == std::string::npos, secret);
  }
}

BOOST_FIXTURE_TEST_CASE(modified_since_follows_moderation_of_a_comment, World) {
  s.SetTime(kClockStart + 2 * kDay);
  BOOST_REQUIRE(s.Post(CommentPath(hidden) + "/moderation",
                       {{"action", "restore"}, {"reason", "Granskad igen"}}, moderator).status == 201);
  auto changed = s.Get("/opendata/comments.json?modified_since=2027-01-02T12:00:00Z").json();
  BOOST_REQUIRE(changed.size() == 1u);
  BOOST_TEST(changed[0]["id"] == hidden);
  BOOST_TEST(changed[0]["body"] == kSecret);  // restored: public again
  BOOST_TEST(changed[0]["modified_at"] == "2027-01-03T00:00:00Z");
  auto log = ReadBack(s, "moderation_log");
  auto api = s.Get("/api/v1/moderation-log").json()["items"];
  BOOST_REQUIRE(log["json"].size() == api.size());
  BOOST_REQUIRE(log["csv"].size() == api.size());
  for (const auto& act : api) {
    json row = RowWith(log["json"], "id", act["id"].get<int64_t>());
    BOOST_REQUIRE(!row.is_null());
    for (std::string f : {"action", "reason", "at"}) BOOST_TEST(row[f] == act[f], f);
    BOOST_TEST(row["comment_id"] == hidden);
    BOOST_TEST(row["role"] == act["role"]);
    BOOST_TEST(row["role"] == "moderator");
  }
  BOOST_TEST(s.Get("/opendata/moderation_log.json?modified_since=2027-01-02T12:00:00Z").json().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(decisions_have_one_row_per_version_and_votes_per_roll_call, World) {
  auto data = ReadBack(s, "decisions");
  for (std::string f : {"csv", "json", "ndjson"}) BOOST_TEST(data[f].size() == 2u, f);
  for (int n : {1, 2}) {
    auto api = s.Get("/api/v1/decisions/" + std::to_string(decision) + "/versions/" + std::to_string(n)).json();
    json row = data["json"][n - 1];
    BOOST_TEST(row["decision_id"] == decision);
    BOOST_TEST(row["version"] == n);
    for (std::string f : {"title", "body", "body_name", "reference", "outcome", "entry_hash"}) {
      BOOST_TEST(row[f] == api[f], f);
      BOOST_TEST(data["csv"][n - 1][f] == api[f], f);
    }
    BOOST_TEST(row["votes"]["for"] == 2);
    BOOST_TEST(row["consultation_ids"] == json({k}));
  }
  BOOST_TEST(data["json"][1]["reason"] == "Förtydligande");
  BOOST_TEST(data["json"][0]["title"] == "Parken byggs");
  BOOST_TEST(data["json"][1]["title"] == "Parken byggs i etapper");
  BOOST_TEST(s.Get("/opendata/decisions.json?modified_since=2027-01-01T12:00:00Z").json().size() == 1u);

  auto votes = ReadBack(s, "decision_votes");
  for (std::string f : {"csv", "json", "ndjson"}) BOOST_TEST(votes[f].size() == 6u, f);
  auto roll = s.Get("/api/v1/decisions/" + std::to_string(decision)).json()["votes"]["roll_call"];
  for (size_t i = 0; i < 6; ++i) {
    const json& v = votes["json"][i];
    BOOST_TEST(v["decision_id"] == decision);
    BOOST_TEST(v["version"] == static_cast<int>(i / 3 + 1));
    for (std::string f : {"name", "party", "vote"}) {
      BOOST_TEST(v[f] == roll[i % 3][f], f);
      BOOST_TEST(votes["csv"][i][f] == roll[i % 3][f], f);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(datapackages_and_catalog_list_the_new_datasets, World) {
  for (std::string name : {"comments", "decisions", "decision_votes", "moderation_log"}) {
    BOOST_TEST_CONTEXT(name) {
      auto p = s.Get("/opendata/" + name + "/datapackage.json");
      BOOST_REQUIRE(p.status == 200);
      auto fields = p.json()["resources"][0]["schema"]["fields"];
      BOOST_TEST(fields.size() >= 5u);
      auto rows = s.Get("/opendata/" + name + ".json").json();
      BOOST_REQUIRE(!rows.empty());
      std::vector<std::string> names, keys;
      for (const auto& f : fields) {
        names.push_back(f["name"]);
        BOOST_TEST(!f["description"].get<std::string>().empty());
        BOOST_TEST(!f["type"].get<std::string>().empty());
      }
      for (const auto& [key, value] : rows[0].items()) keys.push_back(key);
      std::sort(names.begin(), names.end());
      BOOST_TEST(names == keys, boost::test_tools::per_element());
    }
  }
  auto list = s.Get("/api/3/action/package_list").json()["result"];
  for (std::string name : {"comments", "decisions", "decision_votes", "moderation_log"}) {
    BOOST_TEST((std::find(list.begin(), list.end(), name) != list.end()), name);
  }
  std::string rdf = s.Get("/opendata/catalog.rdf").body;
  BOOST_TEST(rdf.find("/opendata/decision_votes.csv") != std::string::npos);
}
