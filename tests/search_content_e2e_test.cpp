// Search over comments and datasets through the real server: escaped
// snippets, hiding and restoring, edits re-indexed, author names never
// indexed, datasets found by their columns, type facets that add up.
#define BOOST_TEST_MODULE search_content_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "tests/support/comment_fixtures.h"
#include "tests/support/python.h"
#include "tests/support/test_server.h"

using namespace samrad::testing;
using nlohmann::json;

namespace {
json Search(TestServer& s, const std::string& query) {
  auto r = s.Get("/api/v1/search?" + query);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

// Polls the search until ok(result) holds or a second has passed; returns
// the last result.
json Within(TestServer& s, const std::string& query, const std::function<bool(const json&)>& ok) {
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  json r;
  do {
    r = Search(s, query);
    if (ok(r)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (std::chrono::steady_clock::now() < end);
  return r;
}

bool Total(const json& r, int64_t n) { return r["total"] == n; }

const char* kCsv =
    "hallplats,laddplatser,oppnar\r\n"
    "Sickla,4,2026-01-02\r\n"
    "Orminge,2,2026-02-03\r\n";
}  // namespace

BOOST_AUTO_TEST_CASE(comments_are_found_escaped_hidden_restored_and_edited) {
  TestServer s;
  std::string official = s.UserToken("official");
  std::string moderator = s.UserToken("moderator");
  int64_t k = PublishConsultation(s, official, "2020-01-01", "2040-01-01");
  std::string author = s.ResidentToken("Greta Synligsson");
  int64_t c1 = PostComment(s, k, author, "Bygg fler <script>alert(1)</script> cykelställ vid torget");
  int64_t c2 = PostComment(s, k, s.ResidentToken(), "Fler cykelställ behövs också vid skolan");

  auto r = Within(s, "q=cykelst%C3%A4ll", [](const json& j) { return Total(j, 2); });
  BOOST_REQUIRE(r["total"] == 2);
  BOOST_TEST(r["facets"]["type"]["comment"] == 2);
  for (const auto& hit : r["results"]) {
    BOOST_TEST(hit["type"] == "comment");
    BOOST_TEST(hit["url"].get<std::string>().find("/consultations/" + std::to_string(k)) == 0u);
    if (hit["id"] == c1) {
      std::string snippet = hit["snippet"];
      BOOST_TEST(snippet.find("<script>") == std::string::npos);
      BOOST_TEST(snippet.find("&lt;script&gt;") != std::string::npos);
      BOOST_TEST(snippet.find("<mark>") != std::string::npos);
    }
  }
  // Author display names are never indexed.
  BOOST_TEST(Search(s, "q=Synligsson")["total"] == 0);

  // Hiding removes it within a second, and the facet count follows.
  BOOST_REQUIRE(s.Post(CommentPath(c1) + "/moderation", {{"action", "hide"}, {"reason", "Stötande"}},
                       moderator).status == 201);
  r = Within(s, "q=cykelst%C3%A4ll", [](const json& j) { return Total(j, 1); });
  BOOST_TEST(r["total"] == 1);
  BOOST_TEST(r["facets"]["type"]["comment"] == 1);
  BOOST_TEST(r["results"][0]["id"] == c2);
  BOOST_TEST(Search(s, "q=torget")["total"] == 0);

  // Restoring puts it back.
  BOOST_REQUIRE(s.Post(CommentPath(c1) + "/moderation", {{"action", "restore"}, {"reason", "Granskad"}},
                       moderator).status == 201);
  r = Within(s, "q=torget", [](const json& j) { return Total(j, 1); });
  BOOST_TEST(r["total"] == 1);
}

BOOST_AUTO_TEST_CASE(a_consultations_title_words_find_it_not_each_of_its_comments) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official, "2020-01-01", "2040-01-01", "Skatepark i Orminge");
  PostComment(s, k, s.ResidentToken(), "Bra idé, bygg den snart");
  int64_t about = PostComment(s, k, s.ResidentToken(), "En skatepark behöver belysning");
  // Both comments are indexed (their own words find them) ...
  auto own = Within(s, "q=idé+OR+belysning", [](const json& j) { return Total(j, 2); });
  BOOST_REQUIRE(own["total"] == 2);
  for (const auto& hit : own["results"]) {
    BOOST_TEST(hit["title"] == "Kommentar till: Skatepark i Orminge");
  }
  // ... but the title they show is a label: the consultation's title words
  // find the consultation and only the comment that uses them itself.
  auto r = Search(s, "q=skatepark");
  BOOST_TEST(r["total"] == 2);
  BOOST_TEST(r["facets"]["type"]["consultation"] == 1);
  BOOST_TEST(r["facets"]["type"]["comment"] == 1);
  BOOST_TEST(r["results"][0]["type"] == "consultation");
  BOOST_TEST(r["results"][1]["id"] == about);
  BOOST_TEST(Search(s, "q=orminge")["total"] == 1);
}

BOOST_AUTO_TEST_CASE(an_edit_replaces_the_indexed_text) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official, "2020-01-01", "2040-01-01");
  std::string author = s.ResidentToken();
  int64_t c = PostComment(s, k, author, "Plantera körsbärsträd längs ån");
  BOOST_TEST(Within(s, "q=k%C3%B6rsb%C3%A4rstr%C3%A4d", [](const json& j) { return Total(j, 1); })["total"] == 1);
  auto e = s.Patch(CommentPath(c), {{"body", "Plantera lindar längs ån"}}, author);
  BOOST_REQUIRE_MESSAGE(e.status == 200, e.body);
  BOOST_TEST(Within(s, "q=lindar", [](const json& j) { return Total(j, 1); })["total"] == 1);
  BOOST_TEST(Search(s, "q=k%C3%B6rsb%C3%A4rstr%C3%A4d")["total"] == 0);
}

