// Search through the real server: Swedish and English stemming, facets,
// filters, escaped snippets, drafts absent, freshness, catch-up after a
// crash, and reindex equivalence.
#define BOOST_TEST_MODULE search_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "tests/support/test_server.h"

using samrad::testing::RunSamrad;
using samrad::testing::TestServer;
using nlohmann::json;

namespace {
json Consultation(const std::string& title, const std::string& body, const std::string& lang,
                  const std::string& area, const std::string& opens = "2020-01-01",
                  const std::string& closes = "2040-01-01") {
  return {{"title", title}, {"summary", "Samråd om " + area}, {"body", body}, {"language", lang},
          {"area", area},   {"opens_at", opens},              {"closes_at", closes},
          {"sections", {{{"heading", "Bakgrund"}, {"body", "Kommunen har utrett frågan."}}}}};
}

int64_t Publish(TestServer& s, const std::string& token, const json& draft) {
  auto c = s.Post("/api/v1/consultations", draft, token);
  BOOST_REQUIRE(c.status == 201);
  int64_t id = c.json()["id"];
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), token).status == 200);
  return id;
}

std::string Encode(const std::string& text) {
  std::string out;
  char buf[4];
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ',') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

json Search(TestServer& s, const std::string& q, const std::string& extra = "") {
  auto r = s.Get("/api/v1/search?q=" + Encode(q) + extra);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

// Polls until the query finds at least `want` items or the deadline passes;
// returns what the last search found.
int64_t FoundWithin(TestServer& s, const std::string& q, int64_t want, std::chrono::milliseconds deadline) {
  auto end = std::chrono::steady_clock::now() + deadline;
  int64_t total = 0;
  do {
    total = Search(s, q)["total"];
    if (total >= want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < end);
  return total;
}

std::set<int64_t> Ids(const json& result) {
  std::set<int64_t> ids;
  for (const auto& r : result["results"]) ids.insert(r["id"].get<int64_t>());
  return ids;
}

struct Corpus {
  TestServer s;
  std::string official = s.UserToken("official");
  Corpus() {
    Publish(s, official, Consultation("Nya cykelbanor i Sickla", "Vi vill bygga en cykelbana längs Värmdövägen.", "sv", "Sickla"));
    Publish(s, official, Consultation("Cykelbana vid skolan", "En säker cykelbana för barnen.", "sv", "Nacka"));
    Publish(s, official, Consultation("Parking decisions downtown", "The council will take a decision on parking fees.", "en", "Centrum"));
    Publish(s, official, Consultation("Nytt bibliotek", "Biblioteket får <script>alert(1)</script> nya öppettider.", "sv", "Centrum",
                                      "2039-01-01", "2040-01-01"));
    // A draft is never searchable.
    BOOST_REQUIRE(s.Post("/api/v1/consultations", Consultation("Hemlig cykelbana", "Utkast om cykelbana", "sv", "Sickla"), official).status == 201);
    BOOST_REQUIRE(FoundWithin(s, "bibliotek", 1, std::chrono::seconds(2)) == 1);
  }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(stemming_finds_swedish_and_english_word_forms, Corpus) {
  BOOST_TEST(Search(s, "cykelbanor")["total"] == 2);
  BOOST_TEST(Search(s, "decisions")["total"] == 1);
  BOOST_TEST(Search(s, "decisions")["results"][0]["title"] == "Parking decisions downtown");
  BOOST_TEST(Search(s, "decision", "&lang=en")["total"] == 1);
  BOOST_TEST(Search(s, "title:cykelbanor")["total"] == 2);
  BOOST_TEST(Search(s, "\"säker cykelbana\"")["total"] == 1);
  BOOST_TEST(Search(s, "cykelbana NOT skolan")["total"] == 1);
  BOOST_TEST(Search(s, "biblio*")["total"] == 1);
}

BOOST_FIXTURE_TEST_CASE(drafts_never_appear, Corpus) {
  BOOST_TEST(Search(s, "hemlig")["total"] == 0);
  BOOST_TEST(Search(s, "utkast")["total"] == 0);
  BOOST_TEST(Search(s, "")["total"] == 4);
}

BOOST_FIXTURE_TEST_CASE(facet_counts_equal_the_matching_items_and_filters_narrow, Corpus) {
  auto all = Search(s, "", "&limit=1");
  BOOST_TEST(all["total"] == 4);
  BOOST_TEST(all["facets_exact"] == true);
  BOOST_TEST(all["results"].size() == 1u);
  BOOST_TEST(all["facets"]["type"]["consultation"] == 4);
  BOOST_TEST(all["facets"]["area"]["Centrum"] == 2);
  BOOST_TEST(all["facets"]["state"]["open"] == 3);
  BOOST_TEST(all["facets"]["state"]["upcoming"] == 1);
  for (const auto& [area, count] : all["facets"]["area"].items()) {
    BOOST_TEST_CONTEXT(area) {
      BOOST_TEST(Search(s, "", "&limit=200&area=" + Encode(area))["results"].size() == count.get<size_t>());
    }
  }
  BOOST_TEST(Search(s, "cykelbana", "&area=Nacka")["total"] == 1);
  BOOST_TEST(Search(s, "", "&state=upcoming")["results"][0]["title"] == "Nytt bibliotek");
  BOOST_TEST(Search(s, "", "&type=decision")["total"] == 0);
  BOOST_TEST(Search(s, "", "&from=2100-01-01")["total"] == 0);
  auto page2 = Search(s, "", "&limit=2&offset=2");
  BOOST_TEST(page2["results"].size() == 2u);
  BOOST_TEST(s.Get("/api/v1/search?type=poem").status == 422);
}

BOOST_FIXTURE_TEST_CASE(snippets_mark_hits_and_escape_markup, Corpus) {
  auto r = Search(s, "öppettider");
  BOOST_REQUIRE(r["results"].size() == 1u);
  std::string snippet = r["results"][0]["snippet"];
  BOOST_TEST(snippet.find("<mark>öppettider</mark>") != std::string::npos);
  BOOST_TEST(snippet.find("<script>") == std::string::npos);
  BOOST_TEST(snippet.find("&lt;script&gt;") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(bad_input_gets_a_clear_answer_never_a_500, Corpus) {
  for (std::string q : {"(cykelbana", "\"cykelbana", "AND", "*", "\" OR ( AND *", "title:", "🚲",
                        "cykelbana )))", "NEAR NEAR", "\xe2\x80\x8b"}) {
    BOOST_TEST_CONTEXT(q) { BOOST_TEST(s.Get("/api/v1/search?q=" + Encode(q)).status == 200); }
  }
  BOOST_TEST(Search(s, "(cykelbana")["total"] == 2);
  BOOST_TEST(s.Get("/api/v1/search?q=" + std::string(10000, 'a')).status == 400);
  BOOST_TEST(s.Get("/api/v1/search?q=%FF%FE").status == 400);
  BOOST_TEST(s.Get("/api/v1/search?q=cykel&sort=random").status == 422);
  auto suggestion = Search(s, "cyklebana");
  BOOST_TEST(suggestion["total"] == 0);
  BOOST_TEST(suggestion["suggestion"] == "cykelbana");
}

BOOST_AUTO_TEST_CASE(a_write_is_searchable_within_a_second) {
  TestServer s;
  std::string official = s.UserToken("official");
  for (int i = 0; i < 3; ++i) {
    std::string word = "snabbsökning" + std::string(1, static_cast<char>('a' + i));
    Publish(s, official, Consultation("Färsk " + word, "Text om " + word, "sv", "Sickla"));
    BOOST_TEST(FoundWithin(s, word, 1, std::chrono::seconds(1)) == 1);
  }
  auto h = s.Get("/healthz").json();
  BOOST_TEST(h["index"] == "ok");
  BOOST_TEST(h["index_seq"] == h["log_head"]);
}

BOOST_AUTO_TEST_CASE(catches_up_after_sigkill_with_writes_made_while_down) {
  TestServer s;
  std::string official = s.UserToken("official");
  // Writes racing a kill: some may be indexed, some not.
  for (int i = 0; i < 10; ++i) Publish(s, official, Consultation("Vattenledning " + std::to_string(i), "Nya rör", "sv", "Nacka"));
  s.Restart(/*kill=*/true);
  BOOST_TEST(FoundWithin(s, "vattenledning", 10, std::chrono::seconds(2)) == 10);
  // Writes made while the server is down (the command line writes to the
  // database directly) are indexed when it comes back.
  s.Stop(9);
  RunSamrad({"admin", "create-user", "--data", s.data_dir() + "/data", "--email", "x@y.se",
             "--password", "secret-password", "--name", "X", "--role", "official"});
  s.Restart(false);
  std::string token = s.Login("x@y.se", "secret-password");
  Publish(s, token, Consultation("Vattenledning efter omstart", "Nya rör", "sv", "Nacka"));
  BOOST_TEST(FoundWithin(s, "vattenledning", 11, std::chrono::seconds(1)) == 11);
}

BOOST_AUTO_TEST_CASE(reindex_gives_the_same_results_and_the_server_keeps_serving) {
  TestServer s;
  std::string official = s.UserToken("official");
  for (int i = 0; i < 15; ++i) {
    Publish(s, official, Consultation("Trafik " + std::to_string(i), i % 2 ? "Buss och cykel" : "Bil och buss", "sv",
                                      i % 3 ? "Sickla" : "Nacka"));
  }
  BOOST_REQUIRE(FoundWithin(s, "buss", 15, std::chrono::seconds(2)) == 15);
  std::vector<std::string> queries = {"buss", "cykel", "bil", "trafik NOT cykel", ""};
  std::vector<json> before;
  for (const auto& q : queries) before.push_back(Search(s, q, "&limit=50"));
  auto r = RunSamrad({"reindex", "--data", s.data_dir() + "/data"});
  BOOST_TEST(r.exit_code == 0, r.output);
  BOOST_TEST(r.output.find("reindexed 15 documents") != std::string::npos, r.output);
  for (size_t i = 0; i < queries.size(); ++i) {
    auto after = Search(s, queries[i], "&limit=50");
    BOOST_TEST_CONTEXT(queries[i]) {
      BOOST_TEST(after["total"] == before[i]["total"]);
      BOOST_TEST(after["facets"] == before[i]["facets"]);
      BOOST_TEST((Ids(after) == Ids(before[i])));
    }
  }
  // The running server's writer follows the swapped-in index.
  Publish(s, official, Consultation("Trafik efter omindexering", "Buss", "sv", "Nacka"));
  BOOST_TEST(FoundWithin(s, "buss", 16, std::chrono::seconds(2)) == 16);
}

BOOST_AUTO_TEST_CASE(decisions_are_found_by_words_and_reference_and_decide_their_consultation) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = Publish(s, official, Consultation("Belysning i Nyckelviken", "Ska gångvägarna belysas?", "sv", "Centrala Nacka"));
  auto d = s.Post("/api/v1/decisions",
                  {{"title", "Gångvägarna i Nyckelviken får belysning"},
                   {"body", "Kommunstyrelsen beslutar att belysa de största gångvägarna."},
                   {"body_name", "Kommunstyrelsen"}, {"reference", "KFKS-2026-77"},
                   {"decided_at", "2026-11-01"}, {"outcome", "approved"},
                   {"consultation_ids", {k}}},
                  official);
  BOOST_REQUIRE(d.status == 201);
  BOOST_TEST(FoundWithin(s, "belysning", 2, std::chrono::milliseconds(1000)) == 2);
  auto byref = Search(s, "ref:KFKS-2026-77");
  BOOST_REQUIRE(byref["total"] == 1);
  BOOST_TEST(byref["results"][0]["type"] == "decision");
  BOOST_TEST(byref["results"][0]["url"] == "/decisions/" + std::to_string(d.json()["id"].get<int64_t>()));
  // The consultation's state facet follows the decision.
  auto decided = Search(s, "Nyckelviken", "&type=consultation&state=decided");
  BOOST_TEST(decided["total"] == 1);
  // An amendment is searchable as the current version.
  s.Post("/api/v1/decisions/" + std::to_string(d.json()["id"].get<int64_t>()) + "/amendments",
         {{"changes", {{"title", "Gångvägarna i Nyckelviken får solcellslampor"}}}, {"reason", "Ändrat förslag"}}, official);
  BOOST_TEST(FoundWithin(s, "solcellslampor", 1, std::chrono::milliseconds(1000)) == 1);
}
