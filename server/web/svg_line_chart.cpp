// SvgLineChart: polylines over a fixed 640 x 260 view box.
#include "server/web/svg_line_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/comment_text.h"

namespace samrad::server {

namespace {
constexpr double kWidth = 640, kHeight = 260;
constexpr double kLeft = 48, kRight = 16, kTop = 36, kBottom = 40;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Label(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}
}  // namespace

double NiceCeiling(double v) {
  if (v <= 1) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

std::string SvgLineChart(const std::string& id_prefix, const std::string& title, const std::string& desc,
                         const std::vector<std::string>& x_labels, const std::vector<LineSeries>& series) {
  double max = 0;
  for (const auto& s : series) {
    for (double v : s.values) max = std::max(max, v);
  }
  double top = NiceCeiling(max);
  size_t n = x_labels.size();
  double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto x = [&](size_t i) { return kLeft + (n > 1 ? plot_w * double(i) / double(n - 1) : plot_w / 2); };
  auto y = [&](double v) { return kTop + plot_h * (1 - v / top); };
  std::string t = id_prefix + "-title", d = id_prefix + "-desc";
  std::string out = "<svg class=\"line-chart\" role=\"img\" viewBox=\"0 0 640 260\" width=\"100%\" "
                    "preserveAspectRatio=\"xMidYMid meet\" aria-labelledby=\"" + t + " " + d +
                    "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"13\" fill=\"currentColor\">";
  out += "<title id=\"" + t + "\">" + EscapeHtmlText(title) + "</title>";
  out += "<desc id=\"" + d + "\">" + EscapeHtmlText(desc) + "</desc>";
  // Axes and grid lines at 0, half and the top.
  for (double v : {0.0, top / 2, top}) {
    out += "<line x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kWidth - kRight) + "\" y1=\"" + Num(y(v)) + "\" y2=\"" +
           Num(y(v)) + "\" stroke=\"currentColor\" stroke-opacity=\"" + (v == 0 ? "0.8" : "0.25") + "\"/>";
    out += "<text x=\"" + Num(kLeft - 6) + "\" y=\"" + Num(y(v) + 4) + "\" text-anchor=\"end\">" + Label(v) + "</text>";
  }
  if (n > 0) {
    std::vector<size_t> shown = {0};
    if (n > 2) shown.push_back(n / 2);
    if (n > 1) shown.push_back(n - 1);
    for (size_t i : shown) {
      const char* anchor = n == 1 ? "middle" : i == 0 ? "start" : i == n - 1 ? "end" : "middle";
      out += "<text x=\"" + Num(x(i)) + "\" y=\"" + Num(kHeight - kBottom + 18) + "\" text-anchor=\"" + anchor +
             "\">" + EscapeHtmlText(x_labels[i]) + "</text>";
    }
  }
  double legend_x = kLeft;
  for (const auto& s : series) {
    std::string dash = s.dashed ? " stroke-dasharray=\"6 4\"" : "";
    out += "<line x1=\"" + Num(legend_x) + "\" x2=\"" + Num(legend_x + 24) + "\" y1=\"14\" y2=\"14\" "
           "stroke=\"currentColor\" stroke-width=\"2.5\"" + dash + "/>";
    out += "<text x=\"" + Num(legend_x + 30) + "\" y=\"18\">" + EscapeHtmlText(s.name) + "</text>";
    legend_x += 40 + 8.0 * static_cast<double>(s.name.size());
    if (s.values.size() == 1) {
      out += "<circle cx=\"" + Num(x(0)) + "\" cy=\"" + Num(y(s.values[0])) + "\" r=\"4\"/>";
      continue;
    }
    std::string points;
    for (size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (!points.empty()) points += ' ';
      points += Num(x(i)) + "," + Num(y(s.values[i]));
    }
    out += "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2.5\" stroke-linejoin=\"round\"" + dash +
           " points=\"" + points + "\"/>";
  }
  out += "</svg>";
  return out;
}

}  // namespace samrad::server
