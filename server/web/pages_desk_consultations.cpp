// /desk/consultations: the officials' consultations by state (drafts, open,
// closing within 7 days, closed without a decision), and the form to open
// or edit one with any number of sections. Publishing asks to confirm;
// editing a published consultation makes a new public version with a
// reason; the closing date can be extended with a reason.
#include "server/web/desk_forms.h"
#include "server/web/desk_pages.h"
#include "server/web/format.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int64_t kClosingSoonSeconds = 7 * 24 * 3600;
constexpr int kPageSize = 20;
const std::vector<std::string> kStates = {"draft", "open", "closing", "closed", "upcoming", "decided"};

std::string EditUrl(int64_t id) { return "/desk/consultations/" + std::to_string(id) + "/edit"; }

ApiResponse List(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto page = MakePage(std::to_string(kPageSize), ctx.req.Query("cursor"), 1);
  if (!page.ok()) return StatusPage(ctx, page.status());
  std::string state = ctx.req.Query("state").value_or("");
  if (std::find(kStates.begin(), kStates.end(), state) == kStates.end()) state = "";
  std::string area = ctx.req.Query("area").value_or("");
  ConsultationFilter f{NonEmpty(state == "closing" ? "open" : state), NonEmpty(area), std::nullopt, page.value(), std::nullopt};
  if (state == "closing") f.closes_within = kClosingSoonSeconds;
  auto list = ctx.app.consultations->List(ctx.req.actor, f);
  if (!list.ok()) return StatusPage(ctx, list.status());
  json items = json::array();
  for (const auto& k : list->items) {
    json card = ConsultationCard(ctx, k);
    card["edit_url"] = EditUrl(k.id);
    card["questions_url"] = "/desk/consultations/" + std::to_string(k.id) + "/questions";
    card["publish_url"] = k.state == "draft" ? json("/desk/consultations/" + std::to_string(k.id) + "/publish") : json(nullptr);
    card["report_url"] = k.state != "draft" ? json("/desk/consultations/" + std::to_string(k.id) + "/report") : json(nullptr);
    card["comments"] = std::to_string(k.comment_count);
    items.push_back(card);
  }
  json tabs = json::array();
  for (const std::string& s : std::vector<std::string>{"", "draft", "open", "closing", "closed", "decided"}) {
    tabs.push_back({{"url", "/desk/consultations" + (s.empty() ? std::string() : "?state=" + s)},
                    {"label", ctx.Text("desk_state_" + (s.empty() ? std::string("all") : s))},
                    {"current", s == state}});
  }
  std::vector<std::pair<std::string, std::string>> keep;
  if (!state.empty()) keep.emplace_back("state", state);
  if (!area.empty()) keep.emplace_back("area", area);
  json model = {{"items", items}, {"empty", items.empty()}, {"tabs", tabs}, {"state", state},
                {"area", FieldView(ctx, "area", area, FormErrors{})},
                {"pager", Pager("/desk/consultations", keep, list->next_cursor)}};
  return RenderDeskPage(ctx, "desk_consultations", "desk_consultations_title", model);
}

json VersionsView(WebContext& ctx, const Consultation& k) {
  json out = json::array();
  auto versions = ctx.app.consultations->Versions(ctx.req.actor, k.id);
  if (!versions.ok()) return out;
  for (auto it = versions->rbegin(); it != versions->rend(); ++it) {
    out.push_back({{"version", std::to_string(it->version)}, {"at", TimeView(it->changed_at, ctx.lang)},
                   {"reason", it->reason ? json(*it->reason) : json(nullptr)}});
  }
  return out;
}

// The new or edit form page; k is the stored consultation when editing.
// focus: the id of the field or part the eye should go to after a section
// button (the new section's heading, or the sections after a removal).
ApiResponse FormPage(WebContext& ctx, const std::optional<Consultation>& k, const json& state,
                     const FormErrors& errors, const FormErrors& extension_errors = {},
                     const WebForm* extension_form = nullptr, int status = 200, const std::string& focus = "") {
  bool published = k && k->published_at;
  json form = ConsultationFormView(ctx, state, errors, published);
  Autofocus(form, focus);
  json model = {{"form", form},
                {"action", k ? "/desk/consultations/" + std::to_string(k->id) : std::string("/desk/consultations")},
                {"editing", k.has_value()}};
  model["error_summary"] = DeskErrorSummary(ctx, errors, ConsultationFieldNames(state), "consultation-form");
  if (k) {
    model["consultation"] = ConsultationCard(ctx, *k);
    model["versions"] = published ? VersionsView(ctx, *k) : json::array();
    model["has_versions"] = !model["versions"].empty();
    model["publish_url"] = published ? json(nullptr) : json("/desk/consultations/" + std::to_string(k->id) + "/publish");
    if (published && k->state != "decided") {
      std::string closes = extension_form ? extension_form->Get("desk_closes_at") : "";
      model["extension"] = {
          {"url", "/desk/consultations/" + std::to_string(k->id) + "/extension"},
          {"csrf", ctx.FormToken()},
          {"closes", TimeView(k->closes_at, ctx.lang)},
          {"closes_at", FieldView(ctx, "desk_closes_at", closes, extension_errors, {{"type", "date"}, {"required", true}})},
          {"reason", FieldView(ctx, "desk_extension_reason", extension_form ? extension_form->Get("desk_extension_reason") : "",
                               extension_errors, {{"required", true}, {"rows", 3}})}};
      if (!extension_errors.empty()) {
        model["error_summary"] = ErrorSummary(ctx, extension_errors, {"desk_closes_at", "desk_extension_reason"},
                                              "extension-form");
      }
    }
  }
  return RenderDeskPage(ctx, "desk_consultation_form", k ? "desk_edit_consultation" : "desk_new_consultation",
                        model, status);
}

