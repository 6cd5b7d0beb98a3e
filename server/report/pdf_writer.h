// A small typesetter for reports: a flow of headings, paragraphs and bar
// charts set with Pango on Cairo's PDF surface, on A4 pages with margins,
// "Sida 3" footers, headings in the PDF outline, links, and the
// DejaVu fonts embedded. Text flows across pages line by line, in reading
// order, so pdftotext extracts it as written.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace samrad::report {

struct PdfBlock {
  enum class Kind { kHeading, kText, kBars };
  Kind kind = Kind::kText;
  int level = 0;      // kHeading: 1 (document title) to 3; each is an outline entry
  std::string text;   // plain text; blank lines separate paragraphs
  bool bold = false;
  bool small = false;
  bool mono = false;
  double indent = 0;  // points from the left margin
  std::string link;   // a URI the whole block links to (empty: none)
  double space_before = 0;
  double space_after = 5;
  std::vector<std::pair<std::string, double>> bars;  // kBars: label and value, one row each
};

struct PdfMeta {
  std::string title;
  std::string subject;
  std::string creator = "Samråd";
  std::string lang = "sv";
  std::string page_format = "Sida {n}";  // the footer; {n} is the page number
};

// The PDF document. Lays out and draws each block once, in one pass and one
// block at a time, so memory stays small whatever the number of blocks
// (footers number the pages without a total, which would need a second
// layout of everything). Throws std::runtime_error when Cairo
// fails. Thread-safe (each call has its own surface; Pango's font map is
// per thread).
std::string RenderPdf(const std::vector<PdfBlock>& blocks, const PdfMeta& meta);

}  // namespace samrad::report
