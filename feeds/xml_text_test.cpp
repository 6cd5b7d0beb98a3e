// CleanXmlText: invalid UTF-8 and characters XML 1.0 forbids.
#define BOOST_TEST_MODULE xml_text
#include "feeds/xml_text.h"

#include <boost/test/unit_test.hpp>

using samrad::feeds::CleanXmlText;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
}

BOOST_AUTO_TEST_CASE(keeps_valid_text_as_it_is) {
  std::string s = "Åtgärder för cykel – 🚲 \t\n\r <b>&</b>";
  BOOST_TEST(CleanXmlText(s) == s);
}

BOOST_AUTO_TEST_CASE(drops_control_characters_xml_forbids) {
  BOOST_TEST(CleanXmlText(std::string("a\x01"
                                      "b\x08"
                                      "c\x0B\x0C\x1F"
                                      "d\x7F",
                                      10)) == "abcd");
  BOOST_TEST(CleanXmlText(std::string("nul\0here", 8)) == "nulhere");
  BOOST_TEST(CleanXmlText("c1:\xC2\x85.") == "c1:.");
  BOOST_TEST(CleanXmlText("x\xEF\xBF\xBEy\xEF\xBF\xBFz") == "xyz");
}

BOOST_AUTO_TEST_CASE(replaces_each_invalid_utf8_sequence_once) {
  BOOST_TEST(CleanXmlText("a\xFF"
                          "b") == "a" + kFffd + "b");
  BOOST_TEST(CleanXmlText("stray\x80") == "stray" + kFffd);
  BOOST_TEST(CleanXmlText("cut\xE2\x82") == "cut" + kFffd);
  BOOST_TEST(CleanXmlText("cut\xE2\x82z") == "cut" + kFffd + "z");
  BOOST_TEST(CleanXmlText("overlong\xC0\xAF") == "overlong" + kFffd);
  BOOST_TEST(CleanXmlText("surrogate\xED\xA0\x80") == "surrogate" + kFffd);
  BOOST_TEST(CleanXmlText("big\xF4\x90\x80\x80") == "big" + kFffd);
}
