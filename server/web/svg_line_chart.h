// A server-rendered SVG line chart (no JavaScript): values over labelled
// points, drawn in currentColor so it follows the page's light or dark
// colours, scaled to its container's width. Pages put the same numbers in
// a table beside it; the chart itself carries a title and a description.
#pragma once

#include <string>
#include <vector>

namespace samrad::server {

struct LineSeries {
  std::string name;
  std::vector<double> values;  // one per x label
  bool dashed = false;
};

// <svg role="img"> with <title> and <desc> (ids from id_prefix), a y axis
// from 0 to the rounded-up maximum, the first, middle and last x labels, a
// legend, and one polyline per series (a dot for a single point). Texts
// are escaped. Pure.
std::string SvgLineChart(const std::string& id_prefix, const std::string& title, const std::string& desc,
                         const std::vector<std::string>& x_labels, const std::vector<LineSeries>& series);

// The smallest "nice" number (1, 2 or 5 times a power of ten) >= v, at least 1. Pure.
double NiceCeiling(double v);

}  // namespace samrad::server