BOOST_AUTO_TEST_CASE(datasets_are_found_by_column_name_and_type_facets_add_up) {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t k = PublishConsultation(s, official, "2020-01-01", "2040-01-01", "Laddplatser i Sickla");
  PostComment(s, k, s.ResidentToken(), "Fler laddplatser tack");
  auto up = Upload(s, official,
                   "name=laddning&title=Laddstationer&description=Publika%20laddstationer&"
                   "keywords=elbil,energi&theme=TRAN",
                   kCsv);
  BOOST_REQUIRE_MESSAGE(up.status == 201, up.body);

  auto r = Within(s, "q=hallplats", [](const json& j) { return Total(j, 1); });
  BOOST_REQUIRE(r["total"] == 1);
  BOOST_TEST(r["results"][0]["type"] == "dataset");
  BOOST_TEST(r["results"][0]["title"] == "Laddstationer");
  BOOST_TEST(Search(s, "q=elbil")["total"] == 1);
  BOOST_TEST(Search(s, "q=Publika")["total"] == 1);

  // "laddplatser" is a column, a consultation title and a comment.
  r = Within(s, "q=laddplatser&limit=200", [](const json& j) { return Total(j, 3); });
  BOOST_REQUIRE(r["total"] == 3);
  int64_t sum = 0;
  for (const auto& [type, count] : r["facets"]["type"].items()) {
    BOOST_TEST_CONTEXT(type) {
      sum += count.get<int64_t>();
      auto only = Search(s, "q=laddplatser&limit=200&type=" + type);
      BOOST_TEST(only["total"] == count);
      BOOST_TEST(only["results"].size() == count.get<size_t>());
      for (const auto& hit : only["results"]) BOOST_TEST(hit["type"] == type);
    }
  }
  BOOST_TEST(sum == 3);
  BOOST_TEST(r["facets"]["type"]["dataset"] == 1);
  BOOST_TEST(r["facets"]["type"]["comment"] == 1);
  BOOST_TEST(r["facets"]["type"]["consultation"] == 1);

  // A rebuild finds the same.
  auto before = Search(s, "q=laddplatser&limit=200");
  auto re = RunSamrad({"reindex", "--data", s.data_dir() + "/data"});
  BOOST_TEST(re.exit_code == 0, re.output);
  BOOST_TEST(re.output.find("reindexed 3 documents") != std::string::npos, re.output);
  BOOST_TEST(Search(s, "q=laddplatser&limit=200")["facets"] == before["facets"]);
}
