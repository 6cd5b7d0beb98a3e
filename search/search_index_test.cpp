// Unit tests of the search module with a real SQLite database and a real
// Xapian index in a temporary folder.
#define BOOST_TEST_MODULE search_index
#include "search/search_index.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>

#include "search/search_test_fixture.h"
#include "search/stop_words.h"

using namespace samrad;
using namespace samrad::search;
using samrad::search::test::Fixture;
using samrad::search::test::kNow;
using nlohmann::json;

BOOST_FIXTURE_TEST_CASE(each_language_is_stemmed_in_its_own_way, Fixture) {
  Consultation("Nya cykelbanor", "Vi bygger en cykelbana längs ån.", "sv");
  Consultation("Parking rules", "The council made a decision about parking.", "en");
  CatchUp();
  BOOST_TEST(Find({{"q", "cykelbanor"}}).total == 1);
  BOOST_TEST(Find({{"q", "cykelbanorna"}, {"lang", "sv"}}).total == 1);
  BOOST_TEST(Find({{"q", "decisions"}}).total == 1);
  BOOST_TEST(Find({{"q", "decisions"}, {"lang", "en"}}).hits.at(0).title == "Parking rules");
  BOOST_TEST(Find({{"q", "title:cykelbana"}}).total == 1);
  BOOST_TEST(Find({{"q", "title:bygger"}}).total == 0);
  BOOST_TEST(Find({{"q", "cykel*"}}).total == 1);
  BOOST_TEST(Find({{"q", "\"längs ån\""}}).total == 1);
  BOOST_TEST(Find({{"q", "cykelbana OR parking"}}).total == 2);
  BOOST_TEST(Find({{"q", "cykelbana AND parking"}}).total == 0);
}

BOOST_FIXTURE_TEST_CASE(function_words_are_left_out_of_documents_and_queries, Fixture) {
  Consultation("Cykelbana vid skolan", "Gångvägen byggs om.", "sv");
  Consultation("Ny gångväg", "Gångvägen och cykelbanor får belysning.", "sv");
  Consultation("Parking near school", "Lighting for every path.", "en");
  CatchUp();
  // "och" is in only one of the two, yet the query asks for the nouns.
  BOOST_TEST(Find({{"q", "cykelbana och gångväg"}}).total == 2);
  BOOST_TEST(Find({{"q", "cykelbana gångväg"}}).total == 2);
  BOOST_TEST(Find({{"q", "the parking"}}).total == 1);  // "the" is nowhere in it
  // A phrase asks for its other words, which the index holds next to each other.
  BOOST_TEST(Find({{"q", "\"gångvägen och cykelbanor\""}}).total == 1);
  BOOST_TEST(Find({{"q", "\"gångvägen cykelbanor\""}}).total == 1);
  BOOST_TEST(Find({{"q", "\"gångvägen och skolan\""}}).total == 0);
  BOOST_TEST(Find({{"q", "title:\"cykelbana vid skolan\""}}).total == 1);
  // Not indexed at all.
  BOOST_TEST(Find({{"q", "och"}}).total == 0);
  BOOST_TEST(Find({{"q", "\"och\""}}).total == 0);
  Xapian::Database db(LiveIndexDir(dir.string()));
  BOOST_TEST(db.get_termfreq(std::string(kPrefixStemmed) + "och") == 0u);
  BOOST_TEST(db.get_termfreq(std::string(kPrefixStemmed) + "the") == 0u);
  BOOST_TEST(db.get_termfreq(std::string(kPrefixStemmed) + "cykelban") == 2u);  // cykelbana, cykelbanor
}

