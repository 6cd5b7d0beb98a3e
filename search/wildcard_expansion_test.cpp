// Unit tests of wildcard expansion: a wildcard that begins more words than
// are searched for at once finds the commonest of them and says so, the
// choice follows the index, a fresh word under a short list is found at
// once, and which queries are expanded here rather than by Xapian.
#define BOOST_TEST_MODULE wildcard_expansion
#include <boost/test/unit_test.hpp>

#include <atomic>

#include "search/index_folder.h"
#include "search/query_builder.h"
#include "search/search_test_fixture.h"
#include "search/word_beginnings.h"

using namespace samrad;
using namespace samrad::search;
using samrad::search::test::Fixture;
using samrad::search::test::kNow;

namespace {
const std::string kLetters = "bcdfghjklmnp";

// "Ord" and a letter, then two more chosen by n (144 distinct words per letter).
std::string Word(char letter, int n) {
  return std::string("Ord") + letter + kLetters[n % 12] + kLetters[(n / 12) % 12];
}

IndexDocument Titled(int id, const std::string& title) {
  IndexDocument d;
  d.type = "consultation";
  d.id = id;
  d.title = title;
  d.url = "/consultations/" + std::to_string(id);
  d.date = kNow;
  return d;
}
}  // namespace

// 70 words (more than kMaxWildcardExpansion) that each begin three
// documents, and 10 rarer ones, each in one document, that come first in
// the alphabet: "ord*" searches for the commonest 64 only.
struct Words : Fixture {
  Words() {
    IndexStraight(220, [](int i) {
      if (i <= 210) return Titled(i, Word('x', (i - 1) % 70) + (i <= 70 ? " kommun" : ""));
      return Titled(i, Word('b', i - 211));
    });
  }
};

BOOST_FIXTURE_TEST_CASE(a_wildcard_over_too_many_words_finds_the_commonest_and_says_so, Words) {
  auto found = Find({{"q", "ord*"}, {"limit", "100"}});
  BOOST_TEST(found.wildcard_limited);
  // The 64 commonest words, in three documents each; no rare word.
  BOOST_TEST(found.total == 64 * 3);
  for (const auto& hit : found.hits) BOOST_TEST(hit.title.rfind("Ordx", 0) == 0, hit.title);
  // The same with a word beside it, which ranks.
  auto near = Find({{"q", "ord* kommun"}, {"limit", "100"}});
  BOOST_TEST(near.wildcard_limited);
  BOOST_TEST(near.total == 64);
  BOOST_TEST(!near.hits.empty());
  // Function words beside a wildcard are left out, as beside any word.
  BOOST_TEST(Find({{"q", "och ord* kommun"}, {"limit", "100"}}).total == 64);
  BOOST_TEST(Find({{"q", "ordb* och"}}).total == 10);
  // Fewer words than the limit: all of them, not limited.
  auto rare = Find({{"q", "ORDB*"}});
  BOOST_TEST(!rare.wildcard_limited);
  BOOST_TEST(rare.total == 10);
}

BOOST_FIXTURE_TEST_CASE(a_new_word_is_found_at_once_and_the_commonest_follow_the_index, Words) {
  BOOST_TEST(Find({{"q", "ordb*"}}).total == 10);
  BOOST_TEST(Find({{"q", "ord*"}}).total == 64 * 3);
  // A rare word written now is found by a wildcard of few words at once.
  IndexStraight(1, [](int) { return Titled(300, Word('b', 50)); });
  BOOST_TEST(Find({{"q", "ordb*"}}).total == 11);
  // Ten rare words become the commonest: once the index has grown, the
  // wildcard searches for them.
  IndexStraight(100, [](int i) { return Titled(400 + i, Word('b', (i - 1) % 10)); });
  auto after = Find({{"q", "ord*"}});
  BOOST_TEST(after.wildcard_limited);
  // The ten, in eleven documents each, and 54 of the words in three.
  BOOST_TEST(after.total == 10 * 11 + 54 * 3);
}

