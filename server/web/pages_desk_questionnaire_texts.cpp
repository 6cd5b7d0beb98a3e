// /desk/questionnaire-texts: moderators read the free-text answers of the
// questionnaires, newest first, and hide or restore one with a public
// reason (logged as questionnaire.text_hidden / .text_restored).
#include "server/web/desk_pages.h"
#include "server/web/format.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kPageSize = 50;
constexpr const char* kPath = "/desk/questionnaire-texts";

struct Failed {
  int64_t answer_id = 0, question_id = 0;
  FormErrors errors;
};

ApiResponse TextsDesk(WebContext& ctx, const Failed& f, int status = 200) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kModerator)) return *refused;
  auto before = QueryId(ctx, "before");
  auto list = ctx.app.questionnaires->TextAnswers(ctx.req.actor, kPageSize, before);
  if (!list.ok()) return StatusPage(ctx, list.status());
  json items = json::array();
  for (const auto& t : list.value()) {
    std::string key = std::to_string(t.answer_id) + "-" + std::to_string(t.question_id);
    bool failed = f.answer_id == t.answer_id && f.question_id == t.question_id;
    items.push_back({{"anchor", "text-" + key},
                     {"consultation", t.consultation_title},
                     {"consultation_url", "/consultations/" + std::to_string(t.consultation_id) + "/questionnaire"},
                     {"question", t.question},
                     {"respondent", t.respondent},
                     {"text", t.text},
                     {"hidden", t.hidden},
                     {"hidden_reason", t.hidden_reason},
                     {"answered", TimeView(t.answered_at, ctx.lang)},
                     {"action", std::string(kPath) + "/" + std::to_string(t.answer_id) + "/" + std::to_string(t.question_id)},
                     {"reason", FieldView(ctx, "moderation_reason", "", failed ? f.errors : FormErrors{},
                                          {{"input", true}, {"type", "text"}, {"required", true}, {"id_prefix", "t" + key + "-"}})}});
  }
  json model = {{"items", items}, {"empty", items.empty()}, {"csrf", ctx.FormToken()}};
  if (list->size() == static_cast<size_t>(kPageSize)) {
    model["next_url"] = std::string(kPath) + "?before=" + std::to_string(list->back().answer_id);
  }
  if (f.answer_id) {
    std::string key = std::to_string(f.answer_id) + "-" + std::to_string(f.question_id);
    model["error_summary"] = ErrorSummary(ctx, f.errors, {"moderation_reason"}, "text-" + key, "t" + key + "-");
  }
  return RenderDeskPage(ctx, "desk_questionnaire_texts", "desk_questions_texts_title", model, status);
}

ApiResponse Moderate(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kModerator)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto qid = IdParam(ctx.req, "qid");
  if (!qid.ok()) return StatusPage(ctx, qid.status());
  std::string action = form.Get("action");
  Status s = ctx.app.questionnaires->ModerateText(ctx.req.actor, id.value(), qid.value(), action,
                                                  form.Get("moderation_reason"));
  if (s.code() == Code::kInvalidArgument) {
    Failed f{id.value(), qid.value(), {}};
    f.errors.Add("moderation_reason", ctx.Text("error_moderation_reason"));
    return TextsDesk(ctx, f, 422);
  }
  if (!s.ok()) return StatusPage(ctx, s);
  return Redirect(ctx, std::string(kPath) + "?done=questionnaire_text_" + (action == "hide" ? "hidden" : "restored") +
                           "#text-" + std::to_string(id.value()) + "-" + std::to_string(qid.value()));
}
}  // namespace

void AddDeskQuestionnaireTextPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", kPath, Web(app, [](WebContext& ctx) { return TextsDesk(ctx, Failed()); }));
  r.Add("POST", std::string(kPath) + "/{id}/{qid}", Web(app, Moderate));
}

}  // namespace samrad::server
