// RenderPdf: Cairo's PDF surface with Pango layouts, set in one pass.
#include "server/report/pdf_writer.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace samrad::report {

namespace {
constexpr double kPageW = 595.276, kPageH = 841.89;  // A4 in points
constexpr double kMarginX = 62, kMarginTop = 56, kMarginBottom = 70;
constexpr double kTextW = kPageW - 2 * kMarginX;
constexpr double kBarRow = 17;

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string Fill(std::string text, int n) {
  size_t at = text.find("{n}");
  if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Escapes a text for a quoted value of Cairo's tag attributes.
std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

class Typesetter {
 public:
  Typesetter(cairo_t* cr, cairo_surface_t* surface, const PdfMeta& meta)
      : cr_(cr), surface_(surface), meta_(meta) {
    layout_ = pango_cairo_create_layout(cr_);
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    // Footers are set while a text's lines are being walked: a layout of their own.
    footer_ = pango_cairo_create_layout(cr_);
    pango_layout_set_alignment(footer_, PANGO_ALIGN_CENTER);
    pango_layout_set_width(footer_, static_cast<int>(kTextW * PANGO_SCALE));
    PangoContext* ctx = pango_layout_get_context(layout_);
    PangoLanguage* lang = pango_language_from_string(meta.lang.c_str());
    pango_context_set_language(ctx, lang);
    // Glyphs at the font's own advances: rounded ones differ from what the
    // PDF's font says, and Cairo then writes a position for nearly every glyph.
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_layout_context_changed(layout_);
    for (auto [font, spec] : {std::pair{&body_, "DejaVu Sans 10"}, {&bold_, "DejaVu Sans Bold 10"},
                              {&small_, "DejaVu Sans 8.5"}, {&small_bold_, "DejaVu Sans Bold 8.5"},
                              {&mono_, "DejaVu Sans Mono 7.5"}, {&h1_, "DejaVu Sans Bold 18"},
                              {&h2_, "DejaVu Sans Bold 14"}, {&h3_, "DejaVu Sans Bold 11.5"}}) {
      *font = pango_font_description_from_string(spec);
    }
  }
  ~Typesetter() {
    for (auto* f : {body_, bold_, small_, small_bold_, mono_, h1_, h2_, h3_}) pango_font_description_free(f);
    g_object_unref(layout_);
    g_object_unref(footer_);
  }

  // Sets and draws every block; returns the number of pages.
  int Run(const std::vector<PdfBlock>& blocks) {
    y_ = kMarginTop;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const PdfBlock& b = blocks[i];
      if (y_ > kMarginTop) y_ += b.space_before;
      if (b.kind == PdfBlock::Kind::kBars) {
        Bars(b);
      } else {
        Text(b, i + 1 < blocks.size() ? &blocks[i + 1] : nullptr);
      }
      y_ += b.space_after;
    }
    Footer();
    return page_;
  }

 private:
  const PangoFontDescription* FontOf(const PdfBlock& b) const {
    if (b.kind == PdfBlock::Kind::kHeading) return b.level <= 1 ? h1_ : b.level == 2 ? h2_ : h3_;
    if (b.mono) return mono_;
    if (b.small) return b.bold ? small_bold_ : small_;
    return b.bold ? bold_ : body_;
  }

  void Prepare(const PdfBlock& b) {
    pango_layout_set_font_description(layout_, FontOf(b));
    pango_layout_set_width(layout_, static_cast<int>((kTextW - b.indent) * PANGO_SCALE));
    pango_layout_set_text(layout_, b.text.c_str(), static_cast<int>(b.text.size()));
  }

  // The height the first lines of a block need (a heading stays with them).
  double FirstLines(const PdfBlock& b, int lines) {
    if (b.kind == PdfBlock::Kind::kBars) return kBarRow * std::min<double>(lines, b.bars.size());
    Prepare(b);
    PangoLayoutIter* it = pango_layout_get_iter(layout_);
    double h = 0;
    int n = 0;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      h = (logical.y + logical.height) / double(PANGO_SCALE);
    } while (++n < lines && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return h;
  }

  void NewPage() {
    Footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTop;
  }

  void Footer() {
    pango_layout_set_font_description(footer_, small_);
    std::string text = Fill(meta_.page_format, page_);
    pango_layout_set_text(footer_, text.c_str(), -1);
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    cairo_move_to(cr_, kMarginX, kPageH - kMarginBottom + 28);
    pango_cairo_show_layout(cr_, footer_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
  }

  double Bottom() const { return kPageH - kMarginBottom; }

  void BeginLink(const PdfBlock& b) {
    if (!b.link.empty()) cairo_tag_begin(cr_, CAIRO_TAG_LINK, ("uri=" + Quoted(b.link)).c_str());
  }
  void EndLink(const PdfBlock& b) {
    if (!b.link.empty()) cairo_tag_end(cr_, CAIRO_TAG_LINK);
  }

  void Outline(const PdfBlock& b) {
    if (b.kind != PdfBlock::Kind::kHeading) return;
    int level = std::clamp(b.level, 1, 3);
    int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : outline_[level - 2];
    char dest[64];
    std::snprintf(dest, sizeof dest, "page=%d pos=[%.1f %.1f]", page_, kMarginX, y_);
    int id = cairo_pdf_surface_add_outline(surface_, parent, b.text.c_str(), dest,
                                           level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0));
    for (int l = level - 1; l < 3; ++l) outline_[l] = id;
  }

  void Text(const PdfBlock& b, const PdfBlock* next) {
    if (b.kind == PdfBlock::Kind::kHeading && next) {
      // A heading never ends a page: it moves on with its first lines.
      double need = FirstLines(b, 99) + b.space_after + next->space_before + FirstLines(*next, 2);
      if (y_ + need > Bottom() && y_ > kMarginTop) NewPage();
    }
    Prepare(b);
    Outline(b);
    BeginLink(b);
    PangoLayoutIter* it = pango_layout_get_iter(layout_);
    double offset = y_;  // where the layout's top lies on this page
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double top = offset + logical.y / double(PANGO_SCALE);
      double h = logical.height / double(PANGO_SCALE);
      if (top + h > Bottom() && top > kMarginTop) {
        EndLink(b);
        NewPage();
        offset = kMarginTop - logical.y / double(PANGO_SCALE);
        top = kMarginTop;
        BeginLink(b);
      }
      double baseline = pango_layout_iter_get_baseline(it) / double(PANGO_SCALE);
      cairo_move_to(cr_, kMarginX + b.indent + logical.x / double(PANGO_SCALE), offset + baseline);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ = top + h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    EndLink(b);
  }

  void Bars(const PdfBlock& b) {
    double max = 0;
    for (const auto& [label, v] : b.bars) max = std::max(max, v);
    double label_w = kTextW * 0.42, bar_x = kMarginX + b.indent + label_w + 8;
    double bar_w = kTextW - b.indent - label_w - 8 - 40;
    for (const auto& [label, v] : b.bars) {
      if (y_ + kBarRow > Bottom()) NewPage();
      pango_layout_set_font_description(layout_, small_);
      pango_layout_set_width(layout_, static_cast<int>(label_w * PANGO_SCALE));
      pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
      std::string row = label + ": " + Number(v);
      pango_layout_set_text(layout_, row.c_str(), -1);
      cairo_move_to(cr_, kMarginX + b.indent, y_ + 2);
      pango_cairo_show_layout(cr_, layout_);
      pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_NONE);
      double w = max > 0 ? bar_w * v / max : 0;
      cairo_set_source_rgb(cr_, 0.04, 0.31, 0.61);
      cairo_rectangle(cr_, bar_x, y_ + 3, std::max(w, 0.5), kBarRow - 6);
      cairo_fill(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
      y_ += kBarRow;
    }
  }

  cairo_t* cr_;
  cairo_surface_t* surface_;
  const PdfMeta& meta_;
  PangoLayout* layout_;
  PangoLayout* footer_;
  PangoFontDescription *body_, *bold_, *small_, *small_bold_, *mono_, *h1_, *h2_, *h3_;
  int page_ = 1;
  double y_ = kMarginTop;
  int outline_[3] = {CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT};
};

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

}  // namespace

std::string RenderPdf(const std::vector<PdfBlock>& blocks, const PdfMeta& meta) {
  std::string pdf;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface(
      cairo_pdf_surface_create_for_stream(Append, &pdf, kPageW, kPageH));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, meta.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_SUBJECT, meta.subject.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, meta.creator.c_str());
  std::unique_ptr<cairo_t, ContextDeleter> cr(cairo_create(surface.get()));
  {
    Typesetter t(cr.get(), surface.get(), meta);
    t.Run(blocks);
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return pdf;
}

}  // namespace samrad::report
