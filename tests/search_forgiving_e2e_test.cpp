// Search that forgives, through the real server and a real index: Swedish
// compounds and inflections, a followed spelling suggestion with the way
// back to the words as typed, a query of function words, snippets as plain
// text with marked hits, translated facets without internal values, and
// the empty search page.
#define BOOST_TEST_MODULE search_forgiving_e2e
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "tests/support/test_server.h"

using samrad::testing::TestServer;
using nlohmann::json;

namespace {
std::string Encode(const std::string& text) {
  std::string out;
  char buf[4];
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

json Api(TestServer& s, const std::string& q, const std::string& extra = "") {
  auto r = s.Get("/api/v1/search?q=" + Encode(q) + extra);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

std::string Page(TestServer& s, const std::string& query) {
  auto r = s.Get("/search" + query);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.body;
}

std::set<std::string> Titles(const json& result) {
  std::set<std::string> titles;
  for (const auto& r : result["results"]) titles.insert(r["title"].get<std::string>());
  return titles;
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Everything written is in the index within a second; this waits for it.
void WaitForIndex(TestServer& s, const std::string& q, int64_t want) {
  auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (Api(s, q)["total"].get<int64_t>() < want && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  BOOST_REQUIRE(Api(s, q)["total"].get<int64_t>() >= want);
}

struct Municipality {
  TestServer s;
  std::string official = s.UserToken("official");
  int64_t cycle_paths = 0;

  int64_t Publish(const std::string& title, const std::string& body, const std::string& area = "Sickla") {
    json draft = {{"title", title}, {"summary", "Samråd i " + area}, {"body", body}, {"language", "sv"},
                  {"area", area},   {"opens_at", "2020-01-01"},     {"closes_at", "2040-01-01"}};
    auto c = s.Post("/api/v1/consultations", draft, official);
    BOOST_REQUIRE(c.status == 201);
    int64_t id = c.json()["id"];
    BOOST_REQUIRE(s.Post("/api/v1/consultations/" + std::to_string(id) + "/publish", json::object(), official).status ==
                  200);
    return id;
  }

  Municipality() {
    cycle_paths = Publish("Nya cykelbanor i Sickla",
                          "Vi vill bygga **breda** cykelbanor längs Värmdövägen. <b>Skriv</b> gärna vad du tycker.");
    Publish("Belysning längs ån", "Längs cykelbanan sätts nya lampor upp.", "Nacka");
    Publish("Var ställer du din cykel?", "Ett nytt garage vid stationen.", "Centrum");
    Publish("Parkering vid torget", "Bilar och bussar.", "Centrum");
    auto d = s.Post("/api/v1/decisions",
                    {{"title", "Cykelbanorna i Sickla byggs"},
                     {"body", "Kommunstyrelsen beslutar att bygga cykelbanorna."},
                     {"body_name", "Kommunstyrelsen"}, {"reference", "KS-2026-12"},
                     {"decided_at", "2026-11-01"}, {"outcome", "approved"}},
                    official);
    BOOST_REQUIRE(d.status == 201);
    std::string resident = s.ResidentToken("Anna");
    auto k = s.Post("/api/v1/consultations/" + std::to_string(cycle_paths) + "/comments",
                    {{"body", "Bra med cykelbanor, men tänk på gatlyktorna."}}, resident);
    BOOST_REQUIRE(k.status == 201);
    WaitForIndex(s, "gatlyktorna", 1);
    WaitForIndex(s, "garage", 1);
    WaitForIndex(s, "beslutar", 1);
  }
};
}  // namespace

BOOST_FIXTURE_TEST_CASE(a_word_finds_the_compounds_made_of_it_and_its_inflections, Municipality) {
  auto cykel = Titles(Api(s, "cykel", "&type=consultation"));
  BOOST_TEST(cykel.count("Nya cykelbanor i Sickla") == 1u);  // cykelbanor
  BOOST_TEST(cykel.count("Belysning längs ån") == 1u);       // cykelbanan, in the text
  BOOST_TEST(cykel.count("Var ställer du din cykel?") == 1u);
  BOOST_TEST(cykel.count("Parkering vid torget") == 0u);
  // "cyklar" is stemmed "cykl" and "cykel" "cykel" by Snowball: they meet now.
  BOOST_TEST(Titles(Api(s, "cyklar", "&type=consultation")).count("Var ställer du din cykel?") == 1u);
  BOOST_TEST(Titles(Api(s, "bana")).count("Nya cykelbanor i Sickla") == 1u);
}

BOOST_FIXTURE_TEST_CASE(a_misspelt_search_shows_the_suggestions_results_and_the_way_back, Municipality) {
  auto api = Api(s, "cykelbanr", "&spelling=follow&type=consultation");
  BOOST_TEST(api["suggestion"] == "cykelbanor");
  BOOST_TEST(api["suggestion_followed"] == true);
  BOOST_TEST(Titles(api).count("Nya cykelbanor i Sickla") == 1u);
  // The API answers as typed unless asked.
  BOOST_TEST(Api(s, "cykelbanr")["total"] == 0);

  std::string page = Page(s, "?q=cykelbanr");
  BOOST_TEST(Has(page, "Visar resultat för"));
  BOOST_TEST(Has(page, "Sök i stället efter <a href=\"/search?q=cykelbanr&amp;as_typed=1\">cykelbanr</a>"));
  BOOST_TEST(Has(page, "Nya cykelbanor i Sickla"));
  std::string typed = Page(s, "?q=cykelbanr&as_typed=1");
  BOOST_TEST(Has(typed, "Inga träffar."));
  BOOST_TEST(Has(typed, "Menade du <a href=\"/search?q=cykelbanor\">cykelbanor</a>?"));
  BOOST_TEST(!Has(typed, "Nya cykelbanor i Sickla"));
  std::string english = Page(s, "?q=cykelbanr&lang=en");
  BOOST_TEST(Has(english, "Showing results for"));
  BOOST_TEST(Has(english, "Search instead for"));
}

BOOST_FIXTURE_TEST_CASE(a_search_of_only_function_words_says_so, Municipality) {
  auto api = Api(s, "och att för");
  BOOST_TEST(api["total"] == 0);
  BOOST_TEST(api["stop_words_only"] == true);
  BOOST_TEST(api.count("suggestion") == 0u);
  BOOST_TEST(Api(s, "cykel och")["stop_words_only"] == false);
  BOOST_TEST(Has(Page(s, "?q=och+att"), "Du sökte bara på småord"));
  BOOST_TEST(Has(Page(s, "?q=the+of&lang=en"), "Your search held only small words"));
}

BOOST_FIXTURE_TEST_CASE(snippets_are_plain_text_with_the_hits_marked, Municipality) {
  auto api = Api(s, "breda", "&type=consultation");
  BOOST_REQUIRE(api["results"].size() == 1u);
  std::string snippet = api["results"][0]["snippet"];
  BOOST_TEST(Has(snippet, "<mark>breda</mark>"));
  BOOST_TEST(!Has(snippet, "**"));
  BOOST_TEST(!Has(snippet, "<b>"));
  BOOST_TEST(Has(snippet, "&lt;b&gt;Skriv&lt;/b&gt;"));
  std::string page = Page(s, "?q=breda");
  BOOST_TEST(Has(page, "<mark>breda</mark>"));
  BOOST_TEST(!Has(page, "**breda"));
  BOOST_TEST(!Has(page, "<b>Skriv"));
}

BOOST_FIXTURE_TEST_CASE(facets_are_translated_and_keep_states_and_outcomes_apart, Municipality) {
  auto api = Api(s, "cykelbanor");
  BOOST_TEST(api["facets"]["outcome"]["approved"] == 1);
  BOOST_TEST(api["facets"]["state"]["open"] == 2);  // cykelbanor, cykelbanan
  BOOST_TEST(api["facets"]["state"].count("approved") == 0u);
  BOOST_TEST(api["facets"]["state"].count("visible") == 0u);
  BOOST_TEST(api["facets"]["type"]["comment"] == 1);

  std::string en = Page(s, "?q=cykelbanor&lang=en");
  for (const char* label : {">Type<", ">State<", ">Outcome<", ">Area<", ">Year<", "Consultation", "Comment",
                            "Decision", "Open", "Approved"}) {
    BOOST_TEST_CONTEXT(label) { BOOST_TEST(Has(en, label)); }
  }
  BOOST_TEST(!Has(en, "visible"));
  BOOST_TEST(!Has(en, "Utfall"));
  std::string sv = Page(s, "?q=cykelbanor");
  for (const char* label : {">Utfall<", ">Läge<", "Bifallet", "Kommentar"}) {
    BOOST_TEST_CONTEXT(label) { BOOST_TEST(Has(sv, label)); }
  }
  BOOST_TEST(!Has(sv, "visible"));
  // Results come first in the page, so a phone shows them before the facets.
  BOOST_TEST(sv.find("id=\"h-results\"") < sv.find("id=\"h-facets\""));
  // A facet link narrows the search.
  BOOST_TEST(Has(sv, "href=\"/search?q=cykelbanor&amp;outcome=approved\""));
  BOOST_TEST(Titles(Api(s, "cykelbanor", "&outcome=approved")) ==
             (std::set<std::string>{"Cykelbanorna i Sickla byggs"}));
}

BOOST_FIXTURE_TEST_CASE(the_empty_search_page_explains_and_offers_the_facets, Municipality) {
  std::string sv = Page(s, "");
  BOOST_TEST(Has(sv, "Det här kan du söka i"));
  BOOST_TEST(Has(sv, "Bläddra bland allt"));
  BOOST_TEST(Has(sv, "href=\"/search?type=consultation\""));
  BOOST_TEST(Has(sv, "href=\"/search?outcome=approved\""));
  BOOST_TEST(!Has(sv, "class=\"result\""));
  std::string en = Page(s, "?lang=en");
  BOOST_TEST(Has(en, "What you can search"));
  BOOST_TEST(Has(en, "Browse everything"));
  BOOST_TEST(!Has(en, "visible"));
}