BOOST_AUTO_TEST_CASE(function_words_leave_phrases_and_nothing_else) {
  const Xapian::Stopper& sv = StopperFor("sv");
  BOOST_TEST(WithoutStopWordsInPhrases("\"gångvägen och cykelbanor\"", sv) == "\"gångvägen  cykelbanor\"");
  // Outside quotes the parser stops them itself; a phrase of nothing else goes.
  BOOST_TEST(WithoutStopWordsInPhrases("och \"och\" title:\"Vid skolan\"", sv) == "och  title:\" skolan\"");
  BOOST_TEST(WithoutStopWordsInPhrases("\"cykelbana och", sv) == "\"cykelbana ");
  BOOST_TEST(WithoutStopWordsInPhrases("\u201cvid skolan\u201d", sv) == "\u201c skolan\u201d");
  // "it's" is one word to Xapian, not the function word "it".
  BOOST_TEST(WithoutStopWordsInPhrases("\"it's the end\"", StopperFor("en")) == "\"it's  end\"");
}

BOOST_FIXTURE_TEST_CASE(drafts_are_never_indexed_and_publishing_adds_them, Fixture) {
  int64_t id = Consultation("Hemlig skiss om badhus", "Ett nytt badhus", "sv", /*publish=*/false);
  CatchUp();
  BOOST_TEST(Find({{"q", "badhus"}}).total == 0);
  BOOST_REQUIRE(consultations->Publish(official, id).ok());
  CatchUp();
  BOOST_TEST(Find({{"q", "badhus"}}).total == 1);
}

BOOST_FIXTURE_TEST_CASE(state_facet_and_filter_follow_the_clock_without_events, Fixture) {
  Consultation("Skolgård", "Lekplats", "sv");
  CatchUp();
  auto r = Find({{"q", "lekplats"}});
  BOOST_TEST(r.facets["state"]["upcoming"] == 1);
  BOOST_TEST(Find({{"q", "lekplats"}, {"state", "upcoming"}}).total == 1);
  clock->Set(kNow + 15 * 24 * 3600);
  BOOST_TEST(Find({{"q", "lekplats"}}).facets["state"]["open"] == 1);
  BOOST_TEST(Find({{"q", "lekplats"}, {"state", "open"}}).total == 1);
  BOOST_TEST(Find({{"q", "lekplats"}, {"state", "upcoming"}}).total == 0);
  clock->Set(kNow + 60 * 24 * 3600);
  BOOST_TEST(Find({{"state", "closed"}}).total == 1);
}

BOOST_FIXTURE_TEST_CASE(facets_count_every_match_and_filters_narrow, Fixture) {
  for (int i = 0; i < 30; ++i) {
    Consultation("Park " + std::to_string(i), "Träd och gräs", "sv", true, i % 3 == 0 ? "Nacka" : "Sickla");
  }
  CatchUp();
  auto r = Find({{"q", "träd"}, {"limit", "5"}});
  BOOST_TEST(r.total == 30);
  BOOST_TEST(r.hits.size() == 5u);
  BOOST_TEST(r.facets["area"]["Nacka"] == 10);
  BOOST_TEST(r.facets["area"]["Sickla"] == 20);
  BOOST_TEST(r.facets["type"]["consultation"] == 30);
  BOOST_TEST(r.facets_exact);
  BOOST_TEST(Find({{"q", "träd"}, {"area", "nacka"}}).total == 10);
  BOOST_TEST(Find({{"q", "träd"}, {"type", "decision"}}).total == 0);
  BOOST_TEST(Find({{"q", "träd"}, {"offset", "28"}}).hits.size() == 2u);
  BOOST_TEST(Find({{"q", "träd"}, {"from", "2030-01-01"}}).total == 0);
  // Published "now" (2027-01-01): a plain date as `to` includes the whole day.
  BOOST_TEST(Find({{"q", "träd"}, {"to", "2027-01-01"}}).total == 30);
  BOOST_TEST(Find({{"q", "träd"}, {"to", "2026-12-31"}}).total == 0);
}

