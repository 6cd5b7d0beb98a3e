// ReportModel and ReportThreadsHtml.
#include "server/web/report_view.h"

#include <cstdio>

#include "core/comment_text.h"
#include "core/markdown.h"
#include "server/web/format.h"
#include "server/web/journalist_models.h"
#include "server/web/svg_chart.h"
#include "server/web/svg_line_chart.h"

namespace samrad::server {

using nlohmann::json;

namespace {
std::string Share(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f %%", v * 100);
  return buf;
}

std::string AuthorText(const WebContext& ctx, const ReportComment& k) {
  return AuthorLabel(ctx, Author{k.author, k.author_kind, k.official});
}

json Ranked(const WebContext& ctx, const std::vector<ReportRanked>& list) {
  json out = json::array();
  for (const auto& k : list) {
    out.push_back({{"id", k.id}, {"url", "#c-" + std::to_string(k.id)}, {"excerpt", k.excerpt},
                   {"support", k.support}, {"oppose", k.oppose}, {"balance", ReportDecimal(k.balance)}});
  }
  (void)ctx;
  return out;
}

json Votes(const WebContext& ctx, const json& v) {
  if (!v.is_object()) return nullptr;
  auto n = [&](const char* k) { return std::to_string(v.value(k, 0)); };
  return FillMessage(ctx.Text("report_votes_text"),
                     {{"for", n("for")}, {"against", n("against")}, {"abstain", n("abstain")}, {"absent", n("absent")}});
}

// The questionnaire piece's charts: bars for choices (and rankings, by
// Borda score), columns for a scale; none for free text.
std::string QuestionChart(const WebContext& ctx, const QuestionResult& q) {
  std::vector<ChartBar> bars;
  for (const auto& o : q.options) bars.push_back({o.label, o.count, o.share});
  int64_t top = 0;
  for (const auto& o : q.ranking) top = std::max(top, o.borda);
  for (const auto& o : q.ranking) bars.push_back({o.label, o.borda, top ? double(o.borda) / double(top) : 0.0});
  if (bars.empty()) return "";
  std::string id = "q-chart-" + std::to_string(q.question_id);
  std::string desc = ctx.Text("report_question_chart_desc");
  if (q.type == "scale") return SvgScaleChart(id, q.text, desc, bars, q.low_label, q.high_label);
  return SvgBarChart(id, q.text, desc, bars);
}

json Questions(const WebContext& ctx, const ConsultationReport& r) {
  json out = json::array();
  for (const auto& q : r.questions) {
    json options = json::array();
    for (const auto& o : q.options) options.push_back({{"label", o.label}, {"count", o.count}, {"share", Share(o.share)}});
    json ranking = json::array();
    for (const auto& o : q.ranking) {
      ranking.push_back({{"label", o.label}, {"average_rank", ReportDecimal(o.average_rank)}, {"borda", o.borda}});
    }
    out.push_back({{"id", q.question_id}, {"text", q.text}, {"respondents", q.respondents},
                   {"chart", QuestionChart(ctx, q)},
                   {"options", options}, {"has_options", !q.options.empty()},
                   {"ranking", ranking}, {"has_ranking", !q.ranking.empty()},
                   {"mean", q.mean ? json(ReportDecimal(*q.mean)) : json(nullptr)},
                   {"median", q.median ? json(ReportDecimal(*q.median)) : json(nullptr)},
                   {"text_answers", q.type == "text" ? json(FillMessage(ctx.Text("report_text_answers"),
                                                                        {{"visible", std::to_string(q.text_answers_visible)},
                                                                         {"hidden", std::to_string(q.text_answers_hidden)}}))
                                                     : json(nullptr)}});
  }
  return out;
}

json Chart(const WebContext& ctx, const ConsultationReport& r) {
  if (r.days.empty()) return nullptr;
  std::vector<std::string> labels;
  LineSeries comments{ctx.Text("report_comments"), {}, false}, replies{ctx.Text("report_replies"), {}, true};
  json rows = json::array();
  int64_t max = 0;
  for (const auto& d : r.days) {
    labels.push_back(ReportDate(ctx.lang, d.date));
    comments.values.push_back(static_cast<double>(d.comments));
    replies.values.push_back(static_cast<double>(d.replies));
    max = std::max({max, d.comments, d.replies});
    rows.push_back({{"date", labels.back()}, {"iso", d.date}, {"comments", d.comments}, {"replies", d.replies}});
  }
  std::string desc = FillMessage(ctx.Text("report_chart_desc"),
                                 {{"first", labels.front()}, {"last", labels.back()}, {"max", std::to_string(max)}});
  return {{"svg", SvgLineChart("chart-days", ctx.Text("report_chart_title"), desc, labels, {comments, replies})},
          {"rows", rows}};
}
}  // namespace

std::string ReportDecimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string ReportSectionLabel(const WebContext& ctx, const ReportSection& s) {
  if (!s.id) return ctx.Text("report_whole");
  return s.removed ? s.heading + " (" + ctx.Text("report_removed") + ")" : s.heading;
}

std::string ReportDate(const std::string& lang, const std::string& time) {
  json v = TimeView(time, lang);
  return v.is_null() ? time : v["date"].get<std::string>();
}

json ReportModel(const WebContext& ctx, const ConsultationReport& r) {
  std::string id = std::to_string(r.id);
  json sections = json::array(), contents = json::array();
  for (const auto& s : r.sections) {
    sections.push_back({{"label", ReportSectionLabel(ctx, s)}, {"comments", s.comments}, {"replies", s.replies},
                        {"support", s.support}, {"oppose", s.oppose}});
    if (s.id && !s.removed) contents.push_back({{"heading", s.heading}, {"body_html", RenderMarkdown(s.body)}});
  }
  json reasons = json::array();
  for (const auto& [reason, n] : r.hidden_reasons) reasons.push_back({{"reason", reason}, {"count", n}});
  json unanswered = json::array();
  for (int64_t c : r.unanswered) unanswered.push_back({{"id", c}, {"url", "#c-" + std::to_string(c)}});
  json decisions = json::array();
  for (const auto& d : r.decisions) {
    decisions.push_back({{"title", d.title}, {"url", "/decisions/" + std::to_string(d.id)},
                         {"body_name", d.body_name}, {"reference", d.reference},
                         {"decided_at", ReportDate(ctx.lang, d.decided_at)}, {"decided_iso", d.decided_at},
                         {"outcome", ctx.Text("outcome_" + d.outcome)}, {"votes", Votes(ctx, d.votes)},
                         {"answers", d.answers}, {"log_url", "/log/" + std::to_string(d.log_seq)},
                         {"log_seq", d.log_seq}});
  }
  bool official = ctx.req.actor && ctx.req.actor->IsOfficial();
  bool texts_public = r.report_published_at.has_value();
  bool show_texts = texts_public || official;
  return {
      {"title", r.title},
      {"summary", r.summary},
      {"content_lang", r.language},
      {"draft", r.draft()},
      {"consultation_url", "/consultations/" + id},
      {"pdf_url", "/consultations/" + id + "/report.pdf" + (ctx.lang == "en" ? "?lang=en" : "")},
      {"json_url", "/consultations/" + id + "/report.json"},
      {"desk_url", official ? json("/desk/consultations/" + id + "/report") : json(nullptr)},
      {"intro_html", show_texts && !r.intro_md.empty() ? json(RenderMarkdown(r.intro_md)) : json(nullptr)},
      {"summary_html", show_texts && !r.summary_md.empty() ? json(RenderMarkdown(r.summary_md)) : json(nullptr)},
      {"texts_unpublished", !texts_public},
      {"texts_draft", !texts_public && official && !(r.intro_md.empty() && r.summary_md.empty())},
      {"published_on", texts_public ? json(ReportDate(ctx.lang, *r.report_published_at)) : json(nullptr)},
      {"responsible", ctx.Text("role_" + r.responsible_role)},
      {"state_label", ctx.Text("state_" + r.state)},
      {"area", r.area ? json(*r.area) : json(nullptr)},
      {"opens", ReportDate(ctx.lang, r.opens_at)},
      {"closes", ReportDate(ctx.lang, r.closes_at)},
      {"announced", r.published_seq ? json({{"date", ReportDate(ctx.lang, r.published_event_at)},
                                           {"log_url", "/log/" + std::to_string(r.published_seq)},
                                           {"seq", r.published_seq}})
                                    : json(nullptr)},
      {"extensions", r.extensions ? json(r.extensions) : json(nullptr)},
      {"body_html", RenderMarkdown(r.body)},
      {"contents", contents},
      {"respondents", r.respondents},
      {"comments", r.comments},
      {"replies", r.replies},
      {"official_replies", r.official_replies},
      {"supports", r.supports},
      {"opposes", r.opposes},
      {"hidden", r.hidden},
      {"chart", Chart(ctx, r)},
      {"sections", sections},
      {"hidden_intro", FillMessage(ctx.Text("report_hidden_intro"), {{"n", std::to_string(r.hidden)}})},
      {"hidden_reasons", reasons},
      {"most_supported", Ranked(ctx, r.most_supported)},
      {"most_divided", Ranked(ctx, r.most_divided)},
      {"divided_rule", FillMessage(ctx.Text("report_divided_rule"), {{"min", std::to_string(kDividedMinReactions)}})},
      {"unanswered", unanswered},
      {"unanswered_intro", FillMessage(ctx.Text("report_unanswered_intro"), {{"n", std::to_string(r.unanswered.size())}})},
      {"decisions", decisions},
      {"questions", Questions(ctx, r)},
      {"compiled", ReportDate(ctx.lang, r.compiled_at)},
      {"compiled_iso", r.compiled_at},
      {"log_seq", r.log_seq},
      {"log_url", "/log/" + std::to_string(r.log_seq)},
      {"checkpoint", r.checkpoint_size ? json(r.checkpoint_note) : json(nullptr)},
      {"has_questions", !r.questions.empty()},
      {"has_contents", !contents.empty()},
      {"has_supported", !r.most_supported.empty()},
      {"has_divided", !r.most_divided.empty()},
      {"has_unanswered", !r.unanswered.empty()},
  };
}

std::string ReportThreadsHtml(const WebContext& ctx, const ConsultationReport& r) {
  std::string out;
  out.reserve(1 << 16);
  const std::string official = EscapeHtmlText(ctx.Text("report_official_label"));
  const std::string unanswered = EscapeHtmlText(ctx.Text("report_unanswered_label"));
  const std::string answered_by = EscapeHtmlText(ctx.Text("report_answered_by"));
  const std::string hidden = EscapeHtmlText(ctx.Text("report_hidden_placeholder"));
  const std::string so = ctx.Text("report_support_oppose");
  for (const auto& s : r.sections) {
    if (s.thread.empty()) continue;
    std::string sid = "rs-" + std::to_string(s.id);
    out += "<section class=\"report-section\" aria-labelledby=\"" + sid + "\"><h3 id=\"" + sid + "\">" +
           EscapeHtmlText(ReportSectionLabel(ctx, s)) + "</h3>\n<ul class=\"report-thread\">";
    int depth = 0;
    for (size_t i = 0; i < s.thread.size(); ++i) {
      const auto& k = s.thread[i];
      for (; depth > k.depth; --depth) out += "</li></ul>";
      if (i > 0 && depth == k.depth) out += "</li>";
      if (k.depth > depth) {
        out += "<ul>";
        depth = k.depth;
      }
      std::string cid = std::to_string(k.id);
      out += "<li id=\"c-" + cid + "\"" + (k.official ? " class=\"report-official\"" : "") + "><p class=\"meta\">";
      out += "<a href=\"/comments/" + cid + "\">#" + cid + "</a> ";
      if (k.hidden) {
        out += "<span>" + hidden + " " + EscapeHtmlText(k.hidden_reason) + "</span></p>";
        continue;
      }
      out += "<span>" + EscapeHtmlText(AuthorText(ctx, k)) + "</span>";
      if (k.official) out += " <span class=\"badge badge-official\">" + official + "</span>";
      out += " <time datetime=\"" + EscapeHtmlText(k.created_at) + "\">" +
             EscapeHtmlText(ReportDate(ctx.lang, k.created_at)) + "</time> <span>" +
             EscapeHtmlText(FillMessage(so, {{"support", std::to_string(k.support)}, {"oppose", std::to_string(k.oppose)}})) +
             "</span>";
      if (k.depth == 0 && !k.official && !k.answered) out += " <span class=\"badge\">" + unanswered + "</span>";
      for (int64_t d : k.decision_ids) {
        std::string ds = std::to_string(d);
        out += " <a class=\"badge badge-answered\" href=\"/decisions/" + ds + "\">" + answered_by + " " + ds + "</a>";
      }
      out += "</p><div class=\"comment-text\" lang=\"" + EscapeHtmlText(r.language) + "\">" + CommentTextHtml(k.body) +
             "</div>";
    }
    for (; depth > 0; --depth) out += "</li></ul>";
    out += "</li></ul></section>\n";
  }
  return out;
}

}  // namespace samrad::server
