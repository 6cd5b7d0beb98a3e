// SvgBarChart and SvgScaleChart over small fixed view boxes (320 wide), so
// that text stays readable at a phone's width.
#include "server/web/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/comment_text.h"

namespace samrad::server {

namespace {
constexpr double kWidth = 320;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// At most max characters (UTF-8 safe), with "…" when cut.
std::string Shorten(const std::string& s, size_t max) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++chars > max) return s.substr(0, i) + "…";
  }
  return s;
}

std::string Open(const std::string& id, const std::string& kind, double height, const std::string& title,
                 const std::string& desc) {
  std::string t = id + "-title", d = id + "-desc";
  return "<svg class=\"q-chart q-chart-" + kind + "\" role=\"img\" viewBox=\"0 0 " + Num(kWidth) + " " +
         Num(height) + "\" width=\"100%\" aria-labelledby=\"" + t + "\" aria-describedby=\"" + d +
         "\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\" fill=\"currentColor\">" + "<title id=\"" + t +
         "\">" + EscapeHtmlText(title) + "</title><desc id=\"" + d + "\">" + EscapeHtmlText(desc) + "</desc>";
}

std::string Rect(double x, double y, double w, double h, double opacity) {
  return "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(std::max(w, 0.0)) + "\" height=\"" +
         Num(h) + "\" fill-opacity=\"" + Num(opacity) + "\"/>";
}

std::string Text(double x, double y, const std::string& anchor, const std::string& text) {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor + "\">" + EscapeHtmlText(text) +
         "</text>";
}

std::string CountText(const ChartBar& b) {
  return std::to_string(b.count) + " (" + std::to_string(static_cast<int>(std::lround(b.share * 100))) + "%)";
}
}  // namespace

std::string PercentText(double share, const std::string& lang) {
  std::string n = std::to_string(static_cast<int>(std::lround(share * 100)));
  return lang == "sv" ? n + "\u00a0%" : n + "%";
}

std::string SvgBarChart(const std::string& id_prefix, const std::string& title, const std::string& desc,
                        const std::vector<ChartBar>& bars) {
  constexpr double kRow = 38, kBarTop = 18, kBarHeight = 14, kTrack = kWidth - 76;
  double height = std::max<double>(kRow, kRow * static_cast<double>(bars.size())) + 4;
  std::string out = Open(id_prefix, "bars", height, title, desc);
  for (size_t i = 0; i < bars.size(); ++i) {
    double y = kRow * static_cast<double>(i);
    double w = kTrack * std::clamp(bars[i].share, 0.0, 1.0);
    out += "<g>" + Text(0, y + 13, "start", Shorten(bars[i].label, 48));
    // The whole track faintly, so an empty bar still shows where it would be.
    out += Rect(0, y + kBarTop, kTrack, kBarHeight, 0.12) + Rect(0, y + kBarTop, w, kBarHeight, 0.85);
    out += Text(kTrack + 6, y + kBarTop + 11, "start", CountText(bars[i])) + "</g>";
  }
  return out + "</svg>";
}

std::string SvgScaleChart(const std::string& id_prefix, const std::string& title, const std::string& desc,
                          const std::vector<ChartBar>& values, const std::string& low_label,
                          const std::string& high_label) {
  constexpr double kTop = 18, kPlot = 110, kHeight = 172;
  std::string out = Open(id_prefix, "scale", kHeight, title, desc);
  double slot = kWidth / static_cast<double>(std::max<size_t>(values.size(), 1));
  double base = kTop + kPlot;
  for (size_t i = 0; i < values.size(); ++i) {
    double x = slot * static_cast<double>(i);
    double h = kPlot * std::clamp(values[i].share, 0.0, 1.0);
    out += "<g>" + Rect(x + slot * 0.15, kTop, slot * 0.7, kPlot, 0.12) +
           Rect(x + slot * 0.15, base - h, slot * 0.7, h, 0.85);
    out += Text(x + slot / 2, base - h - 4, "middle", std::to_string(values[i].count));
    out += Text(x + slot / 2, base + 15, "middle", values[i].label) + "</g>";
  }
  if (!low_label.empty()) out += Text(0, base + 36, "start", Shorten(low_label, 24));
  if (!high_label.empty()) out += Text(kWidth, base + 36, "end", Shorten(high_label, 24));
  return out + "</svg>";
}

}  // namespace samrad::server
