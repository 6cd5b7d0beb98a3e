// Unit tests of a search that forgives: compounds and inflections found by
// their parts, a spelling suggestion followed, a query of function words
// told apart, snippets of Markdown as plain text, and facets that keep a
// consultation's state and a decision's outcome apart.
#define BOOST_TEST_MODULE forgiving_search
#include <boost/test/unit_test.hpp>

#include "search/search_test_fixture.h"

using namespace samrad;
using namespace samrad::search;
using samrad::search::test::Fixture;
using samrad::search::test::kNow;

BOOST_FIXTURE_TEST_CASE(a_word_finds_the_compounds_it_begins_or_ends, Fixture) {
  Consultation("Nya cykelbanor", "Vi bygger ut nätet.", "sv");
  Consultation("Belysning", "Längs cykelbanan sätts lampor upp.", "sv");
  Consultation("Parkering", "Bilar och bussar.", "sv");
  CatchUp();
  BOOST_TEST(Find({{"q", "cykel"}}).total == 2);
  BOOST_TEST(Find({{"q", "bana"}}).total == 2);
  BOOST_TEST(Find({{"q", "title:cykel"}}).total == 1);
  // The snippet marks the compound that a part found.
  for (const auto& hit : Find({{"q", "cykel"}}).hits) {
    if (hit.title == "Belysning") BOOST_TEST(hit.snippet.find("<mark>cykelbanan</mark>") != std::string::npos);
  }
  // The whole word finds its own forms, and not the other compounds.
  BOOST_TEST(Find({{"q", "cykelbana"}}).total == 2);
  BOOST_TEST(Find({{"q", "cykelparkering"}}).total == 0);
}

BOOST_FIXTURE_TEST_CASE(inflections_the_stemmer_misses_still_meet, Fixture) {
  Consultation("Cykel i stan", "Var ställer man sin cykel?", "sv");
  Consultation("Nycklar", "Nycklarna till förrådet.", "sv");
  CatchUp();
  BOOST_TEST(Find({{"q", "cyklar"}}).total == 1);
  BOOST_TEST(Find({{"q", "cyklarna"}}).total == 1);
  BOOST_TEST(Find({{"q", "nyckel"}}).total == 1);
}

BOOST_FIXTURE_TEST_CASE(a_followed_suggestion_answers_with_its_own_matches, Fixture) {
  Consultation("Cykelbanor i Sickla", "Nya banor.", "sv");
  CatchUp();
  auto asked = Find({{"q", "cykelbanr"}});
  BOOST_TEST(asked.total == 0);
  BOOST_TEST(asked.suggestion.value_or("") == "cykelbanor");
  BOOST_TEST(!asked.suggestion_followed);
  auto followed = Find({{"q", "cykelbanr"}, {"spelling", "follow"}});
  BOOST_TEST(followed.total == 1);
  BOOST_TEST(followed.suggestion_followed);
  BOOST_TEST(followed.suggestion.value_or("") == "cykelbanor");
  BOOST_TEST(followed.hits.at(0).title == "Cykelbanor i Sickla");
  // A query that finds something is never replaced.
  BOOST_TEST(!Find({{"q", "cykelbanor"}, {"spelling", "follow"}}).suggestion_followed);
}

BOOST_FIXTURE_TEST_CASE(a_query_of_function_words_says_so, Fixture) {
  Consultation("Cykelbanor", "Och så vidare.", "sv");
  CatchUp();
  auto r = Find({{"q", "och att the"}});
  BOOST_TEST(r.total == 0);
  BOOST_TEST(r.stop_words_only);
  BOOST_TEST(!r.suggestion);
  BOOST_TEST(!Find({{"q", "och xyzzy"}}).stop_words_only);
  BOOST_TEST(!Find({{"q", ""}}).stop_words_only);
}

BOOST_FIXTURE_TEST_CASE(snippets_show_markdown_as_the_text_a_reader_sees, Fixture) {
  Consultation("Bänkar", "Vi ställer **nya** bänkar i [parken](https://example.se/park) <b>nu</b>.", "sv");
  CatchUp();
  auto r = Find({{"q", "bänkar"}});
  BOOST_REQUIRE(r.hits.size() == 1u);
  const std::string& snippet = r.hits[0].snippet;
  BOOST_TEST(snippet.find("<mark>bänkar</mark>") != std::string::npos);
  BOOST_TEST(snippet.find("**") == std::string::npos);
  BOOST_TEST(snippet.find("example.se") == std::string::npos);
  BOOST_TEST(snippet.find("<b>") == std::string::npos);
  BOOST_TEST(snippet.find("&lt;b&gt;") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(states_and_outcomes_are_separate_facets, Fixture) {
  IndexStraight(4, [](int i) {
    IndexDocument d;
    d.type = i == 1 ? "consultation" : i == 2 ? "decision" : i == 3 ? "comment" : "dataset";
    d.id = i;
    d.title = "Buller " + std::to_string(i);
    d.date = kNow;
    d.state = i == 1 ? "decided" : i == 2 ? "approved" : "";
    return d;
  });
  auto r = Find({{"q", "buller"}});
  BOOST_TEST(r.total == 4);
  BOOST_TEST(r.facets["state"] == (std::map<std::string, int64_t>{{"decided", 1}}));
  BOOST_TEST(r.facets["outcome"] == (std::map<std::string, int64_t>{{"approved", 1}}));
  BOOST_TEST(Find({{"q", "buller"}, {"outcome", "approved"}}).hits.at(0).title == "Buller 2");
  BOOST_TEST(Find({{"q", "buller"}, {"outcome", "decided"}}).total == 0);
}

BOOST_FIXTURE_TEST_CASE(a_wildcard_that_begins_too_many_words_says_so_and_still_finds, Fixture) {
  const std::string consonants = "bcdfghjklmnp";
  IndexStraight(80, [&](int i) {
    IndexDocument d;
    d.type = "consultation";
    d.id = i;
    d.title = std::string("Ord") + consonants[i % 12] + consonants[(i / 12) % 12] + " " + std::to_string(i);
    d.date = kNow;
    return d;
  });
  auto many = Find({{"q", "ord*"}});
  BOOST_TEST(many.wildcard_limited);
  BOOST_TEST(many.total > 0);
  BOOST_TEST(many.hits.size() == 20u);
  auto few = Find({{"q", "ordb*"}});
  BOOST_TEST(!few.wildcard_limited);
  BOOST_TEST(few.total > 0);
  BOOST_TEST(!Find({{"q", "ordbb"}}).wildcard_limited);
}
