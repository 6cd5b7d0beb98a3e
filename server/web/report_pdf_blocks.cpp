// ReportPdfBlocks: the report's parts in reading order.
#include "server/web/report_pdf_blocks.h"

#include <cstdio>

#include "search/plain_text.h"
#include "server/web/journalist_models.h"
#include "server/web/report_view.h"

namespace samrad::server {

using report::PdfBlock;

namespace {
class Flow {
 public:
  explicit Flow(std::vector<PdfBlock>& out) : out_(out) {}
  void Heading(int level, const std::string& text) {
    PdfBlock b;
    b.kind = PdfBlock::Kind::kHeading;
    b.level = level;
    b.text = text;
    b.space_before = level == 1 ? 0 : level == 2 ? 16 : 10;
    b.space_after = 6;
    out_.push_back(std::move(b));
  }
  PdfBlock& Text(const std::string& text, double indent = 0) {
    PdfBlock b;
    b.text = text;
    b.indent = indent;
    out_.push_back(std::move(b));
    return out_.back();
  }
  // "Label: value" as one small line.
  void Fact(const std::string& label, const std::string& value) { Text(label + ": " + value).space_after = 2; }
  void Markdown(const std::string& md) {
    if (!md.empty()) Text(search::PlainText(md));
  }

 private:
  std::vector<PdfBlock>& out_;
};

void Participation(const WebContext& ctx, const ConsultationReport& r, Flow& f, std::vector<PdfBlock>& out) {
  f.Heading(2, ctx.Text("report_participation_h"));
  for (auto [key, n] : {std::pair{"report_respondents", r.respondents}, {"report_comments", r.comments},
                        {"report_replies", r.replies}, {"report_official_replies", r.official_replies},
                        {"report_supports", r.supports}, {"report_opposes", r.opposes},
                        {"report_hidden", r.hidden}}) {
    f.Fact(ctx.Text(key), std::to_string(n));
  }
  f.Heading(3, ctx.Text("report_by_day_h"));
  if (r.days.empty()) f.Text(ctx.Text("report_no_comments"));
  PdfBlock days;
  days.kind = PdfBlock::Kind::kBars;
  for (const auto& d : r.days) days.bars.emplace_back(d.date, static_cast<double>(d.comments + d.replies));
  if (!days.bars.empty()) out.push_back(std::move(days));
  f.Heading(3, ctx.Text("report_by_section_h"));
  PdfBlock sections;
  sections.kind = PdfBlock::Kind::kBars;
  for (const auto& s : r.sections) {
    sections.bars.emplace_back(ReportSectionLabel(ctx, s), static_cast<double>(s.comments + s.replies));
  }
  out.push_back(std::move(sections));
  for (const auto& s : r.sections) {
    f.Fact(ReportSectionLabel(ctx, s), FillMessage(ctx.Text("report_support_oppose"),
                                            {{"support", std::to_string(s.support)}, {"oppose", std::to_string(s.oppose)}}));
  }
  f.Heading(3, ctx.Text("report_hidden_h"));
  if (!r.hidden) f.Text(ctx.Text("report_none"));
  if (r.hidden) f.Text(FillMessage(ctx.Text("report_hidden_intro"), {{"n", std::to_string(r.hidden)}}));
  for (const auto& [reason, n] : r.hidden_reasons) f.Fact(reason, std::to_string(n));
}

void Questions(const WebContext& ctx, const ConsultationReport& r, Flow& f, std::vector<PdfBlock>& out) {
  if (r.questions.empty()) return;
  f.Heading(2, ctx.Text("report_questions_h"));
  for (const auto& q : r.questions) {
    f.Heading(3, q.text);
    std::string line = ctx.Text("report_question_respondents") + ": " + std::to_string(q.respondents);
    if (q.mean) line += " · " + ctx.Text("report_mean") + " " + ReportDecimal(*q.mean);
    if (q.median) line += " · " + ctx.Text("report_median") + " " + ReportDecimal(*q.median);
    f.Text(line);
    PdfBlock bars;
    bars.kind = PdfBlock::Kind::kBars;
    for (const auto& o : q.options) bars.bars.emplace_back(o.label, static_cast<double>(o.count));
    for (const auto& o : q.ranking) bars.bars.emplace_back(o.label, static_cast<double>(o.borda));
    if (!bars.bars.empty()) out.push_back(std::move(bars));
    if (q.type == "text") {
      f.Text(FillMessage(ctx.Text("report_text_answers"), {{"visible", std::to_string(q.text_answers_visible)},
                                                           {"hidden", std::to_string(q.text_answers_hidden)}}));
    }
  }
}

void Threads(const WebContext& ctx, const ConsultationReport& r, Flow& f, const std::string& base) {
  f.Heading(2, ctx.Text("report_comments_h"));
  const std::string so = ctx.Text("report_support_oppose");
  for (const auto& s : r.sections) {
    if (s.thread.empty()) continue;
    f.Heading(3, ReportSectionLabel(ctx, s));
    for (const auto& k : s.thread) {
      double indent = 14.0 * std::min(k.depth, 4);
      std::string id = std::to_string(k.id);
      std::string meta = "#" + id + " · ";
      if (k.hidden) {
        meta += ctx.Text("report_hidden_placeholder") + " " + k.hidden_reason;
      } else {
        meta += AuthorLabel(ctx, Author{k.author, k.author_kind, k.official});
        if (k.official) meta += " (" + ctx.Text("report_official_label") + ")";
        meta += " · " + ReportDate(ctx.lang, k.created_at) + " · " +
                FillMessage(so, {{"support", std::to_string(k.support)}, {"oppose", std::to_string(k.oppose)}});
        if (k.depth == 0 && !k.official && !k.answered) meta += " · " + ctx.Text("report_unanswered_label");
        for (int64_t d : k.decision_ids) meta += " · " + ctx.Text("report_answered_by") + " " + std::to_string(d);
      }
      PdfBlock& m = f.Text(meta, indent);
      m.small = true;
      m.bold = true;
      m.link = base + "/comments/" + id;
      m.space_before = 4;
      m.space_after = 1;
      if (!k.hidden) f.Text(k.body, indent).space_after = 4;
    }
  }
}

void Decisions(const WebContext& ctx, const ConsultationReport& r, Flow& f, const std::string& base) {
  f.Heading(2, ctx.Text("report_decisions_h"));
  if (r.decisions.empty()) f.Text(ctx.Text("report_no_decisions"));
  for (const auto& d : r.decisions) {
    f.Heading(3, d.title);
    f.Text(base + "/decisions/" + std::to_string(d.id)).link = base + "/decisions/" + std::to_string(d.id);
    f.Fact(ctx.Text("report_body_name"), d.body_name);
    f.Fact(ctx.Text("report_reference"), d.reference);
    f.Fact(ctx.Text("report_decided_at"), ReportDate(ctx.lang, d.decided_at));
    f.Fact(ctx.Text("report_outcome"), ctx.Text("outcome_" + d.outcome));
    if (d.votes.is_object()) {
      auto n = [&](const char* k) { return std::to_string(d.votes.value(k, 0)); };
      f.Fact(ctx.Text("report_votes"), FillMessage(ctx.Text("report_votes_text"), {{"for", n("for")},
                                                                                   {"against", n("against")},
                                                                                   {"abstain", n("abstain")},
                                                                                   {"absent", n("absent")}}));
    }
    f.Fact(ctx.Text("report_answers_n"), std::to_string(d.answers));
  }
}
}  // namespace

std::vector<PdfBlock> ReportPdfBlocks(const WebContext& ctx, const ConsultationReport& r, const std::string& base) {
  std::vector<PdfBlock> out;
  out.reserve(16 + 2 * (r.comments + r.replies + r.hidden));
  Flow f(out);
  f.Heading(1, ctx.Text("report_heading") + ": " + r.title);
  if (r.draft()) f.Text(ctx.Text("report_draft_banner")).bold = true;
  std::string url = base + "/consultations/" + std::to_string(r.id);
  f.Text(url).link = url;
  f.Fact(ctx.Text("report_compiled"), ReportDate(ctx.lang, r.compiled_at));
  bool texts = r.report_published_at.has_value();
  if (!texts) f.Text(ctx.Text("report_texts_unpublished")).small = true;
  if (texts && !r.intro_md.empty()) {
    f.Heading(2, ctx.Text("report_intro_h"));
    f.Markdown(r.intro_md);
  }
  if (texts && !r.summary_md.empty()) {
    f.Heading(2, ctx.Text("report_summary_h"));
    f.Markdown(r.summary_md);
  }
  f.Heading(2, ctx.Text("report_what_h"));
  f.Text(r.summary).bold = true;
  f.Fact(ctx.Text("report_responsible"), ctx.Text("role_" + r.responsible_role));
  f.Fact(ctx.Text("report_period"), ReportDate(ctx.lang, r.opens_at) + " – " + ReportDate(ctx.lang, r.closes_at));
  f.Fact(ctx.Text("report_state"), ctx.Text("state_" + r.state));
  if (r.area) f.Fact(ctx.Text("report_area"), *r.area);
  if (r.published_seq) {
    f.Fact(ctx.Text("report_announced"), ctx.Text("report_announced_text") + " " +
                                             ReportDate(ctx.lang, r.published_event_at) + ", " +
                                             ctx.Text("report_log_entry") + " " + std::to_string(r.published_seq));
  }
  if (r.extensions) f.Fact(ctx.Text("report_extensions"), std::to_string(r.extensions) + " " + ctx.Text("report_times"));
  f.Markdown(r.body);
  for (const auto& s : r.sections) {
    if (!s.id || s.removed) continue;
    f.Heading(3, s.heading);
    f.Markdown(s.body);
  }
  Participation(ctx, r, f, out);
  Questions(ctx, r, f, out);
  f.Heading(2, ctx.Text("report_top_supported_h"));
  if (r.most_supported.empty()) f.Text(ctx.Text("report_none"));
  for (const auto& k : r.most_supported) {
    f.Text("#" + std::to_string(k.id) + ": " + std::to_string(k.support) + " / " + std::to_string(k.oppose));
  }
  f.Heading(2, ctx.Text("report_top_divided_h"));
  f.Text(FillMessage(ctx.Text("report_divided_rule"), {{"min", std::to_string(kDividedMinReactions)}})).small = true;
  if (r.most_divided.empty()) f.Text(ctx.Text("report_none"));
  for (const auto& k : r.most_divided) {
    f.Text("#" + std::to_string(k.id) + ": " + std::to_string(k.support) + " / " + std::to_string(k.oppose) + ", " +
           ctx.Text("report_balance") + " " + ReportDecimal(k.balance));
  }
  Threads(ctx, r, f, base);
  f.Heading(2, ctx.Text("report_unanswered_h"));
  if (r.unanswered.empty()) f.Text(ctx.Text("report_all_answered"));
  if (!r.unanswered.empty()) {
    std::string ids;
    for (int64_t c : r.unanswered) ids += (ids.empty() ? "#" : ", #") + std::to_string(c);
    f.Text(FillMessage(ctx.Text("report_unanswered_intro"), {{"n", std::to_string(r.unanswered.size())}}) + " " + ids);
  }
  Decisions(ctx, r, f, base);
  f.Heading(2, ctx.Text("report_log_h"));
  f.Fact(ctx.Text("report_log_seq"), std::to_string(r.log_seq));
  f.Fact(ctx.Text("report_compiled"), r.compiled_at);
  f.Text(ctx.Text("report_checkpoint")).bold = true;
  if (r.checkpoint_size) f.Text(r.checkpoint_note).mono = true;
  if (!r.checkpoint_size) f.Text(ctx.Text("report_no_checkpoint"));
  f.Text(base + "/log").link = base + "/log";
  return out;
}

report::PdfMeta ReportPdfMeta(const WebContext& ctx, const ConsultationReport& r) {
  report::PdfMeta m;
  m.title = ctx.Text("report_heading") + ": " + r.title;
  m.subject = r.summary;
  m.lang = ctx.lang;
  m.page_format = ctx.Text("report_page");
  return m;
}

}  // namespace samrad::server