BOOST_FIXTURE_TEST_CASE(a_short_wildcard_beside_a_word_finds_every_word_that_begins_so, Words) {
  // Five rare words with "kommun", beyond the 64 commonest that begin with "ord";
  // one word with å, and "kommun" without any word that begins with o.
  IndexStraight(7, [](int i) {
    if (i <= 5) return Titled(500 + i, Word('b', 100 + i) + " kommun");
    return Titled(500 + i, i == 6 ? "Åkerns kommun" : "Parkens kommun");
  });
  for (const char* q : {"o* kommun", "Or* kommun", "kommun or*"}) {
    auto found = Find({{"q", q}, {"limit", "100"}});
    BOOST_TEST(!found.wildcard_limited, q);
    BOOST_TEST(found.total == 70 + 5, q);
  }
  BOOST_TEST(Find({{"q", "å* kommun"}}).total == 1);
  BOOST_TEST(Find({{"q", "åk* kommun"}}).hits.at(0).title == "Åkerns kommun");
  BOOST_TEST(Find({{"q", "p* kommun"}}).total == 1);
  BOOST_TEST(Find({{"q", "o* p* kommun"}}).total == 0);
  BOOST_TEST(Find({{"q", "q* kommun"}}).total == 0);
  // Three letters or more are expanded as before: the commonest words only.
  auto longer = Find({{"q", "ord* kommun"}, {"limit", "100"}});
  BOOST_TEST(longer.wildcard_limited);
  BOOST_TEST(longer.total == 64);
  // Alone, a wildcard is still expanded (it then leads the matcher).
  BOOST_TEST(Find({{"q", "o*"}}).wildcard_limited);
}

BOOST_FIXTURE_TEST_CASE(past_the_first_thousand_matches_the_page_still_holds_only_items_with_the_beginning, Fixture) {
  // 3,000 items with "stad": every third also has a word beginning with
  // "ko" (144 different ones, too many to search for one by one), in a
  // longer title, so the items without it weigh more; of the others, half
  // have a word beginning with k but not ko.
  IndexStraight(3000, [](int i) {
    std::string ko = std::string("Ko") + kLetters[(i / 3) % 12] + kLetters[(i / 36) % 12];
    if (i % 3 == 0) return Titled(i, "Stad med " + ko + " och fler ord i titeln " + std::to_string(i));
    return Titled(i, i % 3 == 1 ? "Stad kaj" : "Stad");
  });
  for (const char* sort : {"relevance", "newest"}) {
    auto found = Find({{"q", "ko* stad"}, {"limit", "50"}, {"sort", sort}});
    BOOST_REQUIRE(found.hits.size() == 50u);
    for (const auto& hit : found.hits) BOOST_TEST(hit.title.find(" Ko") != std::string::npos, hit.title);
    // Above a thousand matches the total is an estimate, near the 1,000.
    BOOST_TEST(found.total >= 900, sort);
    BOOST_TEST(found.total <= 1100, sort);
  }
  BOOST_TEST(Find({{"q", "kx* stad"}}).total == 0);
}

BOOST_FIXTURE_TEST_CASE(a_wildcard_that_a_word_beside_it_begins_finds_every_match_of_the_word, Words) {
  IndexStraight(2, [](int i) { return Titled(600 + i, i == 1 ? "Åkerns kommun" : "Parkens kommun"); });
  // Every item with "kommun" has a word that begins with k, ko, kommu.
  for (const char* q : {"k* kommun", "ko* kommun", "kommu* kommun", "kommun kom*", "KOMMUN* kommun"}) {
    auto found = Find({{"q", q}, {"limit", "100"}});
    BOOST_TEST(!found.wildcard_limited, q);
    BOOST_TEST(found.total == 72, q);
  }
  // Beyond the commonest 64: "ordxbb" begins ord, so every item with it
  // matches "ord* ordxbb", whatever "ord*" would be cut to.
  auto word = Find({{"q", "ord* ordxbb"}});
  BOOST_TEST(!word.wildcard_limited);
  BOOST_TEST(word.total == 3);
  // A wildcard longer than the word, or another one beside it, still selects.
  BOOST_TEST(Find({{"q", "kommunen* kommun"}}).total == 0);
  BOOST_TEST(Find({{"q", "ko* p* kommun"}}).total == 1);
  BOOST_TEST(Find({{"q", "å* kommun"}}).total == 1);
}

BOOST_FIXTURE_TEST_CASE(the_commonest_stems_of_every_short_pattern_are_chosen_in_one_walk_as_one_by_one, Words) {
  // Eighty words beginning with "on", once each, so that "o", "or" and "on"
  // each begin more stems than are searched for at once.
  IndexStraight(80, [](int i) { return Titled(700 + i, "On" + Word('y', i - 1)); });
  Xapian::Database xdb(LiveIndexDir(dir.string()));
  WildcardExpansion ahead;
  std::atomic<bool> stop{false};
  BOOST_TEST(ahead.Prepare(xdb, 7, stop));
  for (const char* pattern : {"Zo", "Zor", "Zon", "Zord"}) {
    WildcardExpansion one_by_one;
    WildcardTerms expected = one_by_one.Expand(xdb, 7, pattern);
    BOOST_TEST(expected.limited, pattern);
    WildcardTerms prepared = ahead.Expand(xdb, 7, pattern);
    BOOST_TEST(prepared.limited, pattern);
    BOOST_TEST(prepared.terms == expected.terms, pattern);
  }
  // A stop asked for before the walk ends it without a choice.
  stop = true;
  WildcardExpansion stopped;
  BOOST_TEST(!stopped.Prepare(xdb, 7, stop));
}

