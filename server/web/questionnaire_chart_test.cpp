// Unit tests of the questionnaire charts: a text alternative and escaped
// labels, bar lengths that follow the shares, one column per scale value.
#define BOOST_TEST_MODULE questionnaire_chart
#include <boost/test/unit_test.hpp>

#include "server/web/svg_chart.h"

using namespace samrad::server;

namespace {
size_t Count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}
}  // namespace

BOOST_AUTO_TEST_CASE(bars_carry_a_text_alternative_and_escape_labels) {
  std::string svg = SvgBarChart("r1", "1. Bänkar?", "Ja: 2 (67 %); <b>: 1 (33 %)",
                                {{"Ja", 2, 2.0 / 3}, {"<script>alert(1)</script>", 1, 1.0 / 3}});
  BOOST_TEST(svg.find("role=\"img\"") != std::string::npos);
  BOOST_TEST(svg.find("aria-labelledby=\"r1-title\"") != std::string::npos);
  BOOST_TEST(svg.find("<title id=\"r1-title\">1. Bänkar?</title>") != std::string::npos);
  BOOST_TEST(svg.find("<desc id=\"r1-desc\">Ja: 2 (67 %); &lt;b&gt;: 1 (33 %)</desc>") != std::string::npos);
  BOOST_TEST(svg.find("<script>") == std::string::npos);
  BOOST_TEST(svg.find("&lt;script&gt;") != std::string::npos);
  BOOST_TEST(svg.find("fill=\"currentColor\"") != std::string::npos);
  BOOST_TEST(svg.find("width=\"100%\"") != std::string::npos);
  // The track is 244 wide: two thirds is 162.7, one third 81.3.
  BOOST_TEST(svg.find("width=\"162.7\"") != std::string::npos);
  BOOST_TEST(svg.find("width=\"81.3\"") != std::string::npos);
  BOOST_TEST(svg.find(">2 (67%)<") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_labels_are_shortened_in_the_drawing_only) {
  std::string label(60, 'x');
  std::string svg = SvgBarChart("r2", "t", "d", {{label + "åäö", 0, 0}});
  BOOST_TEST(svg.find(std::string(48, 'x') + "…") != std::string::npos);
  BOOST_TEST(svg.find(std::string(49, 'x')) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_scale_has_a_column_per_value_and_its_end_labels) {
  std::vector<ChartBar> values;
  for (int v = 1; v <= 5; ++v) values.push_back({std::to_string(v), v == 4 ? 6 : 1, v == 4 ? 0.6 : 0.1});
  std::string svg = SvgScaleChart("s", "Trivsel", "1: 1; ...", values, "Inte alls", "Mycket");
  BOOST_TEST(Count(svg, "<rect") == 10u);  // a faint track and a column per value
  BOOST_TEST(svg.find(">Inte alls</text>") != std::string::npos);
  BOOST_TEST(svg.find("text-anchor=\"end\">Mycket</text>") != std::string::npos);
  BOOST_TEST(svg.find(">6</text>") != std::string::npos);  // the count above its column
}

BOOST_AUTO_TEST_CASE(percent_follows_the_language) {
  BOOST_TEST(PercentText(0.425, "sv") == "43\u00a0%");
  BOOST_TEST(PercentText(0.425, "en") == "43%");
  BOOST_TEST(PercentText(0, "en") == "0%");
}
