// Unit tests of the character rules and of comment text as plain HTML.
#define BOOST_TEST_MODULE text_rules
#include "core/text_rules.h"

#include <boost/test/unit_test.hpp>

#include "core/comment_text.h"

using namespace samrad;

BOOST_AUTO_TEST_CASE(control_characters_are_found_with_line_breaks_allowed_only_in_multiline_text) {
  BOOST_TEST(!FindControlChar("vanlig text åäö", false));
  BOOST_TEST(FindControlChar(std::string("a\0b", 3), true).value_or(9) == 1u);
  BOOST_TEST(FindControlChar("a\x7f", true).value_or(9) == 1u);
  BOOST_TEST(!FindControlChar("a\r\nb\tc", true));
  BOOST_TEST(FindControlChar("a\nb", false).value_or(9) == 1u);
  Status s = CheckNoControlChars("/title", "x\x01", false);
  BOOST_TEST((s.code() == Code::kInvalidArgument));
  BOOST_TEST(s.errors()[0].field == "/title");
}

BOOST_AUTO_TEST_CASE(stripping_keeps_tab_and_line_breaks) {
  BOOST_TEST(StripControlChars(std::string("a\0b\x01\tc\r\nd\x7f", 10)) == "ab\tc\r\nd");
}

BOOST_AUTO_TEST_CASE(comment_text_is_escaped_plain_text_with_paragraphs_and_line_breaks) {
  BOOST_TEST(CommentTextHtml("![bild](http://x.example/p.png) <b>&") ==
             "<p>![bild](http://x.example/p.png) &lt;b&gt;&amp;</p>\n");
  BOOST_TEST(CommentTextHtml("ett\r\ntvå\n\n\ntre\x01") == "<p>ett<br />två</p>\n<p>tre</p>\n");
  BOOST_TEST(CommentTextHtml("") == "");
  BOOST_TEST(CommentTextHtml("**fet** [l](http://a.example)") ==
             "<p>**fet** [l](http://a.example)</p>\n");
}
