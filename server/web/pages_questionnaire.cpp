// /consultations/{id}/questionnaire: the questionnaire of a consultation.
// Signed-in residents answer it while it is open (fieldsets, an error
// summary, a confirmation), change or withdraw their answer; everyone sees
// the results once they are shown (server-rendered SVG charts with the
// same numbers as tables). Without JavaScript; post-redirect-get.
#include "core/url_codec.h"
#include "server/web/answer_flags.h"
#include "server/web/pages.h"
#include "server/web/questionnaire_view.h"

namespace samrad::server {

using nlohmann::json;

namespace {

constexpr int kTextsShown = 20;  // the newest free-text answers under a text question's results

std::string PagePath(int64_t id) { return "/consultations/" + std::to_string(id) + "/questionnaire"; }

struct Reshown {
  json values;  // the posted answers, or null
  FormErrors errors;
};

json Banner(const WebContext& ctx) {
  if (json flagged = AnswerFlagBanner(ctx); !flagged.is_null()) return flagged;
  std::string done = ctx.req.Query("done").value_or("");
  if (done != "answered" && done != "withdrawn") return nullptr;
  return {{"message", ctx.Text("questionnaire_done_" + done)}};
}

json ErrorSummaryOf(const FormErrors& errors, const json& form) {
  if (errors.empty()) return nullptr;
  json items = json::array();
  for (const auto& g : errors.general) items.push_back({{"href", "#questionnaire-form"}, {"message", g}});
  for (const auto& q : form) {
    if (q["error"].is_null()) continue;
    items.push_back({{"href", "#" + q["first_input"].get<std::string>()},
                     {"message", std::to_string(q["number"].get<int>()) + ". " + q["text"].get<std::string>() + ": " +
                                     q["error"].get<std::string>()}});
  }
  return {{"items", items}};
}

ApiResponse QuestionnairePage(WebContext& ctx, int64_t id, const Reshown& r, int status) {
  const Actor& actor = ctx.req.actor;
  auto k = ctx.app.consultations->Get(actor, id);
  if (!k.ok()) return StatusPage(ctx, k.status());
  auto q = ctx.app.questionnaires->Get(actor, id);
  if (!q.ok()) return StatusPage(ctx, q.status());
  if (q->questions.empty()) return StatusPage(ctx, NotFound("no questionnaire"));
  bool open = q->state == "open";
  bool may_answer = actor && !actor->IsOfficial();
  std::optional<Answer> mine;
  if (actor) {
    auto m = ctx.app.questionnaires->Mine(actor, id);
    if (m.ok()) mine = m.value();
  }
  json values = !r.values.is_null() ? r.values : (mine ? AnswerValues(*mine) : json::object());
  json form = QuestionnaireFormView(ctx, q->questions, values, r.errors);
  json model = {{"consultation", {{"id", id}, {"title", k->title}, {"url", "/consultations/" + std::to_string(id)},
                                   {"content_lang", k->language}}},
                {"state_label", ctx.Text("state_" + q->state)},
                {"open", open},
                {"form", open && may_answer ? form : json(nullptr)},
                {"has_form", open && may_answer},
                {"action", PagePath(id)},
                {"withdraw_action", PagePath(id) + "/withdraw"},
                {"answered", mine.has_value()},
                {"answered_at", mine ? json(mine->updated_at) : json(nullptr)},
                {"sign_in", open && !actor},
                {"login_url", "/login?next=" + PercentEncode(PagePath(id) + "#questionnaire-form")},
                {"staff", actor && actor->IsOfficial()},
                {"banner", Banner(ctx)},
                {"error_summary", ErrorSummaryOf(r.errors, form)}};
  if (ctx.app.questionnaires->ResultsVisible(actor, *q)) {
    auto results = ctx.app.questionnaires->Results(actor, id);
    std::map<int64_t, std::vector<json>> texts;
    for (const auto& x : q->questions) {
      if (x.type != "text") continue;
      auto shown = ctx.app.questionnaires->VisibleTexts(actor, id, x.id, kTextsShown);
      if (!shown.ok()) continue;
      for (const auto& t : shown.value()) texts[x.id].push_back(AnswerTextView(ctx, id, x.id, t));
    }
    if (results.ok()) model["results"] = QuestionnaireResultsView(ctx, results.value(), texts);
  } else {
    model["results_later"] = true;
  }
  return RenderPage(ctx, "questionnaire", ctx.Text("questionnaire_title") + ": " + k->title, model, status);
}

ApiResponse Show(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  return QuestionnairePage(ctx, id.value(), Reshown{nullptr, {}}, 200);
}

ApiResponse Submit(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto q = ctx.app.questionnaires->Get(ctx.req.actor, id.value());
  if (!q.ok()) return StatusPage(ctx, q.status());
  Reshown r;
  r.values = AnswersFromForm(ctx, q->questions, form, r.errors);
  if (!r.errors.empty()) return QuestionnairePage(ctx, id.value(), r, 422);
  auto a = ctx.app.questionnaires->Submit(ctx.req.actor, id.value(), r.values);
  if (!a.ok()) {
    if (a.status().code() != Code::kInvalidArgument) return StatusPage(ctx, a.status());
    AddAnswerErrors(ctx, a.status(), q->questions, r.errors);
    if (r.errors.empty()) r.errors.general.push_back(ctx.Text("questionnaire_error_empty"));
    return QuestionnairePage(ctx, id.value(), r, 422);
  }
  return Redirect(ctx, PagePath(id.value()) + "?done=answered#banner");
}

ApiResponse Withdraw(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  if (Status s = ctx.app.questionnaires->Withdraw(ctx.req.actor, id.value()); !s.ok()) return StatusPage(ctx, s);
  return Redirect(ctx, PagePath(id.value()) + "?done=withdrawn#banner");
}

}  // namespace

void AddQuestionnairePages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/consultations/{id}/questionnaire", Web(app, Show));
  r.Add("POST", "/consultations/{id}/questionnaire", Web(app, Submit));
  r.Add("POST", "/consultations/{id}/questionnaire/withdraw", Web(app, Withdraw));
  AddDeskQuestionPages(r, app);
  AddDeskQuestionnaireTextPages(r, app);
  AddAnswerFlagPages(r, app);
}

}  // namespace samrad::server