ApiResponse NewForm(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  return FormPage(ctx, std::nullopt, NewConsultationState(ctx.lang, ctx.app.clock->Now()), FormErrors{});
}

Result<Consultation> Stored(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return id.status();
  return ctx.app.consultations->Get(ctx.req.actor, id.value());
}

ApiResponse EditForm(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto k = Stored(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  return FormPage(ctx, k.value(), ConsultationState(k.value()), FormErrors{});
}

// Saves a new consultation (k empty) or an edit; a section button re-shows
// the form changed; "publish now" leads to the confirmation.
ApiResponse Save(WebContext& ctx, bool editing) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  std::optional<Consultation> k;
  if (editing) {
    auto stored = Stored(ctx);
    if (!stored.ok()) return StatusPage(ctx, stored.status());
    k = stored.value();
  }
  json state = ConsultationState(form);
  std::string focus;
  if (ApplySectionOp(state, form.Get("op"), focus)) return FormPage(ctx, k, state, FormErrors{}, {}, nullptr, 200, focus);
  bool published = k && k->published_at;
  json body = ConsultationBody(state, editing);
  FormErrors errors;
  if (published && !body.contains("reason")) {
    errors.Add("desk_reason", ctx.Text("error_desk_reason"));
    return FormPage(ctx, k, state, errors, {}, nullptr, 422);
  }
  Status valid = ctx.app.validator->Validate(editing ? "consultation_patch" : "consultation_create", body);
  Result<Consultation> made = valid;
  if (valid.ok()) {
    made = editing ? ctx.app.consultations->Patch(ctx.req.actor, k->id, body)
                   : ctx.app.consultations->Create(ctx.req.actor, body);
  }
  if (made.ok()) {
    std::string id = std::to_string(made->id);
    if (!made->published_at && state.value("publish", false)) return Redirect(ctx, "/desk/consultations/" + id + "/publish");
    return Redirect(ctx, EditUrl(made->id) + "?done=" + (editing ? "saved" : "created") + "#banner");
  }
  if (made.status().code() != Code::kInvalidArgument) return StatusPage(ctx, made.status());
  return FormPage(ctx, k, state, ErrorsFrom(ctx, made.status(), ConsultationFieldNames(state)), {}, nullptr, 422);
}

// The confirmation before a draft becomes public.
ApiResponse ConfirmPublish(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto k = Stored(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  if (k->published_at) return Redirect(ctx, EditUrl(k->id));
  json model = {{"consultation", ConsultationCard(ctx, k.value())},
                {"url", "/desk/consultations/" + std::to_string(k->id) + "/publish"},
                {"edit_url", EditUrl(k->id)},
                {"csrf", ctx.FormToken()}};
  return RenderDeskPage(ctx, "desk_publish", "desk_publish_title", model);
}

ApiResponse Publish(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  auto id = IdParam(ctx.req);
  if (!id.ok()) return StatusPage(ctx, id.status());
  auto published = ctx.app.consultations->Publish(ctx.req.actor, id.value());
  if (!published.ok()) return StatusPage(ctx, published.status());
  return Redirect(ctx, EditUrl(published->id) + "?done=published#banner");
}

ApiResponse Extend(WebContext& ctx) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto k = Stored(ctx);
  if (!k.ok()) return StatusPage(ctx, k.status());
  FormErrors errors;
  std::string date = form.Get("desk_closes_at");
  std::string reason = form.Get("desk_extension_reason");
  auto day = ParseTime(date);
  if (!day || date.size() != 10) errors.Add("desk_closes_at", ctx.Text("error_desk_closes_at"));
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.Add("desk_extension_reason", ctx.Text("error_desk_reason"));
  }
  if (errors.empty()) {
    int64_t end = *day + 86399;
    auto extended = ctx.app.consultations->Extend(ctx.req.actor, k->id, FormatTime(end - StockholmOffset(end)), reason);
    if (extended.ok()) return Redirect(ctx, EditUrl(k->id) + "?done=extended#banner");
    if (extended.status().code() != Code::kInvalidArgument) return StatusPage(ctx, extended.status());
    errors.Add("desk_closes_at", ctx.Text("error_desk_closes_at_later"));
  }
  return FormPage(ctx, k.value(), ConsultationState(k.value()), FormErrors{}, errors, &form, 422);
}
}  // namespace

void AddDeskConsultationPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk/consultations", Web(app, List));
  r.Add("GET", "/desk/consultations/new", Web(app, NewForm));
  r.Add("POST", "/desk/consultations", Web(app, [](WebContext& ctx) { return Save(ctx, false); }));
  r.Add("GET", "/desk/consultations/{id}/edit", Web(app, EditForm));
  r.Add("POST", "/desk/consultations/{id}", Web(app, [](WebContext& ctx) { return Save(ctx, true); }));
  r.Add("GET", "/desk/consultations/{id}/publish", Web(app, ConfirmPublish));
  r.Add("POST", "/desk/consultations/{id}/publish", Web(app, Publish));
  r.Add("POST", "/desk/consultations/{id}/extension", Web(app, Extend));
}

}  // namespace samrad::server
