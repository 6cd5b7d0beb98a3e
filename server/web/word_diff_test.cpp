// Unit tests of the word diff: changed words marked, Markdown compared as
// rendered, paragraphs kept, text escaped.
#define BOOST_TEST_MODULE word_diff
#include <boost/test/unit_test.hpp>

#include "server/web/word_diff.h"

using namespace samrad::server;

BOOST_AUTO_TEST_CASE(marks_only_the_changed_word) {
  BOOST_TEST(WordDiffHtml("Parken byggs 2027.", "Parken byggs 2028.") ==
             "<p>Parken byggs <del>2027.</del><ins>2028.</ins></p>");
}

BOOST_AUTO_TEST_CASE(marks_inserted_and_removed_words) {
  BOOST_TEST(WordDiffHtml("en ny park", "en stor ny park") == "<p>en <ins>stor </ins>ny park</p>");
  BOOST_TEST(WordDiffHtml("en stor ny park", "en ny park") == "<p>en <del>stor </del>ny park</p>");
}

BOOST_AUTO_TEST_CASE(compares_markdown_as_rendered_without_its_syntax) {
  std::string html = MarkdownDiffHtml("Beslutet gäller **hela** året.\n\n- punkt ett", "Beslutet gäller **halva** året.\n\n- punkt ett");
  BOOST_TEST(html == "<p>Beslutet gäller <del>hela</del><ins>halva</ins> året.</p>\n<p>punkt ett</p>");
  BOOST_TEST(html.find("**") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(escapes_text_and_keeps_paragraphs) {
  BOOST_TEST(WordDiffHtml("a <b>\nc", "a <b>\nd") == "<p>a &lt;b&gt;</p>\n<p><del>c</del><ins>d</ins></p>");
}

BOOST_AUTO_TEST_CASE(reads_visible_text_of_html) {
  BOOST_TEST(VisibleText("<p>Hej &amp; <em>välkommen</em></p>\n<ul>\n<li>ett</li>\n</ul>") == "Hej & välkommen\nett");
}

BOOST_AUTO_TEST_CASE(identical_texts_have_no_marks) {
  std::string html = WordDiffHtml("samma text här", "samma text här");
  BOOST_TEST(html == "<p>samma text här</p>");
}
