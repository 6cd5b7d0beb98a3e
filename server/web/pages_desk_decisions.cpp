// /desk/decisions: the officials' decisions, and the forms to publish one
// and to amend every field of it with a reason. The consultations it
// answers and the comments it answers are chosen from lists (grouped by
// consultation, with excerpts); the roll call is entered as rows, added
// without JavaScript, and checked against the counts.
#include <algorithm>

#include "server/web/desk_forms.h"
#include "server/web/desk_pages.h"
#include "server/web/format.h"
#include "server/web/pages.h"

namespace samrad::server {

using nlohmann::json;

namespace {
constexpr int kPageSize = 20;
constexpr int kCommentsShown = 100;
const std::vector<std::string> kOutcomes = {"approved", "rejected", "referred", "postponed", "revoked"};
const std::vector<std::string> kVoteKinds = {"for", "against", "abstain", "absent"};

bool Has(const json& list, const std::string& v) { return std::find(list.begin(), list.end(), v) != list.end(); }

// Consultations a decision may link: open and closed ones, and those the
// decision already links.
std::vector<Consultation> Linkable(WebContext& ctx, const json& state) {
  std::vector<Consultation> out;
  for (const char* s : {"open", "closed"}) {
    ConsultationFilter f{std::string(s), std::nullopt, std::nullopt, Page{100, std::nullopt}, std::nullopt};
    if (auto list = ctx.app.consultations->List(ctx.req.actor, f); list.ok()) {
      out.insert(out.end(), list->items.begin(), list->items.end());
    }
  }
  for (const auto& v : state["consultation_ids"]) {
    std::string id = v.get<std::string>();
    bool known = std::any_of(out.begin(), out.end(), [&](const Consultation& k) { return std::to_string(k.id) == id; });
    if (known || id.empty() || id.size() > 17 || id.find_first_not_of("0123456789") != std::string::npos) continue;
    if (auto k = ctx.app.consultations->Get(ctx.req.actor, std::stoll(id)); k.ok()) out.push_back(k.value());
  }
  return out;
}

json ConsultationChoices(WebContext& ctx, const json& state) {
  json out = json::array();
  for (const auto& k : Linkable(ctx, state)) {
    std::string id = std::to_string(k.id);
    AnswerFilter f;
    f.status = "all";
    f.consultation_id = k.id;
    f.with_decided = true;
    f.page = Page{kCommentsShown, std::nullopt};
    json comments = json::array();
    if (auto list = ctx.app.comment_answers->ForDesk(ctx.req.actor, f); list.ok()) {
      for (const auto& a : list->items) {
        std::string cid = std::to_string(a.comment.id);
        comments.push_back({{"value", cid}, {"id", "f-answers-" + cid},
                            {"author", a.comment.author.kind == "deleted" ? ctx.Text("author_deleted") : a.comment.author.name},
                            {"excerpt", ShortText(a.comment.body)},
                            {"checked", Has(state["answers_comment_ids"], cid)}});
      }
    }
    // Still taking comments: close it now or let it run (the default)?
    json closing = nullptr;
    if (k.state == "open" || k.state == "upcoming") {
      bool now = state["open_consultations"].value(id, "") == "now";
      closing = {{"name", "close_" + id}, {"id", "f-close-" + id}, {"closes", TimeView(k.closes_at, ctx.lang)},
                 {"now", now}};
    }
    out.push_back({{"value", id}, {"id", "f-consultation-" + id}, {"label", k.title}, {"content_lang", k.language},
                   {"state_label", ctx.Text("state_" + k.state)}, {"checked", Has(state["consultation_ids"], id)},
                   {"closing", closing}, {"comments", comments}, {"has_comments", !comments.empty()},
                   {"comments_legend", ctx.Text("desk_comments_of") + " " + k.title}});
  }
  return out;
}

json FormView(WebContext& ctx, const json& state, const FormErrors& errors, bool amending) {
  auto v = [&](const char* f) { return state.value(f, ""); };
  std::vector<std::string> outcomes(kOutcomes.begin(), kOutcomes.end() - (amending ? 0 : 1));
  json votes = json::array();
  for (const auto& k : kVoteKinds) {
    votes.push_back(FieldView(ctx, "votes_" + k, state["votes"].value(k, ""), errors, {{"inputmode", "numeric"}}));
  }
  json rows = json::array();
  const json& roll = state["roll_call"];
  for (size_t i = 0; i < roll.size(); ++i) {
    std::string p = "roll_" + std::to_string(i) + "_";
    std::string n = std::to_string(i + 1);
    json choices = json::array();
    for (const auto& k : kVoteKinds) {
      choices.push_back({{"value", k}, {"label", ctx.Text("vote_" + k)}, {"selected", roll[i].value("vote", "") == k}});
    }
    rows.push_back({{"number", n},
                    {"legend_id", "legend-row-" + n},
                    {"name", FieldView(ctx, p + "name", roll[i].value("name", ""), errors, {{"label", ctx.Text("label_desk_roll_name")}})},
                    {"party", FieldView(ctx, p + "party", roll[i].value("party", ""), errors, {{"label", ctx.Text("label_desk_roll_party")}})},
                    {"vote", FieldView(ctx, p + "vote", "", errors, {{"label", ctx.Text("label_desk_roll_vote")}, {"options", choices}})},
                    {"remove", "remove-row-" + std::to_string(i)}});
  }
  auto ids_error = errors.fields.find("consultation_ids");
  auto answers_error = errors.fields.find("answers_comment_ids");
  return {{"csrf", ctx.FormToken()},
          {"title", FieldView(ctx, "title", v("title"), errors, {{"required", true}})},
          {"body", FieldView(ctx, "body", v("body"), errors, {{"required", true}, {"rows", 10}})},
          {"body_name", FieldView(ctx, "body_name", v("body_name"), errors, {{"required", true}})},
          {"reference", FieldView(ctx, "reference", v("reference"), errors, {{"required", true}})},
          {"decided_at", FieldView(ctx, "decided_at", v("decided_at"), errors, {{"type", "date"}, {"required", true}})},
          {"outcome", FieldView(ctx, "outcome", "", errors, {{"options", Options(ctx, outcomes, "outcome_", v("outcome"))}})},
          {"consultations", ConsultationChoices(ctx, state)},
          {"consultation_ids_error", ids_error == errors.fields.end() ? json(nullptr) : json(ids_error->second)},
          {"answers_error", answers_error == errors.fields.end() ? json(nullptr) : json(answers_error->second)},
          {"votes", votes},
          {"rows", rows},
          {"has_rows", !rows.empty()},
          {"reason", amending ? FieldView(ctx, "desk_reason", v("reason"), errors, {{"required", true}, {"rows", 3}})
                              : json(nullptr)}};
}

// focus: the id of the field or part the eye should go to after a button
// of the form (a new roll-call row's first field).
ApiResponse FormPage(WebContext& ctx, const std::optional<DecisionVersion>& current, const json& state,
                     const FormErrors& errors, int status = 200, const std::string& focus = "") {
  bool amending = current.has_value();
  json form = FormView(ctx, state, errors, amending);
  Autofocus(form, focus);
  json model = {{"form", form},
                {"action", amending ? "/desk/decisions/" + std::to_string(current->decision_id) + "/amend"
                                    : std::string("/desk/decisions")},
                {"amending", amending},
                {"error_summary", DeskErrorSummary(ctx, errors, DecisionFieldNames(state), "decision-form")}};
  if (amending) model["decision"] = DecisionCard(ctx, *current);
  return RenderDeskPage(ctx, "desk_decision_form", amending ? "desk_amend_decision" : "desk_new_decision", model,
                        status);
}

ApiResponse List(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto page = MakePage(std::to_string(kPageSize), ctx.req.Query("cursor"), 2);
  if (!page.ok()) return StatusPage(ctx, page.status());
  std::string outcome = ctx.req.Query("outcome").value_or("");
  if (std::find(kOutcomes.begin(), kOutcomes.end(), outcome) == kOutcomes.end()) outcome = "";
  std::string body_name = ctx.req.Query("body_name").value_or("");
  DecisionFilter f{NonEmpty(body_name), std::nullopt, std::nullopt, NonEmpty(outcome), page.value()};
  auto list = ctx.app.decisions->List(f);
  if (!list.ok()) return StatusPage(ctx, list.status());
  json items = json::array();
  for (const auto& d : list->items) {
    json card = DecisionCard(ctx, d);
    card["amend_url"] = "/desk/decisions/" + std::to_string(d.decision_id) + "/amend";
    card["revoked"] = d.outcome == "revoked";
    items.push_back(card);
  }
  std::vector<std::pair<std::string, std::string>> keep;
  if (!outcome.empty()) keep.emplace_back("outcome", outcome);
  if (!body_name.empty()) keep.emplace_back("body_name", body_name);
  FormErrors none;
  json model = {{"items", items}, {"empty", items.empty()},
                {"outcome", FieldView(ctx, "outcome", "", none, {{"options", Options(ctx, kOutcomes, "outcome_", outcome, true)}})},
                {"body_name", FieldView(ctx, "body_name", body_name, none)},
                {"pager", Pager("/desk/decisions", keep, list->next_cursor)}};
  if (auto d = QueryId(ctx, "decision")) {
    model["banner"] = DeskBanner(ctx, {{"next", {{"url", "/decisions/" + std::to_string(*d)},
                                                 {"label", ctx.Text("desk_show_decision")}}}});
  }
  return RenderDeskPage(ctx, "desk_decisions", "desk_decisions_title", model);
}

ApiResponse NewForm(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  json state = NewDecisionState(ctx.app.clock->Now());
  // "Answer with a decision" from a comment: it and its consultation come ticked.
  if (auto c = QueryId(ctx, "answers")) {
    if (auto k = ctx.app.comments->Get(*c); k.ok()) {
      state["consultation_ids"].push_back(std::to_string(k->consultation_id));
      state["answers_comment_ids"].push_back(std::to_string(k->id));
    }
  }
  return FormPage(ctx, std::nullopt, state, FormErrors{});
}

Result<Decision> Stored(WebContext& ctx) {
  auto id = IdParam(ctx.req);
  if (!id.ok()) return id.status();
  return ctx.app.decisions->Get(id.value());
}

ApiResponse AmendForm(WebContext& ctx) {
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  auto d = Stored(ctx);
  if (!d.ok()) return StatusPage(ctx, d.status());
  return FormPage(ctx, d->current, DecisionState(d->current), FormErrors{});
}

// An amendment's errors name the field without its /changes prefix.
Status WithoutChanges(const Status& s) {
  std::vector<FieldError> errors;
  for (auto e : s.errors()) {
    if (e.field.starts_with("/changes")) e.field = e.field.substr(8);
    errors.push_back(e);
  }
  return Invalid(s.message(), errors);
}

ApiResponse Save(WebContext& ctx, bool amending) {
  WebForm form(ctx.req);
  if (auto refused = CheckPost(ctx, form)) return *refused;
  if (auto refused = DeskRefusal(ctx, DeskRole::kOfficial)) return *refused;
  std::optional<DecisionVersion> current;
  if (amending) {
    auto d = Stored(ctx);
    if (!d.ok()) return StatusPage(ctx, d.status());
    current = d->current;
  }
  json state = DecisionState(form);
  std::string focus;
  if (ApplyRollCallOp(state, form.Get("op"), focus)) return FormPage(ctx, current, state, FormErrors{}, 200, focus);
  FormErrors errors;
  json body = DecisionBody(ctx, state, errors);
  if (!amending && body["votes"].is_null()) body.erase("votes");
  std::string reason = state.value("reason", "");
  if (amending && reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.Add("desk_reason", ctx.Text("error_desk_reason"));
  }
  if (!errors.empty()) return FormPage(ctx, current, state, errors, 422);
  json request = body;
  if (amending) {
    request = {{"changes", body}, {"reason", reason}};
    if (body.contains("open_consultations")) request["open_consultations"] = body["open_consultations"];
    request["changes"].erase("open_consultations");
  }
  Status valid = ctx.app.validator->Validate(amending ? "decision_amend" : "decision_create", request);
  Result<DecisionVersion> made = valid;
  if (valid.ok()) {
    made = amending ? ctx.app.decisions->Amend(ctx.req.actor, current->decision_id, request)
                    : ctx.app.decisions->Publish(ctx.req.actor, request);
  }
  if (made.ok()) {
    return Redirect(ctx, "/desk/decisions?done=" + std::string(amending ? "decision_amended" : "decision_published") +
                             "&decision=" + std::to_string(made->decision_id) + "#banner");
  }
  if (made.status().code() != Code::kInvalidArgument) return StatusPage(ctx, made.status());
  errors = ErrorsFrom(ctx, amending ? WithoutChanges(made.status()) : made.status(), DecisionFieldNames(state));
  return FormPage(ctx, current, state, errors, 422);
}
}  // namespace

void AddDeskDecisionPages(Router& r, std::shared_ptr<App> app) {
  r.Add("GET", "/desk/decisions", Web(app, List));
  r.Add("GET", "/desk/decisions/new", Web(app, NewForm));
  r.Add("POST", "/desk/decisions", Web(app, [](WebContext& ctx) { return Save(ctx, false); }));
  r.Add("GET", "/desk/decisions/{id}/amend", Web(app, AmendForm));
  r.Add("POST", "/desk/decisions/{id}/amend", Web(app, [](WebContext& ctx) { return Save(ctx, true); }));
}

}  // namespace samrad::server
