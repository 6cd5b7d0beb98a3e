// Unit tests of the word handling that makes search forgiving: Swedish
// compounds split by the dictionary, the -el contraction of stems, and
// Markdown taken out of the text that snippets are cut from.
#define BOOST_TEST_MODULE forgiving_words
#include <boost/test/unit_test.hpp>

#include "search/compound_splitter.h"
#include "search/plain_text.h"
#include "search/swedish_stem.h"

using namespace samrad::search;

namespace {
using Parts = std::vector<std::string>;
const CompoundSplitter& Small() {
  static const CompoundSplitter s({"cykel", "bana", "banor", "bostad", "område", "skola", "gård", "för",
                                   "kommun", "styrelse", "styrelsen", "park", "ering", "väg", "gång"});
  return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(compounds_split_into_dictionary_words_head_first) {
  BOOST_TEST(Small().Split("cykelbana") == (Parts{"cykel", "bana"}));
  BOOST_TEST(Small().Split("cykelbanor") == (Parts{"cykel", "banor"}));
  BOOST_TEST(Small().Split("kommunstyrelsen") == (Parts{"kommun", "styrelsen"}));
  BOOST_TEST(Small().Split("gångvägbanor") == (Parts{"gång", "väg", "banor"}));
}

BOOST_AUTO_TEST_CASE(heads_may_carry_a_linking_s_or_lose_a_final_vowel) {
  BOOST_TEST(Small().Split("bostadsområde") == (Parts{"bostad", "område"}));
  BOOST_TEST(Small().Split("skolgård") == (Parts{"skola", "gård"}));
}

BOOST_AUTO_TEST_CASE(words_that_are_no_compound_stay_whole) {
  BOOST_TEST(Small().Split("cykel").empty());
  BOOST_TEST(Small().Split("cykelx").empty());
  BOOST_TEST(Small().Split("banan").empty());
  BOOST_TEST(CompoundSplitter({}).Split("cykelbana").empty());
}

BOOST_AUTO_TEST_CASE(the_debian_word_list_splits_real_compounds) {
  const auto& sv = CompoundSplitter::Swedish();
  if (sv.size() == 0) {
    BOOST_TEST_MESSAGE("no Swedish word list installed");
    return;
  }
  BOOST_TEST(sv.Split("cykelbana").front() == "cykel");
  BOOST_TEST(sv.Split("cykelbanor").front() == "cykel");
  BOOST_TEST(sv.Split("lekplatsen").size() == 2u);
  BOOST_TEST(sv.Split("förskola") == (Parts{"för", "skola"}));
  BOOST_TEST(sv.Split("kommunstyrelsen") == (Parts{"kommun", "styrelsen"}));
}

BOOST_AUTO_TEST_CASE(latin1_is_read_as_utf8) {
  BOOST_TEST(Latin1ToUtf8("g\xe5ng") == "gång");
  BOOST_TEST(Latin1ToUtf8("plain") == "plain");
}

BOOST_AUTO_TEST_CASE(stems_drop_the_e_of_a_closing_el_as_inflections_do) {
  SwedishStem stem;
  BOOST_TEST(stem("cykel") == stem("cyklar"));
  BOOST_TEST(stem("cykeln") == stem("cyklarna"));
  BOOST_TEST(stem("nyckel") == stem("nycklar"));
  BOOST_TEST(stem("regel") == stem("regler"));
  BOOST_TEST(ContractStem("spel", "spel") == "spel");
  BOOST_TEST(ContractStem("modellen", "modell") == "modell");
  BOOST_TEST(ContractStem("cykel", "cykel") == "cykl");
  BOOST_TEST(stem("gatan") == stem("gator"));
  BOOST_TEST(stem("cykelbanan") == stem("cykelbanor"));
  BOOST_TEST(ContractStem("plan", "plan") == "plan");
}

BOOST_AUTO_TEST_CASE(markdown_leaves_only_the_text_a_reader_sees) {
  BOOST_TEST(PlainText("Vi bygger **nya** cykelbanor och _breda_ ~~smala~~ `vägar`.") ==
             "Vi bygger nya cykelbanor och breda smala vägar.");
  BOOST_TEST(PlainText("# Rubrik\n\n- ett\n- två\n1. tre\n> citat") == "Rubrik\nett\ntvå\ntre\ncitat");
  BOOST_TEST(PlainText("Se [kartan](https://example.se/karta) och ![bild](b.png).") == "Se kartan och bild.");
  BOOST_TEST(PlainText("| a | b |\n|---|---|\n| 1 | 2 |") == "a   b\n1   2");
  BOOST_TEST(PlainText("snake_case, 2 * 3, \\*inte fet\\*") == "snake_case, 2 * 3, *inte fet*");
  BOOST_TEST(PlainText("<https://example.se> och <b>fet</b>") == "https://example.se och <b>fet</b>");
}