BOOST_FIXTURE_TEST_CASE(beyond_the_exact_bound_counts_are_estimates_that_say_so, Fixture) {
  IndexStraight(8000, [](int i) {
    IndexDocument d;
    d.type = "consultation";
    d.id = i;
    d.title = "Park " + std::to_string(i);
    d.texts = {"Träd och gräs"};
    d.area = i % 8 == 0 ? "Nacka" : "Sickla";
    d.date = kNow;
    d.state = "decided";
    return d;
  });
  auto r = Find({{"q", "träd"}});
  BOOST_TEST(!r.facets_exact);
  BOOST_TEST(r.total == 8000);  // one term: its frequency is known
  BOOST_TEST(r.hits.size() == 20u);
  BOOST_TEST(std::abs(r.facets["type"]["consultation"] - 8000) <= 1);
  // From a sample of about 125: within three standard errors.
  BOOST_TEST(std::abs(r.facets["area"]["Nacka"] - 1000) <= 750);
  BOOST_TEST(std::abs(r.facets["area"]["Sickla"] - 7000) <= 750);
  BOOST_TEST(r.facets["state"]["decided"] >= 7999);
  auto nacka = Find({{"q", "träd"}, {"area", "nacka"}});  // fewer matches: exact again
  BOOST_TEST(nacka.facets_exact);
  BOOST_TEST(nacka.total == 1000);
  BOOST_TEST(nacka.facets["area"]["Nacka"] == 1000);
  BOOST_TEST(Find({{"q", "park"}, {"to", "2000-01-01"}}).facets_exact);  // nothing matches
}

