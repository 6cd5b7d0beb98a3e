// /desk: the officials' and moderators' task desk. Officials see
// consultations closing soon or waiting for a decision and the forms to
// open a consultation and publish a decision. The moderation queue and the
// comments awaiting an official answer are blocks of the same page, filled
// once comments exist (model: moderation, awaiting_answer).
#include <algorithm>

#include "core/clock.h"
#include "core/schema_validator.h"
#include "server/handler_util.h"
#include "server/web_desk_forms.h"
#include "server/web_models.h"
#include "server/web_pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int64_t kClosingSoonSeconds = 14 * 24 * 3600;

// Which form a re-shown desk page carries a post (and its errors) for.
struct Reshown {
  const WebForm* consultation = nullptr;
  const WebForm* decision = nullptr;
  FormErrors errors;
};

std::vector<Consultation> InState(WebContext& ctx, const std::string& state) {
  ConsultationFilter f{state, std::nullopt, std::nullopt, Page{200, std::nullopt}};
  auto list = ctx.app.consultations->List(ctx.req.actor, f);
  return list.ok() ? list->items : std::vector<Consultation>{};
}

ApiResponse Desk(WebContext& ctx, const Reshown& reshown = {}, int status = 200) {
  const Actor& actor = ctx.req.actor;
  if (!actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  if (!actor->IsOfficial() && !actor->IsModerator()) return StatusPage(ctx, Forbidden("officials and moderators"));
  int64_t now = ctx.app.clock->Now();
  json model = {{"official", actor->IsOfficial()}, {"moderator", actor->IsModerator()}};
  if (actor->IsOfficial()) {
    auto open = InState(ctx, "open");
    std::sort(open.begin(), open.end(), [](const Consultation& a, const Consultation& b) {
      return ParseTime(a.closes_at) < ParseTime(b.closes_at);
    });
    json closing = json::array();
    for (const auto& k : open) {
      auto closes = ParseTime(k.closes_at);
      if (closes && *closes - now <= kClosingSoonSeconds) closing.push_back(ConsultationCard(ctx, k));
    }
    auto closed = InState(ctx, "closed");
    json waiting = json::array();
    for (const auto& k : closed) waiting.push_back(ConsultationCard(ctx, k));
    json drafts = json::array();
    for (const auto& k : InState(ctx, "draft")) {
      json card = ConsultationCard(ctx, k);
      card["publish_url"] = "/desk/consultations/" + std::to_string(k.id) + "/publish";
      card["csrf"] = ctx.FormToken();
      drafts.push_back(card);
    }
    std::vector<Consultation> linkable = closed;
    linkable.insert(linkable.end(), open.begin(), open.end());
    FormErrors none;
    const FormErrors& ce = reshown.consultation ? reshown.errors : none;
    const FormErrors& de = reshown.decision ? reshown.errors : none;
    // The forms sit below the lists: say at the top where the errors are.
    if (reshown.consultation) model["errors_in"] = {{"href", "#consultation-form"}, {"label", ctx.Text("desk_open_form")}};
    if (reshown.decision) model["errors_in"] = {{"href", "#decision-form"}, {"label", ctx.Text("desk_decision_form")}};
    model["closing"] = closing;
    model["waiting"] = waiting;
    model["drafts"] = drafts;
    model["consultation_form"] = ConsultationFormView(ctx, reshown.consultation, ce, now);
    model["decision_form"] = DecisionFormView(ctx, reshown.decision, de, linkable, now);
  }
  return RenderPage(ctx, "desk", ctx.Text("desk_title"), model, status);
}

ApiResponse OpenConsultation(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  json body = ConsultationFromForm(form);
  Status valid = ctx.app.validator->Validate("consultation_create", body);
  Result<Consultation> made = valid.ok() ? ctx.app.consultations->Create(ctx.req.actor, body) : Result<Consultation>(valid);
  if (made.ok() && !form.Get("publish").empty()) made = ctx.app.consultations->Publish(ctx.req.actor, made->id);
  if (made.ok()) return Redirect(ctx, "/consultations/" + std::to_string(made->id));
  if (made.status().code() != Code::kInvalidArgument) return StatusPage(ctx, made.status());
  Reshown r{&form, nullptr, ErrorsFrom(ctx, made.status(), kConsultationFormFields)};
  return Desk(ctx, r, 422);
}

ApiResponse PublishDraft(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto published = ctx.app.consultations->Publish(ctx.req.actor, id.value());
  if (!published.ok()) return StatusPage(ctx, published.status());
  return Redirect(ctx, "/consultations/" + std::to_string(published->id));
}

ApiResponse PublishDecision(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (!ctx.req.actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  FormErrors read_errors;
  json body = DecisionFromForm(ctx, form, read_errors);
  Status valid = read_errors.empty() ? ctx.app.validator->Validate("decision_create", body) : Status::Ok();
  Result<DecisionVersion> made = valid;
  if (read_errors.empty() && valid.ok()) made = ctx.app.decisions->Publish(ctx.req.actor, body);
  if (read_errors.empty() && made.ok()) return Redirect(ctx, "/decisions/" + std::to_string(made->decision_id));
  if (read_errors.empty() && made.status().code() != Code::kInvalidArgument) return StatusPage(ctx, made.status());
  Reshown r{nullptr, &form, read_errors.empty() ? ErrorsFrom(ctx, made.status(), kDecisionFormFields) : read_errors};
  return Desk(ctx, r, 422);
}
}  // namespace

void AddDeskPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk", Web(app, [](WebContext& ctx) { return Desk(ctx); }));
  r.Add("POST", "/desk/consultations", Web(app, OpenConsultation));
  r.Add("POST", "/desk/decisions", Web(app, PublishDecision));
  r.Add("POST", "/desk/consultations/{id}/publish", Web(app, PublishDraft));
}

}  // namespace samrad::server