BOOST_AUTO_TEST_CASE(beginnings_of_one_or_two_characters_are_checked_in_the_value) {
  BOOST_TEST(BeginningIndexed("a"));
  BOOST_TEST(BeginningIndexed("ab"));
  BOOST_TEST(BeginningIndexed("åä"));
  BOOST_TEST(!BeginningIndexed("abc"));
  BOOST_TEST(!BeginningIndexed("åäö"));
  BOOST_TEST(!BeginningIndexed(""));
  Xapian::Document doc;
  for (const char* t : {"Zab", "Zabc", "Zac", "Zb", "Zåker", "Zøl", "Zœ", "ZSxyz", "ZXRnum", "XTcomment"}) doc.add_term(t);
  AddBeginningValues(doc);
  for (const char* yes : {"a", "ab", "ac", "b", "å", "åk", "ø", "øl", "œ"}) BOOST_TEST(HasBeginning(doc, yes), yes);
  // Title and reference terms are searched with title: and ref:, not here.
  for (const char* no : {"x", "xy", "n", "bc", "c", "t", "ak", "ba", "åa", "öl", "øa", "œa"}) {
    BOOST_TEST(!HasBeginning(doc, no), no);
  }
  // First characters as bits: a (0), b (1), å (36) and the others' (63).
  std::string initials = doc.get_value(kSlotInitials);
  BOOST_REQUIRE(initials.size() == 8u);
  BOOST_TEST(static_cast<int>(initials[0]) == 3);
  BOOST_TEST(static_cast<int>(initials[4]) == 16);
  BOOST_TEST(static_cast<int>(static_cast<unsigned char>(initials[7])) == 0x80);
  BOOST_TEST((initials[1] | initials[2] | initials[3] | initials[5] | initials[6]) == 0);
  // Second characters in the slot of their first: b and c after a, k after
  // å, none after b (a stem of one character); the rest listed whole.
  BOOST_TEST(doc.get_value(kSlotSeconds + 0) == "bc");
  BOOST_TEST(doc.get_value(kSlotSeconds + 1) == "");
  BOOST_TEST(doc.get_value(kSlotSeconds + 36) == "k");
  BOOST_TEST(doc.get_value(kSlotBeginnings) == "\xff" "øl" "\xff" "œ");
  // A document without text stems gets no values.
  Xapian::Document bare;
  bare.add_term("XTcomment");
  AddBeginningValues(bare);
  BOOST_TEST(bare.values_count() == 0u);
}

BOOST_AUTO_TEST_CASE(only_plain_words_and_trailing_wildcards_are_expanded_here) {
  auto plain = SplitPlainWildcards("a* Kommun  Cykel*");
  BOOST_REQUIRE(plain.has_value());
  BOOST_TEST(plain->words == "Kommun");
  BOOST_TEST((plain->prefixes == std::vector<std::string>{"a", "cykel"}));
  BOOST_TEST(SplitPlainWildcards("åker*")->prefixes.at(0) == "åker");
  for (const char* other : {"title:a*", "a* OR b", "-a*", "\"a* b\"", "a*b", "*", "a** b", "(a*)", "e-post*"}) {
    BOOST_TEST(!SplitPlainWildcards(other).has_value(), other);
  }
}

BOOST_FIXTURE_TEST_CASE(the_empty_query_lists_the_newest_first, Fixture) {
  // Dates out of docid order.
  IndexStraight(1200, [](int i) {
    IndexDocument d = Titled(i, "Sak " + std::to_string(i));
    d.date = kNow - static_cast<int64_t>((i * 7919) % 1201) * 3600;
    return d;
  });
  auto page = Find({{"limit", "50"}});
  BOOST_TEST(page.total == 1200);
  BOOST_REQUIRE(page.hits.size() == 50u);
  for (size_t i = 1; i < page.hits.size(); ++i) BOOST_TEST(page.hits[i - 1].date >= page.hits[i].date);
  BOOST_TEST(page.hits[0].date == kNow - 3600);  // (i * 7919) % 1201 is never 0 for i <= 1200
  auto next = Find({{"limit", "50"}, {"offset", "50"}});
  BOOST_TEST(next.hits.at(0).date <= page.hits.back().date);
}
