// /desk: the officials' and moderators' task desk. Moderators work the
// queue of flagged comments (hide or restore with a reason). Officials see
// comments awaiting an answer, consultations closing soon or waiting for a
// decision, and the forms to open a consultation and publish a decision.
#include <algorithm>

#include "core/clock.h"
#include "core/schema_validator.h"
#include "server/http/router.h"
#include "server/web/desk_forms.h"
#include "server/web/models.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int64_t kClosingSoonSeconds = 14 * 24 * 3600;
constexpr int kQueueShown = 50;
constexpr int kAwaitingShown = 50;

// Which form a re-shown desk page carries a post (and its errors) for.
struct Reshown {
  const WebForm* consultation = nullptr;
  const WebForm* decision = nullptr;
  FormErrors errors;
  CommentsState moderation;  // a hide/restore form re-shown with its error
};

json ModerationQueue(WebContext& ctx, const CommentsState& st) {
  json items = json::array();
  auto queue = ctx.app.moderation->Queue(ctx.req.actor, Page{kQueueShown, std::nullopt});
  if (queue.ok()) {
    for (const auto& q : queue->items) items.push_back(QueueItemView(ctx, q, st));
  }
  return items;
}

json Awaiting(WebContext& ctx) {
  json items = json::array();
  auto awaiting = ctx.app.comment_answers->AwaitingAnswer(ctx.req.actor, kAwaitingShown);
  if (awaiting.ok()) {
    for (const auto& a : awaiting.value()) items.push_back(AwaitingView(ctx, a));
  }
  return items;
}

std::vector<Consultation> InState(WebContext& ctx, const std::string& state) {
  ConsultationFilter f{state, std::nullopt, std::nullopt, Page{200, std::nullopt}};
  auto list = ctx.app.consultations->List(ctx.req.actor, f);
  return list.ok() ? list->items : std::vector<Consultation>{};
}

ApiResponse Desk(WebContext& ctx, const Reshown& reshown, int status = 200) {
  const Actor& actor = ctx.req.actor;
  if (!actor) return StatusPage(ctx, Unauthenticated("sign in first"));
  if (!actor->IsOfficial() && !actor->IsModerator()) return StatusPage(ctx, Forbidden("officials and moderators"));
  int64_t now = ctx.app.clock->Now();
  json model = {{"official", actor->IsOfficial()}, {"moderator", actor->IsModerator()}};
  if (actor->IsModerator()) {
    model["queue"] = ModerationQueue(ctx, reshown.moderation);
    model["queue_empty"] = model["queue"].empty();
    if (reshown.moderation.form) {
      model["errors_in"] = {{"href", "#" + reshown.moderation.target}, {"label", ctx.Text("desk_moderation")}};
    }
  }
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
    model["awaiting"] = Awaiting(ctx);
    model["awaiting_empty"] = model["awaiting"].empty();
    model["closing"] = closing;
    model["waiting"] = waiting;
    model["drafts"] = drafts;
    model["consultation_form"] = ConsultationFormView(ctx, reshown.consultation, ce, now);
    model["decision_form"] = DecisionFormView(ctx, reshown.decision, de, linkable, now);
  }
  return RenderPage(ctx, "desk", ctx.Text("desk_title"), model, status);
}

// Hides or restores a comment; back to the desk or the consultation page,
// or the form again with its error when no reason is given.
ApiResponse Moderate(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto k = ctx.app.comments->Get(id.value());
  if (!k.ok()) return StatusPage(ctx, k.status());
  bool to_desk = form.Get("back") == "desk";
  std::string reason = form.Get("moderation_reason");
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    CommentsState st;
    st.form = &form;
    st.target = "moderate-" + std::to_string(k->id);
    st.errors.Add("moderation_reason", ctx.Text("error_moderation_reason"));
    if (!to_desk) return ConsultationPage(ctx, k->consultation_id, std::move(st), 422);
    Reshown r;
    r.moderation = std::move(st);
    return Desk(ctx, r, 422);
  }
  auto act = ctx.app.moderation->Moderate(ctx.req.actor, k->id, form.Get("action"), reason);
  // Already in that state (two moderators at once): the page shows the outcome.
  if (!act.ok() && act.status().code() != Code::kConflict) return StatusPage(ctx, act.status());
  if (to_desk) return Redirect(ctx, "/desk#h-moderation");
  return Redirect(ctx, "/consultations/" + std::to_string(k->consultation_id) + "#comment-" + std::to_string(k->id));
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
  Reshown r;
  r.consultation = &form;
  r.errors = ErrorsFrom(ctx, made.status(), kConsultationFormFields);
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
  Reshown r;
  r.decision = &form;
  r.errors = read_errors.empty() ? ErrorsFrom(ctx, made.status(), kDecisionFormFields) : read_errors;
  return Desk(ctx, r, 422);
}
}  // namespace

void AddDeskPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk", Web(app, [](WebContext& ctx) { return Desk(ctx, Reshown()); }));
  r.Add("POST", "/desk/consultations", Web(app, OpenConsultation));
  r.Add("POST", "/desk/decisions", Web(app, PublishDecision));
  r.Add("POST", "/desk/consultations/{id}/publish", Web(app, PublishDraft));
  r.Add("POST", "/comments/{id}/moderation", Web(app, Moderate));
}

}  // namespace samrad::server
