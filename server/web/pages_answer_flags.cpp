// The flag form beside each visible free-text answer of a questionnaire's
// results and the POST behind it: a reason (as for comments) and an
// optional note for the moderators, then back to the results with a banner.
#include "server/web/answer_flags.h"

#include <algorithm>

#include "server/web/models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
std::string ResultsPath(int64_t consultation_id) {
  return "/consultations/" + std::to_string(consultation_id) + "/questionnaire";
}

std::string Key(int64_t answer_id, int64_t question_id) {
  return std::to_string(answer_id) + "-" + std::to_string(question_id);
}

ApiResponse Flag(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  auto aid = IdParam(ctx.req, "aid");
  auto qid = IdParam(ctx.req, "qid");
  if (!id.ok() || !aid.ok() || !qid.ok()) return StatusPage(ctx, NotFound("no such answer"));
  std::string reason = form.Get("flag_reason");
  if (std::find(kFlagReasons.begin(), kFlagReasons.end(), reason) == kFlagReasons.end()) {
    return StatusPage(ctx, InvalidField("/reason", ctx.Text("resident_error_flag_reason")));
  }
  // The answer must be one of this consultation's: no flag through another page.
  auto q = ctx.app.questionnaires->Get(ctx.req.actor, id.value());
  if (!q.ok()) return StatusPage(ctx, q.status());
  bool asked = std::any_of(q->questions.begin(), q->questions.end(),
                           [&](const Question& x) { return x.id == qid.value() && x.type == "text"; });
  if (!asked) return StatusPage(ctx, NotFound("no such question in this consultation"));
  auto flag = ctx.app.questionnaires->FlagText(ctx.req.actor, aid.value(), qid.value(), reason,
                                               NonEmpty(form.Get("flag_note")));
  if (!flag.ok() && flag.status().code() != Code::kConflict) return StatusPage(ctx, flag.status());
  std::string done = flag.ok() ? "flagged" : "not_flagged";
  return Redirect(ctx, ResultsPath(id.value()) + "?done=" + done + "&answer=" + Key(aid.value(), qid.value()) +
                           "#banner");
}
}  // namespace

json AnswerTextView(WebContext& ctx, int64_t consultation_id, int64_t question_id, const VisibleText& t) {
  std::string key = Key(t.answer_id, question_id);
  json v = {{"text", t.text}, {"anchor", "answer-" + key}, {"flag", nullptr}};
  if (!ctx.req.actor || t.own) return v;
  std::string prefix = "a" + key + "-";
  v["flag"] = {{"url", ResultsPath(consultation_id) + "/answers/" + std::to_string(t.answer_id) + "/" +
                           std::to_string(question_id) + "/flags"},
               {"csrf", ctx.FormToken()},
               {"reason", FieldView(ctx, "flag_reason", "", {},
                                    {{"id_prefix", prefix}, {"options", Options(ctx, kFlagReasons, "flag_reason_", "")}})},
               {"note", FieldView(ctx, "flag_note", "", {}, {{"id_prefix", prefix}, {"rows", 2}})}};
  return v;
}

json AnswerFlagBanner(const WebContext& ctx) {
  std::string done = ctx.req.Query("done").value_or("");
  if (done != "flagged" && done != "not_flagged") return nullptr;
  return {{"message", ctx.Text("qmod_done_" + done)}};
}

void AddAnswerFlagPages(Router& r, std::shared_ptr<App> app) {
  r.Add("POST", "/consultations/{id}/questionnaire/answers/{aid}/{qid}/flags", Web(app, Flag));
}

}  // namespace samrad::server
