// Server-rendered SVG charts of questionnaire results (no JavaScript):
// horizontal bars for choices and a column per value for scales. Drawn in
// currentColor, so they follow the page's light or dark colours, and sized
// by their view box to the width of their container (360 px phones too).
// Pages put the same numbers in a table beside each chart; the chart itself
// carries role="img" with a <title> and a <desc> as its text alternative.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace samrad::server {

struct ChartBar {
  std::string label;
  int64_t count = 0;
  double share = 0;  // 0-1 of the respondents
};

// One labelled bar per entry, its length the share, "count (share %)" after
// it. Texts are escaped; long labels are shortened in the drawing (the
// table beside it has them whole). Pure.
std::string SvgBarChart(const std::string& id_prefix, const std::string& title, const std::string& desc,
                        const std::vector<ChartBar>& bars);

// A column per scale value (1 .. n, left to right), its height the share,
// the count above it, the value below, and the end labels under the first
// and last column. Pure.
std::string SvgScaleChart(const std::string& id_prefix, const std::string& title, const std::string& desc,
                          const std::vector<ChartBar>& values, const std::string& low_label,
                          const std::string& high_label);

// "42 %" (sv) or "42%" (en): a share rounded to whole percent. Pure.
std::string PercentText(double share, const std::string& lang);

}  // namespace samrad::server