BOOST_FIXTURE_TEST_CASE(estimated_facets_come_from_an_even_sample_not_the_first_documents, Fixture) {
  // As a bulk build numbers them: every consultation first, then comments
  // five times as many, years apart.
  IndexStraight(12000, [](int i) {
    IndexDocument d;
    bool comment = i > 2000;
    d.type = comment ? "comment" : "consultation";
    d.id = i;
    d.title = comment ? "Kommentar" : "Samråd " + std::to_string(i);
    d.title_indexed = !comment;
    d.texts = {"Buller vid vägen"};
    d.date = comment ? kNow : kNow - 3 * 365 * 86400;
    d.state = comment ? "" : "decided";
    return d;
  });
  for (std::string q : {"buller", ""}) {
    BOOST_TEST_CONTEXT("q=" << q) {
      auto r = Find({{"q", q}});
      BOOST_TEST(!r.facets_exact);
      BOOST_TEST(r.total == 12000);
      // A sample of about 100, within three standard errors (counting the
      // first documents would give 12,000 consultations and no comments).
      BOOST_TEST(std::abs(r.facets["type"]["comment"] - 10000) <= 1400);
      BOOST_TEST(std::abs(r.facets["type"]["consultation"] - 2000) <= 1400);
      BOOST_TEST(std::abs(r.facets["state"]["decided"] - 2000) <= 1400);
      BOOST_TEST(r.facets["state"].size() == 1u);
      BOOST_TEST(r.facets["year"].size() == 2u);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(snippets_mark_hits_and_escape_everything_else, Fixture) {
  Consultation("Varning", "Text med <script>alert('x')</script> och ordet bänk.", "sv");
  CatchUp();
  auto r = Find({{"q", "bänk"}});
  BOOST_REQUIRE(r.hits.size() == 1u);
  BOOST_TEST(r.hits[0].snippet.find("<mark>bänk</mark>") != std::string::npos);
  BOOST_TEST(r.hits[0].snippet.find("<script>") == std::string::npos);
  BOOST_TEST(r.hits[0].snippet.find("&lt;script&gt;") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(odd_queries_give_results_not_errors, Fixture) {
  Consultation("Cykelbana", "Ny cykelbana", "sv");
  CatchUp();
  for (std::string q : {"(cykelbana", "\"cykelbana", "AND", "*", "cykelbana AND NOT", "\" OR ( AND *",
                        "title:", "ref:", "🚲 cykelbana", "NOT cykelbana", "cF(+Sy*:GetlGGGGGGm*ed en",
                        "+xyz* cykelbana", "cykelbana -xyz*"}) {
    BOOST_TEST_CONTEXT(q) { Find({{"q", q}}); }
  }
  BOOST_TEST(Find({{"q", "(cykelbana"}}).total == 1);
  BOOST_TEST(Find({{"q", "cykelbanaa"}}).suggestion.value_or("") == "cykelbana");
  // A word spelt right is left alone even when the query as a whole finds nothing.
  BOOST_TEST(Find({{"q", "cykelbana parkering"}}).suggestion.value_or("") == "");
  // Wildcards expand over the stems, in the text and in the title field.
  BOOST_TEST(Find({{"q", "cykelb*"}}).total == 1);
  BOOST_TEST(Find({{"q", "title:cyk*"}}).total == 1);
  BOOST_TEST(Find({{"q", "park*"}}).total == 0);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_refused_with_the_right_code) {
  BOOST_TEST((ParseSearchRequest({{"q", "\xff\xfe"}}).status().code() == Code::kMalformed));
  BOOST_TEST((ParseSearchRequest({{"q", "\xed\xa0\x80"}}).status().code() == Code::kMalformed));
  BOOST_TEST((ParseSearchRequest({{"q", std::string(10000, 'a')}}).status().code() == Code::kMalformed));
  BOOST_TEST(ParseSearchRequest({{"q", std::string(500, 'a')}}).ok());
  auto bad = ParseSearchRequest({{"type", "consultation,poem"}, {"sort", "random"}, {"limit", "500"}});
  BOOST_TEST((bad.status().code() == Code::kInvalidArgument));
  BOOST_TEST(bad.status().errors().size() == 3u);
  BOOST_TEST(ParseSearchRequest({}).value().sort == "newest");
  BOOST_TEST(ParseSearchRequest({{"q", "x"}}).value().sort == "relevance");
  BOOST_TEST(IsValidUtf8("åäö 🚲"));
}

BOOST_AUTO_TEST_CASE(registry_finds_the_longest_prefix_and_ignores_other_kinds) {
  SourceRegistry r;
  r.Register("comment.", [](const Event&) -> Result<std::vector<IndexAction>> {
    return std::vector<IndexAction>{IndexAction::Remove("comment/1")};
  });
  r.Register("comment.moderation.", [](const Event&) -> Result<std::vector<IndexAction>> {
    return std::vector<IndexAction>{IndexAction::Remove("comment/2")};
  });
  Event e;
  e.kind = "comment.moderation.hidden";
  BOOST_TEST(r.Resolve(e).value().at(0).key == "comment/2");
  e.kind = "comment.posted";
  BOOST_TEST(r.Resolve(e).value().at(0).key == "comment/1");
  e.kind = "account.created";
  BOOST_TEST(r.Resolve(e).value().empty());
}

BOOST_AUTO_TEST_CASE(stored_fields_come_back_whole_and_cut_data_reads_as_empty) {
  StoredFields f{"comment", "Kommentar till: Å <b>", "/consultations/3#comment-9", "en",
                 std::string("rad ett\nrad två\0med nolla", 25), 1234567890123, -86400};
  std::string data = EncodeStored(f);
  StoredFields back = DecodeStored(data);
  BOOST_TEST(back.type == f.type);
  BOOST_TEST(back.title == f.title);
  BOOST_TEST(back.url == f.url);
  BOOST_TEST(back.language == "en");
  BOOST_TEST(back.text == f.text);
  BOOST_TEST(back.id == f.id);
  BOOST_TEST(back.date == f.date);
  for (size_t cut : {size_t{0}, size_t{1}, data.size() / 2, data.size() - 1}) {
    BOOST_TEST_CONTEXT(cut) {
      StoredFields part = DecodeStored(data.substr(0, cut));
      BOOST_TEST(part.type.empty());
      BOOST_TEST(part.id == 0);
      BOOST_TEST(part.language == "sv");
    }
  }
}
