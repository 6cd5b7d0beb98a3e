// The consultation report's JSON form (GET /consultations/{id}/report.json).
#include "core/consultation_report.h"

namespace samrad {

using nlohmann::json;

namespace {
json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json CommentJson(const ReportComment& k) {
  json j = {{"id", k.id},
            {"parent_id", k.parent_id ? json(k.parent_id) : json(nullptr)},
            {"depth", k.depth},
            {"hidden", k.hidden},
            {"url", "/comments/" + std::to_string(k.id)}};
  if (k.hidden) {
    j["hidden_reason"] = k.hidden_reason;
    return j;
  }
  j["author"] = {{"name", k.author}, {"kind", k.author_kind}, {"official", k.official}};
  j["body"] = k.body;
  j["created_at"] = k.created_at;
  j["support"] = k.support;
  j["oppose"] = k.oppose;
  j["answered_by"] = k.decision_ids;
  if (!k.depth) j["answered"] = k.answered;
  return j;
}

json RankedJson(const std::vector<ReportRanked>& list) {
  json out = json::array();
  for (const auto& k : list) {
    out.push_back({{"id", k.id}, {"excerpt", k.excerpt}, {"support", k.support}, {"oppose", k.oppose},
                   {"balance", k.balance}});
  }
  return out;
}

json QuestionJson(const QuestionResult& q) {
  json options = json::array();
  for (const auto& o : q.options) options.push_back({{"label", o.label}, {"count", o.count}, {"share", o.share}});
  json ranking = json::array();
  for (const auto& o : q.ranking) {
    ranking.push_back({{"label", o.label}, {"average_rank", o.average_rank}, {"borda", o.borda}});
  }
  json j = {{"id", q.question_id}, {"position", q.position}, {"type", q.type}, {"text", q.text},
            {"required", q.required}, {"respondents", q.respondents}, {"options", options},
            {"section_id", q.section_id ? json(*q.section_id) : json(nullptr)}};
  if (q.type == "scale") {
    j["mean"] = q.mean ? json(*q.mean) : json(nullptr);
    j["median"] = q.median ? json(*q.median) : json(nullptr);
    j["low_label"] = q.low_label;
    j["high_label"] = q.high_label;
  }
  if (q.type == "ranking") j["ranking"] = ranking;
  if (q.type == "text") {
    j["text_answers_visible"] = q.text_answers_visible;
    j["text_answers_hidden"] = q.text_answers_hidden;
  }
  return j;
}
}  // namespace

json ToJson(const ConsultationReport& r) {
  json sections = json::array();
  for (const auto& s : r.sections) {
    json thread = json::array();
    for (const auto& k : s.thread) thread.push_back(CommentJson(k));
    sections.push_back({{"id", s.id ? json(s.id) : json(nullptr)},
                        {"heading", s.heading},
                        {"removed", s.removed},
                        {"comments", s.comments},
                        {"replies", s.replies},
                        {"support", s.support},
                        {"oppose", s.oppose},
                        {"thread", thread}});
  }
  json days = json::array();
  for (const auto& d : r.days) days.push_back({{"date", d.date}, {"comments", d.comments}, {"replies", d.replies}});
  json reasons = json::array();
  for (const auto& [reason, n] : r.hidden_reasons) reasons.push_back({{"reason", reason}, {"count", n}});
  json decisions = json::array();
  for (const auto& d : r.decisions) {
    decisions.push_back({{"id", d.id}, {"version", d.version}, {"title", d.title}, {"body_name", d.body_name},
                         {"reference", d.reference}, {"decided_at", d.decided_at}, {"outcome", d.outcome},
                         {"votes", d.votes}, {"answers", d.answers}, {"published_at", d.published_at},
                         {"url", "/decisions/" + std::to_string(d.id)},
                         {"log_entry", "/log/" + std::to_string(d.log_seq)}});
  }
  json questions = json::array();
  for (const auto& q : r.questions) questions.push_back(QuestionJson(q));
  return {
      {"consultation",
       {{"id", r.id}, {"url", "/consultations/" + std::to_string(r.id)}, {"title", r.title},
        {"summary", r.summary}, {"body", r.body}, {"language", r.language}, {"area", Opt(r.area)},
        {"tags", r.tags}, {"state", r.state}, {"opens_at", r.opens_at}, {"closes_at", r.closes_at},
        {"published_at", Opt(r.published_at)}, {"decided_at", Opt(r.decided_at)}, {"version", r.version},
        {"responsible_role", r.responsible_role}, {"extensions", r.extensions},
        {"announced", {{"log_seq", r.published_seq ? json(r.published_seq) : json(nullptr)},
                       {"at", r.published_event_at.empty() ? json(nullptr) : json(r.published_event_at)},
                       {"log_entry", r.published_seq ? json("/log/" + std::to_string(r.published_seq)) : json(nullptr)},
                       {"feed", "/feeds/consultations.atom"}}}}},
      {"draft", r.draft()},
      {"introduction_md", r.intro_md},
      {"summary_md", r.summary_md},
      {"texts_published_at", Opt(r.report_published_at)},
      {"participation",
       {{"respondents", r.respondents}, {"comments", r.comments}, {"replies", r.replies},
        {"official_replies", r.official_replies}, {"supports", r.supports}, {"opposes", r.opposes},
        {"hidden", r.hidden}, {"hidden_reasons", reasons}, {"by_day", days}}},
      {"sections", sections},
      {"unanswered", r.unanswered},
      {"most_supported", RankedJson(r.most_supported)},
      {"most_divided", RankedJson(r.most_divided)},
      {"divided_rule", {{"min_reactions", kDividedMinReactions}, {"min_balance", kDividedMinBalance}}},
      {"decisions", decisions},
      {"questions", questions},
      {"compiled_at", r.compiled_at},
      {"log", {{"seq", r.log_seq},
               {"entry", "/log/" + std::to_string(r.log_seq)},
               {"checkpoint", r.checkpoint_size ? json(r.checkpoint_note) : json(nullptr)},
               {"checkpoint_size", r.checkpoint_size},
               {"checkpoint_signed_at", r.checkpoint_signed_at.empty() ? json(nullptr) : json(r.checkpoint_signed_at)}}}};
}

}  // namespace samrad
