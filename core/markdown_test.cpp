// Unit tests of Markdown's input bounds and the rendered-HTML cache.
#define BOOST_TEST_MODULE markdown
#include "core/markdown.h"

#include <boost/test/unit_test.hpp>

using namespace samrad;

namespace {
std::string TableRow(int cells) {
  std::string row = "|";
  for (int i = 0; i < cells; ++i) row += " x |";
  return row + "\n";
}
}  // namespace

BOOST_AUTO_TEST_CASE(the_same_text_is_rendered_once_and_then_served_from_the_cache) {
  std::string text = "# Rubrik\n\n" + TableRow(64) + TableRow(64).replace(2, 1, "-") +
                     std::string(600, 'a') + "\n";
  int64_t before = MarkdownRenderCount();
  std::string first = RenderMarkdown(text);
  for (int i = 0; i < 10; ++i) BOOST_TEST(RenderMarkdown(text) == first);
  BOOST_TEST(MarkdownRenderCount() - before == 1);
  RenderMarkdown(text + "b");
  BOOST_TEST(MarkdownRenderCount() - before == 2);
}

BOOST_AUTO_TEST_CASE(rendering_stays_safe) {
  std::string html = RenderMarkdown("<script>x</script> [a](javascript:alert(1))");
  BOOST_TEST(html.find("<script") == std::string::npos);
  BOOST_TEST(html.find("javascript:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(tables_of_at_most_64_cells_a_row_pass_and_wider_ones_are_refused) {
  BOOST_TEST(CheckMarkdown("/body", TableRow(64)).ok());
  Status wide = CheckMarkdown("/body", TableRow(65));
  BOOST_TEST((wide.code() == Code::kInvalidArgument));
  BOOST_TEST(wide.errors()[0].field == "/body");
  BOOST_TEST(wide.message().find("64 cells") != std::string::npos);
  // Escaped pipes are text, and the count starts again on each line.
  BOOST_TEST(CheckMarkdown("/body", std::string(200, '\\').replace(0, 0, "") + "\n" +
                                        std::string(60, '|') + "\n" + std::string(60, '|'))
                 .ok());
  std::string escaped;
  for (int i = 0; i < 100; ++i) escaped += "\\|";
  BOOST_TEST(CheckMarkdown("/body", escaped).ok());
}

BOOST_AUTO_TEST_CASE(oversized_text_and_control_characters_are_refused) {
  BOOST_TEST(!CheckMarkdown("/body", std::string(kMaxMarkdownBytes + 1, 'a')).ok());
  BOOST_TEST(CheckMarkdown("/body", std::string(kMaxMarkdownBytes, 'a')).ok());
  BOOST_TEST(!CheckMarkdown("/body", std::string("a\0b", 3)).ok());
  BOOST_TEST(CheckMarkdown("/body", "rad\r\nrad\ttabb").ok());
}
