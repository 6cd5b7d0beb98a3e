// Wildcards and browsing through the real server: a wildcard that begins
// more words than are searched for at once finds the commonest of them and
// says so in the API and on the search page, one that begins few finds all
// at once, and the empty query lists the newest first.
#define BOOST_TEST_MODULE search_wildcard_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "tests/support/test_server.h"

using samrad::testing::TestServer;
using nlohmann::json;

namespace {
const std::string kLetters = "bcdfghjklmnp";

// "Ord" and a letter, then two more chosen by n.
std::string Word(char letter, int n) {
  return std::string("Ord") + letter + kLetters[n % 12] + kLetters[(n / 12) % 12];
}

void Publish(TestServer& s, const std::string& token, const std::string& title) {
  json draft = {{"title", title},           {"summary", "Sammanfattning"}, {"body", "Text om " + title},
                {"language", "sv"},         {"opens_at", "2020-01-01"},   {"closes_at", "2040-01-01"}};
  auto c = s.Post("/api/v1/consultations", draft, token);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  int64_t id = c.json()["id"];
  BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), token).status == 200);
}

json Search(TestServer& s, const std::string& query) {
  auto r = s.Get("/api/v1/search?" + query);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

// 70 words that each begin two consultations' titles, and 10 rarer ones,
// first in the alphabet, that begin one each.
struct Words {
  TestServer s;
  Words() {
    std::string official = s.UserToken("official");
    for (int i = 0; i < 70; ++i) Publish(s, official, Word('x', i) + " och " + Word('x', (i + 1) % 70));
    for (int i = 0; i < 10; ++i) Publish(s, official, Word('b', i));
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (Search(s, "q=ordb%2A")["total"] != 10 && std::chrono::steady_clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_wildcard_over_too_many_words_finds_the_commonest_and_says_so, Words) {
  json found = Search(s, "q=ord%2A&limit=100");
  BOOST_TEST(found["wildcard_limited"] == true);
  BOOST_TEST(found["total"].get<int64_t>() > 60);
  for (const auto& hit : found["results"]) {
    std::string title = hit["title"];
    BOOST_TEST(title.rfind("Ordx", 0) == 0, title);
  }
  // Beside a word, the wildcard still selects among the commonest.
  json near = Search(s, "q=ord%2A+ordxbb&limit=100");
  BOOST_TEST(near["wildcard_limited"] == true);
  BOOST_TEST(near["total"] == 2);
  // A wildcard of few words: all of them, not limited.
  json rare = Search(s, "q=ordb%2A");
  BOOST_TEST(rare["wildcard_limited"] == false);
  BOOST_TEST(rare["total"] == 10);
  // The search page says the wildcard was limited, in Swedish and English.
  auto sv = s.Get("/search?q=ord%2A&lang=sv");
  BOOST_TEST(sv.body.find("bara de 64 vanligaste") != std::string::npos);
  auto en = s.Get("/search?q=ord%2A&lang=en");
  BOOST_TEST(en.body.find("only the 64 commonest") != std::string::npos);
  BOOST_TEST(s.Get("/search?q=ordb%2A&lang=en").body.find("only the 64 commonest") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(the_empty_query_lists_the_newest_first, Words) {
  json page = Search(s, "q=&limit=30");
  BOOST_TEST(page["total"].get<int64_t>() >= 80);
  BOOST_REQUIRE(page["results"].size() == 30u);
  for (size_t i = 1; i < page["results"].size(); ++i) {
    BOOST_TEST(page["results"][i - 1]["date"].get<std::string>() >= page["results"][i]["date"].get<std::string>());
  }
}
